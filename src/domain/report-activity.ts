// The activity report's pure figures: the period a report may span, nights of a range within it,
// months, medians and means, the closed code of an unmet demand's reason, the buckets of length of
// stay and the occupancy rate. Counting rules (what a night is, which stays count) are in
// docs/domain.md, "Reports"; the service applies them to the rows the queries return.
import { UNMET_REASONS, type UnmetReason } from './allocation.ts';
import { countNights, dayNumber, firstDayOf, fromDayNumber, isValidDate, maxDate, minDate, minusYears, monthOf, nextMonth, type DateRange, type IsoDate, type IsoMonth } from './dates.ts';
import { AppError, type FieldError } from './errors.ts';
import { DECISION_REASONS } from './referral-lifecycle.ts';

/** The longest period a report spans, in years (the 366-night cap of queries does not apply). */
export const REPORT_MAX_YEARS = 5;

export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

/**
 * Checks a report's period [from, to): two calendar dates, from before to, at most five years
 * apart. Anything else is 422 (`invalid`) with a message that says what is wrong.
 */
export function checkReportPeriod(from: unknown, to: unknown): ReportPeriod {
  const errors: FieldError[] = [];
  if (!isValidDate(from)) errors.push({ path: 'from', message: 'a calendar date written YYYY-MM-DD' });
  if (!isValidDate(to)) errors.push({ path: 'to', message: 'a calendar date written YYYY-MM-DD' });
  if (errors.length) throw new AppError('invalid', 'from and to are calendar dates written YYYY-MM-DD', { errors });
  const f = from as IsoDate;
  const t = to as IsoDate;
  if (f >= t) throw new AppError('invalid', 'from must be before to (the period is [from, to))', { errors: [{ path: 'to', message: 'after from' }] });
  if (minusYears(t, REPORT_MAX_YEARS) > f) {
    throw new AppError('invalid', `a report spans at most ${REPORT_MAX_YEARS} years`, { errors: [{ path: 'to', message: `at most ${REPORT_MAX_YEARS} years after from` }] });
  }
  return { from: f, to: t };
}

/** The nights of [start, end) that fall in the period [from, to): 0 when they do not meet. */
export function nightsWithin(range: DateRange, period: ReportPeriod): number {
  return Math.max(0, countNights(maxDate(range.start, period.from), minDate(range.end, period.to)));
}

/** Whether a date (a first night, a departure day) falls in [from, to). */
export function fallsIn(d: IsoDate, period: ReportPeriod): boolean {
  return d >= period.from && d < period.to;
}

export interface PeriodMonth {
  month: IsoMonth;
  /** The month's part of the period: [start, end) in nights. */
  start: IsoDate;
  end: IsoDate;
}

/** The months the period touches, each clipped to it (a period from the 15th starts its first month on the 15th). */
export function monthsOf(period: ReportPeriod): PeriodMonth[] {
  const out: PeriodMonth[] = [];
  for (let m = monthOf(period.from); firstDayOf(m) < period.to; m = nextMonth(m)) {
    out.push({ month: m, start: maxDate(firstDayOf(m), period.from), end: minDate(firstDayOf(nextMonth(m)), period.to) });
  }
  return out;
}

/** The index in the period of each night's month (night i of the period is in month monthIndex[i]). */
export function monthIndexOfNights(period: ReportPeriod, months: readonly PeriodMonth[]): Int32Array {
  const index = new Int32Array(countNights(period.from, period.to));
  const first = dayNumber(period.from);
  months.forEach((m, k) => index.fill(k, dayNumber(m.start) - first, dayNumber(m.end) - first));
  return index;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The arithmetic mean; null for none. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** A figure rounded to `digits` decimals (half away from zero), for the answer. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  // The epsilon keeps a half written inexactly in binary (0.5025 × 1000 = 502.49999…) rounding up.
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON * f)) / f;
}

/** Occupied ÷ open, rounded to 3 decimals; 0 when nothing is open. */
export function occupancyRate(occupied: number, open: number): number {
  return open > 0 ? round(occupied / open, 3) : 0;
}

/**
 * The closed code of an unmet demand from the reason recorded with it. The allocation and the
 * hand-recorded demand write `code: words` with a code of UNMET_REASONS first; an accessible place
 * lacking is a place of that size (of that kind) lacking; a referral declined or redirected writes
 * `declined: …` / `redirected: …` with, when given through the API, its decision code next
 * (no_place_tonight, no_place_of_size, out_of_scope); anything else is `other`.
 */
export function unmetReasonCode(reason: string): UnmetReason {
  const [head, ...rest] = reason.split(':').map((s) => s.trim());
  if ((UNMET_REASONS as readonly string[]).includes(head)) return head as UnmetReason;
  if (head === 'no_accessible_place') return 'no_place_of_that_size';
  if (head === 'declined' || head === 'redirected') {
    const code = rest[0] ?? '';
    if (code === 'no_place_tonight') return 'no_place';
    if (code === 'no_place_of_size') return 'no_place_of_that_size';
    if (code === 'out_of_scope') return 'out_of_scope';
    if ((DECISION_REASONS as readonly string[]).includes(code)) return 'other';
  }
  return 'other';
}

/** The buckets of length of stay, in nights: [min, max] both included; max null: no upper bound. */
export const STAY_LENGTH_BUCKETS = [
  { bucket: '1', min: 1, max: 1 },
  { bucket: '2-3', min: 2, max: 3 },
  { bucket: '4-7', min: 4, max: 7 },
  { bucket: '8-14', min: 8, max: 14 },
  { bucket: '15-30', min: 15, max: 30 },
  { bucket: '31-91', min: 31, max: 91 },
  { bucket: '92-182', min: 92, max: 182 },
  { bucket: '183-365', min: 183, max: 365 },
  { bucket: '366+', min: 366, max: null }
] as const;
export type StayLengthBucket = (typeof STAY_LENGTH_BUCKETS)[number]['bucket'];

/** The bucket of a stay of `nights` nights (at least 1). */
export function stayLengthBucket(nights: number): StayLengthBucket {
  return STAY_LENGTH_BUCKETS.find((b) => nights >= b.min && (b.max === null || nights <= b.max))!.bucket;
}

/** A run of nights as day offsets: [a, b). */
export interface Run {
  a: number;
  b: number;
}

/**
 * The runs merged where they overlap or touch, in order: the nights covered by any of them, each
 * once (the stays of one household placed together in two units on the same nights give one
 * household-night a night). Sorts `runs` in place.
 */
export function mergeRuns(runs: Run[]): Run[] {
  if (runs.length < 2) return runs;
  runs.sort((x, y) => x.a - y.a);
  const out: Run[] = [{ ...runs[0] }];
  for (let i = 1; i < runs.length; i++) {
    const last = out[out.length - 1];
    const r = runs[i];
    if (r.a <= last.b) {
      if (r.b > last.b) last.b = r.b;
    } else out.push({ ...r });
  }
  return out;
}

/** The nights of the period covered by any of the ranges, each counted once, as [start, end) ranges clipped to the period. */
export function unionWithin(ranges: readonly DateRange[], period: ReportPeriod): DateRange[] {
  const first = dayNumber(period.from);
  const last = dayNumber(period.to);
  const runs = ranges.map((r) => ({ a: Math.max(dayNumber(r.start), first), b: Math.min(dayNumber(r.end), last) })).filter((r) => r.a < r.b);
  return mergeRuns(runs).map((r) => ({ start: fromDayNumber(r.a), end: fromDayNumber(r.b) }));
}
