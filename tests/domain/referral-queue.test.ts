// The referral queue in the order a duty officer works it: received before accepted, then by
// urgency, then oldest first; the decided ones after, most recent decision first.
import { describe, expect, it } from 'vitest';
import { isWaiting, orderQueue } from '../../src/domain/referral-queue.ts';
import type { ReferralStatus } from '../../src/domain/referral-lifecycle.ts';

const r = (id: string, status: ReferralStatus, urgency: string, receivedAt: string, decidedAt?: string) => ({ id, status, urgency, receivedAt, decidedAt });

describe('the referral queue', () => {
  it('puts received before accepted, then immediate before within 24 h before planned, then the oldest first', () => {
    expect.hasAssertions();
    const q = orderQueue([
      r('a', 'accepted', 'immediate', '2027-01-01T08:00:00Z'),
      r('b', 'received', 'planned', '2027-01-01T07:00:00Z'),
      r('c', 'received', 'immediate', '2027-01-01T09:00:00Z'),
      r('d', 'received', 'immediate', '2027-01-01T06:00:00Z'),
      r('e', 'received', 'within_24h', '2027-01-01T05:00:00Z')
    ]);
    expect(q.waiting.map((x) => x.id)).toEqual(['d', 'c', 'e', 'b', 'a']);
    expect(q.others).toEqual([]);
  });

  it('lists the decided ones after, the most recent decision first, ties by id', () => {
    expect.hasAssertions();
    const q = orderQueue([
      r('x', 'declined', 'immediate', '2027-01-01T08:00:00Z', '2027-01-02T08:00:00Z'),
      r('y', 'placed', 'planned', '2027-01-01T07:00:00Z', '2027-01-03T08:00:00Z'),
      r('z', 'withdrawn', 'planned', '2027-01-04T07:00:00Z'),
      r('w', 'redirected', 'planned', '2027-01-01T07:00:00Z', '2027-01-02T08:00:00Z'),
      r('v', 'received', 'planned', '2027-01-01T07:00:00Z')
    ]);
    expect(q.waiting.map((x) => x.id)).toEqual(['v']);
    expect(q.others.map((x) => x.id)).toEqual(['z', 'y', 'w', 'x']);
  });

  it.each([
    ['received', true],
    ['accepted', true],
    ['placed', false],
    ['declined', false],
    ['redirected', false],
    ['withdrawn', false]
  ] as const)('%s is waiting: %s', (status, waiting) => {
    expect.hasAssertions();
    expect(isWaiting(status)).toBe(waiting);
  });
});
