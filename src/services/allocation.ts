// Allocation: suggest the units that fit a household over a range of nights, and place it in the best.
import { allAlternatives, allocationWindow, findTogether, rankOptions, shareHousehold, type Alternative, type CandidateUnit, type Composition } from '#domain/allocation.ts';
import { AppError, NoAvailabilityError } from '#domain/errors.ts';
import type { Programme } from '#domain/programmes.ts';
import type { Db, DbOrTx, Tx } from '#db/client.ts';
import { listUnitsWithBusy } from '#db/queries/units.ts';
import { findKeepApartSites, lapseExpiredHolds } from '#db/queries/stays.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import { insertUnmetDemand } from '#db/queries/unmet-demands.ts';
import { findIdempotentAnswer, saveIdempotentAnswer } from '#db/queries/idempotency.ts';
import type { Actor } from './actor.ts';
import { groupByUnit } from './availability.ts';
import { holdForReferral, linkPlacementToReferral } from './referrals.ts';
import { sendAfterCommit } from './notifications.ts';
import { nowMs } from './clock.ts';
import { findVisibleHousehold } from './visibility.ts';
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
import { newId, writeTransaction } from './transaction.ts';

export interface SuggestInput {
  start: string;
  end: string;
  persons: number;
  programme: Programme;
  accessible?: boolean;
  overrideReason?: string | null;
  /** The household's composition, when known: a `together` alternative then gives each unit its adults and children. */
  adults?: number;
  children?: number;
  /** A household already known: the sites it must be kept apart from on these nights are left out. */
  householdId?: string | null;
}

export interface Suggestion {
  options: { unitId: string; score: number; reasons: string[] }[];
  alternatives: Alternative[];
}

/** Units that serve the programme with their busy intervals around the request, and their limit. */
export type LoadedCandidate = CandidateUnit & { siteId: string; siteKind: string; nightlyCostCents: number | null };

/** Units that serve the programme, with their site, kind, cost, limit and busy intervals around the request. */
export function loadCandidates(db: DbOrTx, req: SuggestInput, ignoreLimit: boolean): LoadedCandidate[] {
  const window = allocationWindow(req);
  const rows = listUnitsWithBusy(db, { from: window.from, to: window.to, now: nowMs(), programme: req.programme });
  return groupByUnit(rows).map((c) => ({
    id: c.row.id,
    seq: c.row.seq,
    capacity: c.row.capacity,
    accessible: c.row.accessible === 1,
    programmes: JSON.parse(c.row.programmes),
    maxNights: ignoreLimit ? null : c.row.maxNights,
    siteId: c.row.siteId,
    commune: c.row.commune,
    siteKind: c.row.siteKind,
    nightlyCostCents: c.row.nightlyCostCents,
    busy: c.busy
  }));
}

/** The composition the request gives, when it gives one: both counts, summing to `persons` (422 otherwise). */
function compositionOf(req: SuggestInput): Composition | undefined {
  if (req.adults === undefined && req.children === undefined) return undefined;
  if (req.adults === undefined || req.children === undefined || req.adults + req.children !== req.persons) {
    throw new AppError('invalid', 'adults and children go together and sum to persons', {
      errors: [{ path: req.adults === undefined ? 'adults' : 'children', message: 'give adults and children, summing to persons' }]
    });
  }
  return { adults: req.adults, children: req.children };
}

function suggestFrom(candidates: CandidateUnit[], req: SuggestInput, household: Composition | undefined): Suggestion {
  const ranked = rankOptions(candidates, req);
  return {
    options: ranked.map((o) => ({ unitId: o.unitId, score: o.score, reasons: o.reasons })),
    alternatives: ranked.length ? [] : allAlternatives(candidates, { ...req, household })
  };
}

/** Whether an admin's override lifts the limit for this request. */
function overridesLimit(actor: Actor, reason: string | null | undefined): boolean {
  return actor.role === 'admin' && !!reason?.trim();
}

export function suggest(db: Db, actor: Actor, req: SuggestInput): Suggestion {
  requireProgramme(actor, req.programme);
  checkPlacementDates(actor, req.start, req.end);
  const household = compositionOf(req);
  const avoid = req.householdId ? keepApartSites(db, { householdId: findVisibleHousehold(db, actor, req.householdId).id, keepApartFrom: null }, req) : [];
  return suggestFrom(loadCandidates(db, req, overridesLimit(actor, req.overrideReason)).filter((u) => !avoid.includes(u.siteId)), req, household);
}

