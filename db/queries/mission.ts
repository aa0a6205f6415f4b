// The housing mission's SQL: landlords, offers, applicants, proposals.
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { applicants, landlords, missionEvents, offers, proposals, units } from '../schema.ts';

export type LandlordRow = typeof landlords.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
export type ApplicantRow = typeof applicants.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;

const OPEN: ProposalRow['status'][] = ['proposed', 'visit', 'accepted'];

export function insertLandlord(db: DbOrTx, row: typeof landlords.$inferInsert): LandlordRow {
  return db.insert(landlords).values(row).returning().get();
}

export function findLandlord(db: DbOrTx, id: string): LandlordRow | undefined {
  return db.select().from(landlords).where(eq(landlords.id, id)).get();
}

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

export function insertApplicant(db: DbOrTx, row: typeof applicants.$inferInsert): ApplicantRow {
  return db.insert(applicants).values(row).returning().get();
}

export function findApplicant(db: DbOrTx, id: string): ApplicantRow | undefined {
  return db.select().from(applicants).where(eq(applicants.id, id)).get();
}

export function listApplicants(db: DbOrTx, options: { waitingOnly?: boolean } = {}): ApplicantRow[] {
  const q = db.select().from(applicants);
  return (options.waitingOnly ? q.where(isNull(applicants.housedAt)) : q).orderBy(asc(applicants.waitingSince), asc(applicants.id)).all();
}

export function updateApplicant(db: DbOrTx, id: string, set: Partial<ApplicantRow>): ApplicantRow {
  return db.update(applicants).set(set).where(eq(applicants.id, id)).returning().get();
}

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
    .where(and(eq(proposals.offerId, offerId), inArray(proposals.status, OPEN), ne(proposals.id, exceptId)))
    .orderBy(asc(proposals.id))
    .all();
}

/** The proposals still in progress of an applicant, except one. */
export function listOpenProposalsOfApplicant(db: DbOrTx, applicantId: string, exceptId: string): ProposalRow[] {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.applicantId, applicantId), inArray(proposals.status, OPEN), ne(proposals.id, exceptId)))
    .orderBy(asc(proposals.id))
    .all();
}

/** An open proposal of this offer to this applicant, if any. */
export function findOpenProposal(db: DbOrTx, offerId: string, applicantId: string): ProposalRow | undefined {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.offerId, offerId), eq(proposals.applicantId, applicantId), inArray(proposals.status, OPEN)))
    .get();
}

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

export function listLandlords(db: DbOrTx): LandlordRow[] {
  return db.select().from(landlords).orderBy(asc(landlords.name), asc(landlords.id)).all();
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

export function listProposals(
  db: DbOrTx,
  filter: { offerId?: string; applicantId?: string; openOnly?: boolean } = {}
): ProposalRow[] {
  const conditions = [];
  if (filter.offerId) conditions.push(eq(proposals.offerId, filter.offerId));
  if (filter.applicantId) conditions.push(eq(proposals.applicantId, filter.applicantId));
  if (filter.openOnly) conditions.push(inArray(proposals.status, OPEN));
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
    .where(inArray(proposals.status, ['refused_by_household', 'refused_by_landlord']))
    .groupBy(proposals.status, proposals.reason)
    .orderBy(desc(sql`count(*)`), asc(proposals.status), asc(proposals.reason))
    .all();
}

export function deactivateUnit(db: DbOrTx, unitId: string): void {
  db.update(units).set({ active: false }).where(eq(units.id, unitId)).run();
}
