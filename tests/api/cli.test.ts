// The administration command line, run for real as a subprocess (docs/api.md, "Command line").
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verify } from '@node-rs/argon2';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { authenticateToken, createAccountWithToken } from '../../src/services/accounts.ts';
import { backupDatabase, serverLockPath } from '../../src/services/backup.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeAccounts, makeUnit } from '../support/fixtures.ts';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = join(process.cwd(), 'src/cli/main.ts');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A database path in a new temporary folder, in a subfolder that does not exist yet. */
function freshPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hebergement-cli-'));
  dirs.push(dir);
  return join(dir, 'data', 'hebergement.sqlite');
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx src/cli/main.ts ...args` with DATABASE_PATH, feeding `input` on standard input. */
function cli(databasePath: string, args: string[], input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ['pipe', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

/** Reads a database file without migrating or changing it. */
function read<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const countAccounts = (path: string) => read(path, (db) => (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n);

describe('token create', () => {
  test('prints the token alone on the last line, and that token reads availability as a partner of its organisation', async () => {
    expect.hasAssertions();
    const path = freshPath();
    const r = await cli(path, ['token', 'create', '--name', 'X', '--role', 'partner', '--organisation', 'Mission Locale']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const token = lastLine(r.stdout);
    expect(token).toMatch(/^heb_[A-Za-z0-9_-]{43}$/);
    // Only its SHA-256 digest is stored.
    const stored = read(path, (db) => db.prepare('SELECT digest FROM api_tokens').all() as { digest: string }[]);
    expect(stored).toEqual([{ digest: createHash('sha256').update(token).digest('hex') }]);

    // A second partner of the same organisation joins it rather than creating another.
    const second = await cli(path, ['token', 'create', '--name', 'Y', '--role', 'partner', '--organisation', 'Mission Locale']);
    expect(second.code).toBe(0);
    expect(read(path, (db) => db.prepare('SELECT name FROM organisations').all())).toEqual([{ name: 'Mission Locale' }]);

    const db = openDatabase(path);
    try {
      const actor = authenticateToken(db, token, '127.0.0.1');
      expect(actor).toMatchObject({ role: 'partner' });
      const org = db.$client.prepare('SELECT name FROM organisations WHERE id = ?').get(actor!.organisationId) as { name: string };
      expect(org.name).toBe('Mission Locale');

      const app = await buildApp({ db });
      try {
        const ok = await app.inject({ method: 'GET', url: '/api/v1/availability?from=2027-01-01&to=2027-01-08', headers: { authorization: `Bearer ${token}` } });
        expect(ok.statusCode).toBe(200);
        expect(ok.json().nights).toHaveLength(7);
        const wrong = await app.inject({ method: 'GET', url: '/api/v1/availability?from=2027-01-01&to=2027-01-08', headers: { authorization: `Bearer ${token}x` } });
        expect(wrong.statusCode).toBe(401);
      } finally {
        await app.close();
      }
    } finally {
      db.$client.close();
    }
  });

  test('a partner without --organisation is refused with a clear message, a non-zero exit, and no account', async () => {
    expect.hasAssertions();
    const path = freshPath();
    const r = await cli(path, ['token', 'create', '--name', 'X', '--role', 'partner']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/partner account needs an organisation \(--organisation\)/);
    expect(r.stdout).not.toMatch(/heb_/);
    expect(countAccounts(path)).toBe(0);
  });

  test('an unknown role is refused with a message naming the roles, a non-zero exit, and no account', async () => {
    expect.hasAssertions();
    const path = freshPath();
    const r = await cli(path, ['token', 'create', '--name', 'X', '--role', 'superuser']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown role "superuser" \(one of admin, duty_officer, housing_officer, residence_officer, partner\)/);
    expect(r.stdout).not.toMatch(/heb_/);
    expect(countAccounts(path)).toBe(0);
  });
});

describe('user create', () => {
  test('reads the password from standard input and stores only its argon2id hash (m=19456, t=2, p=1)', async () => {
    expect.hasAssertions();
    const path = freshPath();
    const password = 'correct horse battery staple';
    const r = await cli(path, ['user', 'create', '--email', 'a@b.fr', '--role', 'duty_officer'], `${password}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(password);
    const row = read(path, (db) => db.prepare(`SELECT email, role, password_hash AS hash FROM accounts`).all()) as { email: string; role: string; hash: string }[];
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ email: 'a@b.fr', role: 'duty_officer' });
    expect(row[0].hash.startsWith('$argon2id$')).toBe(true);
    expect(row[0].hash).toContain('$m=19456,t=2,p=1$');
    // The newline that ends the typed password is not part of it.
    expect(await verify(row[0].hash, password)).toBe(true);
    expect(await verify(row[0].hash, `${password}\n`)).toBe(false);
  });
});

