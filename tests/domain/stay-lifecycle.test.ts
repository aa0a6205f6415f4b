// Specification of the statuses of a stay and the moves between them (docs/domain.md, "Stays and their moves").
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import {
  decideTransition,
  effectiveStatus,
  STAY_ACTIONS,
  STAY_STATUSES,
  type StayAction,
  type StayStatus,
  type TransitionInput
} from '../../src/domain/stay-lifecycle.ts';

// A stay of five nights, 10 to 15 March 2026, looked at on its third night.
const STAY = { start: '2026-03-10', end: '2026-03-15', tonight: '2026-03-12', today: '2026-03-12' };

function input(status: StayStatus, action: StayAction, over: Partial<TransitionInput> = {}): TransitionInput {
  return { ...STAY, status, action, ...over };
}

function expectInvalidTransition(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('invalid_transition');
  expect((caught as AppError).status).toBe(409);
}

// The table of docs/domain.md, "Stays and their moves", written out: every (from, action) that is allowed, and where it leads.
const ALLOWED: { from: StayStatus; action: StayAction; to: StayStatus }[] = [
  { from: 'hold', action: 'confirm', to: 'confirmed' },
  { from: 'hold', action: 'cancel', to: 'cancelled' },
  { from: 'confirmed', action: 'cancel', to: 'cancelled' },
  { from: 'confirmed', action: 'check-in', to: 'in_place' },
  { from: 'confirmed', action: 'no-show', to: 'no_show' },
  { from: 'in_place', action: 'check-out', to: 'ended' }
];

const isAllowed = (from: StayStatus, action: StayAction) => ALLOWED.some((m) => m.from === from && m.action === action);

const FORBIDDEN = STAY_STATUSES.flatMap((from) =>
  STAY_ACTIONS.filter((action) => !isAllowed(from, action)).map((action) => ({ from, action }))
);

describe('decideTransition: the table of moves', () => {
  it('the table covers the seven statuses and five actions of docs/domain.md', () => {
    expect.hasAssertions();
    expect([...STAY_STATUSES].sort()).toEqual(['cancelled', 'confirmed', 'ended', 'hold', 'in_place', 'lapsed', 'no_show']);
    expect([...STAY_ACTIONS].sort()).toEqual(['cancel', 'check-in', 'check-out', 'confirm', 'no-show']);
    expect(ALLOWED.length + FORBIDDEN.length).toBe(35);
    expect(FORBIDDEN).toHaveLength(29);
  });

  it.each(ALLOWED)('a "$from" stay that takes "$action" becomes "$to"', ({ from, action, to }) => {
    expect.hasAssertions();
    expect(decideTransition(input(from, action)).status).toBe(to);
  });

  it.each(FORBIDDEN)('a "$from" stay cannot take "$action": invalid_transition', ({ from, action }) => {
    expect.hasAssertions();
    expectInvalidTransition(() => decideTransition(input(from, action)));
  });

  it.each(['lapsed', 'cancelled', 'no_show', 'ended'] as const)('a "%s" stay is final: every action is refused', (from) => {
    expect.hasAssertions();
    for (const action of STAY_ACTIONS) expectInvalidTransition(() => decideTransition(input(from, action)));
  });

  it.each([
    { rule: 'confirming a hold does not change its nights', from: 'hold', action: 'confirm' },
    { rule: 'cancelling a hold does not change its nights', from: 'hold', action: 'cancel' },
    { rule: 'cancelling a confirmed stay does not change its nights', from: 'confirmed', action: 'cancel' },
    { rule: 'checking in does not change the nights', from: 'confirmed', action: 'check-in' },
    { rule: 'a no-show does not change the nights', from: 'confirmed', action: 'no-show' }
  ] as const)('$rule', ({ from, action }) => {
    expect.hasAssertions();
    const result = decideTransition(input(from, action));
    expect(result.end ?? STAY.end).toBe(STAY.end);
  });
});

describe('decideTransition: no-show from the first night on', () => {
  it.each([
    { rule: 'a no-show is refused the night before the first night', tonight: '2026-03-09', allowed: false },
    { rule: 'a no-show is refused a week before the first night', tonight: '2026-03-03', allowed: false },
    { rule: 'a no-show is allowed on the first night', tonight: '2026-03-10', allowed: true },
    { rule: 'a no-show is allowed on a later night of the stay', tonight: '2026-03-12', allowed: true },
    { rule: 'a no-show is allowed on the last night of the stay', tonight: '2026-03-14', allowed: true }
  ])('$rule', ({ tonight, allowed }) => {
    expect.hasAssertions();
    const run = () => decideTransition(input('confirmed', 'no-show', { tonight, today: tonight }));
    if (allowed) expect(run().status).toBe('no_show');
    else expectInvalidTransition(run);
  });

  it('the first night is judged by the operational night, not the calendar date: at 02:00 on the first day it is refused', () => {
    expect.hasAssertions();
    // At 02:00 on 10 March, today is the 10th but tonight is still the night of the 9th.
    expectInvalidTransition(() => decideTransition(input('confirmed', 'no-show', { tonight: '2026-03-09', today: '2026-03-10' })));
  });
});

