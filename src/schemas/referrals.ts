// Referrals from partners, and their decisions.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { MAX_ADULTS, MAX_CHILDREN, REASON_MAX } from '#domain/input-limits.ts';
import { DECISION_REASONS, OUTCOMES, REFERRAL_STATUSES, URGENCIES } from '#domain/referral-lifecycle.ts';
import { email, isoDate, note, originCommune, programme, text } from './common.ts';

export const referralInput = z.object({
  programme,
  urgency: z.enum(URGENCIES),
  requestedStart: isoDate,
  nights: z.number().int().min(1).max(1096),
  household: z.object({
    adults: z.number().int().min(0).max(MAX_ADULTS),
    children: z.number().int().min(0).max(MAX_CHILDREN),
    needs: z.array(z.string().trim().min(1).max(100)).max(20).optional()
  }),
  referrer: z.object({
    organisation: z.string().trim().max(200).optional().meta({ description: "Ignored for a partner: its referral belongs to the account's own organisation" }),
    contact: text(200),
    phone: text(40).regex(/\d/, 'a phone number has digits'),
    email: email.max(200).optional()
  }),
  notes: note.optional().meta({ description: 'No more personal data than needed: no name is required' }),
  originCommune
}).meta({ examples: [{ programme: 'dv_protocol', urgency: 'immediate', requestedStart: '2026-12-07', nights: 3, household: { adults: 1, children: 2 }, referrer: { contact: 'Adjudant Martin', phone: '04 67 00 00 00', email: 'brigade@example.org' } }] });
const referralStatus = z.enum(REFERRAL_STATUSES);
export const referral = z
  .object({
    id: z.string(),
    status: referralStatus,
    programme: z.string(),
    urgency: z.string(),
    requestedStart: isoDate,
    nights: z.number().int(),
    adults: z.number().int(),
    children: z.number().int(),
    receivedAt: z.string(),
    decidedAt: z.string().optional(),
    placedAt: z.string().optional(),
    organisationId: z.string().nullable().optional().meta({ description: 'Staff only' }),
    organisation: z.string().nullable().optional().meta({ description: 'Staff only' }),
    needs: z.array(z.string()).optional().meta({ description: 'Staff only' }),
    originCommune: z.string().nullable().optional().meta({ description: "Staff only: the commune the household comes from (INSEE code), 'outside' the territory, or null (unknown)" }),
    referrer: z.object({ organisation: z.string(), contact: z.string(), phone: z.string(), email: z.string().nullable() }).optional().meta({ description: 'Staff only' }),
    notes: z.string().nullable().optional().meta({ description: 'Staff only' }),
    decisionReason: z.string().nullable().optional().meta({ description: 'Staff only' }),
    stayId: z.string().nullable().optional().meta({ description: 'Staff only' })
  })
  .meta({ id: 'Referral', description: 'A partner receives status and times only: never a unit, an address or a name' });
export const referralList = z.object({ referrals: z.array(referral) });
export const referralQuery = z.object({ status: referralStatus.optional() });
export const decisionInput = z
  .object({
    outcome: z.enum(OUTCOMES),
    reason: z.string().trim().max(REASON_MAX).optional(),
    reasonCode: z
      .enum(DECISION_REASONS)
      .optional()
      .meta({ description: 'The reason from the closed list (no_place_tonight, no_place_of_size, out_of_scope, redirected_115, redirected_service, other): what unmet demand is counted under in reports' })
  })
  .meta({ examples: [{ outcome: 'declined', reasonCode: 'no_place_of_size', reason: 'no place of that size' }] });

/**
 * The referral pages' decision form: a reason from the list (required to decline or redirect) and
 * a note (required for "other"); together they make the decision's `reason` (decisionInput).
 */
export const decisionForm = z
  .object({ outcome: z.enum(OUTCOMES), reasonCode: z.enum(DECISION_REASONS).optional(), note: z.string().trim().max(REASON_MAX).optional() })
  .superRefine((d, ctx) => {
    if ((d.outcome === 'declined' || d.outcome === 'redirected') && !d.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'required' });
    if (d.reasonCode === 'other' && !d.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'required for other' });
  });
