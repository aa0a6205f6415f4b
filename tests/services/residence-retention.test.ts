// Retention and the social residence: its applications, contracts, amendments, payments and
// departures are contacts; an active contract or a balance still owed keeps a household whatever
// its last contact; a household past its time loses the residence's free text (situation and plan,
// referrer, typed reasons) while amounts, dates, statuses and destinations stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '../../src/services/clock.ts';
import { createApplication, decideApplication } from '../../src/services/residence/applications.ts';
import { createContract, recordDeparture, recordPayment } from '../../src/services/residence/contracts.ts';
import { runRetention } from '../../src/services/retention.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let unitSeq = 0;

const run = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).run(...args);
const get = <T>(sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).get(...args) as T;
const ms = (date: string) => Date.parse(`${date}T12:00:00Z`);

/** A household with an old emergency stay (its last night in 2024), so only the residence may keep it. */
function oldHousehold(label: string): string {
  const id = `h-${label}`;
  run(`INSERT INTO households (id, label, pseudonym, adults, children, created_at) VALUES (?, ?, ?, 1, 0, ?)`, id, label, `Ménage ${label.slice(-4)}`, ms('2024-01-01'));
  const unit = makeUnit(w.db, w.actors.admin, { name: `U${++unitSeq}`, programmes: ['emergency', 'social_residence'] });
  run(
    `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by, created_at) VALUES (?, ?, ?, 'emergency', '2024-02-01', '2024-02-05', 'ended', ?, ?)`,
    `s-${label}`,
    unit,
    id,
    w.actors.admin.accountId,
    ms('2024-02-01')
  );
  return id;
}

function application(householdId: string, receivedOn: string, status = 'received', reason: string | null = null): string {
  const id = `a-${householdId}`;
  run(
    `INSERT INTO residence_applications (id, household_id, filed_by, monthly_income_cents, public, situation, referrer_organisation, referrer_contact, referrer_phone, referrer_email, status, reason, received_at, updated_at)
     VALUES (?, ?, ?, 90000, 'other', 'Projet : CAP cuisine à Lunel', 'CCAS', 'Mme Référente Secrète', '0611223344', 'ref@ccas.fr', ?, ?, ?, ?)`,
    id,
    householdId,
    w.actors.admin.accountId,
    status,
    reason,
    ms(receivedOn),
    ms(receivedOn)
  );
  run(`INSERT INTO residence_application_events (application_id, status, reason, at, account_id) VALUES (?, 'received', NULL, ?, ?)`, id, ms(receivedOn), w.actors.admin.accountId);
  return id;
}

/** A contract from `start` (its own residence stay), ended at `end` when given; amounts 400 € + 50 € a month. */
function contract(householdId: string, start: string, end: string | null, createdOn: string): string {
  const unit = makeUnit(w.db, w.actors.admin, { name: `R${++unitSeq}`, programmes: ['social_residence'], siteKind: 'residence' });
  const app = application(householdId, createdOn, 'housed');
  const stay = `rs-${householdId}`;
  run(
    `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by, created_at) VALUES (?, ?, ?, 'social_residence', ?, ?, ?, ?, ?)`,
    stay,
    unit,
    householdId,
    start,
    end ?? '2024-09-01',
    end ? 'ended' : 'in_place',
    w.actors.admin.accountId,
    ms(createdOn)
  );
  const id = `c-${householdId}`;
  run(
    `INSERT INTO residence_contracts (id, application_id, household_id, unit_id, stay_id, start_date, end_date, rent_cents, charges_cents, apl_cents, status, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 40000, 5000, 0, ?, ?, ?, ?)`,
    id,
    app,
    householdId,
    unit,
    stay,
    start,
    end,
    end ? 'ended' : 'active',
    w.actors.admin.accountId,
    ms(createdOn),
    ms(createdOn)
  );
  return id;
}

