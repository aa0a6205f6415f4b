// The activity report's reads: a few set-based statements over a period [from, to) that return the
// rows the report counts (src/services/reports/activity.ts does the counting). Never one query per
// unit or per night.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

/** The statuses whose nights count as provided: booked ahead, in place, or past (docs/domain.md, "Reports"). */
const COUNTED = `('confirmed','in_place','ended')`;

export interface ReportStayRow {
  id: string;
  unitId: string;
  householdId: string;
  programme: string;
  start: string;
  end: string;
  status: 'confirmed' | 'in_place' | 'ended';
  togetherGroup: string | null;
  /** The persons the stay holds: its own adults and children when placed together, else the household's. */
  persons: number;
  /** The household's composition (each household is counted once with it). */
  householdAdults: number;
  householdChildren: number;
  destination: string | null;
  /** The stay this one follows on a path (the protocol's apartment after its hotel nights), or null. */
  previousStayId: string | null;
}

/**
 * The counted stays (confirmed, in place, ended) that share a night with [from, to) or whose
 * departure day falls in it (end >= from), with the persons each holds. Nearly every stay is of a
 * counted status, so the table is scanned (`+status` keeps SQLite off the status index).
 */
export function listReportStays(db: DbOrTx, from: string, to: string): ReportStayRow[] {
  return prepared(
    db,
    `SELECT s.id, s.unit_id AS unitId, s.household_id AS householdId, s.programme, s.start_date AS start, s.end_date AS end, s.status,
            s.together_group AS togetherGroup,
            CASE WHEN s.together_group IS NOT NULL AND s.adults IS NOT NULL THEN s.adults + coalesce(s.children, 0) ELSE h.adults + h.children END AS persons,
            h.adults AS householdAdults, h.children AS householdChildren, s.destination, s.previous_stay_id AS previousStayId
       FROM stays s JOIN households h ON h.id = s.household_id
      WHERE +s.status IN ${COUNTED} AND s.start_date < @to AND s.end_date >= @from`
  ).all({ from, to }) as ReportStayRow[];
}

/**
 * The stays that a later counted stay follows (the apartment after the protocol's hotel nights),
 * among those that end after `from`: their departure is a move, not an exit.
 */
export function listFollowedStays(db: DbOrTx, from: string): string[] {
  return prepared(db, `SELECT previous_stay_id FROM stays WHERE previous_stay_id IS NOT NULL AND +status IN ${COUNTED} AND end_date > ?`).pluck().all(from) as string[];
}

export interface ReportUnitRow {
  id: string;
  seq: number;
  name: string;
  siteId: string;
  siteName: string;
  commune: string;
  confidential: number;
  /** JSON array of the programmes the unit serves. */
  programmes: string;
}

/** Every unit with its site, in site name then creation order. */
export function listReportUnits(db: DbOrTx): ReportUnitRow[] {
  return prepared(
    db,
    `SELECT u.id, u.seq, u.name, u.site_id AS siteId, s.name AS siteName, s.commune, s.confidential, u.programmes
       FROM units u JOIN sites s ON s.id = u.site_id
      ORDER BY s.name, s.id, u.seq`
  ).all() as ReportUnitRow[];
}

export interface ReportRangeRow {
  unitId: string;
  start: string;
  /** null: still running (an open-ended period). */
  end: string | null;
}

/** The 'active' periods (a unit in service) that share a night with [from, to). */
export function listActivePeriods(db: DbOrTx, from: string, to: string): ReportRangeRow[] {
  return prepared(
    db,
    `SELECT unit_id AS unitId, start_date AS start, end_date AS end FROM unit_periods
      WHERE kind = 'active' AND start_date < ? AND (end_date IS NULL OR end_date > ?)`
  ).all(to, from) as ReportRangeRow[];
}

/** The blocks (a unit out of service) that share a night with [from, to). */
export function listReportBlocks(db: DbOrTx, from: string, to: string): ReportRangeRow[] {
  return prepared(db, `SELECT unit_id AS unitId, start_date AS start, end_date AS end FROM blocks WHERE start_date < ? AND end_date > ?`).all(to, from) as ReportRangeRow[];
}

export interface ReportUnmetRow {
  id: string;
  programme: string;
  reason: string;
  referralId: string | null;
  /** The referral's status now, when the demand came from one. */
  referralStatus: string | null;
  start: string;
  end: string;
  persons: number;
  accessible: number;
  createdBy: string | null;
  createdAt: number;
}

/** The unmet demands whose first night asked falls in [from, to), oldest first. */
export function listReportUnmet(db: DbOrTx, from: string, to: string): ReportUnmetRow[] {
  return prepared(
    db,
    `SELECT d.id, d.programme, d.reason, d.referral_id AS referralId, r.status AS referralStatus, d.start_date AS start, d.end_date AS end,
            d.persons, d.accessible, d.created_by AS createdBy, d.created_at AS createdAt
       FROM unmet_demands d LEFT JOIN referrals r ON r.id = d.referral_id
      WHERE d.start_date >= ? AND d.start_date < ?
      ORDER BY d.created_at, d.id`
  ).all(from, to) as ReportUnmetRow[];
}

export interface ReportReferralRow {
  programme: string;
  status: string;
  receivedAt: number;
  decidedAt: number | null;
}

/** The referrals received in [fromMs, toMs) (instants: the period's first and last day's start in Paris). */
export function listReportReferrals(db: DbOrTx, fromMs: number, toMs: number): ReportReferralRow[] {
  return prepared(
    db,
    `SELECT programme, status, received_at AS receivedAt, decided_at AS decidedAt FROM referrals WHERE received_at >= ? AND received_at < ?`
  ).all(fromMs, toMs) as ReportReferralRow[];
}
