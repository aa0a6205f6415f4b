// The reports: their queries and answers. The API validates, serialises and documents with them.
import { z } from 'zod';
import { UNMET_REASONS } from '#domain/allocation.ts';
import { PROGRAMMES } from '#domain/programmes.ts';
import { REFERRAL_STATUSES } from '#domain/referral-lifecycle.ts';
import { STAY_LENGTH_BUCKETS } from '#domain/report-activity.ts';
import { DEPARTURE_DESTINATIONS } from '#domain/residence-codes.ts';
import { isoDate } from './common.ts';

/**
 * A report's period [from, to). Any text is let through to the service, which answers 422 with a
 * clear message for a date that is not one, from not before to, or more than five years.
 */
export const reportPeriodQuery = z.object({
  from: isoDate.meta({ description: 'The first night, YYYY-MM-DD', example: '2026-01-01' }),
  to: isoDate.meta({ description: 'The night after the last (the period is [from, to)), at most 5 years after from', example: '2027-01-01' })
});

const count = z.number().int().min(0);
const nightFigures = {
  householdNights: count,
  personNights: count,
  staysStarted: count,
  staysEnded: count,
  households: count,
  persons: count,
  adults: count,
  children: count
};
const occupancyFigures = { openUnitNights: count, occupiedUnitNights: count, occupancy: z.number().min(0) };
const month = z.string().meta({ description: 'YYYY-MM' });
const monthOccupancy = z.object({ month, ...occupancyFigures });
const programme = z.enum(PROGRAMMES);

export const activityReportSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    programmes: z.array(z.object({ programme, ...nightFigures })),
    sites: z.array(z.object({ siteId: z.string(), name: z.string(), commune: z.string(), confidential: z.boolean(), ...occupancyFigures, householdNights: count, personNights: count })),
    unmet: z.array(z.object({ reason: z.enum(UNMET_REASONS), count })),
    referrals: z.object({ received: count, byOutcome: z.array(z.object({ outcome: z.enum(REFERRAL_STATUSES), count })), medianHoursToDecision: z.number().nullable() }),
    exits: z.array(z.object({ destination: z.enum(DEPARTURE_DESTINATIONS), count })),
    totals: z.object(nightFigures).meta({ description: 'Every programme the caller sees together, each household once' }),
    nightsByMonth: z.array(z.object({ month, programme, householdNights: count, personNights: count })),
    unmetByProgramme: z.array(z.object({ programme, reason: z.enum(UNMET_REASONS), count })),
    unmetShare: z
      .array(z.object({ programme: z.union([programme, z.literal('all')]), unmet: count, placements: count, share: z.number().nullable() }))
      .meta({ description: 'unmet ÷ (unmet + placements) by programme and in all; a household placed together once, the protocol’s apartment after its hotel nights not again' }),
    occupancy: z.object({
      months: z.array(month),
      units: z.array(z.object({ unitId: z.string(), name: z.string(), siteId: z.string(), siteName: z.string(), programmes: z.array(programme), ...occupancyFigures, months: z.array(monthOccupancy) })),
      sites: z.array(z.object({ siteId: z.string(), name: z.string(), ...occupancyFigures, months: z.array(monthOccupancy) })),
      programmes: z.array(z.object({ programme, ...occupancyFigures, months: z.array(monthOccupancy) })).meta({ description: 'A unit counts in each programme it serves' }),
      unitCountsInEachProgramme: z.literal(true)
    }),
    lengthOfStay: z.array(
      z.object({
        programme,
        stays: count,
        medianNights: z.number().nullable(),
        meanNights: z.number().nullable(),
        buckets: z.array(z.object({ bucket: z.enum(STAY_LENGTH_BUCKETS.map((b) => b.bucket) as [string, ...string[]]), count }))
      })
    )
  })
  .meta({ id: 'ActivityReport', description: 'The activity of [from, to): nights, occupancy, unmet demand, referrals, exits, length of stay' });
