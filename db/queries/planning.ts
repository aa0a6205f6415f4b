// The planning: units × nights. Two statements per request, whatever the number of units and
// nights: the active units with their sites, then the stays and blocks that touch the window.
import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

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
export function listPlanningUnits(db: DbOrTx): PlanningUnitRow[] {
  return prepared(
    db,
    `SELECT u.id, u.name, u.capacity, u.typology, u.accessible, u.programmes,
            s.id AS siteId, s.name AS siteName, s.commune, s.confidential
       FROM units u JOIN sites s ON s.id = u.site_id
      WHERE u.active = 1
      ORDER BY min(u.seq) OVER (PARTITION BY s.id), u.seq`
  ).all() as PlanningUnitRow[];
}

export interface PlanningItemRow {
  kind: 'stay' | 'block';
  id: string;
  unitId: string;
  start: string;
  end: string;
  /** A stay's stored status (a hold may be past its expiry: the service decides); null for a block. */
  status: string | null;
  holdExpiresAt: number | null;
  programme: string | null;
  /** The household's real name: the service decides whether anyone sees it. */
  label: string | null;
  pseudonym: string | null;
  confidential: number | null;
  adults: number | null;
  children: number | null;
  /** A block's reason. */
  reason: string | null;
}

export interface PlanningItemQuery {
  from: string;
  to: string;
  now: number;
  siteId: string | null;
  programme: string | null;
}

/**
 * The stays that occupy or occupied nights (live, holds not yet expired, and ended) and the blocks
 * that share a night with [from, to), on the active units the filters keep; ordered by unit and start.
 * Cancelled, lapsed and no-show stays used no night and are left out.
 */
export function listPlanningItems(db: DbOrTx, q: PlanningItemQuery): PlanningItemRow[] {
  return prepared(
    db,
    `WITH kept AS (
       SELECT u.id FROM units u
        WHERE u.active = 1
          AND (@siteId IS NULL OR u.site_id = @siteId)
          AND (@programme IS NULL OR EXISTS (SELECT 1 FROM json_each(u.programmes) p WHERE p.value = @programme))
     )
     SELECT 'stay' AS kind, st.id, st.unit_id AS unitId, st.start_date AS start, st.end_date AS "end",
            st.status, st.hold_expires_at AS holdExpiresAt, st.programme,
            h.label, h.pseudonym, h.confidential, h.adults, h.children, NULL AS reason
       FROM stays st JOIN households h ON h.id = st.household_id
      WHERE st.unit_id IN (SELECT id FROM kept)
        -- "+": the status index would scan every stay of those statuses; the (unit, end, start)
        -- index reaches the window's stays of each unit directly.
        AND +st.status IN ('hold','confirmed','in_place','ended')
        AND (st.status <> 'hold' OR st.hold_expires_at > @now)
        AND st.start_date < @to AND st.end_date > @from
     UNION ALL
     SELECT 'block', b.id, b.unit_id, b.start_date, b.end_date,
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, b.reason
       FROM blocks b
      WHERE b.unit_id IN (SELECT id FROM kept)
        AND b.start_date < @to AND b.end_date > @from
      ORDER BY unitId, start, kind`
  ).all({ from: q.from, to: q.to, now: q.now, siteId: q.siteId, programme: q.programme }) as PlanningItemRow[];
}
