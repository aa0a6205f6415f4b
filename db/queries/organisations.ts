// Organisations: partners' names, and the nightly summary of free places each subscribed to (which
// night each got last).
import { and, asc, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { organisations } from '../schema.ts';
import { prepared } from '../prepared.ts';

export function listOrganisationNames(db: DbOrTx): string[] {
  return prepared(db, `SELECT name FROM organisations ORDER BY name COLLATE NOCASE`).pluck().all() as string[];
}

export type OrganisationRow = typeof organisations.$inferSelect;

export function findOrganisation(db: DbOrTx, id: string): OrganisationRow | undefined {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

/** Sets (or clears, with null) where an organisation's summary goes; false when there is no such organisation. */
export function setSummaryEmail(db: DbOrTx, id: string, email: string | null): boolean {
  return db.update(organisations).set({ summaryEmail: email }).where(eq(organisations.id, id)).run().changes === 1;
}

/** The subscribed organisations that have not had this night's summary yet. */
export function listDueSummaries(db: DbOrTx, night: string): { id: string; summaryEmail: string }[] {
  return db
    .select({ id: organisations.id, summaryEmail: organisations.summaryEmail })
    .from(organisations)
    .where(and(isNotNull(organisations.summaryEmail), or(isNull(organisations.summaryLastNight), ne(organisations.summaryLastNight, night))))
    .orderBy(asc(organisations.id))
    .all()
    .flatMap((r) => (r.summaryEmail ? [{ id: r.id, summaryEmail: r.summaryEmail }] : []));
}

/**
 * Records that this night's summary is queued for an organisation still subscribed. Returns false
 * when another sender already did (or the organisation unsubscribed meanwhile): the caller then queues nothing.
 */
export function markSummaryNight(db: DbOrTx, id: string, night: string): boolean {
  return (
    db
      .update(organisations)
      .set({ summaryLastNight: night })
      .where(and(eq(organisations.id, id), isNotNull(organisations.summaryEmail), or(isNull(organisations.summaryLastNight), ne(organisations.summaryLastNight, night))))
      .run().changes === 1
  );
}

export function findOrganisationByName(db: DbOrTx, name: string) {
  return db.select().from(organisations).where(eq(organisations.name, name)).get();
}

export function insertOrganisation(db: DbOrTx, row: typeof organisations.$inferInsert) {
  return db.insert(organisations).values(row).returning().get();
}

export function findOrganisationName(db: DbOrTx, id: string | null): string | null {
  if (!id) return null;
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get()?.name ?? null;
}

export function listOrganisations(db: DbOrTx) {
  return db.select().from(organisations).orderBy(asc(organisations.name)).all();
}

/** Sets the kind of an organisation (the source its referrals are counted by); false when there is no such organisation. */
export function setOrganisationKind(db: DbOrTx, id: string, kind: OrganisationRow['kind']): boolean {
  return db.update(organisations).set({ kind }).where(eq(organisations.id, id)).run().changes === 1;
}
