// Lapsing a unit's expired holds reads that unit's holds only, whatever the territory holds: the
// query's plan seeks the unit in the holds' partial index. Before, it read every expired hold of the
// territory through (status, hold_expires_at) and kept the unit's: 20 ms a placement at 50,000 units
// with a few thousand unswept holds (npm run bench -- --only scale).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { EXPIRED_HOLDS, lapseExpiredHolds } from '#db/queries/stays.ts';
import { placeStay } from '#services/stays.ts';
import { addDays } from '#domain/dates.ts';
import { tonight } from '#services/clock.ts';
import { makeAccounts, makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';

let t: TestDb;
beforeEach(() => (t = makeTestDb()));
afterEach(() => t.cleanup());

function plan(sql: string): string {
  return (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 1)) as { detail: string }[]).map((r) => r.detail).join('\n');
}

test("one unit's expired holds are found by seeking the unit in the holds' index, not by reading the territory's", () => {
  expect(plan(EXPIRED_HOLDS.ofUnit)).toMatch(/SEARCH stays USING INDEX stays_unit_holds \(unit_id=\? AND hold_expires_at<\?\)/);
  expect(plan(EXPIRED_HOLDS.ofUnit)).not.toMatch(/stays_status_hold|SCAN/);
  // The territory's: through (status, hold_expires_at).
  expect(plan(EXPIRED_HOLDS.all)).toMatch(/SEARCH stays USING INDEX stays_status_hold/);
});

test("lapsing one unit's holds leaves the other units' expired holds as they are; lapsing all lapses them all", () => {
  const accounts = makeAccounts(t.db);
  const units = [0, 1, 2].map((i) => makeUnit(t.db, accounts.admin.actor, { name: `H${i}`, programmes: ['emergency'] }));
  const night = tonight();
  const holds = units.map((unitId, i) =>
    placeStay(t.db, accounts.duty_officer.actor, { unitId, start: addDays(night, i), end: addDays(night, i + 1), programme: 'emergency', status: 'hold', household: { label: `Hold ${i}`, adults: 1, children: 0 } }).value
  );
  const status = () => holds.map((h) => t.db.$client.prepare('SELECT status FROM stays WHERE id = ?').pluck().get(h.id));
  expect(status()).toEqual(['hold', 'hold', 'hold']);
  const later = Date.now() + 365 * 86_400_000;
  expect(lapseExpiredHolds(t.db, units[1], later)).toBe(1);
  expect(status()).toEqual(['hold', 'lapsed', 'hold']);
  expect(lapseExpiredHolds(t.db, null, later)).toBe(2);
  expect(status()).toEqual(['lapsed', 'lapsed', 'lapsed']);
});
