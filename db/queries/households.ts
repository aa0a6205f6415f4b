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
