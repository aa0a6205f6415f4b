// A/B of computed availability over HTTP between two checkouts of the repository (each with its
// node_modules), on the same machine at the same time: the bench's "computed" workload (admin, 10
// connections, every request a 14-night window the answer cache does not hold, on dataset B), rounds
// alternating A and B (the order flips each round), and the figure compared is the server's CPU per
// answer — answers/s move with whatever else the machine runs, CPU per answer much less.
// With AB_PROFILE_DIR=<dir>, each server writes a V8 CPU profile there (<side>-<round>.cpuprofile;
// summarise one with bench/profile-top.ts).
// Usage: tsx bench/availability-ab.ts <dir A> <dir B> [rounds=3] [seconds=10]
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { DATASET_B } from './config.ts';
import { ensureDataset, makeTokens, windowsOf } from './dataset.ts';
import { spawnServer, type BenchServer } from './proc.ts';
import { abRounds, cpuRatioLine } from './ab.ts';

const [dirA, dirB, roundsArg = '3', secondsArg = '10'] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: tsx bench/availability-ab.ts <dir A> <dir B> [rounds=3] [seconds=10]');
  process.exit(2);
}
const rounds = Number(roundsArg);
const seconds = Number(secondsArg);
const file = resolve(DATASET_B.file);
const today = new Date().toISOString().slice(0, 10);
const info = ensureDataset(file, { units: DATASET_B.units, staysPerUnit: DATASET_B.staysPerUnit, windowFrom: today, today, seed: DATASET_B.seed, layout: 'centred', shortStays: true }, console.log);
const tokens = makeTokens(file);
// The bench's keys (bench/run.ts, section 2): each window without and with persons=1, in turn.
const keys = windowsOf(info.span, 14, 11).flatMap((w) => [`/api/v1/availability?from=${w.from}&to=${w.to}`, `/api/v1/availability?from=${w.from}&to=${w.to}&persons=1`]);

interface Run {
  side: 'A' | 'B';
  cpuMsPerAnswer: number;
  answersPerSecond: number;
  p50: number;
  p99: number;
}

async function once(side: 'A' | 'B', dir: string, round: number): Promise<Run> {
  const cwd = process.cwd();
  const env: Record<string, string> = {};
  if (process.env.AB_PROFILE_DIR) env.BENCH_CPU_PROFILE = resolve(process.env.AB_PROFILE_DIR, `${side}-${round}.cpuprofile`);
  process.chdir(resolve(dir));
  let server: BenchServer;
  try {
    server = await spawnServer('bench/server.ts', [file, 'FULL'], env, 30_000);
  } finally {
    process.chdir(cwd);
  }
  try {
    let next = round * 997;
    const requests = [{ setupRequest: (req: object) => ({ ...req, path: keys[next++ % keys.length] }) }];
    const options = { url: server.url, connections: 10, headers: { authorization: `Bearer ${tokens.admin}` }, requests } as Parameters<typeof autocannon>[0];
    await autocannon({ ...options, duration: 2 }); // warm-up
    const cpu0 = server.cpuMs()!;
    const r = await autocannon({ ...options, duration: seconds });
    const cpu1 = server.cpuMs()!;
    const stats = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
    const total = Object.values(stats).reduce((a, b) => a + b, 0);
    if (total !== stats['200'] || r.errors) throw new Error(`${side}: answers other than 200: ${JSON.stringify(stats)}, ${r.errors} errors`);
    return { side, cpuMsPerAnswer: (cpu1 - cpu0) / total, answersPerSecond: total / r.duration, p50: r.latency.p50, p99: r.latency.p99 };
  } finally {
    await server.stop();
  }
}

const { median } = await abRounds({ A: dirA, B: dirB }, rounds, (side, dir, round) => once(side, dir, round), (r) => `${r.cpuMsPerAnswer.toFixed(3)} ms CPU per answer, ${Math.round(r.answersPerSecond)} answers/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
for (const [side, dir] of [['A', dirA], ['B', dirB]] as const) {
  console.log(`${side} (${dir}), medians of ${rounds}: ${median(side, 'cpuMsPerAnswer').toFixed(3)} ms CPU per answer, ${Math.round(median(side, 'answersPerSecond'))} answers/s, p50 ${median(side, 'p50')} ms, p99 ${median(side, 'p99')} ms`);
}
console.log(cpuRatioLine(median));
