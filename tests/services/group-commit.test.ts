// Group commit (groupedWrite, placeStayGrouped): the writes asked for in one turn of the event loop
// share one transaction and one COMMIT; each settles only after that COMMIT has returned; one that
// fails is rolled back to its own savepoint and the others of its group are kept.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { placeStayGrouped } from '../../src/services/stays.ts';
import { groupedWrite, groupStats, MAX_GROUP } from '../../src/services/transaction.ts';
import { makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import type { Role } from '../../src/domain/programmes.ts';

let t: TestDb;
let acc: Record<Role, RoleToken>;
beforeAll(() => {
  t = makeTestDb({ synchronous: 'FULL' });
  acc = makeAccounts(t.db);
});
afterAll(() => t?.cleanup());

/** A household row written by hand (the smallest write a test can check for). */
const insertHousehold = (id: string) =>
  t.db.$client
    .prepare(`INSERT INTO households (id, label, pseudonym, adults, children, needs, confidential, created_at) VALUES (?, 'Groupe', ?, 1, 0, '[]', 0, 0)`)
    .run(id, `Ménage ${id}`);
/** Read through another connection: what is committed, and only that. */
const committedHouseholds = (ids: string[]) => {
  const other = new Database(t.path, { readonly: true });
  try {
    return ids.filter((id) => other.prepare('SELECT 1 FROM households WHERE id = ?').get(id) !== undefined);
  } finally {
    other.close();
  }
};
const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

describe('groupedWrite', () => {
  it('the writes of one turn share one transaction; the one that throws is rolled back to its savepoint, the others are kept', async () => {
    expect.hasAssertions();
    const before = groupStats(t.db);
    const ids = ['g1-a', 'g1-b', 'g1-c'];
    const results = await Promise.all([
      settle(groupedWrite(t.db, () => (insertHousehold(ids[0]), 'a'))),
      settle(
        groupedWrite(t.db, () => {
          insertHousehold(ids[1]);
          throw new AppError('invalid', 'refused after writing');
        })
      ),
      settle(groupedWrite(t.db, () => (insertHousehold(ids[2]), 'c')))
    ]);
    expect(results[0]).toEqual({ ok: true, value: 'a' });
    expect(results[1].ok).toBe(false);
    expect((results[1] as { error: AppError }).error).toMatchObject({ code: 'invalid', message: 'refused after writing' });
    expect(results[2]).toEqual({ ok: true, value: 'c' });
    expect(committedHouseholds(ids)).toEqual(['g1-a', 'g1-c']);
    const after = groupStats(t.db);
    expect(after.groups - before.groups).toBe(1);
    expect(after.writes - before.writes).toBe(3);
  });

  it('a write settles only after the COMMIT: when it resolves, another connection sees it, and no transaction is open', async () => {
    expect.hasAssertions();
    const p = groupedWrite(t.db, () => insertHousehold('g2-a'));
    // Asked for, not yet run: nothing is written until the turn ends.
    expect(committedHouseholds(['g2-a'])).toEqual([]);
    await p;
    expect(t.db.$client.inTransaction).toBe(false);
    expect(committedHouseholds(['g2-a'])).toEqual(['g2-a']);
  });

  it('when the COMMIT fails, every write of the group rejects and none is stored (none was answered before it)', async () => {
    expect.hasAssertions();
    const ids = ['g3-a', 'g3-b'];
    const results = await Promise.all([
      settle(groupedWrite(t.db, () => insertHousehold(ids[0]))),
      settle(
        groupedWrite(t.db, () => {
          insertHousehold(ids[1]);
          // A foreign key checked at COMMIT only: this event names no stay, so the COMMIT fails.
          t.db.$client.pragma('defer_foreign_keys = ON');
          t.db.$client
            .prepare(`INSERT INTO stay_events (stay_id, action, to_status, start_date, end_date, at) VALUES ('no-such-stay', 'place', 'confirmed', '2027-01-01', '2027-01-02', 0)`)
            .run();
        })
      )
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(String((results[0] as { error: Error }).error)).toMatch(/FOREIGN KEY/);
    expect(committedHouseholds(ids)).toEqual([]);
    expect(t.db.$client.inTransaction).toBe(false);
  });

  it(`more than ${MAX_GROUP} writes in one turn run as several transactions, in order, all kept`, async () => {
    expect.hasAssertions();
    const before = groupStats(t.db);
    const ids = Array.from({ length: MAX_GROUP + 5 }, (_, i) => `g4-${i}`);
    const order: number[] = [];
    await Promise.all(ids.map((id, i) => groupedWrite(t.db, () => (insertHousehold(id), order.push(i)))));
    expect(order).toEqual(ids.map((_, i) => i));
    expect(committedHouseholds(ids)).toEqual(ids);
    expect(groupStats(t.db).groups - before.groups).toBe(2);
  });
});

describe('placeStayGrouped', () => {
  it('three placements in one turn: the overlapping one is 409 and writes nothing, the two others are placed', async () => {
    expect.hasAssertions();
    const u1 = makeUnit(t.db, acc.admin.actor, { name: 'Groupe 1', capacity: 4, programmes: ['emergency'] });
    const u2 = makeUnit(t.db, acc.admin.actor, { name: 'Groupe 2', capacity: 4, programmes: ['emergency'] });
    const count = (table: string) => (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const tables = ['stays', 'households', 'stay_events', 'audit_entries'];
    const counts0 = Object.fromEntries(tables.map((x) => [x, count(x)]));
    const place = (unitId: string, start: string, end: string, label: string) =>
      settle(placeStayGrouped(t.db, acc.duty_officer.actor, { unitId, start, end, programme: 'emergency', household: { label, adults: 1, children: 0 } }));
    const before = groupStats(t.db);
    const [a, b, c] = await Promise.all([
      place(u1, '2027-05-01', '2027-05-04', 'Premier'),
      place(u1, '2027-05-03', '2027-05-05', 'Chevauche'),
      place(u2, '2027-05-01', '2027-05-04', 'Ailleurs')
    ]);
    expect(groupStats(t.db).groups - before.groups).toBe(1);
    expect(a.ok && c.ok).toBe(true);
    expect(b.ok).toBe(false);
    expect((b as { error: AppError }).error).toMatchObject({ code: 'overlap', status: 409 });
    // Two stays, each with its household, its event and its audit entry; nothing of the refused one.
    expect(Object.fromEntries(tables.map((x) => [x, count(x) - counts0[x]]))).toEqual({ stays: 2, households: 2, stay_events: 2, audit_entries: 2 });
    const labels = t.db.$client.prepare(`SELECT h.label FROM stays s JOIN households h ON h.id = s.household_id WHERE s.unit_id IN (?, ?) ORDER BY h.label`).pluck().all(u1, u2);
    expect(labels).toEqual(['Ailleurs', 'Premier']);
  });

  it('a refusal found before the write (dates) is thrown at once, without waiting for a group', () => {
    expect.hasAssertions();
    expect(() => placeStayGrouped(t.db, acc.duty_officer.actor, { unitId: 'x', start: '2027-02-30', end: '2027-03-02', programme: 'emergency', household: { label: 'X', adults: 1, children: 0 } })).toThrow(
      expect.objectContaining({ code: 'invalid' })
    );
  });

  it('two placements with the same Idempotency-Key in one turn place one household: the second replays the first', async () => {
    expect.hasAssertions();
    const u = makeUnit(t.db, acc.admin.actor, { name: 'Groupe clé', capacity: 4, programmes: ['emergency'] });
    const input = { unitId: u, start: '2027-06-01', end: '2027-06-03', programme: 'emergency' as const, household: { label: 'Une fois', adults: 1, children: 0 } };
    const [first, second] = await Promise.all([placeStayGrouped(t.db, acc.admin.actor, input, 'group-key-1'), placeStayGrouped(t.db, acc.admin.actor, input, 'group-key-1')]);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ replayed: true, value: first.value });
    expect(t.db.$client.prepare('SELECT count(*) FROM stays WHERE unit_id = ?').pluck().get(u)).toBe(1);
  });
});
