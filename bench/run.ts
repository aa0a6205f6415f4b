// npm run bench: availability in process against the raw single-SQL query, HTTP availability,
// HTTP placements with synchronous=FULL, pages rendered on the server (planning, tonight), peak RSS;
// a table with the machine, and bench/out/results.json.
// `npm run bench -- --only web` runs the pages alone (and writes bench/out/results-web.json);
// `--only mission` the housing mission's matching alone (bench/out/results-mission.json);
// `--only reports` the activity report over five years of history alone (bench/out/results-reports.json);
// `--only availability` availability alone, in process, against the calendar's size and over HTTP
// (bench/out/results-availability.json);
// `--only placements` the HTTP placements alone (bench/out/results-placements.json). With `--cpu-prof`,
// the placement servers write V8 CPU profiles under bench/out/profiles/ (open them in Chrome's DevTools);
// `--only replica` the replica's lag under the placement storm alone (bench/out/results-replica.json);
// `--only scale` availability, placements and the pages at 10× and 100× the units (bench/scale.ts,
// bench/out/results-scale.json; not part of the full run).
import os from 'node:os';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import autocannon, { type Result } from 'autocannon';
import { openDatabase, type Db } from '../db/client.ts';
import { findConflicts } from '../db/queries/stays.ts';
import { getAvailability, getAvailabilityAnswer, MAX_CACHED } from '../src/services/availability.ts';
import type { Actor } from '../src/services/actor.ts';
import { CALENDAR_SIZES, DATASET_B, OUT, PLACEMENTS_DB, PLACEMENT_UNITS, WINDOW } from './config.ts';
import { type DatasetInfo, dayOf, ensureDataset, freshUnitsDb, isoOf, makeTokens, placementBodies, rng, windowsOf } from './dataset.ts';
import { spawnServer, startServer, type BenchServer } from './proc.ts';
import { createUser } from '../src/services/accounts.ts';
import { missionMatching } from './mission.ts';
import { REPORT_YEAR, reportsBench } from './reports.ts';
import { planningTableHtml } from './planning-html.ts';
import { getPlanning } from '../src/services/planning.ts';
import { percentile } from './stats.ts';
import { replicaLag } from './replica-lag.ts';
import { scaleBench } from './scale.ts';

const log = (s = '') => console.log(s);
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const today = new Date().toISOString().slice(0, 10);
const startedAt = performance.now();
const only = process.argv.indexOf('--only');
const onlyWhat = only >= 0 ? process.argv[only + 1] : null;
const ONLY = ['web', 'mission', 'reports', 'placements', 'availability', 'replica', 'scale'];
if (onlyWhat !== null && !ONLY.includes(onlyWhat)) {
  console.error(`usage: npm run bench [-- --only ${ONLY.join('|')}] [--cpu-prof]`);
  process.exit(2);
}
/** `--cpu-prof`: the placement servers write a V8 CPU profile each (bench/out/profiles/). */
const cpuProf = process.argv.includes('--cpu-prof');
/** `--only web`: the pages rendered on the server, alone. */
const onlyWeb = onlyWhat === 'web';

interface Row {
  measure: string;
  figure: string;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const row = (measure: string, figure: string, target = '—', met: boolean | null = null) => rows.push({ measure, figure, target, met });


function machine() {
  const sqlite = new Database(':memory:');
  const version = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    sqlite: version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
    cpuPressureAtStart: cpuPressure(),
    fsync: fsyncProbe()
  };
}

