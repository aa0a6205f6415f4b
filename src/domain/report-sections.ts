// The report's sections beyond the activity core, as pure rules: what an exit to housing is and how
// one household's signs of housing make one exit, the time from the first emergency night to housing,
// returns after housing, medians and percentiles, the protocol's hotel nights month by month against
// its yearly budget, a unit's open and occupied nights, and the commune of origin a figure is counted
// under. Periods, medians and rounding are the activity report's (./report-activity.ts). No I/O:
// the service reads the rows (db/queries/report-sections.ts) and hands them here.
import { addDays, countNights, dayNumber, firstDayOf, maxDate, minDate, nextMonth, type IsoDate, type IsoMonth } from './dates.ts';
import { monthsOf, nightsWithin, round } from './report-activity.ts';
import { HOUSING_DESTINATIONS, type DepartureDestination } from './residence-codes.ts';
import { ORIGIN_OUTSIDE } from './territory.ts';

/** The programmes whose stays are "emergency" for the outcome measures: the first night, a return. */
export const EMERGENCY_PROGRAMMES = ['emergency', 'dv_protocol'] as const;

/** A return is a new emergency or DV stay starting at most this many days after an exit to housing. */
export const RETURN_WINDOW_DAYS = 730;

// ---------------------------------------------------------------------------------------------
// Figures

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest value such that at
 * least p % of the values are at or below it (always one of the values); null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError('a percentile is above 0 and at most 100');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** part ÷ whole rounded to 3 decimals; null when the whole is 0 (no share of nothing). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 3);
}

/** A count per 1,000 inhabitants, to 2 decimals; null without a population (or a population of 0). */
export function perThousand(count: number, population: number | null): number | null {
  return population == null || population <= 0 ? null : round((count * 1000) / population, 2);
}

/** Hours between two instants (epoch ms): real elapsed time, whatever the clocks did (a DST change included). */
export function hoursBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 3_600_000;
}

// ---------------------------------------------------------------------------------------------
// Exits to housing, time to housing, returns

export function isHousingDestination(d: string | null): boolean {
  return d !== null && (HOUSING_DESTINATIONS as readonly string[]).includes(d);
}

/** A sign that a household reached housing: a departure to housing, or a lease the mission saw signed. */
export interface HousingEvent {
  /** The household, or for a mission applicant with no household a key of its own. */
  key: string;
  date: IsoDate;
  kind: 'departure' | 'lease';
}

/** A stay start of a household, as the outcome measures read them (counted statuses only). */
export interface StayStart {
  key: string;
  start: IsoDate;
  programme: string;
}

/** One exit to housing: its household and the dates of its first and last sign. */
export interface HousingExit {
  key: string;
  /** The day it counts on (its first sign: a lease signed, or the departure). */
  date: IsoDate;
  /** Its last sign: the day the household was gone (returns are counted from it). */
  lastDate: IsoDate;
  kinds: ('departure' | 'lease')[];
}

/**
 * Groups a household's signs of housing into exits, so that each exit counts once: a lease signed
 * and the departure to that home, or a residence departure that its stay also records, are one exit.
 * A sign starts a new exit only when a stay of the household (any programme) started since the
 * previous sign (on its day or later, and on or before this sign's day): the household came back in
 * between. Each stay start separates at most two exits, so a household has at most one exit more
 * than it has stays starting after its first sign.
 */
export function groupHousingExits(events: readonly HousingEvent[], starts: readonly StayStart[]): HousingExit[] {
  const startsOf = byKey(starts);
  const out: HousingExit[] = [];
  for (const [key, list] of byKey(events)) {
    // One timeline: signs and stay starts by day, a day's signs before its stay starts.
    const timeline = [
      ...list.map((e) => ({ date: e.date, sign: e.kind as HousingEvent['kind'] | null })),
      ...(startsOf.get(key) ?? []).map((s) => ({ date: s.start, sign: null }))
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sign === b.sign ? 0 : a.sign === null ? 1 : b.sign === null ? -1 : a.sign < b.sign ? -1 : 1));
    let current: HousingExit | null = null;
    let cameBack = false;
    for (const item of timeline) {
      if (item.sign === null) {
        if (current !== null) cameBack = true;
      } else if (current === null || cameBack) {
        current = { key, date: item.date, lastDate: item.date, kinds: [item.sign] };
        out.push(current);
        cameBack = false;
      } else {
        current.lastDate = item.date;
        if (!current.kinds.includes(item.sign)) current.kinds.push(item.sign);
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));
}

