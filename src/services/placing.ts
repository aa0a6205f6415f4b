// Placing from the staff's web page (/placer): the allocation's suggestions with what a person needs
// to choose between them at 23:40 (the unit, its site and commune, how long it stays free around the
// stay), the alternatives when nothing fits, and the unmet demand recorded when nobody is placed.
// The ranking itself is the allocation service's: this module only reads around it.
import { allocationWindow, FIT_HORIZON, slackAround, type Alternative } from '#domain/allocation.ts';
import { addDays, countNights, isValidDate, MAX_STAY_NIGHTS, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { canSeeConfidentialAddress, PROGRAMMES, programmesOf, type Programme } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
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

/** The most persons a household of the placing form may count (the API's own bound). */
export const MAX_PERSONS = 50;

// ---------------------------------------------------------------------------------------------
// The placing form: what a person typed, read once, with the field at fault when it is wrong.
// ---------------------------------------------------------------------------------------------

/** The fields of the placing form as typed (strings), so that the page can give them back. */
export interface PlacingValues {
  start: string;
  nights: string;
  end: string;
  adults: string;
  children: string;
  programme: string;
  accessible: boolean;
  unitId: string;
}

export interface PlacingRequest extends SuggestInput {
  adults: number;
  children: number;
  /** A unit asked for by name (a link from Tonight): shown first when it fits. */
  unitId: string | null;
}

export interface ParsedPlacingForm {
  values: PlacingValues;
  /** The request, when every field is right. */
  request: PlacingRequest | null;
  errors: FieldError[];
}

type Fields = { get(name: string): string | null };

function wholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^\d{1,4}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= min && n <= max ? n : null;
}

/**
 * Reads the placing form (a GET query: linkable, and it works without JavaScript). The departure
 * date, when given, wins over the number of nights; `persons` (a link from Tonight) stands for
 * that many adults when adults and children are not given. Error paths name the form's fields.
 */
export function parsePlacingForm(fields: Fields, actor: Actor, tonight: IsoDate): ParsedPlacingForm {
  const get = (name: string) => (fields.get(name) ?? '').trim();
  const allowed = programmesOf(actor.role);
  const persons = get('persons');
  const values: PlacingValues = {
    start: get('start') || tonight,
    nights: get('nights'),
    end: get('end'),
    adults: get('adults') || (get('children') ? '0' : persons || '1'),
    children: get('children') || '0',
    programme: get('programme') || allowed[0] || '',
    accessible: ['on', '1', 'true'].includes(get('accessible')),
    unitId: get('unitId')
  };
  const errors: FieldError[] = [];
  if (!isValidDate(values.start)) errors.push({ path: 'start', message: 'not a date' });
  let end: string | null = null;
  if (values.end) {
    if (!isValidDate(values.end)) errors.push({ path: 'end', message: 'not a date' });
    else if (isValidDate(values.start)) {
      const n = countNights(values.start, values.end);
      if (n < 1) errors.push({ path: 'end', message: 'must be after start' });
      else if (n > MAX_STAY_NIGHTS) errors.push({ path: 'end', message: `at most ${MAX_STAY_NIGHTS} nights` });
      else {
        end = values.end;
        values.nights = String(n);
      }
    }
  } else {
    const n = wholeNumber(values.nights || '1', 1, MAX_STAY_NIGHTS);
    values.nights ||= '1';
    if (n === null) errors.push({ path: 'nights', message: `a whole number from 1 to ${MAX_STAY_NIGHTS}` });
    else if (isValidDate(values.start)) end = addDays(values.start, n);
  }
  const adults = wholeNumber(values.adults, 0, MAX_PERSONS);
  const children = wholeNumber(values.children, 0, MAX_PERSONS);
  if (adults === null) errors.push({ path: 'adults', message: `a whole number from 0 to ${MAX_PERSONS}` });
  if (children === null) errors.push({ path: 'children', message: `a whole number from 0 to ${MAX_PERSONS}` });
  if (adults !== null && children !== null && adults + children < 1) errors.push({ path: 'adults', message: 'at least one person' });
  if (adults !== null && children !== null && adults + children > MAX_PERSONS) errors.push({ path: 'children', message: `at most ${MAX_PERSONS} persons` });
  if (!(PROGRAMMES as readonly string[]).includes(values.programme) || !allowed.includes(values.programme as Programme)) {
    errors.push({ path: 'programme', message: 'not a programme this role handles' });
  }
  if (errors.length || end === null || adults === null || children === null) return { values, request: null, errors };
  return {
    values,
    errors,
    request: {
      start: values.start,
      end,
      persons: adults + children,
      adults,
      children,
      programme: values.programme as Programme,
      accessible: values.accessible,
      unitId: values.unitId || null
    }
  };
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
  stays: (UnitSummary & { start: IsoDate; end: IsoDate; nights: number })[];
}

export const UNMET_REASONS = ['no_place', 'no_place_of_that_size', 'out_of_scope', 'other'] as const;
export type UnmetReason = (typeof UNMET_REASONS)[number];

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

function summarise(u: UnitWithSite, withConfidentialAddress: boolean): UnitSummary {
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
          units.set(id, (s = summarise(row, withAddress)));
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
        stays: a.stays.map((s) => ({ ...unit(s.unitId), start: s.start, end: s.end, nights: countNights(s.start, s.end) }))
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

/** Why nothing fits, as the allocation service words it when it records an unmet demand. */
function likelyUnmetReason(units: { capacity: number; accessible: boolean }[], req: { persons: number; accessible?: boolean }): UnmetReason {
  if (units.length === 0) return 'out_of_scope';
  if (!units.some((u) => u.capacity >= req.persons && (!req.accessible || u.accessible))) return 'no_place_of_that_size';
  return 'no_place';
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

export const UNMET_NOTE_MAX = 500;

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
  if (note && note.length > UNMET_NOTE_MAX) errors.push({ path: 'note', message: `at most ${UNMET_NOTE_MAX} characters` });
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
