// The social residence's applications (demandes d'admission): their statuses and the moves between
// them, which outcomes need a reason (docs/domain.md, "The social residence"). Pure rules, no I/O.
import { AppError } from './errors.ts';
import type { ApplicationStatus } from './residence-codes.ts';

export { APPLICATION_STATUSES, type ApplicationStatus } from './residence-codes.ts';

/** What a decision on an application may say (the admission committee, an urgent admission, a withdrawal). */
export const APPLICATION_OUTCOMES = ['admitted', 'waiting_list', 'refused', 'redirected', 'withdrawn'] as const;
export type ApplicationOutcome = (typeof APPLICATION_OUTCOMES)[number];

/** The outcomes that are given with a reason (refused, redirected). */
export const OUTCOMES_WITH_REASON: readonly ApplicationOutcome[] = ['refused', 'redirected'];

/**
 * The allowed moves. `housed` is not an outcome of a decision: an admitted application becomes
 * housed when its contract starts.
 */
const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  received: ['admitted', 'waiting_list', 'refused', 'redirected', 'withdrawn'],
  waiting_list: ['admitted', 'refused', 'redirected', 'withdrawn'],
  admitted: ['housed', 'withdrawn'],
  refused: [],
  redirected: [],
  withdrawn: [],
  housed: []
};

/** The statuses an application may move to from `from` (none when it is final). */
export function nextApplicationStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  return NEXT[from];
}

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

/** Refused, redirected, withdrawn and housed are final. */
export function isFinalApplication(status: ApplicationStatus): boolean {
  return NEXT[status].length === 0;
}

/** Whether an outcome is given with a reason. */
export function needsReason(outcome: ApplicationOutcome): boolean {
  return OUTCOMES_WITH_REASON.includes(outcome);
}

/** The applications an admission committee has on its agenda: received ones and the waiting list. */
export function isAwaitingCommittee(status: ApplicationStatus): boolean {
  return status === 'received' || status === 'waiting_list';
}

/**
 * Checks a decision on an application: 422 (`invalid`) when a refusal or a redirection comes without
 * its reason, 409 `already_decided` when the status list does not allow the move.
 */
export function checkApplicationDecision(from: ApplicationStatus, outcome: ApplicationOutcome, reason: string | null | undefined): void {
  if (needsReason(outcome) && !reason?.trim()) {
    throw new AppError('invalid', `an application is ${outcome} with a reason`, { errors: [{ path: 'reason', message: `required when the outcome is ${outcome}` }] });
  }
  if (!canMoveApplication(from, outcome)) {
    throw new AppError('already_decided', `an application that is "${from}" cannot become "${outcome}"`);
  }
}

/** Checks that a contract may start for an application: only an admitted one (409 `invalid_transition` otherwise). */
export function checkHousing(from: ApplicationStatus): void {
  if (!canMoveApplication(from, 'housed')) {
    throw new AppError('invalid_transition', `a contract starts for an admitted application, not for one that is "${from}"`);
  }
}
