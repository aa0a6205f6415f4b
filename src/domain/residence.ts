// The social residence (docs/domain.md, "The social residence"): its publics, payments and departure
// destinations; the monthly statement of a contract (pro rata temporis), arrears, notice, the review
// of the household's plan, the stay's horizon and the waiting list's order.
// Pure rules: no I/O, no clock (`today` and `tonight` are arguments); months are YYYY-MM and dates
// YYYY-MM-DD, compared as text; money is integer cents.
import { AppError } from './errors.ts';
import { HOUSING_DESTINATIONS, type DepartureDestination, type NoticeGiver, type ResidencePublic, type UnitReservation } from './residence-codes.ts';
import { addDays, countNights, daysInMonth, firstDayOf, maxDate, minDate, monthOf, nextMonth, plusMonths, type IsoDate, type IsoMonth } from './dates.ts';

// ---------------------------------------------------------------------------------------------
// The closed lists live in residence-codes.ts (the database's checks read them too); re-exported here.

export {
  DEPARTURE_DESTINATIONS,
  HOUSING_DESTINATIONS,
  NOTICE_GIVERS,
  PAYMENT_MEANS,
  RESIDENCE_PUBLICS,
  UNIT_RESERVATIONS,
  type DepartureDestination,
  type NoticeGiver,
  type PaymentMeans,
  type ResidencePublic,
  type UnitReservation
} from './residence-codes.ts';

/** Whether a departure's destination is an exit to housing (private rental, social housing). */
export function isToHousing(destination: DepartureDestination): boolean {
  return HOUSING_DESTINATIONS.includes(destination);
}

// ---------------------------------------------------------------------------------------------
// Statements

/** The monthly amounts of a contract: the fee (rent-equivalent + charges) and the housing benefit (APL) paid to the residence. */
export interface ContractAmounts {
  rentCents: number;
  chargesCents: number;
  aplCents: number;
}

/** New amounts from a date (a yearly revision, a new housing benefit): only the amounts it names change. */
export interface Amendment {
  from: IsoDate;
  rentCents?: number | null;
  chargesCents?: number | null;
  aplCents?: number | null;
}

export interface ContractTerms extends ContractAmounts {
  /** The first night under the contract. */
  start: IsoDate;
  /** The departure day when there is one: fees run to the night before it. */
  departure?: IsoDate | null;
  amendments: readonly Amendment[];
}

/** A payment: a negative amount is a reversal (a bounced cheque). */
export interface PaymentLine {
  date: IsoDate;
  amountCents: number;
}

export interface MonthStatement {
  month: IsoMonth;
  nights: number;
  dueCents: number;
  aplCents: number;
  paidCents: number;
  /** The sum over every month from the start's month up to this one of due − benefit − paid: positive is owed. */
  balanceCents: number;
}

/**
 * numerator ÷ denominator (denominator > 0) rounded to the nearest integer, half away from zero
 * (2.5 → 3, −2.5 → −3), in exact integer arithmetic.
 */
export function divideRounded(numerator: number, denominator: number): number {
  const q = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 ? -q : q;
}

/** Amendments in the order they apply: by date; two of the same date apply in the order given (the later wins). */
function inOrder(amendments: readonly Amendment[]): Amendment[] {
  return amendments.map((a, i) => ({ a, i })).sort((x, y) => (x.a.from < y.a.from ? -1 : x.a.from > y.a.from ? 1 : x.i - y.i)).map((x) => x.a);
}

function applyAmendments(base: ContractAmounts, ordered: readonly Amendment[], night: IsoDate): ContractAmounts {
  const out = { rentCents: base.rentCents, chargesCents: base.chargesCents, aplCents: base.aplCents };
  for (const a of ordered) {
    if (a.from > night) break;
    if (a.rentCents != null) out.rentCents = a.rentCents;
    if (a.chargesCents != null) out.chargesCents = a.chargesCents;
    if (a.aplCents != null) out.aplCents = a.aplCents;
  }
  return out;
}

/** The amounts in force on a night: the contract's, changed by every amendment dated on or before it. */
export function amountsOn(terms: ContractTerms, night: IsoDate): ContractAmounts {
  return applyAmendments(terms, inOrder(terms.amendments), night);
}

/** The nights of a month under the contract, as a range [start, end) (empty when start = end). */
export function nightsUnderContract(terms: ContractTerms, month: IsoMonth): { start: IsoDate; end: IsoDate } {
  const first = firstDayOf(month);
  const next = firstDayOf(nextMonth(month));
  const start = maxDate(first, terms.start);
  const end = minDate(next, terms.departure ?? next);
  return end > start ? { start, end } : { start, end: start };
}

