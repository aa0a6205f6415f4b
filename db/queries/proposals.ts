// The housing mission's proposals: an offer proposed to an applicant, and how it went.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { OPEN_PROPOSAL_STATUSES as OPEN, REFUSALS } from '#domain/proposal-lifecycle.ts';
import type { DbOrTx } from '../client.ts';
import { proposals } from '../schema.ts';

export type ProposalRow = typeof proposals.$inferSelect;

export function insertProposal(db: DbOrTx, row: typeof proposals.$inferInsert): ProposalRow {
  return db.insert(proposals).values(row).returning().get();
}

export function findProposal(db: DbOrTx, id: string): ProposalRow | undefined {
  return db.select().from(proposals).where(eq(proposals.id, id)).get();
}

export function updateProposal(db: DbOrTx, id: string, set: Partial<ProposalRow>): ProposalRow {
  return db.update(proposals).set(set).where(eq(proposals.id, id)).returning().get();
}

/** A proposal of this offer with a signed lease, if any. */
export function findSignedLease(db: DbOrTx, offerId: string): ProposalRow | undefined {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.offerId, offerId), eq(proposals.status, 'lease_signed')))
    .get();
}

/** The proposals still in progress (proposed, visit, accepted) of an offer, except one. */
export function listOpenProposalsOfOffer(db: DbOrTx, offerId: string, exceptId: string): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.offerId, offerId), inArray(proposals.status, [...OPEN]), ne(proposals.id, exceptId)))
    .orderBy(asc(proposals.id))
    .all();
}

/** The proposals still in progress of an applicant, except one. */
export function listOpenProposalsOfApplicant(db: DbOrTx, applicantId: string, exceptId: string): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.applicantId, applicantId), inArray(proposals.status, [...OPEN]), ne(proposals.id, exceptId)))
    .orderBy(asc(proposals.id))
    .all();
}

/** An open proposal of this offer to this applicant, if any. */
export function findOpenProposal(db: DbOrTx, offerId: string, applicantId: string): ProposalRow | undefined {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.offerId, offerId), eq(proposals.applicantId, applicantId), inArray(proposals.status, [...OPEN])))
    .get();
}

export function listProposals(
  db: DbOrTx,
  filter: { offerId?: string; applicantId?: string; openOnly?: boolean } = {}
): ProposalRow[] {
  const conditions = [];
  if (filter.offerId) conditions.push(eq(proposals.offerId, filter.offerId));
  if (filter.applicantId) conditions.push(eq(proposals.applicantId, filter.applicantId));
  if (filter.openOnly) conditions.push(inArray(proposals.status, [...OPEN]));
  return db
    .select()
    .from(proposals)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(proposals.createdAt), asc(proposals.id))
    .all();
}

/** Refusals counted by who refused and why. */
export function countRefusals(db: DbOrTx): { status: string; reason: string; count: number }[] {
  return db
    .select({ status: proposals.status, reason: sql<string>`coalesce(${proposals.reason}, '')`, count: sql<number>`count(*)` })
    .from(proposals)
    .where(inArray(proposals.status, [...REFUSALS]))
    .groupBy(proposals.status, proposals.reason)
    .orderBy(desc(sql`count(*)`), asc(proposals.status), asc(proposals.reason))
    .all();
}
