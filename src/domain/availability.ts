// Free ranges and nightly totals from the busy intervals of units (live stays and blocks).
import { dayNumber, fromDayNumber, type DateRange, type IsoDate } from './dates.ts';

export interface BusyInterval {
  start: IsoDate;
  end: IsoDate;
}

export interface UnitCalendar<U> {
  unit: U;
  capacity: number;
  /** Busy intervals of the unit that overlap the window; any order, overlaps allowed. */
  busy: BusyInterval[];
}

/**
 * The maximal free ranges of a unit within [from, to), in order. Busy intervals are half-open:
 * a stay ending on the 5th leaves the night of the 5th free. Dates are YYYY-MM-DD, or day numbers
 * (the same order): the rule is the same.
 */
export function freeRanges<D extends IsoDate | number = IsoDate>(busy: readonly { start: D; end: D }[], from: D, to: D): { start: D; end: D }[] {
  const sorted = busy.length > 1 ? [...busy].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)) : busy;
  const out: { start: D; end: D }[] = [];
  let cursor = from;
  for (const b of sorted) {
    if (b.end <= cursor) continue;
    if (b.start >= to) break;
    if (b.start > cursor) out.push({ start: cursor, end: b.start < to ? b.start : to });
    if (b.end > cursor) cursor = b.end;
    if (cursor >= to) break;
  }
  if (cursor < to) out.push({ start: cursor, end: to });
  return out;
}

export interface NightTotal {
  date: IsoDate;
  freeUnits: number;
  freePlaces: number;
}

/** One entry per night of [from, to): the units free that night and the sum of their capacities. */
export function nightlyTotals(
  calendars: readonly { capacity: number; free: readonly DateRange[] }[],
  from: IsoDate,
  to: IsoDate
): NightTotal[] {
  const byDay = calendars.map((c) => ({ capacity: c.capacity, free: c.free.map((r) => ({ start: dayNumber(r.start), end: dayNumber(r.end) })) }));
  return nightlyTotalsByDay(byDay, dayNumber(from), dayNumber(to));
}

/** The same over day numbers (days since 1970-01-01): one entry per night of [first, end). */
export function nightlyTotalsByDay(calendars: readonly { capacity: number; free: readonly { start: number; end: number }[] }[], first: number, end: number): NightTotal[] {
  const n = end - first;
  const units = new Array<number>(n).fill(0);
  const places = new Array<number>(n).fill(0);
  for (const c of calendars) {
    for (const r of c.free) {
      const a = r.start - first;
      const b = r.end - first;
      for (let i = Math.max(0, a); i < Math.min(n, b); i++) {
        units[i] += 1;
        places[i] += c.capacity;
      }
    }
  }
  const out: NightTotal[] = [];
  for (let i = 0; i < n; i++) out.push({ date: fromDayNumber(first + i), freeUnits: units[i], freePlaces: places[i] });
  return out;
}

/**
 * A window's nights unit by unit, as one grid: cell `unit * nights + night` is 1 when the unit is
 * busy that night (night 0 is the window's first). Marking the busy intervals and reading the free
 * runs back gives what freeRanges and nightlyTotals give from intervals, without sorting them or
 * building an object per interval: the cost is the window's cells and what the window holds.
 */
export interface NightGrid {
  nights: number;
  cells: Uint8Array;
}

export function nightGrid(units: number, nights: number): NightGrid {
  return { nights, cells: new Uint8Array(units * nights) };
}

/** Marks the unit busy over the window's nights [start, end) (clamped to the window). */
export function markBusy(grid: NightGrid, unit: number, start: number, end: number): void {
  const base = unit * grid.nights;
  for (let d = Math.max(0, start); d < Math.min(grid.nights, end); d++) grid.cells[base + d] = 1;
}

/**
 * The unit's maximal free runs of nights, in order, as flat pairs [start, end) of window nights
 * written into `out` (reused by the caller); returns how many numbers were written (twice the runs).
 */
export function freeRuns(grid: NightGrid, unit: number, out: number[]): number {
  const { nights, cells } = grid;
  const base = unit * nights;
  let k = 0;
  let d = 0;
  while (d < nights) {
    while (d < nights && cells[base + d] === 1) d++;
    if (d === nights) break;
    const start = d;
    while (d < nights && cells[base + d] === 0) d++;
    out[k++] = start;
    out[k++] = d;
  }
  return k;
}

/** Adds a unit's free nights to the nightly totals: one unit and its capacity on each free night. */
export function addFreeNights(grid: NightGrid, unit: number, capacity: number, freeUnits: number[], freePlaces: number[]): void {
  const base = unit * grid.nights;
  for (let d = 0; d < grid.nights; d++) {
    if (grid.cells[base + d] === 0) {
      freeUnits[d] += 1;
      freePlaces[d] += capacity;
    }
  }
}

/** True when no busy interval overlaps [start, end). */
export function isFree(busy: readonly BusyInterval[], start: IsoDate, end: IsoDate): boolean {
  for (const b of busy) if (b.start < end && start < b.end) return false;
  return true;
}

/** The query keys that never split a partner's totals unit by unit: the window and the programme. */
const WHOLE_NIGHT_KEYS: ReadonlySet<string> = new Set(['from', 'to', 'programme']);

/**
 * Whether a partner's nightly totals may count the units it is not shown (confidential sites): only
 * when the query filters on nothing but the window and the programme. Any other filter (persons,
 * accessibility, or any added later: the list is of what is allowed) would split them unit by unit,
 * since subtracting the listed units from totals asked at 1, 2, 3… persons gives each hidden unit's
 * capacity. With such a filter the totals are those of the listed units only.
 */
export function partnerTotalsCountHidden(query: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(query).every(([key, value]) => WHOLE_NIGHT_KEYS.has(key) || value === undefined || value === null || value === false);
}
