// A household's path across programmes, built through the services where they exist and, for the
// social residence's rows (applications, committee decisions, contracts, departures), written
// straight into their tables: a gendarmerie referral, an emergency hotel stay checked out to another
// structure, the residence (application, committee, contract adopting its stay, departure to private
// rental), and the housing mission (applicant, proposal, lease). Not a test file itself.
import type { Db } from '../../db/client.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';

const at = (iso: string) => Date.parse(iso);

export interface PathwayWorld {
  householdId: string;
  referralId: string;
  hotelStayId: string;
  residenceStayId: string;
  applicationId: string;
  committeeId: string;
  contractId: string;
  applicantId: string;
  proposalId: string;
  residenceUnitId: string;
  hotelUnitId: string;
}

let seq = 0;

/** Residence rows written directly: an application received, admitted by a committee. */
export function insertApplication(db: Db, actor: Actor, householdId: string, opts: { receivedAt: number; decidedAt?: number; meetsOn?: string }): { applicationId: string; committeeId: string | null } {
  const c = db.$client;
  const applicationId = `app-${++seq}-${householdId.slice(0, 6)}`;
  let committeeId: string | null = null;
  if (opts.meetsOn) {
    committeeId = `com-${seq}`;
    c.prepare(`INSERT INTO residence_committees (id, meets_on, created_by, created_at) VALUES (?, ?, ?, ?)`).run(committeeId, opts.meetsOn, actor.accountId, opts.receivedAt);
  }
  c.prepare(
    `INSERT INTO residence_applications (id, household_id, filed_by, monthly_income_cents, public, referrer_organisation, referrer_contact, referrer_phone,
                                         status, committee_id, received_at, decided_at, updated_at)
     VALUES (?, ?, ?, 90000, 'other', 'SIAO', 'Référente', '0400000000', ?, ?, ?, ?, ?)`
  ).run(applicationId, householdId, actor.accountId, opts.decidedAt ? 'admitted' : 'received', committeeId, opts.receivedAt, opts.decidedAt ?? null, opts.decidedAt ?? opts.receivedAt);
  c.prepare(`INSERT INTO residence_application_events (application_id, status, at, account_id) VALUES (?, 'received', ?, ?)`).run(applicationId, opts.receivedAt, actor.accountId);
  if (opts.decidedAt) {
    c.prepare(`INSERT INTO residence_application_events (application_id, status, committee_id, at, account_id) VALUES (?, 'admitted', ?, ?, ?)`).run(applicationId, committeeId, opts.decidedAt, actor.accountId);
  }
  return { applicationId, committeeId };
}

/** A contract adopting an existing social_residence stay (the application becomes housed). */
export function insertContract(db: Db, actor: Actor, input: { applicationId: string; householdId: string; unitId: string; stayId: string; start: string; createdAt: number }): string {
  const id = `con-${++seq}`;
  db.$client
    .prepare(
      `INSERT INTO residence_contracts (id, application_id, household_id, unit_id, stay_id, start_date, rent_cents, charges_cents, status, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 35000, 5000, 'active', ?, ?, ?)`
    )
    .run(id, input.applicationId, input.householdId, input.unitId, input.stayId, input.start, actor.accountId, input.createdAt, input.createdAt);
  db.$client.prepare(`UPDATE residence_applications SET status = 'housed' WHERE id = ?`).run(input.applicationId);
  return id;
}

