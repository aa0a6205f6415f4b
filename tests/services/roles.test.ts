// One role guard for every use case: `requireRole(actor, roles)` lets the listed roles through and
// refuses anyone else with 403 `forbidden`, before anything is read or written. The matrix below
// names, in its own words, who may call each guarded use case; dropping a role from a guard (or
// adding one) makes it fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { ADMIN_ROLES, BLOCKING_ROLES, MISSION_ROLES, RESIDENCE_ROLES, ROLES, rolesHandling, STAFF_ROLES, SUMMARY_ROLES, TONIGHT_ROLES, type Role } from '../../src/domain/programmes.ts';
import { requireRole, type Actor } from '../../src/services/actor.ts';
import { getAdminOverview, listAccounts, listCurrentBlocks, listLimits } from '../../src/services/admin.ts';
import { listRolesRequiringTotp } from '../../src/services/account-security.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { openHousehold, searchHouseholds } from '../../src/services/households.ts';
import { listLandlords, listOffers } from '../../src/services/mission/views.ts';
import { getPlanning } from '../../src/services/planning.ts';
import { suggestProtocolPath } from '../../src/services/protocol.ts';
import { setAccountEnabled } from '../../src/services/sessions.ts';
import { createSite } from '../../src/services/sites.ts';
import { setStayNote } from '../../src/services/stay-notes.ts';
import { actOnStay, listStays, requireProgramme } from '../../src/services/stays.ts';
import { getSummarySubscription, subscribeSummary } from '../../src/services/summary.ts';
import { getTonight } from '../../src/services/tonight.ts';
import { fixClock, makeWorld, resetClock, type World } from './helpers.ts';

function actor(role: Role): Actor {
  return { accountId: `acc-${role}`, role, organisationId: null };
}

