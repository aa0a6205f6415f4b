// Merging two records of one household (an admin, with a reason): every row pointing at the
// duplicate moves to the kept household in one transaction, confidentiality and keep-apart carry
// over, the pair that must be kept apart is refused, the act is audited with ids only, and a
// refusal changes nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findHousehold, insertHousehold } from '../../db/queries/households.ts';
import { mergeHouseholds } from '../../src/services/household-merge.ts';
import { getPathway } from '../../src/services/pathway.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { insertApplication, insertContract } from '../support/pathway-world.ts';
import { auditEntriesFor, expectAppError, fixClock, makeWorld, resetClock, storedAuditEntriesFor, type World } from './helpers.ts';

let w: World;
let emergencyUnit: string;
let dvUnit: string;
let residenceUnit: string;
let n = 0;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  const admin = w.actors.admin;
  const open = createSite(w.db, admin, { name: 'Appartements', commune: 'Lunel', confidential: false, address: 'a', kind: 'apartment' }).id;
  const hidden = createSite(w.db, admin, { name: 'Refuge', commune: 'Lunel', confidential: true, address: 'secret', kind: 'apartment' }).id;
  const residence = createSite(w.db, admin, { name: 'Résidence', commune: 'Lunel', confidential: false, address: 'r', kind: 'residence' }).id;
  emergencyUnit = createUnit(w.db, admin, { siteId: open, name: 'E1', capacity: 4, programmes: ['emergency'] }).id;
  dvUnit = createUnit(w.db, admin, { siteId: hidden, name: 'D1', capacity: 4, programmes: ['dv_protocol'] }).id;
  residenceUnit = createUnit(w.db, admin, { siteId: residence, name: 'R1', capacity: 4, programmes: ['social_residence'] }).id;
});
afterEach(() => {
  w.cleanup();
  resetClock();
});

const q = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).all(...args) as Record<string, unknown>[];
const one = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).pluck().get(...args);

function place(unitId: string, programme: 'emergency' | 'dv_protocol' | 'social_residence', start: string, end: string, who: { label?: string; householdId?: string; keepApartFrom?: string }) {
  return placeStay(w.db, w.actors.admin, {
    unitId,
    start,
    end,
    programme,
    ...(who.householdId ? { householdId: who.householdId } : { household: { label: who.label ?? `Famille ${++n}`, adults: 1, children: 1, ...(who.keepApartFrom && { keepApartFrom: who.keepApartFrom }) } })
  }).value;
}

/** Everything that could change on a merge, to compare before and after a refusal. */
function state() {
  return {
    households: q('SELECT id, confidential, keep_apart_from_id, needs FROM households ORDER BY id'),
    stays: q('SELECT id, household_id FROM stays ORDER BY id'),
    applicants: q('SELECT id, household_id, label FROM applicants ORDER BY id'),
    applications: q('SELECT id, household_id FROM residence_applications ORDER BY id'),
    contracts: q('SELECT id, household_id FROM residence_contracts ORDER BY id'),
    audit: one('SELECT count(*) FROM audit_entries')
  };
}

function applicantFor(householdId: string): string {
  return createApplicant(w.db, w.actors.housing_officer, {
    householdId,
    label: 'Mme Doublon',
    persons: 2,
    accessibleNeeded: false,
    maxRentCents: 60000,
    yearlyIncomeCents: 1200000,
    communes: ['Lunel'],
    neededFrom: '2027-04-01',
    waitingSince: '2027-03-01',
    situation: 'elsewhere'
  }).id;
}

/**
 * The kept record (an emergency stay, not confidential) and the duplicate (a DV stay: confidential;
 * kept apart from a partner; a mission applicant, a residence application and its contract), and a
 * third household that names the duplicate in its own keep-apart link.
 */
