// The protocol's budget: partner-hotel nights are paid; what is spent and what is committed.
import { countNights, maxDate, minDate, type IsoDate } from './dates.ts';

export interface PaidStay {
  start: IsoDate;
  end: IsoDate;
  status: string;
  nightlyCostCents: number;
}

export interface BudgetFigures {
  year: number;
  budgetCents: number;
  /** Nights already past (before tonight) of stays that took place. */
  spentCents: number;
  /** Nights from tonight on of live stays. */
  committedCents: number;
  remainingCents: number;
}

const TOOK_PLACE = ['confirmed', 'in_place', 'ended'];
const LIVE = ['hold', 'confirmed', 'in_place'];

function nightsWithin(start: IsoDate, end: IsoDate, from: IsoDate, to: IsoDate): number {
  const a = maxDate(start, from);
  const b = minDate(end, to);
  return a < b ? countNights(a, b) : 0;
}

/**
 * Spent: the nights of the year before `tonight` of stays that took place; committed: the nights of
 * the year from `tonight` on of live stays. Cancelled, lapsed and no-show stays cost nothing.
 */
export function budgetFigures(stays: readonly PaidStay[], year: number, budgetCents: number, tonight: IsoDate): BudgetFigures {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year + 1}-01-01`;
  let spent = 0;
  let committed = 0;
  for (const s of stays) {
    if (TOOK_PLACE.includes(s.status)) spent += nightsWithin(s.start, s.end, yearStart, minDate(tonight, yearEnd)) * s.nightlyCostCents;
    if (LIVE.includes(s.status)) committed += nightsWithin(s.start, s.end, maxDate(tonight, yearStart), yearEnd) * s.nightlyCostCents;
  }
  return { year, budgetCents, spentCents: spent, committedCents: committed, remainingCents: budgetCents - spent - committed };
}

/** The cost of a stay's nights falling in a year. */
export function costWithin(start: IsoDate, end: IsoDate, nightlyCostCents: number, year: number): number {
  return nightsWithin(start, end, `${year}-01-01`, `${year + 1}-01-01`) * nightlyCostCents;
}
