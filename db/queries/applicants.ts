// The housing mission's applicants.
import { asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { applicants } from '../schema.ts';

export type ApplicantRow = typeof applicants.$inferSelect;

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
