// The referral queue in the order a duty officer works it (docs/domain.md, "Referrals"): a pure rule, no I/O.
import type { ReferralStatus } from './referral-lifecycle.ts';

const URGENCY_RANK: Record<string, number> = { immediate: 0, within_24h: 1, planned: 2 };
const WAITING: readonly ReferralStatus[] = ['received', 'accepted'];

export function isWaiting(status: ReferralStatus): boolean {
  return WAITING.includes(status);
}

/**
 * The queue in the order a duty officer works it: the referrals waiting (received before
 * accepted), each group by urgency (immediate, within 24 h, planned) then oldest first; and the
 * others, the most recently decided first.
 */
export function orderQueue<T extends { status: ReferralStatus; urgency: string; receivedAt: string; decidedAt?: string; id: string }>(referrals: readonly T[]): { waiting: T[]; others: T[] } {
  const at = (s: string | undefined) => (s ? Date.parse(s) : 0);
  const waiting = referrals
    .filter((r) => isWaiting(r.status))
    .sort(
      (a, b) =>
        WAITING.indexOf(a.status) - WAITING.indexOf(b.status) ||
        (URGENCY_RANK[a.urgency] ?? 9) - (URGENCY_RANK[b.urgency] ?? 9) ||
        at(a.receivedAt) - at(b.receivedAt) ||
        a.id.localeCompare(b.id)
    );
  const others = referrals
    .filter((r) => !isWaiting(r.status))
    .sort((a, b) => at(b.decidedAt ?? b.receivedAt) - at(a.decidedAt ?? a.receivedAt) || a.id.localeCompare(b.id));
  return { waiting, others };
}

