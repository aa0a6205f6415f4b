// The calendar's interval index: an R*Tree over (unit, nights, kind) of the stays that hold or held
// nights and of the blocks, kept in step by triggers (db/migrations/0018_interval_index.sql; the
// overlap rule in docs/architecture.md). Finding a window's stays and blocks through it costs what
// it finds, not the size of the calendar.
//   unit_lo = unit_hi          the unit's seq
//   first_night, last_night    day numbers (days since 1970-01-01): [start, end) is [day(start), day(end) - 1]
//   kind_lo = kind_hi          INDEX_KIND below
//   ref, hold_until            the stay's or block's id; a hold's expiry (epoch ms)
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

/** The kinds of rows: a block, then the stays' statuses that hold nights, then ended stays (held nights). */
export const INDEX_KIND = { block: 0, inPlace: 1, confirmed: 2, hold: 3, ended: 4 } as const;

/**
 * SQL condition on the index aliased `c`: the row blocks its nights at @now (a block, a stay in place
 * or confirmed, a hold not yet expired; a hold past its expiry blocks nothing, marked lapsed or not).
 */
export const BLOCKS_NIGHTS_AT_NOW = `c.kind_lo <= 3 AND (c.kind_lo < 3 OR c.hold_until > @now)`;

/** SQL condition on the index aliased `c`: the row shares a night with [@from, @to) (YYYY-MM-DD). */
export const SHARES_A_NIGHT_WITH_WINDOW = `c.first_night < unixepoch(@to) / 86400 AND c.last_night >= unixepoch(@from) / 86400`;

const dates = new Map<number, string>();

/** The YYYY-MM-DD of a day number of the index (remembered: a calendar has few distinct days). */
export function dateOfDay(day: number): string {
  let d = dates.get(day);
  if (d === undefined) {
    d = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(day, d);
  }
  return d;
}

/**
 * The stays and blocks that block a night of [from, to) at `now`, every unit at once, from the
 * index alone (no table read), as flat triples: a unit's seq, the first night's day number and the
 * day number of the departure (the range [start, end) in days).
 */
export function listBusyDays(db: DbOrTx, from: string, to: string, now: number): Int32Array {
  const rows = prepared(
    db,
    `SELECT c.unit_lo, c.first_night, c.last_night FROM calendar_index c WHERE ${SHARES_A_NIGHT_WITH_WINDOW} AND ${BLOCKS_NIGHTS_AT_NOW}`
  )
    .raw(true)
    .all({ from, to, now }) as [number, number, number][];
  const out = new Int32Array(rows.length * 3);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[3 * i] = r[0];
    out[3 * i + 1] = r[1];
    out[3 * i + 2] = r[2] + 1;
  }
  return out;
}
