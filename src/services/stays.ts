// Stays: place, read, list, extend or shorten, and the moves of the lifecycle.
import { MAX_QUERY_NIGHTS, MAX_STAY_NIGHTS, toOffsetTimestamp } from '#domain/dates.ts';
import type { Alternative } from '#domain/allocation.ts';
import { confidentialityCause } from '#domain/confidentiality.ts';
import { AppError, NoAvailabilityError } from '#domain/errors.ts';
import { enforceLimit } from '#domain/limits.ts';
import { STAFF_ROLES, rolesHandling, type Programme } from '#domain/programmes.ts';
import { DEPARTURE_DESTINATIONS, isDepartureDestination, type DepartureDestination } from '#domain/residence-codes.ts';
import { decideTransition, effectiveStatus, isLive, stayDirectlyFollowed, type StayAction, type StayStatus } from '#domain/stay-lifecycle.ts';
import type { Db, Tx } from '#db/client.ts';
import { findHousehold, insertHousehold, isPseudonymTaken, listHouseholdStays, setHouseholdConfidential, type HouseholdRow } from '#db/queries/households.ts';
import { findIdempotentAnswer, saveIdempotentAnswer } from '#db/queries/idempotency.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { decideHoldExtension, holdExtensionsLeft } from '#domain/time-limits.ts';
import {
  countStayEvents,
  findConflicts,
  findKeepApartSites,
  findStay,
  insertStay,
  insertStayEvent,
  lapseExpiredHolds,
  listStayEvents,
  listStaysOverlapping,
  listTogetherStays,
  updateStay,
  type StayRow
} from '#db/queries/stays.ts';
import { findUnitWithSite, type UnitWithSite } from '#db/queries/units.ts';
import { findReferral } from '#db/queries/referrals.ts';
import { findContractOfStay } from '#db/queries/residence-contracts.ts';
import { checkReferralPlacement } from '#domain/referral-lifecycle.ts';
import { holdForReferral, isAwaitingPlacement, linkPlacementToReferral } from './referrals.ts';
import { sendAfterCommit } from './notifications.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { findVisibleHousehold, seesProgramme } from './visibility.ts';
import { nowMs, today, tonight } from './clock.ts';
import { settings } from './config.ts';
import { checkRange } from './ranges.ts';
import { groupedWrite, newId, randomPseudonym, writeTransaction } from './transaction.ts';
import { checkOriginCommune } from './origin.ts';

export interface HouseholdInput {
  label: string;
  adults: number;
  children: number;
  needs?: string[];
  /** The id of the household this one must be kept apart from (never the same site on an overlapping night). */
  keepApartFrom?: string | null;
  /** Where it comes from: an INSEE code of a commune of the territory, 'outside'; null or absent: unknown. */
  originCommune?: string | null;
}

export interface PlaceStayInput {
  unitId: string;
  start: string;
  end: string;
  programme: Programme;
  /** A new household; or `householdId` to place a household already known (a return, a next step). */
  household?: HouseholdInput;
  householdId?: string | null;
  /** The stay this one follows on a path (the protocol's apartment after its hotel nights). */
  previousStayId?: string | null;
  status?: 'hold' | 'confirmed';
  referralId?: string | null;
  note?: string | null;
  overrideReason?: string | null;
  /** One of a household's linked stays placed together on the same nights, with its own share of the household. */
  together?: { group: string; adults: number; children: number };
}

export interface StayView {
  id: string;
  unitId: string;
  householdId: string;
  programme: Programme;
  start: string;
  end: string;
  status: StayStatus;
  holdExpiresAt: string | null;
  referralId: string | null;
  previousStayId: string | null;
  note: string | null;
  overrideReason: string | null;
  createdAt: string;
  updatedAt: string;
  household?: { pseudonym: string; label: string | null; adults: number; children: number; confidential: boolean };
  /** Only for one of a household's stays placed together on the same nights: the link, and who sleeps in this unit. */
  togetherGroup?: string;
  /** Where the household went when it left (set at check-out or a residence departure); absent when not said. */
  destination?: DepartureDestination;
  adults?: number;
  children?: number;
  history?: { action: string; fromStatus: StayStatus | null; toStatus: StayStatus; start: string; end: string; previousEnd: string | null; reason: string | null; at: string }[];
}