function byKey<T extends { key: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.key);
    if (list) list.push(r);
    else out.set(r.key, [r]);
  }
  return out;
}

function isEmergency(programme: string): boolean {
  return (EMERGENCY_PROGRAMMES as readonly string[]).includes(programme);
}

/**
 * The days from a household's first emergency night (a stay under `emergency` or `dv_protocol`) to
 * its exit to housing, for each household housed in [from, to) (its first exit there). "First" is
 * the first of the episode that led to this exit: after the household's previous exit to housing,
 * if any. Calendar days between two dates of Europe/Paris: a DST change moves nothing. A household
 * with no emergency night before its exit (a tenant housed straight from the residence) is left out.
 */
export function daysToHousing(exits: readonly HousingExit[], starts: readonly StayStart[], from: IsoDate, to: IsoDate): number[] {
  const startsOf = byKey(starts);
  const exitsOf = byKey(exits);
  const out: number[] = [];
  for (const [key, list] of exitsOf) {
    const inPeriod = list.find((e) => e.date >= from && e.date < to);
    if (!inPeriod) continue;
    const previous = list.filter((e) => e.date < inPeriod.date).map((e) => e.lastDate);
    const since = previous.length > 0 ? previous.reduce((a, b) => (a > b ? a : b)) : null;
    const firsts = (startsOf.get(key) ?? [])
      .filter((s) => isEmergency(s.programme) && s.start < inPeriod.date && (since === null || s.start >= since))
      .map((s) => s.start);
    if (firsts.length === 0) continue;
    out.push(countNights(firsts.reduce((a, b) => (a < b ? a : b)), inPeriod.date));
  }
  return out;
}

export interface ReturnsFigure {
  /** Households with an exit to housing in the period (a mission applicant with no household is not followed). */
  housed: number;
  /** Those of them with a new emergency or DV stay starting within 730 days after such an exit. */
  returned: number;
  share: number | null;
  windowDays: number;
}

/**
 * Returns after housing: a household housed in [from, to) returned when a stay under `emergency` or
 * `dv_protocol` starts on or after the last day of one of its exits there and at most 730 days
 * later. Stays booked ahead count as they stand.
 */
export function returnsAfterHousing(exits: readonly HousingExit[], starts: readonly StayStart[], from: IsoDate, to: IsoDate, isFollowed: (key: string) => boolean): ReturnsFigure {
  const startsOf = byKey(starts);
  const housed = new Set<string>();
  const returned = new Set<string>();
  for (const e of exits) {
    if (e.date < from || e.date >= to || !isFollowed(e.key)) continue;
    housed.add(e.key);
    const limit = addDays(e.lastDate, RETURN_WINDOW_DAYS);
    if ((startsOf.get(e.key) ?? []).some((s) => isEmergency(s.programme) && s.start >= e.lastDate && s.start <= limit)) returned.add(e.key);
  }
  return { housed: housed.size, returned: returned.size, share: share(returned.size, housed.size), windowDays: RETURN_WINDOW_DAYS };
}

/** A departure as the outcome measures count it: once per household and day, to one destination. */
export interface DepartureRow {
  key: string;
  date: IsoDate;
  destination: DepartureDestination;
}

