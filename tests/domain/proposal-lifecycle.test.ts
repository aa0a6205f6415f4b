// The proposal and offer lifecycles as tables: every status × every target, the reasons a refusal
// or a withdrawal needs, and the next step shown to the mission.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import {
  canMoveOffer,
  canMoveProposal,
  decideOfferMove,
  decideProposalMove,
  isLiveOffer,
  nextStep,
  NEXT_STEPS,
  OFFER_STATUSES,
  PROPOSAL_MOVES,
  PROPOSAL_STATUSES,
  proposalMovesFrom,
  type OfferStatus,
  type ProposalStatus
} from '../../src/domain/proposal-lifecycle.ts';

const ALLOWED: Record<ProposalStatus, ProposalStatus[]> = {
  proposed: ['visit', 'refused_by_household', 'refused_by_landlord'],
  visit: ['accepted', 'refused_by_household', 'refused_by_landlord'],
  accepted: ['lease_signed', 'refused_by_household', 'refused_by_landlord'],
  lease_signed: [],
  refused_by_household: [],
  refused_by_landlord: [],
  closed: []
};

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
}

describe('the proposal lifecycle', () => {
  const cases = PROPOSAL_STATUSES.flatMap((from) => PROPOSAL_STATUSES.map((to) => ({ from, to, allowed: ALLOWED[from].includes(to) })));

  it.each(cases)('$from → $to: allowed $allowed', ({ from, to, allowed }) => {
    expect.hasAssertions();
    expect(canMoveProposal(from, to)).toBe(allowed);
    const refusal = to === 'refused_by_household' || to === 'refused_by_landlord';
    // With a reason, an allowed move passes and keeps it; a forbidden one is 409 invalid_transition.
    expect(codeOf(() => decideProposalMove(from, to, 'Trop loin'))).toBe(allowed ? null : 'invalid_transition');
    // Without a reason, a refusal is 422 invalid (once the move is allowed at all).
    expect(codeOf(() => decideProposalMove(from, to, '  '))).toBe(!allowed ? 'invalid_transition' : refusal ? 'invalid' : null);
  });

  it('PROPOSAL_MOVES (what the API and the pages accept) is exactly the set of moves the table allows', () => {
    const reachable = new Set(PROPOSAL_STATUSES.flatMap((s) => [...proposalMovesFrom(s)]));
    expect([...PROPOSAL_MOVES].sort()).toEqual([...reachable].sort());
  });

  it('NEXT_STEPS lists every next step of a proposal in progress', () => {
    const steps = new Set(PROPOSAL_STATUSES.map(nextStep).filter((s) => s !== null));
    expect([...NEXT_STEPS].sort()).toEqual([...steps].sort());
  });

  it('no one may close a proposal by hand: only a lease elsewhere or a withdrawal closes it', () => {
    expect.hasAssertions();
    for (const from of PROPOSAL_STATUSES) expect(canMoveProposal(from, 'closed')).toBe(false);
  });

  it('keeps the reason trimmed, and none when empty', () => {
    expect.hasAssertions();
    expect(decideProposalMove('visit', 'refused_by_landlord', '  Garanties insuffisantes ')).toEqual({ reason: 'Garanties insuffisantes' });
    expect(decideProposalMove('proposed', 'visit', '')).toEqual({ reason: null });
  });

  it.each([
    ['proposed', 'arrange_visit'],
    ['visit', 'record_answer'],
    ['accepted', 'sign_lease'],
    ['lease_signed', null],
    ['refused_by_household', null],
    ['refused_by_landlord', null],
    ['closed', null]
  ] as const)('the next step after %s is %s', (status, step) => {
    expect.hasAssertions();
    expect(nextStep(status)).toBe(step);
  });
});

describe('the offer lifecycle', () => {
  it.each([
    { status: 'draft', live: true },
    { status: 'open', live: true },
    { status: 'let', live: false },
    { status: 'withdrawn', live: false }
  ] as const)('$status: still in play (corrected, ranked, proposed): $live', ({ status, live }) => {
    expect(isLiveOffer(status)).toBe(live);
  });

  const ALLOWED_OFFER: Record<OfferStatus, OfferStatus[]> = { draft: ['open', 'withdrawn'], open: ['let', 'withdrawn'], let: [], withdrawn: [] };
  const cases = OFFER_STATUSES.flatMap((from) => OFFER_STATUSES.map((to) => ({ from, to, allowed: ALLOWED_OFFER[from].includes(to) })));

  it.each(cases)('$from → $to: allowed $allowed', ({ from, to, allowed }) => {
    expect.hasAssertions();
    expect(canMoveOffer(from, to)).toBe(allowed);
    expect(codeOf(() => decideOfferMove(from, to, 'Vendu'))).toBe(allowed ? null : 'invalid_transition');
    expect(codeOf(() => decideOfferMove(from, to, ''))).toBe(!allowed ? 'invalid_transition' : to === 'withdrawn' ? 'invalid' : null);
  });
});