/** Staff may act on a programme only within their role (docs/api.md, "Roles"). */
export function requireProgramme(actor: Actor, programme: string): void {
  requireRole(actor, rolesHandling(programme), `the role ${actor.role} may not handle stays of the programme ${programme}`);
}

/** A confidential household's name is never in a stay's view; it is revealed on its own, audited. */
export function toStayView(row: StayRow, now: number, household?: HouseholdRow, withHistory?: ReturnType<typeof listStayEvents>): StayView {
  const status = effectiveStatus(row.status as StayStatus, row.holdExpiresAt, now);
  return {
    id: row.id,
    unitId: row.unitId,
    householdId: row.householdId,
    programme: row.programme,
    start: row.start,
    end: row.end,
    status,
    holdExpiresAt: status === 'hold' && row.holdExpiresAt !== null ? toOffsetTimestamp(row.holdExpiresAt) : null,
    referralId: row.referralId,
    previousStayId: row.previousStayId,
    note: row.note,
    overrideReason: row.overrideReason,
    createdAt: toOffsetTimestamp(row.createdAt),
    updatedAt: toOffsetTimestamp(row.updatedAt),
    ...(row.togetherGroup && { togetherGroup: row.togetherGroup, adults: row.adults ?? 0, children: row.children ?? 0 }),
    ...(row.destination && { destination: row.destination }),
    ...(household && {
      household: {
        pseudonym: household.pseudonym,
        label: household.confidential ? null : household.label,
        adults: household.adults,
        children: household.children,
        confidential: household.confidential
      }
    }),
    ...(withHistory && {
      history: withHistory.map((e) => ({
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        start: e.start,
        end: e.end,
        previousEnd: e.previousEnd,
        reason: e.reason,
        at: toOffsetTimestamp(e.at)
      }))
    })
  };
}

/** The first checks of any placement, before the transaction: dates, programme, start. */
export function checkPlacementDates(actor: Actor, start: string, end: string): number {
  const nights = checkRange(start, end, MAX_STAY_NIGHTS);
  if (start < tonight() && actor.role !== 'admin') {
    throw new AppError('invalid', `a stay may not start before tonight's night (${tonight()}); only an admin records past stays`, {
      errors: [{ path: 'start', message: `before tonight's night (${tonight()})` }]
    });
  }
  return nights;
}

/** The checks that depend on the unit: it exists, serves the programme, holds the household, the limit (unless `nights` is null). */
export function checkUnitForStay(
  tx: Tx,
  actor: Actor,
  unit: UnitWithSite | undefined,
  input: { programme: string; persons: number; nights: number | null; overrideReason?: string | null }
): string | null {
  if (!unit || !unit.active) throw new AppError('not_found', 'no such unit');
  if (!(unit.programmes as string[]).includes(input.programme)) {
    throw new AppError('invalid', `this unit does not serve the programme ${input.programme}`, { errors: [{ path: 'programme', message: 'not served by this unit' }] });
  }
  if (input.persons > unit.capacity) {
    throw new AppError('invalid', `a household of ${input.persons} persons is larger than this unit (capacity ${unit.capacity})`, {
      errors: [{ path: 'household', message: `more than the unit's capacity of ${unit.capacity}` }]
    });
  }
  // No nights: a stay outside the stay limit (a residence contract's, kept six months ahead).
  if (input.nights === null) return null;
  return enforceLimit({
    nights: input.nights,
    maxNights: findStayLimit(tx, input.programme, unit.site.kind),
    overrideReason: input.overrideReason,
    isAdmin: actor.role === 'admin'
  });
}

/** A new household (a pseudonym of its own), for a stay or an application to the social residence. */
export function createHousehold(tx: Tx, h: HouseholdInput, confidential: boolean, now: number): HouseholdRow {
  let pseudonym = randomPseudonym();
  for (let i = 0; isPseudonymTaken(tx, pseudonym); i++) pseudonym = randomPseudonym(i < 20 ? 4 : 6);
  return insertHousehold(tx, {
    id: newId(),
    label: h.label.trim(),
    pseudonym,
    adults: h.adults,
    children: h.children,
    needs: h.needs ?? [],
    // A household first placed under the domestic-violence protocol or on a confidential site is confidential from its creation.
    confidential,
    keepApartFromId: h.keepApartFrom ?? null,
    originCommune: checkOriginCommune(tx, h.originCommune, 'household.originCommune'),
    createdAt: now
  });
}

