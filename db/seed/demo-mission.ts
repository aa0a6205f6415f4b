// The housing mission of the demo territory: a few private landlords of the Pays de Lunel, offers
// in each status and scheme, applicants (some in the emergency stays of the demo, one in the
// residence), and proposals in progress. Built through the mission's services, as the housing
// officer, relative to tonight. Names and addresses are fictitious.
import { addDays, type IsoDate } from '#domain/dates.ts';
import type { Db } from '#db/client.ts';
import type { Actor } from '#services/actor.ts';
import { createApplicant } from '#services/mission/applicants.ts';
import { createLandlord } from '#services/mission/landlords.ts';
import { createOfferUnit } from '#services/mission/offer-unit.ts';
import { createOffer, openOffer, withdrawOffer } from '#services/mission/offers.ts';
import { moveProposal, propose } from '#services/mission/proposals.ts';
import type { ApplicantInput, OfferInput } from '#services/mission/validation.ts';

/** A demo household already in a stay, by its label: where it is and until when. */
export interface PlacedHousehold {
  householdId: string;
  end: IsoDate;
}

const euros = (n: number): number => Math.round(n * 100);

export function seedMission(db: Db, officer: Actor, night: IsoDate, placed: ReadonlyMap<string, PlacedHousehold>): void {
  const fabre = createLandlord(db, officer, { name: 'M. et Mme Fabre', phone: '04 67 00 11 22', email: 'fabre.location@example.fr', notes: 'Préfèrent être appelés le matin.' });
  const oliviers = createLandlord(db, officer, { name: 'SCI Les Oliviers', phone: '04 67 00 33 44', notes: 'Gérante : Mme Vidal.' });
  const delmas = createLandlord(db, officer, { name: 'Mme Delmas', phone: '06 12 00 55 66' });

  const base = { accessible: false, chargesCents: euros(40), availableUntil: null, energyRating: 'D' as const };
  const offer = (input: Partial<OfferInput> & Pick<OfferInput, 'landlordId' | 'commune' | 'address' | 'typology' | 'surfaceM2' | 'capacity' | 'rentCents' | 'scheme'>) =>
    createOffer(db, officer, { availableFrom: addDays(night, 7), ...base, ...input } as OfferInput);

  // Open offers, one per scheme.
  const lunelT2 = openOffer(
    db,
    officer,
    offer({
      landlordId: fabre.id,
      commune: 'Lunel',
      address: '8 rue Lakanal, 34400 Lunel',
      typology: 'T2',
      surfaceM2: 46,
      capacity: 3,
      rentCents: euros(520),
      scheme: 'loc_avantages',
      locAvantagesLevel: 'loc2',
      rentCapCents: euros(560),
      incomeCeilingCents: euros(27_000),
      energyRating: 'D'
    }).id
  );
  const marsillarguesT3 = openOffer(
    db,
    officer,
    offer({
      landlordId: oliviers.id,
      commune: 'Marsillargues',
      address: '3 avenue du Château, 34590 Marsillargues',
      typology: 'T3',
      surfaceM2: 64,
      capacity: 5,
      rentCents: euros(640),
      chargesCents: euros(60),
      scheme: 'intermediation_lease',
      energyRating: 'C',
      accessible: true
    }).id
  );
  const lunelVielT2 = offer({
    landlordId: delmas.id,
    commune: 'Lunel-Viel',
    address: '15 chemin des Vignes, 34400 Lunel-Viel',
    typology: 'T2',
    surfaceM2: 41,
    capacity: 3,
    rentCents: euros(480),
    scheme: 'solibail',
    availableFrom: addDays(night, 3),
    // Solibail: 18 months, a period offer that is also a unit with nights.
    availableUntil: addDays(night, 3 + 548),
    energyRating: 'E'
  });
  createOfferUnit(db, officer, lunelVielT2.id);
  openOffer(db, officer, lunelVielT2.id);

  // A draft still to complete, a let one, a withdrawn one.
  offer({
    landlordId: delmas.id,
    commune: 'Lunel',
    address: '2 place des Martyrs, 34400 Lunel',
    typology: 'Studio',
    surfaceM2: 22,
    capacity: 1,
    rentCents: euros(390),
    chargesCents: euros(25),
    scheme: 'none',
    energyRating: 'F'
  });
  const saintJustT3 = openOffer(
    db,
    officer,
    offer({
      landlordId: fabre.id,
      commune: 'Saint-Just',
      address: '21 rue de la Poste, 34400 Saint-Just',
      typology: 'T3',
      surfaceM2: 60,
      capacity: 4,
      rentCents: euros(600),
      scheme: 'intermediation_sublease',
      availableFrom: addDays(night, -30),
      energyRating: 'C'
    }).id
  );
  const withdrawn = openOffer(
    db,
    officer,
    offer({
      landlordId: oliviers.id,
      commune: 'Lunel',
      address: '40 boulevard Lafayette, 34400 Lunel',
      typology: 'T4',
      surfaceM2: 82,
      capacity: 6,
      rentCents: euros(760),
      scheme: 'loc_avantages',
      locAvantagesLevel: 'loc1',
      rentCapCents: euros(800),
      incomeCeilingCents: euros(38_000),
      energyRating: 'E'
    }).id
  );
  withdrawOffer(db, officer, withdrawn.id, 'Le propriétaire reprend le logement pour y loger sa fille.');

  // Applicants: some in the demo's emergency stays, one in the residence, others elsewhere.
  const applicant = (input: Partial<ApplicantInput> & Pick<ApplicantInput, 'label' | 'persons' | 'maxRentCents' | 'yearlyIncomeCents'>) =>
    createApplicant(db, officer, {
      accessibleNeeded: false,
      communes: ['Lunel'],
      neededFrom: night,
      waitingSince: addDays(night, -90),
      situation: 'elsewhere',
      ...input
    });
  const inStay = (label: string): Pick<ApplicantInput, 'householdId' | 'situation' | 'emergencyStayEnd'> => {
    const p = placed.get(label);
    if (!p) throw new Error(`demo seed: no stay for "${label}"`);
    return { householdId: p.householdId, situation: 'emergency_stay', emergencyStayEnd: p.end };
  };
  const martin = applicant({ label: 'M. et Mme Martin', persons: 2, maxRentCents: euros(600), yearlyIncomeCents: euros(17_500), communes: ['Lunel', 'Lunel-Viel'], waitingSince: addDays(night, -21), ...inStay('M. et Mme Martin') });
  const moreau = applicant({ label: 'M. Moreau et sa fille', persons: 2, maxRentCents: euros(720), yearlyIncomeCents: euros(19_000), communes: ['Marsillargues', 'Lunel'], waitingSince: addDays(night, -4), ...inStay('M. Moreau et sa fille') });
  // A confidential household: the mission knows it by its pseudonym only.
  applicant({ label: 'Mme Haddad et ses trois enfants', persons: 4, maxRentCents: euros(720), yearlyIncomeCents: euros(14_000), communes: [], waitingSince: addDays(night, -24), ...inStay('Mme Haddad et ses trois enfants') });
  const benali = applicant({ label: 'Famille Benali', persons: 5, maxRentCents: euros(750), yearlyIncomeCents: euros(24_000), communes: ['Marsillargues', 'Lunel'], waitingSince: addDays(night, -310) });
  applicant({ label: 'Mme Costa', persons: 1, maxRentCents: euros(450), yearlyIncomeCents: euros(11_000), accessibleNeeded: true, communes: ['Lunel'], waitingSince: addDays(night, -150) });
  const girard = applicant({ label: 'Mme Girard', persons: 1, maxRentCents: euros(560), yearlyIncomeCents: euros(13_200), communes: ['Lunel', 'Saint-Just'], waitingSince: addDays(night, -233), situation: 'residence' });
  const lopez = applicant({ label: 'M. Lopez et ses enfants', persons: 3, maxRentCents: euros(680), yearlyIncomeCents: euros(21_000), communes: ['Saint-Just'], waitingSince: addDays(night, -400) });
  applicant({ label: 'M. Vidal', persons: 2, maxRentCents: euros(500), yearlyIncomeCents: euros(16_000), communes: ['Lunel-Viel', 'Lunel'], waitingSince: addDays(night, -60) });

  // Proposals: one followed to a signed lease, some in progress, refusals with their reasons.
  const lease = propose(db, officer, saintJustT3.id, lopez.id);
  for (const step of ['visit', 'accepted', 'lease_signed'] as const) moveProposal(db, officer, lease.id, step);
  const toMartin = propose(db, officer, lunelT2.id, martin.id);
  moveProposal(db, officer, toMartin.id, 'visit');
  propose(db, officer, marsillarguesT3.id, benali.id);
  const toMoreau = propose(db, officer, marsillarguesT3.id, moreau.id);
  moveProposal(db, officer, toMoreau.id, 'refused_by_household', "Trop loin de l'école de sa fille.");
  const toGirard = propose(db, officer, lunelT2.id, girard.id);
  moveProposal(db, officer, toGirard.id, 'visit');
  moveProposal(db, officer, toGirard.id, 'refused_by_landlord', 'Garanties insuffisantes selon le propriétaire.');
}
