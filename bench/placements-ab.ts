// A/B of the HTTP placement workload between two checkouts of the repository (each with its
// node_modules), on the same machine at the same time: rounds alternate A and B (the order flips
// each round), each on a fresh database, and the figure compared is the server's CPU per answer —
// req/s move with whatever else the machine runs, CPU per answer much less.
// Usage: tsx bench/placements-ab.ts <dir A> <dir B> [rounds=3] [seconds=5] [FULL|NORMAL]
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { OUT, PLACEMENT_UNITS } from './config.ts';
import { freshUnitsDb, makeTokens, placementBodies } from './dataset.ts';
import { spawnServer, type BenchServer } from './proc.ts';
import { abRounds, cpuRatioLine } from './ab.ts';

const [dirA, dirB, roundsArg = '3', secondsArg = '5', mode = 'FULL'] = process.argv.slice(2);
if (!dirA || !dirB || (mode !== 'FULL' && mode !== 'NORMAL')) {
  console.error('usage: tsx bench/placements-ab.ts <dir A> <dir B> [rounds=3] [seconds=5] [FULL|NORMAL]');
  process.exit(2);
}
const rounds = Number(roundsArg);
const seconds = Number(secondsArg);
mkdirSync(OUT, { recursive: true });

interface Run {
  side: 'A' | 'B';
  cpuMsPerAnswer: number;
  placedPerSecond: number;
  answersPerSecond: number;
  p99: number;
  refusedShare: number;
}

async function once(side: 'A' | 'B', dir: string, seed: number): Promise<Run> {
  const file = resolve(OUT, `placements-ab-${side}.sqlite`);
  freshUnitsDb(file, PLACEMENT_UNITS);
  const tokens = makeTokens(file);
  const ro = new Database(file, { readonly: true });
  const unitIds = (ro.prepare('SELECT id FROM units ORDER BY seq').all() as { id: string }[]).map((u) => u.id);
  ro.close();
  const cwd = process.cwd();
  process.chdir(resolve(dir));
  let server: BenchServer;
  try {
    server = await spawnServer('bench/server.ts', [file, mode], {}, 30_000);
  } finally {
    process.chdir(cwd);
  }
  try {
    // The bench's workload (bench/run.ts, section 3): random units, 1–5 nights in 2027.
    const body = placementBodies(unitIds, seed, 'Ménage bench', 'varied');
    const headers = { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' };
    const requests = [{ method: 'POST' as const, path: '/api/v1/stays', headers, setupRequest: (req: object) => ({ ...req, body: body() }) }];
    await autocannon({ url: server.url, connections: 20, duration: 1, requests }); // warm-up
    const cpu0 = server.cpuMs()!;
    const r = await autocannon({ url: server.url, connections: 20, duration: seconds, requests });
    const cpu1 = server.cpuMs()!;
    const stats = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
    const total = Object.values(stats).reduce((a, b) => a + b, 0);
    if (total !== (stats['201'] ?? 0) + (stats['409'] ?? 0)) throw new Error(`${side}: answers other than 201 and 409: ${JSON.stringify(stats)}`);
    return {
      side,
      cpuMsPerAnswer: (cpu1 - cpu0) / total,
      placedPerSecond: (stats['201'] ?? 0) / r.duration,
      answersPerSecond: total / r.duration,
      p99: r.latency.p99,
      refusedShare: (stats['409'] ?? 0) / total
    };
  } finally {
    await server.stop();
  }
}

const { median } = await abRounds({ A: dirA, B: dirB }, rounds, (side, dir, round) => once(side, dir, 42 + round), (r) => `${r.cpuMsPerAnswer.toFixed(3)} ms CPU per answer, ${Math.round(r.placedPerSecond)} placed/s, ${Math.round(r.answersPerSecond)} answers/s, p99 ${r.p99} ms, ${(r.refusedShare * 100).toFixed(0)} % 409`);
for (const [side, dir] of [['A', dirA], ['B', dirB]] as const) {
  console.log(`${side} (${dir}), medians of ${rounds}: ${median(side, 'cpuMsPerAnswer').toFixed(3)} ms CPU per answer, ${Math.round(median(side, 'placedPerSecond'))} placed/s, p99 ${median(side, 'p99')} ms`);
}
console.log(cpuRatioLine(median));
