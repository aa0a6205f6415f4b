// Every write runs in one synchronous IMMEDIATE transaction: the write lock is taken at BEGIN, so
// the read-decide-write inside cannot interleave with another writer, in this process or another.
import { randomFillSync, randomUUID } from 'node:crypto';
import { AppError } from '#domain/errors.ts';
import type { Db, Tx } from '#db/client.ts';
import { settings } from './config.ts';

/**
 * Runs `fn` in one IMMEDIATE transaction. When another connection holds the write lock, BEGIN
 * waits (SQLite's busy_timeout, set to the time left) and is tried again until the bound
 * (WRITE_BUSY_MS) has passed; past it the caller gets 503 `busy`, never an overlap: a busy
 * database says nothing about the nights. Only a BEGIN that failed is tried again: once `fn` has
 * run, a failure is final.
 */
export function writeTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  const bound = settings.writeBusyMs();
  // The real clock, not the service's (tests move that one): this is a wait, not a business time.
  const deadline = Date.now() + bound;
  let result: T;
  for (let attempt = 0; ; attempt++) {
    let started = false;
    try {
      setBusyTimeout(db, attempt === 0 ? bound : Math.max(1, deadline - Date.now()));
      result = db.transaction(
        (tx) => {
          started = true;
          return fn(tx);
        },
        { behavior: 'immediate' }
      );
      break;
    } catch (e) {
      const left = deadline - Date.now();
      if (isBusy(e) && !started && left > 0) {
        pause(Math.min(left, 10 * 2 ** Math.min(attempt, 5)));
        continue;
      }
      throw translateSqliteError(e);
    }
  }
  bumpWriteCount(db);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Group commit: the writes that arrive in one turn of the event loop share one COMMIT (one fsync).

/** At most this many writes share one transaction; more wait for the next one (in the same turn). */
export const MAX_GROUP = 64;

