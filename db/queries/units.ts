import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { sites, units } from '../schema.ts';
import { cachedQuery } from './prepared.ts';

export type SiteRow = typeof sites.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export interface UnitWithSite extends UnitRow {
  site: SiteRow;
}

export function insertSite(db: DbOrTx, row: typeof sites.$inferInsert): SiteRow {
  return db.insert(sites).values(row).returning().get();
}

export function findSite(db: DbOrTx, id: string): SiteRow | undefined {
  return db.select().from(sites).where(eq(sites.id, id)).get();
}

/** The next creation-order number of a unit. */
export function nextUnitSeq(db: DbOrTx): number {
  const row = db.select({ max: sql<number | null>`max(${units.seq})` }).from(units).get();
  return (row?.max ?? 0) + 1;
}

export function insertUnit(db: DbOrTx, row: typeof units.$inferInsert): UnitRow {
  return db.insert(units).values(row).returning().get();
}

export function findUnitWithSite(db: DbOrTx, id: string): UnitWithSite | undefined {
  const q = cachedQuery(db, 'findUnitWithSite', () =>
    db.select().from(units).innerJoin(sites, eq(units.siteId, sites.id)).where(eq(units.id, sql.placeholder('id'))).prepare()
  );
  const row = q.get({ id });
  return row ? { ...row.units, site: row.sites } : undefined;
}

/** Active units with their sites, in creation order. */
export function listUnitsWithSites(db: DbOrTx, options: { includeConfidential: boolean }): UnitWithSite[] {
  const q = db.select().from(units).innerJoin(sites, eq(units.siteId, sites.id));
  const rows = (options.includeConfidential ? q.where(eq(units.active, true)) : q.where(sql`${units.active} = 1 AND ${sites.confidential} = 0`))
    .orderBy(asc(units.seq))
    .all();
  return rows.map((r) => ({ ...r.units, site: r.sites }));
}