/**
 * What a month owes, without payments: the nights under contract, the fee and the benefit pro rata
 * temporis. Each night owes its share, (rent + charges) ÷ days in the month, with the amounts in force
 * that night; the month's shares are summed exactly (in cents × nights) and the sum is rounded once,
 * half away from zero. So without an amendment in the month this is exactly
 * round((rent + charges) × nights ÷ days), and a mid-month amendment never adds a rounding per part.
 * The benefit likewise.
 */
function owedInMonth(terms: ContractTerms, ordered: readonly Amendment[], month: IsoMonth): { nights: number; dueCents: number; aplCents: number } {
  const { start, end } = nightsUnderContract(terms, month);
  const nights = countNights(start, end);
  if (nights === 0) return { nights: 0, dueCents: 0, aplCents: 0 };
  // The nights split where an amendment takes effect; each part has one set of amounts.
  const cuts = [...new Set(ordered.map((a) => a.from).filter((d) => d > start && d < end))].sort();
  const bounds = [start, ...cuts, end];
  let fee = 0;
  let apl = 0;
  for (let i = 0; i < bounds.length - 1; i++) {
    const amounts = applyAmendments(terms, ordered, bounds[i]);
    const n = countNights(bounds[i], bounds[i + 1]);
    fee += (amounts.rentCents + amounts.chargesCents) * n;
    apl += amounts.aplCents * n;
  }
  const days = daysInMonth(month);
  return { nights, dueCents: divideRounded(fee, days), aplCents: divideRounded(apl, days) };
}

/** The statements of every month from the start's month up to `upTo` (inclusive), balances carried over. */
export function statementsUpTo(terms: ContractTerms, payments: readonly PaymentLine[], upTo: IsoMonth): MonthStatement[] {
  const ordered = inOrder(terms.amendments);
  const paid = new Map<IsoMonth, number>();
  for (const p of payments) paid.set(monthOf(p.date), (paid.get(monthOf(p.date)) ?? 0) + p.amountCents);
  const out: MonthStatement[] = [];
  let balance = 0;
  for (let month = monthOf(terms.start); month <= upTo; month = nextMonth(month)) {
    const owed = owedInMonth(terms, ordered, month);
    const paidCents = paid.get(month) ?? 0;
    balance += owed.dueCents - owed.aplCents - paidCents;
    out.push({ month, ...owed, paidCents, balanceCents: balance });
  }
  return out;
}

/**
 * The statement of one month. A month before the start's month has no nights and a balance of 0
 * (the sum over no month); its `paidCents` still says what was paid in it.
 */
export function monthStatement(terms: ContractTerms, payments: readonly PaymentLine[], month: IsoMonth): MonthStatement {
  const last = statementsUpTo(terms, payments, month).at(-1);
  if (last) return last;
  const paidCents = payments.filter((p) => monthOf(p.date) === month).reduce((s, p) => s + p.amountCents, 0);
  return { month, nights: 0, dueCents: 0, aplCents: 0, paidCents, balanceCents: 0 };
}

/**
 * The amounts that count a month's arrears: those in force on the month's last night under the
 * contract (its last day, or the night before the departure when it left in or before the month;
 * the first night when it starts after the month).
 */
export function amountsOfMonth(terms: ContractTerms, month: IsoMonth): ContractAmounts {
  const lastDay = addDays(firstDayOf(nextMonth(month)), -1);
  const lastNight = terms.departure ? minDate(lastDay, addDays(terms.departure, -1)) : lastDay;
  return amountsOn(terms, maxDate(terms.start, lastNight));
}

/**
 * Months owed = floor(balance ÷ the month's (rent + charges − benefit)): 0 when nothing is owed
 * (balance ≤ 0), and 0 when the household's own share of a month is zero or less (the benefit covers
 * the fee: there is no month to count the balance in; the balance still says what is owed).
 */
export function monthsOwed(balanceCents: number, amounts: ContractAmounts): number {
  const share = amounts.rentCents + amounts.chargesCents - amounts.aplCents;
  if (balanceCents <= 0 || share <= 0) return 0;
  return Math.floor(balanceCents / share);
}

/** The arrears of a contract at the end of a month: its balance and the months it stands for. */
export function arrearsOf(terms: ContractTerms, payments: readonly PaymentLine[], month: IsoMonth): { balanceCents: number; monthsOwed: number } {
  const { balanceCents } = monthStatement(terms, payments, month);
  return { balanceCents, monthsOwed: monthsOwed(balanceCents, amountsOfMonth(terms, month)) };
}

