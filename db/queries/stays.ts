// Stays and their events: holds lapsing, overlap conflicts, the stays of a window (the planning's
// stays and blocks in one statement), tonight's arrivals, departures and live holds, the paid stays
// of the DV protocol, and the next hold to lapse.
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Programme } from '#domain/programmes.ts';
import type { StayStatus } from '#domain/stay-lifecycle.ts';
import type { DbOrTx } from '../client.ts';
import { stayEvents, stays } from '../schema.ts';
import { cachedQuery, prepared } from '../prepared.ts';
import { BLOCKS_NIGHTS_AT_NOW, SHARES_A_NIGHT_WITH_WINDOW } from './calendar-index.ts';

export type StayRow = typeof stays.$inferSelect;

export type StayEventRow = typeof stayEvents.$inferSelect;

/**
 * The expired holds still marked 'hold': one unit's through its holds' index (stays_unit_holds), the
 * territory's through (status, hold_expires_at). A placement must not read every expired hold of the
 * territory to find its unit's: with a few thousand unswept, that was 20 ms a placement at 50,000 units.
 */
export const EXPIRED_HOLDS = {
  ofUnit: `SELECT id, start_date AS start, end_date AS end FROM stays WHERE status = 'hold' AND unit_id = ? AND hold_expires_at <= ?`,
  all: `SELECT id, start_date AS start, end_date AS end FROM stays WHERE status = 'hold' AND hold_expires_at <= ?`
} as const;

/**
 * Marks lapsed every hold whose expiry has passed (on one unit, or on all when unitId is null) and
 * records the change. Runs inside the writing transaction, so the overlap trigger, which counts
 * every row still marked 'hold', never sees a hold that no longer blocks its nights.
 */
export function lapseExpiredHolds(db: DbOrTx, unitId: string | null, now: number): number {
  const expired = (unitId === null ? prepared(db, EXPIRED_HOLDS.all).all(now) : prepared(db, EXPIRED_HOLDS.ofUnit).all(unitId, now)) as { id: string; start: string; end: string }[];
  for (const s of expired) {
    prepared(db, `UPDATE stays SET status = 'lapsed', updated_at = ? WHERE id = ?`).run(now, s.id);
    insertStayEvent(db, { stayId: s.id, action: 'lapse', fromStatus: 'hold', toStatus: 'lapsed', start: s.start, end: s.end, at: now });
  }
  return expired.length;
}

export interface Conflict {
  start: string;
  end: string;
  kind: 'stay' | 'block';
}

// The rows the overlap triggers count: a stay marked live (a hold however old: see lapseExpiredHolds).
const MARKED_LIVE = `status IN ('hold', 'confirmed', 'in_place')`;

/**
 * Live stays (holds not yet expired) and blocks on a unit that share a night with [start, end), in
 * four seeks of the tables' (unit_id, end_date, start_date) indexes, whatever the size of the
 * calendar. The triggers keep the stays marked live and the blocks of a unit from sharing any night,
 * so ordered by end they are ordered by start too: the rows ending inside (start, end] all share a
 * night with the range, and of those ending after it only the first can (it may begin before `end`);
 * the next begin after that one ends. Through the calendar's R*Tree this cost 20, 27 and 53 µs at
 * 10,000, 100,000 and 1,000,000 stays (the tree's nodes overlap more as it grows); this way about 18
 * µs at each. The overlap triggers still refuse through the R*Tree, which needs no such invariant.
 */
export function findConflicts(db: DbOrTx, unitId: string, start: string, end: string, now: number, excludeStayId: string | null = null): Conflict[] {
  return prepared(
    db,
    `SELECT start_date AS start, end_date AS end, 'stay' AS kind FROM stays
      WHERE unit_id = @unitId AND end_date > @start AND end_date <= @end AND ${MARKED_LIVE}
        AND (status <> 'hold' OR hold_expires_at > @now) AND (@exclude IS NULL OR id <> @exclude)
     UNION ALL
     SELECT start, end, 'stay' FROM (
       SELECT start_date AS start, end_date AS end, status, hold_expires_at FROM stays
        WHERE unit_id = @unitId AND end_date > @end AND ${MARKED_LIVE} AND (@exclude IS NULL OR id <> @exclude)
        ORDER BY end_date LIMIT 1)
      WHERE start < @end AND (status <> 'hold' OR hold_expires_at > @now)
     UNION ALL
     SELECT start_date, end_date, 'block' FROM blocks WHERE unit_id = @unitId AND end_date > @start AND end_date <= @end
     UNION ALL
     SELECT start, end, 'block' FROM (
       SELECT start_date AS start, end_date AS end FROM blocks WHERE unit_id = @unitId AND end_date > @end ORDER BY end_date LIMIT 1)
      WHERE start < @end
     ORDER BY start`
  ).all({ unitId, start, end, now, exclude: excludeStayId }) as Conflict[];
}

