// Referrals: received from a partner or taken by phone, decided by staff, placed through a stay.
import { addDays, isValidDate, toOffsetTimestamp } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { isStaff, type Programme } from '#domain/programmes.ts';
import { canCreateReferral, canDecide, checkDecision, checkReferralPlacement, checkRequestedStart, unmetReasonOfDecision, type DecisionReason, type Outcome, type ReferralStatus, type Urgency } from '#domain/referral-lifecycle.ts';
import type { Db, Tx } from '#db/client.ts';
import { findOrganisationByName, findOrganisationName } from '#db/queries/organisations.ts';
import { findReferral, insertReferral, listReferrals as queryReferrals, updateReferral, type ReferralRow } from '#db/queries/referrals.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { seesProgramme } from './visibility.ts';
import { nowMs, tonight } from './clock.ts';
import { queueReferralNotification, sendAfterCommit } from './notifications.ts';
import { newId, writeTransaction } from './transaction.ts';
import { checkOriginCommune } from './origin.ts';
import { listOutboxForReferral } from '#db/queries/outbox.ts';
import { findReferrerContact, saveReferrerContact } from '#db/queries/referrer-contacts.ts';
import { insertUnmetDemand } from '#db/queries/unmet-demands.ts';

export interface ReferralInput {
  programme: Programme;
  urgency: Urgency;
  requestedStart: string;
  nights: number;
  household: { adults: number; children: number; needs?: string[] };
  referrer: { organisation?: string; contact: string; phone: string; email?: string };
  notes?: string;
  /** Where the household comes from: an INSEE code of a commune of the territory, 'outside'; null or absent: unknown. */
  originCommune?: string | null;
}

/** A partner's view, built for partners: status and times, never a unit, an address or a name. */
export interface PartnerReferralView {
  id: string;
  status: ReferralStatus;
  programme: Programme;
  urgency: Urgency;
  requestedStart: string;
  nights: number;
  adults: number;
  children: number;
  receivedAt: string;
  decidedAt?: string;
  placedAt?: string;
}

export interface StaffReferralView extends PartnerReferralView {
  organisationId: string | null;
  organisation: string | null;
  needs: string[];
  originCommune: string | null;
  referrer: { organisation: string; contact: string; phone: string; email: string | null };
  notes: string | null;
  decisionReason: string | null;
  stayId: string | null;
  /** The emails sent to the referrer about this referral: sent, waiting for a retry, or failed. */
  notifications: { kind: string; status: string; attempts: number; lastError: string | null; sentAt: string | null }[];
}

function partnerView(r: ReferralRow): PartnerReferralView {
  return {
    id: r.id,
    status: r.status as ReferralStatus,
    programme: r.programme,
    urgency: r.urgency,
    requestedStart: r.requestedStart,
    nights: r.nights,
    adults: r.adults,
    children: r.children,
    receivedAt: toOffsetTimestamp(r.receivedAt),
    ...(r.decidedAt !== null && { decidedAt: toOffsetTimestamp(r.decidedAt) }),
    ...(r.placedAt !== null && { placedAt: toOffsetTimestamp(r.placedAt) })
  };
}

function staffView(db: Db | Tx, r: ReferralRow): StaffReferralView {
  return {
    ...partnerView(r),
    organisationId: r.organisationId,
    organisation: findOrganisationName(db, r.organisationId),
    needs: r.needs,
    originCommune: r.originCommune,
    referrer: { organisation: r.referrerOrganisation, contact: r.referrerContact, phone: r.referrerPhone, email: r.referrerEmail },
    notes: r.notes,
    decisionReason: r.decisionReason,
    stayId: r.stayId,
    notifications: listOutboxForReferral(db, r.id).map((n) => ({
      kind: n.kind,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      sentAt: n.sentAt === null ? null : toOffsetTimestamp(n.sentAt)
    }))
  };
}