/** 422 when the household would share a site with a household it must be kept apart from. */
export function checkKeepApart(tx: Tx, householdId: string, siteId: string, start: string, end: string, now: number): void {
  if (findKeepApartSites(tx, { householdId, keepApartFrom: null }, start, end, now).includes(siteId)) {
    // Said to staff only: every caller of a placement is staff.
    throw new AppError('invalid', 'this household must be kept apart from a household placed on this site on overlapping nights: choose another site', {
      errors: [{ path: 'household.keepApartFrom', message: 'the other household is on this site on these nights' }]
    });
  }
}

/**
 * Writes a stay on a unit inside the caller's transaction, after the caller's checks: lapses the
 * unit's expired holds, refuses any overlap (409 with the conflicting ranges), records the event.
 */
export function writeStay(
  tx: Tx,
  actor: Actor,
  input: Omit<PlaceStayInput, 'overrideReason'> & { overrideReason: string | null },
  action: 'place' | 'allocate',
  /** The unit, when the caller has just read it in this transaction. */
  loadedUnit?: UnitWithSite
): { stay: StayRow; household: HouseholdRow } {
  const now = nowMs();
  lapseExpiredHolds(tx, input.unitId, now);
  const conflicts = findConflicts(tx, input.unitId, input.start, input.end, now);
  if (conflicts.length) throw new AppError('overlap', 'these nights overlap a live stay or a block on this unit', { conflicts });
  // The callers have checked the unit (it exists, serves the programme, holds the household).
  const unit = loadedUnit?.id === input.unitId ? loadedUnit : findUnitWithSite(tx, input.unitId)!;
  const cause = confidentialityCause(input.programme, unit.site.confidential);
  const stayId = newId();
  let household: HouseholdRow;
  if (input.householdId) {
    // A household the caller could see only through a programme it does not handle is not found.
    const known = findVisibleHousehold(tx, actor, input.householdId);
    household = known;
    // Confidentiality follows the household, not its creation: from this stay on, for good
    // (a trigger on stays holds the same rule for any other write).
    if (cause && !known.confidential) {
      setHouseholdConfidential(tx, known.id, true);
      audit(tx, actor, 'household.confidential', 'household', known.id, { cause, stayId });
      household = { ...known, confidential: true };
    }
  } else {
    if (input.household!.keepApartFrom && !findHousehold(tx, input.household!.keepApartFrom)) {
      throw new AppError('not_found', 'no such household to keep apart from');
    }
    // A household placed from a referral comes from where the referral said, unless the placement says otherwise.
    const fromReferral = input.referralId && input.household!.originCommune == null ? (findReferral(tx, input.referralId)?.originCommune ?? null) : null;
    household = createHousehold(tx, fromReferral ? { ...input.household!, originCommune: fromReferral } : input.household!, cause !== null, now);
  }
  // A new household that names nobody cannot be kept apart from anyone yet: no query needed.
  if (input.householdId || household.keepApartFromId) checkKeepApart(tx, household.id, unit.siteId, input.start, input.end, now);
  const status = input.status ?? 'confirmed';
  // A known household's new stay that starts the day its last one ends follows it (returns and
  // pathways linked), among the stays of programmes the caller sees; an explicit link wins.
  const previousStayId =
    input.previousStayId ??
    (input.householdId
      ? stayDirectlyFollowed(
          listHouseholdStays(tx, household.id)
            .filter((s) => seesProgramme(actor, s.programme))
            .map((s) => ({ id: s.id, end: s.end, status: effectiveStatus(s.status as StayStatus, s.holdExpiresAt, now) })),
          input.start
        )
      : null);
  const stay = insertStay(tx, {
    id: stayId,
    unitId: input.unitId,
    householdId: household.id,
    programme: input.programme,
    start: input.start,
    end: input.end,
    status,
    holdExpiresAt: status === 'hold' ? now + settings.holdMinutes() * 60_000 : null,
    referralId: input.referralId ?? null,
    previousStayId,
    note: input.note?.trim() || null,
    overrideReason: input.overrideReason,
    ...(input.together && { togetherGroup: input.together.group, adults: input.together.adults, children: input.together.children }),
    createdBy: actor.accountId,
    createdAt: now,
    updatedAt: now
  });
  insertStayEvent(tx, { stayId: stay.id, action, fromStatus: null, toStatus: status, start: stay.start, end: stay.end, reason: input.overrideReason, actorId: actor.accountId, at: now });
  audit(tx, actor, `stay.${action}`, 'stay', stay.id, {
    unitId: stay.unitId,
    programme: stay.programme,
    start: stay.start,
    end: stay.end,
    status,
    ...(input.together && { togetherGroup: input.together.group }),
    ...(input.overrideReason && { overrideReason: input.overrideReason }),
    ...(stay.start < tonight() && { pastStay: true })
  });
  return { stay, household };
}