/** Share of the last 60 s in which some runnable task waited for a CPU (Linux PSI), in %. */
function cpuPressure(): number | null {
  try {
    const m = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The disk's commit latency as SQLite's synchronous=FULL sees it: a 4 KiB write then fsync, 100 times. */
function fsyncProbe(): { medianMs: number; p90Ms: number } {
  const path = `${OUT}/fsync-probe.bin`;
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 7);
  const ts: number[] = [];
  try {
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      writeSync(fd, block, 0, block.length, (i % 16) * 4096);
      fsyncSync(fd);
      ts.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  ts.sort((a, b) => a - b);
  return { medianMs: percentile(ts, 50), p90Ms: percentile(ts, 90) };
}

function datasetLine(name: string, info: DatasetInfo) {
  const c = info.counts;
  const how = info.reused ? `reused from cache${info.generationMs === null ? '' : `; generated in ${fmt(info.generationMs / 1000)} s when created`}` : `generated in ${fmt(info.generationMs! / 1000)} s`;
  log(`${name}: ${info.path} — ${int(c.units)} units, ${int(c.stays)} stays, ${int(c.blocks)} blocks (${how})`);
}

// ---------------------------------------------------------------------------------------------
// 1. In-process availability, computed (a different window each time) and cached, against the
//    fastest raw single-SQL query; then the cost against the size of the calendar
// ---------------------------------------------------------------------------------------------

/**
 * The baseline: the fastest correct single statement we could write for the same question (is each
 * night of [@f, @t) free on each active unit?). It reads the window's rows from the calendar's
 * interval index (blocks, stays in place or confirmed, holds not expired) and sums, per unit, a
 * bit mask of the busy nights: those rows never share a night of a unit (the overlap triggers), so
 * the sum is their union. @f, @t: day numbers; the window is at most 30 nights here.
 */
const RAW_SQL = `
WITH busy AS MATERIALIZED (
  SELECT c.unit_lo AS seq, sum((1 << (min(c.last_night + 1, @t) - @f)) - (1 << (max(c.first_night, @f) - @f))) AS nights
    FROM calendar_index c
   WHERE c.first_night < @t AND c.last_night >= @f AND c.kind_lo <= 3 AND (c.kind_lo < 3 OR c.hold_until > @now)
   GROUP BY c.unit_lo
)
SELECT u.seq, u.capacity, coalesce(b.nights, 0) AS busy
  FROM units u LEFT JOIN busy b ON b.seq = u.seq
 WHERE u.active = 1`;

/**
 * For reference only: the busy intervals of a window as the service read them before the interval
 * index, through the (unit_id, end_date, start_date) indexes: each unit's seek on end_date > from
 * walks every later stay of the unit, so the cost grows with the bookings ahead of the window.
 */
const BEFORE_INDEX_SQL = `
WITH busy AS (
  SELECT unit_id, start_date, end_date FROM stays
   WHERE status IN ('hold','confirmed','in_place') AND (status <> 'hold' OR hold_expires_at > @now)
     AND start_date < @to AND end_date > @from
  UNION ALL
  SELECT unit_id, start_date, end_date FROM blocks WHERE start_date < @to AND end_date > @from
)
SELECT u.id, u.seq, b.start_date, b.end_date
  FROM units u LEFT JOIN busy b ON b.unit_id = u.id
 WHERE u.active = 1
 ORDER BY u.seq`;

/** For reference only: a placement's conflict look-up before the interval index. */
const BEFORE_INDEX_CONFLICTS_SQL = `
SELECT start_date AS start, end_date AS end, 'stay' AS kind FROM stays
 WHERE unit_id = @unit AND status IN ('hold','confirmed','in_place') AND (status <> 'hold' OR hold_expires_at > @now)
   AND start_date < @to AND end_date > @from
UNION ALL
SELECT start_date, end_date, 'block' FROM blocks WHERE unit_id = @unit AND start_date < @to AND end_date > @from
ORDER BY start`;

/** Wall time and CPU time (user + system of this process) of one call, in ms. */
function timed(f: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

interface Timing {
  median: number;
  p95: number;
  cpuPerCall: number;
  n: number;
}

function summarise(samples: { wall: number; cpu: number }[]): Timing {
  const walls = samples.map((s) => s.wall).sort((x, y) => x - y);
  return { median: percentile(walls, 50), p95: percentile(walls, 95), cpuPerCall: samples.reduce((a, s) => a + s.cpu, 0) / samples.length, n: samples.length };
}

const msf = (t: Timing, d = 2) => `${fmt(t.median, d)} ms (p95 ${fmt(t.p95, d)}; CPU ${fmt(t.cpuPerCall, d)} ms a call)`;

/** Dataset B: 500 units, ~117,000 stays over two years centred on the day it was made. */
function ensureDatasetB(): DatasetInfo {
  return ensureDataset(
    DATASET_B.file,
    { units: DATASET_B.units, staysPerUnit: DATASET_B.staysPerUnit, windowFrom: today, today, seed: DATASET_B.seed, layout: 'centred', shortStays: true },
    (s) => log(s)
  );
}

/** The raw statement's answer: free units per night, and each unit's free nights as bits. */
function rawAnswer(raw: Database.Statement, w: { from: string; to: string }, now: number) {
  const f = dayOf(w.from);
  const n = dayOf(w.to) - f;
  const free = new Array<number>(n).fill(0);
  const bySeq = new Map<number, number>();
  for (const [seq, , busy] of raw.iterate({ f, t: f + n, now }) as IterableIterator<[number, number, number]>) {
    bySeq.set(seq, busy);
    for (let i = 0; i < n; i++) if (((busy >> i) & 1) === 0) free[i]++;
  }
  return { free, bySeq };
}

/** Whether the service and the raw statement agree: nightly free counts, and unit by unit, night by night. */
function agreement(db: Db, admin: Actor, raw: Database.Statement, w: { from: string; to: string }, now: number) {
  const answer = getAvailability(db, admin, w);
  const r = rawAnswer(raw, w, now);
  const serviceFree = answer.nights.map((x) => x.freeUnits);
  const nightly = serviceFree.length === r.free.length && serviceFree.every((v, i) => v === r.free[i]);
  const seqOf = new Map((db.$client.prepare('SELECT id, seq FROM units').all() as { id: string; seq: number }[]).map((u) => [u.id, u.seq]));
  const first = dayOf(w.from);
  let cells = 0;
  let mismatches = answer.units.length === r.bySeq.size ? 0 : Math.abs(answer.units.length - r.bySeq.size) * serviceFree.length;
  for (const u of answer.units) {
    let bits = 0;
    for (const fr of u.free) for (let d = dayOf(fr.start); d < dayOf(fr.end); d++) bits |= 1 << (d - first);
    const busy = r.bySeq.get(seqOf.get(u.unitId)!);
    for (let i = 0; i < serviceFree.length; i++) {
      cells++;
      if (busy === undefined || ((bits >> i) & 1) === ((busy >> i) & 1)) mismatches++;
    }
  }
  return { nightly, cells, mismatches, serviceFree, rawFree: r.free };
}

async function inProcess(): Promise<void> {
  log('\n== 1. In-process availability: 500 units × 14 nights anywhere in two years (~117,000 stays) ==');
  const info = ensureDatasetB();
  datasetLine('dataset B', info);
  results.datasetB = info;
  if (info.generationMs !== null) row(`dataset B generation (500 units, ${int(info.counts.stays)} stays)${info.reused ? ', when the cached file was made' : ''}`, `${fmt(info.generationMs / 1000)} s`);

  const db = openDatabase(DATASET_B.file); // the service's defaults: WAL, synchronous=FULL
  const admin: Actor = { accountId: info.adminAccountId, role: 'admin', organisationId: null, ip: '127.0.0.1' };
  const raw = db.$client.prepare(RAW_SQL).raw(true);
  const windows = windowsOf(info.span);
  log(`calendar: ${info.span.from} to ${info.span.to}; ${int(windows.length)} distinct 14-night windows`);

  // Agreement, on 40 windows spread over the calendar.
  const now = Date.now();
  let agreeAll = true;
  let cells = 0;
  let mismatches = 0;
  for (const w of windows.slice(0, 40)) {
    const a = agreement(db, admin, raw, w, now);
    cells += a.cells;
    mismatches += a.mismatches;
    agreeAll &&= a.nightly && a.mismatches === 0;
  }
  const fixed = agreement(db, admin, raw, WINDOW, now);
  log(`nightly free units on ${WINDOW.from} – ${WINDOW.to} (service): ${fixed.serviceFree.join(' ')}`);
  log(`nightly free units on ${WINDOW.from} – ${WINDOW.to} (raw SQL): ${fixed.rawFree.join(' ')}`);
  log(`agreement on 40 windows: ${agreeAll ? `✓ nightly counts and all ${int(cells)} unit-nights agree` : `✗ MISMATCH (${mismatches} unit-nights differ)`}`);

  // Computed: each round a window not asked before; the service (getAvailability, which computes
  // every time) and the raw statement on the same window, in alternating order.
  for (let i = 0; i < 10; i++) {
    getAvailability(db, admin, windows[i]);
    rawAnswer(raw, windows[i], Date.now());
  }
  const a: { wall: number; cpu: number }[] = [];
  const b: { wall: number; cpu: number }[] = [];
  const t0 = performance.now();
  for (let i = 0; i < windows.length && (i < 60 || performance.now() - t0 < 20_000); i++) {
    const w = windows[i];
    const service = () => timed(() => getAvailability(db, admin, w));
    const baseline = () => timed(() => rawAnswer(raw, w, Date.now()));
    if (i % 2 === 0) {
      a.push(service());
      b.push(baseline());
    } else {
      b.push(baseline());
      a.push(service());
    }
  }
  // Cached: the same window asked again (the answer kept per connection, as the server keeps it).
  getAvailabilityAnswer(db, admin, WINDOW);
  const c: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 2000; i++) c.push(timed(() => getAvailabilityAnswer(db, admin, WINDOW)));
  db.$client.close();
  const computed = summarise(a);
  const rawT = summarise(b);
  const cached = summarise(c);
  const ratio = computed.median / rawT.median;
  log(`computed, a different window each time (${computed.n} windows):`);
  log(`  (a) service getAvailability: median ${msf(computed)}`);
  log(`  (b) raw single SQL:          median ${msf(rawT)}`);
  log(`  ratio (a)/(b) of medians: ${fmt(ratio, 2)}×`);
  log(`cached, the same window again: getAvailabilityAnswer median ${msf(cached, 3)}`);
  results.inProcess = { computed, raw: rawT, cached, ratio, agreement: { windows: 40, cells, mismatches, agree: agreeAll, fixed } };
  row('in-process availability, COMPUTED (a new window each time): service median', `${fmt(computed.median, 2)} ms (p95 ${fmt(computed.p95, 2)}; CPU ${fmt(computed.cpuPerCall, 2)} ms an answer)`, '≤ 5 ms', computed.median <= 5);
  row('in-process availability, computed: raw single SQL median', `${fmt(rawT.median, 2)} ms (p95 ${fmt(rawT.p95, 2)}; CPU ${fmt(rawT.cpuPerCall, 2)} ms)`);
  row('service ÷ raw SQL, computed (medians)', `${fmt(ratio, 2)}×`, '≤ 1.3×', ratio <= 1.3);
  row('in-process availability, CACHED (the same window again): median', `${fmt(cached.median, 3)} ms (CPU ${fmt(cached.cpuPerCall, 3)} ms)`);
  row('service and raw SQL agree (40 windows: nightly counts, every unit-night)', agreeAll ? '✓' : `✗ ${mismatches} unit-nights differ`, 'agree', agreeAll);
}

/**
 * The no-overlap guarantee itself: a one-night stay inserted on a night a live stay or a block already
 * covers, refused by the trigger's look-up through the index (nothing written: the statement aborts).
 * The nights are those of the window that the conflict look-up finds taken, every hold counted.
 */
function refusedInserts(db: Db, unitIds: string[], repeat: (f: (i: number) => unknown, n: number) => Timing): Timing {
  const c = db.$client;
  const household = c.prepare('SELECT id FROM households LIMIT 1').pluck().get() as string;
  const account = c.prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as string;
  const taken: [string, string, string][] = [];
  const first = dayOf(WINDOW.from);
  for (const unit of unitIds)
    for (let d = first; d < first + 14; d++) if (findConflicts(db, unit, isoOf(d), isoOf(d + 1), 0).length) taken.push([unit, isoOf(d), isoOf(d + 1)]);
  const insert = c.prepare(
    `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by, created_at, updated_at)
     VALUES (?, ?, ?, 'emergency', ?, ?, 'confirmed', ?, 0, 0)`
  );
  let accepted = 0;
  c.exec('BEGIN');
  try {
    return repeat((i) => {
      const [unit, start, end] = taken[(i * 7919) % taken.length];
      try {
        insert.run(`refused-${i}`, unit, household, start, end, account);
        accepted++;
      } catch {
        // refused: what is measured
      }
    }, 5000);
  } finally {
    c.exec('ROLLBACK');
    if (accepted) throw new Error(`${accepted} overlapping inserts were accepted`);
  }
}

/**
 * The floor under a 304 (bench/bare-304-server.ts): a bare node:http server sending the given
 * headers with every 304, under the same load as the real one (10 connections, 5 s, warmed up).
 */
async function bare304(headers: Record<string, string>, path: string, requestHeaders: Record<string, string>): Promise<Awaited<ReturnType<typeof load>>> {
  const bare = await spawnServer('bench/bare-304-server.ts', [], { BENCH_304_HEADERS: JSON.stringify(headers) }, 30_000);
  try {
    await autocannon({ url: bare.url + path, connections: 10, duration: 1, headers: requestHeaders });
    return await load(bare, { url: bare.url + path, connections: 10, duration: 5, headers: requestHeaders });
  } finally {
    await bare.stop();
  }
}

/** The cost against the size of the calendar: 500 units, 10,000 to 1,000,000 stays, the same window. */
async function calendarSizes(): Promise<void> {
  log(`\n== 1b. Cost against the size of the calendar: 500 units, the same window ${WINDOW.from} – ${WINDOW.to} in the middle ==`);
  const lines: Record<string, unknown>[] = [];
  for (const size of CALENDAR_SIZES) {
    const info = ensureDataset(
      size.file,
      { units: size.units, staysPerUnit: size.staysPerUnit, windowFrom: WINDOW.from, today, seed: size.seed, layout: 'centred' },
      (s) => log(s)
    );
    datasetLine(`calendar ${int(info.counts.stays)} stays`, info);
    const db = openDatabase(size.file);
    try {
      const admin: Actor = { accountId: info.adminAccountId, role: 'admin', organisationId: null, ip: '127.0.0.1' };
      const raw = db.$client.prepare(RAW_SQL).raw(true);
      const before = db.$client.prepare(BEFORE_INDEX_SQL).raw(true);
      const beforeConflicts = db.$client.prepare(BEFORE_INDEX_CONFLICTS_SQL);
      const unitIds = db.$client.prepare('SELECT id FROM units ORDER BY seq').pluck().all() as string[];
      const now = Date.now();
      const repeat = (f: (i: number) => unknown, n: number) => {
        for (let i = 0; i < Math.min(10, n); i++) f(i);
        const out: { wall: number; cpu: number }[] = [];
        const t0 = performance.now();
        for (let i = 0; i < n && (i < 20 || performance.now() - t0 < 5_000); i++) out.push(timed(() => f(i)));
        return summarise(out);
      };
      const service = repeat(() => getAvailability(db, admin, WINDOW), 200);
      const rawT = repeat(() => rawAnswer(raw, WINDOW, now), 200);
      const beforeT = repeat(() => before.all({ from: WINDOW.from, to: WINDOW.to, now }), 100);
      const conflict = repeat((i) => findConflicts(db, unitIds[(i * 7919) % unitIds.length], WINDOW.from, WINDOW.to, now), 5000);
      const conflictBefore = repeat((i) => beforeConflicts.all({ unit: unitIds[(i * 7919) % unitIds.length], from: WINDOW.from, to: WINDOW.to, now }), 5000);
      const refusal = refusedInserts(db, unitIds, repeat);
      const line = { stays: info.counts.stays, service, raw: rawT, beforeIndex: beforeT, conflict, conflictBefore, refusal };
      lines.push(line);
      log(
        `${int(info.counts.stays).padStart(9)} stays: service ${fmt(service.median, 2)} ms, raw ${fmt(rawT.median, 2)} ms, before the index ${fmt(beforeT.median, 2)} ms; ` +
          `conflict check ${fmt(conflict.median * 1000, 0)} µs (before the index ${fmt(conflictBefore.median * 1000, 0)} µs); ` +
          `an overlapping insert refused by the database ${fmt(refusal.median * 1000, 0)} µs`
      );
      row(
        `calendar of ${int(info.counts.stays)} stays, 500 units × 14 nights: service / raw SQL / before the index (medians)`,
        `${fmt(service.median, 2)} / ${fmt(rawT.median, 2)} / ${fmt(beforeT.median, 2)} ms`
      );
      row(`calendar of ${int(info.counts.stays)} stays: a placement's conflict check (index seeks) / as before the interval index (medians)`, `${fmt(conflict.median * 1000, 0)} / ${fmt(conflictBefore.median * 1000, 0)} µs`);
      row(`calendar of ${int(info.counts.stays)} stays: an overlapping insert refused by the database's trigger (median)`, `${fmt(refusal.median * 1000, 0)} µs`);
    } finally {
      db.$client.close();
    }
  }
  results.calendarSizes = lines;
  const first = lines[0] as { conflict: Timing; service: Timing; refusal: Timing };
  const last = lines[lines.length - 1] as { conflict: Timing; service: Timing; refusal: Timing };
  const growth = last.conflict.median / first.conflict.median;
  row(`a placement's conflict check: ${int((lines[lines.length - 1] as { stays: number }).stays)} ÷ ${int((lines[0] as { stays: number }).stays)} stays (medians)`, `${fmt(growth, 2)}×`, '≤ 1.5×', growth <= 1.5);
  const refusalGrowth = last.refusal.median / first.refusal.median;
  row(`an overlapping insert refused by the trigger (through the R*Tree): ${int((lines[lines.length - 1] as { stays: number }).stays)} ÷ ${int((lines[0] as { stays: number }).stays)} stays (medians)`, `${fmt(refusalGrowth, 2)}×`);
  row(`availability, service: ${int((lines[lines.length - 1] as { stays: number }).stays)} ÷ ${int((lines[0] as { stays: number }).stays)} stays (medians)`, `${fmt(last.service.median / first.service.median, 2)}×`);
}

// ---------------------------------------------------------------------------------------------
// 2. HTTP availability
// ---------------------------------------------------------------------------------------------

/** Runs autocannon against a server and also reads the server's CPU time spent per answer. */
async function load(server: BenchServer, options: Parameters<typeof autocannon>[0]) {
  const cpu0 = server.cpuMs();
  const r = await autocannon(options);
  const cpu1 = server.cpuMs();
  const s = summary(r);
  return { ...s, serverCpuMsPerAnswer: cpu0 !== null && cpu1 !== null && s.total ? (cpu1 - cpu0) / s.total : null, serverCpuShare: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / (r.duration * 1000) : null };
}

const cpuNote = (s: { serverCpuMsPerAnswer: number | null; serverCpuShare: number | null }) =>
  s.serverCpuMsPerAnswer === null ? '' : `; server CPU ${fmt(s.serverCpuMsPerAnswer, 2)} ms per answer (${fmt(s.serverCpuShare! * 100, 0)} % of one core)`;

function summary(r: Result) {
  const total = Object.values(r.statusCodeStats ?? {}).reduce((s, c) => s + Number(c.count), 0);
  return {
    perSecond: total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)])),
    errors: r.errors,
    timeouts: r.timeouts,
    durationS: r.duration,
    bytesPerSecond: r.throughput.average
  };
}

