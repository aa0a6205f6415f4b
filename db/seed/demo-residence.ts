// The social residence of the demo territory (Les Tamaris, Lunel): its residents' applications and
// contracts (adopting the stays the demo placed), a month of payments each (one resident in arrears,
// one whose plan is reviewed this month), a past committee with its decisions and the next one with
// its agenda, a waiting list; and one household's whole pathway, from a gendarmerie call through a
// partner hotel, an emergency apartment and the residence to a private lease found by the housing
// mission. Built through the services, relative to tonight; the pathway's past steps are taken with
// the service clock set to their day (and set back after), so each step is dated when it happened.
import { addDays, firstDayOf, monthOf, nextMonth, startOfParisDay, type IsoDate } from '#domain/dates.ts';
import type { Db } from '#db/client.ts';
import type { Actor } from '#services/actor.ts';
import { fixedClock, setClock, tonight } from '#services/clock.ts';
import { createApplicant } from '#services/mission/applicants.ts';
import { createLandlord } from '#services/mission/landlords.ts';
import { createOffer, openOffer } from '#services/mission/offers.ts';
import { moveProposal, propose } from '#services/mission/proposals.ts';
import type { OfferInput } from '#services/mission/validation.ts';
import { createReferral } from '#services/referrals.ts';
import { createApplication, createCommittee, decideApplication } from '#services/residence/applications.ts';
import { contractStatement, createContract, recordDeparture, recordPayment } from '#services/residence/contracts.ts';
import { actOnStay, placeStay } from '#services/stays.ts';
import { ORIGIN_OUTSIDE } from '#domain/territory.ts';

/** A residence stay the demo placed: the household, its stay and unit, its first night. */
export interface ResidenceStay {
  householdId: string;
  stayId: string;
  unitId: string;
  start: IsoDate;
  /** In place tonight (not a past stay, nor one booked ahead). */
  inPlace: boolean;
}

export interface ResidenceSeedContext {
  admin: Actor;
  officer: Actor;
  housingOfficer: Actor;
  partner: Actor;
  /** The residence stays placed by the demo, by the household's label. */
  stays: ReadonlyMap<string, ResidenceStay>;
  unitId: (key: string) => string;
}

const euros = (n: number): number => Math.round(n * 100);

const REFERRER = { organisation: 'CIAS du Pays de Lunel', contact: 'Mme Sabatier, intervenante sociale', phone: '04 67 00 20 30' };
const MISSION_LOCALE = { organisation: 'Mission Locale Petite Camargue', contact: 'M. Ferrand, conseiller', phone: '04 67 00 40 50' };

/** The amounts of each resident's contract: studios and T1 bis, the housing benefit varying. */
const AMOUNTS: Readonly<Record<string, { rent: number; charges: number; apl: number; referent: string }>> = {
  'M. Laurent': { rent: 380, charges: 60, apl: 210, referent: 'Mme Sabatier' },
  'Mme Moreau': { rent: 380, charges: 60, apl: 180, referent: 'Mme Sabatier' },
  'M. Benhamou': { rent: 380, charges: 60, apl: 240, referent: 'M. Aubry' },
  'Mme Ortega': { rent: 380, charges: 60, apl: 150, referent: 'M. Aubry' },
  'M. Faure': { rent: 380, charges: 60, apl: 0, referent: 'Mme Sabatier' },
  'Mme Diallo': { rent: 380, charges: 60, apl: 220, referent: 'M. Aubry' },
  'M. Petit': { rent: 380, charges: 60, apl: 120, referent: 'Mme Sabatier' },
  'Mme Roux': { rent: 380, charges: 60, apl: 200, referent: 'M. Aubry' },
  'M. Lopez': { rent: 380, charges: 60, apl: 190, referent: 'Mme Sabatier' },
  'Mme Girard': { rent: 380, charges: 60, apl: 230, referent: 'M. Aubry' },
  'M. Bonnet': { rent: 380, charges: 60, apl: 100, referent: 'Mme Sabatier' },
  'Mme Mercier': { rent: 380, charges: 60, apl: 210, referent: 'M. Aubry' },
  'M. et Mme Dubois': { rent: 450, charges: 70, apl: 260, referent: 'Mme Sabatier' },
  'Mme Renaud et son fils': { rent: 450, charges: 70, apl: 300, referent: 'M. Aubry' },
  'M. Aubert et sa fille': { rent: 450, charges: 70, apl: 280, referent: 'Mme Sabatier' },
  'Mme Blanc': { rent: 380, charges: 60, apl: 200, referent: 'M. Aubry' }
};

/** The resident whose departure is announced (to social housing). */
export const DEMO_LEAVING_RESIDENT = 'M. Bonnet';

