// Specification of the invariants the database holds by itself, whatever the code above it does
// (docs/architecture.md, "Principles"; the migrations' triggers and CHECKs): raw SQL, no service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAuditEntry } from '../../db/queries/audit.ts';
import { makeUnit } from '../support/fixtures.ts';
import { countRows, makeWorld, resetClock, fixClock, type World } from './helpers.ts';

let w: World;
let unit: string;
let otherUnit: string;
let householdId: string;
let n = 0;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  unit = makeUnit(w.db, w.actors.admin, { name: 'A' });
  otherUnit = makeUnit(w.db, w.actors.admin, { name: 'B' });
  householdId = 'hh-1';
  w.db.$client.prepare("INSERT INTO households (id, label, pseudonym, adults, children) VALUES (?, 'Famille Test', 'Ménage TEST', 1, 0)").run(householdId);
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

type Status = 'hold' | 'confirmed' | 'in_place' | 'ended' | 'cancelled' | 'no_show' | 'lapsed';

function insertStay(start: string, end: string, status: Status = 'confirmed', unitId = unit, holdExpiresAt: number | null = null): string {
  const id = `stay-${++n}`;
  w.db.$client
    .prepare(
      `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, hold_expires_at, created_by)
       VALUES (?, ?, ?, 'emergency', ?, ?, ?, ?, ?)`
    )
    .run(id, unitId, householdId, start, end, status, holdExpiresAt, w.actors.admin.accountId);
  return id;
}

function insertBlock(start: string, end: string, unitId = unit): string {
  const id = `block-${++n}`;
  w.db.$client.prepare(`INSERT INTO blocks (id, unit_id, start_date, end_date, reason, created_by) VALUES (?, ?, ?, ?, 'travaux', ?)`).run(id, unitId, start, end, w.actors.admin.accountId);
  return id;
}

const OVERLAP = /overlap/;

describe('the overlap triggers', () => {
  it.each(['hold', 'confirmed', 'in_place'] as const)('a raw stay that shares a night with a %s stay is refused', (status) => {
    expect.hasAssertions();
    insertStay('2027-03-10', '2027-03-15', status, unit, status === 'hold' ? Date.now() + 3_600_000 : null);
    for (const [start, end] of [
      ['2027-03-14', '2027-03-16'], // over its last night
      ['2027-03-08', '2027-03-11'], // over its first night
      ['2027-03-11', '2027-03-13'], // inside it
      ['2027-03-01', '2027-03-30'], // around it
      ['2027-03-10', '2027-03-15'] // the very same nights
    ]) {
      expect(() => insertStay(start, end), `${start} to ${end}`).toThrow(OVERLAP);
    }
    expect(countRows(w, 'stays')).toBe(1);
  });

  it('a raw stay over a block is refused, and a raw block over a live stay is refused', () => {
    expect.hasAssertions();
    insertBlock('2027-03-10', '2027-03-15');
    expect(() => insertStay('2027-03-12', '2027-03-13')).toThrow(OVERLAP);
    insertStay('2027-03-20', '2027-03-25');
    expect(() => insertBlock('2027-03-24', '2027-03-26')).toThrow(OVERLAP);
    expect(countRows(w, 'stays')).toBe(1);
    expect(countRows(w, 'blocks')).toBe(1);
  });

  it('a raw block over another block is refused', () => {
    expect.hasAssertions();
    insertBlock('2027-03-10', '2027-03-15');
    expect(() => insertBlock('2027-03-14', '2027-03-20')).toThrow(OVERLAP);
  });

  it('back-to-back raw stays and blocks are allowed: a departure on the 15th and an arrival on the 15th do not conflict', () => {
    expect.hasAssertions();
    insertStay('2027-03-10', '2027-03-15');
    insertStay('2027-03-15', '2027-03-18');
    insertBlock('2027-03-18', '2027-03-20');
    insertBlock('2027-03-08', '2027-03-10');
    insertStay('2027-03-05', '2027-03-08');
    expect(countRows(w, 'stays')).toBe(3);
    expect(countRows(w, 'blocks')).toBe(2);
  });

  it('the same nights on another unit are allowed', () => {
    expect.hasAssertions();
    insertStay('2027-03-10', '2027-03-15');
    insertStay('2027-03-10', '2027-03-15', 'confirmed', otherUnit);
    insertBlock('2027-03-10', '2027-03-15', makeUnit(w.db, w.actors.admin, { name: 'C' }));
    expect(countRows(w, 'stays')).toBe(2);
    expect(countRows(w, 'blocks')).toBe(1);
  });

  it.each(['cancelled', 'lapsed', 'ended', 'no_show'] as const)('a %s stay does not block: a live stay and a block may take its nights', (status) => {
    expect.hasAssertions();
    insertStay('2027-03-10', '2027-03-15', status);
    insertStay('2027-03-10', '2027-03-13');
    insertBlock('2027-03-13', '2027-03-15');
    expect(countRows(w, 'stays')).toBe(2);
  });

  it('a stay that is not live may be written over live nights (it blocks nothing)', () => {
    expect.hasAssertions();
    insertStay('2027-03-10', '2027-03-15');
    insertStay('2027-03-10', '2027-03-15', 'cancelled');
    expect(countRows(w, 'stays')).toBe(2);
  });

  it('an update that moves a live stay onto another live stay or a block is refused', () => {
    expect.hasAssertions();
    const a = insertStay('2027-03-10', '2027-03-15');
    insertStay('2027-03-15', '2027-03-18');
    insertBlock('2027-03-05', '2027-03-10');
    const update = (sql: string) => w.db.$client.prepare(sql).run(a);
    expect(() => update("UPDATE stays SET end_date = '2027-03-16' WHERE id = ?")).toThrow(OVERLAP);
    expect(() => update("UPDATE stays SET start_date = '2027-03-09' WHERE id = ?")).toThrow(OVERLAP);
    expect(() => w.db.$client.prepare('UPDATE stays SET unit_id = ? WHERE id = ?').run(unit, a)).not.toThrow();
    const row = w.db.$client.prepare('SELECT start_date, end_date FROM stays WHERE id = ?').get(a);
    expect(row).toEqual({ start_date: '2027-03-10', end_date: '2027-03-15' });
  });

  it('an update that brings a cancelled stay back to life over live nights is refused', () => {
    expect.hasAssertions();
    const old = insertStay('2027-03-10', '2027-03-15', 'cancelled');
    insertStay('2027-03-12', '2027-03-14');
    expect(() => w.db.$client.prepare("UPDATE stays SET status = 'confirmed' WHERE id = ?").run(old)).toThrow(OVERLAP);
  });

  it('an update that moves a block onto a live stay is refused', () => {
    expect.hasAssertions();
    const b = insertBlock('2027-03-01', '2027-03-05');
    insertStay('2027-03-06', '2027-03-10');
    expect(() => w.db.$client.prepare("UPDATE blocks SET end_date = '2027-03-07' WHERE id = ?").run(b)).toThrow(OVERLAP);
    expect(() => w.db.$client.prepare("UPDATE blocks SET end_date = '2027-03-06' WHERE id = ?").run(b)).not.toThrow();
  });
});

