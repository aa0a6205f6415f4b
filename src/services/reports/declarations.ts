// The declarations the CIAS owes: the monthly SIAO declaration (places, free places each night,
// arrivals and departures, the SIAO's referrals and what became of them), the ALT statement
// (flat-months per unit under the ALT grant), and the DV protocol's yearly report for its partners
// (numbers only, small numbers withheld). Admins and duty officers only. Past figures read the
// units' dated periods and the stays' frozen night cost, never today's inventory. The columns of
// every CSV are described in docs/reports.md.
import { round } from '#domain/report-activity.ts';
import { addDays, countNights, daysInMonth, eachNight, firstDayOf, isValidDate, isValidMonth, maxDate, minDate, monthOf, nextMonth, parisDate, startOfParisDay, type IsoDate } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { PROGRAMMES, type Programme, type Role } from '#domain/programmes.ts';
import { derivedFigure, dvFigure, publicCounts, publicRowOf, suppressSum, type PublicFigure } from '#domain/report-suppression.ts';
import type { DbOrTx } from '#db/client.ts';
import { listReportBlocks, listReportStays, listReportUnits, listSiaoReferrals } from '#db/queries/report-declarations.ts';
import { listUnitPeriods, type UnitPeriodRow } from '#db/queries/units.ts';
import { requireRole, type Actor } from '../actor.ts';
import { toCsv } from '../csv.ts';
import { protocolBudgetCentsOf } from '../protocol.ts';
import { parseReportYear } from './public.ts';

/** Who receives the declarations. */
export const DECLARATION_ROLES: readonly Role[] = ['admin', 'duty_officer'];

const REFERRAL_OUTCOMES = ['placed', 'accepted', 'declined', 'redirected', 'withdrawn', 'received'] as const;

/** A decimal written the French way (comma), so that a French spreadsheet reads it as a number. */
export function frenchDecimal(value: number, decimals: number): string {
  return value.toFixed(decimals).replace('.', ',');
}

/** Half-up to 3 decimals (the reports' one rounding rule): 16/31 = 0.516129… → 0.516. */
export function round3(value: number): number {
  return round(value, 3);
}

/** Nights of [start, end) that fall in [from, to). */
function nightsIn(start: IsoDate, end: IsoDate, from: IsoDate, to: IsoDate): number {
  const a = maxDate(start, from);
  const b = minDate(end, to);
  return a < b ? countNights(a, b) : 0;
}

const covers = (r: { start: string; end: string | null }, night: IsoDate) => r.start <= night && (r.end === null || night < r.end);

// ---------------------------------------------------------------------------------------------
// The SIAO's monthly declaration.

export const SIAO_CSV_HEADER = [
  'nuit',
  'dispositif',
  'logements_en_service',
  'places_en_service',
  'logements_bloques',
  'logements_libres',
  'places_libres',
  'arrivees_menages',
  'arrivees_personnes',
  'departs_menages',
  'departs_personnes',
  'orientations_siao_recues',
  'orientations_siao_placees',
  'orientations_siao_acceptees',
  'orientations_siao_refusees',
  'orientations_siao_reorientees',
  'orientations_siao_retirees',
  'orientations_siao_en_attente'
] as const;

/** The month of a declaration: YYYY-MM, else 422. */
function parseMonth(raw: unknown): string {
  if (!isValidMonth(raw)) throw new AppError('invalid', 'month must be YYYY-MM', { errors: [{ path: 'querystring.month', message: 'not a month YYYY-MM' }] });
  return raw;
}

/**
 * The SIAO declaration of a month as CSV: one line per night and programme. A unit serving two
 * programmes counts in each. In service: an 'active' period of the unit covers the night; blocked:
 * in service with a block on the night; free: in service, not blocked, and no stay (confirmed, in
 * place or ended, any programme) on the night. Arrivals: stays of the programme starting that
 * night; departures: stays of the programme whose last night was the night before (they leave that
 * morning). The SIAO's referrals (received from an organisation of kind siao_115) count on the
 * day they were received, by their outcome as it stands.
 */
