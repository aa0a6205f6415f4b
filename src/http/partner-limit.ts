// The counts behind the partner rate limit: one fixed window a minute per partner account. It is the
// store of @fastify/rate-limit (same contract as its LocalStore) and is also counted by the answers
// given before the framework (not-modified.ts), so that every answer a partner gets counts once.

import type { Actor } from '#services/actor.ts';
import { settings } from '#services/config.ts';

let limit: { raw: string | undefined; max: number; windowMs: number } | null = null;

/** PARTNER_RATE_LIMIT requests a minute: the setting is looked at on each request, parsed when it changes. */
export function partnerLimit(): { readonly max: number; readonly windowMs: number } {
  const raw = process.env.PARTNER_RATE_LIMIT;
  if (!limit || limit.raw !== raw) limit = { raw, max: settings.partnerRateLimit(), windowMs: 60_000 };
  return limit;
}

/**
 * Whose count a request goes to: a partner's account; null for everyone else. Staff tokens are never
 * limited: a night of placements must not be refused for speed.
 */
export function limitKeyOf(actor: Actor | null | undefined): string | null {
  return actor?.role === 'partner' ? actor.accountId : null;
}

export interface LimitState {
  current: number;
  /** Milliseconds left in the window. */
  ttl: number;
}

type Callback = (err: Error | null, res: LimitState) => void;

interface Window {
  current: number;
  startedAt: number;
}

/** Past this many keys, windows that have ended are dropped (keys are partner accounts: few). */
const PRUNE_AT = 10_000;

export class PartnerLimitStore {
  private readonly windows = new Map<string, Window>();

  /** Counts one request of `key` in its window; the real clock, not the service's: a limit is a rate. */
  count(key: string, timeWindow: number): LimitState {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.startedAt + timeWindow <= now) {
      if (!w && this.windows.size >= PRUNE_AT) this.prune(now, timeWindow);
      w = { current: 0, startedAt: now };
      this.windows.set(key, w);
    }
    w.current++;
    return { current: w.current, ttl: timeWindow - (now - w.startedAt) };
  }

  /** The count of `key` in its window, without counting. */
  peek(key: string, timeWindow: number): LimitState {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || w.startedAt + timeWindow <= now) return { current: 0, ttl: 0 };
    return { current: w.current, ttl: timeWindow - (now - w.startedAt) };
  }

  private prune(now: number, timeWindow: number): void {
    for (const [k, w] of this.windows) if (w.startedAt + timeWindow <= now) this.windows.delete(k);
  }

  // The contract of @fastify/rate-limit's stores.
  incr(key: string, cb: Callback, timeWindow: number): void {
    cb(null, this.count(key, timeWindow));
  }

  read(key: string, cb: Callback, timeWindow: number): void {
    cb(null, this.peek(key, timeWindow));
  }

  /** Routes with their own limit would get their own counts; none has one. */
  child(): PartnerLimitStore {
    return new PartnerLimitStore();
  }
}
