// Online backup and checked restore (docs/api.md, "Command line": backup FILE, restore FILE).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/client.ts';
import { backupDatabase, checkIntegrity, restoreDatabase, serverLockPath } from '../../src/services/backup.ts';
import { placeStay } from '../../src/services/stays.ts';
import type { Actor } from '../../src/services/actor.ts';
import { makeAccounts, makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';

const DAY_MS = 86_400_000;
const UNITS = 4;
/** Stays seeded before the backups: with their 1,900-character notes, a few hundred pages, so that
 * SQLite's online backup copies in several steps (100 pages a step) and placements run between them. */
const SEEDED = 150;
const NOTE = 'n'.repeat(1_900);

let t: TestDb;
let officer: Actor;
let units: string[];
let placed = 0;

function day(n: number): string {
  return new Date(Date.UTC(2027, 0, 1) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Places the next one-night stay of a sequence that never overlaps: unit by unit, night by night. */
function placeNext(db: Db): string {
  const n = placed++;
  return placeStay(db, officer, {
    unitId: units[n % UNITS],
    start: day(Math.floor(n / UNITS)),
    end: day(Math.floor(n / UNITS) + 1),
    programme: 'emergency',
    note: NOTE,
    household: { label: `Backup ${n}`, adults: 1, children: 0 }
  }).value.id;
}

type StayLine = { id: string; unitId: string; start: string; end: string; status: string };

/** The stays of a file, read-only (never migrating or converting the file). */
function staysOf(file: string): StayLine[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT id, unit_id AS unitId, start_date AS start, end_date AS end, status FROM stays ORDER BY id`).all() as StayLine[];
  } finally {
    db.close();
  }
}

/** Problems of consistency inside a copy: a stay without its event or audit entry, two live stays on one night. */
function inconsistencies(file: string): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return [
      ...db.prepare(`SELECT 'no place event' AS problem, s.id FROM stays s WHERE NOT EXISTS (SELECT 1 FROM stay_events e WHERE e.stay_id = s.id AND e.action = 'place')`).all(),
      ...db.prepare(`SELECT 'no audit entry' AS problem, s.id FROM stays s WHERE NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.entity = 'stay' AND a.entity_id = s.id)`).all(),
      ...db
        .prepare(
          `SELECT 'overlap' AS problem, a.id, b.id AS other FROM stays a JOIN stays b ON a.unit_id = b.unit_id AND a.id < b.id
           WHERE a.status IN ('hold','confirmed','in_place') AND b.status IN ('hold','confirmed','in_place')
             AND a.start_date < b.end_date AND b.start_date < a.end_date`
        )
        .all()
    ];
  } finally {
    db.close();
  }
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The bytes of a database and of its WAL, to show that a refused restore touched nothing. */
function snapshot(path: string): { main: string; wal: string | null } {
  return { main: digest(path), wal: existsSync(`${path}-wal`) ? digest(`${path}-wal`) : null };
}

/** A closed database of its own with one stay, to restore over. */
function makeTarget(): TestDb {
  const target = makeTestDb();
  const a = makeAccounts(target.db);
  const unit = makeUnit(target.db, a.admin.actor, { name: 'Target' });
  placeStay(target.db, a.duty_officer.actor, { unitId: unit, start: '2027-06-01', end: '2027-06-03', programme: 'emergency', household: { label: 'Target', adults: 1, children: 0 } });
  target.db.$client.close();
  return target;
}

const mode = (file: string) => statSync(file).mode & 0o777;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeAll(() => {
  t = makeTestDb();
  const accounts = makeAccounts(t.db);
  officer = accounts.duty_officer.actor;
  units = Array.from({ length: UNITS }, (_, i) => makeUnit(t.db, accounts.admin.actor, { name: `Backup ${i}`, programmes: ['emergency'] }));
  for (let i = 0; i < SEEDED; i++) placeNext(t.db);
});

afterAll(() => t?.cleanup());

describe('backupDatabase', () => {
  test('a backup taken while placements run is a sound, consistent copy, mode 0600, that holds the stays', async () => {
    expect.hasAssertions();
    const file = join(t.dir, 'during-placements.sqlite');
    const before = placed;
    let done = false;
    let batchesDuringBackup = 0;
    // Placements in batches through the backup's own connection, with the event loop turning between
    // batches, so that they land between the backup's steps.
    const writer = (async () => {
      while (!done) {
        for (let i = 0; i < 3; i++) placeNext(t.db);
        batchesDuringBackup++;
        await nextTick();
      }
    })();
    const result = await backupDatabase(t.db, file).finally(() => (done = true));
    await writer;

    expect(batchesDuringBackup).toBeGreaterThan(1);
    expect(result.pages).toBeGreaterThan(100);
    expect(existsSync(file)).toBe(true);
    expect(mode(file)).toBe(0o600);
    expect(checkIntegrity(file)).toEqual([]);
    expect(inconsistencies(file)).toEqual([]);
    const stays = staysOf(file);
    expect(stays.length).toBeGreaterThanOrEqual(before);
    expect(stays.length).toBeLessThanOrEqual(placed);
    // No temporary file is left beside it.
    expect(readdirSync(t.dir).filter((n) => n.endsWith('.backup-tmp'))).toEqual([]);
  });

  test('the copy is never readable by others, not even while it is being written', async () => {
    expect.hasAssertions();
    const file = join(t.dir, 'private.sqlite');
    const modesWhileWriting = new Set<string>();
    let done = false;
    // Looks at the folder between the backup's steps; an open descriptor keeps its access after a
    // later chmod, so a copy readable by others for a moment is readable by them for good.
    const watcher = (async () => {
      while (!done) {
        placeNext(t.db);
        for (const name of readdirSync(t.dir)) if (name.endsWith('.backup-tmp')) modesWhileWriting.add(mode(join(t.dir, name)).toString(8));
        await nextTick();
      }
    })();
    await backupDatabase(t.db, file).finally(() => (done = true));
    await watcher;
    expect(modesWhileWriting.size).toBeGreaterThan(0);
    expect([...modesWhileWriting]).toEqual(['600']);
    expect(mode(file)).toBe(0o600);
  });

  test('a backup leaves nothing beside it but the file itself, and checking it adds nothing (no temporary, -wal or -shm file)', async () => {
    expect.hasAssertions();
    const dir = join(t.dir, 'backups');
    mkdirSync(dir);
    const file = join(dir, 'nightly.sqlite');
    await backupDatabase(t.db, file);
    expect(readdirSync(dir)).toEqual(['nightly.sqlite']);
    expect(checkIntegrity(file)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['nightly.sqlite']);
  });

  test('a backup completes while another connection keeps placing stays (it does not restart forever)', async () => {
    expect.hasAssertions();
    const db2 = openDatabase(t.path, { synchronous: 'NORMAL' });
    const file = join(t.dir, 'beside-a-writer.sqlite');
    // The writer stops after this many batches at most: a backup that restarted at every commit
    // would outlast it.
    const maxBatches = 1_000;
    let backupDone = false;
    let batches = 0;
    // A second connection, as the server's beside the CLI's: each of its commits between two steps
    // of the backup makes SQLite start the copy again.
    const writer = (async () => {
      while (!backupDone && batches < maxBatches) {
        for (let i = 0; i < 3; i++) placeNext(db2);
        batches++;
        await nextTick();
      }
      return backupDone ? 'the backup finished while the writer ran' : 'the writer had to stop for the backup to finish';
    })();
    try {
      await backupDatabase(t.db, file).finally(() => (backupDone = true));
      const outcome = await writer;
      expect(checkIntegrity(file)).toEqual([]);
      expect(inconsistencies(file)).toEqual([]);
      expect(batches).toBeGreaterThan(0);
      expect(outcome).toBe('the backup finished while the writer ran');
    } finally {
      backupDone = true;
      await writer;
      db2.$client.close();
    }
  });
});

describe('restoreDatabase', () => {
  test('a backup restores into another path, which then opens with the same stays as the backup', async () => {
    expect.hasAssertions();
    const file = join(t.dir, 'to-restore.sqlite');
    await backupDatabase(t.db, file);
    const target = join(t.dir, 'restored', 'hebergement.sqlite');
    openDatabase(target).$client.close(); // the folder and a database exist, as on a machine in service
    restoreDatabase(file, target);
    expect(existsSync(`${target}-wal`) && statSync(`${target}-wal`).size > 0).toBe(false);
    const expected = staysOf(file);
    expect(expected.length).toBeGreaterThan(SEEDED - 1);
    const db = openDatabase(target);
    try {
      const restored = db.$client.prepare(`SELECT id, unit_id AS unitId, start_date AS start, end_date AS end, status FROM stays ORDER BY id`).all();
      expect(restored).toEqual(expected);
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.$client.close();
    }
    expect(mode(target)).toBe(0o600);
  });

  test('restore refuses a corrupt file and leaves the database untouched', async () => {
    expect.hasAssertions();
    const good = join(t.dir, 'good.sqlite');
    await backupDatabase(t.db, good);
    const target = makeTarget();
    try {
      const before = snapshot(target.path);

      // Garbage over pages in the middle of the file.
      const damaged = join(t.dir, 'damaged.sqlite');
      copyFileSync(good, damaged);
      const pageSize = 4096;
      const fd = openSync(damaged, 'r+');
      try {
        for (let page = 2; page < 6; page++) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
      } finally {
        closeSync(fd);
      }
      expect(checkIntegrity(damaged)).not.toEqual([]);
      expect(() => restoreDatabase(damaged, target.path)).toThrow(/integrity check, nothing was replaced/);
      expect(snapshot(target.path)).toEqual(before);

      // Garbage from the first byte: not a database at all.
      const garbage = join(t.dir, 'garbage.sqlite');
      writeFileSync(garbage, Buffer.from('this is not an SQLite database, only bytes '.repeat(200)));
      expect(() => restoreDatabase(garbage, target.path)).toThrow(/integrity check, nothing was replaced/);
      expect(snapshot(target.path)).toEqual(before);

      // An SQLite file of another application.
      const other = join(t.dir, 'other-app.sqlite');
      const o = new Database(other);
      o.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
      o.close();
      expect(() => restoreDatabase(other, target.path)).toThrow(/no stays table/);
      expect(snapshot(target.path)).toEqual(before);

      expect(() => restoreDatabase(join(t.dir, 'missing.sqlite'), target.path)).toThrow(/does not exist/);
      expect(snapshot(target.path)).toEqual(before);
    } finally {
      target.cleanup();
    }
  });

  test('restore refuses while the server lock file names a live process, and leaves the database untouched', async () => {
    expect.hasAssertions();
    const file = join(t.dir, 'while-serving.sqlite');
    await backupDatabase(t.db, file);
    const target = makeTarget();
    try {
      const before = snapshot(target.path);
      writeFileSync(serverLockPath(target.path), String(process.pid));
      expect(() => restoreDatabase(file, target.path)).toThrow(new RegExp(`a server \\(pid ${process.pid}\\) is using`));
      expect(snapshot(target.path)).toEqual(before);
      expect(staysOf(target.path)).toHaveLength(1);
    } finally {
      target.cleanup();
    }
  });

  test('restore never writes through a link planted where its temporary file used to be, and still restores', async () => {
    expect.hasAssertions();
    const file = join(t.dir, 'through-a-link.sqlite');
    await backupDatabase(t.db, file);
    const target = makeTarget();
    const victim = join(t.dir, 'victim.txt');
    try {
      writeFileSync(victim, 'a file of another user, that nobody may overwrite\n', { mode: 0o644 });
      const victimBefore = { bytes: digest(victim), mode: mode(victim) };
      // The name the old code copied to, planted in advance by someone who can write to the folder.
      symlinkSync(victim, `${target.path}.restore-tmp`);
      restoreDatabase(file, target.path);
      expect({ bytes: digest(victim), mode: mode(victim) }).toEqual(victimBefore);
      expect(lstatSync(target.path).isFile()).toBe(true);
      expect(mode(target.path)).toBe(0o600);
      expect(staysOf(target.path)).toEqual(staysOf(file));
      // The planted link is left alone, and no temporary file is left behind.
      expect(lstatSync(`${target.path}.restore-tmp`).isSymbolicLink()).toBe(true);
      expect(readdirSync(target.dir).filter((f) => f.includes('restore') && join(target.dir, f) !== `${target.path}.restore-tmp`)).toEqual([]);
    } finally {
      target.cleanup();
    }
  });

  test('a lock file left by a server that is gone does not block a restore', async () => {
    expect.hasAssertions();
    const file = join(t.dir, 'after-a-crash.sqlite');
    await backupDatabase(t.db, file);
    const target = makeTarget();
    try {
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      const deadPid = Number(gone.stdout);
      expect(deadPid).toBeGreaterThan(0);
      writeFileSync(serverLockPath(target.path), String(deadPid));
      restoreDatabase(file, target.path);
      expect(staysOf(target.path)).toEqual(staysOf(file));
    } finally {
      target.cleanup();
    }
  });
});