export function insertStay(
  db: DbOrTx,
  input: Omit<StayRow, 'togetherGroup' | 'adults' | 'children' | 'destination' | 'nightlyCostCents'> &
    Partial<Pick<StayRow, 'togetherGroup' | 'adults' | 'children' | 'destination'>>
): StayRow {
  const row = { togetherGroup: null, adults: null, children: null, ...input, destination: input.destination ?? null };
  // The unit's nightly cost is frozen on the stay as it is placed.
  const frozen = prepared(
    db,
    `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, hold_expires_at, referral_id, previous_stay_id, note, override_reason, together_group, adults, children, nightly_cost_cents, created_by, created_at, updated_at)
     VALUES (@id, @unitId, @householdId, @programme, @start, @end, @status, @holdExpiresAt, @referralId, @previousStayId, @note, @overrideReason, @togetherGroup, @adults, @children,
             (SELECT nightly_cost_cents FROM units WHERE id = @unitId), @createdBy, @createdAt, @updatedAt)
     RETURNING nightly_cost_cents AS nightlyCostCents`
  ).get(row) as { nightlyCostCents: number | null };
  return { ...row, nightlyCostCents: frozen.nightlyCostCents };
}

/** The stays placed together with one (same household, same nights, several units), in creation order. */
export function listTogetherStays(db: DbOrTx, group: string): StayRow[] {
  return db.select().from(stays).where(eq(stays.togetherGroup, group)).orderBy(stays.createdAt, stays.id).all();
}

