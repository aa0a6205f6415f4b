// Online backup and checked restore of the SQLite file.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '#db/client.ts';
import { livePidIn } from './pid-files.ts';
import { runningReplicationPid } from './replication.ts';

/** The file a running server writes its pid to, beside the database. */
export function serverLockPath(databasePath: string): string {
  return `${resolve(databasePath)}.server-pid`;
}

/** The pid of a live server using the database, or null. */
export function runningServerPid(databasePath: string): number | null {
  return livePidIn(serverLockPath(databasePath));
}

/** Runs SQLite's integrity_check on a file, read-only; returns the problems (empty when ok). */
export function checkIntegrity(file: string): string[] {
  if (!existsSync(file)) return [`${file} does not exist`];
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`${fk.length} foreign key violations`);
    const hasStays = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stays'`).get();
    if (!hasStays) problems.push('not a database of this service (no stays table)');
    return problems;
  } catch (e) {
    return [(e as Error).message];
  } finally {
    db?.close();
  }
}

/**
 * Writes a consistent copy of the live database to `file` (mode 0600) with SQLite's online backup,
 * which runs beside writers, then checks the copy's integrity. Throws when the copy is not sound.
 */
export async function backupDatabase(db: Db, file: string): Promise<{ pages: number }> {
  const target = resolve(file);
  const tmp = join(dirname(target), `.${Date.now()}-${process.pid}.backup-tmp`);
  try {
    // Created 0600 before a byte is written: the copy holds every household's name.
    closeSync(openSync(tmp, 'wx', 0o600));
    // One step: copied in several steps, a backup restarts whenever another connection commits
    // between two of them, and never finishes beside a busy server.
    const result = await db.$client.backup(tmp, { progress: () => 0x7fffffff });
    chmodSync(tmp, 0o600);
    // The copy is a plain file (no WAL beside it) so that checking or restoring leaves nothing behind.
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const problems = checkIntegrity(tmp);
    if (problems.length) throw new Error(`the backup failed its integrity check: ${problems.join('; ')}`);
    fsyncFile(tmp);
    renameSync(tmp, target);
    chmodSync(target, 0o600);
    return { pages: result.totalPages };
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the database at `databasePath` with `file`, after checking `file`'s integrity, and only
 * while no server uses the database. The old file's WAL is removed with it.
 */
export function restoreDatabase(file: string, databasePath: string): void {
  const source = resolve(file);
  const problems = checkIntegrity(source);
  if (problems.length) throw new Error(`${file} failed its integrity check, nothing was replaced: ${problems.join('; ')}`);
  const pid = runningServerPid(databasePath);
  if (pid !== null) throw new Error(`a server (pid ${pid}) is using ${databasePath}: stop it before restoring`);
  const replicating = runningReplicationPid(databasePath);
  if (replicating !== null) throw new Error(`replication (pid ${replicating}) is running for ${databasePath}: stop it before restoring`);
  const target = resolve(databasePath);
  mkdirSync(dirname(target), { recursive: true });
  // The copy goes to a new file of a random name beside the database, created exclusively
  // (O_CREAT | O_EXCL: refused when anything, a symbolic link included, already has the name) and
  // written through its descriptor only, so a link planted in the folder is never written through.
  // Renamed over the database at the end: the database is the old file or the new one, never half.
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(16).toString('hex')}.restore-tmp`);
  const out = openSync(tmp, 'wx', 0o600);
  try {
    try {
      copyInto(source, out);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    chmodSync(tmp, 0o600);
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Copies the file at `source` into the open descriptor `out`, from its first byte. */
function copyInto(source: string, out: number): void {
  const input = openSync(source, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let position = 0;
    for (;;) {
      const read = readSync(input, buffer, 0, buffer.length, position);
      if (read === 0) break;
      let written = 0;
      while (written < read) written += writeSync(out, buffer, written, read - written);
      position += read;
    }
  } finally {
    closeSync(input);
  }
}
