// Sign-in throttling: after 5 failed tries within a minute for one account from one address,
// further tries from that address are refused for a while. Counted per address so that nobody can
// lock the night's duty officer out from elsewhere.

export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 60_000;
export const THROTTLE_LOCK_MS = 5 * 60_000;

/**
 * Until when tries are refused, given the failure times (oldest first), or null when they are not:
 * any THROTTLE_MAX_FAILURES failures within THROTTLE_WINDOW_MS lock for THROTTLE_LOCK_MS after the
 * last of them.
 */
export function lockedUntil(failures: readonly number[], now: number): number | null {
  let until: number | null = null;
  for (let i = THROTTLE_MAX_FAILURES - 1; i < failures.length; i++) {
    if (failures[i] - failures[i - THROTTLE_MAX_FAILURES + 1] <= THROTTLE_WINDOW_MS) until = failures[i] + THROTTLE_LOCK_MS;
  }
  return until !== null && now < until ? until : null;
}