/** The resident who has paid nothing for the last three months. */
export const DEMO_ARREARS_RESIDENT = 'M. Petit';

/** Runs `fn` with the service clock at 14:00 (Paris) of the night `offset` days from tonight, then gives the clock back as it was. */
function on<T>(night: IsoDate, offset: number, fn: () => T): T {
  const previous = fixedClock();
  setClock(startOfParisDay(addDays(night, offset)) + 14 * 3_600_000);
  try {
    return fn();
  } finally {
    setClock(previous);
  }
}

export function seedResidence(db: Db, ctx: ResidenceSeedContext): void {
  const night = tonight();
  const { officer } = ctx;

  // The committee that admitted the residents already in place (before the service was used).
  const earliest = [...ctx.stays.values()].reduce((a, s) => (s.start < a ? s.start : a), night);
  const founding = on(night, days(night, earliest) - 10, () => createCommittee(db, officer, { meetsOn: addDays(earliest, -10), note: 'Reprise des résidents déjà présents' }));

  // The residents: an application each, admitted, then a contract adopting the stay in place.
  for (const [label, stay] of ctx.stays) {
    const amounts = AMOUNTS[label];
    if (!amounts || !stay.inPlace) continue;
    const application = on(night, days(night, earliest) - 12, () =>
      createApplication(db, officer, { householdId: stay.householdId, monthlyIncomeCents: euros(900), public: 'other', referrer: REFERRER, situation: 'Projet de logement autonome.' }).value
    );
    on(night, days(night, earliest) - 10, () => decideApplication(db, officer, application.id, { outcome: 'admitted', committeeId: founding.id }));
    const contract = createContract(db, officer, {
      applicationId: application.id,
      unitId: stay.unitId,
      start: stay.start,
      stayId: stay.stayId,
      rentCents: euros(amounts.rent),
      chargesCents: euros(amounts.charges),
      aplCents: euros(amounts.apl),
      depositCents: euros(amounts.rent),
      referent: amounts.referent
    }).value;
    // A payment each month, of what the month asks (fee − benefit), on the 5th (or the first night).
    const current = monthOf(night);
    const stopBefore = label === DEMO_ARREARS_RESIDENT ? monthOf(addDays(firstDayOf(current), -62)) : current;
    for (let month = monthOf(contract.start); month < stopBefore; month = nextMonth(month)) {
      const s = contractStatement(db, officer, contract.id, month);
      const owed = s.dueCents - s.aplCents;
      if (owed <= 0) continue;
      const fifth = `${month}-05`;
      const date = fifth < contract.start ? contract.start : fifth;
      recordPayment(db, officer, contract.id, { date, amountCents: owed, means: label.startsWith('M. et Mme') ? 'cheque' : 'transfer' });
    }
    // M. Bonnet has a social flat from the 12th night on: his departure is announced, notice given three days ago.
    if (label === DEMO_LEAVING_RESIDENT) {
      on(night, -1, () =>
        recordDeparture(db, officer, contract.id, { date: addDays(night, 12), destination: 'social_housing', noticeGivenOn: addDays(night, -3), by: 'resident' })
      );
    }
  }

  seedCommittees(db, ctx, night);
  seedPathway(db, ctx, night);
}

