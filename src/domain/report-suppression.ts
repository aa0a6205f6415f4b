// Small numbers never identify anyone. A "DV figure" counts stays under the DV protocol or on a
// confidential site; in anything a partner or the public sees, a DV figure of 1 or 2 is withheld
// (null, suppressed), and so is every figure from which it could be worked back: a total whose
// other addends are published (complementary suppression), a distinct-count total whose gap to the
// sum of its rows is a small overlap, a cost that is a withheld night count times a price.
// Pure: the figures come in as counts, the published shape goes out.
import { countNights, maxDate, minDate, type IsoDate } from './dates.ts';
import type { Programme } from './programmes.ts';

/** The largest count withheld: 1 and 2 are withheld, 0 and 3 and more are shown. */
export const SMALL_COUNT_MAX = 2;

/** A figure as published: its value, or null when withheld. */
export interface PublicFigure {
  value: number | null;
  suppressed: boolean;
}

/** An addend of a published sum: its true value and whether it is a DV figure. */
export interface SumCell {
  value: number;
  dv: boolean;
}

export function isSmallCount(n: number): boolean {
  return n >= 1 && n <= SMALL_COUNT_MAX;
}

const shown = (value: number): PublicFigure => ({ value, suppressed: false });
const withheld: PublicFigure = { value: null, suppressed: true };

/** A lone DV figure (no sum around it): withheld when it is 1 or 2. */
export function dvFigure(value: number): PublicFigure {
  return isSmallCount(value) ? withheld : shown(value);
}

/** A figure computed from others (a cost from nights, a remainder from a cost): withheld when any of them is. */
export function derivedFigure(value: number, from: readonly PublicFigure[]): PublicFigure {
  return from.some((f) => f.suppressed) ? withheld : shown(value);
}

/**
 * A published sum: its addends (rows) and its total. For a plain count the total is the sum of the
 * cells; for a distinct count (households, persons served) it may be less (one counted in two rows
 * is counted once in the total), never more.
 *
 * - A DV cell of 1 or 2 is withheld.
 * - The total is withheld when any cell is (else total minus the published cells gives it back);
 *   when, for some set of DV cells, the total minus every other cell is 1 or 2 (what is left counts
 *   only DV stays: this covers a total made only of DV cells); and, for a distinct count, when the
 *   gap between the cells' sum and the total is 1 or 2 while a DV cell is not 0 (the gap counts
 *   those counted in two rows, who may be DV).
 *
 * So every figure and every difference "published total minus published cells" is either not a DV
 * count or not 1 or 2. Withholding the total rather than a second cell keeps the rows readable.
 */
export function suppressSum(cells: readonly SumCell[], total: number): { cells: PublicFigure[]; total: PublicFigure } {
  const out = cells.map((c) => (c.dv && isSmallCount(c.value) ? withheld : shown(c.value)));
  const sum = cells.reduce((s, c) => s + c.value, 0);
  const dvIndexes = cells.flatMap((c, i) => (c.dv ? [i] : []));
  if (dvIndexes.length > 16) throw new Error('suppressSum: too many DV cells');
  let hideTotal = out.some((f) => f.suppressed);
  // Every non-empty set R of DV cells: total − (the cells outside R) counts what R holds, only DV.
  for (let mask = 1; !hideTotal && mask < 1 << dvIndexes.length; mask++) {
    const inR = new Set(dvIndexes.filter((_, k) => mask & (1 << k)));
    const outside = cells.reduce((s, c, i) => (inR.has(i) ? s : s + c.value), 0);
    if (isSmallCount(total - outside)) hideTotal = true;
  }
  if (!hideTotal && isSmallCount(sum - total) && dvIndexes.some((i) => cells[i].value > 0)) hideTotal = true;
  return { cells: out, total: hideTotal ? withheld : shown(total) };
}

// The public report's rows: each programme's stays on non-confidential sites, and one row for every
// DV figure (the protocol's stays wherever they are, and every stay on a confidential site), so that a
// confidential site is never broken down, not even by programme.
export const PUBLIC_ROWS = ['emergency', 'social_residence', 'housing_mission', 'dv_protocol'] as const satisfies readonly Programme[];
export type PublicRow = (typeof PUBLIC_ROWS)[number];