/** The sites where a household this one must be kept apart from stays on the request's nights. */
export function keepApartSites(db: DbOrTx, who: { householdId: string | null; keepApartFrom: string | null }, req: { start: string; end: string }): string[] {
  return findKeepApartSites(db, who, req.start, req.end, nowMs());
}

export interface AllocateInput extends SuggestInput {
  /** A new household; or `householdId` (SuggestInput) for a household already known, placed as recorded. */
  household?: HouseholdInput;
  status?: 'hold' | 'confirmed';
  referralId?: string | null;
  note?: string | null;
  /**
   * When no single unit fits, place the best `together` option: several units on the same nights,
   * in one transaction (all or none). The answer is then `{stays}`.
   */
  together?: boolean;
  /** With `together`: exactly these units (the option the caller was shown); 409 when one is taken meanwhile. */
  unitIds?: string[];
}

/** The checks of an allocation before its transaction; returns its nights. */
function checkAllocation(db: Db, actor: Actor, input: AllocateInput, idempotencyKey: string | undefined): number {
  requireProgramme(actor, input.programme);
  // Only those who decide referrals may close one, under a programme it allows: checked before the body.
  checkReferral(db, actor, input.referralId, input.programme);
  checkIdempotencyKey(idempotencyKey);
  if (!input.householdId) {
    if (!input.household) throw new AppError('validation', 'give the household, or the householdId of a known one', { errors: [{ path: 'household', message: 'required' }] });
    checkHousehold(input.household);
    checkPersons(input, input.household);
  }
  return checkPlacementDates(actor, input.start, input.end);
}

function checkPersons(input: AllocateInput, household: Composition): void {
  if (household.adults + household.children !== input.persons) {
    throw new AppError('invalid', 'persons must equal adults + children', { errors: [{ path: 'persons', message: 'must equal household.adults + household.children' }] });
  }
}

/**
 * The first steps inside an allocation's transaction: the referral may still be placed, expired holds
 * lapse; returns the household's composition (a known household's as recorded, which `persons` must
 * equal) and the sites to avoid, where a household this one must be kept apart from stays on these nights.
 */
function openAllocation(tx: Tx, actor: Actor, input: AllocateInput): { household: Composition; avoid: string[] } {
  checkReferralInWrite(tx, actor, input.referralId, input.programme);
  lapseExpiredHolds(tx, null, nowMs());
  if (input.householdId) {
    const known = findVisibleHousehold(tx, actor, input.householdId);
    checkPersons(input, known);
    return { household: { adults: known.adults, children: known.children }, avoid: keepApartSites(tx, { householdId: known.id, keepApartFrom: null }, input) };
  }
  return { household: input.household!, avoid: keepApartSites(tx, { householdId: null, keepApartFrom: input.household!.keepApartFrom ?? null }, input) };
}

/** Who a stay of the allocation is for: the household known, or the new one (created by the first stay written). */
function whoIsPlaced(input: AllocateInput, placedId: string | null = null): { householdId: string } | { household: HouseholdInput } {
  const id = placedId ?? input.householdId;
  return id ? { householdId: id } : { household: input.household! };
}

/** Why nothing fits, in the words recorded with the unmet demand. */
function unmetReason(candidates: CandidateUnit[], req: SuggestInput): string {
  if (candidates.length === 0) return 'out_of_scope: no unit serves this programme';
  const holding = candidates.filter((u) => u.capacity >= req.persons);
  if (holding.length === 0) return `no_place_of_that_size: no unit of this programme holds ${req.persons} persons`;
  if (req.accessible && !holding.some((u) => u.accessible)) return 'no_accessible_place: no accessible unit of this programme holds the household';
  return 'no_place: no unit that fits is free on every night';
}

/**
 * Places the household in the best option, in one IMMEDIATE transaction. When nothing fits: 409
 * no_availability with the alternatives, and the unmet demand is recorded with its reason; 422
 * limit_exceeded when the stay is over the limit on every unit of the programme.
 */
