// Accounts and their API tokens (never a token's digest in a list), sign-in accounts' emails, and
// what the administration lists and changes of them.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { accounts, apiTokens, organisations } from '../schema.ts';
import { prepared } from '../prepared.ts';

export type AccountRow = typeof accounts.$inferSelect;

export function insertAccount(db: DbOrTx, row: typeof accounts.$inferInsert): AccountRow {
  return db.insert(accounts).values(row).returning().get();
}

export function findAccountByEmail(db: DbOrTx, email: string): AccountRow | undefined {
  return db.select().from(accounts).where(eq(accounts.email, email)).get();
}

export function insertApiToken(db: DbOrTx, row: typeof apiTokens.$inferInsert) {
  return db.insert(apiTokens).values(row).returning().get();
}

/** The live account behind a token digest: the token not revoked, the account not disabled. */
export function findAccountByTokenDigest(db: DbOrTx, digest: string) {
  // Runs on every API request: a cached prepared statement, not a query built each time.
  return prepared(
    db,
    `SELECT t.id AS tokenId, t.last_used_at AS lastUsedAt, a.id AS accountId, a.role AS role, a.organisation_id AS organisationId
       FROM api_tokens t JOIN accounts a ON a.id = t.account_id
      WHERE t.digest = ? AND t.revoked_at IS NULL AND a.disabled_at IS NULL`
  ).get(digest) as { tokenId: string; lastUsedAt: number | null; accountId: string; role: string; organisationId: string | null } | undefined;
}

/** Records a token's last use, at most once a minute (a poller must not cost a write per request). */
export function touchApiToken(db: DbOrTx, tokenId: string, now: number): void {
  prepared(db, `UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`).run(now, tokenId, now - 60_000);
}

export function revokeApiToken(db: DbOrTx, tokenId: string, now: number): void {
  db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, tokenId)).run();
}

export interface AdminAccountRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
  organisationId: string | null;
  organisation: string | null;
  signIn: number;
  disabledAt: number | null;
  createdAt: number;
  liveTokens: number;
  totpEnabled: number;
  passwordChangeRequired: number;
}

export function listAccountsForAdmin(db: DbOrTx): AdminAccountRow[] {
  return prepared(
    db,
    `SELECT a.id, a.name, a.email, a.role, a.organisation_id AS organisationId, o.name AS organisation,
            (a.password_hash IS NOT NULL) AS signIn, a.disabled_at AS disabledAt, a.created_at AS createdAt,
            (SELECT count(*) FROM api_tokens t WHERE t.account_id = a.id AND t.revoked_at IS NULL) AS liveTokens,
            (x.totp_secret IS NOT NULL) AS totpEnabled, coalesce(x.password_change_required, 0) AS passwordChangeRequired
       FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN account_security x ON x.account_id = a.id
      ORDER BY a.disabled_at IS NOT NULL, a.role, a.name COLLATE NOCASE`
  ).all() as AdminAccountRow[];
}

export function findAccountForAdmin(db: DbOrTx, id: string): { id: string; role: string; organisationId: string | null; disabledAt: number | null } | undefined {
  return prepared(db, `SELECT id, role, organisation_id AS organisationId, disabled_at AS disabledAt FROM accounts WHERE id = ?`).get(id) as
    | { id: string; role: string; organisationId: string | null; disabledAt: number | null }
    | undefined;
}

export function setAccountRole(db: DbOrTx, id: string, role: string): void {
  prepared(db, `UPDATE accounts SET role = ? WHERE id = ?`).run(role, id);
}

export interface AdminTokenRow {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  role: string;
  organisation: string | null;
  accountDisabledAt: number | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Every API token without its digest: live ones first, the newest first. */
export function listTokensForAdmin(db: DbOrTx): AdminTokenRow[] {
  return prepared(
    db,
    `SELECT t.id, t.name, t.account_id AS accountId, a.name AS accountName, a.role, o.name AS organisation,
            a.disabled_at AS accountDisabledAt, t.created_at AS createdAt, t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt
       FROM api_tokens t JOIN accounts a ON a.id = t.account_id LEFT JOIN organisations o ON o.id = a.organisation_id
      ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`
  ).all() as AdminTokenRow[];
}

export function findTokenForAdmin(db: DbOrTx, id: string): { id: string; accountId: string; revokedAt: number | null } | undefined {
  return prepared(db, `SELECT id, account_id AS accountId, revoked_at AS revokedAt FROM api_tokens WHERE id = ?`).get(id) as
    | { id: string; accountId: string; revokedAt: number | null }
    | undefined;
}

export function findAccountForSignIn(db: DbOrTx, email: string) {
  return prepared(db, `SELECT id, role, password_hash AS passwordHash, disabled_at AS disabledAt FROM accounts WHERE email = ?`).get(email) as
    | { id: string; role: string; passwordHash: string | null; disabledAt: number | null }
    | undefined;
}

export function setAccountDisabled(db: DbOrTx, accountId: string, at: number | null): void {
  prepared(db, `UPDATE accounts SET disabled_at = ? WHERE id = ?`).run(at, accountId);
}

/** The emails of an organisation's enabled sign-in accounts. */
export function listOrganisationEmails(db: DbOrTx, organisationId: string): string[] {
  return db
    .select({ email: accounts.email })
    .from(accounts)
    .where(and(eq(accounts.organisationId, organisationId), isNull(accounts.disabledAt)))
    .all()
    .flatMap((r) => (r.email ? [r.email] : []));
}
