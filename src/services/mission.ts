// The housing mission (issue 6): landlords, offers, applicants, proposals and matching.
// Housing officers and admins only; every write in one transaction with its audit entry.
import { isValidDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import {
  excludedBy,
  rankApplicants,
  rankOffers,
  type Applicant,
  type EnergyRating,
  type LocAvantagesLevel,
  type MatchResult,
  type Offer,
  type Scheme,
  type Situation
} from '#domain/matching.ts';
import { decideOfferMove, decideProposalMove, type OfferStatus, type ProposalStatus } from '#domain/proposal-lifecycle.ts';
import type { Role } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import {
  findApplicant,
  findLandlord,
  findOffer,
  findOpenProposal,
  findProposal,
  findSignedLease,
  insertApplicant,
  insertLandlord,
  insertOffer,
  insertProposal,
  listApplicants,
  listOffersByStatus,
  listOpenProposalsOfApplicant,
  listOpenProposalsOfOffer,
  updateOffer,
  updateProposal,
  type ApplicantRow,
  type LandlordRow,
  type OfferRow,
  type ProposalRow
} from '#db/queries/mission.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs, today } from './clock.ts';
import { newId, writeTransaction } from './transaction.ts';

const MISSION_ROLES: readonly Role[] = ['housing_officer', 'admin'];
const SCHEMES: readonly Scheme[] = ['none', 'intermediation_lease', 'intermediation_sublease', 'solibail', 'loc_avantages'];
const LEVELS: readonly LocAvantagesLevel[] = ['loc1', 'loc2', 'loc3'];
const RATINGS: readonly EnergyRating[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const SITUATIONS: readonly Situation[] = ['emergency_stay', 'residence', 'elsewhere'];

function assertMissionStaff(actor: Actor): void {
  if (!MISSION_ROLES.includes(actor.role)) throw new AppError('forbidden', 'the housing mission is for housing officers and admins');
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

function requireOffer(db: Db, id: string): OfferRow {
  const o = findOffer(db, id);
  if (!o) throw new AppError('not_found', `no offer ${id}`);
  return o;
}

function requireApplicant(db: Db, id: string): ApplicantRow {
  const a = findApplicant(db, id);
  if (!a) throw new AppError('not_found', `no applicant ${id}`);
  return a;
}

export function toMatchingOffer(o: OfferRow): Offer {
  return {
    id: o.id,
    commune: o.commune,
    typology: o.typology,
    capacity: o.capacity,
    accessible: o.accessible,
    rentCents: o.rentCents,
    chargesCents: o.chargesCents,
    availableFrom: o.availableFrom,
    availableUntil: o.availableUntil,
    scheme: o.scheme as Scheme,
    locAvantagesLevel: o.locAvantagesLevel as LocAvantagesLevel | null,
    rentCapCents: o.rentCapCents,
    incomeCeilingCents: o.incomeCeilingCents,
    energyRating: o.energyRating as EnergyRating
  };
}

export function toMatchingApplicant(a: ApplicantRow): Applicant {
  return {
    id: a.id,
    persons: a.persons,
    accessibleNeeded: a.accessibleNeeded,
    maxRentCents: a.maxRentCents,
    yearlyIncomeCents: a.yearlyIncomeCents,
    communes: a.communes,
    neededFrom: a.neededFrom,
    waitingSince: a.waitingSince,
    situation: a.situation as Situation,
    emergencyStayEnd: a.emergencyStayEnd
  };
}

// ---------------------------------------------------------------------------------------------
// Landlords

export interface LandlordInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
}

export function createLandlord(db: Db, actor: Actor, input: LandlordInput): LandlordRow {
  assertMissionStaff(actor);
  refuse(input.name?.trim() ? [] : [{ path: 'name', message: 'required' }]);
  return writeTransaction(db, (tx) => {
    const row = insertLandlord(tx, {
      id: newId(),
      name: input.name.trim(),
      phone: input.phone ?? null,
      email: input.email ?? null,
      notes: input.notes ?? null,
      createdAt: nowMs()
    });
    audit(tx, actor, 'landlord.create', 'landlord', row.id);
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Offers

export interface OfferInput {
  landlordId: string;
  commune: string;
  address: string;
  typology: string;
  surfaceM2: number;
  capacity: number;
  accessible: boolean;
  rentCents: number;
  chargesCents: number;
  availableFrom: string;
  availableUntil?: string | null;
  scheme: Scheme;
  locAvantagesLevel?: LocAvantagesLevel | null;
  rentCapCents?: number | null;
  incomeCeilingCents?: number | null;
  energyRating: EnergyRating;
}

function offerErrors(i: OfferInput): FieldError[] {
  const e: FieldError[] = [];
  for (const k of ['commune', 'address', 'typology'] as const) if (!i[k]?.trim()) e.push({ path: k, message: 'required' });
  if (!Number.isInteger(i.capacity) || i.capacity < 1) e.push({ path: 'capacity', message: 'a whole number of at least 1' });
  if (!Number.isInteger(i.surfaceM2) || i.surfaceM2 < 1) e.push({ path: 'surfaceM2', message: 'a whole number of at least 1' });
  for (const k of ['rentCents', 'chargesCents'] as const)
    if (!Number.isInteger(i[k]) || i[k] < 0) e.push({ path: k, message: 'a whole number of cents, not negative' });
  if (!isValidDate(i.availableFrom)) e.push({ path: 'availableFrom', message: 'a date YYYY-MM-DD' });
  if (i.availableUntil != null && (!isValidDate(i.availableUntil) || i.availableUntil <= i.availableFrom))
    e.push({ path: 'availableUntil', message: 'a date after availableFrom' });
  if (!SCHEMES.includes(i.scheme)) e.push({ path: 'scheme', message: `one of ${SCHEMES.join(', ')}` });
  if (i.locAvantagesLevel != null && !LEVELS.includes(i.locAvantagesLevel)) e.push({ path: 'locAvantagesLevel', message: `one of ${LEVELS.join(', ')}` });
  if (!RATINGS.includes(i.energyRating)) e.push({ path: 'energyRating', message: 'A to G' });
  return e;
}

/** A new offer, in draft. */
export function createOffer(db: Db, actor: Actor, input: OfferInput): OfferRow {
  assertMissionStaff(actor);
  refuse(offerErrors(input));
  return writeTransaction(db, (tx) => {
    if (!findLandlord(tx, input.landlordId)) throw new AppError('not_found', `no landlord ${input.landlordId}`);
    const at = nowMs();
    const row = insertOffer(tx, {
      id: newId(),
      landlordId: input.landlordId,
      commune: input.commune.trim(),
      address: input.address.trim(),
      typology: input.typology.trim(),
      surfaceM2: input.surfaceM2,
      capacity: input.capacity,
      accessible: input.accessible,
      rentCents: input.rentCents,
      chargesCents: input.chargesCents,
      availableFrom: input.availableFrom,
      availableUntil: input.availableUntil ?? null,
      scheme: input.scheme,
      locAvantagesLevel: input.locAvantagesLevel ?? null,
      rentCapCents: input.rentCapCents ?? null,
      incomeCeilingCents: input.incomeCeilingCents ?? null,
      energyRating: input.energyRating,
      status: 'draft',
      statusReason: null,
      createdAt: at,
      updatedAt: at
    });
    audit(tx, actor, 'offer.create', 'offer', row.id, { landlordId: input.landlordId });
    return row;
  });
}

function moveOffer(db: Db, actor: Actor, offerId: string, to: OfferStatus, reason?: string): OfferRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    const decided = decideOfferMove(offer.status, to, reason);
    const row = updateOffer(tx, offerId, { status: to, statusReason: decided.reason, updatedAt: nowMs() });
    audit(tx, actor, `offer.${to}`, 'offer', offerId, { from: offer.status, reason: decided.reason });
    return row;
  });
}

export function openOffer(db: Db, actor: Actor, offerId: string): OfferRow {
  return moveOffer(db, actor, offerId, 'open');
}

export function withdrawOffer(db: Db, actor: Actor, offerId: string, reason: string): OfferRow {
  return moveOffer(db, actor, offerId, 'withdrawn', reason);
}

// ---------------------------------------------------------------------------------------------
// Applicants

export interface ApplicantInput {
  householdId?: string | null;
  label: string;
  persons: number;
  accessibleNeeded: boolean;
  maxRentCents: number;
  yearlyIncomeCents: number;
  communes: string[];
  neededFrom: string;
  waitingSince: string;
  situation: Situation;
  emergencyStayEnd?: string | null;
}

function applicantErrors(i: ApplicantInput): FieldError[] {
  const e: FieldError[] = [];
  if (!i.label?.trim()) e.push({ path: 'label', message: 'required' });
  if (!Number.isInteger(i.persons) || i.persons < 1) e.push({ path: 'persons', message: 'a whole number of at least 1' });
  for (const k of ['maxRentCents', 'yearlyIncomeCents'] as const)
    if (!Number.isInteger(i[k]) || i[k] < 0) e.push({ path: k, message: 'a whole number of cents, not negative' });
  for (const k of ['neededFrom', 'waitingSince'] as const) if (!isValidDate(i[k])) e.push({ path: k, message: 'a date YYYY-MM-DD' });
  if (!SITUATIONS.includes(i.situation)) e.push({ path: 'situation', message: `one of ${SITUATIONS.join(', ')}` });
  if (i.emergencyStayEnd != null && !isValidDate(i.emergencyStayEnd)) e.push({ path: 'emergencyStayEnd', message: 'a date YYYY-MM-DD' });
  if (!Array.isArray(i.communes)) e.push({ path: 'communes', message: 'a list of communes' });
  return e;
}

export function createApplicant(db: Db, actor: Actor, input: ApplicantInput): ApplicantRow {
  assertMissionStaff(actor);
  refuse(applicantErrors(input));
  return writeTransaction(db, (tx) => {
    const row = insertApplicant(tx, {
      id: newId(),
      householdId: input.householdId ?? null,
      label: input.label.trim(),
      persons: input.persons,
      accessibleNeeded: input.accessibleNeeded,
      maxRentCents: input.maxRentCents,
      yearlyIncomeCents: input.yearlyIncomeCents,
      communes: input.communes.map((c) => c.trim()).filter((c) => c !== ''),
      neededFrom: input.neededFrom,
      waitingSince: input.waitingSince,
      situation: input.situation,
      emergencyStayEnd: input.emergencyStayEnd ?? null,
      createdAt: nowMs()
    });
    audit(tx, actor, 'applicant.create', 'applicant', row.id);
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Proposals

/** Proposes an open offer to an applicant who passes every hard rule (422 with the codes otherwise). */
export function propose(db: Db, actor: Actor, offerId: string, applicantId: string): ProposalRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    const applicant = findApplicant(tx, applicantId);
    if (!applicant) throw new AppError('not_found', `no applicant ${applicantId}`);
    if (offer.status !== 'open') throw new AppError('invalid_transition', `the offer is ${offer.status}, not open`);
    const codes = excludedBy(toMatchingOffer(offer), toMatchingApplicant(applicant));
    if (codes.length > 0) {
      throw new AppError('invalid', `the applicant is excluded: ${codes.join(', ')}`, {
        errors: codes.map((c) => ({ path: 'applicantId', message: c }))
      });
    }
    if (findOpenProposal(tx, offerId, applicantId)) {
      throw new AppError('invalid_transition', 'this offer is already proposed to this applicant');
    }
    const at = nowMs();
    const row = insertProposal(tx, {
      id: newId(),
      offerId,
      applicantId,
      status: 'proposed',
      reason: null,
      createdAt: at,
      updatedAt: at,
      createdBy: actor.accountId
    });
    audit(tx, actor, 'proposal.create', 'proposal', row.id, { offerId, applicantId });
    return row;
  });
}

/**
 * Moves a proposal. A signed lease, in the same transaction, lets the offer and closes every other
 * open proposal of the offer and of the applicant; a second lease on one offer is a 409.
 */
export function moveProposal(db: Db, actor: Actor, proposalId: string, to: ProposalStatus, reason?: string): ProposalRow {
  assertMissionStaff(actor);
  try {
    return writeTransaction(db, (tx) => {
      const p = findProposal(tx, proposalId);
      if (!p) throw new AppError('not_found', `no proposal ${proposalId}`);
      const decided = decideProposalMove(p.status, to, reason);
      const at = nowMs();
      if (to === 'lease_signed') {
        const offer = findOffer(tx, p.offerId);
        if (!offer) throw new AppError('not_found', `no offer ${p.offerId}`);
        if (findSignedLease(tx, p.offerId) || offer.status !== 'open') {
          throw new AppError('invalid_transition', `the offer is ${offer.status}: a lease is already signed or it is not open`);
        }
      }
      const row = updateProposal(tx, proposalId, { status: to, reason: decided.reason, updatedAt: at });
      audit(tx, actor, `proposal.${to}`, 'proposal', proposalId, { from: p.status, reason: decided.reason });
      if (to === 'lease_signed') {
        updateOffer(tx, p.offerId, { status: 'let', statusReason: 'lease_signed', updatedAt: at });
        audit(tx, actor, 'offer.let', 'offer', p.offerId, { proposalId });
        const others = new Map<string, ProposalRow>();
        for (const o of listOpenProposalsOfOffer(tx, p.offerId, proposalId)) others.set(o.id, o);
        for (const o of listOpenProposalsOfApplicant(tx, p.applicantId, proposalId)) others.set(o.id, o);
        for (const o of others.values()) {
          const why = o.offerId === p.offerId ? 'offer_let' : 'applicant_housed';
          updateProposal(tx, o.id, { status: 'closed', reason: why, updatedAt: at });
          audit(tx, actor, 'proposal.closed', 'proposal', o.id, { from: o.status, reason: why, byProposalId: proposalId });
        }
      }
      return row;
    });
  } catch (e) {
    // The partial unique index refuses a second lease on one offer even if the check above were bypassed.
    const err = e as { code?: string; message?: string };
    if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message?.includes('proposals.offer_id')) {
      throw new AppError('invalid_transition', 'a lease is already signed on this offer');
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Matching

/** For an offer: every applicant, the suited ones ranked best first, the others with their reasons. */
export function matchesForOffer(db: Db, actor: Actor, offerId: string): MatchResult {
  assertMissionStaff(actor);
  const offer = requireOffer(db, offerId);
  return rankApplicants(toMatchingOffer(offer), listApplicants(db).map(toMatchingApplicant), today());
}

/** For an applicant: the open offers, the suited ones ranked best first, the others with their reasons. */
export function matchesForApplicant(db: Db, actor: Actor, applicantId: string): MatchResult {
  assertMissionStaff(actor);
  const applicant = requireApplicant(db, applicantId);
  return rankOffers(toMatchingApplicant(applicant), listOffersByStatus(db, 'open').map(toMatchingOffer), today());
}