export function allocate(db: Db, actor: Actor, input: AllocateInput, idempotencyKey?: string): { replayed: boolean; value: StayView } {
  const nights = checkAllocation(db, actor, input, idempotencyKey);
  const override = overridesLimit(actor, input.overrideReason);
  let failure: { reason: string; alternatives: Alternative[] } | null = null;
  try {
    const result = withIdempotency(db, actor, idempotencyKey, 'POST /allocations', (tx) => {
      const { household: composition, avoid } = openAllocation(tx, actor, input);
      const candidates = loadCandidates(tx, input, override).filter((u) => !avoid.includes(u.siteId));
      const ranked = rankOptions(candidates, input);
      if (ranked.length === 0) {
        const fitting = candidates.filter((u) => u.capacity >= input.persons && (!input.accessible || u.accessible));
        const overLimitEverywhere = fitting.length > 0 && fitting.every((u) => u.maxNights !== null && nights > u.maxNights);
        if (overLimitEverywhere) {
          const max = Math.max(...fitting.map((u) => u.maxNights ?? 0));
          throw new AppError('limit_exceeded', `${nights} nights is over this programme's limit (${max} nights at most on any unit that fits)${actor.role === 'admin' ? '; give overrideReason to go past it' : ''}`);
        }
        failure = { reason: unmetReason(candidates, input), alternatives: allAlternatives(candidates, { ...input, household: composition }) };
        throw new AppError('no_availability', 'no unit that fits is free on every night asked');
      }
      const { stay, household } = writeStay(
        tx,
        actor,
        {
          unitId: ranked[0].unitId,
          start: input.start,
          end: input.end,
          programme: input.programme,
          ...whoIsPlaced(input),
          status: input.status,
          referralId: input.referralId,
          note: input.note,
          overrideReason: override ? input.overrideReason!.trim() : null
        },
        'allocate'
      );
      if (input.referralId) {
        if (stay.status === 'hold') holdForReferral(tx, actor, input.referralId, stay.programme);
        else linkPlacementToReferral(tx, actor, input.referralId, stay.id, stay.programme);
      }
      return toStayView(stay, nowMs(), household);
    });
    if (input.referralId) sendAfterCommit(db);
    return result;
  } catch (e) {
    if (failure) recordFailure(db, actor, input, idempotencyKey, 'POST /allocations', failure);
    throw e;
  }
}

/** With `unitIds`: one unit at least, and no more units than adults (each unit has one). */
function checkUnitCount(unitIds: string[] | undefined, household: Composition): void {
  if (unitIds !== undefined && (unitIds.length < 1 || unitIds.length > household.adults)) {
    throw new AppError('invalid', 'name one unit at least, and no more units than adults', { errors: [{ path: 'unitIds', message: `1 to ${household.adults} units` }] });
  }
}

export interface TogetherPlacement {
  stays: StayView[];
}

/** One stay of a placement: its unit, and its share of the household when several units are placed together. */
interface PlannedStay {
  unitId: string;
  adults: number;
  children: number;
}

/**
 * The units the caller named for a together placement, each checked (exists, serves the programme,
 * accessible when asked, not on a site to keep apart from) and the household shared among them.
 * Whether each is free is checked where its stay is written, under the overlap guarantee.
 */
function planOnUnits(tx: Tx, input: AllocateInput, household: Composition, unitIds: string[], avoid: readonly string[]): PlannedStay[] {
  if (new Set(unitIds).size !== unitIds.length) {
    throw new AppError('validation', 'each unit once', { errors: [{ path: 'unitIds', message: 'a unit is named twice' }] });
  }
  const units = unitIds.map((id) => findUnitWithSite(tx, id));
  units.forEach((u, i) => {
    if (!u || !u.active) throw new AppError('not_found', 'no such unit', { errors: [{ path: `unitIds.${i}`, message: 'no such unit' }] });
    if (input.accessible && !u.accessible) {
      throw new AppError('invalid', 'this unit is not accessible', { errors: [{ path: `unitIds.${i}`, message: 'not accessible' }] });
    }
  });
  if (units.some((u) => avoid.includes(u!.siteId))) {
    throw new AppError('invalid', 'this household must be kept apart from a household placed on this site on overlapping nights: choose another site', {
      errors: [{ path: 'household.keepApartFrom', message: 'the other household is on this site on these nights' }]
    });
  }
  const shares = shareHousehold(units.map((u) => u!.capacity), household);
  if (!shares) {
    throw new AppError('invalid', 'these units cannot hold the household with at least one adult in each', {
      errors: [{ path: 'unitIds', message: 'too small together, or more units than adults' }]
    });
  }
  return unitIds.map((unitId, i) => ({ unitId, ...shares[i] }));
}

/**
 * Places the household with `together: true`: in the best option when one unit fits; otherwise in
 * the best `together` option (or in exactly the units named by `unitIds`), every stay in ONE
 * IMMEDIATE transaction: all or none, each under the overlap guarantee, linked by one group id,
 * each carrying its own adults and children. One Idempotency-Key covers them all. When nothing
 * fits: 409 no_availability with the alternatives, the unmet demand recorded; 409 overlap when a
 * named unit was taken meanwhile (nothing placed).
 */
