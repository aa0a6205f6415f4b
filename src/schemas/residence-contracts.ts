// The social residence's contracts: signing, amendments, statements, payments, departures.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { isValidMonth } from '#domain/dates.ts';
import { DEPARTURE_DESTINATIONS, NOTICE_GIVERS, PAYMENT_MEANS } from '#domain/residence-codes.ts';
import { cents, isoDate, reason, timestamp } from './common.ts';

/** The most a month's amount (or one payment) may be, in cents: 100,000 €. */
export const RESIDENCE_MAX_CENTS = 10_000_000;
const id = z.string().min(1).max(100);
const money = cents(RESIDENCE_MAX_CENTS);

export const contractInput = z
  .object({
    applicationId: id.meta({ description: 'An admitted application (409 invalid_transition otherwise); it becomes housed' }),
    unitId: id,
    start: isoDate.meta({ description: "The first night under contract; not before tonight's night unless stayId is given (then the stay's start is the contract's)" }),
    rentCents: money.meta({ description: 'The monthly rent-equivalent' }),
    chargesCents: money.meta({ description: 'The monthly charges' }),
    depositCents: money.meta({ description: 'At most one month of the rent-equivalent' }),
    aplCents: money.optional().meta({ description: 'The monthly housing benefit paid to the residence (APL), 0 by default' }),
    stayId: id.optional().meta({ description: "Adopts this live social_residence stay of the household on the unit instead of placing one" }),
    referent: z.string().trim().max(200).optional().meta({ description: 'The referent social worker' }),
    reviewEveryMonths: z.number().int().min(1).max(24).optional().meta({ description: "The household's plan is reviewed every this many months (6 by default)" })
  })
  .meta({ examples: [{ applicationId: '9b0e…', unitId: '3f1c…', start: '2027-01-10', rentCents: 40000, chargesCents: 5000, depositCents: 40000, aplCents: 20000 }] });

export const amendment = z
  .object({
    id: z.number().int(),
    contractId: z.string(),
    from: isoDate,
    rentCents: z.number().int().nullable(),
    chargesCents: z.number().int().nullable(),
    aplCents: z.number().int().nullable(),
    createdAt: timestamp
  })
  .meta({ id: 'ResidenceAmendment' });

export const contract = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    householdId: z.string(),
    unitId: z.string(),
    stayId: z.string(),
    start: isoDate,
    end: isoDate.nullable(),
    rentCents: z.number().int(),
    chargesCents: z.number().int(),
    aplCents: z.number().int(),
    depositCents: z.number().int(),
    status: z.enum(['active', 'ended']),
    referent: z.string().nullable(),
    reviewEveryMonths: z.number().int(),
    nextReviewOn: isoDate.nullable(),
    arrears: z.object({ month: z.string(), balanceCents: z.number().int(), monthsOwed: z.number().int() }),
    amendments: z.array(amendment),
    departure: z
      .object({
        date: isoDate,
        destination: z.enum(DEPARTURE_DESTINATIONS),
        noticeGivenOn: isoDate.nullable(),
        by: z.enum(NOTICE_GIVERS).nullable(),
        reason: z.string().nullable(),
        recordedAt: timestamp
      })
      .nullable(),
    createdAt: timestamp,
    updatedAt: timestamp
  })
  .meta({ id: 'ResidenceContract' });

export const amendmentInput = z.object({
  from: isoDate.meta({ description: "The first night of the new amounts, from the contract's start on" }),
  rentCents: money.nullable().optional(),
  chargesCents: money.nullable().optional(),
  aplCents: money.nullable().optional()
});

export const month = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'expected a month written YYYY-MM')
  .refine(isValidMonth, 'not a month')
  .meta({ description: 'A month, YYYY-MM', example: '2027-02' });
export const statementQuery = z.object({ month });

export const statement = z
  .object({
    month: z.string(),
    nights: z.number().int(),
    dueCents: z.number().int(),
    aplCents: z.number().int(),
    paidCents: z.number().int(),
    balanceCents: z.number().int().meta({ description: 'Carried over from the start: positive is owed' })
  })
  .meta({ id: 'ResidenceStatement' });

export const paymentInput = z.object({
  date: isoDate.meta({ description: "The day it was paid: from the month of the contract's start up to today" }),
  amountCents: z
    .number()
    .int()
    .min(-RESIDENCE_MAX_CENTS)
    .max(RESIDENCE_MAX_CENTS)
    .meta({ description: 'Negative for a reversal (a bounced cheque), which needs a reason' }),
  means: z.enum(PAYMENT_MEANS),
  reason: reason.optional()
});

export const payment = z
  .object({
    id: z.string(),
    contractId: z.string(),
    date: isoDate,
    amountCents: z.number().int(),
    means: z.enum(PAYMENT_MEANS),
    reason: z.string().nullable(),
    createdAt: timestamp
  })
  .meta({ id: 'ResidencePayment' });

export const departureInput = z.object({
  date: isoDate.meta({ description: "The first night no longer under contract: after the contract's start, not after its stay's end" }),
  destination: z.enum(DEPARTURE_DESTINATIONS),
  noticeGivenOn: isoDate.optional(),
  by: z.enum(NOTICE_GIVERS).optional(),
  reason: reason.optional().meta({ description: 'Required when the residence gives notice' })
});