export function siaoDeclarationCsv(db: DbOrTx, actor: Actor, month: string): string {
  requireRole(actor, DECLARATION_ROLES, 'admins and duty officers only');
  const m = parseMonth(month);
  const from = firstDayOf(m);
  const to = firstDayOf(nextMonth(m));
  const units = listReportUnits(db).map((u) => ({ ...u, programmes: JSON.parse(u.programmes) as string[] }));
  const active = groupBy(listUnitPeriods(db, from, to).filter((p) => p.kind === 'active'), (p) => p.unitId);
  const blocks = groupBy(listReportBlocks(db, from, to), (b) => b.unitId);
  const stays = listReportStays(db, from, to);
  const staysByUnit = groupBy(stays, (s) => s.unitId);
  const referrals = listSiaoReferrals(db, startOfParisDay(from), startOfParisDay(to)).map((r) => ({ ...r, day: parisDate(new Date(r.receivedAt)) }));

  const rows: (string | number)[][] = [[...SIAO_CSV_HEADER]];
  for (const night of eachNight(from, to)) {
    for (const programme of PROGRAMMES) {
      let inService = 0;
      let places = 0;
      let blocked = 0;
      let free = 0;
      let freePlaces = 0;
      for (const u of units) {
        if (!u.programmes.includes(programme) || !(active.get(u.id) ?? []).some((p) => covers(p, night))) continue;
        inService++;
        places += u.capacity;
        if ((blocks.get(u.id) ?? []).some((b) => covers(b, night))) {
          blocked++;
          continue;
        }
        if ((staysByUnit.get(u.id) ?? []).some((s) => covers(s, night))) continue;
        free++;
        freePlaces += u.capacity;
      }
      // The SIAO hears of places, never of the women placed under the protocol: for the protocol's
      // row the movements and referrals are left empty, and no other row counts a stay that is a DV
      // figure (the protocol's, or any on a confidential site). A night's arrival of one is a person.
      if (programme === 'dv_protocol') {
        rows.push([night, programme, inService, places, blocked, free, freePlaces, ...Array(4 + 1 + REFERRAL_OUTCOMES.length).fill('')]);
        continue;
      }
      const ofProgramme = stays.filter((s) => s.programme === programme && publicRowOf(programme, s.confidentialSite === 1) !== 'dv_protocol');
      const arrivals = ofProgramme.filter((s) => s.start === night);
      const departures = ofProgramme.filter((s) => s.end === night);
      const received = referrals.filter((r) => r.day === night && r.programme === programme);
      const outcome = (status: string) => received.filter((r) => r.status === status).length;
      rows.push([
        night,
        programme,
        inService,
        places,
        blocked,
        free,
        freePlaces,
        new Set(arrivals.map((s) => s.householdId)).size,
        arrivals.reduce((n, s) => n + s.persons, 0),
        new Set(departures.map((s) => s.householdId)).size,
        departures.reduce((n, s) => n + s.persons, 0),
        received.length,
        ...REFERRAL_OUTCOMES.map(outcome)
      ]);
    }
  }
  return toCsv(rows);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The ALT statement.

export const ALT_CSV_HEADER = ['mois', 'logement_id', 'site', 'commune', 'logement', 'jours_du_mois', 'nuits_alt_ouvertes', 'mois_logement'] as const;

export type StatementPeriod = number | string | { from: string; to: string };

/** A statement's period: a year (YYYY), or dates [from, to) of at most 5 years; else 422. */
function parsePeriod(period: StatementPeriod): { from: IsoDate; to: IsoDate } {
  if (typeof period === 'object' && period !== null) {
    const { from, to } = period;
    if (!isValidDate(from) || !isValidDate(to) || from >= to || to > addDays(from, 5 * 366)) {
      throw new AppError('invalid', 'from and to must be dates YYYY-MM-DD, from before to, at most 5 years apart', { errors: [{ path: 'querystring', message: 'not a period' }] });
    }
    return { from, to };
  }
  const year = parseReportYear(period);
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** Nights of [from, to) covered by both sets of periods (each set's periods do not overlap one another). */
function nightsInBoth(a: readonly UnitPeriodRow[], b: readonly UnitPeriodRow[], from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (const p of a) {
    for (const q of b) {
      const start = maxDate(p.start, q.start);
      const end = [p.end, q.end].reduce<IsoDate>((e, x) => (x === null ? e : minDate(e, x)), to);
      n += nightsIn(start, end, from, to);
    }
  }
  return n;
}

/**
 * The ALT statement as CSV: for each month of the period and each unit under the ALT grant in it,
 * the unit's open nights under ALT (nights covered by both an 'alt' and an 'active' period, within
 * the period) and its flat-months = those nights ÷ the days of the month, rounded half-up to 3
 * decimals (16 of 31 nights: 0,516). Each month ends with a line "total" (its flat-months are
 * the month's nights ÷ its days, rounded once), and the statement with a line "total" for the
 * whole period (the sum of the months' unrounded flat-months, rounded once). A confidential site is
 * neither named nor placed: its lines say « site confidentiel » with no commune and no unit name.
 */
export function altStatementCsv(db: DbOrTx, actor: Actor, period: StatementPeriod): string {
  requireRole(actor, DECLARATION_ROLES, 'admins and duty officers only');
  const { from, to } = parsePeriod(period);
  const units = listReportUnits(db);
  const periods = listUnitPeriods(db, from, to);
  const alt = groupBy(periods.filter((p) => p.kind === 'alt'), (p) => p.unitId);
  const active = groupBy(periods.filter((p) => p.kind === 'active'), (p) => p.unitId);
  const rows: (string | number)[][] = [[...ALT_CSV_HEADER]];
  let periodFlatMonths = 0;
  for (let month = monthOf(from); firstDayOf(month) < to; month = nextMonth(month)) {
    const mFrom = maxDate(firstDayOf(month), from);
    const mTo = minDate(firstDayOf(nextMonth(month)), to);
    const days = daysInMonth(month);
    let monthNights = 0;
    for (const u of units) {
      const nights = nightsInBoth(alt.get(u.id) ?? [], active.get(u.id) ?? [], mFrom, mTo);
      if (nights === 0) continue;
      monthNights += nights;
      const hidden = u.confidential === 1;
      rows.push([month, u.id, hidden ? 'site confidentiel' : u.siteName, hidden ? '' : u.commune, hidden ? '' : u.name, days, nights, frenchDecimal(round3(nights / days), 3)]);
    }
    rows.push([month, '', 'total', '', '', days, monthNights, frenchDecimal(round3(monthNights / days), 3)]);
    periodFlatMonths += monthNights / days;
  }
  rows.push([`${from}/${to}`, '', 'total', '', '', '', '', frenchDecimal(round3(periodFlatMonths), 3)]);
  return toCsv(rows);
}

// ---------------------------------------------------------------------------------------------
// The DV protocol's yearly report for its partners.

export interface ProtocolYearReport {
  year: number;
  /** Household-nights of DV stays in partner hotels (sites of kind hotel) in the year. */
  hotelNights: PublicFigure;
  /** Household-nights of DV stays elsewhere (apartments) in the year. */
  apartmentNights: PublicFigure;
  /** Household-nights of DV stays in the year (a household's night once): the public report's DV row. */
  nights: PublicFigure;
  /** Households with at least one DV night in the year, each counted once. */
  households: PublicFigure;
  /** The protocol's paid hotel nights × each stay's frozen night cost. */
  hotelCostCents: PublicFigure;
  budgetCents: number;
  remainingCents: PublicFigure;
  /** Cost ÷ budget, 3 decimals (0 when the budget is 0). */
  budgetShareUsed: PublicFigure;
}

/**
 * The protocol's year, numbers only. It counts the same stays as the public report's DV row (the
 * protocol's stays wherever they are, and every stay on a confidential site; confirmed, in place or
 * ended; booked nights of a year in progress as they stand) and in the same way (household-nights,
 * households once), so that no difference between the two reports gives back a small DV count.
 * Small numbers are withheld as in the public report; the hotel cost (the protocol's paid nights ×
 * each stay's frozen night cost) is withheld with the hotel nights, or when the paid nights are 1 or 2.
 */
export function protocolYearReport(db: DbOrTx, actor: Actor, year: number | string): ProtocolYearReport {
  requireRole(actor, DECLARATION_ROLES, 'admins and duty officers only');
  // For the protocol's partners: a finished year only, as the public figures.
  const y = parseReportYear(year, { finishedOnly: true });
  const from = `${y}-01-01`;
  const to = `${y + 1}-01-01`;
  const facts = listReportStays(db, from, to)
    .filter((s) => publicRowOf(s.programme as Programme, s.confidentialSite === 1) === 'dv_protocol')
    .map((s) => ({ ...s, programme: s.programme as Programme, confidentialSite: s.confidentialSite === 1 }));
  const hotel = publicCounts(facts.filter((s) => s.siteKind === 'hotel'), from, to).householdNights;
  const apartment = publicCounts(facts.filter((s) => s.siteKind !== 'hotel'), from, to).householdNights;
  const all = publicCounts(facts, from, to);
  let cost = 0;
  let paidNights = 0;
  for (const s of facts) {
    if (s.programme !== 'dv_protocol' || s.siteKind !== 'hotel' || s.nightlyCostCents === null) continue;
    const n = nightsIn(s.start, s.end, from, to);
    paidNights += n;
    cost += n * s.nightlyCostCents;
  }
  const split = suppressSum([{ value: hotel, dv: true }, { value: apartment, dv: true }], all.householdNights);
  // The public report shows the total (its DV row's household-nights) whenever it is 3 or more: when
  // either part is withheld here, both are, or the total minus the other part would give it back.
  const anyWithheld = split.total.suppressed || split.cells.some((c) => c.suppressed);
  const withheldFigure: PublicFigure = { value: null, suppressed: true };
  const nights = anyWithheld ? { cells: [withheldFigure, withheldFigure], total: withheldFigure } : split;
  const [hotelNights, apartmentNights] = nights.cells;
  const budgetCents = protocolBudgetCentsOf(db, y);
  const hotelCostCents = derivedFigure(cost, [hotelNights, dvFigure(paidNights)]);
  return {
    year: y,
    hotelNights,
    apartmentNights,
    nights: nights.total,
    households: dvFigure(all.households),
    hotelCostCents,
    budgetCents,
    remainingCents: derivedFigure(budgetCents - cost, [hotelCostCents]),
    budgetShareUsed: derivedFigure(budgetCents === 0 ? 0 : round3(cost / budgetCents), [hotelCostCents])
  };
}

export const PROTOCOL_CSV_HEADER = ['annee', 'indicateur', 'valeur'] as const;

/** The protocol's yearly report as CSV, one line per figure; a withheld count reads « < 3 », a withheld amount « masqué ». */
export function protocolYearCsv(report: ProtocolYearReport): string {
  const cell = (f: PublicFigure, format: (n: number) => string | number = (n) => n) => (f.value === null ? '< 3' : format(f.value));
  const money = (f: PublicFigure, format: (n: number) => string) => (f.value === null ? 'masqué' : format(f.value));
  const euros = (cents: number) => frenchDecimal(cents / 100, 2);
  return toCsv([
    [...PROTOCOL_CSV_HEADER],
    [report.year, 'nuits_hotel', cell(report.hotelNights)],
    [report.year, 'nuits_appartement', cell(report.apartmentNights)],
    [report.year, 'nuits_total', cell(report.nights)],
    [report.year, 'menages', cell(report.households)],
    [report.year, 'cout_hotel_euros', money(report.hotelCostCents, euros)],
    [report.year, 'budget_euros', euros(report.budgetCents)],
    [report.year, 'reste_euros', money(report.remainingCents, euros)],
    [report.year, 'part_budget_utilisee', money(report.budgetShareUsed, (n) => frenchDecimal(n, 3))]
  ]);
}
