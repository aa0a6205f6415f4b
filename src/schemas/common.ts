// The schemas every aggregate uses: dates, programmes, the error answer (RFC 9457), ids, money, timestamps.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { isValidDate } from '#domain/dates.ts';
import { PUBLIC_CODES } from '#domain/errors.ts';
import { NOTE_MAX, REASON_MAX } from '#domain/input-limits.ts';
import { PROGRAMMES, SITE_KINDS } from '#domain/programmes.ts';
import { INSEE_CODE, ORIGIN_OUTSIDE } from '#domain/territory.ts';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .meta({ description: 'A calendar date of Europe/Paris, YYYY-MM-DD', example: '2026-12-07' });
/** A date that exists on the calendar (2027-02-30 does not), for the pages' searches. */
export const calendarDate = isoDate.refine(isValidDate, 'not a calendar date');
export const programme = z.enum(PROGRAMMES).meta({ description: 'A programme' });
export const siteKind = z.enum(SITE_KINDS);
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
/** A reason given with an act (a decision, a block, an override, a reveal). */
export const reason = z.string().trim().min(1).max(REASON_MAX);
/** The body of an act that only needs its reason (revealing a name, lifting a confidentiality). */
export const reasonBody = z.object({ reason });
/** A note beside a record (a referral, an unmet demand); a stay's practical note is longer (stays.ts). */
export const note = z.string().trim().max(NOTE_MAX);

/** The one email rule, zod's: every address a person, a form or the settings give is checked by it. */
export const email = z.email('expected an email address');
/** Whether s is an email address by the one rule (for code that checks an address outside a schema). */
export function isEmail(s: string): boolean {
  return email.safeParse(s).success;
}

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(PUBLIC_CODES),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    conflicts: z
      .array(z.object({ start: isoDate, end: isoDate, kind: z.enum(['stay', 'block']) }))
      .optional()
      .meta({ description: 'The whole range of each conflicting stay or block; nothing about any household' }),
    alternatives: z.array(z.any()).optional()
  })
  .meta({
    id: 'Problem',
    description: 'An error, as RFC 9457 application/problem+json',
    examples: [{ type: '/problems/overlap', title: 'Overlap', status: 409, detail: 'these nights overlap a live stay or a block on this unit', code: 'overlap', conflicts: [{ start: '2026-12-06', end: '2026-12-08', kind: 'stay' }] }]
  });

/**
 * The error answers a route may give, for the OpenAPI document and serialisation; every route may
 * also answer 503 `busy` (with Retry-After) when the database stays locked past the request's bound.
 */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 422 | 429)[]) {
  return Object.fromEntries([...statuses, 503].map((s) => [s, problem])) as Record<number, typeof problem>;
}

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const cents = (max: number) => z.number().int().min(0).max(max);
export const timestamp = z.string().meta({ description: 'ISO 8601 with offset', example: '2027-01-04T15:00:00.000+01:00' });

/**
 * Where a household comes from: the INSEE code of a commune of the territory, "outside" the
 * territory, or unknown (left out, empty or null). That the code is one of the territory's communes
 * is the service's check (422 otherwise), against the communes an admin keeps.
 */
export const originCommune = z
  .string()
  .trim()
  .max(10)
  .refine((v) => v === ORIGIN_OUTSIDE || INSEE_CODE.test(v), 'expected the INSEE code of a commune of the territory, or "outside"')
  .nullable()
  .optional()
  .meta({ description: 'The commune the household comes from: an INSEE code of the territory, "outside" the territory; null or absent: unknown', example: '34145' });
