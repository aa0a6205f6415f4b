// POST /api/v1/stays under group commit, over real HTTP: concurrent placements share COMMITs, and
// each 201 is already committed when it reaches the caller (another connection reads the stay).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/programmes.ts';
import { groupStats } from '../../src/services/transaction.ts';
import { makeAccounts, makeTestDb, makeUnit, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import { overlappingLiveStayPairs, postJson, prng } from './_support.ts';

let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;

beforeAll(async () => {
  t = makeTestDb({ synchronous: 'FULL' });
  acc = makeAccounts(t.db);
  server = await startServer(t.db);
});

afterAll(async () => {
  await server?.close();
  t?.cleanup();
});

const DAY0 = Date.parse('2027-04-01T00:00:00Z');
const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

describe('POST /api/v1/stays with group commit', () => {
  it('200 concurrent placements: fewer COMMITs than placements, each 201 readable by another connection when it arrives, no overlap', async () => {
    expect.hasAssertions();
    const units = [1, 2, 3].map((i) => makeUnit(t.db, acc.admin.actor, { name: `Groupe HTTP ${i}`, capacity: 4, programmes: ['emergency'] }));
    const reader = new Database(t.path, { readonly: true });
    const committed = reader.prepare('SELECT status FROM stays WHERE id = ?').pluck();
    const rnd = prng(20270401);
    const before = groupStats(t.db);
    let notYetCommitted = 0;
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const first = Math.floor(rnd() * 40);
          const a = await postJson(server.url, '/api/v1/stays', acc.duty_officer.token, {
            unitId: units[i % units.length],
            start: day(first),
            end: day(first + 1 + Math.floor(rnd() * 4)),
            programme: 'emergency',
            household: { label: `Groupe ${i}`, adults: 1, children: 0 }
          });
          if (a.status === 201 && committed.get((a.body as { id: string }).id) !== 'confirmed') notYetCommitted++;
          return a;
        })
      );
      const placed = answers.filter((a) => a.status === 201).length;
      expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
      expect(placed).toBeGreaterThan(0);
      expect(notYetCommitted).toBe(0);
      const after = groupStats(t.db);
      expect(after.writes - before.writes).toBe(200);
      expect(after.groups - before.groups).toBeLessThan(200);
      expect(overlappingLiveStayPairs(t.db, units)).toBe(0);
    } finally {
      reader.close();
    }
  });
});
