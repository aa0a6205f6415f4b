// The social residence's applications, their dated steps, and the admission committee's meetings.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { residenceApplicationEvents, residenceApplications, residenceCommittees } from '../schema.ts';
import { prepared } from '../prepared.ts';

export type ApplicationRow = typeof residenceApplications.$inferSelect;
export type ApplicationEventRow = typeof residenceApplicationEvents.$inferSelect;
export type CommitteeRow = typeof residenceCommittees.$inferSelect;

export function insertApplication(db: DbOrTx, row: typeof residenceApplications.$inferInsert): ApplicationRow {
  return db.insert(residenceApplications).values(row).returning().get();
}

export function findApplication(db: DbOrTx, id: string): ApplicationRow | undefined {
  return db.select().from(residenceApplications).where(eq(residenceApplications.id, id)).get();
}

export function updateApplication(db: DbOrTx, id: string, set: Partial<ApplicationRow>): ApplicationRow {
  return db.update(residenceApplications).set(set).where(eq(residenceApplications.id, id)).returning().get();
}

/** Applications, newest first; only one organisation's when organisationId is given; only some statuses when given. */
export function listApplications(db: DbOrTx, filter: { status?: string; statuses?: readonly string[]; organisationId?: string }): ApplicationRow[] {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(residenceApplications.status, filter.status as ApplicationRow['status']));
  if (filter.statuses) where.push(inArray(residenceApplications.status, filter.statuses as ApplicationRow['status'][]));
  if (filter.organisationId) where.push(eq(residenceApplications.organisationId, filter.organisationId));
  return db
    .select()
    .from(residenceApplications)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(residenceApplications.receivedAt), asc(residenceApplications.id))
    .all();
}

export function insertApplicationEvent(db: DbOrTx, row: Omit<ApplicationEventRow, 'id'>): void {
  db.insert(residenceApplicationEvents).values(row).run();
}

/** An application's steps, oldest first. */
export function listApplicationEvents(db: DbOrTx, applicationId: string): ApplicationEventRow[] {
  return db
    .select()
    .from(residenceApplicationEvents)
    .where(eq(residenceApplicationEvents.applicationId, applicationId))
    .orderBy(asc(residenceApplicationEvents.at), asc(residenceApplicationEvents.id))
    .all();
}

/** The decisions a committee recorded, in the order they were made. */
export function listCommitteeEvents(db: DbOrTx, committeeId: string): ApplicationEventRow[] {
  return db
    .select()
    .from(residenceApplicationEvents)
    .where(eq(residenceApplicationEvents.committeeId, committeeId))
    .orderBy(asc(residenceApplicationEvents.at), asc(residenceApplicationEvents.id))
    .all();
}

/**
 * The last night of the emergency shelter a household is in on `today`: the latest end of its live
 * stays (confirmed or in place) of the emergency or DV programmes that cover today; null when none.
 */
export function findEmergencyStayEnd(db: DbOrTx, householdId: string, today: string): string | null {
  const row = prepared(
    db,
    `SELECT MAX(end_date) AS end FROM stays
     WHERE household_id = @householdId AND programme IN ('emergency','dv_protocol') AND status IN ('confirmed','in_place')
       AND start_date <= @today AND end_date >= @today`
  ).get({ householdId, today }) as { end: string | null } | undefined;
  return row?.end ?? null;
}

/** Whether some active unit of the social residence is reserved for this public. */
export function hasReservedUnits(db: DbOrTx, reservedFor: string): boolean {
  return prepared(db, `SELECT 1 FROM units WHERE reserved_for = ? AND active = 1 LIMIT 1`).get(reservedFor) !== undefined;
}

export function insertCommittee(db: DbOrTx, row: typeof residenceCommittees.$inferInsert): CommitteeRow {
  return db.insert(residenceCommittees).values(row).returning().get();
}

export function findCommittee(db: DbOrTx, id: string): CommitteeRow | undefined {
  return db.select().from(residenceCommittees).where(eq(residenceCommittees.id, id)).get();
}

/** Every committee, the latest meeting first. */
export function listCommittees(db: DbOrTx): CommitteeRow[] {
  return db.select().from(residenceCommittees).orderBy(desc(residenceCommittees.meetsOn), desc(residenceCommittees.createdAt)).all();
}

/** How many decisions each committee recorded. */
export function countCommitteeDecisions(db: DbOrTx): Map<string, number> {
  const rows = prepared(db, `SELECT committee_id AS id, COUNT(*) AS n FROM residence_application_events WHERE committee_id IS NOT NULL GROUP BY committee_id`).all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
