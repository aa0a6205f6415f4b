// The housing mission (docs/api.md, "The housing mission"): landlords, offers, applicants, proposals and matches.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { ENERGY_RATINGS, LOC_AVANTAGES_LEVELS, SCHEMES, SITUATIONS } from '#domain/matching.ts';
import { NEXT_STEPS, OFFER_STATUSES, type OfferStatus, PROPOSAL_MOVES, PROPOSAL_STATUSES, REFUSALS } from '#domain/proposal-lifecycle.ts';
import { MAX_PERSONS, NOTE_MAX, REASON_MAX } from '#domain/input-limits.ts';
import { cents, email, isoDate, text, timestamp } from './common.ts';

// Money in integer euro cents; timestamps ISO 8601 with offset; dates YYYY-MM-DD of Europe/Paris.

const MONTHLY_CENTS = 10_000_000;
const YEARLY_CENTS = 1_000_000_000;
const missionId = z.string().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const trueOrFalse = z.enum(['true', 'false']);

export const landlordInput = z
  .object({ name: text(200), phone: optionalText(40), email: email.max(200).nullable().optional(), notes: optionalText(NOTE_MAX) })
  .meta({ examples: [{ name: 'Mme Roux', phone: '06 11 11 11 11', email: 'roux@example.org', notes: 'Préfère être appelée le matin' }] });
const landlordFields = {
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: timestamp
};
const offerCounts = z.object({ draft: z.number().int(), open: z.number().int(), let: z.number().int(), withdrawn: z.number().int() } satisfies Record<OfferStatus, z.ZodType>);
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
    capacity: z.number().int().min(1).max(MAX_PERSONS).meta({ description: 'Persons the dwelling can house' }),
    accessible: z.boolean(),
    rentCents: cents(MONTHLY_CENTS).meta({ description: 'Rent per month without charges' }),
    chargesCents: cents(MONTHLY_CENTS),
    availableFrom: isoDate,
    availableUntil: isoDate.nullable().optional().meta({ description: 'For an offer for a period: the first day it is no longer available (exclusive)' }),
    scheme: z.enum(SCHEMES),
    locAvantagesLevel: z.enum(LOC_AVANTAGES_LEVELS).nullable().optional().meta({ description: "Required under Loc'Avantages" }),
    rentCapCents: cents(MONTHLY_CENTS).nullable().optional().meta({ description: "The scheme's rent cap (rent without charges)" }),
    incomeCeilingCents: cents(YEARLY_CENTS).nullable().optional().meta({ description: "The scheme's yearly income ceiling of the tenant" }),
    energyRating: z.enum(ENERGY_RATINGS),
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
export const offerQuery = z.object({ status: z.enum(OFFER_STATUSES).optional(), landlordId: missionId.optional() });
export const withdrawInput = z
  .object({ reason: z.string().trim().max(REASON_MAX).optional().meta({ description: 'Required: a withdrawal without a reason is 422' }) })
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
  status: z.enum(OFFER_STATUSES),
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
    status: z.enum(PROPOSAL_STATUSES),
    reason: z.string().nullable().meta({ description: "A refusal's reason, or why the system closed it" }),
    nextStep: z.enum(NEXT_STEPS).nullable(),
    moves: z.array(z.enum(PROPOSAL_STATUSES)).meta({ description: 'The statuses it may move to now' }),
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
    persons: z.number().int().min(1).max(MAX_PERSONS),
    accessibleNeeded: z.boolean(),
    maxRentCents: cents(MONTHLY_CENTS).meta({ description: 'Rent plus charges the household can bear per month' }),
    yearlyIncomeCents: cents(YEARLY_CENTS),
    communes: z.array(z.string().trim().max(100)).max(50).meta({ description: 'Communes wanted; empty: any' }),
    neededFrom: isoDate,
    waitingSince: isoDate,
    situation: z.enum(SITUATIONS),
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
  situation: z.enum(SITUATIONS),
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
    status: z.enum(PROPOSAL_MOVES),
    reason: z.string().trim().max(REASON_MAX).optional().meta({ description: 'Required for a refusal (422 without); kept and counted' })
  })
  .meta({ examples: [{ status: 'visit' }, { status: 'refused_by_household', reason: 'Trop loin du travail' }] });
export const refusalCountList = z
  .object({ refusals: z.array(z.object({ status: z.enum(REFUSALS), reason: z.string(), count: z.number().int() })) })
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
