// The calendar's interval index: an R*Tree over (unit, nights, kind) of the stays that hold or held
// nights and of the blocks, kept in step by triggers (db/migrations/0018_interval_index.sql; the
// overlap rule in docs/architecture.md). Finding a window's stays and blocks through it costs what
// it finds, not the size of the calendar.
//   unit_lo = unit_hi          the unit's seq
//   first_night, last_night    day numbers (days since 1970-01-01): [start, end) is [day(start), day(end) - 1]
//   kind_lo = kind_hi          INDEX_KIND below
//   ref, hold_until            the stay's or block's id; a hold's expiry (epoch ms)
import { fromDayNumber } from '#domain/dates.ts';
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
    d = fromDayNumber(day);
    if (dates.size < 100_000) dates.set(day, d);
  }
  return d;
}

/** The longest window listBusyNights takes, in nights: a night offset and the end take 9 bits each. */
export const MAX_BUSY_WINDOW = 511;

/**
 * The stays and blocks that block a night of the window [first, end) (day numbers) at `now`, every
 * unit at once, from the index alone (no table read): flat triples of the unit's seq and the nights
 * [start, end) it is busy, as offsets from the window's first night, clamped to the window; and
 * whether any of them is a hold (whose lapse changes the answer: see nextHoldExpiry). Each row comes
 * back as one number, packed by SQLite: the seq (positive, 32 bits in the index), the two offsets
 * (9 bits each) and the hold bit, below 2^51 so exact in a double; one number a row costs much less
 * than a row of three values.
 */
export function listBusyNights(db: DbOrTx, first: number, end: number, now: number): { triples: Int32Array; holds: boolean } {
  if (end - first > MAX_BUSY_WINDOW) throw new RangeError(`a window of at most ${MAX_BUSY_WINDOW} nights`);
  const packed = prepared(
    db,
    `SELECT ((c.unit_lo * 512 + max(c.first_night, @first) - @first) * 512 + min(c.last_night + 1, @end) - @first) * 2 + (c.kind_lo = ${INDEX_KIND.hold})
       FROM calendar_index c
      WHERE c.first_night < @end AND c.last_night >= @first AND ${BLOCKS_NIGHTS_AT_NOW}`
  )
    .pluck()
    .all({ first, end, now }) as number[];
  const triples = new Int32Array(packed.length * 3);
  let holds = false;
  for (let i = 0; i < packed.length; i++) {
    let v = packed[i];
    // Arithmetic, not bit operators: the value may exceed 32 bits.
    const hold = v % 2;
    v = (v - hold) / 2;
    const e = v % 512;
    v = (v - e) / 512;
    const s = v % 512;
    triples[3 * i] = (v - s) / 512;
    triples[3 * i + 1] = s;
    triples[3 * i + 2] = e;
    if (hold) holds = true;
  }
  return { triples, holds };
}
