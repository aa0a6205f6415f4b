// What the residence's staff read: the residents and their units with a month's planning, a
// contract with its monthly statements, the departures, the accountant's arrears list (and its CSV),
// and the reminders of the staff's home pages. Read only: contracts, payments and departures are
// written by the contracts' use cases. A confidential household appears by its pseudonym only.
import { toCsv } from '../csv.ts';
import { addDays, firstDayOf, isValidMonth, monthOf, nextMonth, daysInMonth, type IsoDate, type IsoMonth } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { RESIDENCE_READERS, RESIDENCE_ROLES, type Role } from '#domain/programmes.ts';
import {
  ARREARS_REMINDER_MONTHS,
  amountsOfMonth,
  arrearsOf,
  earliestDeparture,
  isReviewDue,
  nextReview,
  statementsUpTo,
  type ContractTerms,
  type MonthStatement,
  type PaymentLine
} from '#domain/residence.ts';
import type { DepartureDestination, NoticeGiver, PaymentMeans, UnitReservation } from '#domain/residence-codes.ts';
import type { Db } from '#db/client.ts';
import {
  countApplicationsWaiting,
  findContractWithParties,
  findNextCommittee,
  listAmendmentsOf,
  listAdmittedWithoutContract,
  listContractsWithParties,
  listPaymentsOf,
  listResidenceUnits,
  type AmendmentReadRow,
  type ContractWithParties,
  type PaymentReadRow
} from '#db/queries/residence-contracts-read.ts';
import { requireRole, type Actor } from '../actor.ts';
import { tonight } from '../clock.ts';
import { getPlanning, type Planning } from '../planning.ts';
import { monthlyStatements } from './contracts.ts';

/** Who may read the residence's pages; who may also write (the forms are offered to them only). */
export function canWriteResidence(role: Role): boolean {
  return RESIDENCE_ROLES.includes(role);
}

/** A household as the residence's pages show it: the pseudonym of a confidential one, never its name. */
export interface ShownHousehold {
  id: string;
  name: string;
  /** What names the household where a name could be kept beyond the page (a page's title: history, tabs). */
  pseudonym: string;
  confidential: boolean;
  persons: number;
}

function shownHousehold(h: ContractWithParties['household']): ShownHousehold {
  return { id: h.id, name: h.confidential ? h.pseudonym : h.label, pseudonym: h.pseudonym, confidential: h.confidential, persons: h.adults + h.children };
}

function termsOf(row: ContractWithParties, amendments: readonly AmendmentReadRow[]): ContractTerms {
  const c = row.contract;
  return {
    start: c.start,
    departure: row.departure?.date ?? c.end ?? null,
    rentCents: c.rentCents,
    chargesCents: c.chargesCents,
    aplCents: c.aplCents,
    amendments: amendments.map((a) => ({ from: a.from, rentCents: a.rentCents, chargesCents: a.chargesCents, aplCents: a.aplCents }))
  };
}

/**
 * A contract whose household still lives there: active, or ended by a departure still to come (a
 * departure is recorded when announced, and the contract then says `ended` with its end date).
 */
function isCurrent(row: ContractWithParties, night: IsoDate): boolean {
  const end = row.departure?.date ?? row.contract.end;
  return end === null || end > night;
}

function byContract<T extends { contractId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.contractId);
    if (list) list.push(r);
    else out.set(r.contractId, [r]);
  }
  return out;
}

function paymentLines(rows: readonly PaymentReadRow[] | undefined): PaymentLine[] {
  return (rows ?? []).map((p) => ({ date: p.date, amountCents: p.amountCents }));
}

/** Every contract with what its statements need, read in three statements whatever their number. */
function loadContracts(db: Db): { row: ContractWithParties; terms: ContractTerms; payments: PaymentLine[] }[] {
  const rows = listContractsWithParties(db);
  const ids = rows.map((r) => r.contract.id);
  const amendments = byContract(listAmendmentsOf(db, ids));
  const payments = byContract(listPaymentsOf(db, ids));
  return rows.map((row) => ({ row, terms: termsOf(row, amendments.get(row.contract.id) ?? []), payments: paymentLines(payments.get(row.contract.id)) }));
}

/** The month to show: `month` when it is one, else tonight's. 422 `invalid` for a month that is not YYYY-MM. */
function pickMonth(month: string | null | undefined, night: IsoDate): IsoMonth {
  if (month == null || month === '') return monthOf(night);
  if (!isValidMonth(month) || month < '2000-01' || month > '2999-12') {
    throw new AppError('invalid', 'a month is YYYY-MM', { errors: [{ path: 'mois', message: 'YYYY-MM' }] });
  }
  return month;
}

