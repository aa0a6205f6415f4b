// Opens the SQLite file once per process, sets its pragmas, migrates it, and shares it.
// Code bundled by SvelteKit gets its own copy of this module, so the connection lives on
// globalThis: the API and the pages then write through one connection.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { settings } from '#services/config.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle: queries take the db or a transaction first. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface OpenOptions {
  /** synchronous=FULL by default: an answered placement survives a power cut. */
  synchronous?: 'FULL' | 'NORMAL';
  migrationsFolder?: string;
}

/** The migrations folder: from MIGRATIONS_DIR, else db/migrations under the working directory. */
export function migrationsFolder(): string {
  return resolve(settings.migrationsDir());
}

/** Opens (creating and migrating when new) the database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const isNew = path !== ':memory:' && !existsSync(path);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // The file holds people's names: readable by the service's user only (its WAL follows its mode).
  if (isNew) chmodSync(path, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('busy_timeout = 10000');
  // What retention erases (or anyone deletes) is overwritten with zeros in the file, not left in free space.
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  // A migration that rebuilds a table others point at (to change a check) drops it first: with
  // foreign keys on, that would fail. SQLite's procedure: keys off around the migrations (the pragma
  // does nothing inside a transaction, so it is set here), then every key checked before going on.
  sqlite.pragma('foreign_keys = OFF');
  try {
    const applied = () => (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'").get() as { n: number }).n
      ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
      : 0;
    const before = applied();
    migrate(db, { migrationsFolder: options.migrationsFolder ?? migrationsFolder() });
    if (applied() !== before) {
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`The migrations left ${broken.length} broken foreign key(s): fix the database before starting.`);
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return db;
}

const SHARED = Symbol.for('hebergement.db');
type Shared = { path: string; db: Db };

/**
 * The process's shared connection: the one the server set with setSharedDb, else DATABASE_PATH
 * opened on first use.
 */
export function getDb(): Db {
  const g = globalThis as unknown as Record<symbol, Shared | undefined>;
  const shared = g[SHARED];
  if (shared) return shared.db;
  const path = settings.databasePath();
  const db = openDatabase(path);
  g[SHARED] = { path, db };
  return db;
}

/** Makes `db` the process's shared connection (tests and the server set it explicitly). */
export function setSharedDb(db: Db, path: string): void {
  (globalThis as unknown as Record<symbol, Shared>)[SHARED] = { path, db };
}

/** Closes the shared connection, if any. */
export function closeSharedDb(): void {
  const g = globalThis as unknown as Record<symbol, Shared | undefined>;
  g[SHARED]?.db.$client.close();
  g[SHARED] = undefined;
}