interface GroupedWrite {
  fn: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// The writes waiting for the connection's next group, kept on the connection (like the write count).
const PENDING = Symbol.for('hebergement.groupedWrites');

/** How many transactions the connection's grouped writes have committed, and how many writes they held (tests and the bench). */
const GROUP_STATS = Symbol.for('hebergement.groupStats');

export function groupStats(db: Db): { groups: number; writes: number } {
  const s = (db.$client as unknown as Record<symbol, { groups: number; writes: number } | undefined>)[GROUP_STATS];
  return { groups: s?.groups ?? 0, writes: s?.writes ?? 0 };
}

/**
 * Runs `fn` like writeTransaction, but in a group: the writes asked for during one turn of the
 * event loop run together, just after it, in one IMMEDIATE transaction, each in a SAVEPOINT of its
 * own; one COMMIT (with synchronous=FULL, one fsync) makes them all durable. The promise settles
 * only after that COMMIT has returned: nothing is answered before it is on disk. A write that
 * throws is rolled back to its savepoint, so it changes nothing and the others of its group are
 * kept; it rejects with its own error. When the transaction itself fails (its BEGIN stays busy past
 * the bound, its COMMIT fails, or an error leaves no transaction open), every write of the group
 * rejects and none was written. The group runs synchronously, in one callback: no other code (a
 * read, another write on this connection) ever runs while its transaction is open.
 */
export function groupedWrite<T>(db: Db, fn: (tx: Tx) => T): Promise<T> {
  const client = db.$client as unknown as Record<symbol, GroupedWrite[] | undefined>;
  return new Promise<T>((resolve, reject) => {
    let pending = client[PENDING];
    if (!pending) {
      pending = client[PENDING] = [];
      setImmediate(() => runGroups(db));
    }
    pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
  });
}

function runGroups(db: Db): void {
  const client = db.$client as unknown as Record<symbol, GroupedWrite[] | undefined>;
  const pending = client[PENDING] ?? [];
  client[PENDING] = undefined;
  for (let i = 0; i < pending.length; i += MAX_GROUP) runGroup(db, pending.slice(i, i + MAX_GROUP));
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function runGroup(db: Db, group: GroupedWrite[]): void {
  const sqlite = db.$client;
  const outcomes: Outcome[] = [];
  try {
    writeTransaction(db, (tx) => {
      const savepoint = statement(db, 'SAVEPOINT grouped_write');
      const release = statement(db, 'RELEASE grouped_write');
      const rollback = statement(db, 'ROLLBACK TO grouped_write');
      for (const write of group) {
        savepoint.run();
        try {
          const value = write.fn(tx);
          release.run();
          outcomes.push({ ok: true, value });
        } catch (e) {
          // An error that ended the transaction (SQLite rolls back on some I/O errors) fails the group.
          if (!sqlite.inTransaction) throw e;
          rollback.run();
          release.run();
          outcomes.push({ ok: false, error: translateSqliteError(e) });
        }
      }
    });
  } catch (e) {
    for (const write of group) write.reject(e);
    return;
  }
  const stats = sqlite as unknown as Record<symbol, { groups: number; writes: number }>;
  const s = (stats[GROUP_STATS] ??= { groups: 0, writes: 0 });
  s.groups++;
  s.writes += group.length;
  group.forEach((write, i) => {
    const o = outcomes[i];
    if (o.ok) write.resolve(o.value);
    else write.reject(o.error);
  });
}

const STATEMENTS = Symbol.for('hebergement.groupStatements');

function statement(db: Db, sql: string) {
  const client = db.$client as unknown as Record<symbol, Map<string, ReturnType<Db['$client']['prepare']>> | undefined>;
  const cache = (client[STATEMENTS] ??= new Map());
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.$client.prepare(sql)));
  return stmt;
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

// The connection's busy_timeout as last set, kept on the connection (shared by the API and the
// SvelteKit bundle) so that the pragma runs only when the wait changes.
const BUSY_TIMEOUT = Symbol.for('hebergement.busyTimeout');

function setBusyTimeout(db: Db, ms: number): void {
  const client = db.$client as unknown as Record<symbol, number>;
  if (client[BUSY_TIMEOUT] === ms) return;
  db.$client.pragma(`busy_timeout = ${Math.floor(ms)}`);
  client[BUSY_TIMEOUT] = ms;
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** Waits `ms` without returning to the event loop: writes are synchronous, as SQLite's own wait is. */
function pause(ms: number): void {
  Atomics.wait(SLEEPER, 0, 0, ms);
}

// Counted on the connection object under a global symbol: the API and the SvelteKit bundle each
// have their own copy of this module but share the connection, and both must see every write.
const WRITES = Symbol.for('hebergement.writes');

/** How many write transactions this connection has committed: read caches compare it. */
export function writeCount(db: Db): number {
  return (db.$client as unknown as Record<symbol, number>)[WRITES] ?? 0;
}

function bumpWriteCount(db: Db): void {
  const client = db.$client as unknown as Record<symbol, number>;
  client[WRITES] = (client[WRITES] ?? 0) + 1;
}

/** The database's own refusals, as the service's errors. */
export function translateSqliteError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  if (typeof err?.message === 'string' && err.message.startsWith('overlap:')) {
    return new AppError('overlap', 'these nights overlap a live stay or a block on this unit');
  }
  if (isBusy(err)) return new AppError('busy', 'the database is busy: nothing was written; try again in a moment');
  return e;
}

export function newId(): string {
  return randomUUID();
}

const PSEUDONYM_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A pseudonym such as « Ménage K7P2 »: four characters that are never confused with each other. */
export function randomPseudonym(length = 4): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PSEUDONYM_ALPHABET[randomByte() % PSEUDONYM_ALPHABET.length];
  return `Ménage ${out}`;
}

// Random bytes drawn 512 at a time (as randomUUID does): one call into the system's generator per
// 128 pseudonyms instead of one per pseudonym, on the path of every placement.
const POOL = Buffer.alloc(512);
let poolUsed = POOL.length;

function randomByte(): number {
  if (poolUsed === POOL.length) {
    randomFillSync(POOL);
    poolUsed = 0;
  }
  return POOL[poolUsed++];
}
