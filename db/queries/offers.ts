// The housing mission's offers.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { offers } from '../schema.ts';

export type OfferRow = typeof offers.$inferSelect;

export function insertOffer(db: DbOrTx, row: typeof offers.$inferInsert): OfferRow {
  return db.insert(offers).values(row).returning().get();
}

export function findOffer(db: DbOrTx, id: string): OfferRow | undefined {
  return db.select().from(offers).where(eq(offers.id, id)).get();
}

export function updateOffer(db: DbOrTx, id: string, set: Partial<OfferRow>): OfferRow {
  return db.update(offers).set(set).where(eq(offers.id, id)).returning().get();
}

export function listOffersByStatus(db: DbOrTx, status: OfferRow['status']): OfferRow[] {
  return db.select().from(offers).where(eq(offers.status, status)).orderBy(asc(offers.id)).all();
}

export function listOffers(db: DbOrTx, filter: { status?: OfferRow['status']; landlordId?: string } = {}): OfferRow[] {
  const conditions = [];
  if (filter.status) conditions.push(eq(offers.status, filter.status));
  if (filter.landlordId) conditions.push(eq(offers.landlordId, filter.landlordId));
  return db
    .select()
    .from(offers)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(offers.createdAt), asc(offers.id))
    .all();
}
