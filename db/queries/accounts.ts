import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { accounts, apiTokens, organisations } from '../schema.ts';
import { prepared } from './prepared.ts';

export type AccountRow = typeof accounts.$inferSelect;

export function findOrganisationByName(db: DbOrTx, name: string) {
  return db.select().from(organisations).where(eq(organisations.name, name)).get();
}

export function insertOrganisation(db: DbOrTx, row: typeof organisations.$inferInsert) {
  return db.insert(organisations).values(row).returning().get();
}

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