function twoRecords() {
  const kept = place(emergencyUnit, 'emergency', '2027-03-01', '2027-03-03', { label: 'Mme Doublon' }).householdId;
  const partner = place(emergencyUnit, 'emergency', '2027-03-10', '2027-03-12', { label: 'M. Partenaire' }).householdId;
  const dvStay = place(dvUnit, 'dv_protocol', '2027-03-03', '2027-03-06', { label: 'Mme Doublon', keepApartFrom: partner });
  const duplicate = dvStay.householdId;
  const third = place(emergencyUnit, 'emergency', '2027-03-20', '2027-03-22', { label: 'M. Tiers', keepApartFrom: duplicate }).householdId;
  const applicantId = applicantFor(duplicate);
  const { applicationId } = insertApplication(w.db, w.actors.admin, duplicate, { receivedAt: Date.parse('2027-03-02T10:00:00+01:00'), decidedAt: Date.parse('2027-03-04T10:00:00+01:00') });
  const resStay = place(residenceUnit, 'social_residence', '2027-03-06', '2027-09-06', { householdId: duplicate });
  const contractId = insertContract(w.db, w.actors.admin, { applicationId, householdId: duplicate, unitId: residenceUnit, stayId: resStay.id, start: '2027-03-06', createdAt: Date.parse('2027-03-06T10:00:00+01:00') });
  return { kept, duplicate, partner, third, dvStayId: dvStay.id, resStayId: resStay.id, applicantId, applicationId, contractId };
}

