// Referrals from partners, and their decisions.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { email, isoDate, programme, text } from './common.ts';

export const referralInput = z.object({
  programme,
  urgency: z.enum(['immediate', 'within_24h', 'planned']),
  requestedStart: isoDate,
  nights: z.number().int().min(1).max(1096),
  household: z.object({
    adults: z.number().int().min(0).max(20),
    children: z.number().int().min(0).max(20),
    needs: z.array(z.string().trim().min(1).max(100)).max(20).optional()
  }),
  referrer: z.object({
    organisation: z.string().trim().max(200).optional().meta({ description: "Ignored for a partner: its referral belongs to the account's own organisation" }),
    contact: text(200),
    phone: text(40),
    email: email.max(200).optional()
  }),
  notes: z.string().max(2000).optional().meta({ description: 'No more personal data than needed: no name is required' })
}).meta({ examples: [{ programme: 'dv_protocol', urgency: 'immediate', requestedStart: '2026-12-07', nights: 3, household: { adults: 1, children: 2 }, referrer: { contact: 'Adjudant Martin', phone: '04 67 00 00 00', email: 'brigade@example.org' } }] });
const referralStatus = z.enum(['received', 'accepted', 'declined', 'redirected', 'withdrawn', 'placed']);
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
    referrer: z.object({ organisation: z.string(), contact: z.string(), phone: z.string(), email: z.string().nullable() }).optional().meta({ description: 'Staff only' }),
    notes: z.string().nullable().optional().meta({ description: 'Staff only' }),
    decisionReason: z.string().nullable().optional().meta({ description: 'Staff only' }),
    stayId: z.string().nullable().optional().meta({ description: 'Staff only' })
  })
  .meta({ id: 'Referral', description: 'A partner receives status and times only: never a unit, an address or a name' });
export const referralList = z.object({ referrals: z.array(referral) });
export const referralQuery = z.object({ status: referralStatus.optional() });
export const decisionInput = z.object({ outcome: z.enum(['accepted', 'declined', 'redirected', 'withdrawn']), reason: z.string().trim().max(1000).optional() }).meta({ examples: [{ outcome: 'declined', reason: 'no place of that size' }] });
