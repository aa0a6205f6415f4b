// Nights and date ranges. The only module of the domain that uses luxon.
// A date is a calendar date of Europe/Paris written YYYY-MM-DD; a range [start, end) is half-open:
// start is the first night, end is the departure day and not a night of the range.
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Paris';
/** The longest range a query may span, in nights. */
export const MAX_QUERY_NIGHTS = 366;
/** The longest stay, in nights (a residence contract renewed). */
export const MAX_STAY_NIGHTS = 1096;

export type IsoDate = string;
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The years the service accepts: wide enough for any record, narrow enough to refuse typos. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** True when s is YYYY-MM-DD, a real calendar date (2027-02-30 is not), in years MIN_YEAR..MAX_YEAR. */
export function isValidDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || !SHAPE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  // Calendar arithmetic, without a zone (midnight exists every day in Europe/Paris: its clocks
  // change at 02:00 and 03:00): every placement checks two dates, and luxon's parse cost a tenth of it.
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The day number of a calendar date (days since 1970-01-01). Calendar arithmetic does not depend on
 * a time zone, so this is exact in Europe/Paris across DST: a night is a night.
 */
export function dayNumber(d: IsoDate): number {
  return Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
}

/** The calendar date of a day number. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** The date n calendar days after d (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** Number of nights in [start, end): end - start in calendar days (negative when end is before start). */
export function countNights(start: IsoDate, end: IsoDate): number {
  return dayNumber(end) - dayNumber(start);
}

/** Every night of [start, end), in order. */
export function eachNight(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = dayNumber(start), e = dayNumber(end); n < e; n++) out.push(fromDayNumber(n));
  return out;
}

/** Half-open overlap: a departure on the 5th and an arrival on the 5th do not conflict. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The operational night at instant `now`: before the rollover hour (Europe/Paris), "tonight" is
 * still the night that began the previous calendar day (at 02:00 on the 8th, the night of the 7th).
 */
export function operationalNight(now: Date, rolloverHour = 12): IsoDate {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const day = local.hour < rolloverHour ? local.minus({ days: 1 }) : local;
  return day.toISODate()!;
}

/** The calendar date of Europe/Paris at instant `now`. */
export function parisDate(now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
}

const HOUR_MS = 3_600_000;
/** Paris's clocks have changed on a whole UTC hour since 1976 (01:00 UTC in the EU since 1996). */
const WHOLE_HOUR_CHANGES_FROM = Date.UTC(1977, 0, 1);
const WHOLE_HOUR_CHANGES_TO = Date.UTC(2999, 11, 31);
let offsetMemo = { hour: Number.NaN, offsetMinutes: 0, suffix: '' };

/**
 * ISO 8601 timestamp with the Europe/Paris offset (2026-12-05T09:47:15.123+01:00). The offset is
 * asked of luxon once per hour: within a UTC hour it cannot change, the clocks changing on the hour.
 */
export function toOffsetTimestamp(epochMs: number): string {
  if (!(epochMs >= WHOLE_HOUR_CHANGES_FROM && epochMs < WHOLE_HOUR_CHANGES_TO)) {
    return DateTime.fromMillis(epochMs, { zone: ZONE }).toISO({ suppressMilliseconds: false })!;
  }
  const hour = Math.floor(epochMs / HOUR_MS);
  if (offsetMemo.hour !== hour) {
    const offsetMinutes = DateTime.fromMillis(hour * HOUR_MS, { zone: ZONE }).offset;
    const abs = Math.abs(offsetMinutes);
    const suffix = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    offsetMemo = { hour, offsetMinutes, suffix };
  }
  return new Date(epochMs + offsetMemo.offsetMinutes * 60_000).toISOString().slice(0, 23) + offsetMemo.suffix;
}

/** The smaller of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
/** The larger of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The instant (epoch ms) a calendar day begins in Europe/Paris. */
export function startOfParisDay(d: IsoDate): number {
  return DateTime.fromISO(d, { zone: ZONE }).startOf('day').toMillis();
}

/** The same calendar date n years earlier; 29 February falls back to 28 February in a common year. */
export function minusYears(d: IsoDate, years: number): IsoDate {
  return DateTime.fromISO(d, { zone: ZONE }).minus({ years }).toISODate()!;
}

// ---------------------------------------------------------------------------------------------
// Months: a month is written YYYY-MM.

export type IsoMonth = string;
const MONTH_SHAPE = /^\d{4}-\d{2}$/;

/** True when s is YYYY-MM, a real month (01..12) in years MIN_YEAR..MAX_YEAR. */
export function isValidMonth(s: unknown): s is IsoMonth {
  if (typeof s !== 'string' || !MONTH_SHAPE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
}

/** The month a date falls in: 2028-02-15 → 2028-02. */
export function monthOf(d: IsoDate): IsoMonth {
  return d.slice(0, 7);
}

/** The first day of a month: 2028-02 → 2028-02-01. */
export function firstDayOf(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

/** The month after: 2027-12 → 2028-01. */
export function nextMonth(month: IsoMonth): IsoMonth {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

/** The days (nights) of a month: 2028-02 → 29, 2027-02 → 28, 2027-04 → 30. */
export function daysInMonth(month: IsoMonth): number {
  return countNights(firstDayOf(month), firstDayOf(nextMonth(month)));
}

/**
 * The same day n calendar months later (n may be negative), clamped to the last day of the target
 * month when it has no such day (luxon's rule): 2028-01-31 + 1 month = 2028-02-29 (a leap year),
 * 2027-01-31 + 1 month = 2027-02-28, 2027-08-31 + 6 months = 2028-02-29, 2027-03-31 + 1 month = 2027-04-30.
 * The clamp is not carried: a date stepped month by month can drift (31 Jan → 28 Feb → 28 Mar),
 * so a schedule counts each step from its origin (origin + 6 months, origin + 12 months…).
 */
export function plusMonths(d: IsoDate, n: number): IsoDate {
  return DateTime.fromISO(d, { zone: ZONE }).plus({ months: n }).toISODate()!;
}