describe('merging two records of one household', () => {
  test('every row moves to the kept household; confidentiality and keep-apart carry over; the duplicate is gone', () => {
    expect.hasAssertions();
    const r = twoRecords();
    expect(findHousehold(w.db, r.kept)!.confidential).toBe(false);
    const result = mergeHouseholds(w.db, w.actors.admin, r.kept, { duplicateId: r.duplicate, reason: 'même personne, dossier SIAO' });
    expect(result).toMatchObject({ householdId: r.kept, mergedId: r.duplicate, confidential: true, moved: { stays: 2, applicants: 1, residence_applications: 1, residence_contracts: 1 } });
    for (const table of ['stays', 'applicants', 'residence_applications', 'residence_contracts']) {
      expect(one(`SELECT count(*) FROM ${table} WHERE household_id = ?`, r.duplicate), table).toBe(0);
    }
    expect(one('SELECT household_id FROM stays WHERE id = ?', r.dvStayId)).toBe(r.kept);
    expect(one('SELECT household_id FROM residence_contracts WHERE id = ?', r.contractId)).toBe(r.kept);
    expect(one('SELECT household_id FROM residence_applications WHERE id = ?', r.applicationId)).toBe(r.kept);
    const kept = findHousehold(w.db, r.kept)!;
    expect(kept.confidential).toBe(true);
    // The duplicate's keep-apart link holds for the result, and so does the one naming the duplicate.
    expect(kept.keepApartFromId).toBe(r.partner);
    expect(findHousehold(w.db, r.third)!.keepApartFromId).toBe(r.kept);
    expect(one('SELECT count(*) FROM households WHERE keep_apart_from_id = ?', r.duplicate)).toBe(0);
    // The mission knows the confidential result by its pseudonym only.
    expect(one('SELECT label FROM applicants WHERE id = ?', r.applicantId)).toBe(kept.pseudonym);
    // The duplicate is removed: its id is not found from then on.
    expect(findHousehold(w.db, r.duplicate)).toBeUndefined();
    expectAppError(() => getPathway(w.db, w.actors.admin, r.duplicate), 'not_found');
    expect(getPathway(w.db, w.actors.admin, r.kept).steps.map((s) => s.kind)).toContain('residence_contract');
  });

  test('a confidential duplicate makes the result confidential, even with no stay to carry it', () => {
    expect.hasAssertions();
    const kept = place(emergencyUnit, 'emergency', '2027-05-01', '2027-05-03', { label: 'Mme Seule' }).householdId;
    // Confidential by a decision on the record itself, with no stay that would carry it when it moves.
    const duplicate = insertHousehold(w.db, { id: 'dup-seule', label: 'Mme Seule', pseudonym: 'ZZ99', adults: 1, children: 0, needs: [], confidential: true, keepApartFromId: null, createdAt: Date.now() }).id;
    const applicantId = applicantFor(duplicate);
    expect(mergeHouseholds(w.db, w.actors.admin, kept, { duplicateId: duplicate, reason: 'même personne' }).confidential).toBe(true);
    const h = findHousehold(w.db, kept)!;
    expect(h.confidential).toBe(true);
    expect(getPathway(w.db, w.actors.admin, kept).label).toBeNull();
    expect(one('SELECT label FROM applicants WHERE id = ?', applicantId)).toBe(h.pseudonym);
  });

  test('audited with ids and the reason, never a name', () => {
    expect.hasAssertions();
    const r = twoRecords();
    mergeHouseholds(w.db, w.actors.admin, r.kept, { duplicateId: r.duplicate, reason: 'même personne' });
    const [entry] = auditEntriesFor(w, r.kept).filter((a) => a.action === 'household.merge');
    expect(entry).toMatchObject({ actor_id: w.actors.admin.accountId, entity: 'household' });
    expect(JSON.parse(entry!.detail!)).toMatchObject({ mergedId: r.duplicate, reason: 'même personne', confidential: true });
    expect(auditEntriesFor(w, r.duplicate).filter((a) => a.action === 'household.merged').map((a) => JSON.parse(a.detail!))).toEqual([{ into: r.kept }]);
    const stored = JSON.stringify([...storedAuditEntriesFor(w, r.kept), ...storedAuditEntriesFor(w, r.duplicate)]);
    expect(stored).not.toContain('Doublon');
    expect(stored).not.toContain('même personne');
  });

  test('two households that must be kept apart are never merged, either way round; nothing changes', () => {
    expect.hasAssertions();
    const r = twoRecords();
    const before = state();
    expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.duplicate, { duplicateId: r.partner, reason: 'erreur' }), 'invalid_transition');
    expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.partner, { duplicateId: r.duplicate, reason: 'erreur' }), 'invalid_transition');
    expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.third, { duplicateId: r.duplicate, reason: 'erreur' }), 'invalid_transition');
    expect(state()).toEqual(before);
  });

  test('all or nothing: a merge refused after rows were moved leaves every row where it was', () => {
    expect.hasAssertions();
    const r = twoRecords();
    // The kept record has its own keep-apart link, and the duplicate's other household names someone
    // else: both links cannot be held, which is found only after the rows have moved.
    const other = place(emergencyUnit, 'emergency', '2027-04-01', '2027-04-03', { label: 'M. Autre' }).householdId;
    w.db.$client.prepare('UPDATE households SET keep_apart_from_id = ? WHERE id = ?').run(other, r.kept);
    w.db.$client.prepare('UPDATE households SET keep_apart_from_id = ? WHERE id = ?').run(other, r.partner);
    const before = state();
    expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.kept, { duplicateId: r.duplicate, reason: 'même personne' }), 'invalid_transition');
    expect(state()).toEqual(before);
    expect(findHousehold(w.db, r.duplicate)).toBeDefined();
  });

  test('admins only, with a reason; not with itself; 404 for an unknown record; nothing changes', () => {
    expect.hasAssertions();
    const r = twoRecords();
    const before = state();
    for (const role of ['duty_officer', 'housing_officer', 'residence_officer', 'partner'] as const) {
      expectAppError(() => mergeHouseholds(w.db, w.actors[role], r.kept, { duplicateId: r.duplicate, reason: 'x' }), 'forbidden');
    }
    expect(expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.kept, { duplicateId: r.duplicate, reason: '  ' }), 'invalid').errors).toEqual([{ path: 'reason', message: 'required' }]);
    expect(expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.kept, { duplicateId: r.kept, reason: 'x' }), 'invalid').errors).toEqual([{ path: 'duplicateId', message: 'same_household' }]);
    expectAppError(() => mergeHouseholds(w.db, w.actors.admin, r.kept, { duplicateId: 'no-such', reason: 'x' }), 'not_found');
    expectAppError(() => mergeHouseholds(w.db, w.actors.admin, 'no-such', { duplicateId: r.duplicate, reason: 'x' }), 'not_found');
    expect(state()).toEqual(before);
  });
});
