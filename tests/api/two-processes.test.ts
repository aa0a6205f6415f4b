// Two server processes on the same SQLite file (a second server started beside the running one):
// placements sent to both at once on the same unit never overlap, and none meets a busy
// database. Each write takes the write lock at BEGIN (IMMEDIATE), so the check of the nights and
// the insert cannot be split by the other process; a DEFERRED transaction reads first and asks
// for the lock at its first write, where SQLite refuses it (SQLITE_BUSY) once the other process
// has written since that read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccounts, makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { overlappingLiveStayPairs, prng } from './_support.ts';

const SEED = Number(process.env.TWO_PROCESSES_SEED ?? 20271101);

let t: TestDb;
let servers: ServerProcess[] = [];
let token: string;
let units: string[];

beforeAll(async () => {
  t = makeTestDb();
  const accounts = makeAccounts(t.db);
  token = accounts.duty_officer.token;
  units = [1, 2].map((i) => makeUnit(t.db, accounts.admin.actor, { name: `Two processes ${i}`, programmes: ['emergency'] }));
  servers = await Promise.all([startServerProcess(t.path), startServerProcess(t.path)]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  t?.cleanup();
});

const day = (n: number) => new Date(Date.UTC(2027, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('two server processes on one file', () => {
  it('200 placements sent to both at once on the same two units: only 201 or 409 overlap, never busy, never two live stays on a night', async () => {
    expect.hasAssertions();
    console.log(`two processes: seed ${SEED} (TWO_PROCESSES_SEED=${SEED} to replay)`);
    const rnd = prng(SEED);
    const requests = Array.from({ length: 200 }, (_, i) => {
      const first = Math.floor(rnd() * 30);
      return { i, unitId: units[Math.floor(rnd() * units.length)], start: day(first), end: day(first + 1 + Math.floor(rnd() * 4)) };
    });
    const answers = await Promise.all(
      requests.map(async (r) => {
        const res = await fetch(`${servers[r.i % 2].url}/api/v1/stays`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ unitId: r.unitId, start: r.start, end: r.end, programme: 'emergency', household: { label: `Two processes ${r.i}`, adults: 1, children: 0 } })
        });
        const body = (await res.json()) as { code?: string };
        return res.status === 201 ? '201' : `${res.status} ${body.code}`;
      })
    );
    const byAnswer = answers.reduce<Record<string, number>>((m, a) => ({ ...m, [a]: (m[a] ?? 0) + 1 }), {});
    expect(Object.keys(byAnswer).sort(), JSON.stringify(byAnswer)).toEqual(['201', '409 overlap']);
    // Both processes placed: the file was written from two connections.
    expect(new Set(requests.filter((_, k) => answers[k] === '201').map((r) => r.i % 2))).toEqual(new Set([0, 1]));
    expect(overlappingLiveStayPairs(t.db, units)).toBe(0);
    const stored = t.db.$client.prepare(`SELECT count(*) AS n FROM stays WHERE unit_id IN (?, ?)`).get(...units) as { n: number };
    expect(stored.n).toBe(byAnswer['201']);
  });
});
