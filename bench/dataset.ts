// Bench datasets: SQLite files with the real migrations (through openDatabase) and bulk rows.
// Sites, units, households, stays and blocks are written with raw prepared INSERTs inside one
// transaction; the overlap triggers stay on, and each unit's stays are inserted in date order so
// that the trigger's probe of the (unit_id, end_date, start_date) index touches only the last rows.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../db/client.ts';
import { createAccountWithToken } from '../src/services/accounts.ts';
import type { Actor } from '../src/services/actor.ts';

export const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayOf(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
}

const isoCache = new Map<number, string>();
export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) isoCache.set(day, (s = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  return s;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same dataset. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every 14-night window of a calendar, shuffled (seeded). */
export function windowsOf(span: { from: string; to: string }, nights = 14, seed = 7): { from: string; to: string }[] {
  const first = dayOf(span.from);
  const last = dayOf(span.to) - nights;
  const out: { from: string; to: string }[] = [];
  for (let d = first; d <= last; d++) out.push({ from: isoOf(d), to: isoOf(d + nights) });
  const rand = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The placement storm's workload, one request body a call: a random unit among `unitIds`, 1–5 nights
 * in 2027, a new household each time ('varied': 1–2 adults and 0–2 children; 'one adult'). The
 * placement rows, the replica's lag, the A/B of two checkouts and the scale bench all use it, so
 * their figures are of the same workload.
 */
export function placementBodies(unitIds: readonly string[], seed: number, label: string, household: 'varied' | 'one adult'): () => string {
  const rand = rng(seed);
  const yearStart = dayOf('2027-01-01');
  const yearEnd = dayOf('2028-01-01');
  let n = 0;
  return () => {
    const nights = 1 + Math.floor(rand() * 5);
    const start = yearStart + Math.floor(rand() * (yearEnd - yearStart - nights + 1));
    const unitId = unitIds[Math.floor(rand() * unitIds.length)];
    const people = household === 'varied' ? { adults: 1 + Math.floor(rand() * 2), children: Math.floor(rand() * 3) } : { adults: 1, children: 0 };
    return JSON.stringify({ unitId, start: isoOf(start), end: isoOf(start + nights), programme: 'emergency', household: { label: `${label} ${++n}`, ...people } });
  };
}

export interface DatasetSpec {
  units: number;
  staysPerUnit: number;
  /** First night of the window the timelines are built around. */
  windowFrom: string;
  /** Today, for the statuses: stays ended before it are ended/cancelled/no_show. */
  today: string;
  seed: number;
  /**
   * Where each unit's timeline lies: 'ending' (the default) ends between 2 weeks before and 6 weeks
   * after `windowFrom`; 'centred' puts half of it before `windowFrom` and half after, so a window
   * in the middle has as many bookings ahead of it as behind.
   */
  layout?: 'ending' | 'centred';
  /** Short stays (1–6 nights, small gaps: about 3 days a slot) instead of 1–15 nights with gaps up to 5. */
  shortStays?: boolean;
}

export interface DatasetInfo {
  path: string;
  reused: boolean;
  generationMs: number | null;
  counts: { sites: number; units: number; stays: number; blocks: number; households: number };
  adminAccountId: string;
  /** The first night and the departure date of the whole calendar (stays and blocks). */
  span: { from: string; to: string };
}

const COMMUNES = ['Lunel', 'Marsillargues', 'Lunel-Viel', 'Saint-Just', 'Mauguio', 'Baillargues', 'Vérargues', 'Saturargues'];
const KINDS = ['apartment', 'hotel', 'residence', 'private'] as const;
const PROGRAMME_SETS = ['["emergency"]', '["emergency","dv_protocol"]', '["social_residence"]', '["housing_mission","social_residence"]', '["dv_protocol"]'];

function counts(db: Db) {
  const c = (t: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { sites: c('sites'), units: c('units'), stays: c('stays'), blocks: c('blocks'), households: c('households') };
}

function spanOf(db: Db): { from: string; to: string } {
  return db.$client.prepare(`SELECT min(start_date) AS "from", max(end_date) AS "to" FROM (SELECT start_date, end_date FROM stays UNION ALL SELECT start_date, end_date FROM blocks)`).get() as {
    from: string;
    to: string;
  };
}

function adminOf(db: Db): string {
  const row = db.$client.prepare(`SELECT id FROM accounts WHERE role = 'admin' ORDER BY created_at LIMIT 1`).get() as { id: string } | undefined;
  if (!row) throw new Error('no admin account in the dataset');
  return row.id;
}

/**
 * Returns the dataset at `path`, generating it (into `path`.tmp, renamed when complete) when absent.
 * Per unit, `staysPerUnit` stays back to back or with gaps, ending somewhere between 2 weeks before
 * and 6 weeks after the window's first night, so the window holds a mix of free and busy nights.
 */
export function ensureDataset(path: string, spec: DatasetSpec, log: (s: string) => void = () => {}): DatasetInfo {
  if (existsSync(path)) {
    const db = openDatabase(path, { synchronous: 'NORMAL' });
    try {
      let generationMs: number | null = null;
      try {
        generationMs = (JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { generationMs: number }).generationMs;
      } catch {
        /* generated by an older bench */
      }
      return { path, reused: true, generationMs, counts: counts(db), adminAccountId: adminOf(db), span: spanOf(db) };
    } finally {
      db.$client.close();
    }
  }
  const tmp = `${path}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const db = openDatabase(tmp, { synchronous: 'NORMAL' });
  const sqlite = db.$client;
  const admin = createAccountWithToken(db, { name: 'bench admin', role: 'admin' });
  // For the bulk load only, into a file that is renamed once complete: journal in memory, no fsync, and a
  // page cache large enough that no page is spilled and rewritten mid-transaction. WAL comes back after.
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1048576');
  const rand = rng(spec.seed);
  const idTail = randomUUID().slice(-12);
  const now = Date.now();
  const today = dayOf(spec.today);
  const windowDay = dayOf(spec.windowFrom);

  const insSite = sqlite.prepare(`INSERT INTO sites (id, name, commune, address, confidential, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insUnit = sqlite.prepare(
    `INSERT INTO units (id, seq, site_id, name, capacity, typology, accessible, programmes, nightly_cost_cents, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`
  );
  const insHousehold = sqlite.prepare(`INSERT INTO households (id, label, pseudonym, adults, children, needs, confidential, created_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?)`);
  const insStay = sqlite.prepare(
    `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, hold_expires_at, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  );
  const insBlock = sqlite.prepare(`INSERT INTO blocks (id, unit_id, start_date, end_date, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);

    // Stay and household ids are UUID-shaped but increasing: appending to the primary-key index is
  // ~2x faster than random v4 ids in a bulk load, and reads never look a stay up by id.
  let serial = 0;
  const orderedId = () => `${(++serial).toString(16).padStart(8, '0')}-0000-4000-8000-${idTail}`;
  const householdCount = Math.max(100, Math.min(20_000, spec.units * 10));
  const unitsPerSite = 10;
  let stays = 0;
  let blocks = 0;
  sqlite.transaction(() => {
    const households: string[] = [];
    for (let i = 0; i < householdCount; i++) {
      const id = orderedId();
      households.push(id);
      insHousehold.run(id, `Ménage bench ${i}`, `Bench ${i.toString(36).toUpperCase()}`, 1 + Math.floor(rand() * 3), Math.floor(rand() * 4), rand() < 0.1 ? 1 : 0, now);
    }
    let siteId = '';
    for (let u = 0; u < spec.units; u++) {
      if (u % unitsPerSite === 0) {
        siteId = randomUUID();
        const s = u / unitsPerSite;
        insSite.run(siteId, `Site ${s + 1}`, COMMUNES[s % COMMUNES.length], `${s + 1} rue du Banc d'essai`, rand() < 0.1 ? 1 : 0, KINDS[s % KINDS.length], now);
      }
      const unitId = randomUUID();
      insUnit.run(unitId, u + 1, siteId, `Logement ${u + 1}`, 1 + Math.floor(rand() * 6), rand() < 0.5 ? 'T2' : null, rand() < 0.2 ? 1 : 0, PROGRAMME_SETS[u % PROGRAMME_SETS.length], rand() < 0.5 ? 3500 : null, now);

      // The unit's timeline: lengths skewed short (1–15 nights), half of them back to back.
      // About 3 % of units also have one block (works) among their last few slots.
      const blockAt = rand() < 0.03 ? spec.staysPerUnit - Math.floor(rand() * 3) : -1;
      const slots = spec.staysPerUnit + (blockAt >= 0 ? 1 : 0);
      const lengths: number[] = [];
      const gaps: number[] = [];
      let span = 0;
      for (let i = 0; i < slots; i++) {
        const len = spec.shortStays ? 1 + Math.floor(rand() * rand() * 6) : 1 + Math.floor(rand() * rand() * 15);
        const gap = rand() < 0.5 ? 0 : spec.shortStays ? 1 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 5);
        lengths.push(len);
        gaps.push(gap);
        span += len + gap;
      }
      const lastEnd = spec.layout === 'centred' ? windowDay + Math.floor(span / 2) - 7 + Math.floor(rand() * 14) : windowDay - 14 + Math.floor(rand() * 56);
      let cursor = lastEnd - span;
      for (let i = 0; i < slots; i++) {
        cursor += gaps[i];
        const start = cursor;
        const end = cursor + lengths[i];
        cursor = end;
        if (i === blockAt) {
          insBlock.run(randomUUID(), unitId, isoOf(start), isoOf(end), 'travaux (bench)', admin.accountId, now);
          blocks++;
          continue;
        }
        let status: string;
        let holdExpiresAt: number | null = null;
        const r = rand();
        if (end <= today) status = r < 0.9 ? 'ended' : r < 0.97 ? 'cancelled' : 'no_show';
        else if (start <= today) status = 'in_place';
        else if (r < 0.86) status = 'confirmed';
        else if (r < 0.93) status = 'cancelled';
        else {
          status = 'hold';
          // Half expired (no longer busy, not yet marked lapsed), half live for years.
          holdExpiresAt = r < 0.965 ? now - 3_600_000 : now + 5 * 365 * DAY_MS;
        }
        const created = (start - 10) * DAY_MS;
        insStay.run(orderedId(), unitId, households[(u * 7919 + i) % householdCount], 'emergency', isoOf(start), isoOf(end), status, holdExpiresAt, admin.accountId, created, created);
        stays++;
        if (stays % 200_000 === 0) log(`  … ${stays.toLocaleString('en')} stays`);
      }
    }
  })();
  sqlite.pragma('journal_mode = WAL');
  const info = { counts: counts(db), adminAccountId: admin.accountId, span: spanOf(db) };
  sqlite.close();
  renameSync(tmp, path);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const generationMs = performance.now() - t0;
  writeFileSync(`${path}.json`, JSON.stringify({ generationMs, spec, generatedAt: new Date().toISOString() }) + '\n');
  return { path, reused: false, generationMs, ...info };
}

/** A fresh database (deleted first) with `n` units serving the emergency programme, and no stay. */
export function freshUnitsDb(path: string, n: number): { adminAccountId: string } {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(path, { synchronous: 'NORMAL' });
  const sqlite = db.$client;
  const admin = createAccountWithToken(db, { name: 'bench admin', role: 'admin' });
  const insSite = sqlite.prepare(`INSERT INTO sites (id, name, commune, address, confidential, kind) VALUES (?, ?, 'Lunel', '1 place de la Mairie', 0, 'apartment')`);
  const insUnit = sqlite.prepare(`INSERT INTO units (id, seq, site_id, name, capacity, programmes) VALUES (?, ?, ?, ?, 6, '["emergency","dv_protocol"]')`);
  sqlite.transaction(() => {
    let siteId = '';
    for (let u = 0; u < n; u++) {
      if (u % 10 === 0) insSite.run((siteId = randomUUID()), `Site ${u / 10 + 1}`);
      insUnit.run(randomUUID(), u + 1, siteId, `Logement ${u + 1}`);
    }
  })();
  sqlite.close();
  return { adminAccountId: admin.accountId };
}

/** Makes tokens on an existing dataset (before its server starts). */
export function makeTokens(path: string, partners = 0): { admin: string; partner: string; partners: string[]; adminActor: Actor } {
  const db = openDatabase(path, { synchronous: 'NORMAL' });
  try {
    const a = createAccountWithToken(db, { name: 'bench admin token', role: 'admin' });
    const p = createAccountWithToken(db, { name: 'bench partner token', role: 'partner', organisation: 'Bench partners' });
    // Pollers of as many organisations: each its own token, each its own rate-limit key.
    const many = Array.from({ length: partners }, (_, i) => createAccountWithToken(db, { name: `bench poller ${i}`, role: 'partner', organisation: `Bench partner ${i}` }).token);
    return { admin: a.token, partner: p.token, partners: many, adminActor: { accountId: a.accountId, role: 'admin', organisationId: null, ip: '127.0.0.1' } };
  } finally {
    db.$client.close();
  }
}
