// The dated steps of the housing mission's offers and proposals.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { missionEvents } from '../schema.ts';

export type MissionEventRow = typeof missionEvents.$inferSelect;

export function insertMissionEvent(db: DbOrTx, row: typeof missionEvents.$inferInsert): void {
  db.insert(missionEvents).values(row).run();
}

/** The dated steps of an offer and of its proposals, oldest first. */
export function listOfferEvents(db: DbOrTx, offerId: string): MissionEventRow[] {
  return db.select().from(missionEvents).where(eq(missionEvents.offerId, offerId)).orderBy(asc(missionEvents.at), asc(missionEvents.id)).all();
}

/** The dated steps of a proposal, oldest first. */
export function listProposalEvents(db: DbOrTx, proposalIds: readonly string[]): MissionEventRow[] {
  if (proposalIds.length === 0) return [];
  return db
    .select()
    .from(missionEvents)
    .where(inArray(missionEvents.proposalId, [...proposalIds]))
    .orderBy(asc(missionEvents.at), asc(missionEvents.id))
    .all();
}
