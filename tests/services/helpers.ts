// Shared set-up of the service tests: a real SQLite file with the real migrations, one account per
// role, a fixed clock, and small readers for rows and errors. Not a test file itself.
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/domain/errors.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import type { HouseholdInput } from '../../src/services/stays.ts';
import { makeAccounts, makeTestDb, type TestDb } from '../support/fixtures.ts';

export interface World extends TestDb {
  actors: Record<Role, Actor>;
}

/** A new database with one account of each role. */
export function makeWorld(): World {
  const t = makeTestDb();
  const accounts = makeAccounts(t.db);
  const actors = Object.fromEntries(Object.entries(accounts).map(([role, a]) => [role, a.actor])) as Record<Role, Actor>;
  return { ...t, actors };
}

/**
 * An instant given as a wall-clock time of Europe/Paris with its offset spelled out
 * (+01:00 in winter, +02:00 from the last Sunday of March), e.g. paris('2027-03-01T14:00:00+01:00').
 */
export function at(isoWithOffset: string): number {
  const ms = Date.parse(isoWithOffset);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${isoWithOffset}`);
  return ms;
}

/** 1 March 2027 at 14:00 in Paris: tonight is the night of 1 March, today is 1 March. */
export const MARCH_1_AFTERNOON = at('2027-03-01T14:00:00+01:00');

export function fixClock(ms: number = MARCH_1_AFTERNOON): void {
  setClock(ms);
}

export function resetClock(): void {
  setClock(null);
}

export function household(label = 'Famille Martin', adults = 1, children = 0): HouseholdInput {
  return { label, adults, children };
}

/** Runs fn, which must throw an AppError; returns it for further checks. */
export function appErrorOf(fn: () => unknown): AppError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'expected an AppError to be thrown').toBeInstanceOf(AppError);
  return thrown as AppError;
}

/** Runs fn, which must throw an AppError of this code; returns it. */
export function expectAppError(fn: () => unknown, code: ErrorCode): AppError {
  const e = appErrorOf(fn);
  expect(e.code, e.message).toBe(code);
  return e;
}

/** Number of rows of a table. */
export function countRows(w: TestDb, table: string): number {
  return (w.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string | null;
}

/** An entry's detail as people read it: the free text kept in audit_reasons put back in its place. */
export const READABLE_DETAIL = `coalesce(json_patch(detail, (SELECT json_group_object(r.key, r.text) FROM audit_reasons r WHERE r.audit_id = audit_entries.id)), detail)`;

/** The audit entries about one record, oldest first, with their readable detail. */
export function auditEntriesFor(w: TestDb, entityId: string): AuditRow[] {
  return w.db.$client.prepare(`SELECT *, ${READABLE_DETAIL} AS detail FROM audit_entries WHERE entity_id = ? ORDER BY id`).all(entityId) as AuditRow[];
}

/** The same, as stored in the append-only table (free text replaced by `true`). */
export function storedAuditEntriesFor(w: TestDb, entityId: string): AuditRow[] {
  return w.db.$client.prepare('SELECT * FROM audit_entries WHERE entity_id = ? ORDER BY id').all(entityId) as AuditRow[];
}
