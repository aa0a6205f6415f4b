// The domestic-violence protocol's path: partner-hotel nights first (at most the hotel limit),
// then the apartment stay that follows, proposed together, placed together, linked to the
// referral and to each other; and the protocol's yearly budget for the paid hotel nights.
import { findProtocolBudgetCents } from '#db/queries/protocol-budgets.ts';
import { budgetFigures, costWithin, type BudgetFigures } from '#domain/budget.ts';
import { addDays, countNights, MAX_STAY_NIGHTS } from '#domain/dates.ts';
import { checkRange } from './ranges.ts';
import { rankOptions } from '#domain/allocation.ts';
import { AppError } from '#domain/errors.ts';
import type { Programme } from '#domain/programmes.ts';
import { effectiveStatus, isLive, type StayStatus } from '#domain/stay-lifecycle.ts';
import type { Db, DbOrTx, Tx } from '#db/client.ts';
import { findHousehold, type HouseholdRow } from '#db/queries/households.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { findStay, lapseExpiredHolds, listFollowingStays, listPaidProtocolStays, type StayRow } from '#db/queries/stays.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import type { Actor } from './actor.ts';
import { seesProgramme } from './visibility.ts';
import { keepApartSites, loadCandidates } from './allocation.ts';
import { summariseUnit, type UnitSummary } from './placing.ts';
import { canSeeConfidentialAddress } from '#domain/programmes.ts';
import { audit } from './audit.ts';
import { nowMs, tonight } from './clock.ts';
import { settings } from './config.ts';
import { sendAfterCommit } from './notifications.ts';
import { linkPlacementToReferral } from './referrals.ts';
import {
  checkHousehold,
  checkIdempotencyKey,
  checkPlacementDates,
  checkReferral,
  checkReferralInWrite,
  checkUnitForStay,
  loadStay,
  requireProgramme,
  toStayView,
  withIdempotency,
  writeStay,
  type HouseholdInput,
  type StayView
} from './stays.ts';

/** The protocol's default yearly budget in cents (PROTOCOL_BUDGET_EUROS, default 2,000 € as in the protocol). */
export function protocolBudgetCents(): number {
  return Math.round(settings.protocolBudgetEuros() * 100);
}

/** A year's budget: what an admin set for that year, else the default setting. */
export function protocolBudgetCentsOf(db: DbOrTx, year: number): number {
  return findProtocolBudgetCents(db, year) ?? protocolBudgetCents();
}

export function getProtocolBudget(db: DbOrTx, year: number = Number(tonight().slice(0, 4))): BudgetFigures {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw new AppError('invalid', 'year must be between 1900 and 2999');
  const stays = listPaidProtocolStays(db, `${year}-01-01`, `${year + 1}-01-01`, nowMs());
  return budgetFigures(stays, year, protocolBudgetCentsOf(db, year), tonight());
}

export interface PathRequest {
  start: string;
  persons: number;
  accessible?: boolean;
  /** Apartment nights after the hotel; default: the programme's limit on an apartment. */
  apartmentNights?: number;
}

interface Leg {
  start: string;
  end: string;
  options: { unitId: string; score: number; reasons: string[]; nightlyCost: number | null }[];
}

export interface PathSuggestion {
  hotel: Leg;
  apartment: Leg;
  /** Cost of the best hotel option's nights, in euros. */
  cost: number | null;
  budget: BudgetFigures;
  wouldExceedBudget: boolean;
}

/** `householdId`: a household already known, whose keep-apart leaves out the sites it must not share. */
function leg(db: DbOrTx, kind: 'hotel' | 'apartment', start: string, end: string, req: PathRequest, programme: Programme = 'dv_protocol', householdId: string | null = null): Leg {
  const avoid = keepApartSites(db, { householdId, keepApartFrom: null }, { start, end });
  const candidates = loadCandidates(db, { start, end, persons: req.persons, programme, accessible: req.accessible }, false).filter(
    (u) => u.siteKind === kind && !avoid.includes(u.siteId)
  );
  const cost = new Map(candidates.map((u) => [u.id, u.nightlyCostCents]));
  return {
    start,
    end,
    options: rankOptions(candidates, { start, end, persons: req.persons, programme, accessible: req.accessible }).map((o) => ({
      unitId: o.unitId,
      score: o.score,
      reasons: o.reasons,
      nightlyCost: cost.get(o.unitId) == null ? null : cost.get(o.unitId)! / 100
    }))
  };
}

