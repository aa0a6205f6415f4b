// Residence rows for the read side's tests: a stay placed through the booking core (the overlap
// guarantee holds), then its application and contract (and payments, a departure) written as rows,
// as the contracts' use cases leave them. Tests of those use cases go through the services.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../src/services/actor.ts';
import { placeStay } from '../../src/services/stays.ts';
import type { ApplicationStatus, DepartureDestination, NoticeGiver, PaymentMeans, ResidencePublic } from '../../src/domain/residence-codes.ts';

export function insertApplication(
  db: Db,
  actor: Actor,
  householdId: string,
  opts: { status?: ApplicationStatus; public?: ResidencePublic; reason?: string | null; receivedAt?: number } = {}
): string {
  const id = randomUUID();
  db.$client
    .prepare(
      `INSERT INTO residence_applications (id, household_id, filed_by, monthly_income_cents, public, referrer_organisation, referrer_contact, referrer_phone, status, reason, received_at)
       VALUES (?, ?, ?, 90000, ?, 'Mission Locale', 'Conseillère', '04 67 00 00 00', ?, ?, ?)`
    )
    .run(id, householdId, actor.accountId, opts.public ?? 'other', opts.status ?? 'received', opts.reason ?? null, opts.receivedAt ?? Date.now());
  return id;
}

export interface ContractSpec {
  unitId: string;
  label: string;
  start: string;
  stayEnd: string;
  rentCents: number;
  chargesCents: number;
  aplCents?: number;
  confidential?: boolean;
  payments?: { date: string; amountCents: number; means?: PaymentMeans; reason?: string }[];
  departure?: { date: string; destination: DepartureDestination; noticeGivenOn?: string; by?: NoticeGiver; reason?: string };
}

/** A contract with its stay, application (housed), payments and departure; returns its ids. */
export function insertContract(db: Db, admin: Actor, spec: ContractSpec): { contractId: string; householdId: string; stayId: string; pseudonym: string } {
  const { value: stay } = placeStay(db, admin, {
    unitId: spec.unitId,
    start: spec.start,
    end: spec.departure?.date ?? spec.stayEnd,
    programme: 'social_residence',
    household: { label: spec.label, adults: 1, children: 0 },
    status: 'confirmed'
  });
  if (spec.confidential) db.$client.prepare(`UPDATE households SET confidential = 1 WHERE id = ?`).run(stay.householdId);
  const applicationId = insertApplication(db, admin, stay.householdId, { status: 'housed' });
  const contractId = randomUUID();
  db.$client
    .prepare(
      `INSERT INTO residence_contracts (id, application_id, household_id, unit_id, stay_id, start_date, end_date, rent_cents, charges_cents, apl_cents, deposit_cents, status, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`
    )
    .run(
      contractId,
      applicationId,
      stay.householdId,
      spec.unitId,
      stay.id,
      spec.start,
      spec.departure?.date ?? null,
      spec.rentCents,
      spec.chargesCents,
      spec.aplCents ?? 0,
      spec.departure ? 'ended' : 'active',
      admin.accountId
    );
  for (const p of spec.payments ?? []) {
    db.$client
      .prepare(`INSERT INTO residence_payments (id, contract_id, date, amount_cents, means, reason, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(randomUUID(), contractId, p.date, p.amountCents, p.means ?? 'transfer', p.reason ?? null, admin.accountId);
  }
  if (spec.departure) {
    const d = spec.departure;
    db.$client
      .prepare(`INSERT INTO residence_departures (contract_id, date, destination, notice_given_on, by, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(contractId, d.date, d.destination, d.noticeGivenOn ?? null, d.by ?? null, d.reason ?? null, admin.accountId, Date.now());
  }
  const pseudonym = (db.$client.prepare(`SELECT pseudonym FROM households WHERE id = ?`).get(stay.householdId) as { pseudonym: string }).pseudonym;
  return { contractId, householdId: stay.householdId, stayId: stay.id, pseudonym };
}