const codes = (s: ReturnType<typeof summary>) => Object.entries(s.statusCodes).map(([k, v]) => `${k}×${int(v)}`).join(', ') + (s.errors ? `, ${s.errors} errors` : '');

async function httpAvailability(): Promise<void> {
  log('\n== 2. HTTP availability: 500 units × 14 nights, 10 connections, computed and cached ==');
  const info = ensureDatasetB();
  datasetLine('dataset B', info);
  results.datasetB = info;
  const tokens = makeTokens(DATASET_B.file, 50);
  // The partner limit (120 a minute by default) would answer 429 within a second: raised for the bench.
  const server = await startServer(DATASET_B.file, 'FULL', { PARTNER_RATE_LIMIT: '1000000' });
  try {
    const path = `/api/v1/availability?from=${WINDOW.from}&to=${WINDOW.to}`;
    const adminHeaders = { authorization: `Bearer ${tokens.admin}` };
    const partnerHeaders = { authorization: `Bearer ${tokens.partner}` };
    const full = await fetch(server.url + path, { headers: adminHeaders });
    const fullBody = await full.text();
    if (full.status !== 200) throw new Error(`availability answered ${full.status}: ${fullBody.slice(0, 300)}`);
    const partner = await fetch(server.url + path, { headers: partnerHeaders });
    const partnerBody = await partner.text();
    const etag = partner.headers.get('etag');
    if (partner.status !== 200 || !etag) throw new Error(`partner availability answered ${partner.status} without an ETag`);
    const check304 = await fetch(server.url + path, { headers: { ...partnerHeaders, 'if-none-match': etag } });
    if (check304.status !== 304) throw new Error(`If-None-Match with the current ETag answered ${check304.status}, not 304`);
    log(`admin answer: ${int(fullBody.length)} bytes, ${(JSON.parse(fullBody) as { units: unknown[] }).units.length} units; partner answer: ${int(partnerBody.length)} bytes; ETag → 304 ✓`);

    // COMPUTED: every request a 14-night window anywhere in the calendar's two years that the answer
    // cache does not hold. The keys (each window, without and with persons=1, which keeps every
    // unit: the same work) come round in a fixed order; between two requests of one key more than
    // MAX_CACHED others are answered, and the cache is emptied whenever it holds MAX_CACHED.
    const keys = windowsOf(info.span, 14, 11).flatMap((w) => [`/api/v1/availability?from=${w.from}&to=${w.to}`, `/api/v1/availability?from=${w.from}&to=${w.to}&persons=1`]);
    if (keys.length <= MAX_CACHED) throw new Error(`only ${keys.length} distinct keys: the cache (${MAX_CACHED}) could answer repeats`);
    let nextKey = 0;
    const computedRequests = [{ setupRequest: (req: { path?: string }) => ({ ...req, path: keys[nextKey++ % keys.length] }) }];
    await autocannon({ url: server.url, connections: 10, duration: 2, headers: adminHeaders, requests: computedRequests } as Parameters<typeof autocannon>[0]); // warm-up
    const computed = await load(server, { url: server.url, connections: 10, duration: 10, headers: adminHeaders, requests: computedRequests } as Parameters<typeof autocannon>[0]);
    log(`admin, COMPUTED (a window not in the cache each time, ${int(keys.length)} keys in turn) (10 s): ${int(computed.perSecond)} req/s, p50 ${computed.p50} ms, p99 ${computed.p99} ms, max ${computed.max} ms [${codes(computed)}]${cpuNote(computed)}`);
    // CACHED: the same window again and again (the answer kept per connection).
    await autocannon({ url: server.url + path, connections: 10, duration: 2, headers: adminHeaders }); // warm-up
    const admin = await load(server, { url: server.url + path, connections: 10, duration: 10, headers: adminHeaders });
    log(`admin, CACHED (the same window each time) (10 s): ${int(admin.perSecond)} req/s, p50 ${admin.p50} ms, p99 ${admin.p99} ms, max ${admin.max} ms [${codes(admin)}]${cpuNote(admin)}`);
    const partner200 = await load(server, { url: server.url + path, connections: 10, duration: 5, headers: partnerHeaders });
    log(`partner, full answers (5 s): ${int(partner200.perSecond)} req/s, p50 ${partner200.p50} ms, p99 ${partner200.p99} ms [${codes(partner200)}]${cpuNote(partner200)}`);
    const partner304 = await load(server, { url: server.url + path, connections: 10, duration: 5, headers: { ...partnerHeaders, 'if-none-match': etag } });
    log(`partner, If-None-Match → 304 (5 s): ${int(partner304.perSecond)} req/s, p50 ${partner304.p50} ms, p99 ${partner304.p99} ms [${codes(partner304)}]${cpuNote(partner304)}`);
    const floor304 = await bare304(Object.fromEntries([...check304.headers].filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k))), path, { ...partnerHeaders, 'if-none-match': etag });
    log(`the floor: a bare node:http server answering the same 304 (5 s): ${int(floor304.perSecond)} req/s [${codes(floor304)}]${cpuNote(floor304)}`);
    // 50 partner tokens polling at once, one connection each: full answers, then If-None-Match.
    const pollers = (ifNoneMatch: string | null) => {
      let next = 0;
      return load(server, {
        url: server.url + path,
        connections: 50,
        duration: 5,
        requests: [
          {
            setupRequest: (req: { headers?: Record<string, string> }) => ({
              ...req,
              headers: { ...req.headers, authorization: `Bearer ${tokens.partners[next++ % tokens.partners.length]}`, ...(ifNoneMatch && { 'if-none-match': ifNoneMatch }) }
            })
          }
        ]
      } as Parameters<typeof autocannon>[0]);
    };
    const poll200 = await pollers(null);
    log(`50 partner tokens, full answers (5 s): ${int(poll200.perSecond)} req/s, p50 ${poll200.p50} ms, p99 ${poll200.p99} ms [${codes(poll200)}]${cpuNote(poll200)}`);
    const poll304 = await pollers(etag);
    log(`50 partner tokens, If-None-Match → 304 (5 s): ${int(poll304.perSecond)} req/s, p50 ${poll304.p50} ms, p99 ${poll304.p99} ms [${codes(poll304)}]${cpuNote(poll304)}`);
    const rss = server.peakRssMiB();
    log(`server peak RSS: ${rss === null ? 'n/a' : `${fmt(rss)} MiB`}`);
    results.httpAvailability = { bytes: { admin: fullBody.length, partner: partnerBody.length }, computed, distinctKeys: keys.length, admin, partner200, partner304, floor304, poll200, poll304, serverPeakRssMiB: rss };

    const computed200 = computed.statusCodes['200'] === computed.total && computed.errors === 0;
    row('HTTP availability, COMPUTED (a new window each time), admin, 10 conn: answers/s', int(computed.perSecond) + (computed200 ? '' : ` (not all 200: ${codes(computed)})`), '≥ 300/s', computed.perSecond >= 300 && computed200);
    row('HTTP availability, COMPUTED, 10 conn: p50 / p99', `${computed.p50} / ${computed.p99} ms`, 'p99 ≤ 50 ms', computed.p99 <= 50);
    row('HTTP availability, COMPUTED: server CPU per answer', computed.serverCpuMsPerAnswer === null ? 'n/a' : `${fmt(computed.serverCpuMsPerAnswer, 2)} ms`);
    const only200 = admin.statusCodes['200'] === admin.total && admin.errors === 0;
    row('HTTP availability, CACHED (the same window again), admin, 10 conn: req/s', int(admin.perSecond) + (only200 ? '' : ` (not all 200: ${codes(admin)})`), '≥ 1,500 req/s', admin.perSecond >= 1500 && only200);
    row('HTTP availability, CACHED, admin, 10 conn: p99', `${admin.p99} ms`, '≤ 25 ms', admin.p99 <= 25);
    row('HTTP availability, CACHED, admin: server CPU per answer', admin.serverCpuMsPerAnswer === null ? 'n/a' : `${fmt(admin.serverCpuMsPerAnswer, 2)} ms`);
    row('HTTP availability, partner, full 200: req/s / p99', `${int(partner200.perSecond)} / ${partner200.p99} ms`);
    row('HTTP availability, partner, 304 (If-None-Match): req/s / p99', `${int(partner304.perSecond)} / ${partner304.p99} ms`);
    row('HTTP availability, server CPU per answer: 200 vs 304 (partner)', partner304.serverCpuMsPerAnswer === null ? 'n/a' : `${fmt(partner200.serverCpuMsPerAnswer!, 2)} vs ${fmt(partner304.serverCpuMsPerAnswer, 2)} ms`);
    const polled200 = poll200.statusCodes['200'] === poll200.total;
    row('HTTP availability, 50 partner tokens polling: req/s / p99', `${int(poll200.perSecond)} / ${poll200.p99} ms` + (polled200 ? '' : ` (${codes(poll200)})`), 'p99 ≤ 50 ms', poll200.p99 <= 50 && polled200);
    row('HTTP availability, 50 partner tokens, 304: req/s / p99', `${int(poll304.perSecond)} / ${poll304.p99} ms`);
    // A poll that finds nothing changed is answered before the framework (src/http/not-modified.ts).
    const cpuRatio = (a: typeof poll200, b: typeof poll304) => (a.serverCpuMsPerAnswer && b.serverCpuMsPerAnswer !== null ? b.serverCpuMsPerAnswer / a.serverCpuMsPerAnswer : null);
    const ratioOne = cpuRatio(partner200, partner304);
    row('HTTP availability, one partner: server CPU per 304 ÷ per full answer', ratioOne === null ? 'n/a' : `${fmt(ratioOne, 2)}×`, '≤ 0.25×', ratioOne !== null && ratioOne <= 0.25);
    const floorRatio = cpuRatio(partner200, floor304);
    row(
      '… the floor: a bare node:http server answering the same 304 (no framework, token, database or rate limit): server CPU, and ÷ the full answer',
      floor304.serverCpuMsPerAnswer === null || floorRatio === null ? 'n/a' : `${fmt(floor304.serverCpuMsPerAnswer, 3)} ms, ${fmt(floorRatio, 2)}×`
    );
    const ratio = cpuRatio(poll200, poll304);
    row('HTTP availability, 50 pollers: server CPU per 304 ÷ per full answer', ratio === null ? 'n/a' : `${fmt(ratio, 2)}×`, '≤ 0.25×', ratio !== null && ratio <= 0.25);
    row('peak RSS, availability server', rss === null ? 'n/a' : `${fmt(rss)} MiB`);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. HTTP placements with synchronous=FULL
