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
  const d = DateTime.fromISO(s, { zone: ZONE });
  return d.isValid && d.toISODate() === s;
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

/** ISO 8601 timestamp with the Europe/Paris offset. */
export function toOffsetTimestamp(epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone: ZONE }).toISO({ suppressMilliseconds: false })!;
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
