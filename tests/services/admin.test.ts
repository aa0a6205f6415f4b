// The administration: admins only, every write audited, tokens shown once and revoked at once,
// disabling an account ends its sessions, limits and blocks changed through the rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateToken, createUser } from '../../src/services/accounts.ts';
import type { Programme } from '../../src/domain/programmes.ts';
import { parseForm } from '../../src/lib/server/forms.ts';
import { signInAccountInput, tokenAccountInput } from '../../src/schemas/accounts.ts';
import { blockInput, siteInput, stayLimitsInput, unitInput } from '../../src/schemas/inventory.ts';
import {
  addSignInAccount,
  addTokenAccount,
  changeAccountRole,
  changeStayLimit,
  getAdminOverview,
  liftBlock,
  listAccounts,
  listAuditLog,
  listCurrentBlocks,
  listInventory,
  listLimits,
  listTokens,
  revokeToken,
  setAccountActive,
  setUnitInService
} from '../../src/services/admin.ts';
import { createBlock, writeBlock } from '../../src/services/blocks.ts';
import { writeTransaction } from '../../src/services/transaction.ts';
import { readSession, signIn } from '../../src/services/sessions.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, auditEntriesFor, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;

beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

const SITE = { name: 'Maison de Marsillargues', commune: 'Marsillargues', address: '18 chemin des Canaux', confidential: true, kind: 'apartment' } as const;
const UNIT = { name: 'Logement 1', capacity: 2, typology: 'T2', programmes: ['emergency', 'dv_protocol'] as Programme[], accessible: true, nightlyCost: null };

/** A form as a browser posts it. */
function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
}
const paths = (r: { ok: boolean; errors?: { path: string }[] }) => (r.ok ? [] : r.errors!.map((e) => e.path));

describe('who may administer', () => {
  it('every administration action refuses a duty officer, a housing officer and a partner', async () => {
    expect.hasAssertions();
    const site = createSite(w.db, w.actors.admin, SITE);
    const unit = createUnit(w.db, w.actors.admin, { ...UNIT, siteId: site.id });
    const tokens = listTokens(w.db, w.actors.admin);
    for (const role of ['duty_officer', 'housing_officer', 'partner'] as const) {
      const a = w.actors[role];
      expectAppError(() => getAdminOverview(w.db, a), 'forbidden');
      expectAppError(() => listInventory(w.db, a), 'forbidden');
      expectAppError(() => createSite(w.db, a, SITE), 'forbidden');
      expectAppError(() => createUnit(w.db, a, { ...UNIT, siteId: site.id }), 'forbidden');
      expectAppError(() => setUnitInService(w.db, a, unit.id, false), 'forbidden');
      expectAppError(() => listLimits(w.db, a), 'forbidden');
      expectAppError(() => changeStayLimit(w.db, a, { programme: 'emergency', siteKind: 'hotel', maxNights: 5 }), 'forbidden');
      expectAppError(() => listAccounts(w.db, a), 'forbidden');
      await expect(addSignInAccount(w.db, a, { email: 'x@y.fr', role: 'admin', password: 'a long password' })).rejects.toMatchObject({ code: 'forbidden' });
      expectAppError(() => changeAccountRole(w.db, a, w.actors.partner.accountId, 'admin'), 'forbidden');
      expectAppError(() => setAccountActive(w.db, a, w.actors.admin.accountId, false), 'forbidden');
      expectAppError(() => listTokens(w.db, a), 'forbidden');
      expectAppError(() => addTokenAccount(w.db, a, { name: 'x', role: 'admin' }), 'forbidden');
      expectAppError(() => revokeToken(w.db, a, tokens[0].id), 'forbidden');
      expectAppError(() => listAuditLog(w.db, a), 'forbidden');
    }
    expect(listInventory(w.db, w.actors.admin).map((s) => s.units.length)).toEqual([1]);
  });

  it('blocks are for admins and duty officers; a housing officer or a partner may neither add nor lift one', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    const block = createBlock(w.db, w.actors.duty_officer, { unitId, start: '2027-03-02', end: '2027-03-04', reason: 'Fuite' });
    for (const role of ['housing_officer', 'partner'] as const) {
      expectAppError(() => createBlock(w.db, w.actors[role], { unitId, start: '2027-03-05', end: '2027-03-06', reason: 'x' }), 'forbidden');
      expectAppError(() => liftBlock(w.db, w.actors[role], block.id), 'forbidden');
      expectAppError(() => listCurrentBlocks(w.db, w.actors[role]), 'forbidden');
    }
    expect(listCurrentBlocks(w.db, w.actors.duty_officer).map((b) => b.id)).toEqual([block.id]);
  });
});