// ---------------------------------------------------------------------------------------------
// Reminders

export interface ResidenceReminders {
  /** Current contracts (active, or leaving after tonight) whose household's plan is reviewed this month. */
  reviewsDue: number;
  /** Current contracts whose balance at the end of this month stands for two months or more. */
  arrears: number;
  /** Departures recorded for a day to come (tonight's included). */
  departuresAnnounced: number;
  /** Applications waiting for a committee (received or on the waiting list). */
  applicationsWaiting: number;
  /** The next committee's day, when one is planned. */
  nextCommittee: IsoDate | null;
  month: IsoMonth;
}

/**
 * The counts the staff's home pages remind of: counts only, never a name. Staff who read the
 * residence (admins, duty, housing and residence officers); a partner gets 403.
 */
export function getResidenceReminders(db: Db, actor: Actor): ResidenceReminders {
  requireRole(actor, RESIDENCE_READERS, 'the residence is read by staff');
  const night = tonight();
  const month = monthOf(night);
  let reviewsDue = 0;
  let arrears = 0;
  let departuresAnnounced = 0;
  for (const { row, terms, payments } of loadContracts(db)) {
    if (row.departure && row.departure.date >= night) departuresAnnounced++;
    if (!isCurrent(row, night)) continue;
    if (isReviewDue(row.contract.start, month, row.contract.reviewEveryMonths)) reviewsDue++;
    if (arrearsOf(terms, payments, month).monthsOwed >= ARREARS_REMINDER_MONTHS) arrears++;
  }
  const next = findNextCommittee(db, night);
  return { reviewsDue, arrears, departuresAnnounced, applicationsWaiting: countApplicationsWaiting(db), nextCommittee: next?.meetsOn ?? null, month };
}

// ---------------------------------------------------------------------------------------------
// The residents and their units

export interface ResidentLine {
  contractId: string;
  household: ShownHousehold;
  unit: { id: string; name: string; typology: string | null; reservedFor: UnitReservation | null };
  start: IsoDate;
  stayEnd: IsoDate;
  /** The departure day when one is recorded. */
  departure: IsoDate | null;
  balanceCents: number;
  monthsOwed: number;
  nextReview: IsoDate;
  reviewDue: boolean;
}

export interface ResidenceBoard {
  tonight: IsoDate;
  month: IsoMonth;
  /** The month before and after, for the planning's links. */
  previousMonth: IsoMonth;
  nextMonth: IsoMonth;
  residents: ResidentLine[];
  /** The residence's units with no active contract. */
  freeUnits: { id: string; name: string; typology: string | null; reservedFor: UnitReservation | null; siteName: string }[];
  /** The month's planning of each residence site (units × days, the stays). */
  plannings: Planning[];
  reminders: ResidenceReminders;
  canWrite: boolean;
  /** The admitted applications waiting for a contract (to writers only). */
  admitted: { id: string; household: { id: string; name: string; confidential: boolean }; public: string }[];
}

function previousMonthOf(month: IsoMonth): IsoMonth {
  return monthOf(addDays(firstDayOf(month), -1));
}

/** The residence's residents (active contracts) and units, and the planning of `month` (tonight's by default). */
export function getResidenceBoard(db: Db, actor: Actor, month?: string | null): ResidenceBoard {
  requireRole(actor, RESIDENCE_READERS, 'the residence is read by staff');
  const night = tonight();
  const shown = pickMonth(month, night);
  const current = monthOf(night);
  const residents: ResidentLine[] = [];
  for (const { row, terms, payments } of loadContracts(db)) {
    if (!isCurrent(row, night)) continue;
    const arrears = arrearsOf(terms, payments, current);
    const review = nextReview(row.contract.start, night, row.contract.reviewEveryMonths);
    residents.push({
      contractId: row.contract.id,
      household: shownHousehold(row.household),
      unit: { id: row.unit.id, name: row.unit.name, typology: row.unit.typology, reservedFor: row.unit.reservedFor as UnitReservation | null },
      start: row.contract.start,
      stayEnd: row.stay.end,
      departure: row.departure?.date ?? null,
      balanceCents: arrears.balanceCents,
      monthsOwed: arrears.monthsOwed,
      nextReview: review,
      reviewDue: isReviewDue(row.contract.start, current, row.contract.reviewEveryMonths)
    });
  }
  const taken = new Set(residents.map((r) => r.unit.id));
  const units = listResidenceUnits(db);
  const freeUnits = units
    .filter((u) => !taken.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, typology: u.typology, reservedFor: u.reservedFor as UnitReservation | null, siteName: u.siteName }));
  const siteIds = [...new Set(units.map((u) => u.siteId))];
  const plannings = siteIds.map((siteId) => getPlanning(db, actor, { siteId, start: firstDayOf(shown), nights: daysInMonth(shown) }));
  return {
    tonight: night,
    month: shown,
    previousMonth: previousMonthOf(shown),
    nextMonth: nextMonth(shown),
    residents,
    freeUnits,
    plannings,
    reminders: getResidenceReminders(db, actor),
    canWrite: canWriteResidence(actor.role),
    admitted: canWriteResidence(actor.role)
      ? listAdmittedWithoutContract(db).map((a) => ({ id: a.id, household: { id: a.householdId, name: a.confidential ? a.pseudonym : a.label, confidential: a.confidential }, public: a.public }))
      : []
  };
}

