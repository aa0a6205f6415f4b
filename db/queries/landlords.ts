// The housing mission's landlords.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { landlords } from '../schema.ts';

export type LandlordRow = typeof landlords.$inferSelect;

export function insertLandlord(db: DbOrTx, row: typeof landlords.$inferInsert): LandlordRow {
  return db.insert(landlords).values(row).returning().get();
}

export function findLandlord(db: DbOrTx, id: string): LandlordRow | undefined {
  return db.select().from(landlords).where(eq(landlords.id, id)).get();
}

export function listLandlords(db: DbOrTx): LandlordRow[] {
  return db.select().from(landlords).orderBy(asc(landlords.name), asc(landlords.id)).all();
}
