// Sites and units: the inventory, with what each reader needs of it: the admin's list (inactive
// units included), the planning's rows (one statement whatever the number of units), the
// availability's and tonight's units with their busy intervals over a window (one query per
// request), and the administration's counts.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { sites, units } from '../schema.ts';
import { cachedQuery, prepared } from '../prepared.ts';
import { BLOCKS_NIGHTS_AT_NOW, SHARES_A_NIGHT_WITH_WINDOW, dateOfDay } from './calendar-index.ts';
import type { UnitPeriodKind } from '#domain/territory.ts';

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

/** Inserts a unit and opens its first 'active' period on `openFrom` (the night it enters service). */
export function insertUnit(db: DbOrTx, row: typeof units.$inferInsert, openFrom: string): UnitRow {
  const unit = db.insert(units).values(row).returning().get();
  if (unit.active) setUnitPeriod(db, unit.id, 'active', true, openFrom);
  if (unit.alt) setUnitPeriod(db, unit.id, 'alt', true, openFrom);
  return unit;
}

/**
 * Opens or closes a unit's dated period of a kind from `night` on: closing ends the running period
 * the night before `night` (a period that would be left empty is removed); opening starts one on
 * `night` (or resumes a period that ended exactly then). Doing what is already so changes nothing.
 */
export function setUnitPeriod(db: DbOrTx, unitId: string, kind: UnitPeriodKind, on: boolean, night: string): void {
  const running = prepared(db, `SELECT id, start_date AS start FROM unit_periods WHERE unit_id = ? AND kind = ? AND end_date IS NULL`).get(unitId, kind) as
    | { id: number; start: string }
    | undefined;
  if (on) {
    if (running) return;
    const resumed = prepared(db, `UPDATE unit_periods SET end_date = NULL WHERE unit_id = ? AND kind = ? AND end_date = ?`).run(unitId, kind, night);
    if (resumed.changes === 0) prepared(db, `INSERT INTO unit_periods (unit_id, kind, start_date, end_date) VALUES (?, ?, ?, NULL)`).run(unitId, kind, night);
    return;
  }
  if (!running) return;
  if (running.start >= night) prepared(db, `DELETE FROM unit_periods WHERE id = ?`).run(running.id);
  else prepared(db, `UPDATE unit_periods SET end_date = ? WHERE id = ?`).run(night, running.id);
}

export interface UnitPeriodRow {
  unitId: string;
  kind: UnitPeriodKind;
  start: string;
  end: string | null;
}