/** What `fn` threw, or null. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
    return null;
  } catch (e) {
    return e;
  }
}

function isForbidden(e: unknown): boolean {
  return e instanceof AppError && e.code === 'forbidden' && e.status === 403;
}

describe('requireRole', () => {
  const lists: [string, readonly Role[]][] = [
    ['nobody', []],
    ['admins', ['admin']],
    ['admins and duty officers', ['admin', 'duty_officer']],
    ['partners and admins', ['partner', 'admin']],
    ['everyone', ROLES]
  ];
  const cases = lists.flatMap(([name, roles]) => ROLES.map((role) => ({ name, roles, role, allowed: roles.includes(role) })));

  it.each(cases)('$name: $role is let through: $allowed', ({ roles, role, allowed }) => {
    const e = thrownBy(() => requireRole(actor(role), roles, 'not for you'));
    if (allowed) expect(e).toBeNull();
    else {
      expect(isForbidden(e)).toBe(true);
      expect((e as AppError).message).toBe('not for you');
    }
  });

  it('says who may when no message is given', () => {
    expect((thrownBy(() => requireRole(actor('partner'), ['admin'])) as Error).message).toBe('admins only');
    expect((thrownBy(() => requireRole(actor('partner'), ['admin', 'duty_officer'])) as Error).message).toBe('admins, duty officers only');
  });

  it('the role lists of the domain say who may do what', () => {
    expect(ADMIN_ROLES).toEqual(['admin']);
    expect([...STAFF_ROLES].sort()).toEqual(['admin', 'duty_officer', 'housing_officer', 'residence_officer']);
    expect([...BLOCKING_ROLES].sort()).toEqual(['admin', 'duty_officer']);
    expect([...SUMMARY_ROLES].sort()).toEqual(['admin', 'partner']);
    expect([...MISSION_ROLES].sort()).toEqual(['admin', 'housing_officer']);
    expect([...TONIGHT_ROLES].sort()).toEqual(['admin', 'duty_officer']);
    expect([...rolesHandling('dv_protocol')].sort()).toEqual(['admin', 'duty_officer']);
    expect([...rolesHandling('housing_mission')].sort()).toEqual(['admin', 'duty_officer', 'housing_officer']);
    expect([...rolesHandling('social_residence')].sort()).toEqual(['admin', 'duty_officer', 'housing_officer', 'residence_officer']);
    expect([...RESIDENCE_ROLES].sort()).toEqual(['admin', 'residence_officer']);
    expect(rolesHandling('no_such_programme')).toEqual([]);
  });
});

describe('every guarded use case lets exactly its roles through', () => {
  let w: World;
  beforeAll(() => {
    fixClock();
    w = makeWorld();
  });
  afterAll(() => {
    resetClock();
    w.cleanup();
  });

  const admin: Role[] = ['admin'];
  const staff: Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
  const blockers: Role[] = ['admin', 'duty_officer'];
  // Each call is one the allowed roles may make: it answers, or refuses for another reason (an
  // unknown id, a missing field), never `forbidden`.
  const matrix: { useCase: string; who: Role[]; call: (w: World, a: Actor) => unknown }[] = [
    { useCase: 'admin: getAdminOverview', who: admin, call: (w, a) => getAdminOverview(w.db, a) },
    { useCase: 'admin: listAccounts', who: admin, call: (w, a) => listAccounts(w.db, a) },
    { useCase: 'admin: listLimits', who: admin, call: (w, a) => listLimits(w.db, a) },
    { useCase: 'admin: listCurrentBlocks', who: blockers, call: (w, a) => listCurrentBlocks(w.db, a) },
    { useCase: 'account security: listRolesRequiringTotp', who: admin, call: (w, a) => listRolesRequiringTotp(w.db, a) },
    { useCase: 'sites: createSite', who: admin, call: (w, a) => createSite(w.db, a, { name: '', commune: '', confidential: false, address: '' }) },
    { useCase: 'sessions: setAccountEnabled', who: admin, call: (w, a) => setAccountEnabled(w.db, a, 'no-such-account', true) },
    { useCase: 'blocks: createBlock', who: blockers, call: (w, a) => createBlock(w.db, a, { unitId: 'no-such-unit', start: '2027-03-02', end: '2027-03-04', reason: 'repairs' }) },
    { useCase: 'stays: listStays', who: staff, call: (w, a) => listStays(w.db, a, { from: '2027-03-01', to: '2027-03-08' }) },
    { useCase: 'stays: actOnStay', who: staff, call: (w, a) => actOnStay(w.db, a, 'no-such-stay', 'confirm') },
    { useCase: 'stays: requireProgramme(dv_protocol)', who: blockers, call: (_w, a) => requireProgramme(a, 'dv_protocol') },
    { useCase: 'stay notes: setStayNote', who: staff, call: (w, a) => setStayNote(w.db, a, 'no-such-stay', 'note') },
    { useCase: 'households: searchHouseholds', who: staff, call: (w, a) => searchHouseholds(w.db, a, { q: 'Martin' }) },
    { useCase: 'households: openHousehold', who: staff, call: (w, a) => openHousehold(w.db, a, 'no-such-household') },
    { useCase: 'planning: getPlanning', who: staff, call: (w, a) => getPlanning(w.db, a) },
    { useCase: 'protocol: suggestProtocolPath', who: blockers, call: (w, a) => suggestProtocolPath(w.db, a, { start: '2027-03-01', persons: 1 }) },
    { useCase: 'tonight: getTonight', who: blockers, call: (w, a) => getTonight(w.db, a) },
    { useCase: 'summary: getSummarySubscription', who: ['partner', 'admin'], call: (w, a) => getSummarySubscription(w.db, a) },
    { useCase: 'summary: subscribeSummary', who: ['partner', 'admin'], call: (w, a) => subscribeSummary(w.db, a, null, a.role === 'admin' ? 'no-such-organisation' : undefined) },
    { useCase: 'mission: listOffers', who: ['housing_officer', 'admin'], call: (w, a) => listOffers(w.db, a) },
    { useCase: 'mission: listLandlords', who: ['housing_officer', 'admin'], call: (w, a) => listLandlords(w.db, a) }
  ];
  const cases = matrix.flatMap((m) => ROLES.map((role) => ({ ...m, role, allowed: m.who.includes(role) })));

  it.each(cases)('$useCase by $role: allowed $allowed', ({ call, role, allowed }) => {
    const e = thrownBy(() => call(w, w.actors[role]));
    expect(isForbidden(e), String(e)).toBe(!allowed);
    // Let through, it answers or refuses for its own reason: never a fault.
    if (allowed) expect(e === null || e instanceof AppError, String(e)).toBe(true);
  });
});