/** A past committee (three weeks ago) with its decisions, and the next one (in a week) with its agenda. */
function seedCommittees(db: Db, ctx: ResidenceSeedContext, night: IsoDate): void {
  const { officer } = ctx;
  // Each new applicant comes from somewhere in turn: several communes, outside the territory, unknown.
  const origins = ['34145', '34146', ORIGIN_OUTSIDE, '34151', null, '34145', '34288', '34294', null] as const;
  let filedCount = 0;
  const file = (input: Parameters<typeof createApplication>[2], by: Actor = officer) =>
    createApplication(db, by, { ...input, originCommune: origins[filedCount++ % origins.length] }).value;
  const past = on(night, -21, () => {
    const committee = createCommittee(db, officer, { meetsOn: addDays(night, -21), note: 'Direction du CIAS, intervenante sociale, SIAO, Mission Locale' });
    return committee;
  });
  const filed = on(night, -40, () => ({
    youngA: file({ household: { label: 'M. Garnier', adults: 1, children: 0 }, monthlyIncomeCents: euros(1150), public: 'young_worker', typology: 'T1', situation: 'Apprenti boulanger à Lunel, en CDD.', referrer: MISSION_LOCALE }),
    youngB: file({ household: { label: 'Mlle Rey', adults: 1, children: 0 }, monthlyIncomeCents: euros(980), public: 'young_worker', typology: 'T1', situation: 'Formation d’aide-soignante.', referrer: MISSION_LOCALE }),
    dv: file({ household: { label: 'Mme Perrin et son fils', adults: 1, children: 1 }, monthlyIncomeCents: euros(1050), public: 'dv', typology: 'T1bis', referrer: REFERRER }),
    refused: file({ household: { label: 'M. Carré', adults: 1, children: 0 }, monthlyIncomeCents: euros(2600), public: 'other', referrer: REFERRER }),
    redirected: file({ household: { label: 'M. Lebrun', adults: 1, children: 0 }, monthlyIncomeCents: euros(700), public: 'other', situation: 'Besoin de soins réguliers.', referrer: REFERRER })
  }));
  on(night, -21, () => {
    decideApplication(db, officer, filed.youngA.id, { outcome: 'admitted', committeeId: past.id });
    decideApplication(db, officer, filed.youngB.id, { outcome: 'waiting_list', committeeId: past.id });
    decideApplication(db, officer, filed.dv.id, { outcome: 'waiting_list', committeeId: past.id });
    decideApplication(db, officer, filed.refused.id, { outcome: 'refused', reason: 'Ressources au-dessus du plafond de la résidence.', committeeId: past.id });
    decideApplication(db, officer, filed.redirected.id, { outcome: 'redirected', reason: 'Orienté vers une pension de famille, plus adaptée aux soins.', committeeId: past.id });
  });
  // Mme Blanc, admitted by that committee, arrives in a few days: her contract adopts her booked stay.
  const blanc = ctx.stays.get('Mme Blanc');
  if (blanc) {
    const application = on(night, -35, () => file({ householdId: blanc.householdId, monthlyIncomeCents: euros(1000), public: 'other', referrer: REFERRER }));
    on(night, -21, () => decideApplication(db, officer, application.id, { outcome: 'admitted', committeeId: past.id }));
    const a = AMOUNTS['Mme Blanc']!;
    createContract(db, officer, {
      applicationId: application.id,
      unitId: blanc.unitId,
      start: blanc.start,
      stayId: blanc.stayId,
      rentCents: euros(a.rent),
      chargesCents: euros(a.charges),
      aplCents: euros(a.apl),
      depositCents: euros(a.rent),
      referent: a.referent
    });
  }

  // The next committee, in a week: new applications on its agenda (with the waiting list).
  createCommittee(db, officer, { meetsOn: addDays(night, 7), note: 'Ordre du jour : nouvelles demandes et liste d’attente' });
  on(night, -6, () => file({ household: { label: 'M. Petitjean', adults: 1, children: 0 }, monthlyIncomeCents: euros(1200), public: 'young_worker', typology: 'T1', situation: 'Premier emploi en CDI à Lunel.', referrer: MISSION_LOCALE }));
  on(night, -3, () => file({ household: { label: 'Mme Navarro', adults: 1, children: 0 }, monthlyIncomeCents: euros(850), public: 'dv', referrer: { organisation: 'Brigade de gendarmerie', contact: 'Adjudante Roux', phone: '04 67 00 17 17' } }));
  file({ household: { label: 'M. et Mme Sanchez', adults: 2, children: 0 }, monthlyIncomeCents: euros(1400), public: 'other', typology: 'T1bis', referrer: REFERRER });
}

/**
 * One household's pathway: a gendarmerie call (a referral), three nights in a partner hotel, two
 * months in an emergency apartment, the residence (application, committee, contract, payments), and
 * a private lease found by the housing mission, with its departure to private rental.
 */
