// A household's pathway across programmes: every step in time order with where it led; the steps of
// a programme the caller's role does not handle as {date, kind} only; 404 for a household it could
// see only through such programmes; a confidential household by its pseudonym, its reading audited.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PATHWAY_KINDS } from '../../src/domain/pathway.ts';
import { getPathway } from '../../src/services/pathway.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { buildPathwayWorld, insertApplication, type PathwayWorld } from '../support/pathway-world.ts';
import { auditEntriesFor, expectAppError, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let p: PathwayWorld;

beforeEach(() => {
  w = makeWorld();
  p = buildPathwayWorld(w.db, w.actors);
});
afterEach(() => {
  w.cleanup();
  resetClock();
});

describe('the pathway of a household across programmes', () => {
  test('every step, in time order, each with where it led', () => {
    expect.hasAssertions();
    const path = getPathway(w.db, w.actors.duty_officer, p.householdId);
    expect(path.householdId).toBe(p.householdId);
    expect(path.label).toBe('Mme Parcours');
    expect(path.steps.map((s) => `${s.date} ${s.kind}`)).toEqual([
      '2027-02-20 residence_application',
      '2027-02-25 committee_decision',
      '2027-03-01 referral',
      '2027-03-01 stay',
      '2027-03-03 departure',
      '2027-03-03 residence_contract',
      '2027-03-03 stay',
      '2027-06-01 mission_applicant',
      '2027-06-15 proposal',
      '2027-07-20 lease_signed',
      '2027-08-01 departure'
    ]);
    const [application, decision, referral, hotel, checkOut, contract, residence, applicant, proposal, lease, departure] = path.steps;
    expect(application).toMatchObject({ applicationId: p.applicationId, contractId: p.contractId, programme: 'social_residence' });
    expect(decision).toMatchObject({ applicationId: p.applicationId, outcome: 'admitted', committeeId: p.committeeId, contractId: p.contractId });
    expect(referral).toMatchObject({ referralId: p.referralId, stayId: p.hotelStayId, programme: 'emergency' });
    expect(hotel).toMatchObject({ stayId: p.hotelStayId, programme: 'emergency', unitId: p.hotelUnitId, start: '2027-03-01', end: '2027-03-03', status: 'ended', referralId: p.referralId, nextStayId: p.residenceStayId, destination: 'other_structure' });
    expect(checkOut).toMatchObject({ stayId: p.hotelStayId, destination: 'other_structure' });
    expect(contract).toMatchObject({ contractId: p.contractId, applicationId: p.applicationId, stayId: p.residenceStayId, unitId: p.residenceUnitId, start: '2027-03-03' });
    expect(residence).toMatchObject({ stayId: p.residenceStayId, programme: 'social_residence', previousStayId: p.hotelStayId, contractId: p.contractId, start: '2027-03-03', end: '2027-08-01' });
    expect(applicant).toMatchObject({ applicantId: p.applicantId, programme: 'housing_mission', housed: true });
    expect(proposal).toMatchObject({ proposalId: p.proposalId, applicantId: p.applicantId, status: 'lease_signed' });
    expect(lease).toMatchObject({ proposalId: p.proposalId });
    expect(departure).toMatchObject({ contractId: p.contractId, stayId: p.residenceStayId, destination: 'private_rental' });
    // The kinds are the closed list, and every one of them is on this path.
    expect(new Set(path.steps.map((s) => s.kind))).toEqual(new Set(PATHWAY_KINDS));
  });

  test('a role sees the steps of programmes it does not handle as {date, kind} only', () => {
    expect.hasAssertions();
    const residence = getPathway(w.db, w.actors.residence_officer, p.householdId);
    const full = getPathway(w.db, w.actors.admin, p.householdId);
    expect(residence.steps.map((s) => [s.date, s.kind])).toEqual(full.steps.map((s) => [s.date, s.kind]));
    for (const s of residence.steps) {
      if (s.programme === 'social_residence') continue;
      expect(s, `${s.date} ${s.kind}`).toEqual({ date: s.date, kind: s.kind });
    }
    const hidden = residence.steps.filter((s) => s.programme === undefined).map((s) => s.kind);
    expect(hidden).toEqual(['referral', 'stay', 'departure', 'mission_applicant', 'proposal', 'lease_signed']);
    // The housing officer handles the residence and the mission, not the emergency.
    const housing = getPathway(w.db, w.actors.housing_officer, p.householdId);
    expect(housing.steps.filter((s) => s.programme === undefined).map((s) => s.kind)).toEqual(['referral', 'stay', 'departure']);
    expect(JSON.stringify(housing.steps.filter((s) => s.programme === undefined))).not.toContain(p.hotelStayId);
  });

  test('a household known only through programmes the role does not handle is not found to it', () => {
    expect.hasAssertions();
    const site = createSite(w.db, w.actors.admin, { name: 'Appartement', commune: 'Lunel', confidential: false, address: 'x', kind: 'apartment' }).id;
    const unit = createUnit(w.db, w.actors.admin, { siteId: site, name: 'A', capacity: 3, programmes: ['emergency'] }).id;
    const only = placeStay(w.db, w.actors.duty_officer, { unitId: unit, start: '2027-08-10', end: '2027-08-12', programme: 'emergency', household: { label: 'M. Urgence', adults: 1, children: 0 } }).value;
    expectAppError(() => getPathway(w.db, w.actors.residence_officer, only.householdId), 'not_found');
    expectAppError(() => getPathway(w.db, w.actors.housing_officer, only.householdId), 'not_found');
    expect(getPathway(w.db, w.actors.duty_officer, only.householdId).steps.map((s) => s.kind)).toEqual(['stay']);
    expectAppError(() => getPathway(w.db, w.actors.duty_officer, 'no-such-household'), 'not_found');
    expectAppError(() => getPathway(w.db, w.actors.partner, p.householdId), 'forbidden');
    // An application to the residence is enough for the residence's staff to see the household.
    insertApplication(w.db, w.actors.admin, only.householdId, { receivedAt: Date.parse('2027-08-10T12:00:00+02:00') });
    expect(getPathway(w.db, w.actors.residence_officer, only.householdId).steps.map((s) => [s.kind, s.programme])).toEqual([
      ['residence_application', 'social_residence'],
      ['stay', undefined]
    ]);
  });

  test('a confidential household by its pseudonym only; each reading of its pathway is audited', () => {
    expect.hasAssertions();
    const site = createSite(w.db, w.actors.admin, { name: 'Refuge', commune: 'Lunel', confidential: true, address: 'secret', kind: 'apartment' }).id;
    const unit = createUnit(w.db, w.actors.admin, { siteId: site, name: 'R1', capacity: 3, programmes: ['dv_protocol'] }).id;
    placeStay(w.db, w.actors.duty_officer, { unitId: unit, start: '2027-08-20', end: '2027-08-22', programme: 'dv_protocol', householdId: p.householdId });
    const before = auditEntriesFor(w, p.householdId).filter((a) => a.action === 'household.pathway').length;
    const path = getPathway(w.db, w.actors.residence_officer, p.householdId);
    expect(path.confidential).toBe(true);
    expect(path.label).toBeNull();
    expect(JSON.stringify(path)).not.toContain('Mme Parcours');
    expect(JSON.stringify(path)).not.toContain('secret');
    getPathway(w.db, w.actors.duty_officer, p.householdId);
    const entries = auditEntriesFor(w, p.householdId).filter((a) => a.action === 'household.pathway');
    expect(entries.length - before).toBe(2);
    expect(entries.map((e) => e.actor_id)).toEqual([w.actors.residence_officer.accountId, w.actors.duty_officer.accountId]);
  });
});
