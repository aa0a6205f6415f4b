// The connection's statement cache: the hot paths (availability, conflicts, the planning) run raw
// SQL through better-sqlite3 without re-preparing it on each request, and drizzle queries built once
// per connection. Also the connection's data version (PRAGMA data_version), which the read caches key on.
import type Database from 'better-sqlite3';
import type { DbOrTx } from './client.ts';

/** Changes when another connection (another process, the CLI) commits; not for this connection's own writes. */
export function dataVersion(db: DbOrTx): number {
  return prepared(db, 'PRAGMA data_version').pluck().get() as number;
}

/**
 * Changes whenever anything could have been written: a row changed by this connection (total_changes,
 * triggers' writes included, committed or not) or a commit by another connection (data_version).
 */
export function changeStamp(db: DbOrTx): string {
  return prepared(db, `SELECT total_changes() || ':' || data_version FROM pragma_data_version`).pluck().get() as string;
}

/**
 * The two counters behind changeStamp, read in one statement: [rows changed by this connection
 * (total_changes), data_version]. Each statement outside a transaction opens a read of the WAL's
 * index (about 5 µs here), so a request that checks several caches reads these once.
 */
export function changeCounters(db: DbOrTx): [changes: number, dataVersion: number] {
  return prepared(db, `SELECT total_changes(), data_version FROM pragma_data_version`).raw(true).get() as [number, number];
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The better-sqlite3 connection under a drizzle db or transaction. */
export function clientOf(db: DbOrTx): Database.Database {
  return (db as unknown as { $client?: Database.Database; session: { client: Database.Database } }).$client ??
    (db as unknown as { session: { client: Database.Database } }).session.client;
}

export function prepared(db: DbOrTx, sql: string): Database.Statement {
  const client = clientOf(db);
  let byText = cache.get(client);
  if (!byText) cache.set(client, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = client.prepare(sql)));
  return stmt;
}

const built = new WeakMap<Database.Database, Map<string, unknown>>();

/**
 * A drizzle query prepared once per connection (with sql.placeholder parameters) and reused:
 * building a query costs far more than running it on the paths every placement takes.
 */
export function cachedQuery<T>(db: DbOrTx, key: string, build: () => T): T {
  const client = clientOf(db);
  let byKey = built.get(client);
  if (!byKey) built.set(client, (byKey = new Map()));
  let q = byKey.get(key) as T | undefined;
  if (q === undefined) byKey.set(key, (q = build()));
  return q;
}
