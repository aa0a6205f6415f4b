// Forms kept across a sign-in (sealed: the key is in the browser's cookie, never here).
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export interface FormStashRow {
  digest: string;
  accountId: string;
  createdAt: number;
  expiresAt: number;
  sealed: string;
}

export function insertFormStash(db: DbOrTx, row: FormStashRow): void {
  prepared(db, `INSERT INTO form_stashes (digest, account_id, created_at, expires_at, sealed) VALUES (@digest, @accountId, @createdAt, @expiresAt, @sealed)`).run(row);
}

export function findFormStash(db: DbOrTx, digest: string): FormStashRow | undefined {
  return prepared(db, `SELECT digest, account_id AS accountId, created_at AS createdAt, expires_at AS expiresAt, sealed FROM form_stashes WHERE digest = ?`).get(digest) as
    | FormStashRow
    | undefined;
}

export function deleteFormStash(db: DbOrTx, digest: string): void {
  prepared(db, `DELETE FROM form_stashes WHERE digest = ?`).run(digest);
}

/** Drops every kept form whose time is up; how many. */
export function pruneFormStashes(db: DbOrTx, now: number): number {
  return prepared(db, `DELETE FROM form_stashes WHERE expires_at <= ?`).run(now).changes;
}
