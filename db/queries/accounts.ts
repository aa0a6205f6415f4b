import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { accounts, apiTokens, organisations } from '../schema.ts';

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
  return db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      accountId: accounts.id,
      role: accounts.role,
      organisationId: accounts.organisationId
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(apiTokens.accountId, accounts.id))
    .where(and(eq(apiTokens.digest, digest), isNull(apiTokens.revokedAt), isNull(accounts.disabledAt)))
    .get();
}

/** Records a token's last use, at most once a minute (a poller must not cost a write per request). */
export function touchApiToken(db: DbOrTx, tokenId: string, now: number): void {
  db.update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - 60_000))))
    .run();
}

export function revokeApiToken(db: DbOrTx, tokenId: string, now: number): void {
  db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, tokenId)).run();
}
