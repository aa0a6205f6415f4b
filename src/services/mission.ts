// The housing mission (docs/domain.md, "The housing mission"): landlords, offers, applicants, proposals and matching.
// Housing officers and admins only; every write in one transaction with its audit entry.
import { countNights, isValidDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import {
  ENERGY_RATINGS as RATINGS,
  LOC_AVANTAGES_LEVELS as LEVELS,
  SCHEMES,
  SITUATIONS,
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
import {
  decideOfferMove,
  decideProposalMove,
  nextStep,
  proposalMovesFrom,
  type NextStep,
  type OfferStatus,
  type ProposalStatus
} from '#domain/proposal-lifecycle.ts';
import { canRevealApplicantName } from '#domain/confidentiality.ts';
import { MISSION_ROLES } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { findHousehold } from '#db/queries/households.ts';
import {
  countRefusals,
  deactivateUnit,
  findApplicant,
  findLandlord,
  findOffer,
  findOpenProposal,
  findProposal,
  findSignedLease,
  insertApplicant,
  insertLandlord,
  insertMissionEvent,
  insertOffer,
  insertProposal,
  listApplicants as listApplicantRows,
  listLandlords as listLandlordRows,
  listOfferEvents,
  listOffers as listOfferRows,
  listOffersByStatus,
  listOpenProposalsOfApplicant,
  listOpenProposalsOfOffer,
  listProposalEvents,
  listProposals as listProposalRows,
  updateApplicant,
  updateOffer,
  updateProposal,
  type ApplicantRow,
  type LandlordRow,
  type MissionEventRow,
  type OfferRow,
  type ProposalRow
} from '#db/queries/mission.ts';
import type { DbOrTx } from '#db/client.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { writeBlock } from './blocks.ts';
import { writeSite, writeUnit } from './sites.ts';
import { nowMs, today } from './clock.ts';
import { newId, writeTransaction } from './transaction.ts';

function assertMissionStaff(actor: Actor): void {
  requireRole(actor, MISSION_ROLES, 'the housing mission is for housing officers and admins');
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

function event(tx: DbOrTx, actor: Actor | null, offerId: string, proposalId: string | null, status: string, reason: string | null, at: number): void {
  insertMissionEvent(tx, { offerId, proposalId, status, reason, at, accountId: actor?.accountId ?? null });
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
  /** An optional link to photos of the dwelling. */
  photoUrl?: string | null;
}

/** The field errors of an offer input (empty when valid): the pages check a whole form before writing anything. */
export function offerErrors(i: OfferInput): FieldError[] {
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
  if (i.scheme === 'loc_avantages' && i.locAvantagesLevel == null) e.push({ path: 'locAvantagesLevel', message: 'required under Loc\'Avantages (loc1, loc2 or loc3)' });
  for (const k of ['rentCapCents', 'incomeCeilingCents'] as const)
    if (i[k] != null && (!Number.isInteger(i[k]) || (i[k] as number) < 0)) e.push({ path: k, message: 'a whole number of cents, not negative' });
  if (i.photoUrl != null && i.photoUrl !== '' && !/^https?:\/\/\S+$/.test(i.photoUrl)) e.push({ path: 'photoUrl', message: 'a link starting with http:// or https://' });
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
      photoUrl: input.photoUrl?.trim() || null,
      status: 'draft',
      statusReason: null,
      createdAt: at,
      updatedAt: at
    });
    event(tx, actor, row.id, null, 'draft', null, at);
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
    const at = nowMs();
    const row = updateOffer(tx, offerId, { status: to, statusReason: decided.reason, updatedAt: at });
    event(tx, actor, offerId, null, to, decided.reason, at);
    audit(tx, actor, `offer.${to}`, 'offer', offerId, { from: offer.status, reason: decided.reason });
    if (to === 'withdrawn') {
      // A withdrawn offer's nights are no longer offered; stays already placed there remain.
      if (offer.unitId) deactivateUnit(tx, offer.unitId);
      for (const p of listOpenProposalsOfOffer(tx, offerId, '')) {
        updateProposal(tx, p.id, { status: 'closed', reason: 'offer_withdrawn', updatedAt: at });
        event(tx, actor, offerId, p.id, 'closed', 'offer_withdrawn', at);
        audit(tx, actor, 'proposal.closed', 'proposal', p.id, { from: p.status, reason: 'offer_withdrawn' });
      }
    }
    return row;
  });
}

export function openOffer(db: Db, actor: Actor, offerId: string): OfferRow {
  return moveOffer(db, actor, offerId, 'open');
}