function seedPathway(db: Db, ctx: ResidenceSeedContext, night: IsoDate): void {
  const { admin, officer, housingOfficer, partner } = ctx;
  const duty = admin;
  // The gendarmerie calls for a woman and her daughter; the duty officer places them in a hotel.
  const referral = on(night, -240, () =>
    createReferral(db, partner, {
      programme: 'dv_protocol',
      urgency: 'immediate',
      requestedStart: addDays(night, -240),
      nights: 3,
      household: { adults: 1, children: 1 },
      referrer: { contact: 'Adjudant Martin', phone: '04 67 00 17 17' },
      notes: 'Mise à l’abri après une plainte ; la victime attend à la brigade.',
      originCommune: '34145'
    })
  );
  const hotel = on(night, -240, () => {
    const { value } = placeStay(db, duty, {
      unitId: ctx.unitId('vidourle2'),
      start: addDays(night, -240),
      end: addDays(night, -237),
      programme: 'dv_protocol',
      household: { label: 'Mme Lambert et sa fille', adults: 1, children: 1 },
      referralId: referral.id,
      status: 'confirmed',
      note: 'Orientation gendarmerie ; nuitées sur le budget du protocole.'
    });
    actOnStay(db, duty, value.id, 'check-in');
    return value;
  });
  on(night, -237, () => actOnStay(db, duty, hotel.id, 'check-out'));
  // Then an emergency apartment, for two months.
  const apartment = on(night, -237, () => {
    const { value } = placeStay(db, duty, {
      unitId: ctx.unitId('christol'),
      start: addDays(night, -237),
      end: addDays(night, -175),
      programme: 'dv_protocol',
      householdId: hotel.householdId,
      status: 'confirmed',
      note: 'Suivi CIDFF ; dossier de résidence sociale en cours.'
    });
    actOnStay(db, duty, value.id, 'check-in');
    return value;
  });
  // The residence: an application, the committee's admission, a contract from the day she leaves the apartment.
  // Filed by the direction (an admin): the residence's officer does not see a household known only through the protocol.
  const application = on(night, -215, () =>
    createApplication(db, admin, { householdId: hotel.householdId, monthlyIncomeCents: euros(1100), public: 'dv', typology: 'T1bis', situation: 'Reprise d’emploi à mi-temps ; recherche d’un logement autonome.', referrer: REFERRER }).value
  );
  const committee = on(night, -190, () => createCommittee(db, officer, { meetsOn: addDays(night, -190), note: 'Direction du CIAS, intervenante sociale, CIDFF' }));
  on(night, -190, () => decideApplication(db, officer, application.id, { outcome: 'admitted', committeeId: committee.id }));
  on(night, -175, () => actOnStay(db, duty, apartment.id, 'check-out'));
  const contract = on(night, -175, () =>
    createContract(db, officer, {
      applicationId: application.id,
      unitId: ctx.unitId('t1bis20'),
      start: addDays(night, -175),
      rentCents: euros(380),
      chargesCents: euros(60),
      aplCents: euros(240),
      depositCents: euros(380),
      referent: 'Mme Sabatier'
    }).value
  );
  on(night, -175, () => actOnStay(db, duty, contract.stayId, 'check-in'));
  // She pays each month what the month asks.
  for (let month = monthOf(contract.start); firstDayOf(month) <= addDays(night, -30); month = nextMonth(month)) {
    const fifth = `${month}-05` < contract.start ? contract.start : `${month}-05`;
    on(night, Math.min(days(night, fifth), -25), () => {
      const s = contractStatement(db, officer, contract.id, month);
      if (s.dueCents - s.aplCents > 0) recordPayment(db, officer, contract.id, { date: fifth, amountCents: s.dueCents - s.aplCents, means: 'transfer' });
    });
  }
  // The housing mission finds her a flat: applicant, offer, proposal, visit, acceptance, lease.
  const applicant = on(night, -90, () =>
    createApplicant(db, housingOfficer, {
      label: 'Mme Lambert et sa fille',
      householdId: hotel.householdId,
      persons: 2,
      accessibleNeeded: false,
      maxRentCents: euros(560),
      yearlyIncomeCents: euros(14_500),
      communes: ['Lunel'],
      neededFrom: addDays(night, -60),
      waitingSince: addDays(night, -90),
      situation: 'residence'
    })
  );
  const proposal = on(night, -45, () => {
    const landlord = createLandlord(db, housingOfficer, { name: 'Mme Teissier', phone: '06 20 00 11 22' });
    const offer = openOffer(
      db,
      housingOfficer,
      createOffer(db, housingOfficer, {
        landlordId: landlord.id,
        commune: 'Lunel',
        address: '14 rue des Caladons, 34400 Lunel',
        typology: 'T2',
        surfaceM2: 42,
        capacity: 3,
        rentCents: euros(480),
        chargesCents: euros(35),
        scheme: 'loc_avantages',
        locAvantagesLevel: 'loc2',
        rentCapCents: euros(520),
        incomeCeilingCents: euros(27_000),
        accessible: false,
        energyRating: 'C',
        availableFrom: addDays(night, -30),
        availableUntil: null
      } as OfferInput).id
    );
    const proposal = propose(db, housingOfficer, offer.id, applicant.id);
    moveProposal(db, housingOfficer, proposal.id, 'visit');
    moveProposal(db, housingOfficer, proposal.id, 'accepted');
    return proposal;
  });
  // Notice given by the resident, then the lease signed and the departure to private rental.
  on(night, -28, () => {
    recordDeparture(db, officer, contract.id, { date: addDays(night, -20), destination: 'private_rental', noticeGivenOn: addDays(night, -28), by: 'resident' });
  });
  on(night, -21, () => moveProposal(db, housingOfficer, proposal.id, 'lease_signed'));
  on(night, -20, () => actOnStay(db, duty, contract.stayId, 'check-out'));
}

/** The days from `night` to `d` (negative: before). */
function days(night: IsoDate, d: IsoDate): number {
  return Math.round((startOfParisDay(d) - startOfParisDay(night)) / 86_400_000);
}
