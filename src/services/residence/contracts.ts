// The social residence's contracts (docs/domain.md, "The social residence"): a contract places its
// stay through the booking core (or adopts the household's stay), keeps it six months ahead while it
// is active, changes its amounts by dated amendments, records payments and reversals, gives each
// month's statement, and ends with a departure that frees the unit from its date.
import { isValidDate, isValidMonth, monthOf, toOffsetTimestamp, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { RESIDENCE_READERS, RESIDENCE_ROLES } from '#domain/programmes.ts';
import { checkHousing } from '#domain/residence-lifecycle.ts';
import {
  amountsOfMonth,
  arrearsOf,
  monthsOwed,
  checkDeparture,
  contractStayEnd,
  monthStatement,
  nextReview,
  stayHorizon,
  type ContractTerms,
  type DepartureDestination,
  type MonthStatement,
  type NoticeGiver,
  type PaymentMeans
} from '#domain/residence.ts';
import { isLive, effectiveStatus, type StayStatus } from '#domain/stay-lifecycle.ts';
import type { Db, Tx } from '#db/client.ts';
import { findHousehold } from '#db/queries/households.ts';
import { findApplication, insertApplicationEvent, updateApplication } from '#db/queries/residence-applications.ts';
import {
  findContract,
  findContractOfStay,
  findDeparture,
  insertAmendment,
  insertContract,
  insertDeparture,
  insertPayment,
  listAmendments,
  listContractRows,
  listContractStaysEndingBefore,
  listPayments,
  updateContract,
  type AmendmentRow,
  type ContractRow,
  type PaymentRow
} from '#db/queries/residence-contracts.ts';
import { findConflicts, findStay, insertStayEvent, lapseExpiredHolds, updateStay, type StayRow } from '#db/queries/stays.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs, today, tonight } from '../clock.ts';
import { checkIdempotencyKey, checkKeepApart, checkUnitForStay, loadStay, withIdempotency, writeStay } from '../stays.ts';
import { newId, writeTransaction } from '../transaction.ts';
import { startPeriodic, type JobLog } from '../periodic.ts';

const WRITERS_ONLY = 'residence officers and admins only';
const READERS_ONLY = 'residence officers, admins, housing officers and duty officers only';

/** The stay events a contract writes on its stay (worded on the stay's page). */
export const CONTRACT_STAY_ACTIONS = { extend: 'contract_extend', depart: 'contract_departure' } as const;

export interface ContractInput {
  applicationId: string;
  unitId: string;
  start: IsoDate;
  rentCents: number;
  chargesCents: number;
  depositCents: number;
  aplCents?: number;
  /** Adopts this existing stay of the household (a resident already in place) instead of placing one. */
  stayId?: string | null;
  /** The referent social worker (a member of staff). */
  referent?: string | null;
  /** The household's plan is reviewed every this many months (6 by default). */
  reviewEveryMonths?: number;
}

export interface AmendmentView {
  id: number;
  contractId: string;
  from: IsoDate;
  rentCents: number | null;
  chargesCents: number | null;
  aplCents: number | null;
  createdAt: string;
}

export interface PaymentView {
  id: string;
  contractId: string;
  date: IsoDate;
  amountCents: number;
  means: PaymentMeans;
  reason: string | null;
  createdAt: string;
}

export interface DepartureView {
  date: IsoDate;
  destination: DepartureDestination;
  noticeGivenOn: IsoDate | null;
  by: NoticeGiver | null;
  reason: string | null;
  recordedAt: string;
}

export interface ContractView {
  id: string;
  applicationId: string;
  householdId: string;
  unitId: string;
  stayId: string;
  start: IsoDate;
  end: IsoDate | null;
  rentCents: number;
  chargesCents: number;
  aplCents: number;
  depositCents: number;
  status: 'active' | 'ended';
  referent: string | null;
  reviewEveryMonths: number;
  /** The next review of the household's plan on or after today; null once the contract has ended. */
  nextReviewOn: IsoDate | null;
  /** The arrears at the end of the current month: the balance and the months it stands for. */
  arrears: { month: string; balanceCents: number; monthsOwed: number };
  amendments: AmendmentView[];
  departure: DepartureView | null;
  createdAt: string;
  updatedAt: string;
}

function amendmentView(a: AmendmentRow): AmendmentView {
  return { id: a.id, contractId: a.contractId, from: a.from, rentCents: a.rentCents, chargesCents: a.chargesCents, aplCents: a.aplCents, createdAt: toOffsetTimestamp(a.createdAt) };
}

function paymentView(p: PaymentRow): PaymentView {
  return { id: p.id, contractId: p.contractId, date: p.date, amountCents: p.amountCents, means: p.means, reason: p.reason, createdAt: toOffsetTimestamp(p.createdAt) };
}

/** The contract's terms as the statement rules read them. */
function termsOf(contract: ContractRow, amendments: readonly AmendmentRow[]): ContractTerms {
  return { start: contract.start, departure: contract.end, rentCents: contract.rentCents, chargesCents: contract.chargesCents, aplCents: contract.aplCents, amendments };
}

function contractView(db: Db | Tx, contract: ContractRow): ContractView {
  const amendments = listAmendments(db, contract.id);
  const payments = listPayments(db, contract.id);
  const departure = findDeparture(db, contract.id);
  const month = monthOf(today());
  return {
    id: contract.id,
    applicationId: contract.applicationId,
    householdId: contract.householdId,
    unitId: contract.unitId,
    stayId: contract.stayId,
    start: contract.start,
    end: contract.end,
    rentCents: contract.rentCents,
    chargesCents: contract.chargesCents,
    aplCents: contract.aplCents,
    depositCents: contract.depositCents,
    status: contract.status,
    referent: contract.referent,
    reviewEveryMonths: contract.reviewEveryMonths,
    nextReviewOn: contract.status === 'active' ? nextReview(contract.start, today(), contract.reviewEveryMonths) : null,
    arrears: { month, ...arrearsOf(termsOf(contract, amendments), payments, month) },
    amendments: amendments.map(amendmentView),
    departure: departure
      ? { date: departure.date, destination: departure.destination, noticeGivenOn: departure.noticeGivenOn, by: departure.by, reason: departure.reason, recordedAt: toOffsetTimestamp(departure.recordedAt) }
      : null,
    createdAt: toOffsetTimestamp(contract.createdAt),
    updatedAt: toOffsetTimestamp(contract.updatedAt)
  };
}

function loadContract(db: Db | Tx, id: string): ContractRow {
  const contract = findContract(db, id);
  if (!contract) throw new AppError('not_found', 'no such contract');
  return contract;
}

function requireActive(contract: ContractRow): void {
  if (contract.status !== 'active') throw new AppError('invalid_transition', 'this contract has ended');
}

/** 422 for a date that does not exist on the calendar. */
function checkDate(value: string, path: string): void {
  if (!isValidDate(value)) throw new AppError('invalid', `${path} is not a calendar date`, { errors: [{ path, message: 'not a calendar date' }] });
}

/**
 * Extends a contract's stay to `end` inside the caller's transaction, outside the stay limit: 409
 * overlap (with the conflicting ranges) when a stay or a block holds one of the new nights, 422 when
 * a household it must be kept apart from is on the site on one of them. The
 * extension is a stay event of its own and an audit entry.
 */
function extendContractStay(tx: Tx, actor: Actor | null, stay: StayRow, end: IsoDate, contractId: string | null): StayRow {
  const now = nowMs();
  lapseExpiredHolds(tx, stay.unitId, now);
  const conflicts = findConflicts(tx, stay.unitId, stay.end, end, now, stay.id);
  if (conflicts.length) throw new AppError('overlap', 'the contract keeps its stay six months ahead, and these nights are taken on the unit', { conflicts });
  // The new nights are a placement like any other: never on the site of a household it must be kept apart from.
  const unit = findUnitWithSite(tx, stay.unitId);
  if (unit) checkKeepApart(tx, stay.householdId, unit.siteId, stay.end, end, now);
  const updated = updateStay(tx, stay.id, { end, updatedAt: now });
  insertStayEvent(tx, {
    stayId: stay.id,
    action: CONTRACT_STAY_ACTIONS.extend,
    fromStatus: stay.status,
    toStatus: stay.status,
    start: updated.start,
    end,
    previousEnd: stay.end,
    actorId: actor?.accountId ?? null,
    at: now
  });
  audit(tx, actor, 'stay.contract_extend', 'stay', stay.id, { previousEnd: stay.end, end, ...(contractId && { contractId }) });
  return updated;
}

function checkAmounts(input: { rentCents: number; chargesCents: number; depositCents: number }): void {
  // A deposit of at most one month's rent-equivalent may be asked.
  if (input.depositCents > input.rentCents) {
    throw new AppError('invalid', 'the deposit is at most one month of the rent-equivalent', { errors: [{ path: 'depositCents', message: `at most rentCents (${input.rentCents})` }] });
  }
}

/**
 * Signs a contract for an admitted application: places a `social_residence` stay on the unit from
 * `start` through the booking core (the overlap guarantee, 409 `overlap`), or adopts `stayId`, the
 * household's live stay of the programme on that unit (`start` is then the stay's); the stay reaches
 * at least six months beyond tonight, outside the stay limit; the application becomes `housed`.
 * An application that is not admitted is 409 `invalid_transition`. Under an idempotency key a retry
 * returns the first answer and signs nothing twice.
 */
export function createContract(db: Db, actor: Actor, input: ContractInput, idempotencyKey?: string): { replayed: boolean; value: ContractView } {
  requireRole(actor, RESIDENCE_ROLES, WRITERS_ONLY);
  checkIdempotencyKey(idempotencyKey);
  checkDate(input.start, 'start');
  checkAmounts(input);
  if (!input.stayId && input.start < tonight()) {
    throw new AppError('invalid', `a contract's stay may not start before tonight's night (${tonight()}); adopt the household's stay with stayId instead`, {
      errors: [{ path: 'start', message: `before tonight's night (${tonight()})` }]
    });
  }
  return withIdempotency(db, actor, idempotencyKey, 'POST /residence/contracts', (tx) => {
    const now = nowMs();
    const application = findApplication(tx, input.applicationId);
    if (!application) throw new AppError('not_found', 'no such application');
    checkHousing(application.status);
    let stay: StayRow;
    if (input.stayId) {
      stay = adoptStay(tx, actor, input, application.householdId);
    } else {
      const unit = findUnitWithSite(tx, input.unitId);
      const household = findHousehold(tx, application.householdId)!;
      checkUnitForStay(tx, actor, unit, { programme: 'social_residence', persons: household.adults + household.children, nights: null });
      stay = writeStay(
        tx,
        actor,
        { unitId: input.unitId, start: input.start, end: contractStayEnd(input.start, tonight()), programme: 'social_residence', householdId: application.householdId, status: 'confirmed', overrideReason: null },
        'place'
      ).stay;
    }
    const contract = insertContract(tx, {
      id: newId(),
      applicationId: application.id,
      householdId: application.householdId,
      unitId: stay.unitId,
      stayId: stay.id,
      start: stay.start,
      end: null,
      rentCents: input.rentCents,
      chargesCents: input.chargesCents,
      aplCents: input.aplCents ?? 0,
      depositCents: input.depositCents,
      referent: input.referent?.trim() || null,
      reviewEveryMonths: input.reviewEveryMonths ?? 6,
      status: 'active',
      createdBy: actor.accountId,
      createdAt: now,
      updatedAt: now
    });
    // The application's contract has started: it is housed, and the step is dated.
    updateApplication(tx, application.id, { status: 'housed', updatedAt: now });
    insertApplicationEvent(tx, { applicationId: application.id, status: 'housed', reason: null, committeeId: null, urgent: false, at: now, accountId: actor.accountId });
    audit(tx, actor, 'residence_contract.create', 'residence_contract', contract.id, {
      applicationId: application.id,
      unitId: contract.unitId,
      stayId: stay.id,
      start: contract.start,
      adopted: !!input.stayId
    });
    return contractView(tx, contract);
  });
}

/**
 * The stay a contract adopts: the household's own live `social_residence` stay on the unit named,
 * under no other contract (a resident already in place); extended six months ahead when it is not.
 */
function adoptStay(tx: Tx, actor: Actor, input: ContractInput, householdId: string): StayRow {
  const stay = loadStay(tx, actor, input.stayId!);
  const errors: FieldError[] = [];
  if (stay.householdId !== householdId) errors.push({ path: 'stayId', message: "not a stay of the application's household" });
  if (stay.programme !== 'social_residence') errors.push({ path: 'stayId', message: 'not a stay of the social residence' });
  if (stay.unitId !== input.unitId) errors.push({ path: 'unitId', message: "not the stay's unit" });
  if (errors.length) throw new AppError('invalid', 'this stay cannot be adopted by the contract', { errors });
  const status = effectiveStatus(stay.status as StayStatus, stay.holdExpiresAt, nowMs());
  if (!isLive(status) || status === 'hold') throw new AppError('invalid_transition', `a contract adopts a confirmed or current stay, not one that is "${status}"`);
  if (findContractOfStay(tx, stay.id)) throw new AppError('invalid_transition', 'this stay is already under a contract');
  const horizon = stayHorizon(stay.end, tonight());
  return horizon.needsExtension ? extendContractStay(tx, actor, stay, horizon.extendTo, null) : stay;
}

/** One contract (residence staff; housing and duty officers read). */
export function getContract(db: Db, actor: Actor, id: string): ContractView {
  requireRole(actor, RESIDENCE_READERS, READERS_ONLY);
  return contractView(db, loadContract(db, id));
}

/** The contracts (active ones, ended ones, or all), the earliest start first. */
export function listContracts(db: Db, actor: Actor, filter: { status?: 'active' | 'ended' } = {}): ContractView[] {
  requireRole(actor, RESIDENCE_READERS, READERS_ONLY);
  return listContractRows(db, filter.status).map((c) => contractView(db, c));
}

export interface StatementLine extends MonthStatement {
  contractId: string;
  householdId: string;
  unitId: string;
  status: 'active' | 'ended';
  /** The months the balance stands for (the month's own rent + charges − benefit). */
  monthsOwed: number;
}

/**
 * The month's statement of every contract that had begun by the month's end and was still running
 * in it, or that still owes or is owed something: the accountant's monthly list, arrears included.
 */
export function monthlyStatements(db: Db, actor: Actor, month: string): StatementLine[] {
  requireRole(actor, RESIDENCE_READERS, READERS_ONLY);
  if (!isValidMonth(month)) throw new AppError('validation', 'month is YYYY-MM', { errors: [{ path: 'month', message: 'expected a month written YYYY-MM' }] });
  const out: StatementLine[] = [];
  for (const c of listContractRows(db)) {
    if (monthOf(c.start) > month) continue;
    const terms = termsOf(c, listAmendments(db, c.id));
    const line = monthStatement(terms, listPayments(db, c.id), month);
    if (line.nights === 0 && line.balanceCents === 0 && line.paidCents === 0) continue;
    out.push({ contractId: c.id, householdId: c.householdId, unitId: c.unitId, status: c.status, ...line, monthsOwed: monthsOwed(line.balanceCents, amountsOfMonth(terms, month)) });
  }
  return out;
}

export interface AmendmentInput {
  from: IsoDate;
  rentCents?: number | null;
  chargesCents?: number | null;
  aplCents?: number | null;
}

/**
 * New amounts from a date (a yearly revision, a new housing benefit): only those named change; the
 * statements use the amounts in force each night. On an active contract, from its start on.
 */
export function amendContract(db: Db, actor: Actor, contractId: string, input: AmendmentInput, idempotencyKey?: string): { replayed: boolean; value: AmendmentView } {
  requireRole(actor, RESIDENCE_ROLES, WRITERS_ONLY);
  checkIdempotencyKey(idempotencyKey);
  checkDate(input.from, 'from');
  if (input.rentCents == null && input.chargesCents == null && input.aplCents == null) {
    throw new AppError('invalid', 'an amendment changes at least one amount', { errors: [{ path: 'rentCents', message: 'give rentCents, chargesCents or aplCents' }] });
  }
  return withIdempotency(db, actor, idempotencyKey, `POST /residence/contracts/${contractId}/amendments`, (tx) => {
    const contract = loadContract(tx, contractId);
    requireActive(contract);
    if (input.from < contract.start) {
      throw new AppError('invalid', `an amendment applies from the contract's start (${contract.start}) on`, { errors: [{ path: 'from', message: `on or after ${contract.start}` }] });
    }
    const row = insertAmendment(tx, {
      contractId,
      from: input.from,
      rentCents: input.rentCents ?? null,
      chargesCents: input.chargesCents ?? null,
      aplCents: input.aplCents ?? null,
      createdBy: actor.accountId,
      createdAt: nowMs()
    });
    updateContract(tx, contractId, { updatedAt: nowMs() });
    audit(tx, actor, 'residence_contract.amend', 'residence_contract', contractId, {
      from: row.from,
      ...(row.rentCents !== null && { rentCents: row.rentCents }),
      ...(row.chargesCents !== null && { chargesCents: row.chargesCents }),
      ...(row.aplCents !== null && { aplCents: row.aplCents })
    });
    return amendmentView(row);
  });
}

/** A month's statement: nights, what is due, the benefit, what was paid, the balance carried over. */
export function contractStatement(db: Db, actor: Actor, contractId: string, month: string): MonthStatement {
  requireRole(actor, RESIDENCE_READERS, READERS_ONLY);
  const contract = loadContract(db, contractId);
  return monthStatement(termsOf(contract, listAmendments(db, contractId)), listPayments(db, contractId), month);
}

export interface PaymentInput {
  date: IsoDate;
  amountCents: number;
  means: PaymentMeans;
  /** Required for a reversal (a negative amount): a bounced cheque. */
  reason?: string | null;
}

/**
 * Records a payment (or, with a negative amount and its reason, a reversal): dated from the month of
 * the contract's start (the first month its statements count) up to today. Under an idempotency
 * key a retried request records it once.
 */
export function recordPayment(db: Db, actor: Actor, contractId: string, input: PaymentInput, idempotencyKey?: string): { replayed: boolean; value: PaymentView } {
  requireRole(actor, RESIDENCE_ROLES, WRITERS_ONLY);
  checkIdempotencyKey(idempotencyKey);
  checkDate(input.date, 'date');
  const reason = input.reason?.trim() || null;
  if (input.amountCents === 0) throw new AppError('invalid', 'a payment of nothing is not recorded', { errors: [{ path: 'amountCents', message: 'not 0' }] });
  if (input.amountCents < 0 && !reason) {
    throw new AppError('invalid', 'a reversal (a negative amount) is recorded with its reason', { errors: [{ path: 'reason', message: 'required for a negative amount' }] });
  }
  if (input.date > today()) throw new AppError('invalid', `a payment is recorded once made: on or before today (${today()})`, { errors: [{ path: 'date', message: `after today (${today()})` }] });
  return withIdempotency(db, actor, idempotencyKey, `POST /residence/contracts/${contractId}/payments`, (tx) => {
    const contract = loadContract(tx, contractId);
    const first = `${monthOf(contract.start)}-01`;
    if (input.date < first) {
      throw new AppError('invalid', `a payment is dated from the month of the contract's start (${first}) on`, { errors: [{ path: 'date', message: `on or after ${first}` }] });
    }
    const row = insertPayment(tx, { id: newId(), contractId, date: input.date, amountCents: input.amountCents, means: input.means, reason, createdBy: actor.accountId, createdAt: nowMs() });
    audit(tx, actor, input.amountCents < 0 ? 'residence_contract.reversal' : 'residence_contract.payment', 'residence_contract', contractId, {
      paymentId: row.id,
      date: row.date,
      amountCents: row.amountCents,
      means: row.means,
      ...(reason && { reason })
    });
    return paymentView(row);
  });
}

/** A contract's payments, by date. */
export function listContractPayments(db: Db, actor: Actor, contractId: string): PaymentView[] {
  requireRole(actor, RESIDENCE_READERS, READERS_ONLY);
  loadContract(db, contractId);
  return listPayments(db, contractId).map(paymentView);
}

export interface DepartureInput {
  date: IsoDate;
  destination: DepartureDestination;
  noticeGivenOn?: IsoDate | null;
  by?: NoticeGiver | null;
  reason?: string | null;
}

/**
 * Records a departure, when it is announced (its date past or to come): the contract ends at `date`
 * (fees run to the night before it), its stay now ends at `date` (the nights from it are free) and
 * carries the destination. The residence gives a reason; a date not after the start or after the
 * stay's end is 422; an ended contract is 409 `invalid_transition`.
 */
export function recordDeparture(db: Db, actor: Actor, contractId: string, input: DepartureInput): ContractView {
  requireRole(actor, RESIDENCE_ROLES, WRITERS_ONLY);
  checkDate(input.date, 'date');
  if (input.noticeGivenOn) checkDate(input.noticeGivenOn, 'noticeGivenOn');
  const reason = input.reason?.trim() || null;
  return writeTransaction(db, (tx) => {
    const now = nowMs();
    const contract = loadContract(tx, contractId);
    requireActive(contract);
    const stay = findStay(tx, contract.stayId)!;
    checkDeparture({ date: input.date, noticeGivenOn: input.noticeGivenOn, by: input.by, reason }, { start: contract.start, stayEnd: stay.end });
    if (input.date < stay.end && isLive(effectiveStatus(stay.status as StayStatus, stay.holdExpiresAt, now))) {
      // A departure dated today or before, of a household in place: it has left, and its stay ends as a check-out would.
      const left = stay.status === 'in_place' && input.date <= today();
      const updated = updateStay(tx, stay.id, { end: input.date, destination: input.destination, updatedAt: now, ...(left && { status: 'ended' as const }) });
      insertStayEvent(tx, {
        stayId: stay.id,
        action: CONTRACT_STAY_ACTIONS.depart,
        fromStatus: stay.status,
        toStatus: updated.status,
        start: updated.start,
        end: updated.end,
        previousEnd: stay.end,
        actorId: actor.accountId,
        at: now
      });
      audit(tx, actor, 'stay.contract_departure', 'stay', stay.id, { previousEnd: stay.end, end: updated.end, destination: input.destination, contractId });
    } else {
      updateStay(tx, stay.id, { destination: input.destination, updatedAt: now });
    }
    insertDeparture(tx, {
      contractId,
      date: input.date,
      destination: input.destination,
      noticeGivenOn: input.noticeGivenOn ?? null,
      by: input.by ?? null,
      reason,
      recordedBy: actor.accountId,
      recordedAt: now
    });
    const ended = updateContract(tx, contractId, { status: 'ended', end: input.date, updatedAt: now });
    audit(tx, actor, 'residence_contract.departure', 'residence_contract', contractId, {
      date: input.date,
      destination: input.destination,
      ...(input.noticeGivenOn && { noticeGivenOn: input.noticeGivenOn }),
      ...(input.by && { by: input.by }),
      ...(reason && { reason })
    });
    return contractView(tx, ended);
  });
}

/**
 * Keeps every active contract's stay six months ahead of tonight: each stay that ends before
 * tonight + 6 months is extended to tonight + 7 months (outside the stay limit), one transaction per
 * contract, by the system. A stay whose new nights are taken (a block put after it), or would share
 * the site with a household it must be kept apart from, is left as it is and counted, to be tried
 * again at the next run.
 */
export function keepContractStaysAhead(db: Db): { extended: number; blocked: number } {
  const night = tonight();
  const { requiredEnd, extendTo } = stayHorizon(night, night);
  let extended = 0;
  let blocked = 0;
  for (const { contractId, stayId } of listContractStaysEndingBefore(db, requiredEnd)) {
    try {
      writeTransaction(db, (tx) => {
        const stay = findStay(tx, stayId);
        if (!stay || !isLive(stay.status as StayStatus) || stay.end >= requiredEnd) return;
        extendContractStay(tx, null, stay, extendTo, contractId);
        extended++;
      });
    } catch (e) {
      // Nights taken on the unit, or a household it must be kept apart from on the site: tried again at the next run.
      if (e instanceof AppError && (e.code === 'overlap' || e.code === 'invalid')) blocked++;
      else throw e;
    }
  }
  return { extended, blocked };
}

/** Runs keepContractStaysAhead on a timer (the server starts it); a failed run is logged by its code only. Returns a stop function. */
export function startContractHorizon(db: Db, log: JobLog, everyMs = 60 * 60_000): () => void {
  return startPeriodic("residence contracts' horizon", () => {
    const r = keepContractStaysAhead(db);
    return r.extended || r.blocked
      ? `Residence contracts: ${r.extended} stay(s) extended six months ahead, ${r.blocked} blocked (nights taken after them, or a household to keep apart on the site).`
      : null;
  }, log, 30_000, everyMs);
}