export function withdrawOffer(db: Db, actor: Actor, offerId: string, reason: string): OfferRow {
  return moveOffer(db, actor, offerId, 'withdrawn', reason);
}

/** What an offer's unit with nights fixes: once the unit exists, these no longer change. */
const UNIT_FIELDS = ['commune', 'address', 'typology', 'capacity', 'accessible', 'availableFrom', 'availableUntil'] as const;

/**
 * Corrects an offer in draft or open (a typo, a new rent): the whole offer as entered, checked as
 * at creation; the fields that changed are recorded as a dated step (names only). Once a period
 * offer has its unit with nights, its place, size and period are fixed (409). Proposals already
 * made stay as they are; new proposals follow the corrected terms.
 */
export function updateOfferDetails(db: Db, actor: Actor, offerId: string, input: Omit<OfferInput, 'landlordId'>): OfferRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    if (offer.status !== 'draft' && offer.status !== 'open') throw new AppError('invalid_transition', `the offer is ${offer.status}: it can no longer be changed`);
    refuse(offerErrors({ ...input, landlordId: offer.landlordId }));
    const next = {
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
      photoUrl: input.photoUrl?.trim() || null
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== offer[k]);
    if (changed.length === 0) return offer;
    const fixed = changed.filter((k) => (UNIT_FIELDS as readonly string[]).includes(k));
    if (offer.unitId && fixed.length > 0) {
      throw new AppError('invalid_transition', `the offer already has its unit with nights: ${fixed.join(', ')} can no longer change`);
    }
    const at = nowMs();
    const row = updateOffer(tx, offerId, { ...next, updatedAt: at });
    event(tx, actor, offerId, null, 'edited', changed.join(', '), at);
    audit(tx, actor, 'offer.update', 'offer', offerId, { fields: changed });
    return row;
  });
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
  // Time waited counts from waitingSince: a day still to come would be a wait that has not begun.
  if (isValidDate(i.waitingSince) && i.waitingSince > today()) e.push({ path: 'waitingSince', message: 'not after today' });
  if (!SITUATIONS.includes(i.situation)) e.push({ path: 'situation', message: `one of ${SITUATIONS.join(', ')}` });
  if (i.emergencyStayEnd != null && !isValidDate(i.emergencyStayEnd)) e.push({ path: 'emergencyStayEnd', message: 'a date YYYY-MM-DD' });
  if (!Array.isArray(i.communes)) e.push({ path: 'communes', message: 'a list of communes' });
  return e;
}

