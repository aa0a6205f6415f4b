// Applications for admission to the social residence, their decisions, and the admission committee.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { MAX_ADULTS, MAX_CHILDREN, REASON_MAX } from '#domain/input-limits.ts';
import { APPLICATION_OUTCOMES } from '#domain/residence-lifecycle.ts';
import { APPLICATION_STATUSES, RESIDENCE_PUBLICS } from '#domain/residence-codes.ts';
import { cents, email, isoDate, note, originCommune, text, timestamp } from './common.ts';

/** At most 1,000,000 € a month: a typing slip, not an income. */
const MAX_INCOME_CENTS = 100_000_000;

export const applicationInput = z
  .object({
    household: z
      .object({
        label: text(200),
        adults: z.number().int().min(0).max(MAX_ADULTS),
        children: z.number().int().min(0).max(MAX_CHILDREN)
      })
      .optional()
      .meta({ description: 'A household the service does not know yet (give this or householdId)' }),
    householdId: z.string().trim().min(1).max(100).optional().meta({ description: 'A household already known (staff only: 422 for a partner)' }),
    typology: z.string().trim().max(40).optional().meta({ description: 'The typology wanted (studio, T1, T1 bis…)' }),
    accessible: z.boolean().optional(),
    monthlyIncomeCents: cents(MAX_INCOME_CENTS),
    public: z.enum(RESIDENCE_PUBLICS),
    situation: note.optional().meta({ description: 'The situation and the plan (employment, training)' }),
    originCommune,
    referrer: z.object({
      organisation: z.string().trim().max(200).optional().meta({ description: "Ignored for a partner: its application belongs to the account's own organisation" }),
      contact: text(200),
      phone: text(40).regex(/\d/, 'a phone number has digits'),
      email: email.max(200).optional()
    })
  })
  .meta({
    examples: [
      {
        household: { label: 'Camille Roux', adults: 1, children: 0 },
        typology: 'T1',
        monthlyIncomeCents: 95000,
        public: 'young_worker',
        situation: 'Apprentie en CAP cuisine à Lunel',
        referrer: { contact: 'Mme Bernard', phone: '04 67 00 00 00' }
      }
    ]
  });
export type ApplicationInput = z.output<typeof applicationInput>;

const applicationStatus = z.enum(APPLICATION_STATUSES);

const step = z.object({
  status: applicationStatus,
  at: timestamp,
  committeeId: z.string().nullable().optional().meta({ description: 'Staff only' }),
  committeeDate: isoDate.nullable().optional().meta({ description: 'Staff only' }),
  urgent: z.boolean().optional().meta({ description: 'Staff only: decided between committees' }),
  reason: z.string().nullable().optional().meta({ description: 'Staff only' })
});

export const application = z
  .object({
    id: z.string(),
    status: applicationStatus,
    householdId: z.string(),
    receivedAt: timestamp,
    decidedAt: timestamp.optional(),
    steps: z.array(step),
    household: z
      .object({ id: z.string(), name: z.string(), confidential: z.boolean(), adults: z.number().int(), children: z.number().int() })
      .optional()
      .meta({ description: 'Staff only: a confidential household by its pseudonym' }),
    organisationId: z.string().nullable().optional().meta({ description: 'Staff only' }),
    organisation: z.string().nullable().optional().meta({ description: 'Staff only' }),
    typology: z.string().nullable().optional(),
    accessible: z.boolean().optional(),
    monthlyIncomeCents: z.number().int().optional().meta({ description: 'Staff only' }),
    public: z.enum(RESIDENCE_PUBLICS).optional().meta({ description: 'Staff only' }),
    situation: z.string().nullable().optional().meta({ description: 'Staff only' }),
    originCommune: z.string().nullable().optional().meta({ description: "Staff only: the commune the household comes from (INSEE code), 'outside' the territory, or null (unknown)" }),
    referrer: z.object({ organisation: z.string(), contact: z.string(), phone: z.string(), email: z.string().nullable() }).optional().meta({ description: 'Staff only' }),
    reason: z.string().nullable().optional().meta({ description: 'Staff only: the reason of the last decision' }),
    committeeId: z.string().nullable().optional().meta({ description: 'Staff only: the committee of the last decision' }),
    urgent: z.boolean().optional().meta({ description: 'Staff only: the last decision was taken between committees' })
  })
  .meta({ id: 'ResidenceApplication', description: 'A partner receives its own applications with status and times only' });
export const applicationList = z.object({ applications: z.array(application) });
export const applicationQuery = z.object({ status: applicationStatus.optional() });

export const applicationDecisionInput = z
  .object({
    outcome: z.enum(APPLICATION_OUTCOMES),
    reason: z.string().trim().max(REASON_MAX).optional(),
    committeeId: z.string().trim().min(1).max(100).optional().meta({ description: 'The committee deciding; without it, an urgent decision between committees' })
  })
  .meta({ examples: [{ outcome: 'admitted', committeeId: 'a committee id' }, { outcome: 'refused', reason: 'ressources au-dessus du plafond' }] });
export type ApplicationDecisionInput = z.output<typeof applicationDecisionInput>;

export const committeeInput = z
  .object({ meetsOn: isoDate, note: note.optional().meta({ description: 'For the minutes: who attended…; never an applicant’s name' }) })
  .meta({ examples: [{ meetsOn: '2027-01-14', note: 'Direction, intervenante sociale, SIAO' }] });
export type CommitteeInput = z.output<typeof committeeInput>;

export const committee = z
  .object({ id: z.string(), meetsOn: isoDate, note: z.string().nullable(), decisions: z.number().int() })
  .meta({ id: 'ResidenceCommittee', description: 'A meeting of the admission committee' });
export const committeeList = z.object({ committees: z.array(committee) });
