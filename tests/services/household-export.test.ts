// An access request: everything held about one household, for an admin, audited; its own rows
// only. A woman who named her violent partner (keep apart) gets no trace of him in her export, and
// he none of her in his: no id, no pseudonym, no name, no link; nor any confidential site's address.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportHousehold } from '../../src/services/household-export.ts';
import { openHousehold } from '../../src/services/households.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { createApplication, decideApplication } from '../../src/services/residence/applications.ts';
import { createContract, recordPayment } from '../../src/services/residence/contracts.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { auditEntriesFor, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let hidden: string;
let hidden2: string;
let open: string;

const SECRET_ADDRESS = '12 chemin des Oliviers, 34400 Saturargues';
const OTHER_SECRET_ADDRESS = '3 impasse du Moulin, 34400 Vérargues';
const HIM = 'M. Marc Valentin';
const HER = 'Mme Julie Valentin-Roche';

beforeEach(() => {
  fixClock();
  w = makeWorld();
  const admin = w.actors.admin;
  const siteA = createSite(w.db, admin, { name: 'Maison familiale', commune: 'Saturargues', confidential: true, address: SECRET_ADDRESS }).id;
  const siteB = createSite(w.db, admin, { name: 'Appartement relais', commune: 'Vérargues', confidential: true, address: OTHER_SECRET_ADDRESS }).id;
  const siteC = createSite(w.db, admin, { name: 'Foyer', commune: 'Lunel', confidential: false, address: '5 avenue Victor Hugo, 34400 Lunel' }).id;
  hidden = createUnit(w.db, admin, { siteId: siteA, name: 'A1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  hidden2 = createUnit(w.db, admin, { siteId: siteB, name: 'B1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  open = createUnit(w.db, admin, { siteId: siteC, name: 'C1', capacity: 4, programmes: ['emergency', 'social_residence'] }).id;
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

/** He is sheltered first; she names him (keep apart), is placed on a referral, then applies to the housing mission. */
function keptApartPair() {
  const duty = w.actors.duty_officer;
  const him = placeStay(w.db, duty, { unitId: open, start: '2027-03-01', end: '2027-03-05', programme: 'emergency', household: { label: HIM, adults: 1, children: 0 } }).value;
  const himRecord = openHousehold(w.db, w.actors.admin, him.householdId);
  const referral = createReferral(w.db, w.actors.partner, {
    programme: 'dv_protocol',
    urgency: 'immediate',
    requestedStart: '2027-03-01',
    nights: 4,
    household: { adults: 1, children: 2 },
    referrer: { organisation: 'Gendarmerie', contact: 'Adjudante Morel', phone: '0467000000' },
    notes: `Plainte contre ${HIM}`
  } as Parameters<typeof createReferral>[2]);
  const her = placeStay(w.db, duty, {
    unitId: hidden,
    start: '2027-03-01',
    end: '2027-03-04',
    programme: 'dv_protocol',
    household: { label: HER, adults: 1, children: 2, keepApartFrom: him.householdId },
    referralId: referral.id,
    note: `Ne jamais loger avec ${HIM} (${himRecord.pseudonym}, ${him.householdId}). Clés au ${OTHER_SECRET_ADDRESS}`
  }).value;
  actOnStay(w.db, duty, her.id, 'check-in');
  // Her next stay, on another confidential site, follows the first.
  const next = placeStay(w.db, duty, { unitId: hidden2, start: '2027-03-04', end: '2027-03-20', programme: 'dv_protocol', householdId: her.householdId }).value;
  const officer = w.actors.housing_officer;
  const applicant = createApplicant(w.db, officer, {
    householdId: her.householdId,
    label: HER,
    persons: 3,
    accessibleNeeded: false,
    maxRentCents: 70000,
    yearlyIncomeCents: 1400000,
    communes: ['Lunel'],
    neededFrom: '2027-04-01',
    waitingSince: '2027-03-01',
    situation: 'emergency_stay'
  });
  const landlord = createLandlord(w.db, officer, { name: 'Mme Bailleur' });
  const offer = openOffer(
    w.db,
    officer,
    createOffer(w.db, officer, { landlordId: landlord.id, commune: 'Lunel', address: '8 rue Lakanal', typology: 'T3', surfaceM2: 60, capacity: 4, accessible: false, rentCents: 55000, chargesCents: 5000, availableFrom: '2027-04-01', scheme: 'none', energyRating: 'C' }).id
  );
  const proposal = propose(w.db, officer, offer.id, applicant.id);
  moveProposal(w.db, officer, proposal.id, 'visit');
  return { him, himPseudonym: himRecord.pseudonym, her, herPseudonym: openHousehold(w.db, w.actors.admin, her.householdId).pseudonym, referral, next, applicant, proposal };
}

describe('exporting a household (access request)', () => {
  it("gives everything held about her: the household, its stays and their events, the referral, the mission's rows, the audit entries", () => {
    expect.hasAssertions();
    const x = keptApartPair();
    const out = exportHousehold(w.db, w.actors.admin, x.her.householdId);
    expect(out.household).toMatchObject({ id: x.her.householdId, label: HER, pseudonym: x.herPseudonym, adults: 1, children: 2, confidential: true });
    expect(out.stays.map((s) => s.id)).toEqual([x.her.id, x.next.id]);
    expect(out.stays[0]).toMatchObject({ programme: 'dv_protocol', start: '2027-03-01', end: '2027-03-04', status: 'in_place', referralId: x.referral.id });
    expect((out.stays[0].events as { action: string }[]).map((e) => e.action)).toEqual(['place', 'check-in']);
    expect(out.stays[0].site).toMatchObject({ name: 'Maison familiale', commune: 'Saturargues', confidential: true, address: null });
    expect(out.referrals.map((r) => r.id)).toEqual([x.referral.id]);
    expect(out.referrals[0]).toMatchObject({ status: 'placed', stayId: x.her.id, referrer: { contact: 'Adjudante Morel' } });
    expect(out.mission.applicants.map((a) => a.id)).toEqual([x.applicant.id]);
    expect(out.mission.proposals.map((p) => [p.id, p.status])).toEqual([[x.proposal.id, 'visit']]);
    expect(out.mission.events.map((e) => e.status)).toEqual(['proposed', 'visit']);
    expect(out.audit.map((e) => `${e.entity}:${e.action}`)).toEqual([
      'referral:referral.create',
      'stay:stay.place',
      'referral:referral.placed',
      'stay:stay.check-in',
      'stay:stay.place',
      'applicant:applicant.create',
      'proposal:proposal.create',
      'proposal:proposal.visit',
      'household:household.open',
      'household:household.export'
    ]);
  });

  it('her export holds no trace of the household she is kept apart from (id, pseudonym, name, link), nor any confidential address', () => {
    expect.hasAssertions();
    const x = keptApartPair();
    const text = JSON.stringify(exportHousehold(w.db, w.actors.admin, x.her.householdId));
    expect(text).toContain(HER);
    for (const trace of [x.him.householdId, x.himPseudonym, HIM, 'Marc Valentin', 'keepApart', 'keep_apart', SECRET_ADDRESS, OTHER_SECRET_ADDRESS, 'chemin des Oliviers']) {
      expect(text, trace).not.toContain(trace);
    }
  });

  it('his export holds no trace of the one who named him', () => {
    expect.hasAssertions();
    const x = keptApartPair();
    const out = exportHousehold(w.db, w.actors.admin, x.him.householdId);
    expect(out.household.label).toBe(HIM);
    const text = JSON.stringify(out);
    for (const trace of [x.her.householdId, x.herPseudonym, HER, 'Julie', x.her.id, x.next.id, x.referral.id, x.applicant.id, 'keepApart', SECRET_ADDRESS, OTHER_SECRET_ADDRESS]) {
      expect(text, trace).not.toContain(trace);
    }
  });

  it("is audited as 'household.export' with counts only", () => {
    expect.hasAssertions();
    const x = keptApartPair();
    exportHousehold(w.db, w.actors.admin, x.her.householdId);
    const entries = auditEntriesFor(w, x.her.householdId).filter((e) => e.action === 'household.export');
    expect(entries).toHaveLength(1);
    expect(entries[0].actor_id).toBe(w.actors.admin.accountId);
    expect(JSON.parse(entries[0].detail!)).toEqual({ stays: 2, referrals: 1, applicants: 1, proposals: 1, residenceApplications: 0, residenceContracts: 0 });
  });

  it('gives her social residence rows: the application with its steps, the contract with its amendments, payments and departure; his name redacted from them', () => {
    expect.hasAssertions();
    const x = keptApartPair();
    const run = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).run(...args);
    const admin = w.actors.admin.accountId;
    const residence = createUnit(w.db, w.actors.admin, { siteId: createSite(w.db, w.actors.admin, { name: 'Résidence', commune: 'Lunel', address: '1 rue', kind: 'residence', confidential: false }).id, name: 'R1', capacity: 3, programmes: ['social_residence'] }).id;
    const stay = placeStay(w.db, w.actors.admin, { unitId: residence, start: '2027-03-20', end: '2027-09-20', programme: 'social_residence', householdId: x.her.householdId }).value;
    run(
      `INSERT INTO residence_applications (id, household_id, filed_by, monthly_income_cents, public, situation, referrer_organisation, referrer_contact, referrer_phone, status, received_at) VALUES ('app1', ?, ?, 95000, 'dv', ?, 'CIDFF', 'Mme Conseillère', '0467111111', 'housed', 1)`,
      x.her.householdId,
      admin,
      `Séparée de ${HIM}, CAP en cours`
    );
    run(`INSERT INTO residence_application_events (application_id, status, at, account_id) VALUES ('app1', 'received', 1, ?), ('app1', 'admitted', 2, ?)`, admin, admin);
    run(
      `INSERT INTO residence_contracts (id, application_id, household_id, unit_id, stay_id, start_date, rent_cents, charges_cents, apl_cents, deposit_cents, created_by) VALUES ('c1', 'app1', ?, ?, ?, '2027-03-20', 38000, 6000, 20000, 38000, ?)`,
      x.her.householdId,
      residence,
      stay.id,
      admin
    );
    run(`INSERT INTO residence_amendments (contract_id, from_date, apl_cents, created_by) VALUES ('c1', '2027-07-01', 22000, ?)`, admin);
    run(`INSERT INTO residence_payments (id, contract_id, date, amount_cents, means, created_by) VALUES ('p1', 'c1', '2027-04-05', 24000, 'transfer', ?)`, admin);
    run(`INSERT INTO residence_departures (contract_id, date, destination, by, recorded_by, recorded_at) VALUES ('c1', '2027-09-01', 'social_housing', 'resident', ?, 3)`, admin);
    const out = exportHousehold(w.db, w.actors.admin, x.her.householdId);
    expect(out.residence.applications).toHaveLength(1);
    expect(out.residence.applications[0]).toMatchObject({ id: 'app1', public: 'dv', monthlyIncomeCents: 95000, status: 'housed', referrer: { contact: 'Mme Conseillère' } });
    expect(out.residence.applications[0].situation).toBe('Séparée de […], CAP en cours');
    expect((out.residence.applications[0].steps as { status: string }[]).map((e) => e.status)).toEqual(['received', 'admitted']);
    expect(out.residence.contracts).toHaveLength(1);
    expect(out.residence.contracts[0]).toMatchObject({ id: 'c1', stayId: stay.id, rentCents: 38000, chargesCents: 6000, aplCents: 20000, depositCents: 38000 });
    expect(out.residence.contracts[0].amendments).toMatchObject([{ from: '2027-07-01', aplCents: 22000, rentCents: null }]);
    expect(out.residence.contracts[0].payments).toMatchObject([{ id: 'p1', date: '2027-04-05', amountCents: 24000, means: 'transfer' }]);
    expect(out.residence.contracts[0].departure).toMatchObject({ date: '2027-09-01', destination: 'social_housing', by: 'resident' });
    const entry = auditEntriesFor(w, x.her.householdId).filter((e) => e.action === 'household.export')[0];
    expect(JSON.parse(entry.detail!)).toMatchObject({ residenceApplications: 1, residenceContracts: 1 });
  });

  it('gives the audit entries about her residence application and contract, with the reasons typed in them', () => {
    expect.hasAssertions();
    const officer = w.actors.residence_officer;
    const filed = createApplication(w.db, officer, {
      household: { label: 'Mme Export', adults: 1, children: 0 },
      monthlyIncomeCents: 90000,
      public: 'other',
      referrer: { contact: 'Mme Référente', phone: '0400000000' }
    }).value;
    decideApplication(w.db, officer, filed.id, { outcome: 'waiting_list' });
    decideApplication(w.db, officer, filed.id, { outcome: 'admitted' });
    const residence = createUnit(w.db, w.actors.admin, { siteId: createSite(w.db, w.actors.admin, { name: 'Résidence', commune: 'Lunel', address: '1 rue', kind: 'residence', confidential: false }).id, name: 'R1', capacity: 3, programmes: ['social_residence'] }).id;
    const c = createContract(w.db, officer, { applicationId: filed.id, unitId: residence, start: '2027-03-10', rentCents: 40000, chargesCents: 5000, depositCents: 0 }).value;
    recordPayment(w.db, officer, c.id, { date: '2027-03-01', amountCents: 100, means: 'cheque' });
    recordPayment(w.db, officer, c.id, { date: '2027-03-01', amountCents: -100, means: 'cheque', reason: 'Chèque sans provision' });
    const out = exportHousehold(w.db, w.actors.admin, filed.householdId);
    const actions = out.audit.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['residence_application.create', 'residence_application.waiting_list', 'residence_application.admitted', 'residence_contract.create', 'residence_contract.payment', 'residence_contract.reversal']));
    expect(out.audit.find((e) => e.action === 'residence_contract.reversal')?.detail).toMatchObject({ reason: 'Chèque sans provision' });
  });

  it.each(['duty_officer', 'housing_officer', 'residence_officer', 'partner'] as Role[])('a %s may not export (nothing read, nothing written)', (role) => {
    expect.hasAssertions();
    const x = keptApartPair();
    const before = w.db.$client.prepare('SELECT count(*) FROM audit_entries').pluck().get();
    expectAppError(() => exportHousehold(w.db, w.actors[role], x.her.householdId), 'forbidden');
    expect(w.db.$client.prepare('SELECT count(*) FROM audit_entries').pluck().get()).toBe(before);
  });

  it('an unknown household is 404', () => {
    expect.hasAssertions();
    expectAppError(() => exportHousehold(w.db, w.actors.admin, 'nope'), 'not_found');
  });
});
