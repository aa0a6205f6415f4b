// Placing from the staff's web page (/placer): the allocation's suggestions with what a person needs
// to choose between them at 23:40 (the unit, its site and commune, how long it stays free around the
// stay), the alternatives when nothing fits, and the unmet demand recorded when nobody is placed.
// The ranking itself is the allocation service's: this module only reads around it.
import { allocationWindow, FIT_HORIZON, likelyUnmetReason, slackAround, UNMET_REASONS, type Alternative, type UnmetReason } from '#domain/allocation.ts';
import { addDays, countNights, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { MAX_PERSONS, NOTE_MAX } from '#domain/input-limits.ts';
import { canSeeConfidentialAddress, type Programme } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { findUnitWithSite, listUnitsWithBusy, type UnitWithSite } from '#db/queries/units.ts';
import { insertUnmetDemand } from '#db/queries/unmet-demands.ts';
import type { Actor } from './actor.ts';
import { suggest, type SuggestInput } from './allocation.ts';
import { audit } from './audit.ts';
import { groupByUnit } from './availability.ts';
import { nowMs } from './clock.ts';
import { settings } from './config.ts';
import { checkIdempotencyKey, checkPlacementDates, requireProgramme, withIdempotency } from './stays.ts';
import { newId } from './transaction.ts';

export interface PlacingRequest extends SuggestInput {
  adults: number;
  children: number;
  /** A unit asked for by name (a link from Tonight): shown first when it fits. */
  unitId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Suggestions, with the unit's details and the free range each option sits in.
// ---------------------------------------------------------------------------------------------

export interface UnitSummary {
  unitId: string;
  unitName: string;
  siteName: string;
  commune: string;
  /** Null for a confidential site unless the caller may see its address (admin, duty officer). */
  address: string | null;
  confidential: boolean;
  capacity: number;
  accessible: boolean;
  typology: string | null;
  siteKind: string;
  /** On a hotel: the longest stay the programme allows there, said where the room is offered. */
  hotelMaxNights?: number | null;
}

export interface PlacingOption extends UnitSummary {
  /** 1 for the allocation's best option. */
  rank: number;
  score: number;
  /** The allocation service's reasons, in English (the page words its own from the fields below). */
  reasons: string[];
  /** Places left once the household is in. */
  spare: number;
  /** Free nights left before and after the stay in the free range that holds it (each at most FIT_HORIZON). */
  slackBefore: number;
  slackAfter: number;
  /** Where the free range that holds the stay begins, or null when it begins FIT_HORIZON nights or more before. */
  freeFrom: IsoDate | null;
  /** Where the free range ends (the next arrival or block), or null when nothing is booked within FIT_HORIZON nights. */
  freeUntil: IsoDate | null;
  /** The unit asked for by a link (from Tonight). */
  preferred: boolean;
}

export interface PlacingAlternative {
  kind: Alternative['kind'];
  nights: number;
  /** A `together` stay's own adults and children. */
  stays: (UnitSummary & { start: IsoDate; end: IsoDate; nights: number; adults?: number; children?: number })[];
}

export interface PlacingSuggestion {
  start: IsoDate;
  end: IsoDate;
  nights: number;
  persons: number;
  programme: Programme;
  accessible: boolean;
  options: PlacingOption[];
  alternatives: PlacingAlternative[];
  /** The unit asked for by a link, and whether it is among the options. */
  preferredUnitId: string | null;
  preferredUnitFits: boolean;
  /** The name of the unit asked for, when it exists (to say why it is not offered). */
  preferredUnitName: string | null;
  /** The likely reason to record when nobody is placed. */
  unmetReason: UnmetReason;
  /** How long a hold keeps a unit (HOLD_MINUTES). */
  holdMinutes: number;
}

/** A unit as a page offers it; the address of a confidential site only when the caller may see it. */
export function summariseUnit(u: UnitWithSite, withConfidentialAddress: boolean): UnitSummary {
  return {
    unitId: u.id,
    unitName: u.name,
    siteName: u.site.name,
    commune: u.site.commune,
    address: !u.site.confidential || withConfidentialAddress ? u.site.address : null,
    confidential: u.site.confidential,
    capacity: u.capacity,
    accessible: u.accessible,
    typology: u.typology,
    siteKind: u.site.kind
  };
}

/**
 * The unit a link asks to place in (from Tonight), to name it while the need is asked first;
 * null when there is no such unit. Its address as the suggestions would give it.
 */
export function unitAskedFor(db: Db, actor: Actor, unitId: string): UnitSummary | null {
  const row = findUnitWithSite(db, unitId);
  return row ? summariseUnit(row, canSeeConfidentialAddress(actor.role)) : null;
}

/**
 * The allocation's suggestions for a request, best first (the unit asked for by a link first when
 * it fits), each with its unit, site and free range; the alternatives when nothing fits. Reads in
 * one snapshot, so the free ranges are those the ranking saw.
 */
export function suggestPlacement(db: Db, actor: Actor, req: PlacingRequest): PlacingSuggestion {
  return db.transaction(
    () => {
      const suggestion = suggest(db, actor, req);
      const window = allocationWindow(req);
      const calendars = groupByUnit(listUnitsWithBusy(db, { from: window.from, to: window.to, now: nowMs(), programme: req.programme }));
      const busyOf = new Map(calendars.map((c) => [c.row.id, c.busy]));
      const withAddress = canSeeConfidentialAddress(actor.role);
      const units = new Map<string, UnitSummary>();
      const unit = (id: string): UnitSummary => {
        let s = units.get(id);
        if (!s) {
          const row = findUnitWithSite(db, id);
          if (!row) throw new AppError('not_found', 'no such unit');
          s = summariseUnit(row, withAddress);
          if (row.site.kind === 'hotel') s.hotelMaxNights = findStayLimit(db, req.programme, 'hotel');
          units.set(id, s);
        }
        return s;
      };

      const options: PlacingOption[] = suggestion.options.map((o, i) => {
        const { before, after } = slackAround(busyOf.get(o.unitId) ?? [], req.start, req.end);
        const u = unit(o.unitId);
        return {
          ...u,
          rank: i + 1,
          score: o.score,
          reasons: o.reasons,
          spare: u.capacity - req.persons,
          slackBefore: before,
          slackAfter: after,
          freeFrom: before >= FIT_HORIZON ? null : addDays(req.start, -before),
          freeUntil: after >= FIT_HORIZON ? null : addDays(req.end, after),
          preferred: o.unitId === req.unitId
        };
      });
      const preferredIndex = options.findIndex((o) => o.preferred);
      if (preferredIndex > 0) options.unshift(...options.splice(preferredIndex, 1));

      const alternatives: PlacingAlternative[] = suggestion.alternatives.map((a) => ({
        kind: a.kind,
        nights: a.nights,
        stays: a.stays.map((s) => ({
          ...unit(s.unitId),
          start: s.start,
          end: s.end,
          nights: countNights(s.start, s.end),
          ...(s.adults !== undefined && { adults: s.adults, children: s.children })
        }))
      }));

      const preferredRow = req.unitId ? findUnitWithSite(db, req.unitId) : undefined;
      return {
        start: req.start,
        end: req.end,
        nights: countNights(req.start, req.end),
        persons: req.persons,
        programme: req.programme,
        accessible: !!req.accessible,
        options,
        alternatives,
        preferredUnitId: req.unitId,
        preferredUnitFits: preferredIndex >= 0,
        preferredUnitName: preferredRow?.name ?? null,
        unmetReason: likelyUnmetReason(calendars.map((c) => ({ capacity: c.row.capacity, accessible: c.row.accessible === 1 })), req),
        holdMinutes: settings.holdMinutes()
      };
    },
    { behavior: 'deferred' }
  );
}

// ---------------------------------------------------------------------------------------------
// The unmet demand, recorded by hand when nobody is placed.
// ---------------------------------------------------------------------------------------------

export interface UnmetDemandInput {
  programme: Programme;
  start: IsoDate;
  end: IsoDate;
  persons: number;
  accessible?: boolean;
  reason: UnmetReason;
  /** Required for "other"; never a name (the figure is a count). */
  note?: string | null;
}

/**
 * Records a request nobody could be placed for, with its reason, and the audit entry, in one
 * transaction. Under an idempotency key a double tap records it once.
 */
export function recordUnmetDemand(db: Db, actor: Actor, input: UnmetDemandInput, idempotencyKey?: string): { replayed: boolean; value: { id: string } } {
  requireProgramme(actor, input.programme);
  checkIdempotencyKey(idempotencyKey);
  checkPlacementDates(actor, input.start, input.end);
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.persons) || input.persons < 1 || input.persons > MAX_PERSONS) errors.push({ path: 'persons', message: `a whole number from 1 to ${MAX_PERSONS}` });
  if (!(UNMET_REASONS as readonly string[]).includes(input.reason)) errors.push({ path: 'reason', message: `one of ${UNMET_REASONS.join(', ')}` });
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) errors.push({ path: 'note', message: 'say what the reason is' });
  if (note && note.length > NOTE_MAX) errors.push({ path: 'note', message: `at most ${NOTE_MAX} characters` });
  if (errors.length) throw new AppError('invalid', 'the unmet demand is not complete', { errors });
  return withIdempotency(db, actor, idempotencyKey, 'POST /unmet-demands', (tx) => {
    const id = newId();
    insertUnmetDemand(tx, {
      id,
      programme: input.programme,
      start: input.start,
      end: input.end,
      persons: input.persons,
      accessible: !!input.accessible,
      // The code first, as the allocation service writes it: reports count by the part before ':'.
      reason: note ? `${input.reason}: ${note}` : input.reason,
      referralId: null,
      createdBy: actor.accountId,
      createdAt: nowMs()
    });
    // The note may name someone: the audit keeps the code only.
    audit(tx, actor, 'unmet_demand.record', 'unmet_demand', id, {
      programme: input.programme,
      start: input.start,
      end: input.end,
      persons: input.persons,
      reason: input.reason
    });
    return { id };
  });
}