// ---------------------------------------------------------------------------------------------

async function placements(mode: 'FULL' | 'NORMAL', durationS: number) {
  const file = mode === 'FULL' ? PLACEMENTS_DB : PLACEMENTS_DB.replace('.sqlite', '-normal.sqlite');
  freshUnitsDb(file, PLACEMENT_UNITS);
  const tokens = makeTokens(file);
  const ro = new Database(file, { readonly: true });
  const unitIds = (ro.prepare('SELECT id FROM units ORDER BY seq').all() as { id: string }[]).map((u) => u.id);
  ro.close();
  const statsFile = `${file}.groups.json`;
  rmSync(statsFile, { force: true });
  const server = await startServer(file, mode, { BENCH_STATS_FILE: statsFile, ...(cpuProf && { BENCH_CPU_PROFILE: `${OUT}/profiles/placements-${mode}.cpuprofile` }) });
  try {
    const body = placementBodies(unitIds, 42, 'Ménage bench', 'varied');
    const headers = { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' };
    const probe = await fetch(`${server.url}/api/v1/stays`, { method: 'POST', headers, body: body() });
    if (probe.status !== 201) throw new Error(`a placement answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    const s = await load(server, {
      url: server.url,
      connections: 20,
      duration: durationS,
      requests: [{ method: 'POST', path: '/api/v1/stays', headers, setupRequest: (req) => ({ ...req, body: body() }) }]
    });
    const rss = server.peakRssMiB();
    await server.stop();

    const db = new Database(file, { readonly: true });
    const live = `status IN ('hold','confirmed','in_place')`;
    const overlaps = (
      db
        .prepare(
          `SELECT count(*) AS n FROM stays a JOIN stays b
             ON b.unit_id = a.unit_id AND a.id < b.id AND a.start_date < b.end_date AND b.start_date < a.end_date
           WHERE a.${live} AND b.${live}`
        )
        .get() as { n: number }
    ).n;
    const liveStays = (db.prepare(`SELECT count(*) AS n FROM stays WHERE ${live}`).get() as { n: number }).n;
    db.close();
    const placed = s.statusCodes['201'] ?? 0;
    const refused = s.statusCodes['409'] ?? 0;
    // Group commit: placements (201 and 409 alike, the probe included) per COMMIT over the server's life.
    let groups: { groups: number; writes: number } | null = null;
    try {
      groups = JSON.parse(readFileSync(statsFile, 'utf8')) as { groups: number; writes: number };
    } catch {
      /* the server did not write it */
    }
    return { mode, ...s, placed, refused, other: s.total - placed - refused, placedPerSecond: placed / s.durationS, liveStays, overlaps, serverPeakRssMiB: rss, groups };
  } finally {
    await server.stop();
  }
}

async function httpPlacements(): Promise<void> {
  log(`\n== 3. HTTP placements: ${PLACEMENT_UNITS} units, 20 connections, random units and 1–5 nights in 2027 ==`);
  const describe = (p: Awaited<ReturnType<typeof placements>>) => {
    // Requests still in flight when autocannon stops are answered and committed after it counted.
    const unanswered = p.liveStays - p.placed - 1;
    log(`synchronous=${p.mode} (${fmt(p.durationS, 0)} s): ${codes(p)}; ${int(p.placedPerSecond)} placed/s, ${int(p.perSecond)} answers/s, p50 ${p.p50} ms, p99 ${p.p99} ms, max ${p.max} ms${cpuNote(p)}`);
    if (p.groups?.groups) log(`  group commit: ${int(p.groups.writes)} placements in ${int(p.groups.groups)} transactions (${fmt(p.groups.writes / p.groups.groups, 1)} a COMMIT on average)`);
    log(`  live stays in the file: ${int(p.liveStays)} = 201 answers + 1 probe + ${unanswered} committed after autocannon stopped (≤ 20 in flight: ${unanswered >= 0 && unanswered <= 20 ? '✓' : '✗'}); overlapping live pairs: ${p.overlaps}; server peak RSS ${p.serverPeakRssMiB === null ? 'n/a' : `${fmt(p.serverPeakRssMiB)} MiB`}`);
  };
  const full = await placements('FULL', 10);
  describe(full);
  results.httpPlacements = full;
  row('HTTP placements, FULL, 20 conn: placed (201) per s', `${int(full.placedPerSecond)} (${int(full.placed)} placed, ${int(full.refused)} × 409${full.other ? `, ${full.other} other` : ''})`, '≥ 1,000 placed/s', full.placedPerSecond >= 1000 && full.other === 0);
  row('HTTP placements, FULL, 20 conn: all answers per s', int(full.perSecond));
  row('HTTP placements, FULL, 20 conn: p99', `${full.p99} ms`, '≤ 50 ms', full.p99 <= 50);
  row('HTTP placements, FULL: server CPU per answer', full.serverCpuMsPerAnswer === null ? 'n/a' : `${fmt(full.serverCpuMsPerAnswer, 2)} ms`);
  row('HTTP placements, FULL: placements per COMMIT (group commit)', full.groups?.groups ? fmt(full.groups.writes / full.groups.groups, 1) : 'n/a');
  row('overlapping live stays after the FULL storm', String(full.overlaps), '0', full.overlaps === 0);
  row('peak RSS, placements server', full.serverPeakRssMiB === null ? 'n/a' : `${fmt(full.serverPeakRssMiB)} MiB`);

  // For comparison only (no target): the same storm with synchronous=NORMAL, which skips the fsync per commit.
  const normal = await placements('NORMAL', 5);
  describe(normal);
  results.httpPlacementsNormal = normal;
  row('(comparison) placements, NORMAL, 20 conn: placed/s / p99', `${int(normal.placedPerSecond)} / ${normal.p99} ms`);
  row('(comparison) overlapping live stays after the NORMAL storm', String(normal.overlaps), '0', normal.overlaps === 0);
}

// ---------------------------------------------------------------------------------------------
// The replica's lag under the placement storm (bench/replica-lag.ts)
// ---------------------------------------------------------------------------------------------

async function replicaLagUnderStorm(): Promise<void> {
  log(`\n== The replica's lag: Litestream to a file replica during a placement storm (${PLACEMENT_UNITS} units, 20 connections, FULL) ==`);
  const r = await replicaLag(log);
  results.replicaLag = r;
  const lag = r.lagMs;
  row(
    "replica's lag under the placement storm (litestream generations every 250 ms): median / max",
    lag ? `${int(lag.median)} / ${int(lag.max)} ms (${r.samples} samples, ${int(r.placed)} placed)` : 'not read',
    '≤ 1 s (all but the last second)',
    lag !== null && lag.max <= 1000
  );
  row('replica restored after the storm: live stays', `${int(r.restoredLiveStays)} of ${int(r.liveStays)}`, 'all', r.restoredLiveStays === r.liveStays);
}

// ---------------------------------------------------------------------------------------------
// 4. Pages rendered on the server: the planning (100 units × 31 nights) and tonight
// ---------------------------------------------------------------------------------------------

const WEB_DB = `${OUT}/web-pages-100u.sqlite`;
const WEB_UNITS = 100;
const WEB_EMAIL = 'bench.astreinte@bench.lunel.fr';
const WEB_PASSWORD = 'bench-astreinte-2026';

/** The whole service with the SvelteKit build (bench/web-server.ts), in its own process. */
function startWebServer(dbPath: string): Promise<BenchServer> {
  return spawnServer('bench/web-server.ts', [dbPath, 'FULL'], {}, 60_000);
}

/** Signs in through the real form (as a browser would post it) and returns the session cookie. */
async function signInCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: WEB_EMAIL, password: WEB_PASSWORD, suite: '' }).toString()
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (res.status !== 303 || !cookie) throw new Error(`signing in answered ${res.status} without a session cookie`);
  return cookie.split(';', 1)[0];
}

