// The housing mission's SQL: landlords, offers, applicants, proposals.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { applicants, landlords, offers, proposals } from '../schema.ts';

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

export function listApplicants(db: DbOrTx): ApplicantRow[] {
  return db.select().from(applicants).orderBy(asc(applicants.id)).all();
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
