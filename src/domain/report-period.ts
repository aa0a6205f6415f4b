// The period a report covers: a month, a quarter, a year or chosen dates, always as a half-open
// range of nights [from, to). A reader names the last day of chosen dates (« du 1er au 31 mars »);
// `to` is the day after it. Pure: "today" is an input.
import { addDays, countNights, firstDayOf, isValidDate, isValidMonth, monthOf, nextMonth, MAX_YEAR, MIN_YEAR, type IsoDate, type IsoMonth } from './dates.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'dates'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ChosenPeriod {
  kind: PeriodKind;
  /** The first night of the period. */
  from: IsoDate;
  /** The day after the last night (exclusive). */
  to: IsoDate;
}

/**
 * Why a period was refused: a malformed value or an end not after the start. (How long a period a
 * report may span is the report's own rule, checked where the report is made.)
 */
export type PeriodError = 'malformed' | 'empty';

/** The period's last night (inclusive): the day before `to`. */
export function lastNightOf(period: { to: IsoDate }): IsoDate {
  return addDays(period.to, -1);
}

/** One calendar month. */
export function monthPeriod(month: IsoMonth): ChosenPeriod {
  return { kind: 'month', from: firstDayOf(month), to: firstDayOf(nextMonth(month)) };
}

/** Quarter q (1..4) of a year: Q1 = January to March. */
export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): ChosenPeriod {
  const first = `${String(year).padStart(4, '0')}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}`;
  return { kind: 'quarter', from: firstDayOf(first), to: firstDayOf(nextMonth(nextMonth(nextMonth(first)))) };
}

/** One calendar year, 1 January to 31 December. */
export function yearPeriod(year: number): ChosenPeriod {
  return { kind: 'year', from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year + 1).padStart(4, '0')}-01-01` };
}

/** The default period: the last full month before today's. */
export function defaultPeriod(today: IsoDate): ChosenPeriod {
  const thisMonth = monthOf(today);
  return monthPeriod(monthOf(addDays(firstDayOf(thisMonth), -1)));
}

/** The quarter a date falls in (1..4). */
export function quarterOf(d: IsoDate): 1 | 2 | 3 | 4 {
  return (Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** What a reader asks for, as the page's query says it. Absent fields are undefined. */
export interface PeriodQuery {
  month?: string;
  /** YYYY-Qn (Q or T, for trimestre). */
  quarter?: string;
  year?: string;
  /** The first night and the last night, both inclusive. */
  first?: string;
  last?: string;
}

function isYear(s: string): boolean {
  return /^\d{4}$/.test(s) && Number(s) >= MIN_YEAR && Number(s) < MAX_YEAR;
}

/**
 * The period a query asks for: the first of month, quarter, year, dates that is present (in that
 * order); none present gives the default (the last full month). Chosen dates name their last night,
 * inclusive; a period holds at least one night.
 */
export function periodOfQuery(q: PeriodQuery, today: IsoDate): { ok: true; period: ChosenPeriod } | { ok: false; error: PeriodError } {
  const asked = askedPeriod(q, today);
  // A period must end on a date the service writes (the last month of year 2999 does not).
  return asked.ok && !isValidDate(asked.period.to) ? { ok: false, error: 'malformed' } : asked;
}

function askedPeriod(q: PeriodQuery, today: IsoDate): { ok: true; period: ChosenPeriod } | { ok: false; error: PeriodError } {
  const month = q.month?.trim();
  const quarter = q.quarter?.trim().toUpperCase();
  const year = q.year?.trim();
  const first = q.first?.trim();
  const last = q.last?.trim();
  if (month) return isValidMonth(month) ? { ok: true, period: monthPeriod(month) } : { ok: false, error: 'malformed' };
  if (quarter) {
    const m = /^(\d{4})-[QT]([1-4])$/.exec(quarter);
    return m && isYear(m[1]!) ? { ok: true, period: quarterPeriod(Number(m[1]), Number(m[2]) as 1 | 2 | 3 | 4) } : { ok: false, error: 'malformed' };
  }
  if (year) return isYear(year) ? { ok: true, period: yearPeriod(Number(year)) } : { ok: false, error: 'malformed' };
  if (first || last) {
    if (!isValidDate(first) || !isValidDate(last)) return { ok: false, error: 'malformed' };
    const to = addDays(last, 1);
    if (countNights(first, to) < 1) return { ok: false, error: 'empty' };
    return { ok: true, period: { kind: 'dates', from: first, to } };
  }
  return { ok: true, period: defaultPeriod(today) };
}

/** The months a period touches, in order (a period from 15 January to 10 March touches three). */
export function monthsOfPeriod(period: { from: IsoDate; to: IsoDate }): IsoMonth[] {
  const out: IsoMonth[] = [];
  const lastMonth = monthOf(addDays(period.to, -1));
  for (let m = monthOf(period.from); m <= lastMonth; m = nextMonth(m)) out.push(m);
  return out;
}
