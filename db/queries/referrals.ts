// Referrals: a partner's request for a place, and its decision.
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { referrals } from '../schema.ts';

export type ReferralRow = typeof referrals.$inferSelect;

export function insertReferral(db: DbOrTx, row: Omit<ReferralRow, 'erasedAt' | 'originCommune'> & Partial<Pick<ReferralRow, 'originCommune'>>): ReferralRow {
  return db.insert(referrals).values(row).returning().get();
}

export function findReferral(db: DbOrTx, id: string): ReferralRow | undefined {
  return db.select().from(referrals).where(eq(referrals.id, id)).get();
}

export function updateReferral(db: DbOrTx, id: string, set: Partial<ReferralRow>): ReferralRow {
  return db.update(referrals).set(set).where(eq(referrals.id, id)).returning().get();
}

/** Referrals, newest first; only one organisation's when organisationId is given. */
export function listReferrals(db: DbOrTx, filter: { status?: string; organisationId?: string }): ReferralRow[] {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(referrals.status, filter.status as ReferralRow['status']));
  if (filter.organisationId) where.push(eq(referrals.organisationId, filter.organisationId));
  return db
    .select()
    .from(referrals)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(referrals.receivedAt), asc(referrals.id))
    .all();
}
