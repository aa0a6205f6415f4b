// Placing a household already known (a return): suggestions, a stay, an allocation and a together
// placement for its `householdId`, with its recorded composition, its keep-apart protection and its
// confidentiality; the new stay follows the last one when it starts on the day that one ends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocate, allocateTogether, suggest } from '../../src/services/allocation.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let a1: string;
let a2: string;
let b1: string;
let b2: string;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  const admin = w.actors.admin;
  // Site A ranks first (created first, same capacities): a unit there is the best option when free.
  const siteA = createSite(w.db, admin, { name: 'Maison A', commune: 'Lunel', confidential: false, address: 'a' }).id;
  const siteB = createSite(w.db, admin, { name: 'Maison B', commune: 'Lunel', confidential: false, address: 'b' }).id;
  a1 = createUnit(w.db, admin, { siteId: siteA, name: 'A1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  a2 = createUnit(w.db, admin, { siteId: siteA, name: 'A2', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  b1 = createUnit(w.db, admin, { siteId: siteB, name: 'B1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  b2 = createUnit(w.db, admin, { siteId: siteB, name: 'B2', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

/** The partner in A1 over 10–20 March, and the woman who named him, known from an earlier stay in B1. */
function partnerAndVictim(): { partner: string; victim: string } {
  const partner = placeStay(w.db, w.actors.duty_officer, { unitId: a1, start: '2027-03-10', end: '2027-03-20', programme: 'emergency', household: household('M. Partner') }).value.householdId;
  const victim = placeStay(w.db, w.actors.duty_officer, {
    unitId: b1,
    start: '2027-03-02',
    end: '2027-03-04',
    programme: 'dv_protocol',
    household: { label: 'Mme Victime', adults: 1, children: 2, keepApartFrom: partner }
  }).value.householdId;
  return { partner, victim };
}

describe('suggestions for a known household', () => {
  it('leave out the sites of a household it must be kept apart from, either way round; a new household sees them', () => {
    expect.hasAssertions();
    const { partner, victim } = partnerAndVictim();
    const req = { start: '2027-03-12', end: '2027-03-14', persons: 3, programme: 'emergency' as const };
    expect(suggest(w.db, w.actors.duty_officer, req).options.map((o) => o.unitId)).toContain(a2);
    expect(suggest(w.db, w.actors.duty_officer, { ...req, householdId: victim }).options.map((o) => o.unitId)).toEqual([b1, b2]);
    // He, placed again while she is in B1 (her stay there from the 12th), is not offered her site.
    placeStay(w.db, w.actors.duty_officer, { unitId: b1, start: '2027-03-12', end: '2027-03-14', programme: 'dv_protocol', householdId: victim });
    expect(suggest(w.db, w.actors.duty_officer, { ...req, persons: 1, householdId: partner }).options.map((o) => o.unitId)).toEqual([a2]);
  });

  it('are refused (404) for a household the caller may not see, or that does not exist', () => {
    expect.hasAssertions();
    const { victim } = partnerAndVictim();
    const req = { start: '2027-03-12', end: '2027-03-14', persons: 3, programme: 'social_residence' as const };
    expectAppError(() => suggest(w.db, w.actors.housing_officer, { ...req, householdId: victim }), 'not_found');
    expectAppError(() => suggest(w.db, w.actors.duty_officer, { ...req, programme: 'emergency', householdId: 'nope' }), 'not_found');
  });
});

describe('placing a known household', () => {
  it('places a stay for the same household, as recorded, with no new household', () => {
    expect.hasAssertions();
    const { victim } = partnerAndVictim();
    const before = countRows(w, 'households');
    const stay = placeStay(w.db, w.actors.duty_officer, { unitId: b2, start: '2027-03-12', end: '2027-03-14', programme: 'emergency', householdId: victim, status: 'hold' }).value;
    expect(stay.householdId).toBe(victim);
    expect(stay.household).toMatchObject({ adults: 1, children: 2, label: null, confidential: true });
    expect(countRows(w, 'households')).toBe(before);
  });

  it('refuses the site of the household it must be kept apart from, by a stay, an allocation and a together placement', () => {
    expect.hasAssertions();
    const { victim } = partnerAndVictim();
    const nights = { start: '2027-03-12', end: '2027-03-14', programme: 'emergency' as const };
    const before = countRows(w, 'stays');
    expect(expectAppError(() => placeStay(w.db, w.actors.duty_officer, { ...nights, unitId: a2, householdId: victim }), 'invalid').errors).toEqual([
      { path: 'household.keepApartFrom', message: 'the other household is on this site on these nights' }
    ]);
    expectAppError(() => allocateTogether(w.db, w.actors.duty_officer, { ...nights, persons: 3, householdId: victim, together: true, unitIds: [a2] }), 'invalid');
    expect(countRows(w, 'stays')).toBe(before);
    // The allocation never chooses site A, though A2, free exactly on these nights, fits best.
    for (const [start, end] of [['2027-03-05', '2027-03-12'], ['2027-03-14', '2027-03-16']]) {
      placeStay(w.db, w.actors.duty_officer, { unitId: a2, start, end, programme: 'emergency', household: household('Autre ménage') });
    }
    expect(suggest(w.db, w.actors.duty_officer, { ...nights, persons: 3 }).options[0].unitId).toBe(a2);
    expect([b1, b2]).toContain(allocate(w.db, w.actors.duty_officer, { ...nights, persons: 3, householdId: victim }).value.unitId);
  });

  it('an allocation takes the composition as recorded: persons must equal it (422), nothing placed', () => {
    expect.hasAssertions();
    const { victim } = partnerAndVictim();
    const before = countRows(w, 'stays');
    expect(expectAppError(() => allocate(w.db, w.actors.duty_officer, { start: '2027-03-12', end: '2027-03-14', programme: 'emergency', persons: 2, householdId: victim }), 'invalid').errors).toEqual([
      { path: 'persons', message: 'must equal household.adults + household.children' }
    ]);
    expectAppError(() => allocate(w.db, w.actors.duty_officer, { start: '2027-03-12', end: '2027-03-14', programme: 'emergency', persons: 3 }), 'validation');
    expect(countRows(w, 'stays')).toBe(before);
  });

  it('a household too large for one unit is placed together in several, as one household, its shares from the record', () => {
    expect.hasAssertions();
    const large = createUnit(w.db, w.actors.admin, { siteId: createSite(w.db, w.actors.admin, { name: 'Grande maison', commune: 'Lunel', confidential: false, address: 'g' }).id, name: 'G', capacity: 6, programmes: ['emergency'] }).id;
    const big = placeStay(w.db, w.actors.admin, { unitId: large, start: '2027-03-02', end: '2027-03-04', programme: 'emergency', household: household('Famille Grande', 2, 3) }).value.householdId;
    const site = createSite(w.db, w.actors.admin, { name: 'Maison C', commune: 'Lunel', confidential: false, address: 'c' }).id;
    const c1 = createUnit(w.db, w.actors.admin, { siteId: site, name: 'C1', capacity: 3, programmes: ['emergency'] }).id;
    const c2 = createUnit(w.db, w.actors.admin, { siteId: site, name: 'C2', capacity: 2, programmes: ['emergency'] }).id;
    const before = countRows(w, 'households');
    const placed = allocateTogether(w.db, w.actors.admin, { start: '2027-03-12', end: '2027-03-14', programme: 'emergency', persons: 5, householdId: big, together: true, unitIds: [c1, c2] }).value.stays;
    expect(placed.map((s) => [s.unitId, s.householdId])).toEqual([
      [c1, big],
      [c2, big]
    ]);
    expect(placed.reduce((n, s) => n + (s.adults ?? 0), 0)).toBe(2);
    expect(placed.reduce((n, s) => n + (s.children ?? 0), 0)).toBe(3);
    expect(countRows(w, 'households')).toBe(before);
  });
});

describe('the new stay follows the last one', () => {
  it('when it starts on the day the last one ends: linked by previousStayId', () => {
    expect.hasAssertions();
    const first = placeStay(w.db, w.actors.duty_officer, { unitId: a1, start: '2027-03-02', end: '2027-03-05', programme: 'emergency', household: household('Mme Retour', 1, 1) }).value;
    expect(first.previousStayId).toBeNull();
    const next = placeStay(w.db, w.actors.duty_officer, { unitId: b1, start: '2027-03-05', end: '2027-03-08', programme: 'emergency', householdId: first.householdId }).value;
    expect(next.previousStayId).toBe(first.id);
    const byAllocation = allocate(w.db, w.actors.duty_officer, { start: '2027-03-08', end: '2027-03-09', programme: 'emergency', persons: 2, householdId: first.householdId }).value;
    expect(byAllocation.previousStayId).toBe(next.id);
  });

  it.each([
    ['a night later (a gap)', '2027-03-06', 'confirmed'],
    ['the day the last one ends, but it was cancelled', '2027-03-05', 'cancelled']
  ] as const)('not when it starts %s', (_what, start, lastStatus) => {
    expect.hasAssertions();
    const first = placeStay(w.db, w.actors.duty_officer, { unitId: a1, start: '2027-03-02', end: '2027-03-05', programme: 'emergency', household: household('Mme Retour', 1, 1) }).value;
    if (lastStatus === 'cancelled') actOnStay(w.db, w.actors.duty_officer, first.id, 'cancel');
    const next = placeStay(w.db, w.actors.duty_officer, { unitId: b1, start, end: '2027-03-09', programme: 'emergency', householdId: first.householdId }).value;
    expect(next.previousStayId).toBeNull();
  });

  it('a new household is never linked, even on the same unit and day', () => {
    expect.hasAssertions();
    placeStay(w.db, w.actors.duty_officer, { unitId: a1, start: '2027-03-02', end: '2027-03-05', programme: 'emergency', household: household('Mme Retour') });
    expect(placeStay(w.db, w.actors.duty_officer, { unitId: a1, start: '2027-03-05', end: '2027-03-06', programme: 'emergency', household: household('Mme Retour') }).value.previousStayId).toBeNull();
  });
});
