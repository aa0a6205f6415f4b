// The social residence's contracts: the contract, its amendments, payments and departure; the
// active contracts whose stays must be kept six months ahead.
import { and, asc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { residenceAmendments, residenceContracts, residenceDepartures, residencePayments, stays } from '../schema.ts';

export type ContractRow = typeof residenceContracts.$inferSelect;
export type AmendmentRow = typeof residenceAmendments.$inferSelect;
export type PaymentRow = typeof residencePayments.$inferSelect;
export type DepartureRow = typeof residenceDepartures.$inferSelect;

export function insertContract(db: DbOrTx, row: typeof residenceContracts.$inferInsert): ContractRow {
  return db.insert(residenceContracts).values(row).returning().get();
}

export function findContract(db: DbOrTx, id: string): ContractRow | undefined {
  return db.select().from(residenceContracts).where(eq(residenceContracts.id, id)).get();
}

/** The contract that holds a stay, if any. */
export function findContractOfStay(db: DbOrTx, stayId: string): ContractRow | undefined {
  return db.select().from(residenceContracts).where(eq(residenceContracts.stayId, stayId)).get();
}

/** The contracts, optionally of one status, the earliest start first. */
export function listContractRows(db: DbOrTx, status?: 'active' | 'ended'): ContractRow[] {
  return db
    .select()
    .from(residenceContracts)
    .where(status ? eq(residenceContracts.status, status) : undefined)
    .orderBy(asc(residenceContracts.start), asc(residenceContracts.id))
    .all();
}

export function updateContract(db: DbOrTx, id: string, set: Partial<typeof residenceContracts.$inferInsert>): ContractRow {
  return db.update(residenceContracts).set(set).where(eq(residenceContracts.id, id)).returning().get();
}

export function insertAmendment(db: DbOrTx, row: typeof residenceAmendments.$inferInsert): AmendmentRow {
  return db.insert(residenceAmendments).values(row).returning().get();
}

/** A contract's amendments in the order they were recorded (the later of two on one date wins). */
export function listAmendments(db: DbOrTx, contractId: string): AmendmentRow[] {
  return db.select().from(residenceAmendments).where(eq(residenceAmendments.contractId, contractId)).orderBy(asc(residenceAmendments.id)).all();
}

export function insertPayment(db: DbOrTx, row: typeof residencePayments.$inferInsert): PaymentRow {
  return db.insert(residencePayments).values(row).returning().get();
}

/** A contract's payments by date, then as recorded. */
export function listPayments(db: DbOrTx, contractId: string): PaymentRow[] {
  return db
    .select()
    .from(residencePayments)
    .where(eq(residencePayments.contractId, contractId))
    .orderBy(asc(residencePayments.date), asc(residencePayments.createdAt), asc(residencePayments.id))
    .all();
}

export function insertDeparture(db: DbOrTx, row: typeof residenceDepartures.$inferInsert): DepartureRow {
  return db.insert(residenceDepartures).values(row).returning().get();
}

export function findDeparture(db: DbOrTx, contractId: string): DepartureRow | undefined {
  return db.select().from(residenceDepartures).where(eq(residenceDepartures.contractId, contractId)).get();
}

/** The active contracts whose stay (live) ends before `end`: their stays must be extended. */
export function listContractStaysEndingBefore(db: DbOrTx, end: string): { contractId: string; stayId: string }[] {
  return db
    .select({ contractId: residenceContracts.id, stayId: residenceContracts.stayId })
    .from(residenceContracts)
    .innerJoin(stays, eq(stays.id, residenceContracts.stayId))
    .where(and(eq(residenceContracts.status, 'active'), lt(stays.end, end)))
    .orderBy(asc(residenceContracts.id))
    .all();
}