describe('decideTransition: check-out', () => {
  it.each([
    { rule: 'an early departure on a middle day moves end to that day', today: '2026-03-12', end: '2026-03-12' },
    { rule: 'an early departure on the day before the end moves end to that day', today: '2026-03-14', end: '2026-03-14' },
    { rule: 'a departure on the first morning after arrival keeps one night', today: '2026-03-11', end: '2026-03-11' },
    { rule: 'a departure on the arrival day never moves end before start + 1', today: '2026-03-10', end: '2026-03-11' },
    { rule: 'a departure dated before the arrival day never moves end before start + 1', today: '2026-03-08', end: '2026-03-11' },
    { rule: 'a departure on the end date keeps end', today: '2026-03-15', end: '2026-03-15' },
    { rule: 'a departure after the end date keeps end', today: '2026-03-18', end: '2026-03-15' }
  ])('$rule', ({ today, end }) => {
    expect.hasAssertions();
    // `today` is the calendar date of departure; the operational night may lag it by one.
    const result = decideTransition(input('in_place', 'check-out', { today, tonight: today }));
    expect(result.status).toBe('ended');
    expect(result.end ?? STAY.end).toBe(end);
  });

  it('an early departure at 09:00 uses the calendar date of departure, not the operational night', () => {
    expect.hasAssertions();
    // At 09:00 on the 13th, the operational night is still the 12th; the household used the nights of
    // the 10th, 11th and 12th, so the stay ends on the 13th.
    const result = decideTransition(input('in_place', 'check-out', { today: '2026-03-13', tonight: '2026-03-12' }));
    expect(result).toEqual({ status: 'ended', end: '2026-03-13' });
  });

  it('a one-night stay checked out on its arrival day keeps its one night', () => {
    expect.hasAssertions();
    const result = decideTransition(
      input('in_place', 'check-out', { start: '2026-03-10', end: '2026-03-11', today: '2026-03-10', tonight: '2026-03-10' })
    );
    expect(result.status).toBe('ended');
    expect(result.end ?? '2026-03-11').toBe('2026-03-11');
  });

  it('an early departure across the new year moves end to the calendar date of departure', () => {
    expect.hasAssertions();
    const result = decideTransition(
      input('in_place', 'check-out', { start: '2026-12-28', end: '2027-01-04', today: '2027-01-01', tonight: '2026-12-31' })
    );
    expect(result).toEqual({ status: 'ended', end: '2027-01-01' });
  });
});

describe('effectiveStatus', () => {
  const NOW = Date.parse('2026-03-10T14:00:00Z');

  it.each([
    { rule: 'a hold whose expiry has passed is lapsed', status: 'hold', expiresAt: NOW - 60_000, expected: 'lapsed' },
    { rule: 'a hold expiring exactly now is lapsed', status: 'hold', expiresAt: NOW, expected: 'lapsed' },
    { rule: 'a hold expiring one millisecond from now is still a hold', status: 'hold', expiresAt: NOW + 1, expected: 'hold' },
    { rule: 'a hold expiring in 15 minutes is still a hold', status: 'hold', expiresAt: NOW + 15 * 60_000, expected: 'hold' },
    { rule: 'a hold without an expiry stays a hold', status: 'hold', expiresAt: null, expected: 'hold' }
  ] as const)('$rule', ({ status, expiresAt, expected }) => {
    expect.hasAssertions();
    expect(effectiveStatus(status, expiresAt, NOW)).toBe(expected);
  });

  it.each(STAY_STATUSES.filter((s) => s !== 'hold'))('a "%s" stay keeps its status, even with a past expiry on the row', (status) => {
    expect.hasAssertions();
    expect(effectiveStatus(status, NOW - 60_000, NOW)).toBe(status);
    expect(effectiveStatus(status, NOW, NOW)).toBe(status);
    expect(effectiveStatus(status, null, NOW)).toBe(status);
  });

  it('a hold that has lapsed can no longer be confirmed', () => {
    expect.hasAssertions();
    const status = effectiveStatus('hold', NOW - 1, NOW);
    expectInvalidTransition(() => decideTransition(input(status, 'confirm')));
  });
});