describe('sites and units', () => {
  it('creating a site and a unit lists them and writes an audit entry for each', () => {
    expect.hasAssertions();
    const site = createSite(w.db, w.actors.admin, SITE);
    const unit = createUnit(w.db, w.actors.admin, { ...UNIT, siteId: site.id, nightlyCost: 62.5 });
    const [listed] = listInventory(w.db, w.actors.admin);
    expect(listed).toMatchObject({ id: site.id, name: SITE.name, confidential: true, kind: 'apartment' });
    expect(listed.units).toEqual([
      { id: unit.id, name: 'Logement 1', capacity: 2, typology: 'T2', accessible: true, programmes: ['emergency', 'dv_protocol'], nightlyCost: 62.5, reservedFor: null, active: true, alt: false }
    ]);
    expect(auditEntriesFor(w, site.id).map((e) => e.action)).toEqual(['site.create']);
    expect(auditEntriesFor(w, unit.id).map((e) => e.action)).toEqual(['unit.create']);
  });

  it('a site or unit form with mistakes is refused by its schema (the API’s) with every field at fault', () => {
    expect.hasAssertions();
    expect(paths(parseForm(siteInput, form({ name: ' ', commune: '', address: 'x', kind: 'castle' })))).toEqual(['name', 'commune', 'kind']);
    expect(paths(parseForm(siteInput, form({ name: 'x'.repeat(201), commune: 'Lunel', address: 'x', kind: 'hotel' })))).toEqual(['name']);
    const unit = parseForm(unitInput, form({ siteId: 's', name: 'x', capacity: '0', programmes: [], nightlyCost: '-1' }));
    expect(paths(unit)).toEqual(['capacity', 'programmes', 'nightlyCost']);
    expect(paths(parseForm(unitInput, form({ siteId: 's', name: 'x', capacity: '51', programmes: ['camping'] })))).toEqual(['capacity', 'programmes.0']);
    const ok = parseForm(unitInput, form({ siteId: 's', name: ' Logement 1 ', capacity: '2', programmes: ['emergency', 'dv_protocol'], accessible: 'on', typology: '', nightlyCost: '62,50' }));
    expect(ok).toMatchObject({ ok: true, data: { siteId: 's', name: 'Logement 1', capacity: 2, programmes: ['emergency', 'dv_protocol'], accessible: true, nightlyCost: 62.5 } });
  });

  it('a unit on a site that does not exist is refused and nothing is written', () => {
    expect.hasAssertions();
    expectAppError(() => createUnit(w.db, w.actors.admin, { ...UNIT, programmes: ['emergency'], siteId: 'nowhere' }), 'not_found');
    expect(countRows(w, 'units')).toBe(0);
  });

  it('a unit with a live stay from tonight on cannot be deactivated; once free it can, audited, and back again', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    const stay = placeStay(w.db, w.actors.admin, { unitId, start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: household() }).value;
    const e = expectAppError(() => setUnitInService(w.db, w.actors.admin, unitId, false), 'invalid');
    expect(e.errors).toEqual([{ path: 'unitId', message: 'live_stays' }]);
    // Two days later the stay is over: the unit may go.
    fixClock(at('2027-03-03T14:00:00+01:00'));
    setUnitInService(w.db, w.actors.admin, unitId, false);
    expect(listInventory(w.db, w.actors.admin).flatMap((s) => s.units).find((u) => u.id === unitId)?.active).toBe(false);
    setUnitInService(w.db, w.actors.admin, unitId, true);
    expect(auditEntriesFor(w, unitId).map((x) => x.action)).toEqual(['unit.create', 'unit.deactivate', 'unit.activate']);
    expect(stay.id).toBeTruthy();
  });
});