/** The two legs of the path, the hotel first, with the budget it would use. */
export function suggestProtocolPath(db: Db, actor: Actor, req: PathRequest): PathSuggestion {
  requireProgramme(actor, 'dv_protocol');
  const hotelNights = findStayLimit(db, 'dv_protocol', 'hotel') ?? 3;
  const hotelEnd = addDays(req.start, hotelNights);
  checkPlacementDates(actor, req.start, hotelEnd);
  const apartmentNights = req.apartmentNights ?? findStayLimit(db, 'dv_protocol', 'apartment') ?? 92;
  if (apartmentNights < 1 || apartmentNights > MAX_STAY_NIGHTS) throw new AppError('invalid', 'apartmentNights must be between 1 and 1096');
  const hotel = leg(db, 'hotel', req.start, hotelEnd, req);
  const apartment = leg(db, 'apartment', hotelEnd, addDays(hotelEnd, apartmentNights), req);
  const budget = getProtocolBudget(db, Number(req.start.slice(0, 4)));
  const best = hotel.options[0];
  const costCents = best?.nightlyCost == null ? null : costWithin(req.start, hotelEnd, Math.round(best.nightlyCost * 100), budget.year);
  return { hotel, apartment, cost: costCents === null ? null : costCents / 100, budget, wouldExceedBudget: costCents !== null && costCents > budget.remainingCents };
}

export interface PathPlacement {
  /** A new household; or `householdId` for a household already known (a return keeps her record and its keep-apart). */
  household?: HouseholdInput;
  householdId?: string | null;
  start: string;
  hotelUnitId: string;
  hotelNights?: number;
  apartmentUnitId?: string | null;
  apartmentNights?: number;
  referralId?: string | null;
  note?: string | null;
  /** Required when the hotel nights would pass the year's budget: who went past it, and why, is recorded. */
  budgetOverrideReason?: string | null;
}

/**
 * Places the hotel nights and the apartment stay that follows, for one household, in one
 * transaction: both or neither. The apartment stay follows the hotel stay (previousStayId); both
 * carry the referral, which becomes placed.
 */