/**
 * Runs `fn` in one IMMEDIATE transaction under an idempotency key: a retry with the same key
 * returns the first answer and places nobody twice. Only successful answers are kept; a failed
 * request changed nothing, so its retry simply runs again.
 */
export function withIdempotency<T>(db: Db, actor: Actor, key: string | undefined, route: string, fn: (tx: Tx) => T): { replayed: boolean; value: T } {
  return writeTransaction(db, (tx) => idempotent(tx, actor, key, route, fn));
}

/** The work of withIdempotency inside the caller's transaction. */
function idempotent<T>(tx: Tx, actor: Actor, key: string | undefined, route: string, fn: (tx: Tx) => T): { replayed: boolean; value: T } {
  if (key) {
    const previous = findIdempotentAnswer(tx, actor.accountId, key);
    if (previous) {
      if (previous.route !== route) throw new AppError('invalid', 'this Idempotency-Key was already used for another request', { errors: [{ path: 'Idempotency-Key', message: 'already used for another request' }] });
      if (previous.statusCode !== 201) {
        const failure = previous.response as StoredFailure;
        throw new NoAvailabilityError(failure.reason, failure.alternatives);
      }
      return { replayed: true, value: previous.response as T };
    }
  }
  const value = fn(tx);
  if (key) saveIdempotentAnswer(tx, actor.accountId, key, { route, statusCode: 201, response: value }, nowMs());
  return { replayed: false, value };
}

/** A failure kept under an idempotency key: a failed allocation, whose unmet demand is recorded once. */
export interface StoredFailure {
  reason: string;
  alternatives: Alternative[];
}

export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && (key.length < 1 || key.length > 200)) {
    throw new AppError('validation', 'Idempotency-Key must be 1 to 200 characters', { errors: [{ path: 'Idempotency-Key', message: '1 to 200 characters' }] });
  }
}

/**
 * Before a placement that names a referral: the caller decides referrals (403), the referral exists
 * and allows the programme (422). Whether it may still be placed (409) is checked inside the write,
 * once an idempotent retry has had its first answer (checkReferralInWrite), and again where the
 * referral is linked (linkPlacementToReferral, holdForReferral).
 */
export function checkReferral(db: Db, actor: Actor, referralId: string | null | undefined, programme: string): void {
  if (!referralId) return;
  checkReferralPlacement(actor.role, findReferral(db, referralId), programme, { status: false });
}

/** Inside the write, before anything is placed: the referral named may still be placed (409 already_decided otherwise). */
export function checkReferralInWrite(tx: Tx, actor: Actor, referralId: string | null | undefined, programme: string): void {
  if (!referralId) return;
  checkReferralPlacement(actor.role, findReferral(tx, referralId), programme);
}

/** A household counts at least one person; counts are whole and not negative. */
export function checkHousehold(h: HouseholdInput): void {
  const ok = Number.isInteger(h.adults) && Number.isInteger(h.children) && h.adults >= 0 && h.children >= 0 && h.adults + h.children >= 1;
  if (!ok) throw new AppError('invalid', 'a household counts at least one person', { errors: [{ path: 'household', message: 'adults + children must be at least 1' }] });
  if (!h.label.trim()) throw new AppError('invalid', 'a household needs a label', { errors: [{ path: 'household.label', message: 'must not be empty' }] });
}

/** Places a household on a unit: 201 the stay; 409 overlap; 422 for a stay that cannot be. */
export function placeStay(db: Db, actor: Actor, input: PlaceStayInput, idempotencyKey?: string): { replayed: boolean; value: StayView } {
  const nights = checkPlacement(db, actor, input, idempotencyKey);
  const result = withIdempotency(db, actor, idempotencyKey, 'POST /stays', (tx) => placeInWrite(tx, actor, input, nights));
  if (input.referralId) sendAfterCommit(db);
  return result;
}