describe('CHECK (start < end)', () => {
  it.each([
    { rule: 'an empty range', start: '2027-03-10', end: '2027-03-10' },
    { rule: 'a reversed range', start: '2027-03-10', end: '2027-03-09' }
  ])('$rule is refused for a stay and for a block', ({ start, end }) => {
    expect.hasAssertions();
    expect(() => insertStay(start, end)).toThrow(/CHECK constraint failed/);
    expect(() => insertStay(start, end, 'cancelled')).toThrow(/CHECK constraint failed/);
    expect(() => insertBlock(start, end)).toThrow(/CHECK constraint failed/);
    expect(countRows(w, 'stays') + countRows(w, 'blocks')).toBe(0);
  });
});

describe('the audit log is append-only', () => {
  function oneEntry(): number {
    insertAuditEntry(w.db, { at: Date.now(), actorId: w.actors.admin.accountId, action: 'test.write', entity: 'test', entityId: 'e-1', detail: { a: 1 } });
    return (w.db.$client.prepare("SELECT id FROM audit_entries WHERE action = 'test.write'").get() as { id: number }).id;
  }

  it('UPDATE on audit_entries is refused', () => {
    expect.hasAssertions();
    const id = oneEntry();
    expect(() => w.db.$client.prepare("UPDATE audit_entries SET action = 'forged' WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => w.db.$client.prepare('UPDATE audit_entries SET detail = NULL').run()).toThrow(/append-only/);
    expect((w.db.$client.prepare('SELECT action FROM audit_entries WHERE id = ?').get(id) as { action: string }).action).toBe('test.write');
  });

  it('DELETE on audit_entries is refused', () => {
    expect.hasAssertions();
    const id = oneEntry();
    const before = countRows(w, 'audit_entries');
    expect(() => w.db.$client.prepare('DELETE FROM audit_entries WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => w.db.$client.prepare('DELETE FROM audit_entries').run()).toThrow(/append-only/);
    expect(countRows(w, 'audit_entries')).toBe(before);
  });

  it('INSERT on audit_entries is allowed', () => {
    expect.hasAssertions();
    const before = countRows(w, 'audit_entries');
    oneEntry();
    expect(countRows(w, 'audit_entries')).toBe(before + 1);
  });
});
