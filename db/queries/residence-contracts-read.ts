// What the residence's pages read of its contracts: every contract with its household, unit and
// stay (one statement), the amendments, payments and departures of one contract or of all, and the
// counts of the staff's reminders. Writes live with the contracts' use cases.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  households,
  residenceAmendments,
  residenceApplications,
  residenceCommittees,
  residenceContracts,
  residenceDepartures,
  residencePayments,
  sites,
  stays,
  units
} from '../schema.ts';

export type ContractReadRow = typeof residenceContracts.$inferSelect;
export type AmendmentReadRow = typeof residenceAmendments.$inferSelect;
export type PaymentReadRow = typeof residencePayments.$inferSelect;
export type DepartureReadRow = typeof residenceDepartures.$inferSelect;

export interface ContractWithParties {
  contract: ContractReadRow;
  household: { id: string; label: string; pseudonym: string; confidential: boolean; adults: number; children: number };
  unit: { id: string; name: string; typology: string | null; reservedFor: string | null; siteId: string; siteName: string; siteConfidential: boolean };
  stay: { id: string; start: string; end: string; status: string };
  departure: DepartureReadRow | null;
}

function selectContracts(db: DbOrTx) {
  return db
    .select({
      contract: residenceContracts,
      household: {
        id: households.id,
        label: households.label,
        pseudonym: households.pseudonym,
        confidential: households.confidential,
        adults: households.adults,
        children: households.children
      },
      unit: {
        id: units.id,
        name: units.name,
        typology: units.typology,
        reservedFor: units.reservedFor,
        siteId: sites.id,
        siteName: sites.name,
        siteConfidential: sites.confidential
      },
      stay: { id: stays.id, start: stays.start, end: stays.end, status: stays.status },
      departure: residenceDepartures
    })
    .from(residenceContracts)
    .innerJoin(households, eq(households.id, residenceContracts.householdId))
    .innerJoin(units, eq(units.id, residenceContracts.unitId))
    .innerJoin(sites, eq(sites.id, units.siteId))
    .innerJoin(stays, eq(stays.id, residenceContracts.stayId))
    .leftJoin(residenceDepartures, eq(residenceDepartures.contractId, residenceContracts.id));
}

/** Every contract (active first, then by unit name), with its household, unit, stay and departure. */
export function listContractsWithParties(db: DbOrTx): ContractWithParties[] {
  return selectContracts(db)
    .orderBy(sql`${residenceContracts.status} = 'active' DESC`, asc(units.name), desc(residenceContracts.start))
    .all() as ContractWithParties[];
}

export function findContractWithParties(db: DbOrTx, id: string): ContractWithParties | undefined {
  return selectContracts(db).where(eq(residenceContracts.id, id)).get() as ContractWithParties | undefined;
}

/** The amendments of some contracts, by contract then date then entry order. */
export function listAmendmentsOf(db: DbOrTx, contractIds: readonly string[]): AmendmentReadRow[] {
  if (contractIds.length === 0) return [];
  return db
    .select()
    .from(residenceAmendments)
    .where(inArray(residenceAmendments.contractId, [...contractIds]))
    .orderBy(asc(residenceAmendments.contractId), asc(residenceAmendments.from), asc(residenceAmendments.id))
    .all();
}

/** The payments (and reversals) of some contracts, by date then entry time. */
export function listPaymentsOf(db: DbOrTx, contractIds: readonly string[]): PaymentReadRow[] {
  if (contractIds.length === 0) return [];
  return db
    .select()
    .from(residencePayments)
    .where(inArray(residencePayments.contractId, [...contractIds]))
    .orderBy(asc(residencePayments.date), asc(residencePayments.createdAt), asc(residencePayments.id))
    .all();
}

/** How many applications wait for a committee (received or on the waiting list). */
export function countApplicationsWaiting(db: DbOrTx): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(residenceApplications)
    .where(inArray(residenceApplications.status, ['received', 'waiting_list']))
    .get();
  return row?.n ?? 0;
}

/** The next committee meeting on or after `day`, when one is planned. */
export function findNextCommittee(db: DbOrTx, day: string): { id: string; meetsOn: string } | undefined {
  return db
    .select({ id: residenceCommittees.id, meetsOn: residenceCommittees.meetsOn })
    .from(residenceCommittees)
    .where(sql`${residenceCommittees.meetsOn} >= ${day}`)
    .orderBy(asc(residenceCommittees.meetsOn))
    .limit(1)
    .get();
}

/** The units of the residence's sites (a site of kind `residence`), by site then name. */
export function listResidenceUnits(db: DbOrTx): { id: string; name: string; typology: string | null; reservedFor: string | null; active: boolean; siteId: string; siteName: string }[] {
  return db
    .select({
      id: units.id,
      name: units.name,
      typology: units.typology,
      reservedFor: units.reservedFor,
      active: units.active,
      siteId: sites.id,
      siteName: sites.name
    })
    .from(units)
    .innerJoin(sites, eq(sites.id, units.siteId))
    .where(and(eq(sites.kind, 'residence'), eq(units.active, true)))
    .orderBy(asc(sites.name), asc(units.name))
    .all();
}

/** The admitted applications that have no contract yet (a contract moves its application to `housed`). */
export function listAdmittedWithoutContract(db: DbOrTx): { id: string; householdId: string; label: string; pseudonym: string; confidential: boolean; public: string; decidedAt: number | null }[] {
  return db
    .select({
      id: residenceApplications.id,
      householdId: households.id,
      label: households.label,
      pseudonym: households.pseudonym,
      confidential: households.confidential,
      public: residenceApplications.public,
      decidedAt: residenceApplications.decidedAt
    })
    .from(residenceApplications)
    .innerJoin(households, eq(households.id, residenceApplications.householdId))
    .leftJoin(residenceContracts, eq(residenceContracts.applicationId, residenceApplications.id))
    .where(and(eq(residenceApplications.status, 'admitted'), sql`${residenceContracts.id} IS NULL`))
    .orderBy(asc(residenceApplications.decidedAt), asc(residenceApplications.id))
    .all();
}
