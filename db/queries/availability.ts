// One query per request: units (filtered) with the busy intervals that touch the window.
import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

export interface UnitBusyRow {
  id: string;
  seq: number;
  name: string;
  capacity: number;
  accessible: number;
  programmes: string;
  nightlyCostCents: number | null;
  siteId: string;
  commune: string;
  confidential: number;
  siteKind: string;
  /** The stay limit of `programme` on the unit's kind of site, when a programme was given. */
  maxNights: number | null;
  busyStart: string | null;
  busyEnd: string | null;
}

export interface UnitBusyQuery {
  from: string;
  to: string;
  now: number;
  programme?: string | null;
  minCapacity?: number | null;
  accessible?: boolean;
}

const SQL = `
WITH busy AS (
  SELECT unit_id, start_date, end_date FROM stays
   WHERE status IN ('hold','confirmed','in_place') AND (status <> 'hold' OR hold_expires_at > @now)
     AND start_date < @to AND end_date > @from
  UNION ALL
  SELECT unit_id, start_date, end_date FROM blocks WHERE start_date < @to AND end_date > @from
)
SELECT u.id, u.seq, u.name, u.capacity, u.accessible, u.programmes, u.nightly_cost_cents AS nightlyCostCents, s.id AS siteId, s.commune, s.confidential, s.kind AS siteKind,
       l.max_nights AS maxNights, b.start_date AS busyStart, b.end_date AS busyEnd
  FROM units u
  JOIN sites s ON s.id = u.site_id
  LEFT JOIN stay_limits l ON l.programme = @programme AND l.site_kind = s.kind
  LEFT JOIN busy b ON b.unit_id = u.id
 WHERE u.active = 1
   AND (@programme IS NULL OR EXISTS (SELECT 1 FROM json_each(u.programmes) p WHERE p.value = @programme))
   AND (@minCapacity IS NULL OR u.capacity >= @minCapacity)
   AND (@accessible = 0 OR u.accessible = 1)
 ORDER BY u.seq`;

/** Rows of (unit, busy interval); a unit with no busy interval has one row with null bounds. */
export function listUnitsWithBusy(db: DbOrTx, q: UnitBusyQuery): UnitBusyRow[] {
  return prepared(db, SQL).all({
    from: q.from,
    to: q.to,
    now: q.now,
    programme: q.programme ?? null,
    minCapacity: q.minCapacity ?? null,
    accessible: q.accessible ? 1 : 0
  }) as UnitBusyRow[];
}

/** Changes when another connection (another process, the CLI) commits; not for this connection's own writes. */
export function dataVersion(db: DbOrTx): number {
  return prepared(db, 'PRAGMA data_version').pluck().get() as number;
}

/** The earliest moment after `now` at which a live hold overlapping [from, to) lapses, or null. */
export function nextHoldExpiry(db: DbOrTx, from: string, to: string, now: number): number | null {
  return prepared(
    db,
    `SELECT min(hold_expires_at) FROM stays WHERE status = 'hold' AND hold_expires_at > ? AND start_date < ? AND end_date > ?`
  )
    .pluck()
    .get(now, to, from) as number | null;
}