/**
 * placeStay under group commit (the API's POST /stays): the same checks, the same write, in a
 * savepoint of a transaction shared with the placements that arrive in the same turn of the event
 * loop; settles once that transaction's COMMIT has returned (groupedWrite). A refusal found before
 * the write (400, 403, 422 on dates or the household) is thrown at once, as placeStay throws it.
 */
export function placeStayGrouped(db: Db, actor: Actor, input: PlaceStayInput, idempotencyKey?: string): Promise<{ replayed: boolean; value: StayView }> {
  const nights = checkPlacement(db, actor, input, idempotencyKey);
  const result = groupedWrite(db, (tx) => idempotent(tx, actor, idempotencyKey, 'POST /stays', (t) => placeInWrite(t, actor, input, nights)));
  return input.referralId ? result.then((r) => (sendAfterCommit(db), r)) : result;
}

/** A placement's checks before its transaction; returns its nights. */
function checkPlacement(db: Db, actor: Actor, input: PlaceStayInput, idempotencyKey: string | undefined): number {
  requireProgramme(actor, input.programme);
  // Only those who decide referrals may close one, under a programme it allows: checked before the body.
  checkReferral(db, actor, input.referralId, input.programme);
  checkIdempotencyKey(idempotencyKey);
  if (!input.householdId) {
    if (!input.household) throw new AppError('validation', 'give the household, or the householdId of a known one', { errors: [{ path: 'household', message: 'required' }] });
    checkHousehold(input.household);
  }
  return checkPlacementDates(actor, input.start, input.end);
}

/** A placement inside its transaction: the checks that read the database, then the stay written. */
function placeInWrite(tx: Tx, actor: Actor, input: PlaceStayInput, nights: number): StayView {
  checkReferralInWrite(tx, actor, input.referralId, input.programme);
  const unit = findUnitWithSite(tx, input.unitId);
  const known = input.householdId ? findVisibleHousehold(tx, actor, input.householdId) : undefined;
  const overrideReason = checkUnitForStay(tx, actor, unit, {
    programme: input.programme,
    persons: known ? known.adults + known.children : input.household!.adults + input.household!.children,
    nights,
    overrideReason: input.overrideReason
  });
  const { stay, household } = writeStay(tx, actor, { ...input, overrideReason }, 'place', unit);
  if (input.referralId) {
    if (stay.status === 'hold') holdForReferral(tx, actor, input.referralId, stay.programme);
    else linkPlacementToReferral(tx, actor, input.referralId, stay.id, stay.programme);
  }
  return toStayView(stay, nowMs(), household);
}

/** A stay the actor may see: 404 when there is none, or when it is of a programme the actor's role does not handle. */
export function loadStay(db: Db | Tx, actor: Actor, id: string): StayRow {
  requireRole(actor, STAFF_ROLES, 'staff only');
  const stay = findStay(db, id);
  if (!stay || !seesProgramme(actor, stay.programme)) throw new AppError('not_found', 'no such stay');
  return stay;
}

/** One stay with its household (pseudonym; name only when not confidential) and its history. */
export function getStay(db: Db, actor: Actor, id: string): StayView {
  const stay = loadStay(db, actor, id);
  return toStayView(stay, nowMs(), findHousehold(db, stay.householdId), listStayEvents(db, stay.id));
}

/**
 * A stay and the stays placed together with it (one household, the same nights, several units), in
 * the order they were placed, each with its household; just the stay when it was placed alone.
 */
export function getTogetherStays(db: Db, actor: Actor, id: string): StayView[] {
  const stay = loadStay(db, actor, id);
  const household = findHousehold(db, stay.householdId);
  const now = nowMs();
  const rows = stay.togetherGroup ? listTogetherStays(db, stay.togetherGroup) : [stay];
  return rows.map((r) => toStayView(r, now, household));
}

/** Stays of every status that share a night with [from, to), optionally on one unit, of the programmes the caller handles. */
export function listStays(db: Db, actor: Actor, q: { from: string; to: string; unitId?: string }): StayView[] {
  requireRole(actor, STAFF_ROLES, 'staff only');
  checkRange(q.from, q.to, MAX_QUERY_NIGHTS, ['from', 'to']);
  const now = nowMs();
  // The stays of programmes the caller's role does not handle are left out.
  return listStaysOverlapping(db, q.from, q.to, q.unitId)
    .filter((s) => seesProgramme(actor, s.programme))
    .map((s) => toStayView(s, now, findHousehold(db, s.householdId)));
}

