// A token's account is kept per connection between requests (a poller costs a lookup, not a query),
// and never once anything could have changed it: a revocation, a disabled account or a changed role
// takes effect on the very next request, whoever wrote it: this connection through the services, this
// connection by hand, or another process.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { authenticateToken } from '#services/accounts.ts';
import { revokeToken } from '#services/admin.ts';
import { makeAccounts, makeTestDb, type TestDb } from '../support/fixtures.ts';

let t: TestDb;
let accounts: ReturnType<typeof makeAccounts>;
beforeEach(() => {
  t = makeTestDb();
  accounts = makeAccounts(t.db);
});
afterEach(() => t.cleanup());

function tokenId(token: string): string {
  return t.db.$client.prepare(`SELECT t.id FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE a.id = ?`).pluck().get(accounts.partner.actor.accountId) as string;
}

test('a token revoked through the service is refused on the next request', () => {
  const { token } = accounts.partner;
  expect(authenticateToken(t.db, token, null)?.role).toBe('partner');
  expect(authenticateToken(t.db, token, null)?.role).toBe('partner'); // kept
  revokeToken(t.db, accounts.admin.actor, tokenId(token));
  expect(authenticateToken(t.db, token, null)).toBeNull();
});

test('a token revoked by another process (another connection to the file) is refused on the next request', () => {
  const { token } = accounts.partner;
  expect(authenticateToken(t.db, token, null)?.role).toBe('partner');
  expect(authenticateToken(t.db, token, null)?.role).toBe('partner');
  const other = new Database(t.path);
  try {
    other.prepare(`UPDATE api_tokens SET revoked_at = 1 WHERE id = ?`).run(tokenId(token));
  } finally {
    other.close();
  }
  expect(authenticateToken(t.db, token, null)).toBeNull();
});

test('an account disabled or given another role by a plain statement on this connection counts at once', () => {
  const { token, actor } = accounts.housing_officer;
  expect(authenticateToken(t.db, token, null)?.role).toBe('housing_officer');
  expect(authenticateToken(t.db, token, null)?.role).toBe('housing_officer');
  // Not through a write transaction of the services: no write count moves, only the rows.
  t.db.$client.prepare(`UPDATE accounts SET role = 'duty_officer' WHERE id = ?`).run(actor.accountId);
  expect(authenticateToken(t.db, token, null)?.role).toBe('duty_officer');
  t.db.$client.prepare(`UPDATE accounts SET disabled_at = 1 WHERE id = ?`).run(actor.accountId);
  expect(authenticateToken(t.db, token, null)).toBeNull();
});

test('unknown and malformed tokens are refused however often they are tried, and the known ones still work', () => {
  for (let i = 0; i < 3; i++) {
    expect(authenticateToken(t.db, `heb_${'x'.repeat(43)}`, null)).toBeNull();
    expect(authenticateToken(t.db, '', null)).toBeNull();
    expect(authenticateToken(t.db, 'y'.repeat(201), null)).toBeNull();
  }
  for (const { token, actor } of Object.values(accounts)) expect(authenticateToken(t.db, token, '10.0.0.1')).toEqual({ ...actor, ip: '10.0.0.1' });
});
