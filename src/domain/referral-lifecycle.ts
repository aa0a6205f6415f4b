// Referrals: the statuses and the decisions between them (docs/domain.md, "Referrals").
import { AppError } from './errors.ts';
import type { Programme, Role } from './programmes.ts';

export const REFERRAL_STATUSES = ['received', 'accepted', 'declined', 'redirected', 'withdrawn', 'placed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const URGENCIES = ['immediate', 'within_24h', 'planned'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const OUTCOMES = ['accepted', 'declined', 'redirected', 'withdrawn'] as const;

/** Why a referral is declined or redirected, as the decision form offers it (the note says more). */
export const DECISION_REASONS = ['no_place_tonight', 'no_place_of_size', 'out_of_scope', 'redirected_115', 'redirected_service', 'other'] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/**
 * The closed reason a declined or redirected referral counts under as unmet demand: no place, no
 * place of that size, out of scope; a redirection to the 115 or another service, or any other
 * reason, is 'other'. Without a code (a reason typed through the API), a reason that starts with
 * one of the codes counts under it; any other text is 'other'.
 */
export function unmetReasonOfDecision(code: DecisionReason | null | undefined, reason?: string | null): 'no_place' | 'no_place_of_that_size' | 'out_of_scope' | 'other' {
  const given = code ?? DECISION_REASONS.find((c) => (reason ?? '').trim().toLowerCase().startsWith(c));
  if (given === 'no_place_tonight') return 'no_place';
  if (given === 'no_place_of_size') return 'no_place_of_that_size';
  if (given === 'out_of_scope') return 'out_of_scope';
  return 'other';
}

/** The needs a referral form offers as boxes to tick (stored as these words). */
export const REFERRAL_NEEDS = ['accessibility', 'pets', 'interpreter'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  received: ['accepted', 'declined', 'redirected', 'withdrawn', 'placed'],
  accepted: ['placed', 'withdrawn', 'redirected'],
  declined: [],
  redirected: [],
  withdrawn: [],
  placed: []
};

export function isFinal(status: ReferralStatus): boolean {
  return NEXT[status].length === 0;
}

/** Who may enter a referral: partners (for their own organisation) and the staff who take calls. */
export function canCreateReferral(role: Role): boolean {
  return role === 'partner' || role === 'duty_officer' || role === 'admin';
}

/**
 * A referral asks for a night from tonight's on: an earlier requested start is 422 (`invalid`),
 * whoever sends it and however (the API or the form).
 */
export function checkRequestedStart(requestedStart: string, tonight: string): void {
  if (requestedStart < tonight) {
    throw new AppError('invalid', `requestedStart is before tonight's night (${tonight})`, { errors: [{ path: 'requestedStart', message: `from tonight (${tonight}) on` }] });
  }
}

/** Who may decide: duty officers and admins; a partner may only withdraw its own. */
export function canDecide(role: Role, outcome: Outcome): boolean {
  if (role === 'duty_officer' || role === 'admin') return true;
  return role === 'partner' && outcome === 'withdrawn';
}

/**
 * Checks a decision: 409 already_decided when the status list does not allow the move, 422 when a
 * decline or a redirection comes without its reason.
 */
export function checkDecision(from: ReferralStatus, outcome: Outcome, reason: string | null | undefined): void {
  if ((outcome === 'declined' || outcome === 'redirected') && !reason?.trim()) {
    throw new AppError('invalid', `a referral is ${outcome} with a reason`, { errors: [{ path: 'reason', message: `required when the outcome is ${outcome}` }] });
  }
  if (!NEXT[from].includes(outcome)) {
    throw new AppError('already_decided', `a referral that is "${from}" cannot become "${outcome}"`);
  }
}

/** Checks that a placement may be linked to a referral in this status (a received one is accepted and placed at once). */
export function checkPlacement(from: ReferralStatus): void {
  if (!NEXT[from].includes('placed')) throw new AppError('already_decided', `a referral that is "${from}" cannot be placed`);
}

/** Who may place a household for a referral, which accepts and places it: those who decide referrals. */
export function canPlaceForReferral(role: Role): boolean {
  return role === 'duty_officer' || role === 'admin';
}

/** The programmes a referral may be placed under: its own; `emergency` and `dv_protocol` stand for each other. */
export function placementProgrammesOf(referralProgramme: Programme): readonly Programme[] {
  return referralProgramme === 'emergency' || referralProgramme === 'dv_protocol' ? ['emergency', 'dv_protocol'] : [referralProgramme];
}

/**
 * Checks a placement that carries a referral, in this order: 403 for a role that does not decide
 * referrals (before anything is said about the referral), 404 for no such referral, 422 for a
 * programme the referral does not allow, 409 already_decided for a referral that can no longer be
 * placed (unless `status` is false: before an idempotent retry is looked up, the referral it placed
 * is already "placed").
 */
export function checkReferralPlacement(role: Role, referral: { programme: string; status: string } | undefined, programme: string, { status = true }: { status?: boolean } = {}): void {
  if (!canPlaceForReferral(role)) {
    throw new AppError('forbidden', `the role ${role} may not place for a referral: only a duty officer or an admin, who decide referrals, may`);
  }
  if (!referral) throw new AppError('not_found', 'no such referral');
  const allowed = placementProgrammesOf(referral.programme as Programme);
  if (!allowed.includes(programme as Programme)) {
    throw new AppError('invalid', `this referral is for the programme ${referral.programme}: place it under ${allowed.join(' or ')}, not ${programme}`, {
      errors: [{ path: 'referralId', message: `a referral of the programme ${referral.programme} is placed under ${allowed.join(' or ')}` }]
    });
  }
  if (status) checkPlacement(referral.status as ReferralStatus);
}
