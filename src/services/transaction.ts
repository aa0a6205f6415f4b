// Every write runs in one synchronous IMMEDIATE transaction: the write lock is taken at BEGIN, so
// the read-decide-write inside cannot interleave with another writer, in this process or another.
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '#domain/errors.ts';
import type { Db, Tx } from '#db/client.ts';

export function writeTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  let result: T;
  try {
    result = db.transaction(fn, { behavior: 'immediate' });
  } catch (e) {
    throw translateSqliteError(e);
  }
  bumpWriteCount(db);
  return result;
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
  if (err?.code === 'SQLITE_BUSY') return new AppError('overlap', 'the database is busy; try again');
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