function payment(contractId: string, date: string, amountCents: number, reason: string | null = null, createdOn = date): void {
  run(
    `INSERT INTO residence_payments (id, contract_id, date, amount_cents, means, reason, created_by, created_at) VALUES (?, ?, ?, ?, 'transfer', ?, ?, ?)`,
    `p-${contractId}-${date}-${amountCents}`,
    contractId,
    date,
    amountCents,
    reason,
    w.actors.admin.accountId,
    ms(createdOn)
  );
}

const pseudonymised = (id: string) => get<{ p: number | null }>(`SELECT pseudonymised_at AS p FROM households WHERE id = ?`, id).p !== null;

beforeEach(() => {
  w = makeWorld();
  setClock(at('2027-03-01T14:00:00+01:00'));
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('retention and the social residence', () => {
  it('an old refused application goes with its household: situation, referrer and reasons erased, status and dates kept', () => {
    const h = oldHousehold('Famille Residold');
    const app = application(h, '2024-04-01', 'refused', 'Ressources trop faibles pour le loyer');
    run(`INSERT INTO residence_application_events (application_id, status, reason, at, account_id) VALUES (?, 'refused', 'Ressources trop faibles pour le loyer', ?, ?)`, app, ms('2024-04-20'), w.actors.admin.accountId);
    const r = runRetention(w.db);
    expect(pseudonymised(h)).toBe(true);
    expect(r.counts.residenceApplications).toBe(1);
    expect(get(`SELECT situation, referrer_contact, referrer_phone, referrer_email, reason, status, received_at FROM residence_applications WHERE id = ?`, app)).toEqual({
      situation: null,
      referrer_contact: '',
      referrer_phone: '',
      referrer_email: null,
      reason: '—',
      status: 'refused',
      received_at: ms('2024-04-01')
    });
    expect(get(`SELECT count(*) AS n FROM residence_application_events WHERE application_id = ? AND reason IS NOT NULL`, app)).toEqual({ n: 0 });
  });

  it('a recent step of an application is a contact: the household is kept', () => {
    const h = oldHousehold('Famille Residrecent');
    const app = application(h, '2024-04-01');
    run(`INSERT INTO residence_application_events (application_id, status, at, account_id) VALUES (?, 'waiting_list', ?, ?)`, app, ms('2026-01-10'), w.actors.admin.accountId);
    runRetention(w.db);
    expect(pseudonymised(h)).toBe(false);
  });

  it('a recent payment on an old contract is a contact: the household is kept', () => {
    const h = oldHousehold('Famille Residpayer');
    const c = contract(h, '2024-03-01', '2024-06-01', '2024-03-01');
    payment(c, '2024-05-01', 135000, null, '2026-06-01');
    runRetention(w.db);
    expect(pseudonymised(h)).toBe(false);
  });

  it('an active contract keeps a household whatever its last contact', () => {
    const h = oldHousehold('Famille Residactive');
    const c = contract(h, '2024-03-01', null, '2024-03-01');
    // Paid well ahead (a credit), so that no balance owed keeps it: only the contract does.
    payment(c, '2024-03-01', 5_000_000);
    runRetention(w.db);
    expect(pseudonymised(h)).toBe(false);
  });

  it('a balance still owed keeps a household; one paid up to the cent goes, its typed reasons erased', () => {
    // March, April and May 2024 at 450 € a month: 1,350 € due.
    const owing = oldHousehold('Famille Residowed');
    const c1 = contract(owing, '2024-03-01', '2024-06-01', '2024-03-01');
    payment(c1, '2024-04-01', 134999);
    const paid = oldHousehold('Famille Residpaid');
    const c2 = contract(paid, '2024-03-01', '2024-06-01', '2024-03-01');
    payment(c2, '2024-04-01', 45000, null);
    payment(c2, '2024-04-02', 90000);
    payment(c2, '2024-04-15', -90000, 'Chèque sans provision de M. Residpaid');
    payment(c2, '2024-05-02', 90000);
    run(
      `INSERT INTO residence_departures (contract_id, date, destination, notice_given_on, by, reason, recorded_by, recorded_at) VALUES (?, '2024-06-01', 'private_rental', '2024-05-01', 'residence', 'Troubles causés par M. Residpaid', ?, ?)`,
      c2,
      w.actors.admin.accountId,
      ms('2024-05-01')
    );
    runRetention(w.db);
    expect(pseudonymised(owing)).toBe(false);
    expect(pseudonymised(paid)).toBe(true);
    expect(get(`SELECT reason FROM residence_payments WHERE contract_id = ? AND amount_cents < 0`, c2)).toEqual({ reason: '—' });
    expect(get(`SELECT reason, destination, date FROM residence_departures WHERE contract_id = ?`, c2)).toEqual({ reason: '—', destination: 'private_rental', date: '2024-06-01' });
    expect(get(`SELECT count(*) AS n FROM residence_payments WHERE contract_id = ?`, c2)).toEqual({ n: 4 });
    // Once the last cent is paid, the next run lets the other go too.
    payment(c1, '2024-05-31', 1);
    run(`UPDATE residence_payments SET created_at = ? WHERE contract_id = ?`, ms('2024-05-31'), c1);
    runRetention(w.db);
    expect(pseudonymised(owing)).toBe(true);
  });

  it('a household past its time loses the reasons typed about its application and contract in the audit log and in stored answers too', () => {
    // Everything happens in March 2024 through the services, so the audit log holds the typed reasons.
    setClock(at('2024-03-01T14:00:00+01:00'));
    const officer = w.actors.residence_officer;
    const file = (label: string) =>
      createApplication(w.db, officer, { household: { label, adults: 1, children: 0 }, monthlyIncomeCents: 90000, public: 'other', referrer: { contact: 'Mme Référente', phone: '0400000000' } }).value;
    const refused = file('Famille Auditrefus');
    decideApplication(w.db, officer, refused.id, { outcome: 'refused', reason: 'Refus : M. Auditrefus sort de prison' });
    const housed = file('Famille Auditloge');
    decideApplication(w.db, officer, housed.id, { outcome: 'admitted' });
    const unit = makeUnit(w.db, w.actors.admin, { name: 'R-audit', programmes: ['social_residence'], siteKind: 'residence' });
    const c = createContract(w.db, officer, { applicationId: housed.id, unitId: unit, start: '2024-03-01', rentCents: 0, chargesCents: 0, depositCents: 0 }).value;
    recordPayment(w.db, officer, c.id, { date: '2024-03-01', amountCents: 100, means: 'cheque' });
    recordPayment(w.db, officer, c.id, { date: '2024-03-01', amountCents: -100, means: 'cheque', reason: 'Chèque sans provision de M. Auditloge' }, 'reversal-1');
    recordDeparture(w.db, officer, c.id, { date: '2024-04-01', destination: 'street', by: 'residence', reason: 'Violences de M. Auditloge envers un voisin' });
    const typed = () =>
      get<{ n: number }>(
        `SELECT count(*) AS n FROM audit_reasons r JOIN audit_entries e ON e.id = r.audit_id WHERE e.entity IN ('residence_application', 'residence_contract')`
      ).n;
    expect(typed()).toBe(3);
    const kept = () => get<{ n: number }>(`SELECT count(*) AS n FROM idempotency_keys WHERE instr(response, 'Auditloge') > 0`).n;
    expect(kept()).toBe(1);

    setClock(at('2027-03-01T14:00:00+01:00'));
    runRetention(w.db);
    expect(pseudonymised(refused.householdId)).toBe(true);
    expect(pseudonymised(housed.householdId)).toBe(true);
    expect(typed()).toBe(0);
    // The stored answer to the retried reversal carried its reason: it goes too.
    expect(kept()).toBe(0);
  });
});