// ---------------------------------------------------------------------------------------------
// One contract

export interface ContractView {
  id: string;
  status: 'active' | 'ended';
  household: ShownHousehold;
  unit: { id: string; name: string; typology: string | null; siteName: string };
  stay: { id: string; start: IsoDate; end: IsoDate };
  start: IsoDate;
  end: IsoDate | null;
  rentCents: number;
  chargesCents: number;
  aplCents: number;
  depositCents: number;
  referent: string | null;
  nextReview: IsoDate | null;
  /** The amounts in force in the shown month (amendments applied). */
  amounts: { rentCents: number; chargesCents: number; aplCents: number };
  month: IsoMonth;
  /** The shown month's statement. */
  statement: MonthStatement;
  monthsOwed: number;
  /** Every month from the start's up to the later of tonight's and the shown one, latest first. */
  statements: MonthStatement[];
  payments: { id: string; date: IsoDate; amountCents: number; means: PaymentMeans; reason: string | null }[];
  amendments: { from: IsoDate; rentCents: number | null; chargesCents: number | null; aplCents: number | null }[];
  departure: { date: IsoDate; destination: DepartureDestination; noticeGivenOn: IsoDate | null; by: NoticeGiver | null; reason: string | null } | null;
  /** The earliest departures a notice given tonight allows, by who gives it. */
  earliest: Record<NoticeGiver, IsoDate>;
  tonight: IsoDate;
  canWrite: boolean;
}

/** A contract with its statements (the month `month`, tonight's by default), payments, amendments and departure. 404 when there is none. */
export function getContractView(db: Db, actor: Actor, id: string, month?: string | null): ContractView {
  requireRole(actor, RESIDENCE_READERS, 'the residence is read by staff');
  const row = findContractWithParties(db, id);
  if (!row) throw new AppError('not_found', 'no such contract');
  const night = tonight();
  const shown = pickMonth(month, night);
  const amendmentRows = listAmendmentsOf(db, [id]);
  const paymentRows = listPaymentsOf(db, [id]);
  const terms = termsOf(row, amendmentRows);
  const payments = paymentLines(paymentRows);
  const upTo = shown > monthOf(night) ? shown : monthOf(night);
  const all = statementsUpTo(terms, payments, upTo);
  const statement = all.find((s) => s.month === shown) ?? { month: shown, nights: 0, dueCents: 0, aplCents: 0, paidCents: 0, balanceCents: 0 };
  const { monthsOwed } = arrearsOf(terms, payments, shown);
  const c = row.contract;
  return {
    id: c.id,
    status: c.status,
    household: shownHousehold(row.household),
    unit: { id: row.unit.id, name: row.unit.name, typology: row.unit.typology, siteName: row.unit.siteName },
    stay: { id: row.stay.id, start: row.stay.start, end: row.stay.end },
    start: c.start,
    end: c.end,
    rentCents: c.rentCents,
    chargesCents: c.chargesCents,
    aplCents: c.aplCents,
    depositCents: c.depositCents,
    referent: c.referent,
    nextReview: c.status === 'active' ? nextReview(c.start, night, c.reviewEveryMonths) : null,
    amounts: amountsOfMonth(terms, shown),
    month: shown,
    statement,
    monthsOwed,
    statements: [...all].reverse(),
    payments: paymentRows.map((p) => ({ id: p.id, date: p.date, amountCents: p.amountCents, means: p.means, reason: p.reason })),
    amendments: amendmentRows.map((a) => ({ from: a.from, rentCents: a.rentCents, chargesCents: a.chargesCents, aplCents: a.aplCents })),
    departure: row.departure
      ? { date: row.departure.date, destination: row.departure.destination, noticeGivenOn: row.departure.noticeGivenOn, by: row.departure.by, reason: row.departure.reason }
      : null,
    earliest: { resident: earliestDeparture(night, 'resident'), residence: earliestDeparture(night, 'residence') },
    tonight: night,
    canWrite: canWriteResidence(actor.role)
  };
}