export function createApplicant(db: Db, actor: Actor, input: ApplicantInput): ApplicantRow {
  assertMissionStaff(actor);
  refuse(applicantErrors(input));
  return writeTransaction(db, (tx) => {
    let label = input.label.trim();
    if (input.householdId != null) {
      const household = findHousehold(tx, input.householdId);
      if (!household) throw new AppError('not_found', `no household ${input.householdId}`);
      // A confidential household is known to the mission by its pseudonym only.
      if (household.confidential) label = household.pseudonym;
    }
    const row = insertApplicant(tx, {
      id: newId(),
      householdId: input.householdId ?? null,
      label,
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

/**
 * Corrects an applicant's need while they wait (a housed applicant is 409): checked as at
 * creation; one linked to a confidential household keeps its pseudonym whatever label says.
 */
export function updateApplicantDetails(db: Db, actor: Actor, applicantId: string, input: Omit<ApplicantInput, 'householdId'>): ApplicantRow {
  assertMissionStaff(actor);
  refuse(applicantErrors({ ...input, householdId: null }));
  return writeTransaction(db, (tx) => {
    const a = findApplicant(tx, applicantId);
    if (!a) throw new AppError('not_found', `no applicant ${applicantId}`);
    if (a.housedAt != null) throw new AppError('invalid_transition', 'this applicant is housed: their need can no longer change');
    const household = a.householdId ? findHousehold(tx, a.householdId) : undefined;
    const row = updateApplicant(tx, applicantId, {
      label: household?.confidential ? household.pseudonym : input.label.trim(),
      persons: input.persons,
      accessibleNeeded: input.accessibleNeeded,
      maxRentCents: input.maxRentCents,
      yearlyIncomeCents: input.yearlyIncomeCents,
      communes: input.communes.map((c) => c.trim()).filter((c) => c !== ''),
      neededFrom: input.neededFrom,
      waitingSince: input.waitingSince,
      situation: input.situation,
      emergencyStayEnd: input.emergencyStayEnd ?? null
    });
    audit(tx, actor, 'applicant.update', 'applicant', applicantId);
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
    if (applicant.housedAt != null) throw new AppError('invalid_transition', 'this applicant is already housed (a lease is signed)');
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
    event(tx, actor, offerId, row.id, 'proposed', null, at);
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
      event(tx, actor, p.offerId, proposalId, to, decided.reason, at);
      audit(tx, actor, `proposal.${to}`, 'proposal', proposalId, { from: p.status, reason: decided.reason });
      if (to === 'lease_signed') {
        updateOffer(tx, p.offerId, { status: 'let', statusReason: 'lease_signed', updatedAt: at });
        event(tx, actor, p.offerId, null, 'let', 'lease_signed', at);
        audit(tx, actor, 'offer.let', 'offer', p.offerId, { proposalId });
        updateApplicant(tx, p.applicantId, { housedAt: at });
        const others = new Map<string, ProposalRow>();
        for (const o of listOpenProposalsOfOffer(tx, p.offerId, proposalId)) others.set(o.id, o);
        for (const o of listOpenProposalsOfApplicant(tx, p.applicantId, proposalId)) others.set(o.id, o);
        for (const o of others.values()) {
          const why = o.offerId === p.offerId ? 'offer_let' : 'applicant_housed';
          updateProposal(tx, o.id, { status: 'closed', reason: why, updatedAt: at });
          event(tx, actor, o.offerId, o.id, 'closed', why, at);
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
  return rankApplicants(toMatchingOffer(offer), listApplicantRows(db, { waitingOnly: true }).map(toMatchingApplicant), today());
}

/** For an applicant: the open offers, the suited ones ranked best first, the others with their reasons. */
export function matchesForApplicant(db: Db, actor: Actor, applicantId: string): MatchResult {
  assertMissionStaff(actor);
  const applicant = requireApplicant(db, applicantId);
  if (applicant.housedAt != null) return { matches: [], excluded: [] };
  return rankOffers(toMatchingApplicant(applicant), listOffersByStatus(db, 'open').map(toMatchingOffer), today());
}

// ---------------------------------------------------------------------------------------------
// A period offer as a unit with nights (booking core, housing_mission)

/** Far bounds of the blocks that close a period unit outside its offer's period. */
const BEFORE_ALL = '2000-01-01';
const AFTER_ALL = '2100-01-01';
const OUTSIDE_PERIOD_REASON = "Hors de la période de l'offre / outside the offer's period";

/**
 * Makes a period offer (one with availableUntil) bookable through the booking core: a site of kind
 * private at the offer's address and a unit under housing_mission, closed by two blocks outside
 * [availableFrom, availableUntil), in one transaction. The overlap triggers then guard its nights
 * like any unit's; partners never see private sites.
 */
export function createOfferUnit(db: Db, actor: Actor, offerId: string): OfferRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    if (offer.availableUntil == null) {
      throw new AppError('invalid', 'only an offer for a period (with availableUntil) becomes a unit with nights', {
        errors: [{ path: 'availableUntil', message: 'required for a unit with nights' }]
      });
    }
    if (offer.status === 'withdrawn' || offer.status === 'let') throw new AppError('invalid_transition', `the offer is ${offer.status}`);
    if (offer.unitId) throw new AppError('invalid_transition', 'this offer already has its unit');
    const landlord = findLandlord(tx, offer.landlordId);
    const at = nowMs();
    // Through the inventory's and the blocks' own writes, each with its audit entry, in this one transaction.
    const site = writeSite(tx, actor, {
      name: `${offer.typology} ${offer.commune} (${landlord?.name ?? 'bailleur'})`,
      commune: offer.commune,
      address: offer.address,
      confidential: false,
      kind: 'private'
    });
    const unit = writeUnit(tx, actor, {
      siteId: site.id,
      name: `${offer.typology} ${offer.commune}`,
      capacity: offer.capacity,
      typology: offer.typology,
      accessible: offer.accessible,
      programmes: ['housing_mission'],
      nightlyCost: null
    });
    for (const [start, end] of [
      [BEFORE_ALL, offer.availableFrom],
      [offer.availableUntil, AFTER_ALL]
    ] as const) {
      if (start < end) writeBlock(tx, actor, { unitId: unit.id, start, end, reason: OUTSIDE_PERIOD_REASON });
    }
    const row = updateOffer(tx, offerId, { unitId: unit.id, updatedAt: at });
    event(tx, actor, offerId, null, 'unit_created', null, at);
    audit(tx, actor, 'offer.unit_create', 'offer', offerId, { unitId: unit.id, siteId: site.id });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Views for the pages and the API

export interface StepView {
  status: string;
  reason: string | null;
  at: number;
}

export interface ProposalView {
  id: string;
  offerId: string;
  applicantId: string;
  applicantLabel: string;
  offerSummary: string;
  status: ProposalStatus;
  reason: string | null;
  nextStep: NextStep | null;
  moves: readonly ProposalStatus[];
  createdAt: number;
  updatedAt: number;
  /** Whole days since the proposal was made. */
  ageDays: number;
  steps: StepView[];
}

export interface OfferView extends Omit<OfferRow, 'status'> {
  status: OfferStatus;
  landlordName: string;
  openProposals: number;
}

function offerSummary(o: OfferRow): string {
  return `${o.typology} · ${o.commune} · ${o.capacity} pl.`;
}

function stepsOf(events: readonly MissionEventRow[]): StepView[] {
  return events.map((e) => ({ status: e.status, reason: e.reason, at: e.at }));
}

function proposalViews(db: DbOrTx, rows: readonly ProposalRow[]): ProposalView[] {
  const now = nowMs();
  const events = listProposalEvents(
    db,
    rows.map((r) => r.id)
  );
  const byProposal = new Map<string, MissionEventRow[]>();
  for (const e of events) {
    const list = byProposal.get(e.proposalId ?? '') ?? [];
    list.push(e);
    byProposal.set(e.proposalId ?? '', list);
  }
  const offerCache = new Map<string, OfferRow | undefined>();
  const applicantCache = new Map<string, ApplicantRow | undefined>();
  return rows.map((p) => {
    if (!offerCache.has(p.offerId)) offerCache.set(p.offerId, findOffer(db, p.offerId));
    if (!applicantCache.has(p.applicantId)) applicantCache.set(p.applicantId, findApplicant(db, p.applicantId));
    const offer = offerCache.get(p.offerId);
    const applicant = applicantCache.get(p.applicantId);
    return {
      id: p.id,
      offerId: p.offerId,
      applicantId: p.applicantId,
      applicantLabel: applicant?.label ?? '',
      offerSummary: offer ? offerSummary(offer) : '',
      status: p.status,
      reason: p.reason,
      nextStep: nextStep(p.status),
      moves: proposalMovesFrom(p.status),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      ageDays: Math.max(0, Math.floor((now - p.createdAt) / 86_400_000)),
      steps: stepsOf(byProposal.get(p.id) ?? [])
    };
  });
}

function offerViews(db: DbOrTx, rows: readonly OfferRow[]): OfferView[] {
  const names = new Map(listLandlordRows(db).map((l) => [l.id, l.name]));
  const open = new Map<string, number>();
  for (const p of listProposalRows(db, { openOnly: true })) open.set(p.offerId, (open.get(p.offerId) ?? 0) + 1);
  return rows.map((o) => ({ ...o, status: o.status as OfferStatus, landlordName: names.get(o.landlordId) ?? '', openProposals: open.get(o.id) ?? 0 }));
}

export function listLandlords(db: Db, actor: Actor): (LandlordRow & { offers: Record<OfferStatus, number> })[] {
  assertMissionStaff(actor);
  const counts = new Map<string, Record<OfferStatus, number>>();
  for (const o of listOfferRows(db)) {
    const c = counts.get(o.landlordId) ?? { draft: 0, open: 0, let: 0, withdrawn: 0 };
    c[o.status as OfferStatus] += 1;
    counts.set(o.landlordId, c);
  }
  return listLandlordRows(db).map((l) => ({ ...l, offers: counts.get(l.id) ?? { draft: 0, open: 0, let: 0, withdrawn: 0 } }));
}

/** A landlord with the history of their offers: each with its steps and how it ended (let to whom, or withdrawn and why). */
export function getLandlord(db: Db, actor: Actor, id: string) {
  assertMissionStaff(actor);
  const landlord = findLandlord(db, id);
  if (!landlord) throw new AppError('not_found', `no landlord ${id}`);
  const offers = offerViews(db, listOfferRows(db, { landlordId: id })).map((o) => {
    const lease = o.status === 'let' ? findSignedLease(db, o.id) : undefined;
    return {
      ...o,
      steps: stepsOf(listOfferEvents(db, o.id).filter((e) => e.proposalId === null)),
      letTo: lease ? (findApplicant(db, lease.applicantId)?.label ?? null) : null
    };
  });
  return { ...landlord, offers };
}

export function listOffers(db: Db, actor: Actor, filter: { status?: OfferStatus; landlordId?: string } = {}): OfferView[] {
  assertMissionStaff(actor);
  return offerViews(db, listOfferRows(db, filter));
}

/** An offer with its landlord, its proposals and its dated steps. */
export function getOffer(db: Db, actor: Actor, id: string) {
  assertMissionStaff(actor);
  const offer = requireOffer(db, id);
  const [view] = offerViews(db, [offer]);
  const landlord = findLandlord(db, offer.landlordId);
  return {
    ...view!,
    landlord: landlord ? { id: landlord.id, name: landlord.name, phone: landlord.phone, email: landlord.email } : null,
    proposals: proposalViews(db, listProposalRows(db, { offerId: id })),
    steps: stepsOf(listOfferEvents(db, id).filter((e) => e.proposalId === null))
  };
}

export function listApplicants(db: Db, actor: Actor, filter: { waitingOnly?: boolean } = {}) {
  assertMissionStaff(actor);
  const open = new Map<string, number>();
  for (const p of listProposalRows(db, { openOnly: true })) open.set(p.applicantId, (open.get(p.applicantId) ?? 0) + 1);
  const day = today();
  return listApplicantRows(db, filter).map((a) => ({
    ...a,
    daysWaited: Math.max(0, countNights(a.waitingSince, day)),
    openProposals: open.get(a.id) ?? 0
  }));
}

/** An applicant with their proposals. Opening one linked to a confidential household is audited. */
export function getApplicant(db: Db, actor: Actor, id: string) {
  assertMissionStaff(actor);
  const a = requireApplicant(db, id);
  const household = a.householdId ? findHousehold(db, a.householdId) : undefined;
  if (household?.confidential) {
    writeTransaction(db, (tx) => audit(tx, actor, 'applicant.open', 'applicant', id, { householdId: household.id, confidential: true }));
  }
  const confidential = household?.confidential ?? false;
  return {
    ...a,
    confidential,
    /** Whether the reader may reveal the name of this applicant (linked to a confidential household). */
    canReveal: confidential && canRevealApplicantName(actor.role),
    daysWaited: Math.max(0, countNights(a.waitingSince, today())),
    proposals: proposalViews(db, listProposalRows(db, { applicantId: id }))
  };
}

/**
 * The real name of an applicant linked to a confidential household, for the mission's staff with a
 * reason; the audit entry 'applicant.reveal' (the reason, the household's id) is written in the same
 * transaction as the read. 409 for an applicant whose name is not hidden.
 */
export function revealApplicantName(db: Db, actor: Actor, id: string, reason: string | null | undefined): { label: string } {
  if (!canRevealApplicantName(actor.role)) throw new AppError('forbidden', "only the housing mission's staff may reveal an applicant's name");
  const why = (reason ?? '').trim();
  if (!why) throw new AppError('invalid', 'a reason is required to reveal a name', { errors: [{ path: 'reason', message: 'required' }] });
  if (why.length > 1000) throw new AppError('invalid', 'a reason is at most 1000 characters', { errors: [{ path: 'reason', message: 'too_long' }] });
  return writeTransaction(db, (tx) => {
    const a = findApplicant(tx, id);
    if (!a) throw new AppError('not_found', `no applicant ${id}`);
    const household = a.householdId ? findHousehold(tx, a.householdId) : undefined;
    if (!household?.confidential) throw new AppError('invalid_transition', "this applicant's name is not hidden");
    audit(tx, actor, 'applicant.reveal', 'applicant', id, { householdId: household.id, reason: why });
    return { label: household.label };
  });
}

/** Proposals, in progress only by default, oldest first, with their next step and age. */
export function listProposals(db: Db, actor: Actor, filter: { offerId?: string; applicantId?: string; openOnly?: boolean } = {}): ProposalView[] {
  assertMissionStaff(actor);
  return proposalViews(db, listProposalRows(db, { openOnly: true, ...filter }));
}

export function getProposal(db: Db, actor: Actor, id: string): ProposalView {
  assertMissionStaff(actor);
  const p = findProposal(db, id);
  if (!p) throw new AppError('not_found', `no proposal ${id}`);
  return proposalViews(db, [p])[0]!;
}

/** Refusals counted by who refused and why: what the mission learns from them. */
export function refusalCounts(db: Db, actor: Actor) {
  assertMissionStaff(actor);
  return countRefusals(db);
}

