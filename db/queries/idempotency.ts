import type { DbOrTx } from '../client.ts';
import { idempotencyKeys } from '../schema.ts';
import { prepared } from '../prepared.ts';

export interface StoredAnswer {
  route: string;
  statusCode: number;
  response: unknown;
}

export function findIdempotentAnswer(db: DbOrTx, accountId: string, key: string): StoredAnswer | undefined {
  const row = prepared(db, `SELECT route, status_code AS statusCode, response FROM idempotency_keys WHERE account_id = ? AND key = ?`).get(accountId, key) as
    | { route: string; statusCode: number; response: string }
    | undefined;
  return row ? { route: row.route, statusCode: row.statusCode, response: JSON.parse(row.response) } : undefined;
}

export function saveIdempotentAnswer(db: DbOrTx, accountId: string, key: string, answer: StoredAnswer, at: number): void {
  db.insert(idempotencyKeys)
    .values({ accountId, key, route: answer.route, statusCode: answer.statusCode, response: JSON.stringify(answer.response), createdAt: at })
    .run();
}