/** Arrears of this many months or more are a reminder on the staff's home page. */
export const ARREARS_REMINDER_MONTHS = 2;

// ---------------------------------------------------------------------------------------------
// Notice and departure

/** The resident may leave with 8 days' notice. */
export const RESIDENT_NOTICE_DAYS = 8;
/** The residence ends a contract with one calendar month's notice, and a reason. */
export const RESIDENCE_NOTICE_MONTHS = 1;

/**
 * The earliest departure date a notice allows: 8 days after it for the resident (given on the 1st,
 * leaving on the 9th); one calendar month after it for the residence, clamped to the month's last
 * day when the next month is shorter (given on 31 January 2028, the earliest departure is 29 February
 * 2028, a leap year; on 31 January 2027, 28 February 2027; on 31 March, 30 April).
 */
export function earliestDeparture(noticeGivenOn: IsoDate, by: NoticeGiver): IsoDate {
  return by === 'resident' ? addDays(noticeGivenOn, RESIDENT_NOTICE_DAYS) : plusMonths(noticeGivenOn, RESIDENCE_NOTICE_MONTHS);
}

/** Whether a departure on `date` respects the notice given (a departure sooner is recorded all the same). */
export function respectsNotice(noticeGivenOn: IsoDate, by: NoticeGiver, date: IsoDate): boolean {
  return date >= earliestDeparture(noticeGivenOn, by);
}

export interface DepartureInput {
  date: IsoDate;
  noticeGivenOn?: IsoDate | null;
  by?: NoticeGiver | null;
  reason?: string | null;
}

/**
 * Checks a departure against its contract (422 `invalid`, naming the field): the residence gives a
 * reason; the departure day is after the contract's first night (the stay keeps at least one night)
 * and not after its stay's end; a notice is given on or before the departure day.
 */
export function checkDeparture(input: DepartureInput, contract: { start: IsoDate; stayEnd: IsoDate }): void {
  if (input.by === 'residence' && !input.reason?.trim()) {
    throw new AppError('invalid', 'the residence ends a contract with a reason', { errors: [{ path: 'reason', message: 'required when the residence gives notice' }] });
  }
  if (input.date <= contract.start) {
    throw new AppError('invalid', `a departure is after the contract's first night (${contract.start})`, {
      errors: [{ path: 'date', message: `after ${contract.start}` }]
    });
  }
  if (input.date > contract.stayEnd) {
    throw new AppError('invalid', `a departure is not after the end of the contract's stay (${contract.stayEnd})`, {
      errors: [{ path: 'date', message: `on or before ${contract.stayEnd}` }]
    });
  }
  if (input.noticeGivenOn && input.noticeGivenOn > input.date) {
    throw new AppError('invalid', 'notice is given on or before the departure day', { errors: [{ path: 'noticeGivenOn', message: `on or before ${input.date}` }] });
  }
}

// ---------------------------------------------------------------------------------------------
// The review of the household's plan

/** The household's plan is reviewed every 6 months by default. */
export const REVIEW_EVERY_MONTHS = 6;

/**
 * The k-th review (k ≥ 1): k × every months after the origin (the contract's start), each counted from
 * the origin so that clamping does not drift (from 31 August: 28 or 29 February, then 31 August).
 */
export function reviewDate(origin: IsoDate, k: number, everyMonths = REVIEW_EVERY_MONTHS): IsoDate {
  return plusMonths(origin, k * everyMonths);
}

