// Sign-in throttling. Three counts, each a number of failures within a window that then locks for
// a while after the last of them:
// - per account and address: 5 wrong passwords in a minute for one account from one address lock
//   that address out of that account (counted per address so that nobody can lock the night's duty
//   officer out from elsewhere);
// - per address, across accounts: 20 failures in a minute from one address lock that address out
//   of every account (a spray over many emails), which also bounds the password hashing it costs;
// - per account, whatever the address: 5 wrong second-factor codes in a minute lock the code step
//   of that account (the password is already known to whoever reaches it).
// A try is counted before its password or code is checked, so concurrent tries cannot overrun a limit.

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 60_000;
export const THROTTLE_LOCK_MS = 5 * 60_000;

/** Wrong passwords for one account from one address. */
export const PER_ACCOUNT_AND_ADDRESS: ThrottleRule = { maxFailures: THROTTLE_MAX_FAILURES, windowMs: THROTTLE_WINDOW_MS, lockMs: THROTTLE_LOCK_MS };
/** Failed sign-ins from one address, whatever the account. */
export const PER_ADDRESS: ThrottleRule = { maxFailures: 20, windowMs: 60_000, lockMs: 5 * 60_000 };
/** Wrong second-factor codes for one account, whatever the address. */
export const PER_ACCOUNT_CODES: ThrottleRule = { maxFailures: 5, windowMs: 60_000, lockMs: 5 * 60_000 };

/** How far back failures matter to any rule: older ones may be pruned. */
export const THROTTLE_MEMORY_MS = Math.max(...[PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS, PER_ACCOUNT_CODES].map((r) => r.windowMs + r.lockMs));

/**
 * Until when tries are refused, given the failure times (oldest first), or null when they are not:
 * any `maxFailures` failures within `windowMs` (inclusive) lock for `lockMs` after the last of them.
 */
export function lockedUntil(failures: readonly number[], now: number, rule: ThrottleRule = PER_ACCOUNT_AND_ADDRESS): number | null {
  let until: number | null = null;
  for (let i = rule.maxFailures - 1; i < failures.length; i++) {
    if (failures[i] - failures[i - rule.maxFailures + 1] <= rule.windowMs) until = Math.max(until ?? 0, failures[i] + rule.lockMs);
  }
  return until !== null && now < until ? until : null;
}
