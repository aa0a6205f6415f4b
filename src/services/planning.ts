// The planning: units × nights over a window, for staff. Read only; blocking a unit from the
// planning goes through createBlock (blocks.ts).
import type { SystemBlockReason } from '#domain/block-reasons.ts';
import { addDays, eachNight, isValidDate, maxDate, minDate, toOffsetTimestamp, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { BLOCKING_ROLES, PROGRAMMES, STAFF_ROLES, programmesOf, type Programme } from '#domain/programmes.ts';
import { effectiveStatus, type StayStatus } from '#domain/stay-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { dataVersion } from '#db/prepared.ts';
import { listPlanningItems, type PlanningItemRow } from '#db/queries/stays.ts';
import { listPlanningSites, listPlanningUnits, type PlanningUnitRow } from '#db/queries/units.ts';
import { requireRole, type Actor } from './actor.ts';
import { nowMs, tonight } from './clock.ts';
import { writeCount } from './transaction.ts';

/** The planning's window: 31 nights by default, from 7 to 62. */
export const PLANNING_DEFAULT_NIGHTS = 31;
export const PLANNING_MIN_NIGHTS = 7;
export const PLANNING_MAX_NIGHTS = 62;

export interface PlanningQuery {
  /** The first night of the window; tonight's night when absent. */
  start?: string | null;
  /** How many nights the window shows (7..62); 31 when absent. */
  nights?: number | null;
  siteId?: string | null;
  programme?: string | null;
}

/**
 * A stay on the planning. One of a programme the caller's role does not handle is shown only as
 * occupied: no id (no link to it), no household, no programme, no hold time, status "occupied".
 */
export interface PlanningStay {
  /** Null for a stay shown only as occupied. */
  id: string | null;
  /** The nights shown: [start, end) clipped to the window. */
  start: IsoDate;
  end: IsoDate;
  /** The stay's own range, which may reach past the window. */
  realStart: IsoDate;
  realEnd: IsoDate;
  /** Effective status: a hold past its expiry is lapsed and never listed; "occupied" for a stay the caller may not see. */
  status: Extract<StayStatus, 'hold' | 'confirmed' | 'in_place' | 'ended'> | 'occupied';
  /** When a hold stops keeping its nights (ISO 8601 with offset); null for other statuses. */
  holdExpiresAt: string | null;
  programme: Programme | null;
  /** What staff see: the pseudonym of a confidential household, the label of any other; null when only occupied. */
  household: { name: string; confidential: boolean; persons: number } | null;
}

export interface PlanningBlock {
  id: string;
  start: IsoDate;
  end: IsoDate;
  realStart: IsoDate;
  realEnd: IsoDate;
  reason: string;
  /**
   * A block the system wrote rather than a person (the housing mission's unit closed outside its
   * offer's period), by its stored flag, never by its reason's text: shown in those words, never
   * offered for lifting.
   */
  system: SystemBlockReason | null;
}

export interface PlanningUnit {
  id: string;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: boolean;
  programmes: Programme[];
  stays: PlanningStay[];
  blocks: PlanningBlock[];
}

export interface PlanningSite {
  id: string;
  name: string;
  commune: string;
  confidential: boolean;
  units: PlanningUnit[];
}

export interface Planning {
  /** The window [start, end): `nights` nights from `start`. */
  start: IsoDate;
  end: IsoDate;
  nights: IsoDate[];
  /** The operational night now (noon rollover): the planning marks it. */
  tonight: IsoDate;
  siteId: string | null;
  programme: Programme | null;
  sites: PlanningSite[];
  /** What the filters offer: every site with an active unit, every programme. */
  filters: { sites: { id: string; name: string; commune: string }[]; programmes: readonly Programme[] };
  /** Whether the caller may block a unit (admins and duty officers). */
  canBlock: boolean;
}

function isProgramme(p: string): p is Programme {
  return (PROGRAMMES as readonly string[]).includes(p);
}

/** Checks the query; 422 with the fields at fault (debut, nuits, site, programme: the page's names). */
function checkQuery(q: PlanningQuery, siteIds: ReadonlySet<string>): { start: IsoDate; nights: number; siteId: string | null; programme: Programme | null } {
  const errors: FieldError[] = [];
  const start = q.start ?? tonight();
  if (!isValidDate(start)) errors.push({ path: 'debut', message: `"${start}" is not a calendar date (YYYY-MM-DD)` });
  const nights = q.nights ?? PLANNING_DEFAULT_NIGHTS;
  if (!Number.isInteger(nights) || nights < PLANNING_MIN_NIGHTS || nights > PLANNING_MAX_NIGHTS) {
    errors.push({ path: 'nuits', message: `between ${PLANNING_MIN_NIGHTS} and ${PLANNING_MAX_NIGHTS} nights` });
  }
  const siteId = q.siteId || null;
  if (siteId !== null && !siteIds.has(siteId)) errors.push({ path: 'site', message: 'no such site' });
  const programme = q.programme || null;
  if (programme !== null && !isProgramme(programme)) errors.push({ path: 'programme', message: `one of ${PROGRAMMES.join(', ')}` });
  if (errors.length) throw new AppError('invalid', 'the planning cannot show this window', { errors });
  // A window near the calendar's edges would step out of it: keep it inside the accepted years.
  if (addDays(start, nights) > '2999-12-31') throw new AppError('invalid', 'the window ends after 2999', { errors: [{ path: 'debut', message: 'too late' }] });
  return { start, nights, siteId, programme: programme as Programme | null };
}

function toStay(r: PlanningItemRow, from: IsoDate, to: IsoDate, now: number, sees: (programme: string) => boolean): PlanningStay | null {
  const status = effectiveStatus(r.status as StayStatus, r.holdExpiresAt, now);
  if (status !== 'hold' && status !== 'confirmed' && status !== 'in_place' && status !== 'ended') return null;
  // A stay of a programme the caller's role does not handle: its nights are taken, nothing more.
  if (!sees(r.programme!)) {
    return { id: null, start: maxDate(r.start, from), end: minDate(r.end, to), realStart: r.start, realEnd: r.end, status: 'occupied', holdExpiresAt: null, programme: null, household: null };
  }
  const confidential = r.confidential === 1;
  return {
    id: r.id,
    start: maxDate(r.start, from),
    end: minDate(r.end, to),
    realStart: r.start,
    realEnd: r.end,
    status,
    holdExpiresAt: status === 'hold' && r.holdExpiresAt !== null ? toOffsetTimestamp(r.holdExpiresAt) : null,
    programme: r.programme as Programme,
    // Confidential households appear under their pseudonym on the planning, for every role; the
    // name is revealed only on the household's record, with a reason, audited.
    household: { name: confidential ? r.pseudonym! : r.label!, confidential, persons: (r.adults ?? 0) + (r.children ?? 0) }
  };
}

function toBlock(r: PlanningItemRow, from: IsoDate, to: IsoDate): PlanningBlock {
  const reason = r.reason ?? '';
  return { id: r.id, start: maxDate(r.start, from), end: minDate(r.end, to), realStart: r.start, realEnd: r.end, reason, system: (r.system as SystemBlockReason | null) ?? null };
}

interface CachedPlanning {
  planning: Omit<Planning, 'canBlock'>;
  writes: number;
  dataVersion: number;
  tonight: IsoDate;
  /** The planning changes by itself when a hold in the window lapses: it is valid until then. */
  validUntil: number;
}

const cache = new WeakMap<object, Map<string, CachedPlanning>>();
const MAX_CACHED = 200;

/**
 * Units × nights over [start, start + nights), grouped by site, filtered by site and by programme
 * served. Staff only; a partner gets 403 (partners see availability, never households). The stays of
 * programmes the caller's role does not handle show only as occupied.
 *
 * Every page of the planning asks for it, often the same window: the answer is kept per connection
 * until something could change it (a write on this connection, a commit by another process, a hold
 * of the window lapsing, the night turning), like the availability's.
 */
export function getPlanning(db: Db, actor: Actor, q: PlanningQuery = {}): Planning {
  requireRole(actor, STAFF_ROLES, 'the planning is for staff');
  const canBlock = BLOCKING_ROLES.includes(actor.role);
  const night = tonight();
  const now = nowMs();
  const writes = writeCount(db);
  const version = dataVersion(db);
  // What a role sees of the stays depends on its programmes: one cached answer per set of programmes.
  const scope = programmesOf(actor.role);
  const key = `${scope.join(',')}|${q.start || night}|${q.nights ?? PLANNING_DEFAULT_NIGHTS}|${q.siteId || ''}|${q.programme || ''}`;
  let byKey = cache.get(db.$client);
  if (!byKey) cache.set(db.$client, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.writes === writes && hit.dataVersion === version && hit.tonight === night && now < hit.validUntil) return { ...hit.planning, canBlock };
  const { planning, validUntil } = buildPlanning(db, q, now, scope);
  if (byKey.size >= MAX_CACHED) byKey.clear();
  byKey.set(key, { planning, writes, dataVersion: version, tonight: night, validUntil });
  return { ...planning, canBlock };
}

function buildPlanning(db: Db, q: PlanningQuery, now: number, scope: readonly Programme[]): { planning: Omit<Planning, 'canBlock'>; validUntil: number } {
  const sees = (programme: string) => scope.includes(programme as Programme);
  const filterSites: Planning['filters']['sites'] = listPlanningSites(db);
  const { start, nights, siteId, programme } = checkQuery(q, new Set(filterSites.map((s) => s.id)));
  // One site's planning reads that site's units only.
  const unitRows = listPlanningUnits(db, siteId);
  const end = addDays(start, nights);

  const sites: PlanningSite[] = [];
  const byUnit = new Map<string, PlanningUnit>();
  let site: PlanningSite | null = null;
  for (const u of unitRows as PlanningUnitRow[]) {
    const programmes = JSON.parse(u.programmes) as Programme[];
    if (programme !== null && !programmes.includes(programme)) continue;
    if (!site || site.id !== u.siteId) {
      site = { id: u.siteId, name: u.siteName, commune: u.commune, confidential: u.confidential === 1, units: [] };
      sites.push(site);
    }
    const unit: PlanningUnit = { id: u.id, name: u.name, capacity: u.capacity, typology: u.typology, accessible: u.accessible === 1, programmes, stays: [], blocks: [] };
    site.units.push(unit);
    byUnit.set(u.id, unit);
  }

  let validUntil = Number.POSITIVE_INFINITY;
  for (const r of listPlanningItems(db, { from: start, to: end, now, siteId, programme })) {
    const unit = byUnit.get(r.unitId);
    if (!unit) continue;
    if (r.kind === 'block') unit.blocks.push(toBlock(r, start, end));
    else {
      const stay = toStay(r, start, end, now, sees);
      if (!stay) continue;
      unit.stays.push(stay);
      // A live hold (shown as occupied or not) leaves the planning when it lapses.
      if (r.status === 'hold' && r.holdExpiresAt !== null && r.holdExpiresAt < validUntil) validUntil = r.holdExpiresAt;
    }
  }

  return {
    planning: { start, end, nights: eachNight(start, end), tonight: tonight(), siteId, programme, sites, filters: { sites: filterSites, programmes: PROGRAMMES } },
    validUntil
  };
}
