// The contact person and phone a partner account last gave on a referral (its next form's defaults).
import { eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { referrerContacts } from '../schema.ts';

export type ReferrerContactRow = typeof referrerContacts.$inferSelect;

/** Keeps `contact` and `phone` as the account's latest, replacing what it gave before. */
export function saveReferrerContact(db: DbOrTx, row: ReferrerContactRow): void {
  db.insert(referrerContacts)
    .values(row)
    .onConflictDoUpdate({ target: referrerContacts.accountId, set: { contact: row.contact, phone: row.phone, updatedAt: row.updatedAt } })
    .run();
}

export function findReferrerContact(db: DbOrTx, accountId: string): ReferrerContactRow | undefined {
  return db.select().from(referrerContacts).where(eq(referrerContacts.accountId, accountId)).get();
}

/** Forgets the contacts last given before `cutoffMs` (retention: a partner silent for that long). */
export function deleteReferrerContactsBefore(db: DbOrTx, cutoffMs: number): number {
  return db.delete(referrerContacts).where(lt(referrerContacts.updatedAt, cutoffMs)).run().changes;
}
