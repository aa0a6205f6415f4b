// writeTransaction and a busy database: only a BEGIN that failed is tried again; once the
// transaction's work has run, a failure is final (its work is never done twice).
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { writeTransaction } from '../../src/services/transaction.ts';
import { makeTestDb, type TestDb } from '../support/fixtures.ts';

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