describe('the password rule and user reset', () => {
  test('user create refuses a short or common password, with the reason, and creates nothing', async () => {
    expect.hasAssertions();
    const path = freshPath();
    for (const [password, words] of [
      ['court', 'at least 12 characters'],
      ['motdepasse123', 'too easy to guess'],
      ['azertyuiop123', 'too easy to guess']
    ]) {
      const r = await cli(path, ['user', 'create', '--email', 'a@b.fr', '--role', 'duty_officer'], `${password}\n`);
      expect(r.code, password).toBe(1);
      expect(r.stderr).toContain(words);
      expect(r.stderr).not.toContain(password);
    }
    expect(read(path, (db) => db.prepare('SELECT count(*) AS n FROM accounts').get())).toEqual({ n: 0 });
  });

  test('user reset sets a one-time password read from standard input, removes the second factor, and requires a new password', async () => {
    expect.hasAssertions();
    const path = freshPath();
    expect((await cli(path, ['user', 'create', '--email', 'chef@b.fr', '--role', 'admin'], 'correct horse battery staple\n')).code).toBe(0);
    const id = read(path, (db) => db.prepare('SELECT id FROM accounts').pluck().get()) as string;
    const w = new Database(path);
    w.prepare("INSERT INTO account_security (account_id, totp_secret, totp_enabled_at) VALUES (?, 'JBSWY3DPEHPK3PXP', 1)").run(id);
    w.prepare("INSERT INTO recovery_codes (account_id, digest) VALUES (?, 'x')").run(id);
    w.close();
    const r = await cli(path, ['user', 'reset', '--email', 'Chef@B.fr'], 'Provisoire-Vidourle-42\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const row = read(path, (db) => db.prepare('SELECT a.password_hash AS hash, s.totp_secret AS secret, s.password_change_required AS must FROM accounts a JOIN account_security s ON s.account_id = a.id').get()) as { hash: string; secret: string | null; must: number };
    expect(await verify(row.hash, 'Provisoire-Vidourle-42')).toBe(true);
    expect(row).toMatchObject({ secret: null, must: 1 });
    expect(read(path, (db) => db.prepare('SELECT count(*) AS n FROM recovery_codes').get())).toEqual({ n: 0 });
    const unknown = await cli(path, ['user', 'reset', '--email', 'personne@b.fr'], 'Provisoire-Vidourle-42\n');
    expect(unknown.code).toBe(1);
  });
});

describe('backup and restore', () => {
  test('backup FILE beside an open connection, then restore FILE, gives back the database as it was at the backup', async () => {
    expect.hasAssertions();
    const path = freshPath();
    const file = join(path, '..', 'backup.sqlite');
    const db = openDatabase(path);
    const accounts = makeAccounts(db);
    const unit = makeUnit(db, accounts.admin.actor, { name: 'CLI' });
    const place = (start: string, end: string) =>
      placeStay(db, accounts.duty_officer.actor, { unitId: unit, start, end, programme: 'emergency', household: { label: `Stay ${start}`, adults: 1, children: 0 } }).value.id;
    const kept = place('2027-03-01', '2027-03-04');
    let later: string;
    try {
      // The CLI and a running server (here, this open connection) use the same file at once.
      const b = await cli(path, ['backup', file]);
      expect(b.stderr).toBe('');
      expect(b.code).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      later = place('2027-03-10', '2027-03-12');
    } finally {
      db.$client.close();
    }

    const r = await cli(path, ['restore', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ids = read(path, (d) => (d.prepare('SELECT id FROM stays').all() as { id: string }[]).map((s) => s.id));
    expect(ids).toEqual([kept]);
    expect(ids).not.toContain(later);
    expect(read(path, (d) => d.pragma('integrity_check', { simple: true }))).toBe('ok');
  });

  test('restore refuses, with a non-zero exit, while a server runs on the database, and changes nothing', async () => {
    expect.hasAssertions();
    const path = freshPath();
    const file = join(path, '..', 'backup.sqlite');
    const db = openDatabase(path);
    try {
      createAccountWithToken(db, { name: 'Before', role: 'admin' });
      await backupDatabase(db, file);
      createAccountWithToken(db, { name: 'After', role: 'admin' });
    } finally {
      db.$client.close();
    }
    const before = readFileSync(path);
    writeFileSync(serverLockPath(path), String(process.pid));
    const r = await cli(path, ['restore', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`a server (pid ${process.pid}) is using`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(countAccounts(path)).toBe(2);
  });

  test('restore onto a new machine, where the folder of DATABASE_PATH does not exist yet, creates it', async () => {
    expect.hasAssertions();
    const sourcePath = freshPath();
    const source = openDatabase(sourcePath);
    const file = join(sourcePath, '..', 'backup.sqlite');
    try {
      createAccountWithToken(source, { name: 'Carried over', role: 'admin' });
      await backupDatabase(source, file);
    } finally {
      source.$client.close();
    }
    const path = freshPath();
    const r = await cli(path, ['restore', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(path, (db) => db.prepare('SELECT name FROM accounts').all())).toEqual([{ name: 'Carried over' }]);
  });
});

describe('a new database', () => {
  test('the CLI creates and migrates the database when DATABASE_PATH does not exist yet', async () => {
    expect.hasAssertions();
    const path = freshPath();
    expect(existsSync(path)).toBe(false);
    const r = await cli(path, ['token', 'create', '--name', 'First admin', '--role', 'admin']);
    expect(r.code).toBe(0);
    expect(existsSync(path)).toBe(true);
    const journal = JSON.parse(readFileSync(join(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    read(path, (db) => {
      expect((db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['accounts', 'api_tokens', 'organisations', 'sites', 'units', 'stays', 'blocks', 'audit_entries']));
      const triggers = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((t) => t.name);
      expect(triggers).toEqual(expect.arrayContaining(['stays_no_overlap_insert', 'stays_no_overlap_update']));
      expect((db.prepare('SELECT count(*) AS n FROM stay_limits').get() as { n: number }).n).toBe(16);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT name, role FROM accounts').all()).toEqual([{ name: 'First admin', role: 'admin' }]);
    });
  });
});
