// `npm run bench -- --only scale`: the same service at 1×, 10× and 100× the units of dataset B
// (500 → 5,000 → 50,000 units, 60 stays each: 30,000 → 300,000 → 3,000,000 stays), to see what
// grows with a territory and what breaks first. At each size:
// - availability over 14 nights, computed (a different window each call, nothing kept) and kept
//   (the same window again: what a poller costs), in process, for staff and for a partner;
// - the planning (31 nights, every unit, then one site) and tonight's board, computed after a write
//   (in process: the service's answer, not the page's HTML);
// - placements over HTTP with synchronous=FULL, 20 connections, random units among all of them,
//   1–5 nights in 2027 (section 3's workload, on the units that serve the emergency programme), on a
//   copy of the file;
// - the file's size and the server's peak RSS.
// SCALE_FACTORS=1,10 limits the sizes (default 1,10,100). The clock is fixed in this process at the
// window's first afternoon so that "tonight" falls inside the generated timelines.
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { openDatabase, type Db } from '../db/client.ts';
import { getAvailability, getAvailabilityAnswer } from '../src/services/availability.ts';
import { getPlanning } from '../src/services/planning.ts';
import { getTonight } from '../src/services/tonight.ts';
import { setClock } from '../src/services/clock.ts';
import { writeTransaction } from '../src/services/transaction.ts';
import type { Actor } from '../src/services/actor.ts';
import { OUT, WINDOW } from './config.ts';
import { dayOf, ensureDataset, isoOf, makeTokens, placementBodies } from './dataset.ts';
import { startServer } from './proc.ts';
import { percentile } from './stats.ts';

const BASE_UNITS = 500;
const STAYS_PER_UNIT = 60;
/** 14:00 in Paris on the window's first day: tonight is the window's first night. */
const CLOCK = Date.parse(`${WINDOW.from}T14:00:00+01:00`);

interface Timing {
  median: number;
  p95: number;
  runs: number;
}

