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
    code: z.enum(['unauthorized', 'forbidden', 'not_found', 'validation', 'overlap', 'no_availability', 'limit_exceeded', 'invalid_transition', 'already_decided', 'rate_limited', 'busy']),
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
  referralId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Places the referral: admins and duty officers only (403 otherwise), under its programme, emergency and dv_protocol standing for each other (422 otherwise)' }),
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
  referralId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Places the referral: admins and duty officers only (403 otherwise), under its programme, emergency and dv_protocol standing for each other (422 otherwise)' }),
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
  household: householdInput.optional().meta({ description: 'A new household (required unless householdId is given)' }),
  householdId: z.string().min(1).max(100).optional().meta({ description: 'A household already known (a return keeps her record and its keep-apart protection)' }),
  start: isoDate,
  hotelUnitId: z.string().min(1).max(100),
  hotelNights: z.number().int().min(1).max(1096).optional(),
  apartmentUnitId: z.string().min(1).max(100).optional(),
  apartmentNights: z.number().int().min(1).max(1096).optional(),
  referralId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Places the referral: admins and duty officers only (403 otherwise), under its programme, emergency and dv_protocol standing for each other (422 otherwise)' }),
  note: z.string().max(2000).optional(),
  budgetOverrideReason: reason.optional()
});
export const pathPlacement = z.object({ hotel: stay, apartment: stay.nullable() }).meta({ id: 'ProtocolPathPlacement' });


// ---------------------------------------------------------------------------------------------
// The housing mission (docs/api.md, "The housing mission"): landlords, offers, applicants, proposals and matches.
// Money in integer euro cents; timestamps ISO 8601 with offset; dates YYYY-MM-DD of Europe/Paris.

const cents = (max: number) => z.number().int().min(0).max(max);
const timestamp = z.string().meta({ description: 'ISO 8601 with offset', example: '2027-01-04T15:00:00.000+01:00' });
const MONTHLY_CENTS = 10_000_000;
const YEARLY_CENTS = 1_000_000_000;
export const OFFER_STATUS_VALUES = ['draft', 'open', 'let', 'withdrawn'] as const;
export const SCHEME_VALUES = ['none', 'intermediation_lease', 'intermediation_sublease', 'solibail', 'loc_avantages'] as const;
export const SITUATION_VALUES = ['emergency_stay', 'residence', 'elsewhere'] as const;
/** The moves a person may ask of a proposal; 'closed' is the system's alone. */
export const PROPOSAL_MOVE_VALUES = ['visit', 'accepted', 'lease_signed', 'refused_by_household', 'refused_by_landlord'] as const;
const PROPOSAL_STATUS_VALUES = ['proposed', ...PROPOSAL_MOVE_VALUES, 'closed'] as const;
const missionId = z.string().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const trueOrFalse = z.enum(['true', 'false']);

export const landlordInput = z
  .object({ name: text(200), phone: optionalText(40), email: z.email().max(200).nullable().optional(), notes: optionalText(2000) })
  .meta({ examples: [{ name: 'Mme Roux', phone: '06 11 11 11 11', email: 'roux@example.org', notes: 'Préfère être appelée le matin' }] });
const landlordFields = {
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: timestamp
};
const offerCounts = z.object({ draft: z.number().int(), open: z.number().int(), let: z.number().int(), withdrawn: z.number().int() });
export const landlordList = z
  .object({ landlords: z.array(z.object({ ...landlordFields, offers: offerCounts.meta({ description: "The number of the landlord's offers in each status" }) })) })
  .meta({ id: 'LandlordList' });
export const landlord = z.object(landlordFields).meta({ id: 'Landlord' });