export function findStay(db: DbOrTx, id: string): StayRow | undefined {
  return cachedQuery(db, 'findStay', () => db.select().from(stays).where(eq(stays.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** The stays that follow one on a path (previousStayId), of every status, oldest first. */
export function listFollowingStays(db: DbOrTx, previousStayId: string): StayRow[] {
  return db.select().from(stays).where(eq(stays.previousStayId, previousStayId)).orderBy(stays.createdAt, stays.id).all();
}

export function updateStay(db: DbOrTx, id: string, set: Partial<typeof stays.$inferInsert>): StayRow {
  return db.update(stays).set(set).where(eq(stays.id, id)).returning().get();
}

/** Stays of every status that share a night with [from, to), optionally on one unit. */
export function listStaysOverlapping(db: DbOrTx, from: string, to: string, unitId?: string): StayRow[] {
  const range = and(lt(stays.start, to), gt(stays.end, from));
  return db
    .select()
    .from(stays)
    .where(unitId ? and(eq(stays.unitId, unitId), range) : range)
    .orderBy(asc(stays.start), asc(stays.unitId))
    .all();
}

export function insertStayEvent(db: DbOrTx, row: typeof stayEvents.$inferInsert): void {
  prepared(
    db,
    `INSERT INTO stay_events (stay_id, action, from_status, to_status, start_date, end_date, previous_end_date, reason, actor_id, at)
     VALUES (@stayId, @action, @fromStatus, @toStatus, @start, @end, @previousEnd, @reason, @actorId, @at)`
  ).run({ fromStatus: null, previousEnd: null, reason: null, actorId: null, ...row });
}

/** How many events of one kind a stay has (the extensions of a hold). */
export function countStayEvents(db: DbOrTx, stayId: string, action: string): number {
  return prepared(db, `SELECT count(*) FROM stay_events WHERE stay_id = ? AND action = ?`).pluck().get(stayId, action) as number;
}

export function listStayEvents(db: DbOrTx, stayId: string): StayEventRow[] {
  return db.select().from(stayEvents).where(eq(stayEvents.stayId, stayId)).orderBy(asc(stayEvents.id)).all();
}

/**
 * The sites where a household that must be kept apart from `householdId` (either way round: the
 * one it names, and those that name it) or from `keepApartFrom` has a live stay sharing a night
 * with [start, end).
 */
export function findKeepApartSites(
  db: DbOrTx,
  who: { householdId: string | null; keepApartFrom: string | null },
  start: string,
  end: string,
  now: number
): string[] {
  if (!who.householdId && !who.keepApartFrom) return [];
  return prepared(
    db,
    `SELECT DISTINCT u.site_id FROM stays s JOIN units u ON u.id = s.unit_id
      WHERE s.status IN ('hold','confirmed','in_place') AND (s.status <> 'hold' OR s.hold_expires_at > @now)
        AND s.start_date < @end AND s.end_date > @start
        AND s.household_id IN (
          SELECT @keepApartFrom WHERE @keepApartFrom IS NOT NULL
          UNION SELECT keep_apart_from_id FROM households WHERE id = @householdId AND keep_apart_from_id IS NOT NULL
          UNION SELECT id FROM households WHERE keep_apart_from_id = @householdId)`
  )
    .pluck()
    .all({ householdId: who.householdId, keepApartFrom: who.keepApartFrom, start, end, now }) as string[];
}

/** Live stays on a unit (holds not yet lapsed) that still have a night from `night` on. */
export function countLiveStaysFrom(db: DbOrTx, unitId: string, night: string, now: number): number {
  return prepared(
    db,
    `SELECT count(*) FROM calendar_index c
      WHERE c.unit_lo = (SELECT seq FROM units WHERE id = @unitId) AND c.last_night >= unixepoch(@night) / 86400
        AND c.kind_lo >= 1 AND ${BLOCKS_NIGHTS_AT_NOW}`
  )
    .pluck()
    .get({ unitId, night, now }) as number;
}

export interface PlanningItemRow {
  kind: 'stay' | 'block';
  id: string;
  unitId: string;
  start: string;
  end: string;
  /** A stay's stored status (a hold may be past its expiry: the service decides); null for a block. */
  status: string | null;
  holdExpiresAt: number | null;
  programme: string | null;
  /** The household's real name: the service decides whether anyone sees it. */
  label: string | null;
  pseudonym: string | null;
  confidential: number | null;
  adults: number | null;
  children: number | null;
  /** A block's reason. */
  reason: string | null;
  /** A block the system wrote: its system reason's code; null for a person's block and for a stay. */
  system: string | null;
}

export interface PlanningItemQuery {
  from: string;
  to: string;
  now: number;
  siteId: string | null;
  programme: string | null;
}

/**
 * The stays that occupy or occupied nights (live, holds not yet expired, and ended) and the blocks
 * that share a night with [from, to), on the active units the filters keep; ordered by unit and start.
 * Cancelled, lapsed and no-show stays used no night and are left out.
 */
export function listPlanningItems(db: DbOrTx, q: PlanningItemQuery): PlanningItemRow[] {
  // The window's rows come from the calendar's interval index, then each is read by its id: the
  // cost follows the window, not the bookings before or after it. Every unit at once; or, for one
  // site, the tree sought unit by unit for that site's units (reading the whole territory's window
  // to keep one site's cost 0.53 s at 50,000 units, against 0.2 ms this way).
  const windowRows =
    q.siteId === null
      ? `SELECT c.ref, c.kind_lo AS kind FROM calendar_index c
          WHERE ${SHARES_A_NIGHT_WITH_WINDOW} AND (c.kind_lo <> 3 OR c.hold_until > @now)`
      : `SELECT c.ref, c.kind_lo AS kind FROM units su CROSS JOIN calendar_index c
          WHERE su.site_id = @siteId AND c.unit_lo = su.seq AND c.unit_hi = su.seq
            AND ${SHARES_A_NIGHT_WITH_WINDOW} AND (c.kind_lo <> 3 OR c.hold_until > @now)`;
  return prepared(
    db,
    `WITH kept AS (
       SELECT u.id FROM units u
        WHERE u.active = 1
          AND (@siteId IS NULL OR u.site_id = @siteId)
          AND (@programme IS NULL OR EXISTS (SELECT 1 FROM json_each(u.programmes) p WHERE p.value = @programme))
     ),
     window_rows AS MATERIALIZED (${windowRows})
     SELECT 'stay' AS kind, st.id, st.unit_id AS unitId, st.start_date AS start, st.end_date AS "end",
            st.status, st.hold_expires_at AS holdExpiresAt, st.programme,
            -- A stay placed together with others of its household counts its own share, so the household's persons count once.
            h.label, h.pseudonym, h.confidential, coalesce(st.adults, h.adults) AS adults, coalesce(st.children, h.children) AS children, NULL AS reason, NULL AS system
       FROM window_rows w
       JOIN stays st ON st.id = w.ref
       JOIN households h ON h.id = st.household_id
      WHERE w.kind >= 1 AND st.unit_id IN (SELECT id FROM kept)
     UNION ALL
     SELECT 'block', b.id, b.unit_id, b.start_date, b.end_date,
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, b.reason, b.system
       FROM window_rows w
       JOIN blocks b ON b.id = w.ref
      WHERE w.kind = 0 AND b.unit_id IN (SELECT id FROM kept)
      ORDER BY unitId, start, kind`
  ).all({ from: q.from, to: q.to, now: q.now, siteId: q.siteId, programme: q.programme }) as PlanningItemRow[];
}

export interface BoardStayRow {
  id: string;
  householdId: string;
  programme: Programme;
  start: string;
  end: string;
  status: StayStatus;
  holdExpiresAt: number | null;
  unitName: string;
  siteName: string;
  commune: string;
  householdLabel: string;
  pseudonym: string;
  confidential: number;
  adults: number;
  children: number;
  /** Shared by the stays of one household placed together in several units, else null. */
  togetherGroup: string | null;
}

const STAY_COLUMNS = `st.id, st.household_id AS householdId, st.programme, st.start_date AS start, st.end_date AS end, st.status, st.hold_expires_at AS holdExpiresAt, st.together_group AS togetherGroup,
       u.name AS unitName, s.name AS siteName, s.commune,
       h.label AS householdLabel, h.pseudonym, h.confidential,
       coalesce(st.adults, h.adults) AS adults, coalesce(st.children, h.children) AS children
  FROM stays st
  JOIN units u ON u.id = st.unit_id
  JOIN sites s ON s.id = u.site_id
  JOIN households h ON h.id = st.household_id`;

/** Stays whose first night is `night`, confirmed or on a hold that has not lapsed at `now`. */
export function listArrivals(db: DbOrTx, night: string, now: number): BoardStayRow[] {
  return prepared(
    db,
    `SELECT ${STAY_COLUMNS}
      WHERE st.start_date = ? AND (st.status = 'confirmed' OR (st.status = 'hold' AND st.hold_expires_at > ?))
      ORDER BY u.seq`
  ).all(night, now) as BoardStayRow[];
}

/** Stays in place whose departure date (`end`, not a night of the stay) is `day`. */
export function listDepartures(db: DbOrTx, day: string): BoardStayRow[] {
  return prepared(db, `SELECT ${STAY_COLUMNS} WHERE st.end_date = ? AND st.status = 'in_place' ORDER BY u.seq`).all(day) as BoardStayRow[];
}

/** Holds still live at `now`, the soonest to lapse first. */
export function listLiveHolds(db: DbOrTx, now: number): BoardStayRow[] {
  return prepared(
    db,
    `SELECT ${STAY_COLUMNS} WHERE st.status = 'hold' AND st.hold_expires_at > ? ORDER BY st.hold_expires_at, u.seq`
  ).all(now) as BoardStayRow[];
}

/**
 * The earliest moment after `now` at which any live hold lapses, or null: the first entry of the
 * (status, hold_expires_at) index, whatever the size of the calendar. A bound for an answer that
 * holds a hold (it cannot change by itself before then), found without walking the window again.
 */
export function nextHoldExpiry(db: DbOrTx, now: number): number | null {
  return prepared(db, `SELECT min(hold_expires_at) FROM stays WHERE status = 'hold' AND hold_expires_at > @now`)
    .pluck()
    .get({ now }) as number | null;
}

/** dv_protocol stays on paid units that share a night with [from, to), with their nightly cost. */
export function listPaidProtocolStays(db: DbOrTx, from: string, to: string, now: number) {
  return prepared(
    db,
    `SELECT s.start_date AS start, s.end_date AS end,
            CASE WHEN s.status = 'hold' AND s.hold_expires_at <= @now THEN 'lapsed' ELSE s.status END AS status,
            s.nightly_cost_cents AS nightlyCostCents
       FROM stays s
      WHERE s.programme = 'dv_protocol' AND s.nightly_cost_cents IS NOT NULL AND s.start_date < @to AND s.end_date > @from`
  ).all({ from, to, now }) as { start: string; end: string; status: string; nightlyCostCents: number }[];
}
