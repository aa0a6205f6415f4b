// What a sign-in account must do or has enrolled (account_security), its recovery codes, the
// sign-ins waiting for their second factor, and the per-role requirement of a second factor.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export interface AccountSecurityRow {
  accountId: string;
  email: string | null;
  name: string;
  role: string;
  passwordHash: string | null;
  disabledAt: number | null;
  passwordChangeRequired: number;
  totpSecret: string | null;
  totpEnabledAt: number | null;
  totpLastStep: number | null;
  totpPendingSecret: string | null;
  totpPendingAt: number | null;
  totpRequired: number;
}

/** An account with its security state (defaults when it has none yet) and whether its role requires a second factor. */
export function findAccountSecurity(db: DbOrTx, accountId: string): AccountSecurityRow | undefined {
  return prepared(
    db,
    `SELECT a.id AS accountId, a.email, a.name, a.role, a.password_hash AS passwordHash, a.disabled_at AS disabledAt,
            coalesce(s.password_change_required, 0) AS passwordChangeRequired, s.totp_secret AS totpSecret,
            s.totp_enabled_at AS totpEnabledAt, s.totp_last_step AS totpLastStep,
            s.totp_pending_secret AS totpPendingSecret, s.totp_pending_at AS totpPendingAt,
            coalesce(r.totp_required, 0) AS totpRequired
       FROM accounts a
       LEFT JOIN account_security s ON s.account_id = a.id
       LEFT JOIN role_settings r ON r.role = a.role
      WHERE a.id = ?`
  ).get(accountId) as AccountSecurityRow | undefined;
}

function ensureRow(db: DbOrTx, accountId: string): void {
  prepared(db, `INSERT INTO account_security (account_id) VALUES (?) ON CONFLICT (account_id) DO NOTHING`).run(accountId);
}

export function setPasswordChangeRequired(db: DbOrTx, accountId: string, required: boolean): void {
  ensureRow(db, accountId);
  prepared(db, `UPDATE account_security SET password_change_required = ? WHERE account_id = ?`).run(required ? 1 : 0, accountId);
}

export function setPasswordHash(db: DbOrTx, accountId: string, hash: string): void {
  prepared(db, `UPDATE accounts SET password_hash = ? WHERE id = ?`).run(hash, accountId);
}

export function setTotpPending(db: DbOrTx, accountId: string, secret: string | null, at: number | null): void {
  ensureRow(db, accountId);
  prepared(db, `UPDATE account_security SET totp_pending_secret = ?, totp_pending_at = ? WHERE account_id = ?`).run(secret, at, accountId);
}

/** Makes the pending secret the account's second factor. */
export function enableTotp(db: DbOrTx, accountId: string, secret: string, at: number, step: number): void {
  prepared(
    db,
    `UPDATE account_security SET totp_secret = ?, totp_enabled_at = ?, totp_last_step = ?, totp_pending_secret = NULL, totp_pending_at = NULL WHERE account_id = ?`
  ).run(secret, at, step, accountId);
}

/** Records the time step of an accepted code, so that it is never accepted again. */
export function setTotpLastStep(db: DbOrTx, accountId: string, step: number): void {
  prepared(db, `UPDATE account_security SET totp_last_step = ? WHERE account_id = ?`).run(step, accountId);
}

/** Removes the second factor (confirmed or being enrolled) and its recovery codes. */
export function clearTotp(db: DbOrTx, accountId: string): void {
  prepared(
    db,
    `UPDATE account_security SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_pending_secret = NULL, totp_pending_at = NULL WHERE account_id = ?`
  ).run(accountId);
  prepared(db, `DELETE FROM recovery_codes WHERE account_id = ?`).run(accountId);
}

export function replaceRecoveryCodes(db: DbOrTx, accountId: string, digests: readonly string[]): void {
  prepared(db, `DELETE FROM recovery_codes WHERE account_id = ?`).run(accountId);
  const insert = prepared(db, `INSERT INTO recovery_codes (account_id, digest) VALUES (?, ?)`);
  for (const d of digests) insert.run(accountId, d);
}

/** Marks an unused recovery code of the account as used; false when there is none with that digest. */
export function useRecoveryCode(db: DbOrTx, accountId: string, digest: string, at: number): boolean {
  return prepared(db, `UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND digest = ? AND used_at IS NULL`).run(at, accountId, digest).changes === 1;
}

export function countUnusedRecoveryCodes(db: DbOrTx, accountId: string): number {
  return prepared(db, `SELECT count(*) FROM recovery_codes WHERE account_id = ? AND used_at IS NULL`).pluck().get(accountId) as number;
}

export function insertChallenge(db: DbOrTx, digest: string, accountId: string, now: number, expiresAt: number): void {
  prepared(db, `INSERT INTO sign_in_challenges (digest, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`).run(digest, accountId, now, expiresAt);
}

export function findChallenge(db: DbOrTx, digest: string): { accountId: string; expiresAt: number } | undefined {
  return prepared(db, `SELECT account_id AS accountId, expires_at AS expiresAt FROM sign_in_challenges WHERE digest = ?`).get(digest) as
    | { accountId: string; expiresAt: number }
    | undefined;
}

export function deleteChallenge(db: DbOrTx, digest: string): void {
  prepared(db, `DELETE FROM sign_in_challenges WHERE digest = ?`).run(digest);
}

export function deleteChallengesOf(db: DbOrTx, accountId: string): void {
  prepared(db, `DELETE FROM sign_in_challenges WHERE account_id = ?`).run(accountId);
}

export function pruneChallenges(db: DbOrTx, now: number): void {
  prepared(db, `DELETE FROM sign_in_challenges WHERE expires_at <= ?`).run(now);
}

export function listTotpRequiredRoles(db: DbOrTx): string[] {
  return prepared(db, `SELECT role FROM role_settings WHERE totp_required = 1 ORDER BY role`).pluck().all() as string[];
}

export function setRoleTotpRequired(db: DbOrTx, role: string, required: boolean, now: number): void {
  prepared(
    db,
    `INSERT INTO role_settings (role, totp_required, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (role) DO UPDATE SET totp_required = excluded.totp_required, updated_at = excluded.updated_at`
  ).run(role, required ? 1 : 0, now);
}
