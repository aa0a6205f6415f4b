import { and, asc, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { blocks } from '../schema.ts';

export type BlockRow = typeof blocks.$inferSelect;

export function insertBlock(db: DbOrTx, row: typeof blocks.$inferInsert): BlockRow {
  return db.insert(blocks).values(row).returning().get();
}

export function listBlocksOverlapping(db: DbOrTx, from: string, to: string): BlockRow[] {
  return db.select().from(blocks).where(and(lt(blocks.start, to), gt(blocks.end, from))).orderBy(asc(blocks.start)).all();
}
