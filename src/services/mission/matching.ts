// The housing mission's matching, read: the domain's ranking (src/domain/matching.ts) over the
// applicants still waiting, or over the open offers.
import { rankApplicants, rankOffers, type Applicant, type EnergyRating, type LocAvantagesLevel, type MatchResult, type Offer, type Scheme, type Situation } from '#domain/matching.ts';
import type { Db } from '#db/client.ts';
import { listApplicants as listApplicantRows, type ApplicantRow } from '#db/queries/applicants.ts';
import { listOffersByStatus, type OfferRow } from '#db/queries/offers.ts';
import type { Actor } from '../actor.ts';
import { today } from '../clock.ts';
import { assertMissionStaff, requireApplicant, requireOffer } from './access.ts';

export function toMatchingOffer(o: OfferRow): Offer {
  return {
    id: o.id,
    commune: o.commune,
    typology: o.typology,
    capacity: o.capacity,
    accessible: o.accessible,
    rentCents: o.rentCents,
    chargesCents: o.chargesCents,
    availableFrom: o.availableFrom,
    availableUntil: o.availableUntil,
    scheme: o.scheme as Scheme,
    locAvantagesLevel: o.locAvantagesLevel as LocAvantagesLevel | null,
    rentCapCents: o.rentCapCents,
    incomeCeilingCents: o.incomeCeilingCents,
    energyRating: o.energyRating as EnergyRating
  };
}

export function toMatchingApplicant(a: ApplicantRow): Applicant {
  return {
    id: a.id,
    persons: a.persons,
    accessibleNeeded: a.accessibleNeeded,
    maxRentCents: a.maxRentCents,
    yearlyIncomeCents: a.yearlyIncomeCents,
    communes: a.communes,
    neededFrom: a.neededFrom,
    waitingSince: a.waitingSince,
    situation: a.situation as Situation,
    emergencyStayEnd: a.emergencyStayEnd
  };
}

/** For an offer: every applicant, the suited ones ranked best first, the others with their reasons. */
export function matchesForOffer(db: Db, actor: Actor, offerId: string): MatchResult {
  assertMissionStaff(actor);
  const offer = requireOffer(db, offerId);
  return rankApplicants(toMatchingOffer(offer), listApplicantRows(db, { waitingOnly: true }).map(toMatchingApplicant), today());
}

/** For an applicant: the open offers, the suited ones ranked best first, the others with their reasons. */
export function matchesForApplicant(db: Db, actor: Actor, applicantId: string): MatchResult {
  assertMissionStaff(actor);
  const applicant = requireApplicant(db, applicantId);
  if (applicant.housedAt != null) return { matches: [], excluded: [] };
  return rankOffers(toMatchingApplicant(applicant), listOffersByStatus(db, 'open').map(toMatchingOffer), today());
}
