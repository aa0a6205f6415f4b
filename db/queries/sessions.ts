// Sessions (stored by the digest of their id) and failed sign-ins, for the throttle.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export interface SessionRow {
  digest: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
  role: string;
  organisationId: string | null;
  name: string;
  email: string | null;
  disabledAt: number | null;
  passwordChangeRequired: number;
  totpRequired: number;
  totpEnabled: number;
}

export function insertSession(db: DbOrTx, digest: string, accountId: string, now: number): void {
  prepared(db, `INSERT INTO sessions (digest, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)`).run(digest, accountId, now, now);
}

export function findSession(db: DbOrTx, digest: string): SessionRow | undefined {
  return prepared(
    db,
    `SELECT s.digest, s.account_id AS accountId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt,
            a.role, a.organisation_id AS organisationId, a.name, a.email, a.disabled_at AS disabledAt,
            coalesce(x.password_change_required, 0) AS passwordChangeRequired,
            coalesce(r.totp_required, 0) AS totpRequired, x.totp_secret IS NOT NULL AS totpEnabled
       FROM sessions s JOIN accounts a ON a.id = s.account_id
       LEFT JOIN account_security x ON x.account_id = a.id
       LEFT JOIN role_settings r ON r.role = a.role
      WHERE s.digest = ?`
  ).get(digest) as SessionRow | undefined;
}

export function touchSession(db: DbOrTx, digest: string, now: number): void {
  prepared(db, `UPDATE sessions SET last_seen_at = ? WHERE digest = ?`).run(now, digest);
}

export function deleteSession(db: DbOrTx, digest: string): void {
  prepared(db, `DELETE FROM sessions WHERE digest = ?`).run(digest);
}

export function deleteSessionsOf(db: DbOrTx, accountId: string): void {
  prepared(db, `DELETE FROM sessions WHERE account_id = ?`).run(accountId);
}

export type FailureKind = 'password' | 'code';

/** Records a try (before it is checked: a reservation the caller deletes when the try succeeds); returns its id. */
export function insertSignInFailure(db: DbOrTx, email: string, ip: string, at: number, kind: FailureKind = 'password'): number {
  return Number(prepared(db, `INSERT INTO sign_in_failures (email, ip, at, kind) VALUES (?, ?, ?, ?)`).run(email, ip, at, kind).lastInsertRowid);
}

export function deleteSignInFailure(db: DbOrTx, id: number): void {
  prepared(db, `DELETE FROM sign_in_failures WHERE id = ?`).run(id);
}

/** Times of the failed passwords for an email from an address since `since`, oldest first. */
export function listSignInFailures(db: DbOrTx, email: string, ip: string, since: number): number[] {
  return prepared(db, `SELECT at FROM sign_in_failures WHERE email = ? AND ip = ? AND at >= ? AND kind = 'password' ORDER BY at`).pluck().all(email, ip, since) as number[];
}

/** Times of every failed sign-in from an address since `since`, whatever the email, oldest first. */
export function listSignInFailuresFromAddress(db: DbOrTx, ip: string, since: number): number[] {
  return prepared(db, `SELECT at FROM sign_in_failures WHERE ip = ? AND at >= ? ORDER BY at`).pluck().all(ip, since) as number[];
}

/** Times of the wrong second-factor codes for an email since `since`, whatever the address, oldest first. */
export function listCodeFailures(db: DbOrTx, email: string, since: number): number[] {
  return prepared(db, `SELECT at FROM sign_in_failures WHERE email = ? AND kind = 'code' AND at >= ? ORDER BY at`).pluck().all(email, since) as number[];
}

export function clearSignInFailures(db: DbOrTx, email: string, ip: string): void {
  prepared(db, `DELETE FROM sign_in_failures WHERE email = ? AND ip = ? AND kind = 'password'`).run(email, ip);
}

/** Forgets failures older than `before`: no rule looks that far back. */
export function pruneSignInFailures(db: DbOrTx, before: number): void {
  prepared(db, `DELETE FROM sign_in_failures WHERE at < ?`).run(before);
}

export function countOtherSessions(db: DbOrTx, accountId: string, keepDigest: string | null): number {
  return prepared(db, `SELECT count(*) FROM sessions WHERE account_id = ? AND digest IS NOT ?`).pluck().get(accountId, keepDigest) as number;
}

/** Ends every session of the account but one (`keepDigest`, or none). */
export function deleteOtherSessions(db: DbOrTx, accountId: string, keepDigest: string | null): void {
  prepared(db, `DELETE FROM sessions WHERE account_id = ? AND digest IS NOT ?`).run(accountId, keepDigest);
}
