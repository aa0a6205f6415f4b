// writeTransaction and a busy database: only a BEGIN that failed is tried again; once the
// transaction's work has run, a failure is final (its work is never done twice).
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { placeStay } from '../../src/services/stays.ts';
import { writeTransaction } from '../../src/services/transaction.ts';
import { makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import type { Role } from '../../src/domain/programmes.ts';

let t: TestDb;
beforeAll(() => {
  t = makeTestDb();
});
afterAll(() => t?.cleanup());
afterEach(() => {
  delete process.env.WRITE_BUSY_MS;
});

describe('writeTransaction on a busy database', () => {
  it('a lock held past the bound gives busy after about the bound, without running the work', () => {
    expect.hasAssertions();
    process.env.WRITE_BUSY_MS = '200';
    const other = new Database(t.path);
    other.exec('BEGIN IMMEDIATE');
    let runs = 0;
    const started = performance.now();
    try {
      expect(() => writeTransaction(t.db, () => runs++)).toThrow(expect.objectContaining({ code: 'busy', status: 503 }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(runs).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('a busy error raised once the work has started is not retried: the work ran once', () => {
    expect.hasAssertions();
    let runs = 0;
    const thrown = (() => {
      try {
        writeTransaction(t.db, () => {
          runs++;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        });
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('busy');
    expect(runs).toBe(1);
  });
});

describe('a write is all or nothing', () => {
  // The tables a placement writes to: a stay, its household, its event and its audit entry.
  const TABLES = ['stays', 'households', 'stay_events', 'audit_entries'] as const;
  const counts = () => Object.fromEntries(TABLES.map((table) => [table, (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));

  let accounts: Record<Role, RoleToken>;
  let unitId: string;
  beforeAll(() => {
    accounts = makeAccounts(t.db);
    unitId = makeUnit(t.db, accounts.admin.actor, { name: 'All or nothing', programmes: ['emergency'] });
  });

  // A test-only trigger makes one of the later statements of the placement fail: the statements
  // before it (the household, the stay, and the event when the audit fails) must be undone.
  for (const [failing, start, end] of [['stay_events', '2027-06-01', '2027-06-03'], ['audit_entries', '2027-07-01', '2027-07-03']] as const) {
    it(`a placement whose insert into ${failing} fails leaves no stay, no household, no event and no audit entry`, () => {
      expect.hasAssertions();
      const before = counts();
      t.db.$client.exec(`CREATE TRIGGER test_refuse_${failing} BEFORE INSERT ON ${failing} BEGIN SELECT RAISE(ABORT, 'test: ${failing} refused'); END`);
      try {
        expect(() =>
          placeStay(t.db, accounts.duty_officer.actor, {
            unitId,
            start,
            end,
            programme: 'emergency',
            household: { label: `Famille Rollback ${failing}`, adults: 1, children: 0 }
          })
        ).toThrow(`test: ${failing} refused`);
      } finally {
        t.db.$client.exec(`DROP TRIGGER test_refuse_${failing}`);
      }
      expect(counts()).toEqual(before);
      expect(t.db.$client.prepare('SELECT count(*) AS n FROM households WHERE label = ?').get(`Famille Rollback ${failing}`)).toEqual({ n: 0 });
      // The trigger gone, the same placement goes through whole: the nights were left free.
      placeStay(t.db, accounts.duty_officer.actor, {
        unitId,
        start,
        end,
        programme: 'emergency',
        household: { label: `Famille Rollback ${failing}`, adults: 1, children: 0 }
      });
      expect(counts()).toEqual({ ...before, stays: before.stays + 1, households: before.households + 1, stay_events: before.stay_events + 1, audit_entries: before.audit_entries + 1 });
    });
  }
});
