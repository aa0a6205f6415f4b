// The domestic-violence protocol's path: partner-hotel nights first (at most the hotel limit),
// then the apartment stay that follows, proposed together, placed together, linked to the
// referral and to each other; and the protocol's yearly budget for the paid hotel nights.
import { budgetFigures, costWithin, type BudgetFigures } from '#domain/budget.ts';
import { addDays, countNights, MAX_STAY_NIGHTS } from '#domain/dates.ts';
import { rankOptions } from '#domain/allocation.ts';
import { AppError } from '#domain/errors.ts';
import type { Db, DbOrTx, Tx } from '#db/client.ts';
import { findHousehold } from '#db/queries/households.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { lapseExpiredHolds, listPaidProtocolStays } from '#db/queries/stays.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import type { Actor } from './actor.ts';
import { loadCandidates } from './allocation.ts';
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
  requireProgramme,
  toStayView,
  withIdempotency,
  writeStay,
  type HouseholdInput,
  type StayView
} from './stays.ts';

/** The protocol's yearly budget in euros (PROTOCOL_BUDGET_EUROS, default 2,000 as in the protocol). */
export function protocolBudgetCents(): number {
  return Math.round(settings.protocolBudgetEuros() * 100);
}

export function getProtocolBudget(db: DbOrTx, year: number = Number(tonight().slice(0, 4))): BudgetFigures {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw new AppError('invalid', 'year must be between 1900 and 2999');
  const stays = listPaidProtocolStays(db, `${year}-01-01`, `${year + 1}-01-01`, nowMs());
  return budgetFigures(stays, year, protocolBudgetCents(), tonight());
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

function leg(db: DbOrTx, kind: 'hotel' | 'apartment', start: string, end: string, req: PathRequest): Leg {
  const candidates = loadCandidates(db, { start, end, persons: req.persons, programme: 'dv_protocol', accessible: req.accessible }, false).filter((u) => u.siteKind === kind);
  const cost = new Map(candidates.map((u) => [u.id, u.nightlyCostCents]));
  return {
    start,
    end,
    options: rankOptions(candidates, { start, end, persons: req.persons, programme: 'dv_protocol', accessible: req.accessible }).map((o) => ({
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
      const apartmentEnd = addDays(hotelEnd, apartmentNights);
      const unit = findUnitWithSite(tx, input.apartmentUnitId);
      if (unit && unit.site.kind === 'hotel') throw new AppError('invalid', 'the second leg of the path is an apartment', { errors: [{ path: 'apartmentUnitId', message: 'a hotel room' }] });
      checkUnitForStay(tx, actor, unit, { programme: 'dv_protocol', persons, nights: countNights(hotelEnd, apartmentEnd) });
      apartment = writeStay(
        tx,
        actor,
        { unitId: input.apartmentUnitId, start: hotelEnd, end: apartmentEnd, programme: 'dv_protocol', householdId: hotel.household.id, previousStayId: hotel.stay.id, referralId: input.referralId, note: input.note, overrideReason: null },
        'place'
      );
    }
    if (input.referralId) linkPlacementToReferral(tx, actor, input.referralId, hotel.stay.id, 'dv_protocol');
    return { hotel: toStayView(hotel.stay, nowMs(), hotel.household), apartment: apartment ? toStayView(apartment.stay, nowMs(), apartment.household) : null };
  });
  if (input.referralId) sendAfterCommit(db);
  return result;
}
