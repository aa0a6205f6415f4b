// Time limits that warn: a hold and a sign-in session each say, at least WARN_BEFORE_MS before they
// end, that they are about to, and offer to extend them. A hold may be extended by one more period,
// a few times at most; a session by its idle time (its absolute limit never moves).
import { AppError } from './errors.ts';
import { effectiveStatus, type StayStatus } from './stay-lifecycle.ts';

/** How many times one hold may be extended, each time by one more hold period. */
export const MAX_HOLD_EXTENSIONS = 3;

/** A time limit warns this long before it ends (WCAG 2.2.1 asks for at least 20 seconds; we give two minutes). */
export const WARN_BEFORE_MS = 2 * 60_000;

export interface HoldExtensionInput {
  status: StayStatus;
  holdExpiresAt: number | null;
  /** How many times the hold was extended already. */
  extensions: number;
  now: number;
  /** One hold period (HOLD_MINUTES), in ms. */
  periodMs: number;
}

/**
 * The new expiry of a hold extended once more: its current expiry plus one period. 409
 * `invalid_transition` when it is no longer a live hold (lapsed: the unit may be taken already; or
 * confirmed, cancelled), or when it was extended MAX_HOLD_EXTENSIONS times already.
 */
export function decideHoldExtension(input: HoldExtensionInput): number {
  const status = effectiveStatus(input.status, input.holdExpiresAt, input.now);
  if (status === 'lapsed') throw new AppError('invalid_transition', 'this hold has lapsed: the unit is no longer kept and may be taken; place the household again');
  if (status !== 'hold' || input.holdExpiresAt === null) throw new AppError('invalid_transition', `a stay that is "${status}" is not a hold: only a hold can be extended`);
  if (input.extensions >= MAX_HOLD_EXTENSIONS) {
    throw new AppError('invalid_transition', `this hold was extended ${MAX_HOLD_EXTENSIONS} times already, the most allowed: confirm it or let it go`);
  }
  return input.holdExpiresAt + input.periodMs;
}

/** How many more times a hold may be extended. */
export function holdExtensionsLeft(extensions: number): number {
  return Math.max(0, MAX_HOLD_EXTENSIONS - extensions);
}

/** When a session ends if nothing more happens: its idle limit from the last activity, or its absolute limit, whichever comes first. */
export function sessionEndsAt(s: { createdAt: number; lastSeenAt: number; idleMs: number; absoluteMs: number }): { at: number; extendable: boolean } {
  const idle = s.lastSeenAt + s.idleMs;
  const absolute = s.createdAt + s.absoluteMs;
  return idle < absolute ? { at: idle, extendable: true } : { at: absolute, extendable: false };
}