export const offerInput = z
  .object({
    landlordId: missionId,
    commune: text(100),
    address: text(500),
    typology: text(20).meta({ description: "'T1', 'T2'…, or 'Studio'" }),
    surfaceM2: z.number().int().min(1).max(10_000),
    capacity: z.number().int().min(1).max(50).meta({ description: 'Persons the dwelling can house' }),
    accessible: z.boolean(),
    rentCents: cents(MONTHLY_CENTS).meta({ description: 'Rent per month without charges' }),
    chargesCents: cents(MONTHLY_CENTS),
    availableFrom: isoDate,
    availableUntil: isoDate.nullable().optional().meta({ description: 'For an offer for a period: the first day it is no longer available (exclusive)' }),
    scheme: z.enum(SCHEME_VALUES),
    locAvantagesLevel: z.enum(['loc1', 'loc2', 'loc3']).nullable().optional().meta({ description: "Required under Loc'Avantages" }),
    rentCapCents: cents(MONTHLY_CENTS).nullable().optional().meta({ description: "The scheme's rent cap (rent without charges)" }),
    incomeCeilingCents: cents(YEARLY_CENTS).nullable().optional().meta({ description: "The scheme's yearly income ceiling of the tenant" }),
    energyRating: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G']),
    photoUrl: z.string().trim().max(2000).nullable().optional().meta({ description: 'A link to photos, http:// or https://' })
  })
  .meta({
    description: 'A new offer, in draft. Well-formed but inconsistent values (an impossible date, availableUntil not after availableFrom, Loc’Avantages without its level) are 422.',
    examples: [
      {
        landlordId: '5b0e9c1a-…',
        commune: 'Lunel',
        address: '12 rue Lakanal, 34400 Lunel',
        typology: 'T2',
        surfaceM2: 45,
        capacity: 3,
        accessible: false,
        rentCents: 52000,
        chargesCents: 4000,
        availableFrom: '2027-02-01',
        availableUntil: null,
        scheme: 'loc_avantages',
        locAvantagesLevel: 'loc2',
        rentCapCents: 55000,
        incomeCeilingCents: 2400000,
        energyRating: 'D'
      }
    ]
  });
export const offerUpdateInput = offerInput.omit({ landlordId: true }).meta({
  description:
    'The whole offer as corrected (its landlord does not change). Only in draft or open; once a period offer has its unit with nights, its commune, address, typology, capacity, accessibility and dates are fixed (409).'
});
export const offerQuery = z.object({ status: z.enum(OFFER_STATUS_VALUES).optional(), landlordId: missionId.optional() });
export const withdrawInput = z
  .object({ reason: z.string().max(1000).optional().meta({ description: 'Required: a withdrawal without a reason is 422' }) })
  .meta({ examples: [{ reason: 'Le propriétaire vend le logement' }] });

export const missionStep = z.object({ status: z.string(), reason: z.string().nullable(), at: timestamp }).meta({ id: 'MissionStep', description: 'A dated step of an offer or a proposal' });
const offerFields = {
  id: z.string(),
  landlordId: z.string(),
  landlordName: z.string(),
  commune: z.string(),
  address: z.string(),
  typology: z.string(),
  surfaceM2: z.number().int(),
  capacity: z.number().int(),
  accessible: z.boolean(),
  rentCents: z.number().int(),
  chargesCents: z.number().int(),
  availableFrom: isoDate,
  availableUntil: isoDate.nullable(),
  scheme: z.string(),
  locAvantagesLevel: z.string().nullable(),
  rentCapCents: z.number().int().nullable(),
  incomeCeilingCents: z.number().int().nullable(),
  energyRating: z.string(),
  status: z.enum(OFFER_STATUS_VALUES),
  statusReason: z.string().nullable().meta({ description: 'Why it was withdrawn, or lease_signed once let' }),
  unitId: z.string().nullable().meta({ description: "A period offer's unit with nights, bookable under housing_mission" }),
  photoUrl: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  openProposals: z.number().int().meta({ description: 'Proposals in progress' })
};
export const offerList = z.object({ offers: z.array(z.object(offerFields)) }).meta({ id: 'OfferList' });

