// Availability: free ranges of each unit and free totals per night, from the calendar's interval index.
import { dayNumber, MAX_QUERY_NIGHTS, type DateRange } from '#domain/dates.ts';
import { addFreeNights, freeRuns, markBusy, nightGrid, partnerTotalsCountHidden, type BusyInterval, type NightGrid, type NightTotal } from '#domain/availability.ts';
import { isStaff, type Programme } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { changeStamp, dataVersion } from '#db/prepared.ts';
import { listAvailabilityUnits, type AvailabilityUnitRow, type UnitBusyRow } from '#db/queries/units.ts';
import { dateOfDay, listBusyNights } from '#db/queries/calendar-index.ts';
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

/** The units an availability query keeps, and what every answer repeats about them. */
interface UnitsOfQuery {
  units: AvailabilityUnitRow[];
  programmes: Programme[][];
  /** Each unit's position in `units`, by its seq (the interval index names units by seq). */
  indexOfSeq: Map<number, number>;
  /** Each unit's fixed part of the JSON as UTF-8 bytes (made on the first answer written as bytes). */
  heads: string[] | null;
}

interface UnitList {
  stamp: string;
  byFilter: Map<string, UnitsOfQuery>;
}

const unitLists = new WeakMap<object, UnitList>();

/**
 * The units an availability query keeps, read once and kept per connection until anything could
 * have changed them: a row written by this connection (any table, so any write) or a commit by
 * another process. The calendar itself is read for every answer.
 */
function availabilityUnits(db: Db, q: AvailabilityQuery): UnitsOfQuery {
  const stamp = changeStamp(db);
  let lists = unitLists.get(db.$client);
  if (!lists || lists.stamp !== stamp) unitLists.set(db.$client, (lists = { stamp, byFilter: new Map() }));
  const key = `${q.programme ?? ''}|${q.persons ?? ''}|${q.accessible ? 1 : ''}`;
  let hit = lists.byFilter.get(key);
  if (!hit) {
    const units = listAvailabilityUnits(db, { programme: q.programme ?? null, minCapacity: q.persons ?? null, accessible: q.accessible });
    hit = {
      units,
      programmes: units.map((u) => JSON.parse(u.programmes) as Programme[]),
      indexOfSeq: new Map(units.map((u, i) => [u.seq, i])),
      heads: null
    };
    if (lists.byFilter.size >= 100) lists.byFilter.clear();
    lists.byFilter.set(key, hit);
  }
  return hit;
}

/** How a unit takes part in an answer: not at all, in the nightly totals only, or listed (and counted). */
const HIDDEN = 0;
const COUNTED = 1;
const LISTED = 2;

/** A window's availability before it is written out: the grid of busy nights and who sees which unit. */
interface WindowAvailability {
  q: AvailabilityQuery;
  first: number;
  list: UnitsOfQuery;
  grid: NightGrid;
  /** Per unit (as in list.units): HIDDEN, COUNTED or LISTED for the actor. */
  shown: Uint8Array;
  freeUnits: number[];
  freePlaces: number[];
  /** The YYYY-MM-DD of each night of the window and of its end (n + 1 dates). */
  dates: string[];
  /** Whether a hold blocks a night of the window (its lapse changes the answer). */
  holds: boolean;
}

/**
 * Availability over [from, to). Every role may ask; a partner's answer is built for partners: the
 * units of confidential sites are not listed, and count in the nightly totals only as whole-night
 * counts that no filter splits (only when nothing but the programme filters the query); private
 * landlords' period offers (site kind private) are neither listed nor counted. The window's busy
 * nights come from the calendar's interval index: the cost follows the window, not the calendar.
 */
