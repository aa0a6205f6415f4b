// The throttle's rule: any `maxFailures` failures within the window lock for `lockMs` after the last.
import { describe, expect, it } from 'vitest';
import { lockedUntil, PER_ACCOUNT_AND_ADDRESS, PER_ACCOUNT_CODES, PER_ADDRESS, THROTTLE_MEMORY_MS, type ThrottleRule } from '../../src/domain/throttle.ts';

const S = 1_000;
const M = 60 * S;
const times = (n: number, step: number, from = 0) => Array.from({ length: n }, (_, i) => from + i * step);

describe('lockedUntil', () => {
  const cases: [string, ThrottleRule, number[], number, number | null][] = [
    ['no failure', PER_ACCOUNT_AND_ADDRESS, [], 0, null],
    ['4 failures in a minute do not lock', PER_ACCOUNT_AND_ADDRESS, times(4, S), 5 * S, null],
    ['5 failures in the same millisecond lock (a concurrent storm)', PER_ACCOUNT_AND_ADDRESS, times(5, 0), 0, 5 * M],
    ['5 failures exactly a minute apart end to end lock', PER_ACCOUNT_AND_ADDRESS, times(5, 15 * S), 61 * S, 60 * S + 5 * M],
    ['5 failures over 64 s do not lock', PER_ACCOUNT_AND_ADDRESS, times(5, 16 * S), 65 * S, null],
    ['the lock ends 5 minutes after the last failure', PER_ACCOUNT_AND_ADDRESS, times(5, S), 4 * S + 5 * M, null],
    ['one millisecond before, still locked', PER_ACCOUNT_AND_ADDRESS, times(5, S), 4 * S + 5 * M - 1, 4 * S + 5 * M],
    ['19 failures from an address do not lock it', PER_ADDRESS, times(19, S), 20 * S, null],
    ['20 failures in a minute from an address lock it', PER_ADDRESS, times(20, S), 20 * S, 19 * S + 5 * M],
    ['the latest lock wins when several windows qualify', PER_ACCOUNT_AND_ADDRESS, [...times(5, 0), ...times(5, 0, 2 * M)], 2 * M, 2 * M + 5 * M],
    ['5 wrong codes in a minute lock the code step', PER_ACCOUNT_CODES, times(5, 10 * S), 41 * S, 40 * S + 5 * M]
  ];
  for (const [name, rule, failures, now, expected] of cases) {
    it(name, () => {
      expect(lockedUntil(failures, now, rule)).toBe(expected);
    });
  }

  it('failures are remembered as long as any rule looks back, and no longer', () => {
    expect(THROTTLE_MEMORY_MS).toBe(6 * M);
  });
});
