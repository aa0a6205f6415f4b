// The replica's lag under the placement storm: the bench's placement workload (random units among
// 200, 1–5 nights in 2027, 20 connections, synchronous=FULL) against the API server while Litestream
// replicates the file to a file replica, as `npm start` does with REPLICA_URL set. The lag is read
// the way `npm run cli -- replica status` reads it (`litestream generations`), every 250 ms; after
// the storm, the replica is restored into a new file and must hold every live stay of the database.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { OUT, PLACEMENT_UNITS } from './config.ts';
import { freshUnitsDb, makeTokens, placementBodies } from './dataset.ts';
import { startServer } from './proc.ts';
import { percentile } from './stats.ts';
import { replicaStatus, restoreReplica, startReplication } from '../src/services/replication.ts';

const DB = `${OUT}/replica-lag.sqlite`;
const REPLICA_DIR = `${OUT}/replica-lag-replica`;
const RESTORED = `${OUT}/replica-lag-restored.sqlite`;

/** A Go duration as Litestream prints it ("812ms", "1.2s", "1m3s", "-40ms") in milliseconds; null when unreadable. */
export function durationMs(text: string): number | null {
  const m = /^(-)?((?:\d+(?:\.\d+)?(?:h|m(?!s)|s|ms|µs|us|ns))+)$/.exec(text.trim());
  if (!m) return null;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, µs: 1e-3, us: 1e-3, ns: 1e-6 };
  let total = 0;
  for (const [, n, u] of m[2].matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|µs|us|ns)/g)) total += Number(n) * unit[u];
  return m[1] ? -total : total;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ReplicaLagResult {
  durationS: number;
  placed: number;
  samples: number;
  unreadable: number;
  lagMs: { median: number; p90: number; max: number } | null;
  liveStays: number;
  restoredLiveStays: number;
}

export async function replicaLag(log: (s: string) => void, durationS = 10): Promise<ReplicaLagResult> {
  mkdirSync(OUT, { recursive: true });
  for (const f of [RESTORED, `${RESTORED}-wal`, `${RESTORED}-shm`]) rmSync(f, { force: true });
  rmSync(REPLICA_DIR, { recursive: true, force: true });
  freshUnitsDb(DB, PLACEMENT_UNITS);
  const tokens = makeTokens(DB);
  const ro = new Database(DB, { readonly: true });
  const unitIds = (ro.prepare('SELECT id FROM units ORDER BY seq').all() as { id: string }[]).map((u) => u.id);
  ro.close();
  const replicaUrl = pathToFileURL(resolve(REPLICA_DIR)).href;
  const server = await startServer(DB, 'FULL');
  const replication = startReplication(DB, replicaUrl);
  try {
    // Litestream's first snapshot before the storm.
    for (let i = 0; i < 100 && (await replicaStatus(DB, replicaUrl).catch(() => [])).length === 0; i++) await sleep(100);
    const body = placementBodies(unitIds, 43, 'Ménage réplique', 'one adult');
    const headers = { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' };
    const storm = autocannon({
      url: server.url,
      connections: 20,
      duration: durationS,
      requests: [{ method: 'POST', path: '/api/v1/stays', headers, setupRequest: (req) => ({ ...req, body: body() }) }]
    });
    const lags: number[] = [];
    let unreadable = 0;
    let stormDone = false;
    void storm.then(() => (stormDone = true));
    await sleep(1_000); // past the storm's first second
    while (!stormDone) {
      const generations = await replicaStatus(DB, replicaUrl).catch(() => []);
      const lag = generations.length ? durationMs(generations[generations.length - 1].lag) : null;
      if (lag === null) unreadable++;
      else lags.push(lag);
      await sleep(250);
    }
    const result = await storm;
    const placed = Number(result.statusCodeStats?.['201']?.count ?? 0);
    await server.stop();
    // Litestream syncs what it has within its second, then the replica is restored.
    await sleep(2_500);
    await replication.stop();
    await restoreReplica(replicaUrl, RESTORED);
    const live = `SELECT count(*) FROM stays WHERE status IN ('hold','confirmed','in_place')`;
    const count = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(live).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const liveStays = count(DB);
    const restoredLiveStays = count(RESTORED);
    lags.sort((a, b) => a - b);
    const lagMs = lags.length ? { median: percentile(lags, 50), p90: percentile(lags, 90), max: lags[lags.length - 1] } : null;
    log(
      `storm ${durationS} s: ${placed.toLocaleString('en-US')} placed; replica lag over ${lags.length} samples (every 250 ms): ` +
        (lagMs ? `median ${Math.round(lagMs.median)} ms, p90 ${Math.round(lagMs.p90)} ms, max ${Math.round(lagMs.max)} ms` : 'none read') +
        (unreadable ? ` (${unreadable} unreadable)` : '') +
        `; restored after the storm: ${restoredLiveStays} of ${liveStays} live stays`
    );
    return { durationS, placed, samples: lags.length, unreadable, lagMs, liveStays, restoredLiveStays };
  } finally {
    await server.stop();
    await replication.stop();
  }
}
