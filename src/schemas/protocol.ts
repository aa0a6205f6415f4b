// The domestic-violence protocol: the hotel budget and the hotel-then-apartment path.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { MAX_PERSONS } from '#domain/input-limits.ts';
import { isoDate, reason } from './common.ts';
import { householdInput } from './households.ts';
import { referralToPlace, stay, stayNote } from './stays.ts';

export const budget = z
  .object({ year: z.number().int(), budgetCents: z.number().int(), spentCents: z.number().int(), committedCents: z.number().int(), remainingCents: z.number().int() })
  .meta({ id: 'ProtocolBudget', description: 'The protocol’s paid hotel nights this year, in euro cents' });
export const budgetQuery = z.object({ year: z.coerce.number().int().min(1900).max(2999).optional() });
export const pathInput = z.object({
  start: isoDate,
  persons: z.number().int().min(1).max(MAX_PERSONS),
  accessible: z.boolean().optional(),
  apartmentNights: z.number().int().min(1).max(1096).optional()
}).meta({ examples: [{ start: '2026-12-07', persons: 3 }] });
const legSchema = z.object({
  start: isoDate,
  end: isoDate,
  options: z.array(z.object({ unitId: z.string(), score: z.number(), reasons: z.array(z.string()), nightlyCost: z.number().nullable() }))
});
export const pathSuggestion = z
  .object({ hotel: legSchema, apartment: legSchema, cost: z.number().nullable(), budget, wouldExceedBudget: z.boolean() })
  .meta({ id: 'ProtocolPathSuggestion' });
export const pathPlacementInput = z.object({
  household: householdInput.optional().meta({ description: 'A new household (required unless householdId is given)' }),
  householdId: z.string().min(1).max(100).optional().meta({ description: 'A household already known (a return keeps her record and its keep-apart protection)' }),
  start: isoDate,
  hotelUnitId: z.string().min(1).max(100),
  hotelNights: z.number().int().min(1).max(1096).optional(),
  apartmentUnitId: z.string().min(1).max(100).optional(),
  apartmentNights: z.number().int().min(1).max(1096).optional(),
  referralId: referralToPlace.optional(),
  note: stayNote.optional(),
  budgetOverrideReason: reason.optional()
});
export const pathPlacement = z.object({ hotel: stay, apartment: stay.nullable() }).meta({ id: 'ProtocolPathPlacement' });

/** The protocol path page's search (/orientations/<id>/placer, a GET query): another first night, another length of the apartment stay. */
export const pathQuery = z.object({ start: isoDate.optional(), apartmentNights: z.number().int().min(1).max(1096).optional() });