/**
 * The view a caller is allowed: staff the whole record of a referral of a programme its role
 * handles, a partner its own organisation's only (404 otherwise).
 */
export function viewFor(db: Db | Tx, actor: Actor, r: ReferralRow | undefined): PartnerReferralView | StaffReferralView {
  if (r && isStaff(actor.role) && seesProgramme(actor, r.programme)) return staffView(db, r);
  if (r && actor.role === 'partner' && actor.organisationId !== null && r.organisationId === actor.organisationId) return partnerView(r);
  throw new AppError('not_found', 'no such referral');
}

export function createReferral(db: Db, actor: Actor, input: ReferralInput): PartnerReferralView | StaffReferralView {
  if (!canCreateReferral(actor.role)) throw new AppError('forbidden', `the role ${actor.role} may not enter referrals`);
  if (!isValidDate(input.requestedStart)) {
    throw new AppError('invalid', 'requestedStart is not a calendar date', { errors: [{ path: 'requestedStart', message: 'not a calendar date' }] });
  }
  checkRequestedStart(input.requestedStart, tonight());
  const { adults, children } = input.household;
  if (adults + children < 1) throw new AppError('invalid', 'a household counts at least one person', { errors: [{ path: 'household', message: 'adults + children must be at least 1' }] });
  return writeTransaction(db, (tx) => {
    const originCommune = checkOriginCommune(tx, input.originCommune);
    // A partner's referral belongs to its own organisation, whatever the body says; a duty officer
    // taking a call picks an existing organisation by name, or none.
    let organisationId: string | null;
    if (actor.role === 'partner') organisationId = actor.organisationId;
    else if (input.referrer.organisation?.trim()) organisationId = findOrganisationByName(tx, input.referrer.organisation.trim())?.id ?? null;
    else organisationId = null;
    const now = nowMs();
    const row = insertReferral(tx, {
      id: newId(),
      organisationId,
      programme: input.programme,
      urgency: input.urgency,
      requestedStart: input.requestedStart,
      nights: input.nights,
      adults,
      children,
      needs: input.household.needs ?? [],
      originCommune,
      referrerOrganisation: (actor.role === 'partner' ? findOrganisationName(tx, organisationId) : input.referrer.organisation?.trim()) || '—',
      referrerContact: input.referrer.contact.trim(),
      referrerPhone: input.referrer.phone.trim(),
      referrerEmail: input.referrer.email?.trim() || null,
      notes: input.notes?.trim() || null,
      status: 'received',
      receivedAt: now,
      decidedAt: null,
      decisionReason: null,
      decidedBy: null,
      placedAt: null,
      stayId: null,
      createdBy: actor.accountId
    });
    audit(tx, actor, 'referral.create', 'referral', row.id, { programme: row.programme, urgency: row.urgency, organisationId });
    // A partner's next form starts from the contact and phone it gave (its own, per account); a duty
    // officer types a different caller each time.
    if (actor.role === 'partner') saveReferrerContact(tx, { accountId: actor.accountId, contact: row.referrerContact, phone: row.referrerPhone, updatedAt: now });
    return viewFor(tx, actor, row);
  });
}

/**
 * The contact person and phone a partner account gave on its last referral, for its next form; null
 * for anyone else (a duty officer's form starts blank) and for a partner that has sent none.
 */
export function rememberedReferrer(db: Db, actor: Actor): { contact: string; phone: string } | null {
  if (actor.role !== 'partner') return null;
  const row = findReferrerContact(db, actor.accountId);
  return row ? { contact: row.contact, phone: row.phone } : null;
}

export function getReferral(db: Db, actor: Actor, id: string) {
  return viewFor(db, actor, findReferral(db, id));
}

export function listReferrals(db: Db, actor: Actor, filter: { status?: ReferralStatus } = {}) {
  if (isStaff(actor.role)) {
    return queryReferrals(db, filter)
      .filter((r) => seesProgramme(actor, r.programme))
      .map((r) => staffView(db, r));
  }
  if (actor.role === 'partner' && actor.organisationId) return queryReferrals(db, { ...filter, organisationId: actor.organisationId }).map(partnerView);
  return [];
}