// ---------------------------------------------------------------------------------------------
// Departures

export interface DepartureLine {
  contractId: string;
  household: ShownHousehold;
  unitName: string;
  date: IsoDate;
  destination: DepartureDestination;
  noticeGivenOn: IsoDate | null;
  by: NoticeGiver | null;
}

/** Departures announced (from tonight on, soonest first) and past (latest first). */
export function listResidenceDepartures(db: Db, actor: Actor): { tonight: IsoDate; announced: DepartureLine[]; past: DepartureLine[] } {
  requireRole(actor, RESIDENCE_READERS, 'the residence is read by staff');
  const night = tonight();
  const lines: DepartureLine[] = [];
  for (const row of listContractsWithParties(db)) {
    const d = row.departure;
    if (!d) continue;
    lines.push({ contractId: row.contract.id, household: shownHousehold(row.household), unitName: row.unit.name, date: d.date, destination: d.destination, noticeGivenOn: d.noticeGivenOn, by: d.by });
  }
  const announced = lines.filter((l) => l.date >= night).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const past = lines.filter((l) => l.date < night).sort((a, b) => (a.date > b.date ? -1 : a.date < b.date ? 1 : 0));
  return { tonight: night, announced, past };
}

// ---------------------------------------------------------------------------------------------
// The accountant's arrears list

export interface ArrearsLine {
  contractId: string;
  /** The pseudonym of a confidential household. */
  household: string;
  unit: string;
  start: IsoDate;
  end: IsoDate | null;
  month: IsoMonth;
  dueCents: number;
  aplCents: number;
  paidCents: number;
  balanceCents: number;
  monthsOwed: number;
}

/**
 * The contracts with a balance owed at the end of `month` (tonight's by default), by unit: the
 * contracts' monthly statements (their use case), named for the accountant.
 */
export function listArrears(db: Db, actor: Actor, month?: string | null): { month: IsoMonth; lines: ArrearsLine[] } {
  requireRole(actor, RESIDENCE_READERS, 'the residence is read by staff');
  const shown = pickMonth(month, tonight());
  const parties = new Map(listContractsWithParties(db).map((r) => [r.contract.id, r]));
  const lines: ArrearsLine[] = [];
  for (const s of monthlyStatements(db, actor, shown)) {
    const row = parties.get(s.contractId);
    if (!row || s.balanceCents <= 0) continue;
    lines.push({
      contractId: s.contractId,
      household: row.household.confidential ? row.household.pseudonym : row.household.label,
      unit: row.unit.name,
      start: row.contract.start,
      end: row.departure?.date ?? row.contract.end ?? null,
      month: shown,
      dueCents: s.dueCents,
      aplCents: s.aplCents,
      paidCents: s.paidCents,
      balanceCents: s.balanceCents,
      monthsOwed: s.monthsOwed
    });
  }
  lines.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.contractId < b.contractId ? -1 : 1));
  return { month: shown, lines };
}

/** The CSV's columns, in French for the accountant (amounts in euros with a decimal comma). */
export const ARREARS_CSV_HEADER = ['Contrat', 'Ménage', 'Logement', 'Début', 'Fin', 'Mois', 'Dû (€)', 'APL (€)', 'Payé (€)', 'Solde dû (€)', 'Mois d’impayés'] as const;

function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** The arrears list as CSV: UTF-8 with a byte order mark (spreadsheets read the accents), `;` separators, CRLF lines. */
export function arrearsCsv(lines: readonly ArrearsLine[]): string {
  const rows: string[][] = [
    [...ARREARS_CSV_HEADER],
    ...lines.map((l) => [
      l.contractId,
      l.household,
      l.unit,
      l.start,
      l.end ?? '',
      l.month,
      euros(l.dueCents),
      euros(l.aplCents),
      euros(l.paidCents),
      euros(l.balanceCents),
      String(l.monthsOwed)
    ])
  ];
  return toCsv(rows);
}
