import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

/** dv_protocol stays on paid units that share a night with [from, to), with their nightly cost. */
export function listPaidProtocolStays(db: DbOrTx, from: string, to: string, now: number) {
  return prepared(
    db,
    `SELECT s.start_date AS start, s.end_date AS end,
            CASE WHEN s.status = 'hold' AND s.hold_expires_at <= @now THEN 'lapsed' ELSE s.status END AS status,
            u.nightly_cost_cents AS nightlyCostCents
       FROM stays s JOIN units u ON u.id = s.unit_id
      WHERE s.programme = 'dv_protocol' AND u.nightly_cost_cents IS NOT NULL AND s.start_date < @to AND s.end_date > @from`
  ).all({ from, to, now }) as { start: string; end: string; status: string; nightlyCostCents: number }[];
}
