// The public report: the year's totals by programme that everyone signed in sees, partners
// included, under the small-number rule (src/domain/report-suppression.ts). Stays under the DV
// protocol and every stay on a confidential site count in one row (dv_protocol), so a
// confidential site is never broken down, by commune or otherwise, and never named.
import { MIN_YEAR } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import type { Programme } from '#domain/programmes.ts';
import { PUBLIC_FIGURES, publicTable, type PublicFigure, type PublicTable } from '#domain/report-suppression.ts';
import type { DbOrTx } from '#db/client.ts';
import { listReportStays } from '#db/queries/report-declarations.ts';
import { tonight } from '../clock.ts';
import { toCsv } from '../csv.ts';

export interface PublicReport extends PublicTable {
  year: number;
  /** The period counted: [from, to), the year's nights. */
  from: string;
  to: string;
}

/**
 * A report's year: YYYY, from MIN_YEAR to the current year (a year in progress counts the nights
 * booked ahead as they stand); anything else is 422. Figures that leave the CIAS (the public
 * figures, the protocol's report for its partners) are given for finished years only
 * (`finishedOnly`): the figures of a year in progress change from one day to the next, and the
 * difference between two days would be a count of one: a woman placed that day.
 */
export function parseReportYear(raw: unknown, { finishedOnly = false }: { finishedOnly?: boolean } = {}): number {
  const year = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  const last = Number(tonight().slice(0, 4)) - (finishedOnly ? 1 : 0);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > last) {
    const what = finishedOnly ? `a finished year YYYY, from ${MIN_YEAR} to ${last} (figures that leave the CIAS are given for finished years only)` : `a year YYYY from ${MIN_YEAR} to ${last}`;
    throw new AppError('invalid', `year must be ${what}`, { errors: [{ path: 'querystring.year', message: 'not a year of records' }] });
  }
  return year;
}

/** The year's public figures by programme and in total, small DV figures withheld. */
export function publicReport(db: DbOrTx, year: number | string): PublicReport {
  const y = parseReportYear(year, { finishedOnly: true });
  const from = `${y}-01-01`;
  const to = `${y + 1}-01-01`;
  const facts = listReportStays(db, from, to).map((s) => ({
    householdId: s.householdId,
    stayGroup: s.stayGroup,
    programme: s.programme as Programme,
    confidentialSite: s.confidentialSite === 1,
    start: s.start,
    end: s.end,
    persons: s.persons,
    householdPersons: s.householdPersons
  }));
  return { year: y, from, to, ...publicTable(facts, from, to) };
}

export const PUBLIC_CSV_HEADER = ['annee', 'dispositif', 'nuitees_menages', 'nuitees_personnes', 'sejours_commences', 'sejours_termines', 'menages', 'personnes'] as const;

/** The public report as CSV (an export marked public): a line per row and one for the total; a withheld figure reads « < 3 ». */
export function publicReportCsv(report: PublicReport): string {
  const cell = (f: PublicFigure) => (f.value === null ? '< 3' : f.value);
  return toCsv([
    [...PUBLIC_CSV_HEADER],
    ...report.rows.map((r) => [report.year, r.programme, ...PUBLIC_FIGURES.map((f) => cell(r[f]))]),
    [report.year, 'total', ...PUBLIC_FIGURES.map((f) => cell(report.total[f]))]
  ]);
}