async function webPages(): Promise<void> {
  log(`\n== 4. Pages rendered on the server: planning (${WEB_UNITS} units × 31 nights) and tonight, 10 connections ==`);
  // The window is tonight's: the dataset is built around today, so it is made afresh each run (< 1 s).
  for (const f of [WEB_DB, `${WEB_DB}-wal`, `${WEB_DB}-shm`, `${WEB_DB}.json`]) rmSync(f, { force: true });
  const info = ensureDataset(WEB_DB, { units: WEB_UNITS, staysPerUnit: 60, windowFrom: today, today, seed: 20270304 }, (s) => log(s));
  datasetLine('dataset W', info);
  results.datasetWeb = info;
  const setup = openDatabase(WEB_DB, { synchronous: 'NORMAL' });
  try {
    await createUser(setup, { email: WEB_EMAIL, role: 'duty_officer', password: WEB_PASSWORD, name: 'Astreinte (bench)' });
  } finally {
    setup.$client.close();
  }
  const server = await startWebServer(WEB_DB);
  try {
    const cookie = await signInCookie(server.url);
    const headers = { cookie, accept: 'text/html' };
    const measures: Record<string, unknown> = {};
    for (const [name, path] of [
      ['planning', '/planning'],
      ['planning table, hand-written string', '/bench/planning-table'],
      ['tonight', '/']
    ] as const) {
      const first = await fetch(server.url + path, { headers, redirect: 'manual' });
      const html = await first.text();
      const rowsShown = (html.match(/scope="row"/g) ?? []).length;
      const bars = (html.match(/href="\/sejours\//g) ?? []).length;
      const grid = name.startsWith('planning');
      log(`${name} (GET ${path}): ${first.status}, ${int(html.length)} bytes${grid ? `, ${rowsShown} unit rows, ${bars} stay bars` : ''}`);
      if (name !== 'planning' && grid && rowsShown !== WEB_UNITS) throw new Error(`the hand-written table has ${rowsShown} unit rows, not ${WEB_UNITS}`);
      if (name === 'planning' && (first.status !== 200 || rowsShown !== WEB_UNITS)) {
        throw new Error(`the planning answered ${first.status} with ${rowsShown} unit rows, not ${WEB_UNITS}: ${html.slice(0, 300)}`);
      }
      if (first.status !== 200) log(`  (the ${name} page is not there yet: measured anyway, it answers ${first.status})`);
      await autocannon({ url: server.url + path, connections: 10, duration: 2, headers }); // warm-up
      const s = await load(server, { url: server.url + path, connections: 10, duration: 10, headers });
      log(`${name}, 10 conn (10 s): ${int(s.perSecond)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms [${codes(s)}]${cpuNote(s)}`);
      measures[name] = { status: first.status, bytes: html.length, unitRows: rowsShown, stayBars: bars, ...s };
      const only200 = s.statusCodes['200'] === s.total && s.errors === 0;
      if (name === 'planning') {
        row(`page /planning (${WEB_UNITS} units × 31 nights), 10 conn: p99`, `${s.p99} ms${only200 ? '' : ` (not all 200: ${codes(s)})`}`, '≤ 100 ms', s.p99 <= 100 && only200);
        row('page /planning, 10 conn: req/s / p50', `${int(s.perSecond)} / ${s.p50} ms`);
      } else if (grid) {
        row('(yardstick) the same table as one hand-written string, bare document, 10 conn: req/s / p50 / p99', `${int(s.perSecond)} / ${s.p50} / ${s.p99} ms${only200 ? '' : ` (not all 200: ${codes(s)})`}`);
      } else {
        row('page / (tonight), 10 conn: req/s / p50 / p99', `${int(s.perSecond)} / ${s.p50} / ${s.p99} ms${only200 ? '' : ` (not all 200: ${codes(s)})`}`);
      }
      row(`page ${path}: server CPU per answer`, s.serverCpuMsPerAnswer === null ? 'n/a' : `${fmt(s.serverCpuMsPerAnswer, 2)} ms`);
    }
    // In this process, on the same file: the service's answer (kept between calls, as in the server)
    // and the table written as one template string from it, without HTTP.
    const db = openDatabase(WEB_DB, { synchronous: 'NORMAL' });
    try {
      const id = db.$client.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get(WEB_EMAIL) as string;
      const actor = { accountId: id, role: 'duty_officer' as const, organisationId: null };
      const times = (f: () => unknown, n: number) => {
        for (let i = 0; i < 20; i++) f();
        const t: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          f();
          t.push(performance.now() - t0);
        }
        t.sort((a, b) => a - b);
        return { median: percentile(t, 50), p95: percentile(t, 95) };
      };
      const service = times(() => getPlanning(db, actor), 300);
      const table = times(() => planningTableHtml(getPlanning(db, actor), 'fr'), 300);
      log(`in process: getPlanning (kept answer) median ${fmt(service.median, 3)} ms; the table as one string median ${fmt(table.median, 2)} ms, p95 ${fmt(table.p95, 2)} ms (${int(planningTableHtml(getPlanning(db, actor), 'fr').length)} bytes)`);
      row('(yardstick) in process: the planning table as one hand-written string (median / p95)', `${fmt(table.median, 2)} / ${fmt(table.p95, 2)} ms`);
      measures.inProcess = { serviceMs: service, tableStringMs: table };
    } finally {
      db.$client.close();
    }
    const rss = server.peakRssMiB();
    log(`web server peak RSS: ${rss === null ? 'n/a' : `${fmt(rss)} MiB`}`);
    row('peak RSS, web server (pages)', rss === null ? 'n/a' : `${fmt(rss)} MiB`);
    results.webPages = { ...measures, serverPeakRssMiB: rss };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

function table(): string {
  const head = { measure: 'measure', figure: 'figure', target: 'target', met: 'met?' };
  const lines = rows.map((r) => ({ measure: r.measure, figure: r.figure, target: r.target, met: r.met === null ? '—' : r.met ? 'yes' : 'NO' }));
  const w = (k: keyof typeof head) => Math.max(head[k].length, ...lines.map((l) => l[k].length));
  const fmtLine = (l: typeof head) => `| ${l.measure.padEnd(w('measure'))} | ${l.figure.padEnd(w('figure'))} | ${l.target.padEnd(w('target'))} | ${l.met.padEnd(w('met'))} |`;
  const sep = `|${'-'.repeat(w('measure') + 2)}|${'-'.repeat(w('figure') + 2)}|${'-'.repeat(w('target') + 2)}|${'-'.repeat(w('met') + 2)}|`;
  return [fmtLine(head), sep, ...lines.map(fmtLine)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The housing mission's matching
// ---------------------------------------------------------------------------------------------

async function mission(): Promise<void> {
  log('\n== The housing mission: ranked applicants for one offer, 5,000 applicants ==');
  const r = missionMatching(log);
  results.mission = r;
  log(`(a) service matchesForOffer: median ${fmt(r.serviceMs.median, 2)} ms, p95 ${fmt(r.serviceMs.p95, 2)} ms (${r.iterations} runs)`);
  log(`(b) raw single SQL:          median ${fmt(r.rawMs.median, 2)} ms, p95 ${fmt(r.rawMs.p95, 2)} ms`);
  row('mission matching, 5,000 applicants, service with reasons (median / p95)', `${fmt(r.serviceMs.median, 2)} / ${fmt(r.serviceMs.p95, 2)} ms`);
  row('mission matching, raw single SQL, ids only (median / p95)', `${fmt(r.rawMs.median, 2)} / ${fmt(r.rawMs.p95, 2)} ms`);
  row('mission matching: service and raw SQL rank the same applicants in the same order', r.agree ? `✓ (${r.matched} matched)` : '✗', 'agree', r.agree);
}

// ---------------------------------------------------------------------------------------------
// The activity report
// ---------------------------------------------------------------------------------------------

async function reports(): Promise<void> {
  log('\n== The activity report: one year out of five years of history, 100 units, ~20,000 stays ==');
  const r = reportsBench(log);
  results.reports = r;
  log(`(a) service activityReport ${REPORT_YEAR.from} – ${REPORT_YEAR.to}: median ${fmt(r.serviceMs.median, 2)} ms, p95 ${fmt(r.serviceMs.p95, 2)} ms (${r.iterations} runs)`);
  log(`(b) raw single SQL aggregate (household- and person-nights): median ${fmt(r.rawMs.median, 2)} ms, p95 ${fmt(r.rawMs.p95, 2)} ms`);
  row(`activity report, a year of 5 years (${int(r.stays)} stays, 100 units), service (median / p95)`, `${fmt(r.serviceMs.median, 1)} / ${fmt(r.serviceMs.p95, 1)} ms`, '≤ 300 ms', r.serviceMs.p95 <= 300);
  row(`the whole report (activity and every other section), a year of 5 years (median / p95)`, `${fmt(r.fullMs.median, 1)} / ${fmt(r.fullMs.p95, 1)} ms`, '≤ 300 ms', r.fullMs.p95 <= 300);
  row('activity report, raw single SQL aggregate of the nights (median / p95)', `${fmt(r.rawMs.median, 2)} / ${fmt(r.rawMs.p95, 2)} ms`);
  row('activity report: service and raw SQL count the same household- and person-nights', r.agree ? `✓ (${int(r.raw.householdNights)} / ${int(r.raw.personNights)})` : '✗', 'agree', r.agree);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const m = machine();
  results.machine = m;
  log(`machine: ${m.cpu}, ${m.cores} cores, ${fmt(m.memoryGiB)} GiB, Node ${m.node}, SQLite ${m.sqlite}, ${m.platform}`);
  log(`load average at start (1/5/15 min): ${m.loadAverageAtStart.map((x) => fmt(x, 2)).join(' / ')}; CPU pressure (PSI some, 60 s): ${m.cpuPressureAtStart ?? 'n/a'} %`);
  log(`disk: 4 KiB write + fsync median ${fmt(m.fsync.medianMs, 2)} ms, p90 ${fmt(m.fsync.p90Ms, 2)} ms (one fsync per commit under synchronous=FULL)`);

  const failures: string[] = [];
  const steps = [
    ['in-process availability', inProcess],
    ['calendar sizes', calendarSizes],
    ['HTTP availability', httpAvailability],
    ['HTTP placements', httpPlacements],
    ['replica lag', replicaLagUnderStorm],
    ['pages rendered on the server', webPages],
    ['mission matching', mission],
    ['activity report', reports],
    ['scale', () => scaleBench({ log, row, results })]
  ] as const;
  const wanted = (n: string) =>
    (onlyWhat === null && n !== 'scale') ||
    (onlyWhat === 'web' && n === 'pages rendered on the server') ||
    (onlyWhat === 'mission' && n === 'mission matching') ||
    (onlyWhat === 'reports' && n === 'activity report') ||
    (onlyWhat === 'placements' && n === 'HTTP placements') ||
    (onlyWhat === 'availability' && (n === 'in-process availability' || n === 'calendar sizes' || n === 'HTTP availability')) ||
    (onlyWhat === 'replica' && n === 'replica lag') ||
    (onlyWhat === 'scale' && n === 'scale');
  for (const [name, step] of steps.filter(([n]) => wanted(n))) {
    try {
      await step();
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
      row(name, `FAILED: ${(e as Error).message.split('\n')[0]}`, '—', false);
      console.error(e);
    }
  }

  const benchRss = process.resourceUsage().maxRSS / 1024;
  row('peak RSS, bench process (in-process availability, autocannon)', `${fmt(benchRss)} MiB`);
  results.benchPeakRssMiB = benchRss;
  const loadEnd = os.loadavg();
  const pressureEnd = cpuPressure();
  results.loadAverageAtEnd = loadEnd;
  results.cpuPressureAtEnd = pressureEnd;
  const elapsed = (performance.now() - startedAt) / 1000;
  results.elapsedSeconds = elapsed;

  log('\n== Results ==');
  log(`machine: ${m.cpu} · ${m.cores} cores · ${fmt(m.memoryGiB)} GiB RAM · Node ${m.node} · SQLite ${m.sqlite}`);
  log(`load average 1/5/15 min: start ${m.loadAverageAtStart.map((x) => fmt(x, 2)).join(' / ')}, end ${loadEnd.map((x) => fmt(x, 2)).join(' / ')}; CPU pressure (PSI some avg60): start ${m.cpuPressureAtStart ?? 'n/a'} %, end ${pressureEnd ?? 'n/a'} %`);
  log(`disk: 4 KiB write + fsync median ${fmt(m.fsync.medianMs, 2)} ms, p90 ${fmt(m.fsync.p90Ms, 2)} ms`);
  log(table());
  const missed = rows.filter((r) => r.met === false);
  log(missed.length ? `\nTargets missed: ${missed.map((r) => r.measure).join('; ')}` : '\nEvery target met.');
  log(`bench took ${fmt(elapsed)} s`);
  results.table = rows;
  results.missed = missed.map((r) => r.measure);
  // A partial run (--only web) keeps the full run's results.json as it was.
  const resultsFile = onlyWhat ? `${OUT}/results-${onlyWhat}.json` : `${OUT}/results.json`;
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  log(`written: ${resultsFile}`);
  if (failures.length) process.exitCode = 1;
}

await main();
