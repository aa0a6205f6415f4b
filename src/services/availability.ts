// Availability: free ranges of each unit and free totals per night, from the calendar's interval index.
import { dayNumber, MAX_QUERY_NIGHTS, type DateRange } from '#domain/dates.ts';
import { freeRanges, nightlyTotalsByDay, partnerTotalsCountHidden, type BusyInterval, type NightTotal } from '#domain/availability.ts';
import { isStaff, type Programme } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { changeStamp, dataVersion } from '#db/prepared.ts';
import { listAvailabilityUnits, type AvailabilityUnitRow, type UnitBusyRow } from '#db/queries/units.ts';
import { dateOfDay, listBusyDays } from '#db/queries/calendar-index.ts';
import { nextHoldExpiry } from '#db/queries/stays.ts';
import { writeCount } from './transaction.ts';
import type { Actor } from './actor.ts';
import { nowMs } from './clock.ts';
import { sha256 } from './digest.ts';
import { checkRange } from './ranges.ts';

export interface AvailabilityQuery {
  from: string;
  to: string;
  programme?: Programme;
  persons?: number;
  /** Only units accessible to a wheelchair (not offered by the API yet; the rule below covers it). */
  accessible?: boolean;
}

export interface AvailabilityUnit {
  unitId: string;
  name: string;
  commune: string;
  capacity: number;
  programmes: Programme[];
  free: DateRange[];
}

export interface Availability {
  from: string;
  to: string;
  units: AvailabilityUnit[];
  nights: NightTotal[];
}

interface Calendar {
  row: UnitBusyRow;
  busy: BusyInterval[];
}

/** Groups the query's (unit, busy interval) rows by unit; rows arrive ordered by unit. */
export function groupByUnit(rows: readonly UnitBusyRow[]): Calendar[] {
  const out: Calendar[] = [];
  let current: Calendar | null = null;
  for (const r of rows) {
    if (!current || current.row.id !== r.id) out.push((current = { row: r, busy: [] }));
    if (r.busyStart !== null && r.busyEnd !== null) current.busy.push({ start: r.busyStart, end: r.busyEnd });
  }
  return out;
}

interface UnitList {
  stamp: string;
  byFilter: Map<string, { units: AvailabilityUnitRow[]; programmes: Programme[][] }>;
}

const unitLists = new WeakMap<object, UnitList>();

/**
 * The units an availability query keeps, read once and kept per connection until anything could
 * have changed them: a row written by this connection (any table, so any write) or a commit by
 * another process. The calendar itself is read for every answer.
 */
function availabilityUnits(db: Db, q: AvailabilityQuery): { units: AvailabilityUnitRow[]; programmes: Programme[][] } {
  const stamp = changeStamp(db);
  let lists = unitLists.get(db.$client);
  if (!lists || lists.stamp !== stamp) unitLists.set(db.$client, (lists = { stamp, byFilter: new Map() }));
  const key = `${q.programme ?? ''}|${q.persons ?? ''}|${q.accessible ? 1 : ''}`;
  let hit = lists.byFilter.get(key);
  if (!hit) {
    const units = listAvailabilityUnits(db, { programme: q.programme ?? null, minCapacity: q.persons ?? null, accessible: q.accessible });
    hit = { units, programmes: units.map((u) => JSON.parse(u.programmes) as Programme[]) };
    if (lists.byFilter.size >= 100) lists.byFilter.clear();
    lists.byFilter.set(key, hit);
  }
  return hit;
}

/**
 * Availability over [from, to). Every role may ask; a partner's answer is built for partners: the
 * units of confidential sites are not listed, and count in the nightly totals only as whole-night
 * counts that no filter splits (only when nothing but the programme filters the query); private
 * landlords' period offers (site kind private) are neither listed nor counted. The window's busy
 * nights come from the calendar's interval index: the cost follows the window, not the calendar.
 */
export function getAvailability(db: Db, actor: Actor, q: AvailabilityQuery): Availability {
  checkRange(q.from, q.to, MAX_QUERY_NIGHTS, ['from', 'to']);
  const { units: rows, programmes } = availabilityUnits(db, q);
  // The window's busy nights as day numbers, grouped by unit (seq).
  const first = dayNumber(q.from);
  const end = dayNumber(q.to);
  const busy = listBusyDays(db, q.from, q.to, nowMs());
  const busyBySeq = new Map<number, { start: number; end: number }[]>();
  for (let i = 0; i < busy.length; i += 3) {
    const interval = { start: busy[i + 1], end: busy[i + 2] };
    const list = busyBySeq.get(busy[i]);
    if (list) list.push(interval);
    else busyBySeq.set(busy[i], [interval]);
  }
  const staff = isStaff(actor.role);
  const countHidden = staff || partnerTotalsCountHidden({ ...q });
  const calendars: { capacity: number; free: { start: number; end: number }[] }[] = [];
  const units: AvailabilityUnit[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    // A private landlord's period offer (site kind private) is the mission's own: partners neither see nor count it.
    // A confidential unit counts for a partner only when no filter could split it from the others.
    if (!staff && (row.siteKind === 'private' || (!countHidden && row.confidential))) continue;
    const free = freeRanges<number>(busyBySeq.get(row.seq) ?? [], first, end);
    calendars.push({ capacity: row.capacity, free });
    if (!staff && row.confidential) continue;
    units.push({
      unitId: row.id,
      name: row.name,
      commune: row.commune,
      capacity: row.capacity,
      programmes: [...programmes[i]],
      free: free.map((r) => ({ start: dateOfDay(r.start), end: dateOfDay(r.end) }))
    });
  }
  return { from: q.from, to: q.to, units, nights: nightlyTotalsByDay(calendars, first, end) };
}

