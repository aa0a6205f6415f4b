// Residence applications as the applications' service leaves them, written straight to the table so
// that the contracts' tests do not depend on how an application is filed and decided.
import type { Db } from '../../db/client.ts';
import { insertHousehold } from '../../db/queries/households.ts';
import { residenceApplications } from '../../db/schema.ts';
import type { ApplicationStatus } from '../../src/domain/residence-codes.ts';

let seq = 0;

/** An application in `status` (admitted by default) of a new household, or of `householdId`; filed by `filedBy` (an account id). */
export function insertApplication(
  db: Db,
  filedBy: string,
  over: { status?: ApplicationStatus; householdId?: string; adults?: number; children?: number } = {}
): { id: string; householdId: string } {
  const n = ++seq;
  const status = over.status ?? 'admitted';
  const householdId =
    over.householdId ??
    insertHousehold(db, {
      id: `resident-household-${n}-${process.pid}`,
      label: `Famille Résidente ${n}`,
      pseudonym: `Ménage R${n}X${process.pid % 1000}`,
      adults: over.adults ?? 1,
      children: over.children ?? 0,
      needs: [],
      confidential: false,
      keepApartFromId: null,
      createdAt: Date.now()
    }).id;
  const id = `application-${n}-${process.pid}`;
  db.insert(residenceApplications)
    .values({
      id,
      householdId,
      filedBy,
      monthlyIncomeCents: 90000,
      public: 'young_worker',
      referrerOrganisation: 'Mission Locale',
      referrerContact: 'Conseillère',
      referrerPhone: '0400000000',
      status,
      reason: status === 'refused' || status === 'redirected' ? 'motif' : null,
      receivedAt: Date.now()
    })
    .run();
  return { id, householdId };
}

/** The residence's tables, every column (a failed request must leave them as they were). */
export function residenceTables(db: Db): string {
  const tables = ['residence_applications', 'residence_application_events', 'residence_contracts', 'residence_amendments', 'residence_payments', 'residence_departures'];
  return JSON.stringify(tables.map((name) => db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}
