import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { households } from '../schema.ts';
import { prepared } from './prepared.ts';

export type HouseholdRow = typeof households.$inferSelect;

/** A new household is never pseudonymised yet. */
export function insertHousehold(db: DbOrTx, row: Omit<HouseholdRow, 'pseudonymisedAt'>): HouseholdRow {
  prepared(
    db,
    `INSERT INTO households (id, label, pseudonym, adults, children, needs, confidential, keep_apart_from_id, created_at)
     VALUES (@id, @label, @pseudonym, @adults, @children, @needs, @confidential, @keepApartFromId, @createdAt)`
  ).run({ ...row, needs: JSON.stringify(row.needs), confidential: row.confidential ? 1 : 0 });
  return { ...row, pseudonymisedAt: null };
}

export function findHousehold(db: DbOrTx, id: string): HouseholdRow | undefined {
  return db.select().from(households).where(eq(households.id, id)).get();
}

export function isPseudonymTaken(db: DbOrTx, pseudonym: string): boolean {
  return prepared(db, `SELECT 1 FROM households WHERE pseudonym = ?`).get(pseudonym) !== undefined;
}

/**
 * The programmes a household is known under: those of its stays (of any status), and
 * housing_mission when it is an applicant of the housing mission. Who may see it follows from these.
 */
export function listHouseholdProgrammes(db: DbOrTx, id: string): string[] {
  return prepared(
    db,
    `SELECT programme FROM stays WHERE household_id = @id
     UNION SELECT 'housing_mission' FROM applicants WHERE household_id = @id`
  )
    .pluck()
    .all({ id }) as string[];
}