/** The next review on or after `date` (the first review is `everyMonths` after the origin, never the origin itself). */
export function nextReview(origin: IsoDate, date: IsoDate, everyMonths = REVIEW_EVERY_MONTHS): IsoDate {
  const months = (Number(date.slice(0, 4)) - Number(origin.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(origin.slice(5, 7));
  // Every review before the k-th below falls in a month before `date`'s: start there and step up.
  let k = Math.max(1, Math.floor(months / everyMonths));
  while (reviewDate(origin, k, everyMonths) < date) k++;
  return reviewDate(origin, k, everyMonths);
}

/** Whether a review falls in `month`. */
export function isReviewDue(origin: IsoDate, month: IsoMonth, everyMonths = REVIEW_EVERY_MONTHS): boolean {
  return monthOf(nextReview(origin, firstDayOf(month), everyMonths)) === month;
}

// ---------------------------------------------------------------------------------------------
// The stay's horizon

/** While its contract is active, a residence stay reaches at least this many months beyond tonight. */
export const STAY_HORIZON_MONTHS = 6;

/** The end an active contract's stay must at least have: tonight + 6 months (the same day, clamped). */
export function requiredStayEnd(tonight: IsoDate): IsoDate {
  return plusMonths(tonight, STAY_HORIZON_MONTHS);
}

/**
 * A stay that must be extended is extended one month past the horizon (tonight + 7 months), so that
 * the service extends it about once a month rather than by one night every night.
 */
export const STAY_EXTENSION_SLACK_MONTHS = 1;

/**
 * The end the stay must have, whether the service must extend it (its end is before that), and the
 * end to extend it to; a contract's first stay, from `start`, ends there too (counted from the later
 * of tonight and the start).
 */
export function stayHorizon(stayEnd: IsoDate, tonight: IsoDate): { requiredEnd: IsoDate; needsExtension: boolean; extendTo: IsoDate } {
  const requiredEnd = requiredStayEnd(tonight);
  return { requiredEnd, needsExtension: stayEnd < requiredEnd, extendTo: contractStayEnd(tonight, tonight) };
}

/** The end of a contract's stay when it is placed or extended: seven months after the later of tonight and its start. */
export function contractStayEnd(start: IsoDate, tonight: IsoDate): IsoDate {
  return plusMonths(maxDate(start, tonight), STAY_HORIZON_MONTHS + STAY_EXTENSION_SLACK_MONTHS);
}

// ---------------------------------------------------------------------------------------------
// The waiting list

/** An emergency stay ending within this many days of today puts an application ahead. */
export const EMERGENCY_ENDING_DAYS = 14;

export interface WaitingApplication {
  id: string;
  public: ResidencePublic;
  /** The day the household began to wait (the application's date). */
  since: IsoDate;
  /** The departure day of the household's current emergency stay, when it is in one. */
  emergencyStayEnd: IsoDate | null;
}

/** Why an application stands where it does: codes with their parameters; the pages word them. */
export type WaitingReason =
  | { code: 'reserved_public'; params: { public: UnitReservation } }
  | { code: 'dv_household'; params: Record<string, never> }
  | { code: 'emergency_stay_ending'; params: { end: IsoDate; daysLeft: number } }
  | { code: 'waited'; params: { days: number; since: IsoDate } };
export type WaitingReasonCode = WaitingReason['code'];

export interface RankedApplication<T extends WaitingApplication> {
  application: T;
  /** 1 for the first. */
  rank: number;
  reasons: WaitingReason[];
}

interface Keyed<T> {
  application: T;
  reserved: boolean;
  dv: boolean;
  ending: boolean;
  days: number;
  reasons: WaitingReason[];
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The waiting list for a unit, first to last: first the applications of the public the unit is
 * reserved for (when it is), then households fleeing domestic violence, then a household whose
 * emergency stay ends within 14 days of today (today included), then the longest wait (in days), then
 * the application's id: a total order, the same whatever the order of the input.
 */
export function rankWaitingList<T extends WaitingApplication>(applications: readonly T[], unit: { reservedFor: UnitReservation | null }, today: IsoDate): RankedApplication<T>[] {
  const keyed: Keyed<T>[] = applications.map((application) => {
    const reasons: WaitingReason[] = [];
    const reserved = unit.reservedFor !== null && application.public === unit.reservedFor;
    if (reserved) reasons.push({ code: 'reserved_public', params: { public: unit.reservedFor! } });
    const dv = application.public === 'dv';
    if (dv) reasons.push({ code: 'dv_household', params: {} });
    const end = application.emergencyStayEnd;
    const daysLeft = end ? countNights(today, end) : -1;
    const ending = end !== null && daysLeft >= 0 && daysLeft <= EMERGENCY_ENDING_DAYS;
    if (ending) reasons.push({ code: 'emergency_stay_ending', params: { end: end!, daysLeft } });
    const days = Math.max(0, countNights(application.since, today));
    reasons.push({ code: 'waited', params: { days, since: application.since } });
    return { application, reserved, dv, ending, days, reasons };
  });
  keyed.sort(
    (a, b) =>
      Number(b.reserved) - Number(a.reserved) ||
      Number(b.dv) - Number(a.dv) ||
      Number(b.ending) - Number(a.ending) ||
      b.days - a.days ||
      byId(a.application.id, b.application.id)
  );
  return keyed.map((k, i) => ({ application: k.application, rank: i + 1, reasons: k.reasons }));
}