export function placeProtocolPath(db: Db, actor: Actor, input: PathPlacement, idempotencyKey?: string): { replayed: boolean; value: { hotel: StayView; apartment: StayView | null } } {
  requireProgramme(actor, 'dv_protocol');
  // Only those who decide referrals may close one, under a programme it allows: checked before the body.
  checkReferral(db, actor, input.referralId, 'dv_protocol');
  checkIdempotencyKey(idempotencyKey);
  if (!input.householdId) {
    if (!input.household) throw new AppError('validation', 'give the household, or the householdId of a known one', { errors: [{ path: 'household', message: 'required' }] });
    checkHousehold(input.household);
  }
  const hotelNights = input.hotelNights ?? findStayLimit(db, 'dv_protocol', 'hotel') ?? 3;
  const hotelEnd = addDays(input.start, hotelNights);
  const nights = checkPlacementDates(actor, input.start, hotelEnd);
  const result = withIdempotency(db, actor, idempotencyKey, 'POST /protocol/placements', (tx: Tx) => {
    checkReferralInWrite(tx, actor, input.referralId, 'dv_protocol');
    const known = input.householdId ? findHousehold(tx, input.householdId) : undefined;
    if (input.householdId && !known) throw new AppError('not_found', 'no such household');
    const persons = known ? known.adults + known.children : input.household!.adults + input.household!.children;
    lapseExpiredHolds(tx, null, nowMs());
    const hotelUnit = findUnitWithSite(tx, input.hotelUnitId);
    if (hotelUnit && hotelUnit.site.kind !== 'hotel') throw new AppError('invalid', 'the first leg of the path is a partner hotel', { errors: [{ path: 'hotelUnitId', message: 'not a hotel room' }] });
    checkUnitForStay(tx, actor, hotelUnit, { programme: 'dv_protocol', persons, nights });
    // The budget: refused past it unless someone says why; who and why go to the audit log.
    const budget = getProtocolBudget(tx, Number(input.start.slice(0, 4)));
    const cost = hotelUnit!.nightlyCostCents === null ? 0 : costWithin(input.start, hotelEnd, hotelUnit!.nightlyCostCents, budget.year);
    const reason = input.budgetOverrideReason?.trim();
    if (cost > budget.remainingCents) {
      if (!reason) {
        throw new AppError(
          'limit_exceeded',
          `these hotel nights (${cost / 100} €) would pass the protocol's ${budget.year} budget (${budget.remainingCents / 100} € left of ${budget.budgetCents / 100} €); give budgetOverrideReason to go past it`
        );
      }
      audit(tx, actor, 'protocol.budget_exceeded', 'unit', hotelUnit!.id, { costCents: cost, remainingCents: budget.remainingCents, reason });
    }
    const hotel = writeStay(tx, actor, { unitId: input.hotelUnitId, start: input.start, end: hotelEnd, programme: 'dv_protocol', household: input.household, householdId: known?.id ?? null, referralId: input.referralId, note: input.note, overrideReason: null }, 'place');
    let apartment: ReturnType<typeof writeStay> | null = null;
    if (input.apartmentUnitId) {
      const apartmentNights = input.apartmentNights ?? findStayLimit(tx, 'dv_protocol', 'apartment') ?? 92;
      apartment = writeFollowingStay(tx, actor, hotel.stay, { unitId: input.apartmentUnitId, end: addDays(hotelEnd, apartmentNights), persons, note: input.note, field: 'apartmentUnitId' });
    }
    if (input.referralId) linkPlacementToReferral(tx, actor, input.referralId, hotel.stay.id, 'dv_protocol');
    return { hotel: toStayView(hotel.stay, nowMs(), hotel.household), apartment: apartment ? toStayView(apartment.stay, nowMs(), apartment.household) : null };
  });
  if (input.referralId) sendAfterCommit(db);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The step after a hotel stay: the apartment stay that follows it (the path's second step), for a
// hotel stay placed alone, at or near its limit, whose household has to stay on.
// ---------------------------------------------------------------------------------------------

/**
 * The stay that follows `previous` on a path, inside the caller's transaction: a unit that is not a
 * hotel room, for the same household and programme, from the night `previous` ends, linked by
 * previousStayId and carrying its referral; under the unit's checks (programme, capacity, limit),
 * keep-apart and the overlap guarantee (writeStay).
 */
function writeFollowingStay(
  tx: Tx,
  actor: Actor,
  previous: StayRow,
  input: { unitId: string; end: string; persons: number; note?: string | null; field: string }
): ReturnType<typeof writeStay> {
  const unit = findUnitWithSite(tx, input.unitId);
  if (unit && unit.site.kind === 'hotel') throw new AppError('invalid', 'the stay that follows a hotel stay is in an apartment', { errors: [{ path: input.field, message: 'a hotel room' }] });
  checkUnitForStay(tx, actor, unit, { programme: previous.programme, persons: input.persons, nights: countNights(previous.end, input.end) });
  return writeStay(
    tx,
    actor,
    { unitId: input.unitId, start: previous.end, end: input.end, programme: previous.programme, householdId: previous.householdId, previousStayId: previous.id, referralId: previous.referralId, note: input.note, overrideReason: null },
    'place'
  );
}

interface FollowingBase {
  stay: StayRow;
  household: HouseholdRow;
  persons: number;
  accessible: boolean;
  start: string;
  end: string;
  nights: number;
  /** The longest stay the programme allows in an apartment. */
  maxNights: number | null;
}

/**
 * The hotel stay a next step may follow, and the nights of that step: the stay is live, on a hotel,
 * placed alone, and not yet followed by a live stay; the step runs from its end to `end` (default:
 * the programme's limit in an apartment). 404 for a stay the caller may not see; 422 for one that
 * has no next step; 409 when it is no longer live or already followed.
 */
function followingBase(db: DbOrTx, actor: Actor, stayId: string, end: string | null | undefined): FollowingBase {
  const stay = loadStay(db, actor, stayId);
  requireProgramme(actor, stay.programme);
  const now = nowMs();
  if (!isLive(effectiveStatus(stay.status as StayStatus, stay.holdExpiresAt, now))) {
    throw new AppError('invalid_transition', `a stay that is no longer live has no next step`);
  }
  const unit = findUnitWithSite(db, stay.unitId);
  if (!unit || unit.site.kind !== 'hotel') throw new AppError('invalid', 'only a hotel stay is followed by a stay in an apartment', { errors: [{ path: 'stayId', message: 'not a hotel stay' }] });
  if (stay.togetherGroup) throw new AppError('invalid', 'a household placed in several units at once continues through a new placement', { errors: [{ path: 'stayId', message: 'placed together' }] });
  const following = listFollowingStays(db, stay.id).find((s) => isLive(effectiveStatus(s.status as StayStatus, s.holdExpiresAt, now)));
  if (following) throw new AppError('invalid_transition', 'this stay is already followed by another stay');
  const household = findHousehold(db, stay.householdId)!;
  const maxNights = findStayLimit(db, stay.programme, 'apartment');
  const stepEnd = end ?? addDays(stay.end, maxNights ?? 92);
  const nights = checkRange(stay.end, stepEnd, MAX_STAY_NIGHTS, ['start', 'end']);
  return { stay, household, persons: household.adults + household.children, accessible: household.needs.includes('accessibility'), start: stay.end, end: stepEnd, nights, maxNights };
}

export interface FollowingSuggestion {
  previousStayId: string;
  programme: Programme;
  start: string;
  end: string;
  nights: number;
  maxNights: number | null;
  /** The apartments free on every night of the step and within the limit, best first (the allocation's ranking). */
  options: (UnitSummary & { score: number })[];
}

/** The apartments that could take the household from the night its hotel stay ends, for the nights wanted. */
export function suggestFollowingStay(db: Db, actor: Actor, stayId: string, input: { end?: string | null } = {}): FollowingSuggestion {
  const base = followingBase(db, actor, stayId, input.end);
  checkPlacementDates(actor, base.start, base.end);
  const options = leg(db, 'apartment', base.start, base.end, { start: base.start, persons: base.persons, accessible: base.accessible }, base.stay.programme, base.stay.householdId).options;
  const withAddress = canSeeConfidentialAddress(actor.role);
  return {
    previousStayId: base.stay.id,
    programme: base.stay.programme,
    start: base.start,
    end: base.end,
    nights: base.nights,
    maxNights: base.maxNights,
    options: options.flatMap((o) => {
      const unit = findUnitWithSite(db, o.unitId);
      return unit ? [{ ...summariseUnit(unit, withAddress), score: o.score }] : [];
    })
  };
}

/**
 * Places the stay that follows a hotel stay, in one transaction: the same household, from the night
 * the hotel stay ends to `end` (default: the apartment limit), on `unitId`, linked by previousStayId;
 * 409 overlap when the unit was taken meanwhile (nothing written), 422 past the limit or on a hotel.
 */
export function placeFollowingStay(
  db: Db,
  actor: Actor,
  stayId: string,
  input: { unitId: string; end?: string | null; note?: string | null },
  idempotencyKey?: string
): { replayed: boolean; value: StayView } {
  checkIdempotencyKey(idempotencyKey);
  // Everything is read inside the write, after a retry has had its first answer: a double tap, or a
  // stay changed meanwhile, is decided on what the database holds then.
  return withIdempotency(db, actor, idempotencyKey, `POST /stays/${stayId}/following`, (tx: Tx) => {
    lapseExpiredHolds(tx, null, nowMs());
    const base = followingBase(tx, actor, stayId, input.end);
    checkPlacementDates(actor, base.start, base.end);
    const next = writeFollowingStay(tx, actor, base.stay, { unitId: input.unitId, end: base.end, persons: base.persons, note: input.note, field: 'unitId' });
    return toStayView(next.stay, nowMs(), next.household);
  });
}

/** The stays a stay follows and is followed by on a path, as far as the caller may see them. */
export function pathNeighbours(db: DbOrTx, actor: Actor, stay: { id: string; previousStayId: string | null }): { previous: StayRow | null; next: StayRow | null } {
  const visible = (s: StayRow | undefined) => (s && seesProgramme(actor, s.programme) ? s : null);
  const now = nowMs();
  const following = listFollowingStays(db, stay.id);
  const next = following.find((s) => isLive(effectiveStatus(s.status as StayStatus, s.holdExpiresAt, now))) ?? following.at(-1);
  return { previous: stay.previousStayId ? visible(findStay(db, stay.previousStayId)) : null, next: visible(next) };
}