describe('stay limits', () => {
  it('an admin changes a limit; the new limit applies to the next placement, and the change is audited', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin, { siteKind: 'hotel' });
    expect(listLimits(w.db, w.actors.admin).find((l) => l.programme === 'emergency' && l.siteKind === 'hotel')?.maxNights).toBe(3);
    const place = () => placeStay(w.db, w.actors.duty_officer, { unitId, start: '2027-03-01', end: '2027-03-06', programme: 'emergency', household: household() });
    expectAppError(place, 'limit_exceeded');
    changeStayLimit(w.db, w.actors.admin, { programme: 'emergency', siteKind: 'hotel', maxNights: 5 });
    expect(listLimits(w.db, w.actors.admin).find((l) => l.programme === 'emergency' && l.siteKind === 'hotel')?.maxNights).toBe(5);
    expect(place().value.status).toBe('confirmed');
    const [entry] = auditEntriesFor(w, 'emergency/hotel');
    expect(entry).toMatchObject({ action: 'limit.change', actor_id: w.actors.admin.accountId });
    expect(JSON.parse(entry.detail!)).toEqual({ previous: 3, maxNights: 5 });
  });

  it('a limit must be a whole number of nights from 1 to 1096', () => {
    expect.hasAssertions();
    for (const maxNights of [0, -3, 1.5, 1097, Number.NaN]) {
      const e = expectAppError(() => changeStayLimit(w.db, w.actors.admin, { programme: 'emergency', siteKind: 'hotel', maxNights }), 'invalid');
      expect(e.errors).toEqual([{ path: 'maxNights.hotel', message: 'range' }]);
    }
    // A programme or a number the form cannot carry is its schema's to refuse.
    expect(paths(parseForm(stayLimitsInput, form({ programme: 'camping', 'maxNights.hotel': '3' })))).toEqual(['programme']);
    expect(paths(parseForm(stayLimitsInput, form({ programme: 'emergency', 'maxNights.hotel': 'trois', 'maxNights.apartment': '1.5' })))).toEqual(['maxNights.apartment', 'maxNights.hotel']);
    expect(parseForm(stayLimitsInput, form({ programme: 'emergency', 'maxNights.hotel': '5000', 'maxNights.apartment': '' }))).toMatchObject({ ok: true, data: { programme: 'emergency', maxNights: { hotel: 5000 } } });
  });
});

