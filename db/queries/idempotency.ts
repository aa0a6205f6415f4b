import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { idempotencyKeys } from '../schema.ts';

export interface StoredAnswer {
  route: string;
  statusCode: number;
  response: unknown;
}

export function findIdempotentAnswer(db: DbOrTx, accountId: string, key: string): StoredAnswer | undefined {
  const row = db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)))
    .get();
  return row ? { route: row.route, statusCode: row.statusCode, response: JSON.parse(row.response) } : undefined;
}

export function saveIdempotentAnswer(db: DbOrTx, accountId: string, key: string, answer: StoredAnswer, at: number): void {
  db.insert(idempotencyKeys)
    .values({ accountId, key, route: answer.route, statusCode: answer.statusCode, response: JSON.stringify(answer.response), createdAt: at })
    .run();
}