export const proposal = z
  .object({
    id: z.string(),
    offerId: z.string(),
    applicantId: z.string(),
    applicantLabel: z.string(),
    offerSummary: z.string(),
    status: z.enum(PROPOSAL_STATUS_VALUES),
    reason: z.string().nullable().meta({ description: "A refusal's reason, or why the system closed it" }),
    nextStep: z.enum(['arrange_visit', 'record_answer', 'sign_lease']).nullable(),
    moves: z.array(z.enum(PROPOSAL_STATUS_VALUES)).meta({ description: 'The statuses it may move to now' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    ageDays: z.number().int(),
    steps: z.array(missionStep)
  })
  .meta({ id: 'Proposal' });
export const proposalList = z.object({ proposals: z.array(proposal) }).meta({ id: 'ProposalList' });

export const offerDetail = z
  .object({
    ...offerFields,
    landlord: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
    proposals: z.array(proposal),
    steps: z.array(missionStep)
  })
  .meta({ id: 'Offer' });
export const landlordDetail = z
  .object({
    ...landlordFields,
    offers: z.array(
      z.object({
        ...offerFields,
        steps: z.array(missionStep),
        letTo: z.string().nullable().meta({ description: 'The label of the applicant who signed the lease, once let' })
      })
    )
  })
  .meta({ id: 'LandlordWithHistory' });

export const applicantInput = z
  .object({
    householdId: missionId.nullable().optional().meta({ description: 'A household already known; a confidential one is known by its pseudonym only' }),
    label: text(200),
    persons: z.number().int().min(1).max(50),
    accessibleNeeded: z.boolean(),
    maxRentCents: cents(MONTHLY_CENTS).meta({ description: 'Rent plus charges the household can bear per month' }),
    yearlyIncomeCents: cents(YEARLY_CENTS),
    communes: z.array(z.string().trim().max(100)).max(50).meta({ description: 'Communes wanted; empty: any' }),
    neededFrom: isoDate,
    waitingSince: isoDate,
    situation: z.enum(SITUATION_VALUES),
    emergencyStayEnd: isoDate.nullable().optional().meta({ description: 'When the emergency stay ends (urgency)' })
  })
  .meta({
    examples: [
      {
        label: 'Famille Diallo',
        persons: 3,
        accessibleNeeded: false,
        maxRentCents: 65000,
        yearlyIncomeCents: 1500000,
        communes: ['Lunel', 'Marsillargues'],
        neededFrom: '2027-02-01',
        waitingSince: '2026-10-01',
        situation: 'emergency_stay',
        emergencyStayEnd: '2027-01-20'
      }
    ]
  });
export const applicantQuery = z.object({ waiting: trueOrFalse.optional().meta({ description: 'true: only the applicants not yet housed' }) });
const applicantFields = {
  id: z.string(),
  householdId: z.string().nullable(),
  label: z.string().meta({ description: 'The pseudonym for a confidential household' }),
  persons: z.number().int(),
  accessibleNeeded: z.boolean(),
  maxRentCents: z.number().int(),
  yearlyIncomeCents: z.number().int(),
  communes: z.array(z.string()),
  neededFrom: isoDate,
  waitingSince: isoDate,
  situation: z.enum(SITUATION_VALUES),
  emergencyStayEnd: isoDate.nullable(),
  housedAt: timestamp.nullable().meta({ description: 'When a lease was signed for this applicant' }),
  createdAt: timestamp
};
export const applicant = z.object(applicantFields).meta({ id: 'Applicant' });
export const applicantList = z
  .object({ applicants: z.array(z.object({ ...applicantFields, daysWaited: z.number().int(), openProposals: z.number().int() })) })
  .meta({ id: 'ApplicantList' });
export const applicantDetail = z
  .object({
    ...applicantFields,
    confidential: z.boolean(),
    canReveal: z.boolean().meta({ description: 'Whether the caller may reveal the name (an applicant linked to a confidential household), with a reason, audited' }),
    daysWaited: z.number().int(),
    proposals: z.array(proposal)
  })
  .meta({ id: 'ApplicantWithProposals' });

export const proposalInput = z.object({ offerId: missionId, applicantId: missionId }).meta({ examples: [{ offerId: '9a7c…', applicantId: '41d2…' }] });
export const proposalQuery = z.object({
  offerId: missionId.optional(),
  applicantId: missionId.optional(),
  all: trueOrFalse.optional().meta({ description: 'true: the ended proposals too (in progress only by default)' })
});
export const proposalMoveInput = z
  .object({
    status: z.enum(PROPOSAL_MOVE_VALUES),
    reason: z.string().max(1000).optional().meta({ description: 'Required for a refusal (422 without); kept and counted' })
  })
  .meta({ examples: [{ status: 'visit' }, { status: 'refused_by_household', reason: 'Trop loin du travail' }] });
export const refusalCountList = z
  .object({ refusals: z.array(z.object({ status: z.enum(['refused_by_household', 'refused_by_landlord']), reason: z.string(), count: z.number().int() })) })
  .meta({ id: 'RefusalCounts', description: 'Refusals counted by who refused and why, most frequent first' });

const matchReason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string().meta({ description: 'The reason in French' })
});
const matchScore = z.object({
  urgent: z.boolean().meta({ description: 'In an emergency stay ending within 14 days' }),
  communeWanted: z.boolean(),
  daysWaited: z.number().int(),
  spare: z.number().int().meta({ description: 'Places beyond the persons: 0 is the best fit' })
});
const matchExamples = (idKey: 'applicantId' | 'offerId', label: string) => [
  {
    matches: [
      {
        [idKey]: '41d2…',
        label,
        moveIn: '2027-02-01',
        score: { urgent: true, communeWanted: true, daysWaited: 95, spare: 0 },
        reasons: [
          { code: 'emergency_stay_ending', params: { end: '2027-01-20', daysLeft: 16 }, text: "Sa mise à l'abri se termine le 20/01/2027, dans 16 jours." },
          { code: 'commune_wanted', params: { commune: 'Lunel' }, text: 'Souhaite habiter à Lunel.' }
        ]
      }
    ],
    excluded: [{ [idKey]: '7e0b…', label, codes: ['capacity_too_small'], reasons: [{ code: 'capacity_too_small', params: { capacity: 3, persons: 5 }, text: 'Trop petit : 3 places pour 5 personnes.' }] }]
  }
];
export const offerMatches = z
  .object({
    matches: z.array(z.object({ applicantId: z.string(), label: z.string(), moveIn: isoDate, score: matchScore, reasons: z.array(matchReason) })),
    excluded: z.array(z.object({ applicantId: z.string(), label: z.string(), codes: z.array(z.string()), reasons: z.array(matchReason) }))
  })
  .meta({ id: 'OfferMatches', description: 'The applicants not yet housed: the suited ones best first, with the reasons of their rank; the others with the hard rules that exclude them', examples: matchExamples('applicantId', 'Famille Diallo') });
export const applicantMatches = z
  .object({
    matches: z.array(z.object({ offerId: z.string(), label: z.string().meta({ description: 'typology · commune' }), moveIn: isoDate, score: matchScore, reasons: z.array(matchReason) })),
    excluded: z.array(z.object({ offerId: z.string(), label: z.string(), codes: z.array(z.string()), reasons: z.array(matchReason) }))
  })
  .meta({ id: 'ApplicantMatches', description: 'The open offers: the suited ones best first with their reasons; the others with the hard rules that exclude them. Empty once the applicant is housed.', examples: matchExamples('offerId', 'T2 · Lunel') });

export const applicantUpdateInput = applicantInput.omit({ householdId: true }).meta({
  description: "The applicant's need as corrected, while they wait (409 once housed). One linked to a confidential household keeps its pseudonym."
});

// ---------------------------------------------------------------------------------------------
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