/** Staff decide; a partner may only withdraw its own. 409 already_decided for a move the list forbids. */
export function decideReferral(db: Db, actor: Actor, id: string, input: { outcome: Outcome; reason?: string | null; reasonCode?: DecisionReason | null }) {
  const view = writeTransaction(db, (tx) => {
    const current = findReferral(tx, id);
    viewFor(tx, actor, current); // 404 for another organisation's referral
    if (!canDecide(actor.role, input.outcome)) throw new AppError('forbidden', `the role ${actor.role} may not decide a referral "${input.outcome}"`);
    checkDecision(current!.status as ReferralStatus, input.outcome, input.reason);
    const now = nowMs();
    const updated = updateReferral(tx, id, { status: input.outcome, decidedAt: now, decisionReason: input.reason?.trim() || null, decidedBy: actor.accountId });
    audit(tx, actor, `referral.${input.outcome}`, 'referral', id, { from: current!.status, ...(input.reason && { reason: input.reason.trim() }) });
    // A request that could not be placed is unmet demand, with its reason: never lost.
    if (input.outcome === 'declined' || input.outcome === 'redirected') {
      insertUnmetDemand(tx, {
        id: newId(),
        programme: updated.programme,
        start: updated.requestedStart,
        end: addDays(updated.requestedStart, updated.nights),
        persons: updated.adults + updated.children,
        // The closed code first (what reports count, and all retention keeps), then the words.
        reason: `${unmetReasonOfDecision(input.reasonCode, input.reason)}: ${input.outcome}: ${input.reason!.trim()}`,
        referralId: id,
        createdBy: actor.accountId,
        createdAt: now
      });
    }
    // A partner withdrawing its own referral is not told about it by email.
    if (actor.role !== 'partner') queueReferralNotification(tx, updated);
    return viewFor(tx, actor, updated);
  });
  sendAfterCommit(db);
  return view;
}

/**
 * Links a stay of `programme` just placed to its referral, inside the placement's transaction: a
 * received referral is accepted and placed in that one step. Only a caller who decides referrals,
 * under a programme the referral allows (checkReferralPlacement); a final referral is 409.
 */
export function linkPlacementToReferral(tx: Tx, actor: Actor, referralId: string, stayId: string, programme: string): void {
  const current = findReferral(tx, referralId);
  checkReferralPlacement(actor.role, current, programme);
  if (!current) return;
  const now = nowMs();
  const placed = updateReferral(tx, referralId, { status: 'placed', decidedAt: current.decidedAt ?? now, decidedBy: current.decidedBy ?? actor.accountId, placedAt: now, stayId });
  audit(tx, actor, 'referral.placed', 'referral', referralId, { stayId, from: current.status });
  queueReferralNotification(tx, placed);
}

/**
 * A hold taken for a referral: the referral is accepted (a received one) but not yet placed; it
 * becomes placed when the hold is confirmed. A lapsed or cancelled hold leaves it accepted.
 */
export function holdForReferral(tx: Tx, actor: Actor, referralId: string, programme: string): void {
  const current = findReferral(tx, referralId);
  checkReferralPlacement(actor.role, current, programme);
  if (!current) return;
  if (current.status === 'received') {
    const accepted = updateReferral(tx, referralId, { status: 'accepted', decidedAt: nowMs(), decidedBy: actor.accountId });
    audit(tx, actor, 'referral.accepted', 'referral', referralId, { from: 'received', onHold: true });
    queueReferralNotification(tx, accepted);
  }
}

/** Whether a referral still waits for its placement (received or accepted). */
export function isAwaitingPlacement(tx: Tx, referralId: string): boolean {
  const r = findReferral(tx, referralId);
  return !!r && (r.status === 'received' || r.status === 'accepted');
}