function computeAvailability(db: Db, actor: Actor, q: AvailabilityQuery, now: number): WindowAvailability {
  checkRange(q.from, q.to, MAX_QUERY_NIGHTS, ['from', 'to']);
  const list = availabilityUnits(db, q);
  const rows = list.units;
  const first = dayNumber(q.from);
  const nights = dayNumber(q.to) - first;
  const grid = nightGrid(rows.length, nights);
  const { triples, holds } = listBusyNights(db, first, first + nights, now);
  for (let i = 0; i < triples.length; i += 3) {
    const unit = list.indexOfSeq.get(triples[i]);
    if (unit !== undefined) markBusy(grid, unit, triples[i + 1], triples[i + 2]);
  }
  const staff = isStaff(actor.role);
  const countHidden = staff || partnerTotalsCountHidden({ ...q });
  const shown = new Uint8Array(rows.length);
  const freeUnits = new Array<number>(nights).fill(0);
  const freePlaces = new Array<number>(nights).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    // A private landlord's period offer (site kind private) is the mission's own: partners neither see nor count it.
    // A confidential unit counts for a partner only when no filter could split it from the others.
    if (!staff && (row.siteKind === 'private' || (!countHidden && row.confidential))) continue;
    shown[i] = !staff && row.confidential ? COUNTED : LISTED;
    addFreeNights(grid, i, row.capacity, freeUnits, freePlaces);
  }
  const dates: string[] = [];
  for (let d = 0; d <= nights; d++) dates.push(dateOfDay(first + d));
  return { q, first, list, grid, shown, freeUnits, freePlaces, dates, holds };
}

/** The answer as objects, for callers in process (the pages, the summary). */
export function getAvailability(db: Db, actor: Actor, q: AvailabilityQuery): Availability {
  const a = computeAvailability(db, actor, q, nowMs());
  const { units: rows, programmes } = a.list;
  const runs: number[] = [];
  const units: AvailabilityUnit[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (a.shown[i] !== LISTED) continue;
    const row = rows[i];
    const k = freeRuns(a.grid, i, runs);
    const free: DateRange[] = [];
    for (let j = 0; j < k; j += 2) free.push({ start: a.dates[runs[j]], end: a.dates[runs[j + 1]] });
    units.push({ unitId: row.id, name: row.name, commune: row.commune, capacity: row.capacity, programmes: [...programmes[i]], free });
  }
  const nights: NightTotal[] = [];
  for (let d = 0; d < a.grid.nights; d++) nights.push({ date: a.dates[d], freeUnits: a.freeUnits[d], freePlaces: a.freePlaces[d] });
  return { from: q.from, to: q.to, units, nights };
}

