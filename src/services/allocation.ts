// Allocation: suggest the units that fit a household over a range of nights, and place it in the best.
import { allocationWindow, findAlternatives, rankOptions, type Alternative, type CandidateUnit } from '#domain/allocation.ts';
import { AppError, NoAvailabilityError } from '#domain/errors.ts';
import type { Programme } from '#domain/programmes.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import { listUnitsWithBusy } from '#db/queries/units.ts';
import { findKeepApartSites, lapseExpiredHolds } from '#db/queries/stays.ts';
import { insertUnmetDemand } from '#db/queries/unmet-demands.ts';
import { findIdempotentAnswer, saveIdempotentAnswer } from '#db/queries/idempotency.ts';
import type { Actor } from './actor.ts';
import { groupByUnit } from './availability.ts';
import { holdForReferral, linkPlacementToReferral } from './referrals.ts';
import { sendAfterCommit } from './notifications.ts';
import { nowMs } from './clock.ts';
import {
  checkHousehold,
  checkIdempotencyKey,
  checkPlacementDates,
  checkReferral,
  checkReferralInWrite,
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
    siteKind: c.row.siteKind,
    nightlyCostCents: c.row.nightlyCostCents,
    busy: c.busy
  }));
}

function suggestFrom(candidates: CandidateUnit[], req: SuggestInput): Suggestion {
  const ranked = rankOptions(candidates, req);
  return {
    options: ranked.map((o) => ({ unitId: o.unitId, score: o.score, reasons: o.reasons })),
    alternatives: ranked.length ? [] : findAlternatives(candidates, req)
  };
}

/** Whether an admin's override lifts the limit for this request. */
function overridesLimit(actor: Actor, reason: string | null | undefined): boolean {
  return actor.role === 'admin' && !!reason?.trim();
}

export function suggest(db: Db, actor: Actor, req: SuggestInput): Suggestion {
  requireProgramme(actor, req.programme);
  checkPlacementDates(actor, req.start, req.end);
  return suggestFrom(loadCandidates(db, req, overridesLimit(actor, req.overrideReason)), req);
}

export interface AllocateInput extends SuggestInput {
  household: HouseholdInput;
  status?: 'hold' | 'confirmed';
  referralId?: string | null;
  note?: string | null;
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
  requireProgramme(actor, input.programme);
  // Only those who decide referrals may close one, under a programme it allows: checked before the body.
  checkReferral(db, actor, input.referralId, input.programme);
  checkIdempotencyKey(idempotencyKey);
  checkHousehold(input.household);
  if (input.household.adults + input.household.children !== input.persons) {
    throw new AppError('invalid', 'persons must equal adults + children', { errors: [{ path: 'persons', message: 'must equal household.adults + household.children' }] });
  }
  const nights = checkPlacementDates(actor, input.start, input.end);
  const override = overridesLimit(actor, input.overrideReason);
  let failure: { reason: string; alternatives: Alternative[] } | null = null;
  try {
    const result = withIdempotency(db, actor, idempotencyKey, 'POST /allocations', (tx) => {
      checkReferralInWrite(tx, actor, input.referralId, input.programme);
      lapseExpiredHolds(tx, null, nowMs());
      // Never a site where a household this one must be kept apart from stays on these nights.
      const avoid = findKeepApartSites(tx, { householdId: null, keepApartFrom: input.household.keepApartFrom ?? null }, input.start, input.end, nowMs());
      const candidates = loadCandidates(tx, input, override).filter((u) => !avoid.includes(u.siteId));
      const ranked = rankOptions(candidates, input);
      if (ranked.length === 0) {
        const fitting = candidates.filter((u) => u.capacity >= input.persons && (!input.accessible || u.accessible));
        const overLimitEverywhere = fitting.length > 0 && fitting.every((u) => u.maxNights !== null && nights > u.maxNights);
        if (overLimitEverywhere) {
          const max = Math.max(...fitting.map((u) => u.maxNights ?? 0));
          throw new AppError('limit_exceeded', `${nights} nights is over this programme's limit (${max} nights at most on any unit that fits)${actor.role === 'admin' ? '; give overrideReason to go past it' : ''}`);
        }
        failure = { reason: unmetReason(candidates, input), alternatives: findAlternatives(candidates, input) };
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
          household: input.household,
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
    if (failure) {
      const f: { reason: string; alternatives: Alternative[] } = failure;
      // The failed allocation changed nothing; its unmet demand is recorded on its own, and never lost.
      writeTransaction(db, (tx) => {
        // A retry with the same key gets this same answer and records nothing more.
        if (idempotencyKey) {
          if (findIdempotentAnswer(tx, actor.accountId, idempotencyKey)) return;
          saveIdempotentAnswer(tx, actor.accountId, idempotencyKey, { route: 'POST /allocations', statusCode: 409, response: { reason: f.reason, alternatives: f.alternatives } }, nowMs());
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
    throw e;
  }
}

export { NoAvailabilityError };