/** The row of the public report a stay counts in. */
export function publicRowOf(programme: Programme, confidentialSite: boolean): PublicRow {
  return programme === 'dv_protocol' || confidentialSite ? 'dv_protocol' : (programme as PublicRow);
}

/** What the public report needs of a stay (confirmed, in place or ended): no name, no unit, no site. */
export interface PublicStayFact {
  householdId: string;
  /** Stays of one household placed together on the same nights share it (counted as one stay); else the stay's id. */
  stayGroup: string;
  programme: Programme;
  confidentialSite: boolean;
  start: IsoDate;
  end: IsoDate;
  /** The persons the stay holds (its own share when placed together). */
  persons: number;
  /** The household's persons (counted once per household served). */
  householdPersons: number;
}

export const PUBLIC_FIGURES = ['householdNights', 'personNights', 'staysStarted', 'staysEnded', 'households', 'persons'] as const;
export type PublicFigureName = (typeof PUBLIC_FIGURES)[number];

export type PublicCounts = Record<PublicFigureName, number>;

/** Nights of the union of ranges (a household on two units the same night counts that night once). */
function unionNights(ranges: { start: IsoDate; end: IsoDate }[]): number {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let nights = 0;
  let curStart: IsoDate | null = null;
  let curEnd: IsoDate | null = null;
  for (const r of sorted) {
    if (curEnd !== null && r.start <= curEnd) {
      if (r.end > curEnd) curEnd = r.end;
    } else {
      if (curStart !== null && curEnd !== null) nights += countNights(curStart, curEnd);
      curStart = r.start;
      curEnd = r.end;
    }
  }
  if (curStart !== null && curEnd !== null) nights += countNights(curStart, curEnd);
  return nights;
}

/**
 * The public counts of [from, to) over some stays: household-nights (each household's night once),
 * person-nights (each stay's nights × its persons), stays started and ended (a stay placed together
 * counted once) whose start or end falls in [from, to), households served (a night in the period)
 * and their persons, each counted once.
 */
export function publicCounts(stays: readonly PublicStayFact[], from: IsoDate, to: IsoDate): PublicCounts {
  const rangesByHousehold = new Map<string, { start: IsoDate; end: IsoDate }[]>();
  const personsOf = new Map<string, number>();
  const started = new Set<string>();
  const ended = new Set<string>();
  let personNights = 0;
  for (const s of stays) {
    if (s.start >= from && s.start < to) started.add(s.stayGroup);
    if (s.end >= from && s.end < to) ended.add(s.stayGroup);
    const start = maxDate(s.start, from);
    const end = minDate(s.end, to);
    if (start >= end) continue;
    personNights += countNights(start, end) * s.persons;
    const list = rangesByHousehold.get(s.householdId) ?? [];
    list.push({ start, end });
    rangesByHousehold.set(s.householdId, list);
    personsOf.set(s.householdId, s.householdPersons);
  }
  let householdNights = 0;
  for (const ranges of rangesByHousehold.values()) householdNights += unionNights(ranges);
  let persons = 0;
  for (const p of personsOf.values()) persons += p;
  return { householdNights, personNights, staysStarted: started.size, staysEnded: ended.size, households: rangesByHousehold.size, persons };
}

export interface PublicTable {
  rows: ({ programme: PublicRow } & Record<PublicFigureName, PublicFigure>)[];
  total: Record<PublicFigureName, PublicFigure>;
}

/** The public table: each row's counts and the total's, every figure under the small-number rule. */
export function publicTable(stays: readonly PublicStayFact[], from: IsoDate, to: IsoDate): PublicTable {
  const byRow = PUBLIC_ROWS.map((row) => publicCounts(stays.filter((s) => publicRowOf(s.programme, s.confidentialSite) === row), from, to));
  const all = publicCounts(stays, from, to);
  const rows = PUBLIC_ROWS.map((programme) => ({ programme }) as PublicTable['rows'][number]);
  const total = {} as PublicTable['total'];
  for (const figure of PUBLIC_FIGURES) {
    const sum = suppressSum(
      PUBLIC_ROWS.map((row, i) => ({ value: byRow[i][figure], dv: row === 'dv_protocol' })),
      all[figure]
    );
    sum.cells.forEach((f, i) => (rows[i][figure] = f));
    total[figure] = sum.total;
  }
  return { rows, total };
}
