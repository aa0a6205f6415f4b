// A form posted after its session ended is not lost: its fields (never a password, code or token)
// are sealed with AES-256-GCM under a random key that only the browser's cookie holds, and stored
// by the digest of the cookie's random id, bound to the account whose session ended, for
// FORM_STASH_MS at most. After that account signs in again on that browser, the form is given back
// once (to be sent again by a tap) and dropped. Nothing of it goes in a URL or a log; a backup of
// the database holds only ciphertext that no key on the server opens.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FORM_STASH_MS, stashableFields } from '#domain/form-stash.ts';
import type { Db } from '#db/client.ts';
import { deleteFormStash, findFormStash, insertFormStash, pruneFormStashes } from '#db/queries/form-stashes.ts';
import { nowMs } from './clock.ts';
import { sha256 } from './digest.ts';
import { writeTransaction } from './transaction.ts';

/** The cookie that holds the kept form's id and key. */
export const FORM_STASH_COOKIE = 'reprise';

export interface StashedForm {
  /** Where the form posted: the page's path and its query (the action: `?/confirm`). */
  target: string;
  fields: [string, string][];
  createdAt: number;
}

function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function open(key: Buffer, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The cookie's value split into the id and the key; null when it is not one of ours. */
function parseCookie(value: string | undefined | null): { id: string; key: Buffer } | null {
  if (!value || value.length > 200) return null;
  const [id, key] = value.split('.');
  if (!id || !key || !/^[\w-]{43}$/.test(id) || !/^[\w-]{43}$/.test(key)) return null;
  return { id, key: Buffer.from(key, 'base64url') };
}

/**
 * Keeps a form posted after the session of `accountId` ended. Returns the cookie's value, or null
 * when nothing may be kept (only secrets, or larger than any form of the service).
 */
export function stashForm(db: Db, accountId: string, target: string, posted: readonly (readonly [string, string])[]): string | null {
  const fields = stashableFields(posted);
  if (!fields) return null;
  const id = randomBytes(32).toString('base64url');
  const key = randomBytes(32);
  const now = nowMs();
  const sealed = seal(key, JSON.stringify({ target, fields, createdAt: now } satisfies StashedForm));
  writeTransaction(db, (tx) => {
    pruneFormStashes(tx, now);
    insertFormStash(tx, { digest: sha256(id), accountId, createdAt: now, expiresAt: now + FORM_STASH_MS, sealed });
  });
  return `${id}.${key.toString('base64url')}`;
}

/** Whether the cookie names a form still kept (for the sign-in page to say so); nothing is opened. */
export function hasStashedForm(db: Db, cookie: string | undefined | null): boolean {
  const c = parseCookie(cookie);
  const row = c && findFormStash(db, sha256(c.id));
  return !!row && row.expiresAt > nowMs();
}

/**
 * The form kept for `accountId` behind the cookie, given back once: it is dropped as it is read.
 * Null when there is none, its time is up, or it was kept for another account (then it is dropped
 * too: whoever signs in on a shared computer never sees what another typed).
 */
export function takeStashedForm(db: Db, accountId: string, cookie: string | undefined | null): StashedForm | null {
  const c = parseCookie(cookie);
  if (!c) return null;
  const digest = sha256(c.id);
  const row = findFormStash(db, digest);
  if (!row) return null;
  writeTransaction(db, (tx) => {
    deleteFormStash(tx, digest);
    // And whatever else is past its time.
    pruneFormStashes(tx, nowMs());
  });
  if (row.accountId !== accountId || row.expiresAt <= nowMs()) return null;
  const plain = open(c.key, row.sealed);
  if (plain === null) return null;
  return JSON.parse(plain) as StashedForm;
}

/** Whether the cookie names a form kept for `accountId` (where to land after sign-in); nothing is opened or dropped. */
export function hasStashedFormFor(db: Db, accountId: string, cookie: string | undefined | null): boolean {
  const c = parseCookie(cookie);
  const row = c && findFormStash(db, sha256(c.id));
  return !!row && row.accountId === accountId && row.expiresAt > nowMs();
}