export function allocateTogether(db: Db, actor: Actor, input: AllocateInput, idempotencyKey?: string): { replayed: boolean; value: TogetherPlacement } {
  const nights = checkAllocation(db, actor, input, idempotencyKey);
  if (input.household && !input.householdId) checkUnitCount(input.unitIds, input.household);
  const override = overridesLimit(actor, input.overrideReason);
  let failure: { reason: string; alternatives: Alternative[] } | null = null;
  try {
    const result = withIdempotency(db, actor, idempotencyKey, 'POST /allocations together', (tx) => {
      const { household: composition, avoid } = openAllocation(tx, actor, input);
      // A known household's count of adults is read here: checked before anything is written.
      if (input.householdId) checkUnitCount(input.unitIds, composition);
      let plan: PlannedStay[];
      if (input.unitIds) {
        plan = planOnUnits(tx, input, composition, input.unitIds, avoid);
      } else {
        const candidates = loadCandidates(tx, input, override).filter((u) => !avoid.includes(u.siteId));
        const ranked = rankOptions(candidates, input);
        const together = ranked.length ? null : findTogether(candidates, { ...input, household: composition });
        if (ranked.length) plan = [{ unitId: ranked[0].unitId, adults: composition.adults, children: composition.children }];
        else if (together) plan = together.stays.map((st) => ({ unitId: st.unitId, adults: st.adults!, children: st.children! }));
        else {
          failure = { reason: unmetReason(candidates, input), alternatives: allAlternatives(candidates, { ...input, household: composition }) };
          throw new AppError('no_availability', 'no unit, nor several units together, free on every night asked');
        }
      }
      const group = plan.length > 1 ? newId() : null;
      const placed: StayView[] = [];
      let householdId: string | null = null;
      for (const p of plan) {
        // Each unit is checked (programme, its share of the household, the limit) and its stay written
        // under the overlap guarantee; any refusal undoes every stay of the transaction.
        const overrideReason = checkUnitForStay(tx, actor, findUnitWithSite(tx, p.unitId), {
          programme: input.programme,
          persons: p.adults + p.children,
          nights,
          overrideReason: override ? input.overrideReason : null
        });
        const { stay, household } = writeStay(
          tx,
          actor,
          {
            unitId: p.unitId,
            start: input.start,
            end: input.end,
            programme: input.programme,
            ...whoIsPlaced(input, householdId),
            status: input.status,
            referralId: input.referralId,
            note: input.note,
            overrideReason,
            ...(group && { together: { group, adults: p.adults, children: p.children } })
          },
          'allocate'
        );
        householdId = household.id;
        placed.push(toStayView(stay, nowMs(), household));
      }
      // A referral is placed by the first of the stays.
      if (input.referralId) {
        const first = placed[0];
        if (first.status === 'hold') holdForReferral(tx, actor, input.referralId, first.programme);
        else linkPlacementToReferral(tx, actor, input.referralId, first.id, first.programme);
      }
      return { stays: placed };
    });
    if (input.referralId) sendAfterCommit(db);
    return result;
  } catch (e) {
    if (failure) recordFailure(db, actor, input, idempotencyKey, 'POST /allocations together', failure);
    throw e;
  }
}

/**
 * A failed allocation changed nothing; its unmet demand is recorded on its own, and never lost. A
 * retry with the same key gets this same answer and records nothing more. Throws the 409.
 */
function recordFailure(db: Db, actor: Actor, input: AllocateInput, idempotencyKey: string | undefined, route: string, f: { reason: string; alternatives: Alternative[] }): never {
  writeTransaction(db, (tx) => {
    if (idempotencyKey) {
      if (findIdempotentAnswer(tx, actor.accountId, idempotencyKey)) return;
      saveIdempotentAnswer(tx, actor.accountId, idempotencyKey, { route, statusCode: 409, response: { reason: f.reason, alternatives: f.alternatives } }, nowMs());
    }
    insertUnmetDemand(tx, {
      id: newId(),
      programme: input.programme,
      start: input.start,
      end: input.end,
      persons: input.persons,
      accessible: !!input.accessible,
      reason: f.reason,
      referralId: input.referralId ?? null,
      createdBy: actor.accountId,
      createdAt: nowMs()
    });
  });
  throw new NoAvailabilityError(f.reason, f.alternatives);
}

export { NoAvailabilityError };