/** Runs f at least `min` times and until `budgetMs` has passed (at most `max` times); ms per call. */
function timeIt(f: (i: number) => void, { min = 10, max = 300, budgetMs = 6_000, before }: { min?: number; max?: number; budgetMs?: number; before?: () => void } = {}): Timing {
  const t: number[] = [];
  const start = performance.now();
  for (let i = 0; i < max && (i < min || performance.now() - start < budgetMs); i++) {
    before?.();
    const t0 = performance.now();
    f(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { median: percentile(t, 50), p95: percentile(t, 95), runs: t.length };
}

export interface ScaleContext {
  log: (s?: string) => void;
  row: (measure: string, figure: string, target?: string, met?: boolean | null) => void;
  results: Record<string, unknown>;
}

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (t: Timing, d = 2) => `${fmt(t.median, d)} / ${fmt(t.p95, d)} ms`;

function inProcess(db: Db, admin: Actor, partner: Actor, duty: Actor, siteId: string) {
  const first = dayOf(WINDOW.from);
  // A different 14-night window each call (over 8 weeks around the dataset's window): nothing kept.
  const windowAt = (i: number) => ({ from: isoOf(first - 28 + (i % 56)), to: isoOf(first - 28 + (i % 56) + 14) });
  for (let i = 0; i < 3; i++) getAvailability(db, admin, windowAt(i)); // warm-up
  const computedStaff = timeIt((i) => getAvailability(db, admin, windowAt(i)));
  const computedPartner = timeIt((i) => getAvailability(db, partner, windowAt(i + 7)));
  getAvailabilityAnswer(db, partner, WINDOW);
  const kept = timeIt(() => getAvailabilityAnswer(db, partner, WINDOW), { min: 200, max: 5_000, budgetMs: 1_000 });
  // A write (a no-op transaction) before each call: the kept planning and board are computed again.
  const bump = () => writeTransaction(db, () => undefined);
  const planningAll = timeIt(() => getPlanning(db, duty, {}), { min: 5, max: 100, budgetMs: 8_000, before: bump });
  const planningSite = timeIt(() => getPlanning(db, duty, { siteId }), { min: 5, max: 100, budgetMs: 4_000, before: bump });
  const tonight = timeIt(() => getTonight(db, duty), { min: 5, max: 100, budgetMs: 6_000, before: bump });
  const answerBytes = JSON.stringify(getAvailability(db, admin, WINDOW)).length;
  const planningUnits = getPlanning(db, duty, {}).sites.reduce((n, s) => n + s.units.length, 0);
  return { computedStaff, computedPartner, kept, planningAll, planningSite, tonight, answerBytes, planningUnits };
}

async function placements(file: string, units: number) {
  const copy = `${OUT}/scale-placements.sqlite`;
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  copyFileSync(file, copy);
  const tokens = makeTokens(copy);
  const ro = new Database(copy, { readonly: true });
  // The units that serve the emergency programme (two in five of the generated ones).
  const unitIds = (ro.prepare(`SELECT id FROM units WHERE programmes LIKE '%"emergency"%' ORDER BY seq`).all() as { id: string }[]).map((u) => u.id);
  ro.close();
  if (unitIds.length < units / 5) throw new Error(`the copy has ${unitIds.length} emergency units of ${units}`);
  const server = await startServer(copy, 'FULL');
  try {
    const body = placementBodies(unitIds, 44, 'Ménage échelle', 'one adult');
    const headers = { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' };
    const cpu0 = server.cpuMs();
    const r = await autocannon({
      url: server.url,
      connections: 20,
      duration: 8,
      requests: [{ method: 'POST', path: '/api/v1/stays', headers, setupRequest: (req) => ({ ...req, body: body() }) }]
    });
    const cpu1 = server.cpuMs();
    const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
    const total = Object.values(codes).reduce((a, b) => a + b, 0);
    const placed = codes['201'] ?? 0;
    return {
      placedPerSecond: placed / r.duration,
      answersPerSecond: total / r.duration,
      codes,
      p50: r.latency.p50,
      p99: r.latency.p99,
      serverCpuMsPerAnswer: cpu0 !== null && cpu1 !== null && total ? (cpu1 - cpu0) / total : null,
      serverPeakRssMiB: server.peakRssMiB()
    };
  } finally {
    await server.stop();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  }
}

export async function scaleBench({ log, row, results }: ScaleContext): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const factors = (process.env.SCALE_FACTORS ?? '1,10,100').split(',').map(Number).filter((f) => f > 0);
  const out: Record<string, unknown>[] = [];
  results.scale = out;
  for (const factor of factors) {
    const units = BASE_UNITS * factor;
    log(`\n== Scale ×${factor}: ${int(units)} units, ${int(units * STAYS_PER_UNIT)} stays ==`);
    const file = `${OUT}/scale-${units}u-${STAYS_PER_UNIT}s.sqlite`;
    const info = ensureDataset(file, { units, staysPerUnit: STAYS_PER_UNIT, windowFrom: WINDOW.from, today: WINDOW.from, seed: 20270400 + factor }, (s) => log(s));
    const sizeMiB = statSync(file).size / 1024 ** 2;
    log(`dataset: ${info.path}, ${int(info.counts.units)} units, ${int(info.counts.stays)} stays, ${fmt(sizeMiB)} MiB (${info.reused ? 'reused' : `generated in ${fmt(info.generationMs! / 1000)} s`})`);

    // Accounts of each role for the in-process calls.
    makeTokens(file);
    const db = openDatabase(file);
    const ids = db.$client.prepare(`SELECT a.role, a.id, a.organisation_id AS org FROM accounts a WHERE a.name IN ('bench admin token', 'bench partner token') ORDER BY a.created_at DESC`).all() as { role: string; id: string; org: string | null }[];
    const admin: Actor = { accountId: ids.find((r) => r.role === 'admin')!.id, role: 'admin', organisationId: null, ip: null };
    const partner: Actor = { accountId: ids.find((r) => r.role === 'partner')!.id, role: 'partner', organisationId: ids.find((r) => r.role === 'partner')!.org, ip: null };
    const duty: Actor = { ...admin, role: 'duty_officer' };
    const siteId = db.$client.prepare('SELECT id FROM sites ORDER BY name LIMIT 1').pluck().get() as string;
    setClock(CLOCK);
    let p: ReturnType<typeof inProcess>;
    try {
      p = inProcess(db, admin, partner, duty, siteId);
    } finally {
      setClock(null);
      db.$client.close();
    }
    log(`availability computed, staff (14 nights, a new window each call): median ${ms(p.computedStaff)} p95 [${p.computedStaff.runs} runs]; answer ${int(p.answerBytes)} bytes`);
    log(`availability computed, partner: ${ms(p.computedPartner)}; kept (same window, a poller): ${ms(p.kept, 4)}`);
    log(`planning computed (31 nights, ${int(p.planningUnits)} units): ${ms(p.planningAll)}; one site: ${ms(p.planningSite)}; tonight's board: ${ms(p.tonight)}`);
    const pl = await placements(file, units);
    log(
      `placements over HTTP (FULL, 20 conn, 8 s): ${int(pl.placedPerSecond)} placed/s, ${int(pl.answersPerSecond)} answers/s ` +
        `[${Object.entries(pl.codes).map(([k, v]) => `${k}×${v}`).join(', ')}], p50 ${pl.p50} ms, p99 ${pl.p99} ms` +
        (pl.serverCpuMsPerAnswer === null ? '' : `, server CPU ${fmt(pl.serverCpuMsPerAnswer, 2)} ms per answer`) +
        (pl.serverPeakRssMiB === null ? '' : `, peak RSS ${fmt(pl.serverPeakRssMiB)} MiB`)
    );
    const x = `×${factor} (${int(units)} units)`;
    row(`scale ${x}: availability computed, staff / partner (median / p95)`, `${ms(p.computedStaff)} ; ${ms(p.computedPartner)}`);
    row(`scale ${x}: availability kept (a poller's answer), median`, `${fmt(p.kept.median, 4)} ms`);
    row(`scale ${x}: planning (every unit / one site), tonight's board, computed (medians)`, `${fmt(p.planningAll.median)} / ${fmt(p.planningSite.median, 2)} ms, ${fmt(p.tonight.median)} ms`);
    row(`scale ${x}: placements FULL, 20 conn: placed/s, p99`, `${int(pl.placedPerSecond)} /s, ${pl.p99} ms`);
    out.push({ factor, units, stays: info.counts.stays, sizeMiB, generationMs: info.generationMs, reused: info.reused, ...p, placements: pl });
  }
}