describe('blocks', () => {
  it('a future block is lifted by deleting it, audited, and its nights are free again', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    const block = createBlock(w.db, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-05', reason: 'Peinture' });
    expect(liftBlock(w.db, w.actors.duty_officer, block.id)).toEqual({ deleted: true, end: null, unitId });
    expect(countRows(w, 'blocks')).toBe(0);
    expect(auditEntriesFor(w, block.id).map((e) => e.action)).toEqual(['block.create', 'block.lift']);
    const placed = placeStay(w.db, w.actors.duty_officer, { unitId, start: '2027-03-02', end: '2027-03-05', programme: 'emergency', household: household() });
    expect(placed.value.status).toBe('confirmed');
  });

  it('a block that began before tonight keeps its past nights and ends at tonight', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    const block = createBlock(w.db, w.actors.admin, { unitId, start: '2027-02-25', end: '2027-03-10', reason: 'Dégât des eaux' });
    expect(liftBlock(w.db, w.actors.admin, block.id)).toEqual({ deleted: false, end: '2027-03-01', unitId });
    expect(listCurrentBlocks(w.db, w.actors.admin)).toEqual([]);
    const row = w.db.$client.prepare('SELECT start_date AS start, end_date AS end FROM blocks WHERE id = ?').get(block.id);
    expect(row).toEqual({ start: '2027-02-25', end: '2027-03-01' });
  });

  it('a block the system wrote (a mission unit outside its offer’s period) is not lifted, by any role: 409, nothing changed', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    // The mission's own write flags its block (whatever the reason says).
    const block = writeTransaction(w.db, (tx) => writeBlock(tx, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-05', reason: 'Hors de la période de l’offre' }, 'outside_offer_period'));
    expect(block.system).toBe('outside_offer_period');
    for (const role of ['admin', 'duty_officer'] as const) {
      expectAppError(() => liftBlock(w.db, w.actors[role], block.id), 'invalid_transition');
    }
    expect(w.db.$client.prepare('SELECT start_date AS start, end_date AS end FROM blocks WHERE id = ?').get(block.id)).toEqual({ start: '2027-03-02', end: '2027-03-05' });
    expect(auditEntriesFor(w, block.id).map((e) => e.action)).toEqual(['block.create']);
  });

  it.each(['Hors de la période de l’offre', "Hors de la période de l'offre / outside the offer's period", ' Hors de la période de l’offre '])(
    'a block a person wrote with the system’s reason text (%j) is still theirs: flagged by nobody, lifted',
    (reason) => {
      expect.hasAssertions();
      const unitId = makeUnit(w.db, w.actors.admin);
      const block = createBlock(w.db, w.actors.duty_officer, { unitId, start: '2027-03-02', end: '2027-03-05', reason });
      expect(w.db.$client.prepare('SELECT system FROM blocks WHERE id = ?').pluck().get(block.id)).toBeNull();
      expect(liftBlock(w.db, w.actors.duty_officer, block.id)).toEqual({ deleted: true, end: null, unitId });
      expect(countRows(w, 'blocks')).toBe(0);
      expect(auditEntriesFor(w, block.id).map((e) => e.action)).toEqual(['block.create', 'block.lift']);
    }
  );

  it('a block needs a unit, dates, a reason of at most 500 characters (its schema), and dates in order (the service)', () => {
    expect.hasAssertions();
    expect(paths(parseForm(blockInput, form({ unitId: '', start: '2027-03-05', end: 'demain', reason: ' ' })))).toEqual(['unitId', 'end', 'reason']);
    expect(paths(parseForm(blockInput, form({ unitId: 'u', start: '2027-03-05', end: '2027-03-06', reason: 'x'.repeat(501) })))).toEqual(['reason']);
    expect(parseForm(blockInput, form({ unitId: 'u', start: '2027-03-05', end: '2027-03-06', reason: 'x'.repeat(500) })).ok).toBe(true);
    const unitId = makeUnit(w.db, w.actors.admin);
    const e = expectAppError(() => createBlock(w.db, w.actors.admin, { unitId, start: '2027-03-05', end: '2027-03-02', reason: 'Fuite' }), 'invalid');
    expect(e.errors?.map((x) => x.path)).toEqual(['end']);
    expect(countRows(w, 'blocks')).toBe(0);
  });
});