function etagOf(json: string | Uint8Array): string {
  return `"${sha256(json, 'base64url').slice(0, 27)}"`;
}

/** A strong validator of an availability answer: it changes whenever the answer would change. */
export function availabilityEtag(body: Availability): string {
  return etagOf(JSON.stringify(body));
}

export interface AvailabilityAnswer {
  etag: string;
  /**
   * The answer, serialised once, as the UTF-8 bytes sent: the ETag is hashed from them and every
   * answer sends them as they are, where a string would be encoded again for each (an admin's
   * answer over 500 units is about 130 KB). Kept outside V8's heap, they cost the collector little.
   */
  body: Buffer;
}

interface CachedAnswer extends AvailabilityAnswer {
  writes: number;
  dataVersion: number;
  /** The answer changes by itself when a hold lapses: it is valid until then. */
  validUntil: number;
}

/** Per connection: its kept answers by key, and the bytes they hold. */
const answers = new WeakMap<object, { byKey: Map<string, CachedAnswer>; bytes: number }>();
/** Answers kept per connection (the cache is emptied when full). */
export const MAX_CACHED = 1000;
/**
 * And at most this many bytes of them: each question asked about a different window is computed
 * and kept, though it may never be asked again; without a bound on bytes 1,000 admin answers hold
 * 130 MB.
 */
export const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/** How many answers the connection keeps, and their bytes (tests and the bench). */
export function keptAnswers(db: Db): { count: number; bytes: number } {
  const kept = answers.get(db.$client);
  return { count: kept?.byKey.size ?? 0, bytes: kept?.bytes ?? 0 };
}

/** The key of a query's kept answer: who asks (staff or partner) and the query as validated. */
export function availabilityKey(staff: boolean, q: AvailabilityQuery): string {
  return `${staff ? 'staff' : 'partner'}|${q.from}|${q.to}|${q.programme ?? ''}|${q.persons ?? ''}|${q.accessible ? 1 : ''}`;
}

/** The kept answer under `key` while it is still the answer; null when it must be computed again. */
function keptAnswer(db: Db, key: string, now: number, version?: number): CachedAnswer | null {
  const hit = answers.get(db.$client)?.byKey.get(key);
  // A write on this connection, a commit by another connection (data_version) or a hold lapsing in
  // the window: each may change the answer, so each ends its validity.
  return hit && hit.writes === writeCount(db) && now < hit.validUntil && hit.dataVersion === (version ?? dataVersion(db)) ? hit : null;
}

/**
 * The ETag of the kept answer under `key` (see availabilityKey) while it is still the answer, or
 * null. Nothing is computed: a conditional request costs a map lookup and PRAGMA data_version
 * (`version`, when the caller has just read it). Only
 * a validated query has a kept answer, so a key that is found was a valid query.
 */
export function keptAvailabilityEtag(db: Db, key: string, version?: number): string | null {
  return keptAnswer(db, key, nowMs(), version)?.etag ?? null;
}

/**
 * The availability answer with its ETag, kept per connection until something could change it: a
 * write on this connection, a commit by another process (data_version), or a hold lapsing in the
 * window. A poller's request then costs a lookup; a 304 costs no more.
 */
export function getAvailabilityAnswer(db: Db, actor: Actor, q: AvailabilityQuery): AvailabilityAnswer {
  checkRange(q.from, q.to, MAX_QUERY_NIGHTS, ['from', 'to']);
  const key = availabilityKey(isStaff(actor.role), q);
  const now = nowMs();
  const hit = keptAnswer(db, key, now);
  if (hit) return hit;
  const writes = writeCount(db);
  const version = dataVersion(db);
  const body = Buffer.from(JSON.stringify(getAvailability(db, actor, q)), 'utf8');
  const entry: CachedAnswer = {
    etag: etagOf(body),
    body,
    writes,
    dataVersion: version,
    validUntil: nextHoldExpiry(db, q.from, q.to, now) ?? Number.POSITIVE_INFINITY
  };
  let kept = answers.get(db.$client);
  if (!kept) answers.set(db.$client, (kept = { byKey: new Map(), bytes: 0 }));
  if (kept.byKey.size >= MAX_CACHED || kept.bytes + body.length > MAX_CACHED_BYTES) {
    kept.byKey.clear();
    kept.bytes = 0;
  }
  // A stale answer under the same key is replaced: its bytes leave with it.
  kept.bytes += body.length - (kept.byKey.get(key)?.body.length ?? 0);
  kept.byKey.set(key, entry);
  return entry;
}
