// The social residence's staff and the households it knows: an applicant is seen by the roles that
// handle social_residence (even before any stay), and the residence's staff may reveal the name of
// its own applicants and residents with a reason (audited), never of anyone else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHousehold, revealHouseholdName, searchHouseholds } from '../../src/services/households.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { auditEntriesFor, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
const run = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).run(...args);

function household(id: string, label: string, confidential: boolean): string {
  run(`INSERT INTO households (id, label, pseudonym, adults, children, confidential) VALUES (?, ?, ?, 1, 1, ?)`, id, label, `Ménage ${id.toUpperCase()}`, confidential ? 1 : 0);
  return id;
}
function applies(householdId: string): void {
  run(
    `INSERT INTO residence_applications (id, household_id, filed_by, monthly_income_cents, public, referrer_organisation, referrer_contact, referrer_phone, received_at) VALUES (?, ?, ?, 80000, 'dv', 'CIDFF', 'Mme X', '0400000000', 1)`,
    `app-${householdId}`,
    householdId,
    w.actors.admin.accountId
  );
}

beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('the residence and its households', () => {
  it('an applicant with no stay yet is seen by the roles handling social_residence, not by others', () => {
    applies(household('aaaa', 'Mme Applicante Sansséjour', false));
    for (const role of ['residence_officer', 'housing_officer', 'duty_officer', 'admin'] as const) {
      expect(openHousehold(w.db, w.actors[role], 'aaaa').id, role).toBe('aaaa');
      expect(searchHouseholds(w.db, w.actors[role], { q: 'Applicante' }).households.map((h) => h.id), role).toContain('aaaa');
    }
    // A household known only through the emergency programme stays out of the residence's sight.
    const unit = makeUnit(w.db, w.actors.admin, { programmes: ['emergency'] });
    const other = placeStay(w.db, w.actors.duty_officer, { unitId: unit, start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: { label: 'M. Urgence Seule', adults: 1, children: 0 } }).value;
    expectAppError(() => openHousehold(w.db, w.actors.residence_officer, other.householdId), 'not_found');
  });

  it("the residence's staff reveal the name of their own confidential applicant, with a reason, audited", () => {
    applies(household('bbbb', 'Mme Résidente Cachée', true));
    expect(openHousehold(w.db, w.actors.residence_officer, 'bbbb')).toMatchObject({ label: null, canReveal: true });
    expectAppError(() => revealHouseholdName(w.db, w.actors.residence_officer, 'bbbb', '  '), 'invalid');
    expect(revealHouseholdName(w.db, w.actors.residence_officer, 'bbbb', 'Signature du contrat')).toEqual({ label: 'Mme Résidente Cachée' });
    const reveals = auditEntriesFor(w, 'bbbb').filter((e) => e.action === 'household.reveal');
    expect(reveals).toHaveLength(1);
    expect(reveals[0].actor_id).toBe(w.actors.residence_officer.accountId);
    expect(JSON.parse(reveals[0].detail!)).toEqual({ reason: 'Signature du contrat' });
  });

  it("may not reveal a confidential household that never applied to the residence, even one it sees through a residence stay; nothing is audited", () => {
    household('cccc', 'Mme Autre Cachée', true);
    const unit = makeUnit(w.db, w.actors.admin, { programmes: ['social_residence'], siteKind: 'residence' });
    placeStay(w.db, w.actors.admin, { unitId: unit, start: '2027-03-01', end: '2027-04-01', programme: 'social_residence', householdId: 'cccc' });
    expect(openHousehold(w.db, w.actors.residence_officer, 'cccc')).toMatchObject({ label: null, canReveal: false });
    const before = auditEntriesFor(w, 'cccc').filter((e) => e.action === 'household.reveal').length;
    expectAppError(() => revealHouseholdName(w.db, w.actors.residence_officer, 'cccc', 'Curiosité'), 'forbidden');
    expect(auditEntriesFor(w, 'cccc').filter((e) => e.action === 'household.reveal')).toHaveLength(before);
    // The housing officer, who handles social_residence too, still may not reveal it.
    expectAppError(() => revealHouseholdName(w.db, w.actors.housing_officer, 'bbbb', 'Curiosité'), 'forbidden');
  });
});