/** The moves that end a stay (as they are worded in a refusal). */
const ENDING_MOVES: Partial<Record<StayAction, string>> = { cancel: 'cancelled', 'no-show': 'marked no-show', 'check-out': 'checked out' };

/**
 * 409 for a move that would end or shorten the stay of an active residence contract: the contract
 * keeps its stay six months ahead until its departure is recorded, which ends the stay at its date.
 */
function refuseUnderActiveContract(tx: Tx, stayId: string, what: string): void {
  if (findContractOfStay(tx, stayId)?.status === 'active') {
    throw new AppError('invalid_transition', `this stay is under an active residence contract: it cannot be ${what}; record the contract's departure instead`);
  }
}

/** Extends or shortens a live stay: 409 when new nights overlap, 422 past the limit. */
export function changeStayEnd(db: Db, actor: Actor, id: string, input: { end: string; overrideReason?: string | null }): StayView {
  requireRole(actor, STAFF_ROLES, 'staff only');
  return writeTransaction(db, (tx) => {
    const now = nowMs();
    const stay = loadStay(tx, actor, id);
    lapseExpiredHolds(tx, stay.unitId, now);
    const current = findStay(tx, id)!;
    if (!isLive(current.status as StayStatus)) {
      throw new AppError('invalid_transition', `a stay that is "${current.status}" cannot be extended or shortened`);
    }
    const nights = checkRange(current.start, input.end, MAX_STAY_NIGHTS, ['start', 'end']);
    if (input.end < current.end) refuseUnderActiveContract(tx, id, 'shortened');
    if (input.end < current.end && input.end < today() && actor.role !== 'admin') {
      throw new AppError('invalid', 'a stay cannot be shortened to end in the past', { errors: [{ path: 'end', message: 'in the past' }] });
    }
    // Only an extension can pass the limit: shortening a stay an admin placed past it stays allowed.
    const unit = findUnitWithSite(tx, current.unitId);
    const overrideReason =
      input.end > current.end
        ? enforceLimit({
            nights,
            maxNights: unit ? findStayLimit(tx, current.programme, unit.site.kind) : null,
            overrideReason: input.overrideReason,
            isAdmin: actor.role === 'admin'
          })
        : null;
    if (input.end > current.end) {
      const conflicts = findConflicts(tx, current.unitId, current.end, input.end, now, current.id);
      if (conflicts.length) throw new AppError('overlap', 'the new nights overlap a live stay or a block on this unit', { conflicts });
      if (unit) checkKeepApart(tx, current.householdId, unit.siteId, current.end, input.end, now);
    }
    const updated = updateStay(tx, id, { end: input.end, updatedAt: now, ...(overrideReason && { overrideReason }) });
    const action = input.end > current.end ? 'extend' : input.end < current.end ? 'shorten' : 'unchanged';
    insertStayEvent(tx, {
      stayId: id,
      action,
      fromStatus: current.status,
      toStatus: current.status,
      start: updated.start,
      end: updated.end,
      previousEnd: current.end,
      reason: overrideReason,
      actorId: actor.accountId,
      at: now
    });
    audit(tx, actor, `stay.${action}`, 'stay', id, { previousEnd: current.end, end: updated.end, ...(overrideReason && { overrideReason }) });
    return toStayView(updated, now, findHousehold(tx, updated.householdId));
  });
}

/**
 * Where a household went, as the check-out records it: one of the closed list, or null when not
 * said (blank); anything else is 422. Only a check-out records one.
 */
export function checkDestination(action: StayAction, destination: string | null | undefined): DepartureDestination | null {
  if (destination === undefined || destination === null || destination === '') return null;
  if (action !== 'check-out') throw new AppError('invalid', 'a destination is recorded at check-out only', { errors: [{ path: 'destination', message: 'check_out_only' }] });
  if (!isDepartureDestination(destination)) {
    throw new AppError('invalid', `destination is one of ${DEPARTURE_DESTINATIONS.join(', ')}`, { errors: [{ path: 'destination', message: 'unknown_destination' }] });
  }
  return destination;
}

/**
 * confirm, check-in, check-out, cancel, no-show, as the table of docs/domain.md, "Stays and their
 * moves", says. A check-out may record where the household went (`destination`, the closed list).
 */
