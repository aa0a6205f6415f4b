import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { households } from '../schema.ts';

export type HouseholdRow = typeof households.$inferSelect;

export function insertHousehold(db: DbOrTx, row: typeof households.$inferInsert): HouseholdRow {
  return db.insert(households).values(row).returning().get();
}

export function findHousehold(db: DbOrTx, id: string): HouseholdRow | undefined {
  return db.select().from(households).where(eq(households.id, id)).get();
}

export function isPseudonymTaken(db: DbOrTx, pseudonym: string): boolean {
  return db.select({ id: households.id }).from(households).where(eq(households.pseudonym, pseudonym)).get() !== undefined;
}
