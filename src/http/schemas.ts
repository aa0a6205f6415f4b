// The zod schemas of the API: validation at the edge, serialisation, and the OpenAPI document.
import { z } from 'zod';
import { PROGRAMMES, SITE_KINDS } from '#domain/programmes.ts';
import { STAY_STATUSES } from '#domain/stay-lifecycle.ts';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .meta({ description: 'A calendar date of Europe/Paris, YYYY-MM-DD', example: '2026-12-07' });
export const programme = z.enum(PROGRAMMES).meta({ description: 'A programme' });
export const siteKind = z.enum(SITE_KINDS);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const reason = z.string().trim().min(1).max(1000);

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(['unauthorized', 'forbidden', 'not_found', 'validation', 'overlap', 'no_availability', 'limit_exceeded', 'invalid_transition', 'already_decided', 'rate_limited']),
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

/** The error answers a route may give, for the OpenAPI document and serialisation. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 422 | 429)[]) {
  return Object.fromEntries(statuses.map((s) => [s, problem])) as Record<number, typeof problem>;
}

export const householdInput = z.object({
  label: text(200).meta({ description: "The household's real name, seen by staff" }),
  adults: z.number().int().min(0).max(20),
  children: z.number().int().min(0).max(20),
  needs: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  keepApartFrom: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'The id of a household this one must never share a site with on an overlapping night' })
});

export const siteInput = z.object({
  name: text(200),
  commune: text(100),
  confidential: z.boolean(),
  address: text(500),
  kind: siteKind.optional()
}).meta({ examples: [{ name: 'Hôtel du Vidourle', commune: 'Lunel', confidential: false, address: '1 avenue Exemple, 34400 Lunel', kind: 'hotel' }] });
export const site = z.object({ id: z.string(), name: z.string(), commune: z.string(), confidential: z.boolean(), address: z.string(), kind: siteKind }).meta({ id: 'Site' });

export const unitInput = z.object({
  siteId: z.string().min(1).max(100),
  name: text(200),
  capacity: z.number().int().min(1).max(50),
  programmes: z.array(programme).min(1),
  accessible: z.boolean().optional(),
  typology: z.string().trim().max(20).optional(),
  nightlyCost: z.number().min(0).max(10_000).optional().meta({ description: 'Euros per night, where a night is paid' })
});
export const unit = z
  .object({
    id: z.string(),
    siteId: z.string(),
    name: z.string(),
    capacity: z.number().int(),
    programmes: z.array(z.string()),
    accessible: z.boolean(),
    typology: z.string().nullable(),
    nightlyCost: z.number().nullable()
  })
  .meta({ id: 'Unit' });
export const unitList = z
  .object({
    units: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        capacity: z.number().int(),
        programmes: z.array(z.string()),
        accessible: z.boolean(),
        typology: z.string().nullable().optional(),
        nightlyCost: z.number().nullable().optional(),
        site: z.object({
          id: z.string(),
          name: z.string(),
          commune: z.string(),
          confidential: z.boolean(),
          kind: z.string(),
          address: z.string().optional().meta({ description: 'Absent for a confidential site unless the caller is an admin or a duty officer' })
        })
      })
    )
  })
  .meta({ id: 'UnitList' });

export const stayInput = z.object({
  unitId: z.string().min(1).max(100),
  start: isoDate,
  end: isoDate,
  programme,
  household: householdInput.optional().meta({ description: 'A new household (required unless householdId is given)' }),
  householdId: z.string().min(1).max(100).optional().meta({ description: 'A household already known (a return, the next step of a path)' }),
  status: z.enum(['hold', 'confirmed']).optional(),
  referralId: z.string().min(1).max(100).optional(),
  note: z.string().max(2000).optional(),
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
export const stayPatch = z.object({ end: isoDate, overrideReason: reason.optional() });
export const idParams = z.object({ id: z.string().min(1).max(100) });

export const blockInput = z.object({ unitId: z.string().min(1).max(100), start: isoDate, end: isoDate, reason: text(500) }).meta({ examples: [{ unitId: '3f1c0d2e-…', start: '2026-12-07', end: '2026-12-09', reason: 'dégât des eaux' }] });
export const block = z.object({ id: z.string(), unitId: z.string(), start: isoDate, end: isoDate, reason: z.string() }).meta({ id: 'Block' });

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
  referralId: z.string().min(1).max(100).optional(),
  note: z.string().max(2000).optional()
});

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
    email: z.email().max(200).optional()
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

export const budget = z
  .object({ year: z.number().int(), budgetCents: z.number().int(), spentCents: z.number().int(), committedCents: z.number().int(), remainingCents: z.number().int() })
  .meta({ id: 'ProtocolBudget', description: 'The protocol’s paid hotel nights this year, in euro cents' });
export const budgetQuery = z.object({ year: z.coerce.number().int().min(1900).max(2999).optional() });
export const pathInput = z.object({
  start: isoDate,
  persons: z.number().int().min(1).max(50),
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
  household: householdInput,
  start: isoDate,
  hotelUnitId: z.string().min(1).max(100),
  hotelNights: z.number().int().min(1).max(1096).optional(),
  apartmentUnitId: z.string().min(1).max(100).optional(),
  apartmentNights: z.number().int().min(1).max(1096).optional(),
  referralId: z.string().min(1).max(100).optional(),
  note: z.string().max(2000).optional(),
  budgetOverrideReason: reason.optional()
});
export const pathPlacement = z.object({ hotel: stay, apartment: stay.nullable() }).meta({ id: 'ProtocolPathPlacement' });

