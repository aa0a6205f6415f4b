import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { stayEvents, stays } from '../schema.ts';
import { cachedQuery, prepared } from './prepared.ts';

export type StayRow = typeof stays.$inferSelect;
export type StayEventRow = typeof stayEvents.$inferSelect;

/**
 * Marks lapsed every hold whose expiry has passed (on one unit, or on all when unitId is null) and
 * records the change. Runs inside the writing transaction, so the overlap trigger, which counts
 * every row still marked 'hold', never sees a hold that no longer blocks its nights.
 */
export function lapseExpiredHolds(db: DbOrTx, unitId: string | null, now: number): number {
  const expired = prepared(
    db,
    `SELECT id, start_date AS start, end_date AS end FROM stays
     WHERE status = 'hold' AND hold_expires_at <= ? AND (? IS NULL OR unit_id = ?)`
  ).all(now, unitId, unitId) as { id: string; start: string; end: string }[];
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

/** Live stays (holds not yet expired) and blocks on a unit that share a night with [start, end). */
export function findConflicts(db: DbOrTx, unitId: string, start: string, end: string, now: number, excludeStayId: string | null = null): Conflict[] {
  return prepared(
    db,
    `SELECT start_date AS start, end_date AS end, 'stay' AS kind FROM stays
       WHERE unit_id = ? AND status IN ('hold','confirmed','in_place')
         AND (status <> 'hold' OR hold_expires_at > ?)
         AND start_date < ? AND end_date > ? AND (? IS NULL OR id <> ?)
     UNION ALL
     SELECT start_date, end_date, 'block' FROM blocks
       WHERE unit_id = ? AND start_date < ? AND end_date > ?
     ORDER BY start`
  ).all(unitId, now, end, start, excludeStayId, excludeStayId, unitId, end, start) as Conflict[];
}

export function insertStay(db: DbOrTx, row: StayRow): StayRow {
  prepared(
    db,
    `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, hold_expires_at, referral_id, previous_stay_id, note, override_reason, created_by, created_at, updated_at)
     VALUES (@id, @unitId, @householdId, @programme, @start, @end, @status, @holdExpiresAt, @referralId, @previousStayId, @note, @overrideReason, @createdBy, @createdAt, @updatedAt)`
  ).run(row);
  return row;
}

export function findStay(db: DbOrTx, id: string): StayRow | undefined {
  return cachedQuery(db, 'findStay', () => db.select().from(stays).where(eq(stays.id, sql.placeholder('id'))).prepare()).get({ id });
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
