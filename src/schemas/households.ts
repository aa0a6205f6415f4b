// Households: their input when placed, and the access request (everything held about one).
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { MAX_ADULTS, MAX_CHILDREN } from '#domain/input-limits.ts';
import { PATHWAY_KINDS } from '#domain/pathway.ts';
import { isoDate, originCommune, programme, reason, text, timestamp } from './common.ts';

export const householdInput = z.object({
  label: text(200).meta({ description: "The household's real name, seen by staff" }),
  adults: z.number().int().min(0).max(MAX_ADULTS),
  children: z.number().int().min(0).max(MAX_CHILDREN),
  needs: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  keepApartFrom: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'The id of a household this one must never share a site with on an overlapping night' }),
  originCommune
});

/** A household already known, placed again as recorded: one definition for every way of placing. */
export const knownHousehold = z
  .string()
  .min(1)
  .max(100)
  .meta({ description: 'A household already known (a return, the next step of a path), placed with its recorded composition; instead of household' });

/** Where a household comes from, set on its record (the household page, staff who see it). */
export const householdOriginInput = z.object({ originCommune });

/** Finding a confidential household by its exact full name, with the reason (audited). */
export const findByNameInput = z.object({ name: text(200), reason });

// Households: the access request (everything held about one household).

const record = z.record(z.string(), z.unknown());
export const householdExport = z
  .object({
    exportedAt: timestamp,
    household: z.object({
      id: z.string(),
      label: z.string().meta({ description: "The household's real name (an admin's export, audited)" }),
      pseudonym: z.string(),
      adults: z.number().int(),
      children: z.number().int(),
      needs: z.unknown(),
      confidential: z.boolean(),
      createdAt: timestamp
    }),
    stays: z.array(record).meta({ description: 'Its stays with their events; a confidential site is named, its address is null' }),
    referrals: z.array(record).meta({ description: 'The referrals linked to its stays' }),
    mission: z.object({ applicants: z.array(record), proposals: z.array(record), events: z.array(record) }).meta({ description: 'Its housing-mission applications, their proposals and dated steps' }),
    audit: z.array(record).meta({ description: 'The audit entries about the household, its stays, referrals, applications and proposals' })
  })
  .meta({
    id: 'HouseholdExport',
    description:
      "Everything held about one household: its own rows only. Never another household's id, pseudonym or name, nor a keep-apart link either way, nor a confidential site's address (free text included: such words are replaced by […])."
  });

// Households: the pathway across programmes, and the merge of two records of one household.

export const pathwayStep = z
  .looseObject({
    date: isoDate,
    kind: z.enum(PATHWAY_KINDS),
    programme: programme.optional().meta({ description: "The step's programme; absent (with every detail) when the caller's role does not handle it" })
  })
  .meta({
    description:
      'One step: its date and kind; for a programme the caller handles, its ids and where it led (a referral\'s stayId, a stay\'s previousStayId and nextStayId, an admission\'s contractId…); a stay has programme, unitId, start, end, status; a departure its destination.'
  });

export const pathway = z
  .object({
    householdId: z.string(),
    pseudonym: z.string(),
    label: z.string().nullable().meta({ description: 'The real name; null for a confidential household (its pseudonym only)' }),
    confidential: z.boolean(),
    steps: z.array(pathwayStep)
  })
  .meta({ id: 'Pathway', description: "A household's pathway across programmes, in time order" });

export const mergeInput = z.object({
  duplicateId: z.string().trim().min(1).max(100).meta({ description: 'The other record of the same household: its rows move to this one, then it is removed' }),
  reason
});

export const mergeResult = z.object({
  householdId: z.string(),
  mergedId: z.string(),
  confidential: z.boolean(),
  moved: z.record(z.string(), z.number().int()).meta({ description: 'How many rows of each kind moved to the kept household' })
});

/** The household page's merge form: the other record by its pseudonym or id, and the reason (named `mergeReason` on the page). */
export const mergeFormInput = z.object({ duplicate: z.string().trim().min(1).max(100), reason });
