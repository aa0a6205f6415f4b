// Blocks: a unit out of service over some nights; the administration's list of current blocks.
import { and, asc, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { blocks } from '../schema.ts';
import { prepared } from '../prepared.ts';

export type BlockRow = typeof blocks.$inferSelect;

export function insertBlock(db: DbOrTx, row: typeof blocks.$inferInsert): BlockRow {
  return db.insert(blocks).values(row).returning().get();
}

export function listBlocksOverlapping(db: DbOrTx, from: string, to: string): BlockRow[] {
  return db.select().from(blocks).where(and(lt(blocks.start, to), gt(blocks.end, from))).orderBy(asc(blocks.start)).all();
}

export interface AdminBlockRow {
  id: string;
  unitId: string;
  unitName: string;
  siteName: string;
  start: string;
  end: string;
  reason: string;
  createdAt: number;
}

/** Blocks that still have a night from `night` on, the earliest first. */
export function listBlocksFrom(db: DbOrTx, night: string): AdminBlockRow[] {
  return prepared(
    db,
    `SELECT b.id, b.unit_id AS unitId, u.name AS unitName, s.name AS siteName, b.start_date AS start, b.end_date AS end,
            b.reason, b.created_at AS createdAt
       FROM blocks b JOIN units u ON u.id = b.unit_id JOIN sites s ON s.id = u.site_id
      WHERE b.end_date > ?
      ORDER BY b.start_date, u.seq`
  ).all(night) as AdminBlockRow[];
}

export function findBlock(db: DbOrTx, id: string): { id: string; unitId: string; start: string; end: string; reason: string } | undefined {
  return prepared(db, `SELECT id, unit_id AS unitId, start_date AS start, end_date AS end, reason FROM blocks WHERE id = ?`).get(id) as
    | { id: string; unitId: string; start: string; end: string; reason: string }
    | undefined;
}

export function deleteBlock(db: DbOrTx, id: string): void {
  prepared(db, `DELETE FROM blocks WHERE id = ?`).run(id);
}

export function setBlockEnd(db: DbOrTx, id: string, end: string): void {
  prepared(db, `UPDATE blocks SET end_date = ? WHERE id = ?`).run(end, id);
}
