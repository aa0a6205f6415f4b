// Lifecycles of the housing mission (docs/domain.md, "The housing mission"): pure rules, no I/O.
import { AppError } from './errors.ts';

export const PROPOSAL_STATUSES = [
  'proposed',
  'visit',
  'accepted',
  'lease_signed',
  'refused_by_household',
  'refused_by_landlord',
  'closed'
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses in which a proposal is still in progress (a lease elsewhere closes it). */
export const OPEN_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['proposed', 'visit', 'accepted'];

export const REFUSALS = ['refused_by_household', 'refused_by_landlord'] as const satisfies readonly ProposalStatus[];
export type Refusal = (typeof REFUSALS)[number];

/** The moves a person may ask of a proposal (any status but the first, 'proposed', and 'closed', the system's alone). */
export const PROPOSAL_MOVES = ['visit', 'accepted', 'lease_signed', ...REFUSALS] as const satisfies readonly ProposalStatus[];
export type ProposalMove = (typeof PROPOSAL_MOVES)[number];

/** The moves a person may make; 'closed' is not among them: only the system closes a proposal. */
const MOVES_FROM: Record<ProposalStatus, readonly ProposalStatus[]> = {
  proposed: ['visit', 'refused_by_household', 'refused_by_landlord'],
  visit: ['accepted', 'refused_by_household', 'refused_by_landlord'],
  accepted: ['lease_signed', 'refused_by_household', 'refused_by_landlord'],
  lease_signed: [],
  refused_by_household: [],
  refused_by_landlord: [],
  closed: []
};

export function isProposalStatus(s: string): s is ProposalStatus {
  return (PROPOSAL_STATUSES as readonly string[]).includes(s);
}

export function isOpenProposal(s: ProposalStatus): boolean {
  return OPEN_PROPOSAL_STATUSES.includes(s);
}

export function canMoveProposal(from: ProposalStatus, to: ProposalStatus): boolean {
  return MOVES_FROM[from].includes(to);
}

/**
 * Checks a move asked by a person: 409 invalid_transition for a move not in the table (including
 * any move to 'closed'), 422 invalid for a refusal without a reason. Returns the reason to keep.
 */
export function decideProposalMove(from: ProposalStatus, to: ProposalStatus, reason?: string | null): { reason: string | null } {
  if (!canMoveProposal(from, to)) {
    throw new AppError('invalid_transition', `a proposal cannot move from ${from} to ${to}`);
  }
  const trimmed = reason?.trim() ?? '';
  if ((REFUSALS as readonly ProposalStatus[]).includes(to) && trimmed === '') {
    throw new AppError('invalid', 'a refusal needs its reason', { errors: [{ path: 'reason', message: 'required' }] });
  }
  return { reason: trimmed === '' ? null : trimmed };
}

export const OFFER_STATUSES = ['draft', 'open', 'let', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** An offer still in play: it may be corrected, ranked and proposed (not yet let or withdrawn). */
export function isLiveOffer(status: OfferStatus): boolean {
  return status === 'draft' || status === 'open';
}

/** draft → open → let (by a signed lease, never asked directly) | withdrawn (from draft or open, with a reason). */
const OFFER_MOVES: Record<OfferStatus, readonly OfferStatus[]> = {
  draft: ['open', 'withdrawn'],
  open: ['let', 'withdrawn'],
  let: [],
  withdrawn: []
};

export function canMoveOffer(from: OfferStatus, to: OfferStatus): boolean {
  return OFFER_MOVES[from].includes(to);
}

/** Checks an offer move: 409 invalid_transition outside the table, 422 invalid for a withdrawal without a reason. */
export function decideOfferMove(from: OfferStatus, to: OfferStatus, reason?: string | null): { reason: string | null } {
  if (!canMoveOffer(from, to)) {
    throw new AppError('invalid_transition', `an offer cannot move from ${from} to ${to}`);
  }
  const trimmed = reason?.trim() ?? '';
  if (to === 'withdrawn' && trimmed === '') {
    throw new AppError('invalid', 'a withdrawal needs its reason', { errors: [{ path: 'reason', message: 'required' }] });
  }
  return { reason: trimmed === '' ? null : trimmed };
}

/** What the mission does next on a proposal in progress; null once it has ended. */
export const NEXT_STEPS = ['arrange_visit', 'record_answer', 'sign_lease'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export function nextStep(status: ProposalStatus): NextStep | null {
  switch (status) {
    case 'proposed':
      return 'arrange_visit';
    case 'visit':
      return 'record_answer';
    case 'accepted':
      return 'sign_lease';
    default:
      return null;
  }
}

/** The moves a person may make from a status, for the pages' buttons. */
export function proposalMovesFrom(status: ProposalStatus): readonly ProposalStatus[] {
  return MOVES_FROM[status];
}