/** A text's UTF-8 bytes as a one-byte string (a character a byte), which latin1 writes back as they are. */
function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * Each unit's JSON up to its free ranges, `{"unitId":…,"name":…,"commune":…,"capacity":…,
 * "programmes":[…],"free":[`, serialised by JSON.stringify (so with its escaping), once per unit
 * list, and kept as its UTF-8 bytes (utf8Bytes).
 */
function unitHeads(list: UnitsOfQuery): string[] {
  return (list.heads ??= list.units.map((row, i) =>
    utf8Bytes(
      `{"unitId":${JSON.stringify(row.id)},"name":${JSON.stringify(row.name)},"commune":${JSON.stringify(row.commune)},"capacity":${JSON.stringify(row.capacity)},"programmes":${JSON.stringify(list.programmes[i])},"free":[`
    )
  ));
}

/**
 * The answer as the UTF-8 bytes of JSON.stringify(getAvailability(…)), byte for byte, written
 * directly: each unit's fixed part is serialised once per unit list, and only the free ranges and
 * the totals (ASCII: dates and integers) are written per answer, without an object per unit or per
 * range. Every piece is a one-byte string of UTF-8 bytes, so the whole is copied into the Buffer as
 * it is (latin1), never encoded character by character. The object form stays the reference: a
 * property test compares the two.
 */
export function availabilityBytes(db: Db, actor: Actor, q: AvailabilityQuery, now: number = nowMs()): { body: Buffer; holds: boolean } {
  const a = computeAvailability(db, actor, q, now);
  const heads = unitHeads(a.list);
  const quoted = a.dates.map((d) => JSON.stringify(d));
  const runs: number[] = [];
  let out = utf8Bytes(`{"from":${JSON.stringify(q.from)},"to":${JSON.stringify(q.to)},"units":[`);
  let listed = 0;
  for (let i = 0; i < a.shown.length; i++) {
    if (a.shown[i] !== LISTED) continue;
    out += listed++ === 0 ? heads[i] : ',' + heads[i];
    const k = freeRuns(a.grid, i, runs);
    for (let j = 0; j < k; j += 2) out += `${j === 0 ? '' : ','}{"start":${quoted[runs[j]]},"end":${quoted[runs[j + 1]]}}`;
    out += ']}';
  }
  out += '],"nights":[';
  for (let d = 0; d < a.grid.nights; d++) out += `${d === 0 ? '' : ','}{"date":${quoted[d]},"freeUnits":${a.freeUnits[d]},"freePlaces":${a.freePlaces[d]}}`;
  return { body: Buffer.from(out + ']}', 'latin1'), holds: a.holds };
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

interface CachedAnswer {
  etag: string;
  /** The bytes, kept only once the question is asked again (null: only its ETag is kept). */
  body: Buffer | null;
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
 * And at most this many bytes of them: each question asked again about a different window is kept,
 * though it may never be asked a third time; without a bound on bytes 1,000 admin answers hold
 * 130 MB.
 */
export const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/** How many answers the connection keeps (their ETag), how many of them with their bytes, and those bytes (tests and the bench). */
export function keptAnswers(db: Db): { count: number; withBytes: number; bytes: number } {
  const kept = answers.get(db.$client);
  let withBytes = 0;
  for (const entry of kept?.byKey.values() ?? []) if (entry.body) withBytes++;
  return { count: kept?.byKey.size ?? 0, withBytes, bytes: kept?.bytes ?? 0 };
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
 *
 * The first time a question is asked only its ETag is kept (a conditional request is answered 304
 * from it); its bytes are kept from the second time on (even if its answer changed in between). Most windows are asked once (each partner
 * and each officer their own): keeping 130 KB for each of them would have the collector move and
 * free them all, which cost more than the answers themselves (measured under load). A poller pays
 * one computation more, once.
 */
export function getAvailabilityAnswer(db: Db, actor: Actor, q: AvailabilityQuery): AvailabilityAnswer {
  checkRange(q.from, q.to, MAX_QUERY_NIGHTS, ['from', 'to']);
  const key = availabilityKey(isStaff(actor.role), q);
  const now = nowMs();
  const hit = keptAnswer(db, key, now);
  if (hit?.body) return hit as AvailabilityAnswer;
  let kept = answers.get(db.$client);
  // Asked before (its kept answer may be stale since): the bytes are kept this time.
  const askedBefore = kept?.byKey.has(key) ?? false;
  const writes = writeCount(db);
  const version = dataVersion(db);
  const { body, holds } = availabilityBytes(db, actor, q, now);
  const entry: CachedAnswer = {
    etag: etagOf(body),
    body: askedBefore ? body : null,
    writes,
    dataVersion: version,
    // Only a window that a live hold blocks changes when a hold lapses (its busy nights were read at
    // this `now`): it is kept until the next lapse of any hold, which the index finds at once
    // (walking the window's holds again would cost as much as reading the window).
    validUntil: (holds ? nextHoldExpiry(db, now) : null) ?? Number.POSITIVE_INFINITY
  };
  if (!kept) answers.set(db.$client, (kept = { byKey: new Map(), bytes: 0 }));
  const added = entry.body?.length ?? 0;
  if (kept.byKey.size >= MAX_CACHED || kept.bytes + added > MAX_CACHED_BYTES) {
    kept.byKey.clear();
    kept.bytes = 0;
  }
  // A stale answer under the same key is replaced: its bytes leave with it.
  kept.bytes += added - (kept.byKey.get(key)?.body?.length ?? 0);
  kept.byKey.set(key, entry);
  return entry.body ? (entry as AvailabilityAnswer) : { etag: entry.etag, body };
}