/** The whole path of one household; leaves the clock on 2027-08-10. */
export function buildPathwayWorld(db: Db, actors: Record<Role, Actor>): PathwayWorld {
  const { admin, duty_officer: duty, housing_officer: housing, partner } = actors;
  const hotel = createSite(db, admin, { name: `Hôtel du Centre ${++seq}`, commune: 'Lunel', confidential: false, address: '1 place', kind: 'hotel' }).id;
  const hotelUnitId = createUnit(db, admin, { siteId: hotel, name: 'Chambre 3', capacity: 2, programmes: ['emergency'] }).id;
  const residence = createSite(db, admin, { name: `Résidence sociale ${seq}`, commune: 'Lunel', confidential: false, address: '2 rue', kind: 'residence' }).id;
  const residenceUnitId = createUnit(db, admin, { siteId: residence, name: 'T1 bis 12', capacity: 2, programmes: ['social_residence'] }).id;

  // The gendarmerie calls on 1 March: a hotel room for three nights. (Her residence application,
  // filed on 20 February and admitted on the 25th, is written once the household exists.)
  setClock(at('2027-03-01T14:00:00+01:00'));
  const referral = createReferral(db, partner, {
    programme: 'emergency',
    urgency: 'immediate',
    requestedStart: '2027-03-01',
    nights: 3,
    household: { adults: 1, children: 0 },
    referrer: { contact: 'Adjudant Pons', phone: '17' }
  });
  const hotelStay = placeStay(db, duty, { unitId: hotelUnitId, start: '2027-03-01', end: '2027-03-04', programme: 'emergency', household: { label: 'Mme Parcours', adults: 1, children: 0 }, referralId: referral.id }).value;
  const householdId = hotelStay.householdId;
  actOnStay(db, duty, hotelStay.id, 'check-in');
  const { applicationId, committeeId } = insertApplication(db, admin, householdId, { receivedAt: at('2027-02-20T10:00:00+01:00'), decidedAt: at('2027-02-26T16:00:00+01:00'), meetsOn: '2027-02-25' });

  // Two nights later she leaves the hotel for another structure: the residence.
  setClock(at('2027-03-03T14:00:00+01:00'));
  actOnStay(db, duty, hotelStay.id, 'check-out', { destination: 'other_structure' });
  const residenceStay = placeStay(db, admin, { unitId: residenceUnitId, start: '2027-03-03', end: '2027-09-03', programme: 'social_residence', householdId, previousStayId: hotelStay.id }).value;
  actOnStay(db, admin, residenceStay.id, 'check-in');
  const contractId = insertContract(db, admin, { applicationId, householdId, unitId: residenceUnitId, stayId: residenceStay.id, start: '2027-03-03', createdAt: at('2027-03-03T15:00:00+01:00') });

  // In June she asks the housing mission; a proposal in mid-June, a lease in July.
  setClock(at('2027-06-01T10:00:00+02:00'));
  const applicantId = createApplicant(db, housing, {
    householdId,
    label: 'Mme Parcours',
    persons: 1,
    accessibleNeeded: false,
    maxRentCents: 60000,
    yearlyIncomeCents: 1200000,
    communes: ['Lunel'],
    neededFrom: '2027-07-01',
    waitingSince: '2027-06-01',
    situation: 'elsewhere'
  }).id;
  const landlordId = createLandlord(db, housing, { name: `Bailleur ${seq}` }).id;
  const offer = createOffer(db, housing, {
    landlordId,
    commune: 'Lunel',
    address: '9 rue Lakanal',
    typology: 'T1',
    surfaceM2: 30,
    capacity: 2,
    accessible: false,
    rentCents: 45000,
    chargesCents: 3000,
    availableFrom: '2027-07-01',
    scheme: 'none',
    energyRating: 'C'
  });
  openOffer(db, housing, offer.id);
  setClock(at('2027-06-15T10:00:00+02:00'));
  const proposalId = propose(db, housing, offer.id, applicantId).id;
  moveProposal(db, housing, proposalId, 'visit');
  moveProposal(db, housing, proposalId, 'accepted');
  setClock(at('2027-07-20T10:00:00+02:00'));
  moveProposal(db, housing, proposalId, 'lease_signed');

  // She leaves the residence for her lease on 1 August (the departure as the residence records it).
  setClock(at('2027-08-10T10:00:00+02:00'));
  db.$client.prepare(`INSERT INTO residence_departures (contract_id, date, destination, notice_given_on, by, recorded_by, recorded_at) VALUES (?, '2027-08-01', 'private_rental', '2027-07-20', 'resident', ?, ?)`).run(contractId, admin.accountId, at('2027-07-21T10:00:00+02:00'));
  db.$client.prepare(`UPDATE residence_contracts SET status = 'ended', end_date = '2027-08-01' WHERE id = ?`).run(contractId);
  db.$client.prepare(`UPDATE stays SET end_date = '2027-08-01', status = 'ended', destination = 'private_rental' WHERE id = ?`).run(residenceStay.id);

  return { householdId, referralId: referral.id, hotelStayId: hotelStay.id, residenceStayId: residenceStay.id, applicationId, committeeId: committeeId!, contractId, applicantId, proposalId, residenceUnitId, hotelUnitId };
}
