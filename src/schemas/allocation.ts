// Availability and allocation: what is free, what is suggested, placing by suggestion.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { UNMET_REASONS } from '#domain/allocation.ts';
import { MAX_STAY_NIGHTS } from '#domain/dates.ts';
import { MAX_ADULTS, MAX_CHILDREN, MAX_PERSONS } from '#domain/input-limits.ts';
import { calendarDate, isoDate, note, programme, reason } from './common.ts';
import { householdInput, knownHousehold } from './households.ts';
import { placedStatus, referralToPlace, stay, stayNote } from './stays.ts';

const range = z.object({ start: isoDate, end: isoDate });
export const availabilityQuery = z.object({
  from: isoDate,
  to: isoDate,
  programme: programme.optional(),
  persons: z.coerce.number().int().min(1).max(MAX_PERSONS).optional()
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
  persons: z.number().int().min(1).max(MAX_PERSONS),
  programme,
  accessible: z.boolean().optional(),
  overrideReason: reason.optional(),
  adults: z.number().int().min(0).max(MAX_ADULTS).optional().meta({ description: 'With children, summing to persons: a `together` alternative then gives each unit its adults and children' }),
  children: z.number().int().min(0).max(MAX_CHILDREN).optional()
}).meta({ examples: [{ start: '2026-12-07', end: '2026-12-10', persons: 3, programme: 'emergency', accessible: false }] });
export const alternative = z.object({
  kind: z.enum(['shorter', 'later', 'split', 'together']).meta({
    description:
      '`shorter`: fewer nights from the asked start; `later`: a later start; `split`: two units on consecutive nights; `together`: several units on the same nights whose capacities together hold the household (the same site first, then the same commune)'
  }),
  stays: z.array(
    z.object({
      unitId: z.string(),
      start: isoDate,
      end: isoDate,
      adults: z.number().int().optional().meta({ description: '`together` only, when the composition is known: the adults in this unit (at least one)' }),
      children: z.number().int().optional().meta({ description: '`together` only, when the composition is known: the children in this unit' })
    })
  ),
  nights: z.number().int()
});
export const suggestion = z
  .object({
    options: z.array(z.object({ unitId: z.string(), score: z.number(), reasons: z.array(z.string()) })),
    alternatives: z.array(alternative)
  })
  .meta({ id: 'Suggestion' });
export const allocationInput = suggestInput.extend({
  household: householdInput.optional().meta({ description: 'A new household (required unless householdId is given)' }),
  householdId: knownHousehold.optional(),
  status: placedStatus.optional(),
  referralId: referralToPlace.optional(),
  note: stayNote.optional(),
  together: z.boolean().optional().meta({
    description:
      'When no single unit fits, place the best `together` option in one transaction (all or none); the answer is then `{stays}` (one stay when a single unit fits)'
  }),
  unitIds: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(MAX_ADULTS)
    .optional()
    .meta({ description: 'With together: exactly these units, the option shown (409 overlap when one was taken meanwhile, nothing placed)' })
});
/** The answer of a placement with `together: true`: every stay placed, linked by their `togetherGroup`. */
export const togetherPlacement = z.object({ stays: z.array(stay) }).meta({ id: 'TogetherPlacement' });

/**
 * The placing page's search (/placer, a GET query, so a search is a link): the nights by their
 * number or a departure date (which wins), the household by adults and children.
 */
export const placingSearch = z.object({
  start: calendarDate,
  end: calendarDate.optional(),
  nights: z.number().int().min(1).max(MAX_STAY_NIGHTS).optional(),
  adults: z.number().int().min(0).max(MAX_ADULTS),
  children: z.number().int().min(0).max(MAX_CHILDREN),
  programme,
  accessible: z.boolean().optional(),
  unitId: z.string().max(100).optional()
});

/** A demand nobody could be placed for, recorded with its reason (the note is required for "other", never a name). */
export const unmetDemandInput = z.object({
  programme,
  start: isoDate,
  end: isoDate,
  persons: z.number().int().min(1).max(MAX_PERSONS),
  accessible: z.boolean().optional(),
  reason: z.enum(UNMET_REASONS),
  note: note.optional()
});
