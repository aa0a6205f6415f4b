// The outbox: emails written in the transaction that causes them, sent after commit with retries.
import { prepared } from '../prepared.ts';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { outbox } from '../schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

export function insertOutbox(db: DbOrTx, row: typeof outbox.$inferInsert): void {
  db.insert(outbox).values(row).run();
}

export function listDueOutbox(db: DbOrTx, now: number, limit = 20): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .all();
}

/** Drops every email not sent yet (the demo's seeded past is not news to anyone). */
export function deletePendingOutbox(db: DbOrTx): number {
  return prepared(db, `DELETE FROM outbox WHERE status = 'pending'`).run().changes;
}

export function updateOutbox(db: DbOrTx, id: string, set: Partial<OutboxRow>): void {
  db.update(outbox).set(set).where(eq(outbox.id, id)).run();
}

export function listOutboxForReferral(db: DbOrTx, referralId: string): OutboxRow[] {
  return db.select().from(outbox).where(eq(outbox.referralId, referralId)).orderBy(asc(outbox.createdAt)).all();
}

/**
 * Claims a due message for one sender: pushes its next attempt out by `leaseMs`. Returns false
 * when another sender claimed it first, so that a message is never sent twice at once.
 */
export function claimOutbox(db: DbOrTx, id: string, now: number, leaseMs: number): boolean {
  return (
    db
      .update(outbox)
      .set({ nextAttemptAt: now + leaseMs })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .run().changes === 1
  );
}