export function actOnStay(db: Db, actor: Actor, id: string, action: StayAction, options: { destination?: string | null } = {}): StayView {
  requireRole(actor, STAFF_ROLES, 'staff only');
  const destination = checkDestination(action, options.destination);
  let notify = false;
  const view = writeTransaction(db, (tx) => {
    const now = nowMs();
    const stay = loadStay(tx, actor, id);
    lapseExpiredHolds(tx, stay.unitId, now);
    const current = findStay(tx, id)!;
    const ending = ENDING_MOVES[action];
    if (ending) refuseUnderActiveContract(tx, id, ending);
    const result = decideTransition({ status: current.status as StayStatus, action, start: current.start, end: current.end, tonight: tonight(), today: today() });
    const updated = updateStay(tx, id, {
      status: result.status,
      holdExpiresAt: null,
      updatedAt: now,
      ...(result.end && { end: result.end }),
      ...(destination && { destination })
    });
    insertStayEvent(tx, {
      stayId: id,
      action,
      fromStatus: current.status,
      toStatus: result.status,
      start: updated.start,
      end: updated.end,
      previousEnd: result.end ? current.end : null,
      actorId: actor.accountId,
      at: now
    });
    audit(tx, actor, `stay.${action}`, 'stay', id, { from: current.status, to: result.status, ...(result.end && { previousEnd: current.end, end: result.end }), ...(destination && { destination }) });
    // A hold taken for a referral places it when it is confirmed.
    if (action === 'confirm' && current.referralId && isAwaitingPlacement(tx, current.referralId)) {
      linkPlacementToReferral(tx, actor, current.referralId, id, current.programme);
      notify = true;
    }
    return toStayView(updated, now, findHousehold(tx, updated.householdId));
  });
  if (notify) sendAfterCommit(db);
  return view;
}


/** The event that records one extension of a hold (counted against MAX_HOLD_EXTENSIONS). */
export const HOLD_EXTENSION_EVENT = 'extend_hold';

/** How many more times a stay's hold may be extended (0 when it is not a live hold). */
export function holdExtensionsLeftFor(db: Db, actor: Actor, id: string): number {
  const stay = loadStay(db, actor, id);
  if (effectiveStatus(stay.status as StayStatus, stay.holdExpiresAt, nowMs()) !== 'hold') return 0;
  return holdExtensionsLeft(countStayEvents(db, id, HOLD_EXTENSION_EVENT));
}

/**
 * Extends a live hold by one more period (HOLD_MINUTES), at most MAX_HOLD_EXTENSIONS times: 409
 * `invalid_transition` for a hold that lapsed (its unit may be taken: nothing is held again), for a
 * stay that is not a hold, or past the limit. The holds placed together with it (one household in
 * several units) are extended with it, so that they lapse together.
 */
export function extendHold(db: Db, actor: Actor, id: string): StayView {
  requireRole(actor, STAFF_ROLES, 'staff only');
  return writeTransaction(db, (tx) => {
    const now = nowMs();
    const stay = loadStay(tx, actor, id);
    const group = stay.togetherGroup ? listTogetherStays(tx, stay.togetherGroup) : [stay];
    const periodMs = settings.holdMinutes() * 60_000;
    // The one asked decides (a clear refusal for it); the others of its group follow while they are live holds.
    const targets = group.filter((s) => s.id === id || effectiveStatus(s.status as StayStatus, s.holdExpiresAt, now) === 'hold');
    let asked: StayView | undefined;
    for (const target of [stay, ...targets.filter((s) => s.id !== id)]) {
      const holdExpiresAt = decideHoldExtension({
        status: target.status as StayStatus,
        holdExpiresAt: target.holdExpiresAt,
        extensions: countStayEvents(tx, target.id, HOLD_EXTENSION_EVENT),
        now,
        periodMs
      });
      const updated = updateStay(tx, target.id, { holdExpiresAt, updatedAt: now });
      insertStayEvent(tx, { stayId: target.id, action: HOLD_EXTENSION_EVENT, fromStatus: 'hold', toStatus: 'hold', start: updated.start, end: updated.end, actorId: actor.accountId, at: now });
      audit(tx, actor, 'stay.extend_hold', 'stay', target.id, { holdExpiresAt: toOffsetTimestamp(holdExpiresAt) });
      if (target.id === id) asked = toStayView(updated, now, findHousehold(tx, updated.householdId));
    }
    return asked!;
  });
}
