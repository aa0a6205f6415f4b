// The residence's applications: every status × every outcome, as the status list allows or refuses
// it; the outcomes that need a reason; a contract only for an admitted application.
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_OUTCOMES,
  APPLICATION_STATUSES,
  canMoveApplication,
  checkApplicationDecision,
  checkHousing,
  isAwaitingCommittee,
  isFinalApplication,
  needsReason,
  type ApplicationOutcome,
  type ApplicationStatus
} from '../../src/domain/residence-lifecycle.ts';
import { AppError } from '../../src/domain/errors.ts';

const ALLOWED: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  received: ['admitted', 'waiting_list', 'refused', 'redirected', 'withdrawn'],
  waiting_list: ['admitted', 'refused', 'redirected', 'withdrawn'],
  admitted: ['housed', 'withdrawn'],
  refused: [],
  redirected: [],
  withdrawn: [],
  housed: []
};

function codeOf(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe('application statuses', () => {
  const pairs = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));
  it.each(pairs)('%s → %s allowed: %s', (from, to, allowed) => {
    expect.hasAssertions();
    expect(canMoveApplication(from, to)).toBe(allowed);
  });

  it.each([
    ['received', false],
    ['waiting_list', false],
    ['admitted', false],
    ['refused', true],
    ['redirected', true],
    ['withdrawn', true],
    ['housed', true]
  ] as const)('%s is final: %s', (status, final) => {
    expect.hasAssertions();
    expect(isFinalApplication(status)).toBe(final);
  });

  it.each([
    ['received', true],
    ['waiting_list', true],
    ['admitted', false],
    ['housed', false],
    ['refused', false]
  ] as const)('%s is on the committee’s agenda: %s', (status, awaiting) => {
    expect.hasAssertions();
    expect(isAwaitingCommittee(status)).toBe(awaiting);
  });

  it.each([
    ['admitted', false],
    ['waiting_list', false],
    ['refused', true],
    ['redirected', true],
    ['withdrawn', false]
  ] as const)('the outcome %s needs a reason: %s', (outcome, needed) => {
    expect.hasAssertions();
    expect(needsReason(outcome)).toBe(needed);
  });
});

describe('a decision on an application', () => {
  // Every status × every outcome, with a reason: allowed moves pass, the others are 409 already_decided.
  const cases = APPLICATION_STATUSES.flatMap((from) =>
    APPLICATION_OUTCOMES.map((outcome) => [from, outcome, ALLOWED[from].includes(outcome) ? null : 'already_decided'] as const)
  );
  it.each(cases)('%s, decided %s (with a reason) → %s', (from, outcome, code) => {
    expect.hasAssertions();
    expect(codeOf(() => checkApplicationDecision(from, outcome, 'a reason'))).toBe(code);
  });

  it.each([
    ['refused', null],
    ['refused', ''],
    ['redirected', '   '],
    ['redirected', undefined]
  ] as [ApplicationOutcome, string | null | undefined][])('%s without a reason (%j) is 422, naming the field', (outcome, reason) => {
    expect.hasAssertions();
    try {
      checkApplicationDecision('received', outcome, reason);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(422);
      expect((e as AppError).errors).toEqual([{ path: 'reason', message: expect.any(String) }]);
    }
  });

  it.each(['admitted', 'waiting_list', 'withdrawn'] as const)('%s needs no reason', (outcome) => {
    expect.hasAssertions();
    expect(codeOf(() => checkApplicationDecision('received', outcome, null))).toBeNull();
  });
});

describe('a contract for an application', () => {
  it.each(APPLICATION_STATUSES.map((s) => [s, s === 'admitted' ? null : 'invalid_transition'] as const))('%s → %s', (status, code) => {
    expect.hasAssertions();
    expect(codeOf(() => checkHousing(status))).toBe(code);
  });

  it('answers 409 for an application that is not admitted', () => {
    expect.hasAssertions();
    expect(() => checkHousing('waiting_list')).toThrow(expect.objectContaining({ status: 409 }));
  });
});