/** Every dated period of every unit that shares a night with [from, to), in unit then start order. */
export function listUnitPeriods(db: DbOrTx, from: string, to: string): UnitPeriodRow[] {
  return prepared(
    db,
    `SELECT unit_id AS unitId, kind, start_date AS start, end_date AS end FROM unit_periods
      WHERE start_date < ? AND (end_date IS NULL OR end_date > ?) ORDER BY unit_id, kind, start_date`
  ).all(to, from) as UnitPeriodRow[];
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

export interface AdminSiteRow {
  id: string;
  name: string;
  commune: string;
  address: string;
  confidential: number;
  kind: string;
}

export function listSitesForAdmin(db: DbOrTx): AdminSiteRow[] {
  return prepared(db, `SELECT id, name, commune, address, confidential, kind FROM sites ORDER BY name COLLATE NOCASE, id`).all() as AdminSiteRow[];
}

export interface AdminUnitRow {
  id: string;
  siteId: string;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: number;
  programmes: string;
  nightlyCostCents: number | null;
  reservedFor: string | null;
  active: number;
  alt: number;
}

/** Every unit, active or not, in creation order. */
export function listUnitsForAdmin(db: DbOrTx): AdminUnitRow[] {
  return prepared(
    db,
    `SELECT id, site_id AS siteId, name, capacity, typology, accessible, programmes, nightly_cost_cents AS nightlyCostCents, reserved_for AS reservedFor, active, alt
       FROM units ORDER BY seq`
  ).all() as AdminUnitRow[];
}

export function findUnitForAdmin(db: DbOrTx, id: string): AdminUnitRow | undefined {
  return prepared(
    db,
    `SELECT id, site_id AS siteId, name, capacity, typology, accessible, programmes, nightly_cost_cents AS nightlyCostCents, reserved_for AS reservedFor, active, alt
       FROM units WHERE id = ?`
  ).get(id) as AdminUnitRow | undefined;
}

/** Puts a unit in or out of service from `night` on, keeping its dated 'active' periods in step. */
export function setUnitActive(db: DbOrTx, id: string, active: boolean, night: string): void {
  prepared(db, `UPDATE units SET active = ? WHERE id = ?`).run(active ? 1 : 0, id);
  setUnitPeriod(db, id, 'active', active, night);
}

/**
 * Moves the start of a unit's running period of a kind back to `night` (a unit entered in the
 * records after it came into service: the demo's history, an inventory typed in late). Only a
 * running period that starts after `night` moves; false when there is none.
 */
export function backdateUnitPeriod(db: DbOrTx, unitId: string, kind: UnitPeriodKind, night: string): boolean {
  return (
    prepared(db, `UPDATE unit_periods SET start_date = ? WHERE unit_id = ? AND kind = ? AND end_date IS NULL AND start_date > ?`).run(night, unitId, kind, night)
      .changes === 1
  );
}

/** Puts a unit under the ALT grant (or takes it out) from `night` on, keeping its dated 'alt' periods in step. */
export function setUnitAlt(db: DbOrTx, id: string, alt: boolean, night: string): void {
  prepared(db, `UPDATE units SET alt = ? WHERE id = ?`).run(alt ? 1 : 0, id);
  setUnitPeriod(db, id, 'alt', alt, night);
}

/** The public a unit is reserved for (null: none). */
export function setUnitReservedFor(db: DbOrTx, id: string, reservedFor: string | null): void {
  prepared(db, `UPDATE units SET reserved_for = ? WHERE id = ?`).run(reservedFor, id);
}

export interface AdminCounts {
  sites: number;
  activeUnits: number;
  accounts: number;
  liveTokens: number;
  blocks: number;
}

export function countForAdmin(db: DbOrTx, night: string): AdminCounts {
  return prepared(
    db,
    `SELECT (SELECT count(*) FROM sites) AS sites,
            (SELECT count(*) FROM units WHERE active = 1) AS activeUnits,
            (SELECT count(*) FROM accounts WHERE disabled_at IS NULL AND password_hash IS NOT NULL) AS accounts,
            (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL) AS liveTokens,
            (SELECT count(*) FROM blocks WHERE end_date > ?) AS blocks`
  ).get(night) as AdminCounts;
}

export interface PlanningUnitRow {
  id: string;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: number;
  /** JSON array of programmes. */
  programmes: string;
  siteId: string;
  siteName: string;
  commune: string;
  confidential: number;
}

/** Every active unit with its site (never the address): sites in the order of their first unit, units in creation order. */
/** The active units of every site (or of one), sites in the order of their first unit, units in order. */
export function listPlanningUnits(db: DbOrTx, siteId: string | null): PlanningUnitRow[] {
  if (siteId !== null) {
    return prepared(
      db,
      `SELECT u.id, u.name, u.capacity, u.typology, u.accessible, u.programmes,
              s.id AS siteId, s.name AS siteName, s.commune, s.confidential
         FROM units u JOIN sites s ON s.id = u.site_id
        WHERE u.site_id = ? AND u.active = 1
        ORDER BY u.seq`
    ).all(siteId) as PlanningUnitRow[];
  }
  return prepared(
    db,
    `SELECT u.id, u.name, u.capacity, u.typology, u.accessible, u.programmes,
            s.id AS siteId, s.name AS siteName, s.commune, s.confidential
       FROM units u JOIN sites s ON s.id = u.site_id
      WHERE u.active = 1
      ORDER BY min(u.seq) OVER (PARTITION BY s.id), u.seq`
  ).all() as PlanningUnitRow[];
}

/** The sites with an active unit, in the order of their first unit (the planning's site filter). */
export function listPlanningSites(db: DbOrTx): { id: string; name: string; commune: string }[] {
  return prepared(
    db,
    `SELECT s.id, s.name, s.commune FROM sites s JOIN units u ON u.site_id = s.id
      WHERE u.active = 1
      GROUP BY s.id
      ORDER BY min(u.seq)`
  ).all() as { id: string; name: string; commune: string }[];
}

export interface BoardUnitRow {
  id: string;
  seq: number;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: number;
  /** JSON array of programmes. */
  programmes: string;
  siteName: string;
  commune: string;
  busyStart: string | null;
  busyEnd: string | null;
  /** When the busy interval is a hold: the epoch ms at which it lapses (the unit is free again). */
  busyUntil: number | null;
}

/**
 * Active units with the live stays (holds not yet lapsed) and blocks that touch [from, to): one row
 * per (unit, busy interval), a unit with none has one row with null bounds; ordered by unit.
 */
export function listUnitsWithBusyWindow(db: DbOrTx, q: { from: string; to: string; now: number }): BoardUnitRow[] {
  const rows = prepared(
    db,
    `WITH busy AS MATERIALIZED (
       SELECT c.unit_lo AS seq, c.first_night AS first, c.last_night AS last, CASE WHEN c.kind_lo = 3 THEN c.hold_until END AS until
         FROM calendar_index c
        WHERE ${SHARES_A_NIGHT_WITH_WINDOW} AND ${BLOCKS_NIGHTS_AT_NOW}
     )
     SELECT u.id, u.seq, u.name, u.capacity, u.typology, u.accessible, u.programmes, s.name AS siteName, s.commune,
            b.first AS busyStart, b.last AS busyEnd, b.until AS busyUntil
       FROM units u
       JOIN sites s ON s.id = u.site_id
       LEFT JOIN busy b ON b.seq = u.seq
      WHERE u.active = 1
      ORDER BY u.seq, b.first`
  ).all({ from: q.from, to: q.to, now: q.now }) as (Omit<BoardUnitRow, 'busyStart' | 'busyEnd'> & { busyStart: number | string | null; busyEnd: number | string | null })[];
  for (const r of rows) {
    if (r.busyStart === null) continue;
    r.busyStart = dateOfDay(r.busyStart as number);
    r.busyEnd = dateOfDay((r.busyEnd as number) + 1);
  }
  return rows as BoardUnitRow[];
}

export interface UnitBusyRow {
  id: string;
  seq: number;
  name: string;
  capacity: number;
  accessible: number;
  programmes: string;
  nightlyCostCents: number | null;
  siteId: string;
  commune: string;
  confidential: number;
  siteKind: string;
  /** The stay limit of `programme` on the unit's kind of site, when a programme was given. */
  maxNights: number | null;
  busyStart: string | null;
  busyEnd: string | null;
}

export interface UnitBusyQuery {
  from: string;
  to: string;
  now: number;
  programme?: string | null;
  minCapacity?: number | null;
  accessible?: boolean;
}

// The window's busy rows come from the calendar's interval index, every unit at once (what the
// window holds, whatever the bookings before or after it), then meet their units.
const UNITS_WITH_BUSY = `
WITH busy AS MATERIALIZED (
  SELECT c.unit_lo AS seq, c.first_night AS first, c.last_night AS last FROM calendar_index c
   WHERE ${SHARES_A_NIGHT_WITH_WINDOW} AND ${BLOCKS_NIGHTS_AT_NOW}
)
SELECT u.id, u.seq, u.name, u.capacity, u.accessible, u.programmes, u.nightly_cost_cents AS nightlyCostCents, s.id AS siteId, s.commune, s.confidential, s.kind AS siteKind,
       l.max_nights AS maxNights, b.first AS busyStart, b.last AS busyEnd
  FROM units u
  JOIN sites s ON s.id = u.site_id
  LEFT JOIN stay_limits l ON l.programme = @programme AND l.site_kind = s.kind
  LEFT JOIN busy b ON b.seq = u.seq
 WHERE u.active = 1
   AND (@programme IS NULL OR EXISTS (SELECT 1 FROM json_each(u.programmes) p WHERE p.value = @programme))
   AND (@minCapacity IS NULL OR u.capacity >= @minCapacity)
   AND (@accessible = 0 OR u.accessible = 1)
 ORDER BY u.seq`;

/** Rows of (unit, busy interval); a unit with no busy interval has one row with null bounds. */
export function listUnitsWithBusy(db: DbOrTx, q: UnitBusyQuery): UnitBusyRow[] {
  const rows = prepared(db, UNITS_WITH_BUSY).all({
    from: q.from,
    to: q.to,
    now: q.now,
    programme: q.programme ?? null,
    minCapacity: q.minCapacity ?? null,
    accessible: q.accessible ? 1 : 0
  }) as (Omit<UnitBusyRow, 'busyStart' | 'busyEnd'> & { busyStart: number | string | null; busyEnd: number | string | null })[];
  // The index holds day numbers: [first, last] becomes [start, end).
  for (const r of rows) {
    if (r.busyStart === null) continue;
    r.busyStart = dateOfDay(r.busyStart as number);
    r.busyEnd = dateOfDay((r.busyEnd as number) + 1);
  }
  return rows as UnitBusyRow[];
}

export type AvailabilityUnitRow = Omit<UnitBusyRow, 'busyStart' | 'busyEnd'>;

/** The active units an availability query keeps (programme, capacity, accessibility), in creation order. */
export function listAvailabilityUnits(db: DbOrTx, q: Pick<UnitBusyQuery, 'programme' | 'minCapacity' | 'accessible'>): AvailabilityUnitRow[] {
  return prepared(
    db,
    `SELECT u.id, u.seq, u.name, u.capacity, u.accessible, u.programmes, u.nightly_cost_cents AS nightlyCostCents, s.id AS siteId, s.commune, s.confidential, s.kind AS siteKind,
            l.max_nights AS maxNights
       FROM units u
       JOIN sites s ON s.id = u.site_id
       LEFT JOIN stay_limits l ON l.programme = @programme AND l.site_kind = s.kind
      WHERE u.active = 1
        AND (@programme IS NULL OR EXISTS (SELECT 1 FROM json_each(u.programmes) p WHERE p.value = @programme))
        AND (@minCapacity IS NULL OR u.capacity >= @minCapacity)
        AND (@accessible = 0 OR u.accessible = 1)
      ORDER BY u.seq`
  ).all({ programme: q.programme ?? null, minCapacity: q.minCapacity ?? null, accessible: q.accessible ? 1 : 0 }) as AvailabilityUnitRow[];
}
