// Households as records: search, open, reveal. A confidential household's name is never searched,
// listed or shown; its reveal needs a reason and is audited, and so is opening its record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHousehold, revealHouseholdName, searchHouseholds } from '../../src/services/households.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { auditEntriesFor, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let unitId: string;

function place(label: string, programme: 'emergency' | 'dv_protocol', start = '2027-03-01', end = '2027-03-04', adults = 1, children = 0) {
  return placeStay(w.db, w.actors.admin, { unitId, start, end, programme, household: household(label, adults, children) }).value;
}

beforeEach(() => {
  fixClock();
  w = makeWorld();
  unitId = makeUnit(w.db, w.actors.admin, { name: 'T3', capacity: 5 });
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('searching households', () => {
  it('a search by name finds a household that is not confidential, ignoring accents and case', () => {
    expect.hasAssertions();
    const stay = place('Mme Lefèvre', 'emergency');
    const found = searchHouseholds(w.db, w.actors.duty_officer, { q: 'LEFEVRE' }).households;
    expect(found.map((h) => h.id)).toEqual([stay.householdId]);
    expect(found[0].label).toBe('Mme Lefèvre');
    expect(found[0].latestStay).toMatchObject({ id: stay.id, start: '2027-03-01', end: '2027-03-04', status: 'confirmed', unitName: 'T3' });
  });

  it('a search by name never matches a confidential household, whoever searches', () => {
    expect.hasAssertions();
    place('Mme Rossi', 'dv_protocol');
    for (const role of ['admin', 'duty_officer', 'housing_officer'] as const) {
      expect(searchHouseholds(w.db, w.actors[role], { q: 'Rossi' }).households).toEqual([]);
      expect(searchHouseholds(w.db, w.actors[role], { q: 'ross' }).households).toEqual([]);
    }
  });

  it('a confidential household is found by its pseudonym, listed without its name', () => {
    expect.hasAssertions();
    const stay = place('Mme Rossi', 'dv_protocol');
    const pseudonym = openHousehold(w.db, w.actors.duty_officer, stay.householdId).pseudonym;
    const found = searchHouseholds(w.db, w.actors.duty_officer, { q: pseudonym.slice(-4).toLowerCase() }).households;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: stay.householdId, pseudonym, label: null, confidential: true });
    expect(JSON.stringify(found)).not.toContain('Rossi');
  });

  it('an empty search lists the households, confidential ones without their names', () => {
    expect.hasAssertions();
    place('M. Martin', 'emergency', '2027-03-01', '2027-03-03');
    place('Mme Rossi', 'dv_protocol', '2027-03-05', '2027-03-08');
    const all = searchHouseholds(w.db, w.actors.admin, { q: '' }).households;
    expect(all).toHaveLength(2);
    expect(all.map((h) => h.label)).toEqual([null, 'M. Martin']);
    expect(JSON.stringify(all)).not.toContain('Rossi');
  });

  it('the characters % and _ in a search are taken literally', () => {
    expect.hasAssertions();
    place('M. Martin', 'emergency');
    expect(searchHouseholds(w.db, w.actors.admin, { q: '%' }).households).toEqual([]);
    expect(searchHouseholds(w.db, w.actors.admin, { q: '_' }).households).toEqual([]);
  });

  it('a partner may not search households', () => {
    expect.hasAssertions();
    expectAppError(() => searchHouseholds(w.db, w.actors.partner, { q: '' }), 'forbidden');
  });
});

describe("a household's record", () => {
  it("opening a confidential household's record writes 'household.open' and shows no name", () => {
    expect.hasAssertions();
    const stay = place('Mme Rossi', 'dv_protocol', '2027-03-01', '2027-03-04', 1, 2);
    const record = openHousehold(w.db, w.actors.duty_officer, stay.householdId);
    expect(record).toMatchObject({ label: null, confidential: true, adults: 1, children: 2, canReveal: true });
    expect(record.stays.map((s) => s.id)).toEqual([stay.id]);
    expect(JSON.stringify(record)).not.toContain('Rossi');
    const entries = auditEntriesFor(w, stay.householdId);
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([['household.open', w.actors.duty_officer.accountId]]);
  });

  it("opening a household that is not confidential writes no audit entry and shows its name", () => {
    expect.hasAssertions();
    const stay = place('M. Martin', 'emergency');
    const record = openHousehold(w.db, w.actors.duty_officer, stay.householdId);
    expect(record).toMatchObject({ label: 'M. Martin', confidential: false, canReveal: false });
    expect(auditEntriesFor(w, stay.householdId)).toEqual([]);
  });

  it('a duty officer and an admin may reveal; a housing officer may not', () => {
    expect.hasAssertions();
    const stay = place('Mme Rossi', 'dv_protocol');
    expect(openHousehold(w.db, w.actors.duty_officer, stay.householdId).canReveal).toBe(true);
    expect(openHousehold(w.db, w.actors.admin, stay.householdId).canReveal).toBe(true);
    // A DV household is not the housing officer's to open at all.
    expectAppError(() => openHousehold(w.db, w.actors.housing_officer, stay.householdId), 'not_found');
    expectAppError(() => revealHouseholdName(w.db, w.actors.housing_officer, stay.householdId, 'curiosité'), 'forbidden');
    expectAppError(() => revealHouseholdName(w.db, w.actors.partner, stay.householdId, 'curiosité'), 'forbidden');
  });

  it('an unknown household is not found', () => {
    expect.hasAssertions();
    expectAppError(() => openHousehold(w.db, w.actors.admin, 'nope'), 'not_found');
    expectAppError(() => revealHouseholdName(w.db, w.actors.admin, 'nope', 'a reason'), 'not_found');
  });
});

describe("revealing a confidential household's name", () => {
  it('needs a reason: without one nothing is revealed and nothing is written', () => {
    expect.hasAssertions();
    const stay = place('Mme Rossi', 'dv_protocol');
    for (const reason of ['', '   ', null]) {
      const e = expectAppError(() => revealHouseholdName(w.db, w.actors.duty_officer, stay.householdId, reason), 'invalid');
      expect(e.errors).toEqual([{ path: 'reason', message: 'required' }]);
    }
    expect(auditEntriesFor(w, stay.householdId)).toEqual([]);
  });

  it("returns the name and writes 'household.reveal' with the reason", () => {
    expect.hasAssertions();
    const stay = place('Mme Rossi', 'dv_protocol');
    const { label } = revealHouseholdName(w.db, w.actors.duty_officer, stay.householdId, '  Appel de la gendarmerie pour la plainte ');
    expect(label).toBe('Mme Rossi');
    const entries = auditEntriesFor(w, stay.householdId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'household.reveal', entity: 'household', actor_id: w.actors.duty_officer.accountId });
    expect(JSON.parse(entries[0].detail!)).toEqual({ reason: 'Appel de la gendarmerie pour la plainte' });
    // The audit log holds the reason, never the name.
    expect(entries[0].detail).not.toContain('Rossi');
  });
});
