// Confidentiality follows the household, not its creation: once a household has a stay under the
// domestic-violence protocol or on a confidential site, it is confidential everywhere, for good,
// whichever way the stay was written (the service, the protocol path, raw SQL); only an admin lifts
// it, with a reason. Admins and duty officers find one by its exact full name with a reason; the
// housing mission's staff reveal their applicants' names with a reason; every such act is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfidentialHousehold, liftConfidentiality, openHousehold, searchHouseholds } from '../../src/services/households.ts';
import { createApplicant, revealApplicantName } from '../../src/services/mission/applicants.ts';
import type { ApplicantInput } from '../../src/services/mission/validation.ts';
import { getApplicant, listApplicants } from '../../src/services/mission/views.ts';
import { placeProtocolPath } from '../../src/services/protocol.ts';
import { getStay, listStays, placeStay } from '../../src/services/stays.ts';
import { AppError } from '../../src/domain/errors.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { makeUnit } from '../support/fixtures.ts';
import { auditEntriesFor, expectAppError, READABLE_DETAIL, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let flat: string;
let flat2: string;

const NAME = 'Mme Nadia Berger';

beforeEach(() => {
  fixClock();
  w = makeWorld();
  flat = makeUnit(w.db, w.actors.admin, { name: 'T3 Lunel', capacity: 5, programmes: ['emergency', 'dv_protocol', 'social_residence'] });
  flat2 = makeUnit(w.db, w.actors.admin, { name: 'T2 Lunel', capacity: 5, programmes: ['emergency', 'dv_protocol', 'social_residence'] });
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

/** A household first sheltered under `emergency`: not confidential yet. */
function emergencyHousehold(label = NAME): { householdId: string; stayId: string } {
  const stay = placeStay(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: household(label, 1, 1) }).value;
  expect(openHousehold(w.db, w.actors.admin, stay.householdId).confidential).toBe(false);
  return { householdId: stay.householdId, stayId: stay.id };
}

function isConfidential(householdId: string): boolean {
  return (w.db.$client.prepare('SELECT confidential FROM households WHERE id = ?').pluck().get(householdId) as number) === 1;
}

/** What a read gives the caller: its answer, or the code of its refusal (a role may not see every programme). */
function seen(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** Everything each staff role can list or read about stays and households, as text. */
function everythingShown(householdId: string, stayIds: string[]): string {
  const parts: unknown[] = [];
  for (const role of ['admin', 'duty_officer', 'housing_officer'] as const) {
    const actor = w.actors[role];
    parts.push(
      searchHouseholds(w.db, actor, { q: '' }),
      seen(() => openHousehold(w.db, actor, householdId)),
      listStays(w.db, actor, { from: '2027-02-01', to: '2027-06-01' })
    );
    for (const id of stayIds) parts.push(seen(() => getStay(w.db, actor, id)));
  }
  return JSON.stringify(parts);
}

describe('confidentiality follows the household', () => {
  it('a household placed under emergency, then under dv_protocol by householdId, is confidential everywhere', () => {
    expect.hasAssertions();
    const first = emergencyHousehold();
    const dv = placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-09', programme: 'dv_protocol', householdId: first.householdId }).value;
    expect(isConfidential(first.householdId)).toBe(true);
    // The placement's own answer already hides the name.
    expect(dv.household).toMatchObject({ label: null, confidential: true });
    expect(everythingShown(first.householdId, [first.stayId, dv.id])).not.toContain('Berger');
    for (const role of ['admin', 'duty_officer', 'housing_officer'] as const) {
      expect(searchHouseholds(w.db, w.actors[role], { q: 'Berger' }).households).toEqual([]);
    }
    // The mark itself is audited (ids and the cause, never the name).
    const marks = auditEntriesFor(w, first.householdId).filter((e) => e.action === 'household.confidential');
    expect(marks).toHaveLength(1);
    expect(JSON.parse(marks[0].detail!)).toEqual({ cause: 'dv_protocol', stayId: dv.id });
    // Opening the record is now audited.
    const opened = () => auditEntriesFor(w, first.householdId).filter((e) => e.action === 'household.open').length;
    const before = opened();
    openHousehold(w.db, w.actors.duty_officer, first.householdId);
    expect(opened()).toBe(before + 1);
  });

  it('a known household placed through the protocol path becomes confidential', () => {
    expect.hasAssertions();
    const hotel = makeUnit(w.db, w.actors.admin, { name: 'Chambre', capacity: 3, siteKind: 'hotel', programmes: ['dv_protocol'], nightlyCost: 60 });
    const first = emergencyHousehold();
    const path = placeProtocolPath(w.db, w.actors.duty_officer, { householdId: first.householdId, start: '2027-03-05', hotelUnitId: hotel, apartmentUnitId: flat2, apartmentNights: 10 }).value;
    expect(path.hotel.householdId).toBe(first.householdId);
    expect(path.apartment?.householdId).toBe(first.householdId);
    expect(isConfidential(first.householdId)).toBe(true);
    expect(JSON.stringify(path)).not.toContain('Berger');
    expect(searchHouseholds(w.db, w.actors.duty_officer, { q: 'Berger' }).households).toEqual([]);
  });

  it('a stay on a confidential site, under any programme, makes the household confidential (new or known)', () => {
    expect.hasAssertions();
    const hidden = makeUnit(w.db, w.actors.admin, { name: 'Maison', capacity: 4, confidential: true, programmes: ['emergency'] });
    const first = emergencyHousehold();
    placeStay(w.db, w.actors.duty_officer, { unitId: hidden, start: '2027-03-05', end: '2027-03-07', programme: 'emergency', householdId: first.householdId });
    expect(isConfidential(first.householdId)).toBe(true);
    const fresh = placeStay(w.db, w.actors.duty_officer, { unitId: hidden, start: '2027-03-10', end: '2027-03-12', programme: 'emergency', household: household('M. Paul Lenoir') }).value;
    expect(fresh.household).toMatchObject({ label: null, confidential: true });
    expect(searchHouseholds(w.db, w.actors.admin, { q: 'Lenoir' }).households).toEqual([]);
  });

  it('whatever the status of the stay: a dv_protocol hold later cancelled still leaves the household confidential', () => {
    expect.hasAssertions();
    const first = emergencyHousehold();
    placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-06', programme: 'dv_protocol', householdId: first.householdId, status: 'hold' });
    expect(isConfidential(first.householdId)).toBe(true);
  });

  it('the database holds the rule: a raw INSERT of a dv_protocol stay marks the household (audited)', () => {
    expect.hasAssertions();
    const first = emergencyHousehold();
    w.db.$client
      .prepare(
        `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by, created_at, updated_at)
         VALUES ('raw-stay', ?, ?, 'dv_protocol', '2027-04-01', '2027-04-03', 'confirmed', ?, 0, 0)`
      )
      .run(flat2, first.householdId, w.actors.admin.accountId);
    expect(isConfidential(first.householdId)).toBe(true);
    const mark = auditEntriesFor(w, first.householdId).find((e) => e.action === 'household.confidential');
    expect(JSON.parse(mark!.detail!)).toEqual({ cause: 'dv_protocol', stayId: 'raw-stay', by: 'database' });
    expect(searchHouseholds(w.db, w.actors.duty_officer, { q: 'Berger' }).households).toEqual([]);
  });

  it('the database holds the rule: a stay moved to dv_protocol, and a site made confidential, mark their households', () => {
    expect.hasAssertions();
    const a = emergencyHousehold('Mme Alice Roux');
    w.db.$client.prepare(`UPDATE stays SET programme = 'dv_protocol' WHERE id = ?`).run(a.stayId);
    expect(isConfidential(a.householdId)).toBe(true);

    const b = placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: household('M. Bruno Roux') }).value;
    expect(isConfidential(b.householdId)).toBe(false);
    w.db.$client.prepare(`UPDATE sites SET confidential = 1 WHERE id = (SELECT site_id FROM units WHERE id = ?)`).run(flat2);
    expect(isConfidential(b.householdId)).toBe(true);
  });

  it("an emergency stay on an ordinary site leaves a household as it is", () => {
    expect.hasAssertions();
    const first = emergencyHousehold();
    placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-07', programme: 'social_residence', householdId: first.householdId });
    expect(isConfidential(first.householdId)).toBe(false);
    expect(searchHouseholds(w.db, w.actors.housing_officer, { q: 'Berger' }).households.map((h) => h.id)).toEqual([first.householdId]);
  });
});

const applicantInput = (over: Partial<ApplicantInput> = {}): ApplicantInput => ({
  label: NAME,
  persons: 2,
  accessibleNeeded: false,
  maxRentCents: 70000,
  yearlyIncomeCents: 1400000,
  communes: ['Lunel'],
  neededFrom: '2027-04-01',
  waitingSince: '2027-01-01',
  situation: 'emergency_stay',
  ...over
});

describe("the housing mission's applicants follow their household", () => {
  it('an applicant linked to a household that becomes confidential carries its pseudonym only', () => {
    expect.hasAssertions();
    const first = emergencyHousehold();
    const applicant = createApplicant(w.db, w.actors.housing_officer, applicantInput({ householdId: first.householdId }));
    expect(applicant.label).toBe(NAME);
    placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-09', programme: 'dv_protocol', householdId: first.householdId });
    const pseudonym = openHousehold(w.db, w.actors.admin, first.householdId).pseudonym;
    const seen = getApplicant(w.db, w.actors.housing_officer, applicant.id);
    expect(seen).toMatchObject({ label: pseudonym, confidential: true, canReveal: true });
    expect(JSON.stringify(listApplicants(w.db, w.actors.housing_officer))).not.toContain('Berger');
    expect(JSON.stringify(w.db.$client.prepare('SELECT * FROM applicants').all())).not.toContain('Berger');
    expect(auditEntriesFor(w, applicant.id).map((e) => e.action)).toContain('applicant.open');
  });

  it("a housing officer reveals her own applicant's name with a reason, audited; a duty officer may not", () => {
    expect.hasAssertions();
    const first = emergencyHousehold();
    placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-09', programme: 'dv_protocol', householdId: first.householdId });
    const applicant = createApplicant(w.db, w.actors.housing_officer, applicantInput({ householdId: first.householdId }));
    expect(applicant.label).not.toContain('Berger');
    expectAppError(() => revealApplicantName(w.db, w.actors.housing_officer, applicant.id, '  '), 'invalid');
    expectAppError(() => revealApplicantName(w.db, w.actors.duty_officer, applicant.id, 'visite'), 'forbidden');
    expectAppError(() => revealApplicantName(w.db, w.actors.partner, applicant.id, 'visite'), 'forbidden');
    expect(auditEntriesFor(w, applicant.id).filter((e) => e.action === 'applicant.reveal')).toEqual([]);
    expect(revealApplicantName(w.db, w.actors.housing_officer, applicant.id, 'Signature du bail chez le bailleur')).toEqual({ label: NAME });
    const reveal = auditEntriesFor(w, applicant.id).filter((e) => e.action === 'applicant.reveal');
    expect(reveal).toHaveLength(1);
    expect(reveal[0].actor_id).toBe(w.actors.housing_officer.accountId);
    expect(JSON.parse(reveal[0].detail!)).toEqual({ householdId: first.householdId, reason: 'Signature du bail chez le bailleur' });
  });

  it("an applicant whose name is not hidden has nothing to reveal (409)", () => {
    expect.hasAssertions();
    const applicant = createApplicant(w.db, w.actors.housing_officer, applicantInput());
    expectAppError(() => revealApplicantName(w.db, w.actors.housing_officer, applicant.id, 'visite'), 'invalid_transition');
    expectAppError(() => revealApplicantName(w.db, w.actors.housing_officer, 'nope', 'visite'), 'not_found');
  });
});

describe('finding a confidential household by its exact full name', () => {
  function confidentialBerger(): string {
    const first = emergencyHousehold();
    placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-09', programme: 'dv_protocol', householdId: first.householdId });
    return first.householdId;
  }

  it.each([NAME, 'mme nadia berger', '  MME   NADIA  BERGER ', 'Mme Nadia Bergér'])('the exact full name %j (case, accents and spaces aside) finds her', (name) => {
    expect.hasAssertions();
    const id = confidentialBerger();
    for (const role of ['admin', 'duty_officer'] as const) {
      const found = findConfidentialHousehold(w.db, w.actors[role], { name, reason: 'Elle revient ce soir, appel du 115' }).households;
      expect(found.map((h) => h.id)).toEqual([id]);
      expect(JSON.stringify(found)).not.toContain('Berger');
    }
  });

  it.each(['Berger', 'Nadia Berger', 'Mme Nadia', 'Mme Nadia Berge', 'Mme Nadia Berger-Martin', '%', 'Mme Nadia Berger%', '_me Nadia Berger'])('a part of the name (%j) finds nothing', (name) => {
    expect.hasAssertions();
    confidentialBerger();
    expect(findConfidentialHousehold(w.db, w.actors.duty_officer, { name, reason: 'retour' }).households).toEqual([]);
  });

  it('is audited like a reveal (the reason and the id found, never the name), found or not', () => {
    expect.hasAssertions();
    const id = confidentialBerger();
    findConfidentialHousehold(w.db, w.actors.duty_officer, { name: NAME, reason: 'Retour au foyer' });
    const entries = auditEntriesFor(w, id).filter((e) => e.action === 'household.find');
    expect(entries).toHaveLength(1);
    expect(entries[0].actor_id).toBe(w.actors.duty_officer.accountId);
    expect(JSON.parse(entries[0].detail!)).toEqual({ reason: 'Retour au foyer', found: 1 });
    findConfidentialHousehold(w.db, w.actors.admin, { name: 'Mme Personne', reason: 'Vérification' });
    const none = w.db.$client.prepare(`SELECT ${READABLE_DETAIL} AS detail FROM audit_entries WHERE action = 'household.find' AND entity_id IS NULL`).all() as { detail: string }[];
    expect(none.map((e) => JSON.parse(e.detail))).toEqual([{ reason: 'Vérification', found: 0 }]);
    expect(JSON.stringify(w.db.$client.prepare(`SELECT * FROM audit_entries`).all())).not.toMatch(/Berger|Personne/);
  });

  it('needs a name and a reason; without them nothing is searched nor written', () => {
    expect.hasAssertions();
    confidentialBerger();
    const before = w.db.$client.prepare('SELECT count(*) FROM audit_entries').pluck().get();
    expect(expectAppError(() => findConfidentialHousehold(w.db, w.actors.admin, { name: NAME, reason: '  ' }), 'invalid').errors).toEqual([{ path: 'reason', message: 'required' }]);
    expect(expectAppError(() => findConfidentialHousehold(w.db, w.actors.admin, { name: ' ', reason: 'x' }), 'invalid').errors).toEqual([{ path: 'name', message: 'required' }]);
    expect(w.db.$client.prepare('SELECT count(*) FROM audit_entries').pluck().get()).toBe(before);
  });

  it.each(['housing_officer', 'partner'] as Role[])('a %s may not search by name', (role) => {
    expect.hasAssertions();
    confidentialBerger();
    expectAppError(() => findConfidentialHousehold(w.db, w.actors[role], { name: NAME, reason: 'curiosité' }), 'forbidden');
  });

  it('a household that is not confidential is not found this way (the ordinary search finds it)', () => {
    expect.hasAssertions();
    emergencyHousehold();
    expect(findConfidentialHousehold(w.db, w.actors.admin, { name: NAME, reason: 'retour' }).households).toEqual([]);
  });
});

describe('lifting confidentiality', () => {
  function confidentialBerger(): string {
    return placeStay(w.db, w.actors.duty_officer, { unitId: flat2, start: '2027-03-05', end: '2027-03-09', programme: 'dv_protocol', household: household(NAME) }).value.householdId;
  }

  it('an admin lifts it with a reason, audited; the name is then shown and searched', () => {
    expect.hasAssertions();
    const id = confidentialBerger();
    expect(openHousehold(w.db, w.actors.admin, id).canLift).toBe(true);
    expect(liftConfidentiality(w.db, w.actors.admin, id, 'Demande de la personne, danger écarté (jugement du 2 mars)')).toEqual({ id, confidential: false });
    expect(isConfidential(id)).toBe(false);
    const lift = auditEntriesFor(w, id).filter((e) => e.action === 'household.unconfidential');
    expect(lift).toHaveLength(1);
    expect(JSON.parse(lift[0].detail!)).toEqual({ reason: 'Demande de la personne, danger écarté (jugement du 2 mars)' });
    expect(searchHouseholds(w.db, w.actors.duty_officer, { q: 'Berger' }).households.map((h) => h.id)).toEqual([id]);
  });

  it.each(['duty_officer', 'housing_officer', 'partner'] as Role[])('a %s may not lift it', (role) => {
    expect.hasAssertions();
    const id = confidentialBerger();
    if (role === 'duty_officer') expect(openHousehold(w.db, w.actors[role], id).canLift).toBe(false);
    expectAppError(() => liftConfidentiality(w.db, w.actors[role], id, 'une raison'), 'forbidden');
    expect(isConfidential(id)).toBe(true);
  });

  it('needs a reason; an unknown household is 404; one not confidential is 409', () => {
    expect.hasAssertions();
    const id = confidentialBerger();
    expect(expectAppError(() => liftConfidentiality(w.db, w.actors.admin, id, ' '), 'invalid').errors).toEqual([{ path: 'reason', message: 'required' }]);
    expect(isConfidential(id)).toBe(true);
    expectAppError(() => liftConfidentiality(w.db, w.actors.admin, 'nope', 'raison'), 'not_found');
    liftConfidentiality(w.db, w.actors.admin, id, 'raison');
    expectAppError(() => liftConfidentiality(w.db, w.actors.admin, id, 'raison'), 'invalid_transition');
  });

  it('a later stay under dv_protocol makes it confidential again', () => {
    expect.hasAssertions();
    const id = confidentialBerger();
    liftConfidentiality(w.db, w.actors.admin, id, 'raison');
    placeStay(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-04-05', end: '2027-04-09', programme: 'dv_protocol', householdId: id });
    expect(isConfidential(id)).toBe(true);
  });
});
