// Stays: placing, reading and changing them.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { STAY_ACTIONS, STAY_STATUSES } from '#domain/stay-lifecycle.ts';
import { STAY_NOTE_MAX } from '#domain/input-limits.ts';
import { DEPARTURE_DESTINATIONS } from '#domain/residence-codes.ts';
import { isoDate, programme, reason } from './common.ts';
import { householdInput, knownHousehold } from './households.ts';

/** The practical note of a stay (the door code, who to call). */
export const stayNote = z.string().max(STAY_NOTE_MAX);

/** The referral a placement places: one definition for every way of placing. */
export const referralToPlace = z
  .string()
  .min(1)
  .max(100)
  .meta({ description: 'Places the referral: admins and duty officers only (403 otherwise), under its programme, emergency and dv_protocol standing for each other (422 otherwise)' });
/** The status a new stay may be placed in. */
export const placedStatus = z.enum(['hold', 'confirmed']);

export const stayInput = z.object({
  unitId: z.string().min(1).max(100),
  start: isoDate,
  end: isoDate,
  programme,
  household: householdInput.optional().meta({ description: 'A new household (required unless householdId is given)' }),
  householdId: knownHousehold.optional(),
  status: placedStatus.optional(),
  referralId: referralToPlace.optional(),
  note: stayNote.optional(),
  overrideReason: reason.optional()
}).meta({ examples: [{ unitId: '3f1c0d2e-…', start: '2026-12-07', end: '2026-12-10', programme: 'dv_protocol', household: { label: 'Mme Exemple', adults: 1, children: 2 }, status: 'hold' }] });
export const stay = z
  .object({
    id: z.string(),
    unitId: z.string(),
    householdId: z.string(),
    programme: z.string(),
    start: isoDate,
    end: isoDate,
    status: z.enum(STAY_STATUSES),
    holdExpiresAt: z.string().nullable(),
    referralId: z.string().nullable(),
    previousStayId: z.string().nullable().meta({ description: 'The stay this one follows on a path' }),
    note: z.string().nullable(),
    overrideReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    destination: z.enum(DEPARTURE_DESTINATIONS).optional().meta({ description: 'Where the household went when it left (recorded at check-out or a residence departure); absent when not said' }),
    togetherGroup: z.string().optional().meta({ description: "Only for one of a household's stays placed together on the same nights: their shared link" }),
    adults: z.number().int().optional().meta({ description: 'With togetherGroup: the adults in this unit' }),
    children: z.number().int().optional().meta({ description: 'With togetherGroup: the children in this unit' }),
    household: z
      .object({
        pseudonym: z.string(),
        label: z.string().nullable().meta({ description: 'null for a confidential household' }),
        adults: z.number().int(),
        children: z.number().int(),
        confidential: z.boolean()
      })
      .optional(),
    history: z
      .array(
        z.object({
          action: z.string(),
          fromStatus: z.string().nullable(),
          toStatus: z.string(),
          start: z.string(),
          end: z.string(),
          previousEnd: z.string().nullable(),
          reason: z.string().nullable(),
          at: z.string()
        })
      )
      .optional()
  })
  .meta({ id: 'Stay' });
export const stayList = z.object({ stays: z.array(stay) });
export const stayQuery = z.object({ unitId: z.string().min(1).max(100).optional(), from: isoDate, to: isoDate });
/** The body of a check-out (optional): where the household went, from the closed list (422 for another value). */
export const checkOutBody = z
  .object({ destination: z.string().max(100).nullable().optional().meta({ description: `Where the household went: one of ${DEPARTURE_DESTINATIONS.join(', ')}; absent or null: not said` }) })
  .nullish();

export const stayPatch = z.object({ end: isoDate, overrideReason: reason.optional() });

/** The planning page's window (/planning, a GET query): its first night, how many nights, a site, a programme. */
export const planningQuery = z.object({
  start: isoDate.optional(),
  nights: z.number().int().optional(),
  siteId: z.string().max(100).optional(),
  programme: programme.optional()
});

/** A stay's practical note, replaced from its page (empty clears it). */
export const stayNoteInput = z.object({ note: stayNote.optional() });

/** A move on a stay, named by the button pressed on its page. */
export const stayActInput = z.object({
  action: z.enum(STAY_ACTIONS),
  destination: z.string().max(100).optional().meta({ description: 'At check-out only: where the household went (the closed list of departures); blank: not said' })
});

/** The stay that follows a hotel stay (its next step, in an apartment): the unit, and the nights' end (default: the apartment limit). */
export const stayFollowingInput = z.object({
  unitId: z.string().min(1).max(100),
  end: isoDate.optional().meta({ description: 'The departure from the apartment; the stay starts the night the hotel stay ends' })
});
