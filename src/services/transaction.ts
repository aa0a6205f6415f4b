// Every write runs in one synchronous IMMEDIATE transaction: the write lock is taken at BEGIN, so
// the read-decide-write inside cannot interleave with another writer, in this process or another.
import { randomBytes, randomUUID } from 'node:crypto';
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
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += PSEUDONYM_ALPHABET[b % PSEUDONYM_ALPHABET.length];
  return `Ménage ${out}`;
}
