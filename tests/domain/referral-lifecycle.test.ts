import { describe, expect, test } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { canDecide, checkDecision, checkPlacement, checkRequestedStart, checkReferralPlacement, isFinal, OUTCOMES, REFERRAL_STATUSES, type Outcome, type ReferralStatus } from '../../src/domain/referral-lifecycle.ts';

// docs/domain.md, "Referrals": received → accepted | declined | redirected | withdrawn; accepted → placed | withdrawn | redirected.
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

describe('placing for a referral (checkReferralPlacement)', () => {
  const PROGRAMMES = ['emergency', 'dv_protocol', 'social_residence', 'housing_mission'] as const;
  const ROLES = ['admin', 'duty_officer', 'housing_officer', 'partner'] as const;
  const standFor = (a: string, b: string) => a === b || (['emergency', 'dv_protocol'].includes(a) && ['emergency', 'dv_protocol'].includes(b));
  for (const role of ROLES) {
    for (const referralProgramme of PROGRAMMES) {
      for (const programme of PROGRAMMES) {
        const expected = role !== 'admin' && role !== 'duty_officer' ? 'forbidden' : standFor(referralProgramme, programme) ? null : 'invalid';
        test(`${role} placing a ${referralProgramme} referral under ${programme}: ${expected ?? 'allowed'}`, () => {
          expect.hasAssertions();
          expect(codeOf(() => checkReferralPlacement(role, { programme: referralProgramme, status: 'received' }, programme))).toBe(expected);
        });
      }
    }
  }
  test('the role is checked before the referral: 403 for a housing officer even when there is none', () => {
    expect.hasAssertions();
    expect(codeOf(() => checkReferralPlacement('housing_officer', undefined, 'social_residence'))).toBe('forbidden');
    expect(codeOf(() => checkReferralPlacement('duty_officer', undefined, 'social_residence'))).toBe('not_found');
    expect(codeOf(() => checkReferralPlacement('duty_officer', { programme: 'emergency', status: 'placed' }, 'emergency'))).toBe('already_decided');
  });
});

describe('checkRequestedStart: a referral asks for a night from tonight on', () => {
  test.each([
    ['yesterday', '2027-02-28', 'invalid'],
    ['a year ago', '2026-03-01', 'invalid'],
    ['tonight', '2027-03-01', null],
    ['tomorrow', '2027-03-02', null]
  ])('%s', (_name, requestedStart, code) => {
    expect(codeOf(() => checkRequestedStart(requestedStart, '2027-03-01'))).toBe(code);
  });
});
