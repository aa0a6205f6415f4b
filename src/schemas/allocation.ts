// Availability and allocation: what is free, what is suggested, placing by suggestion.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { isoDate, programme, reason } from './common.ts';
import { householdInput } from './households.ts';

const range = z.object({ start: isoDate, end: isoDate });
export const availabilityQuery = z.object({
  from: isoDate,
  to: isoDate,
  programme: programme.optional(),
  persons: z.coerce.number().int().min(1).max(50).optional()
});
export const availability = z
  .object({
    from: isoDate,
    to: isoDate,
    units: z.array(z.object({ unitId: z.string(), name: z.string(), commune: z.string(), capacity: z.number().int(), programmes: z.array(z.string()), free: z.array(range) })),
    nights: z.array(z.object({ date: isoDate, freeUnits: z.number().int(), freePlaces: z.number().int() }))
  })
  .meta({
    id: 'Availability',
    examples: [
      {
        from: '2026-12-07',
        to: '2026-12-09',
        units: [{ unitId: '3f1c0d2e-…', name: 'Chambre 2', commune: 'Lunel', capacity: 3, programmes: ['emergency', 'dv_protocol'], free: [{ start: '2026-12-07', end: '2026-12-09' }] }],
        nights: [
          { date: '2026-12-07', freeUnits: 4, freePlaces: 11 },
          { date: '2026-12-08', freeUnits: 3, freePlaces: 8 }
        ]
      }
    ]
  });

export const suggestInput = z.object({
  start: isoDate,
  end: isoDate,
  persons: z.number().int().min(1).max(50),
  programme,
  accessible: z.boolean().optional(),
  overrideReason: reason.optional()
}).meta({ examples: [{ start: '2026-12-07', end: '2026-12-10', persons: 3, programme: 'emergency', accessible: false }] });
export const alternative = z.object({
  kind: z.enum(['shorter', 'later', 'split']),
  stays: z.array(z.object({ unitId: z.string(), start: isoDate, end: isoDate })),
  nights: z.number().int()
});
export const suggestion = z
  .object({
    options: z.array(z.object({ unitId: z.string(), score: z.number(), reasons: z.array(z.string()) })),
    alternatives: z.array(alternative)
  })
  .meta({ id: 'Suggestion' });
export const allocationInput = suggestInput.extend({
  household: householdInput,
  status: z.enum(['hold', 'confirmed']).optional(),
  referralId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Places the referral: admins and duty officers only (403 otherwise), under its programme, emergency and dv_protocol standing for each other (422 otherwise)' }),
  note: z.string().max(2000).optional()
});
