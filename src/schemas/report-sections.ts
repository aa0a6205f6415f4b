// The report's sections beyond the activity core (src/services/reports/sections.ts): the API
// validates, serialises and documents with these. Counts, days, hours and cents only.
import { z } from 'zod';
import { SCHEMES } from '#domain/matching.ts';
import { OFFER_STATUSES, REFUSALS } from '#domain/proposal-lifecycle.ts';
import { REFERRAL_STATUSES } from '#domain/referral-lifecycle.ts';
import { DEPARTURE_DESTINATIONS } from '#domain/residence-codes.ts';
import { ORGANISATION_KINDS } from '#domain/territory.ts';
import { isoDate } from './common.ts';

const count = z.number().int().min(0);
const ratio = z.number().nullable();

const outcomes = z.object({
  departures: z.array(z.object({ destination: z.enum(DEPARTURE_DESTINATIONS), count })),
  departuresTotal: count,
  leasesSigned: count.nullable(),
  exits: count,
  exitsToHousing: count,
  shareToHousing: ratio,
  timeToHousing: z.object({ households: count, medianDays: z.number().nullable() }).nullable(),
  returns: z.object({ housed: count, returned: count, share: ratio, windowDays: count, complete: z.boolean() }).nullable()
});

const referralOutcome = z.enum(REFERRAL_STATUSES);
const referralsBySource = z.object({
  received: count,
  sources: z.array(
    z.object({
      source: z.enum([...ORGANISATION_KINDS, 'unknown']),
      received: count,
      byOutcome: z.array(z.object({ outcome: referralOutcome, count })),
      medianHoursToDecision: z.number().nullable(),
      p90HoursToDecision: z.number().nullable()
    })
  ),
  decided: count,
  medianHoursToDecision: z.number().nullable(),
  p90HoursToDecision: z.number().nullable()
});

const dvProtocol = z.object({
  months: z.array(
    z.object({
      month: z.string(),
      hotelNights: count,
      costCents: z.number().int(),
      apartmentNights: count,
      budgetCents: z.number().int(),
      cumulativeCostCents: z.number().int(),
      budgetUsed: ratio
    })
  ),
  hotelNights: count,
  hotelCostCents: z.number().int(),
  apartmentNights: count,
  years: z.array(z.object({ year: z.number().int(), budgetCents: z.number().int(), costCents: z.number().int(), budgetUsed: ratio }))
});

const mission = z.object({
  offers: z.array(z.object({ scheme: z.enum(SCHEMES), byStatus: z.array(z.object({ status: z.enum(OFFER_STATUSES), count })), total: count })),
  offersTotal: count,
  leasesSigned: count,
  medianDaysOfferToLease: z.number().nullable(),
  refusals: z.array(z.object({ status: z.enum(REFUSALS), reason: z.string(), count })),
  refusalsTotal: count
});

const residence = z.object({
  units: count,
  openUnitNights: count,
  occupiedUnitNights: count,
  occupancy: z.number(),
  admissions: count,
  medianDaysToAdmission: z.number().nullable(),
  moveIns: count,
  waitingList: z.object({ count, medianDaysWaited: z.number().nullable(), asOf: isoDate }),
  arrears: z.object({ month: z.string(), contracts: count, totalCents: z.number().int() })
});

const territory = z.object({
  lines: z.array(
    z.object({
      origin: z.string(),
      name: z.string().nullable(),
      population: z.number().int().nullable(),
      demands: count,
      placements: count,
      demandsPer1000: ratio,
      placementsPer1000: ratio
    })
  ),
  populationYear: z.number().int().nullable(),
  demands: count,
  placements: count
});

export const reportSections = z
  .object({
    from: isoDate,
    to: isoDate,
    outcomes,
    referralsBySource,
    dvProtocol: dvProtocol.nullable(),
    mission: mission.nullable(),
    residence: residence.nullable(),
    territory
  })
  .meta({
    id: 'ReportSections',
    description:
      "The report's sections for [from, to): outcomes, referrals by source, the DV protocol, the housing mission, the social residence, the territory. A section about a programme the caller's role does not handle is null."
  });
