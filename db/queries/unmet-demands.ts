import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { unmetDemands } from '../schema.ts';

export function insertUnmetDemand(db: DbOrTx, row: typeof unmetDemands.$inferInsert): void {
  db.insert(unmetDemands).values(row).run();
}

export function listUnmetDemands(db: DbOrTx) {
  return db.select().from(unmetDemands).orderBy(desc(unmetDemands.createdAt)).all();
}
