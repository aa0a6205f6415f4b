// Every write runs in one synchronous IMMEDIATE transaction: the write lock is taken at BEGIN, so
// the read-decide-write inside cannot interleave with another writer, in this process or another.
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '#domain/errors.ts';
import type { Db, Tx } from '#db/client.ts';

export function writeTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  try {
    return db.transaction(fn, { behavior: 'immediate' });
  } catch (e) {
    throw translateSqliteError(e);
  }
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
