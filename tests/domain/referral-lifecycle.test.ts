import { describe, expect, test } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { canDecide, checkDecision, checkPlacement, isFinal, OUTCOMES, REFERRAL_STATUSES, type Outcome, type ReferralStatus } from '../../src/domain/referral-lifecycle.ts';

// API.md: received → accepted | declined | redirected | withdrawn; accepted → placed | withdrawn | redirected.
const ALLOWED: Record<ReferralStatus, Outcome[]> = {
  received: ['accepted', 'declined', 'redirected', 'withdrawn'],
  accepted: ['withdrawn', 'redirected'],
  declined: [],
  redirected: [],
  withdrawn: [],
  placed: []
};

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
}

describe('referral decisions', () => {
  for (const from of REFERRAL_STATUSES) {
    for (const outcome of OUTCOMES) {
      const allowed = ALLOWED[from].includes(outcome);
      test(`a "${from}" referral ${allowed ? 'may become' : 'may not become'} "${outcome}"`, () => {
        expect.hasAssertions();
        expect(codeOf(() => checkDecision(from, outcome, 'a reason'))).toBe(allowed ? null : 'already_decided');
      });
    }
  }
  test('declined and redirected need a reason (422), even a blank one is refused', () => {
    expect.hasAssertions();
    expect(codeOf(() => checkDecision('received', 'declined', undefined))).toBe('invalid');
    expect(codeOf(() => checkDecision('received', 'redirected', '   '))).toBe('invalid');
    expect(codeOf(() => checkDecision('received', 'accepted', undefined))).toBeNull();
  });
  test('received and accepted referrals may be placed; final ones may not', () => {
    expect.hasAssertions();
    expect(codeOf(() => checkPlacement('received'))).toBeNull();
    expect(codeOf(() => checkPlacement('accepted'))).toBeNull();
    for (const s of ['declined', 'redirected', 'withdrawn', 'placed'] as const) {
      expect(isFinal(s)).toBe(true);
      expect(codeOf(() => checkPlacement(s))).toBe('already_decided');
    }
  });
  test('a partner may only withdraw; duty officers and admins decide; housing officers do not', () => {
    expect.hasAssertions();
    expect(canDecide('partner', 'withdrawn')).toBe(true);
    expect(canDecide('partner', 'accepted')).toBe(false);
    expect(canDecide('duty_officer', 'declined')).toBe(true);
    expect(canDecide('admin', 'redirected')).toBe(true);
    expect(canDecide('housing_officer', 'accepted')).toBe(false);
  });
});
