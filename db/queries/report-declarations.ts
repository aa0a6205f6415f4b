// The public report's and the declarations' reads: counts only (no name, no address), stays that
// took place or are booked (confirmed, in place, ended), units with their dated periods, blocks,
// and the referrals received from the SIAO. The figures are computed in the services.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

/** Stays that took place or are booked (confirmed, in place, ended) counted by reports. */
const COUNTED = `s.status IN ('confirmed','in_place','ended')`;

export interface ReportStayRow {
  householdId: string;
  /** The together group, else the stay's own id. */
  stayGroup: string;
  programme: string;
  confidentialSite: number;
  siteKind: string;
  unitId: string;
  start: string;
  end: string;
  /** The stay's persons: its own share when placed together, else the household's. */
  persons: number;
  householdPersons: number;
  nightlyCostCents: number | null;
}

/**
 * Counted stays that have a night in [from, to) or end in it (an end on `from` is a departure in the
 * period), with what reports count them by. `programme` narrows to one programme when given.
 */
export function listReportStays(db: DbOrTx, from: string, to: string, programme: string | null = null): ReportStayRow[] {
  return prepared(
    db,
    `SELECT s.household_id AS householdId, coalesce(s.together_group, s.id) AS stayGroup, s.programme,
            si.confidential AS confidentialSite, si.kind AS siteKind, s.unit_id AS unitId,
            s.start_date AS start, s.end_date AS end,
            coalesce(s.adults + s.children, h.adults + h.children) AS persons, h.adults + h.children AS householdPersons,
            s.nightly_cost_cents AS nightlyCostCents
       FROM stays s
       JOIN units u ON u.id = s.unit_id
       JOIN sites si ON si.id = u.site_id
       JOIN households h ON h.id = s.household_id
      WHERE ${COUNTED} AND s.start_date < @to AND s.end_date >= @from
        AND (@programme IS NULL OR s.programme = @programme)`
  ).all({ from, to, programme }) as ReportStayRow[];
}

export interface ReportUnitRow {
  id: string;
  name: string;
  capacity: number;
  /** JSON array of programmes. */
  programmes: string;
  siteName: string;
  commune: string;
  confidential: number;
}

/** Every unit (in service or not today: its dated periods say when it was), in creation order. */
export function listReportUnits(db: DbOrTx): ReportUnitRow[] {
  return prepared(
    db,
    `SELECT u.id, u.name, u.capacity, u.programmes, s.name AS siteName, s.commune, s.confidential
       FROM units u JOIN sites s ON s.id = u.site_id ORDER BY u.seq`
  ).all() as ReportUnitRow[];
}

/** Blocks that share a night with [from, to). */
export function listReportBlocks(db: DbOrTx, from: string, to: string): { unitId: string; start: string; end: string }[] {
  return prepared(db, `SELECT unit_id AS unitId, start_date AS start, end_date AS end FROM blocks WHERE start_date < ? AND end_date > ?`).all(to, from) as {
    unitId: string;
    start: string;
    end: string;
  }[];
}

export interface SiaoReferralRow {
  programme: string;
  status: string;
  receivedAt: number;
}

/** Referrals received in [fromMs, toMs) from an organisation of kind 'siao_115'. */
export function listSiaoReferrals(db: DbOrTx, fromMs: number, toMs: number): SiaoReferralRow[] {
  return prepared(
    db,
    `SELECT r.programme, r.status, r.received_at AS receivedAt
       FROM referrals r JOIN organisations o ON o.id = r.organisation_id
      WHERE o.kind = 'siao_115' AND r.received_at >= ? AND r.received_at < ?`
  ).all(fromMs, toMs) as SiaoReferralRow[];
}
