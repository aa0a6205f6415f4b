// Continuous replication with Litestream: after the server is killed (SIGKILL) during placements and
// its database file is lost with its WAL, the replica restores every acknowledged placement but the
// last moments', as a sound file with no double booking; Litestream never outlives the server;
// `restore` refuses while replication runs; the restore drill starts the service on the replica.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { restoreDatabase } from '../../src/services/backup.ts';
import { replicaStatus, restoreReplica, runningReplicationPid, startReplication } from '../../src/services/replication.ts';
import { restoreDrill } from '../../src/cli/restore-drill.ts';
import { makeAccounts, makeTestDb, makeUnit } from '../support/fixtures.ts';
import { startServerProcess } from '../support/server-process.ts';

const DAY_MS = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * DAY_MS).toISOString().slice(0, 10);

async function until(test: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('after SIGKILL and the loss of the database file, the replica holds every placement acknowledged more than a moment before', { timeout: 90_000 }, async () => {
  const t = makeTestDb({ synchronous: 'FULL' });
  try {
    const accounts = makeAccounts(t.db);
    const units = Array.from({ length: 20 }, (_, i) => makeUnit(t.db, accounts.admin.actor, { name: `Rep ${i}`, capacity: 4, programmes: ['emergency'] }));
    t.db.$client.close();
    const replica = `file://${join(t.dir, 'replica')}`;
    const server = await startServerProcess(t.path, { env: { REPLICA_URL: replica } });
    const acknowledged: { id: string; at: number }[] = [];
    let killedAt = 0;
    try {
      await until(() => runningReplicationPid(t.path) !== null, 10_000, 'replication to start');
      // Ten workers place distinct one-night stays, each on its own unit and nights, for 4 seconds.
      const stopAt = Date.now() + 4_000;
      await Promise.all(
        Array.from({ length: 10 }, async (_, w) => {
          for (let i = 0; Date.now() < stopAt; i++) {
            const res = await fetch(`${server.url}/api/v1/stays`, {
              method: 'POST',
              headers: { authorization: `Bearer ${accounts.duty_officer.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ unitId: units[w * 2 + (i % 2)], start: day(i), end: day(i + 1), programme: 'emergency', household: { label: `Rep ${w}.${i}`, adults: 1, children: 0 } })
            });
            expect(res.status).toBe(201);
            acknowledged.push({ id: ((await res.json()) as { id: string }).id, at: Date.now() });
          }
        })
      );
      killedAt = Date.now();
      expect((await server.kill('SIGKILL')).signal).toBe('SIGKILL');
    } finally {
      await server.kill('SIGKILL');
    }
    // Litestream stops with the server, however the server ended (its shell's pipe from the server
    // closes; its own log pipes too).
    await until(() => runningReplicationPid(t.path) === null, 10_000, 'Litestream to stop after the server');
    // The disk is lost: the database and its WAL are gone.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${t.path}${suffix}`, { force: true });

    const restored = join(t.dir, 'restored.sqlite');
    await restoreReplica(replica, restored);
    const db = new Database(restored, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const present = new Set(db.prepare('SELECT id FROM stays').pluck().all() as string[]);
      const lost = acknowledged.filter((a) => !present.has(a.id));
      const lostWindowMs = lost.length ? killedAt - Math.min(...lost.map((a) => a.at)) : 0;
      console.log(`replication test: ${acknowledged.length} placements acknowledged, ${acknowledged.length - lost.length} in the replica, ${lost.length} lost (acknowledged in the last ${lostWindowMs} ms before the kill)`);
      expect(acknowledged.length).toBeGreaterThan(50);
      // Litestream ships the WAL every 200 ms: only the last moments' placements may be missing
      // (the target: all but the last second's, even on a loaded machine).
      expect(lostWindowMs).toBeLessThanOrEqual(1_000);
      expect(present.size).toBeGreaterThan(0);
      const overlaps = db
        .prepare(
          `SELECT count(*) FROM stays a JOIN stays b ON a.unit_id = b.unit_id AND a.id < b.id
            WHERE a.status IN ('hold','confirmed','in_place') AND b.status IN ('hold','confirmed','in_place')
              AND a.start_date < b.end_date AND b.start_date < a.end_date`
        )
        .pluck()
        .get();
      expect(overlaps).toBe(0);
    } finally {
      db.close();
    }
  } finally {
    t.cleanup();
  }
});

test('restore refuses while replication runs; replica status gives the lag; the drill starts the service on the replica', { timeout: 120_000 }, async () => {
  const t = makeTestDb();
  try {
    const accounts = makeAccounts(t.db);
    makeUnit(t.db, accounts.admin.actor, { name: 'Drill', capacity: 2 });
    const replica = `file://${join(t.dir, 'replica')}`;
    const replication = startReplication(t.path, replica);
    try {
      await until(() => runningReplicationPid(t.path) !== null, 10_000, 'replication to start');
      const backup = join(t.dir, 'backup.sqlite');
      t.db.$client.exec(`VACUUM INTO '${backup}'`);
      expect(() => restoreDatabase(backup, t.path)).toThrow(/replication \(pid \d+\) is running/);
      await until(async () => (await replicaStatus(t.path, replica)).length > 0, 15_000, 'a first generation in the replica');
      const [generation] = await replicaStatus(t.path, replica);
      expect(generation.replica).toBe('file');
      expect(generation.lag).toMatch(/^-?\d+(\.\d+)?(ms|s|m)/);
    } finally {
      await replication.stop();
    }
    expect(runningReplicationPid(t.path)).toBeNull();
    const into = join(t.dir, 'drill.sqlite');
    const r = await restoreDrill(replica, { into });
    expect(r.health).toBe(200);
    expect(existsSync(into)).toBe(true);
    expect(r.households).toBe(0);
    expect(Object.values(r.stays).reduce((a, b) => a + b, 0)).toBe(0);
  } finally {
    t.cleanup();
  }
});
