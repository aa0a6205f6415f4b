// Time limits that warn: how far a hold may be extended, and when a session ends.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../src/domain/errors.ts';
import { STAY_STATUSES } from '../../src/domain/stay-lifecycle.ts';
import { decideHoldExtension, holdExtensionsLeft, MAX_HOLD_EXTENSIONS, sessionEndsAt } from '../../src/domain/time-limits.ts';

const NOW = Date.parse('2027-01-04T21:30:00+01:00');
const PERIOD = 15 * 60_000;

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('invalid_transition');
    return (e as AppError).message;
  }
  throw new Error('not refused');
}

describe('decideHoldExtension', () => {
  it.each([0, 1, MAX_HOLD_EXTENSIONS - 1])('a live hold extended %i times gets one more period after its current expiry', (extensions) => {
    expect(decideHoldExtension({ status: 'hold', holdExpiresAt: NOW + 60_000, extensions, now: NOW, periodMs: PERIOD })).toBe(NOW + 60_000 + PERIOD);
  });

  it(`past ${MAX_HOLD_EXTENSIONS} extensions, refused`, () => {
    expect(refusal(() => decideHoldExtension({ status: 'hold', holdExpiresAt: NOW + 60_000, extensions: MAX_HOLD_EXTENSIONS, now: NOW, periodMs: PERIOD }))).toMatch(/extended 3 times/);
  });

  it.each([0, 1])('a hold whose expiry has come (%i ms past) has lapsed: refused, the unit may be taken', (past) => {
    expect(refusal(() => decideHoldExtension({ status: 'hold', holdExpiresAt: NOW - past, extensions: 0, now: NOW, periodMs: PERIOD }))).toMatch(/lapsed.*may be taken/);
  });

  it.each(STAY_STATUSES.filter((s) => s !== 'hold'))('a %s stay is not a hold: refused', (status) => {
    expect(refusal(() => decideHoldExtension({ status, holdExpiresAt: null, extensions: 0, now: NOW, periodMs: PERIOD }))).toBeTruthy();
  });

  it('whatever the moment and the count, an extension is granted only to a live hold under the limit, and always by one period', () => {
    fc.assert(
      fc.property(fc.integer({ min: -PERIOD, max: 4 * PERIOD }), fc.integer({ min: 0, max: 6 }), (left, extensions) => {
        const input = { status: 'hold' as const, holdExpiresAt: NOW + left, extensions, now: NOW, periodMs: PERIOD };
        const granted = left > 0 && extensions < MAX_HOLD_EXTENSIONS;
        if (granted) expect(decideHoldExtension(input)).toBe(NOW + left + PERIOD);
        else expect(() => decideHoldExtension(input)).toThrow(AppError);
        expect(holdExtensionsLeft(extensions)).toBe(Math.max(0, MAX_HOLD_EXTENSIONS - extensions));
      })
    );
  });
});

describe('sessionEndsAt', () => {
  const idleMs = 30 * 60_000;
  const absoluteMs = 12 * 3_600_000;
  it.each([
    { label: 'idle first: extendable', createdAt: NOW - 3_600_000, lastSeenAt: NOW, at: NOW + idleMs, extendable: true },
    { label: 'the absolute limit first: not extendable', createdAt: NOW - absoluteMs + 10 * 60_000, lastSeenAt: NOW, at: NOW + 10 * 60_000, extendable: false }
  ])('$label', ({ createdAt, lastSeenAt, at, extendable }) => {
    expect(sessionEndsAt({ createdAt, lastSeenAt, idleMs, absoluteMs })).toEqual({ at, extendable });
  });
});
