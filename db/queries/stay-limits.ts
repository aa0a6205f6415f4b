// The longest stay of each programme on each kind of site.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { stayLimits } from '../schema.ts';
import { cachedQuery } from '../prepared.ts';

/** The longest stay of a programme on a kind of site, or null when none is recorded. */
export function findStayLimit(db: DbOrTx, programme: string, siteKind: string): number | null {
  const row = cachedQuery(db, 'findStayLimit', () =>
    db
      .select({ maxNights: stayLimits.maxNights })
      .from(stayLimits)
      .where(and(eq(stayLimits.programme, sql.placeholder('programme')), eq(stayLimits.siteKind, sql.placeholder('siteKind'))))
      .prepare()
  ).get({ programme, siteKind });
  return row?.maxNights ?? null;
}

export function listStayLimits(db: DbOrTx) {
  return db.select().from(stayLimits).orderBy(asc(stayLimits.programme), asc(stayLimits.siteKind)).all();
}

export function upsertStayLimit(db: DbOrTx, programme: string, siteKind: string, maxNights: number, at: number): void {
  db.insert(stayLimits)
    .values({ programme, siteKind, maxNights, updatedAt: at })
    .onConflictDoUpdate({ target: [stayLimits.programme, stayLimits.siteKind], set: { maxNights, updatedAt: at } })
    .run();
}