describe('accounts', () => {
  it('an admin creates a sign-in account, which can sign in; the creation is audited', async () => {
    expect.hasAssertions();
    const created = await addSignInAccount(w.db, w.actors.admin, { email: ' Nuit@Lunel.fr ', name: 'Agent de nuit', role: 'duty_officer', password: 'correct horse battery' });
    expect(created.email).toBe('nuit@lunel.fr');
    const listed = listAccounts(w.db, w.actors.admin).find((a) => a.id === created.accountId);
    expect(listed).toMatchObject({ name: 'Agent de nuit', email: 'nuit@lunel.fr', role: 'duty_officer', signIn: true, enabled: true });
    const session = await signIn(w.db, { email: 'nuit@lunel.fr', password: 'correct horse battery', ip: '10.0.0.1' });
    expect(session.actor.role).toBe('duty_officer');
    expect(auditEntriesFor(w, created.accountId).map((e) => [e.action, e.actor_id])).toContainEqual(['account.create', w.actors.admin.accountId]);
  });

  it('a sign-in account needs a real email not yet used, a password of 12 characters, and an organisation for a partner', async () => {
    expect.hasAssertions();
    await addSignInAccount(w.db, w.actors.admin, { email: 'pris@lunel.fr', role: 'admin', password: 'a long password' });
    const cases: [Parameters<typeof addSignInAccount>[2], { path: string; message: string }[]][] = [
      [{ email: 'PRIS@lunel.fr', role: 'admin', password: 'a long password' }, [{ path: 'email', message: 'taken' }]],
      [{ email: 'a@lunel.fr', role: 'admin', password: 'short' }, [{ path: 'password', message: 'too_short' }]],
      [{ email: 'b@lunel.fr', role: 'partner', password: 'a long password' }, [{ path: 'organisation', message: 'organisation_required' }]]
    ];
    for (const [input, errors] of cases) {
      await expect(addSignInAccount(w.db, w.actors.admin, input)).rejects.toMatchObject({ code: 'invalid', errors });
    }
    // An address or a role the form cannot carry is its schema's to refuse (the email rule is zod's).
    expect(paths(parseForm(signInAccountInput, form({ email: 'pas-un-email', role: 'admin', password: 'a long password' })))).toEqual(['email']);
    expect(paths(parseForm(signInAccountInput, form({ email: 'c@lunel.fr', role: 'king', password: 'a long password' })))).toEqual(['role']);
    // A password is taken exactly as typed, spaces included.
    expect(parseForm(signInAccountInput, form({ email: 'c@lunel.fr', role: 'admin', password: '  a long password  ' }))).toMatchObject({ ok: true, data: { password: '  a long password  ' } });
  });

  it('disabling an account ends its sessions at once and stops its tokens; enabling it again lets it sign in', async () => {
    expect.hasAssertions();
    const { accountId } = await createUser(w.db, { email: 'agent@lunel.fr', role: 'duty_officer', password: 'correct horse battery' }, w.actors.admin);
    const session = await signIn(w.db, { email: 'agent@lunel.fr', password: 'correct horse battery', ip: '10.0.0.1' });
    expect(readSession(w.db, session.token, '10.0.0.1')).not.toBeNull();
    setAccountActive(w.db, w.actors.admin, accountId, false);
    expect(countRows(w, 'sessions')).toBe(0);
    expect(readSession(w.db, session.token, '10.0.0.1')).toBeNull();
    await expect(signIn(w.db, { email: 'agent@lunel.fr', password: 'correct horse battery', ip: '10.0.0.2' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(listAccounts(w.db, w.actors.admin).find((a) => a.id === accountId)?.enabled).toBe(false);
    // A token account disabled: its token no longer authenticates.
    const t = addTokenAccount(w.db, w.actors.admin, { name: 'Script SIAO', role: 'duty_officer' });
    setAccountActive(w.db, w.actors.admin, t.accountId, false);
    expect(authenticateToken(w.db, t.token, null)).toBeNull();
    setAccountActive(w.db, w.actors.admin, accountId, true);
    expect((await signIn(w.db, { email: 'agent@lunel.fr', password: 'correct horse battery', ip: '10.0.0.3' })).actor.accountId).toBe(accountId);
    expect(auditEntriesFor(w, accountId).map((e) => e.action)).toEqual(expect.arrayContaining(['account.disable', 'account.enable']));
  });

  it('an admin may not disable or demote themself', () => {
    expect.hasAssertions();
    const a = w.actors.admin;
    expect(expectAppError(() => setAccountActive(w.db, a, a.accountId, false), 'invalid').errors).toEqual([{ path: 'account', message: 'own_account' }]);
    expect(expectAppError(() => changeAccountRole(w.db, a, a.accountId, 'duty_officer'), 'invalid').errors).toEqual([{ path: 'role', message: 'own_account' }]);
  });

  it('changing a role takes effect at once and is audited; a partner role needs an organisation', () => {
    expect.hasAssertions();
    const t = addTokenAccount(w.db, w.actors.admin, { name: 'Astreinte (script)', role: 'housing_officer' });
    changeAccountRole(w.db, w.actors.admin, t.accountId, 'duty_officer');
    expect(authenticateToken(w.db, t.token, null)?.role).toBe('duty_officer');
    const [entry] = auditEntriesFor(w, t.accountId).filter((e) => e.action === 'account.role');
    expect(JSON.parse(entry.detail!)).toEqual({ from: 'housing_officer', to: 'duty_officer' });
    expect(expectAppError(() => changeAccountRole(w.db, w.actors.admin, t.accountId, 'partner'), 'invalid').errors).toEqual([
      { path: 'role', message: 'organisation_required' }
    ]);
    expectAppError(() => changeAccountRole(w.db, w.actors.admin, 'nobody', 'admin'), 'not_found');
  });
});

describe('API tokens', () => {
  it('a token is returned once at creation, never listed, and works until it is revoked', () => {
    expect.hasAssertions();
    const created = addTokenAccount(w.db, w.actors.admin, { name: 'Tableau de bord CCAS', role: 'partner', organisation: 'CCAS de Lunel' });
    expect(created.token).toMatch(/^heb_[A-Za-z0-9_-]{43}$/);
    const listed = listTokens(w.db, w.actors.admin).find((t) => t.id === created.tokenId)!;
    expect(listed).toMatchObject({ name: 'Tableau de bord CCAS', role: 'partner', organisation: 'CCAS de Lunel', revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listTokens(w.db, w.actors.admin))).not.toContain(created.token);
    // Nothing in the database holds the token itself.
    const dump = JSON.stringify(w.db.$client.prepare('SELECT * FROM api_tokens').all()) + JSON.stringify(w.db.$client.prepare('SELECT * FROM audit_entries').all());
    expect(dump).not.toContain(created.token);

    expect(authenticateToken(w.db, created.token, null)?.accountId).toBe(created.accountId);
    expect(listTokens(w.db, w.actors.admin).find((t) => t.id === created.tokenId)?.lastUsedAt).not.toBeNull();
    expect(revokeToken(w.db, w.actors.admin, created.tokenId)).toEqual({ revoked: true });
    expect(authenticateToken(w.db, created.token, null)).toBeNull();
    expect(listTokens(w.db, w.actors.admin).find((t) => t.id === created.tokenId)?.revokedAt).not.toBeNull();
    // Revoking again changes nothing and writes nothing more.
    expect(revokeToken(w.db, w.actors.admin, created.tokenId)).toEqual({ revoked: false });
    expect(auditEntriesFor(w, created.tokenId).map((e) => [e.action, e.actor_id])).toEqual([['token.revoke', w.actors.admin.accountId]]);
    expect(auditEntriesFor(w, created.accountId).map((e) => e.action)).toEqual(['token.create']);
  });

  it('a token account needs a name, a known role, and an organisation for a partner', () => {
    expect.hasAssertions();
    expect(paths(parseForm(tokenAccountInput, form({ name: ' ', role: 'partner', organisation: '' })))).toEqual(['name']);
    expect(paths(parseForm(tokenAccountInput, form({ name: 'Script', role: 'king' })))).toEqual(['role']);
    const e = expectAppError(() => addTokenAccount(w.db, w.actors.admin, { name: 'Script SIAO', role: 'partner', organisation: '' }), 'invalid');
    expect(e.errors).toEqual([{ path: 'organisation', message: 'organisation_required' }]);
    expectAppError(() => revokeToken(w.db, w.actors.admin, 'nope'), 'not_found');
  });
});

describe('the audit log', () => {
  it('lists the latest entries first with the name of who acted', () => {
    expect.hasAssertions();
    const site = createSite(w.db, w.actors.admin, SITE);
    const log = listAuditLog(w.db, w.actors.admin, 5);
    expect(log.length).toBeLessThanOrEqual(5);
    expect(log[0]).toMatchObject({ action: 'site.create', entityId: site.id, actorName: 'test admin' });
  });
});