/** One departure per household and day (a household placed in two units leaves once). */
export function distinctDepartures(rows: readonly DepartureRow[]): DepartureRow[] {
  const seen = new Map<string, DepartureRow>();
  for (const r of rows) {
    const k = `${r.key}\u0000${r.date}`;
    if (!seen.has(k)) seen.set(k, r);
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// Nights: the protocol's month by month, a unit's open and occupied nights

export interface ProtocolStay {
  start: IsoDate;
  end: IsoDate;
  hotel: boolean;
  /** The cost of one night frozen on the stay when it was placed; null where a night is not paid. */
  nightlyCostCents: number | null;
}

export interface ProtocolMonth {
  month: IsoMonth;
  /** Room-nights in partner hotels (what the budget pays for), within the period. */
  hotelNights: number;
  costCents: number;
  apartmentNights: number;
  /** The budget of the month's year. */
  budgetCents: number;
  /** The hotel cost from the 1st of January of the month's year to the end of the month (or of the period). */
  cumulativeCostCents: number;
  /** cumulativeCostCents ÷ budgetCents, 3 decimals; null for a budget of 0. */
  budgetUsed: number | null;
}

/**
 * The protocol's nights and hotel cost month by month over [from, to), each month against its
 * year's budget: the cumulative cost runs from the 1st of January of the month's year, so a period
 * starting in June still says how much of the year's budget is gone. `stays` must cover the year of
 * `from` from its start. A hotel night costs the price frozen on its stay, never today's price.
 */
export function protocolMonths(stays: readonly ProtocolStay[], from: IsoDate, to: IsoDate, budgetOf: (year: number) => number): ProtocolMonth[] {
  const out: ProtocolMonth[] = [];
  let year = -1;
  let cumulative = 0;
  for (const { month } of monthsOf({ from, to })) {
    const y = Number(month.slice(0, 4));
    const monthStart = firstDayOf(month);
    const monthEnd = firstDayOf(nextMonth(month));
    if (y !== year) {
      year = y;
      // What the year spent before the period's first month in it.
      const yearStart = `${month.slice(0, 4)}-01-01`;
      cumulative = stays.filter((s) => s.hotel).reduce((sum, s) => sum + nightsWithin(s, { from: yearStart, to: monthStart }) * (s.nightlyCostCents ?? 0), 0);
    }
    const a = maxDate(monthStart, from);
    const b = minDate(monthEnd, to);
    let hotelNights = 0;
    let costCents = 0;
    let apartmentNights = 0;
    let monthCost = 0;
    for (const s of stays) {
      const n = nightsWithin(s, { from: a, to: b });
      if (s.hotel) {
        hotelNights += n;
        costCents += n * (s.nightlyCostCents ?? 0);
        monthCost += nightsWithin(s, { from: monthStart, to: b }) * (s.nightlyCostCents ?? 0);
      } else apartmentNights += n;
    }
    cumulative += monthCost;
    const budgetCents = budgetOf(y);
    out.push({ month, hotelNights, costCents, apartmentNights, budgetCents, cumulativeCostCents: cumulative, budgetUsed: share(cumulative, budgetCents) });
  }
  return out;
}


// ---------------------------------------------------------------------------------------------
// Where demand comes from, and who sent it

/** The rows of the territory's table beyond its communes. */
export const ORIGIN_UNKNOWN = 'unknown';

/**
 * The row a commune of origin is counted under: a commune of the territory by its INSEE code;
 * 'outside' for 'outside' and for any other code (a commune that is not the territory's); 'unknown'
 * when none is recorded.
 */
export function originRow(origin: string | null, territory: ReadonlySet<string>): string {
  if (origin === null || origin === '') return ORIGIN_UNKNOWN;
  if (territory.has(origin)) return origin;
  return ORIGIN_OUTSIDE;
}

/**
 * The source a referral is counted under: its organisation's kind; 'unknown' for a referral with no
 * organisation (a call a duty officer took without naming one) — distinct from 'other', which is an
 * organisation whose kind is none of the list.
 */
export const SOURCE_UNKNOWN = 'unknown';
export function referralSource(kind: string | null): string {
  return kind ?? SOURCE_UNKNOWN;
}
