// Placing a household already known through the placing page's forms, over real HTTP on the demo:
// the search (GET) finds by name only households that are not confidential, by pseudonym the
// confidential ones; choosing one (`householdId`) reads its record (audited when confidential) and
// the hold places a stay for it, linked to its last stay when it follows it; the exact-name find
// (POST) is for admins and duty officers, with a reason. Bad input: 4xx, nothing changed, never 5xx.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { makeUnit } from '../support/fixtures.ts';
import { postForm, rawRequest, sessionCookie } from '../support/web-sessions.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { postJson } from './_support.ts';

let web: WebApp;
let admin: Actor;
let unit: string;
let unit2: string;
let night: string;
/** Mme Connue: placed once in an emergency unit, her stay ending tonight + 3. */
let plain: { householdId: string; stayId: string; end: string };
/** Mme Cachée Exemple: placed under the protocol, confidential. */
let hidden: { householdId: string; pseudonym: string };

function one<T>(sql: string, ...args: unknown[]): T {
  return web.db.$client.prepare(sql).get(...args) as T;
}
function actorOf(role: Role): Actor {
  return { ...one<{ accountId: string }>('SELECT id AS accountId FROM accounts WHERE role = ? AND email IS NOT NULL ORDER BY created_at LIMIT 1', role), role, organisationId: null };
}
/** The page's visible text, without the data it carries for hydration. */
function text(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}
function get(path: string, role: Role) {
  return rawRequest(web.url, 'GET', path, { headers: { cookie: sessionCookie(web.db, role), accept: 'text/html' } });
}
/** Every row that a placement or a find could write. */
function state(): string {
  const rows = ['households', 'stays', 'stay_events', 'referrals'].map((t) => web.db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
  const audit = web.db.$client.prepare(`SELECT * FROM audit_entries WHERE action NOT LIKE '%.open' ORDER BY id`).all();
  return createHash('sha256').update(JSON.stringify([rows, audit])).digest('hex');
}

beforeAll(async () => {
  web = await startWebApp();
  admin = actorOf('admin');
  night = tonight();
  unit = makeUnit(web.db, admin, { name: 'Retour A', capacity: 4, programmes: ['emergency'] });
  unit2 = makeUnit(web.db, admin, { name: 'Retour B', capacity: 4, programmes: ['emergency'] });
  const first = placeStay(web.db, admin, { unitId: unit, start: addDays(night, 40), end: addDays(night, 43), programme: 'emergency', household: { label: 'Mme Connue Retour', adults: 1, children: 2 } }).value;
  plain = { householdId: first.householdId, stayId: first.id, end: first.end };
  const protocol = placeStay(web.db, admin, { unitId: unit, start: addDays(night, 50), end: addDays(night, 52), programme: 'emergency', household: { label: 'Mme Cachée Exemple', adults: 1, children: 0 } }).value;
  // Confidential for good once placed on a confidential site.
  const confidentialUnit = makeUnit(web.db, admin, { name: 'Retour secret', capacity: 2, programmes: ['emergency'], confidential: true });
  placeStay(web.db, admin, { unitId: confidentialUnit, start: addDays(night, 60), end: addDays(night, 61), programme: 'emergency', householdId: protocol.householdId });
  hidden = { householdId: protocol.householdId, pseudonym: one<{ pseudonym: string }>('SELECT pseudonym FROM households WHERE id = ?', protocol.householdId).pseudonym };
});
afterAll(async () => {
  await web?.close();
});

describe('the search on the placing page', () => {
  it('finds a household by its name, never a confidential one by its name; a confidential one by its pseudonym', async () => {
    expect.hasAssertions();
    const byName = await get(`/placer?q=${encodeURIComponent('connue retour')}`, 'duty_officer');
    expect(byName.status).toBe(200);
    expect(text(byName.body)).toContain('1 ménage pour « connue retour »');
    expect(byName.body).toContain(`householdId=${plain.householdId}`);
    const hiddenByName = await get(`/placer?q=${encodeURIComponent('Cachée')}`, 'duty_officer');
    expect(text(hiddenByName.body)).toContain('Aucun ménage pour « Cachée »');
    expect(hiddenByName.body).not.toContain(hidden.householdId);
    const byPseudonym = await get(`/placer?q=${encodeURIComponent(hidden.pseudonym.slice(-4))}`, 'duty_officer');
    expect(byPseudonym.body).toContain(`householdId=${hidden.householdId}`);
    expect(byPseudonym.body).not.toContain('Cachée');
  });

  it('choosing a confidential household shows its pseudonym only and audits the reading; a housing officer does not see it (404), a partner never reaches the page (403)', async () => {
    expect.hasAssertions();
    const count = () => one<{ n: number }>("SELECT count(*) AS n FROM audit_entries WHERE action = 'household.open' AND entity_id = ?", hidden.householdId).n;
    const before = count();
    const page = await get(`/placer?householdId=${hidden.householdId}`, 'duty_officer');
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain(hidden.pseudonym);
    expect(page.body).not.toContain('Cachée');
    expect(count()).toBe(before + 1);
    expect((await get(`/placer?householdId=${hidden.householdId}`, 'housing_officer')).status).toBe(404);
    expect((await get(`/placer?householdId=${hidden.householdId}`, 'partner')).status).toBe(403);
    expect((await get('/placer?householdId=nope', 'duty_officer')).status).toBe(404);
  });
});

describe('holding a unit for a known household', () => {
  it('places a stay for the same household, linked to its last stay when it starts the day that one ends', async () => {
    expect.hasAssertions();
    const households = one<{ n: number }>('SELECT count(*) AS n FROM households').n;
    const res = await postForm(web.url, `/placer?householdId=${plain.householdId}&/hold`, { unitId: unit2, start: plain.end, end: addDays(plain.end, 2), programme: 'emergency', householdId: plain.householdId, key: 'known-1' }, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(303);
    const stayId = String(res.headers.location).split('/').pop()!;
    expect(one<{ household_id: string; previous_stay_id: string; status: string }>('SELECT household_id, previous_stay_id, status FROM stays WHERE id = ?', stayId)).toEqual({
      household_id: plain.householdId,
      previous_stay_id: plain.stayId,
      status: 'hold'
    });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM households').n).toBe(households);
  });

  it.each([
    ['an unknown household (404)', { householdId: 'nope' }, 404],
    ['a household id too long (400)', { householdId: 'x'.repeat(101) }, 400],
    ['neither a household nor its id (400)', { householdId: '' }, 400],
    ['a unit too small for the household as recorded (422)', { householdId: 'PLAIN', unitId: 'SMALL' }, 422]
  ] as const)('refuses %s, nothing changed', async (_what, fields, status) => {
    expect.hasAssertions();
    const small = makeUnit(web.db, admin, { name: `Petit ${Math.random()}`, capacity: 1, programmes: ['emergency'] });
    const before = state();
    const form: Record<string, string> = { unitId: unit2, start: addDays(night, 80), end: addDays(night, 81), programme: 'emergency', ...fields };
    if (form.householdId === 'PLAIN') form.householdId = plain.householdId;
    if (form.unitId === 'SMALL') form.unitId = small;
    const res = await postForm(web.url, '/placer?/hold', form, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(status);
    expect(state()).toBe(before);
  });
});

describe('the exact-name find on the placing page', () => {
  it('finds the confidential household by its whole name with a reason, audited; a part of the name finds nothing', async () => {
    expect.hasAssertions();
    const cookie = sessionCookie(web.db, 'duty_officer');
    const found = await postForm(web.url, '/placer?/find', { name: '  mme CACHEE exemple ', reason: 'Elle rappelle ce soir' }, cookie);
    expect(found.status).toBe(200);
    expect(found.body).toContain(`householdId=${hidden.householdId}`);
    const audit = one<{ actor_id: string; entity_id: string; detail: string }>("SELECT actor_id, entity_id, detail FROM audit_entries WHERE action = 'household.find' ORDER BY id DESC LIMIT 1");
    expect(audit.entity_id).toBe(hidden.householdId);
    expect(audit.actor_id).toBe(actorOf('duty_officer').accountId);
    expect(audit.detail).not.toMatch(/Cach/i);
    const part = await postForm(web.url, '/placer?/find', { name: 'Cachée Exemple', reason: 'Elle rappelle ce soir' }, cookie);
    expect(part.status).toBe(200);
    expect(part.body).not.toContain(hidden.householdId);
  });

  it.each([
    ['without a reason (400)', 'duty_officer', { name: 'Mme Cachée Exemple', reason: '' }, 400],
    ['without a name (400)', 'admin', { name: '', reason: 'retour' }, 400],
    ['to a housing officer (403)', 'housing_officer', { name: 'Mme Cachée Exemple', reason: 'retour' }, 403],
    ['to a partner (403)', 'partner', { name: 'Mme Cachée Exemple', reason: 'retour' }, 403]
  ] as const)('is refused %s, nothing written', async (_what, role, form, status) => {
    expect.hasAssertions();
    const before = state();
    const res = await postForm(web.url, '/placer?/find', form, sessionCookie(web.db, role));
    expect(res.status).toBe(status);
    expect(res.body).not.toContain(hidden.householdId);
    expect(state()).toBe(before);
  });
});

describe('the API: POST /api/v1/allocations with householdId', () => {
  it('places a known household as recorded; the documented body with household still works; neither is 400, a wrong persons 422, nothing placed', async () => {
    expect.hasAssertions();
    const { token } = createAccountWithToken(web.db, { name: 'Astreinte API', role: 'duty_officer' });
    makeUnit(web.db, admin, { name: "Retour API", capacity: 3, programmes: ["emergency"] });
    const nights = { start: addDays(night, 90), end: addDays(night, 91), programme: 'emergency', together: false };
    const known = await postJson(web.url, '/api/v1/allocations', token, { ...nights, persons: 3, householdId: plain.householdId });
    expect(known.status).toBe(201);
    expect(known.body).toMatchObject({ householdId: plain.householdId, previousStayId: null });
    const before = state();
    const wrong = await postJson(web.url, '/api/v1/allocations', token, { ...nights, persons: 2, householdId: plain.householdId });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'validation']);
    const neither = await postJson(web.url, '/api/v1/allocations', token, { ...nights, persons: 2 });
    expect([neither.status, neither.body.code]).toEqual([400, 'validation']);
    const unknown = await postJson(web.url, '/api/v1/allocations', token, { ...nights, persons: 2, householdId: 'nope' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    expect(state()).toBe(before);
    const fresh = await postJson(web.url, '/api/v1/allocations', token, { ...nights, start: addDays(night, 92), end: addDays(night, 93), persons: 2, household: { label: 'Nouveau ménage API', adults: 2, children: 0 } });
    expect(fresh.status).toBe(201);
    expect(fresh.body.householdId).not.toBe(plain.householdId);
  });
});
