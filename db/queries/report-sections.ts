// The rows the report's sections count (src/services/reports/sections.ts): departures and leases
// (the signs of an exit to housing), the stay starts of the households housed, referrals with their
// source, the DV protocol's stays, the housing mission's offers, leases and refusals, the social
// residence's units, nights, applications, and the territory's communes and placements.
// Counts and dates only: no name, no address. Instants are epoch ms, nights YYYY-MM-DD.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

/** The statuses whose nights a report counts, as SQL (src/domain/report-sections.ts REPORTED_STAY_STATUSES). */
const REPORTED = `('confirmed','in_place','ended')`;
/** The destinations that are an exit to housing, as SQL (src/domain/residence-codes.ts HOUSING_DESTINATIONS). */
const HOUSING = `('private_rental','social_housing')`;

export interface DepartureReadRow {
  householdId: string;
  date: string;
  /** Null: a check-out that did not say where the household went. */
  destination: string | null;
  programme: string;
}

/** A stay whose contract has a residence departure: that departure speaks for it (its service also writes its destination on the stay). */
const NOT_A_CONTRACT_DEPARTURE = `NOT EXISTS (SELECT 1 FROM residence_contracts c JOIN residence_departures d ON d.contract_id = c.id WHERE c.stay_id = s.id)`;

/**
 * The departures dated in [from, to), as the activity report counts its exits (docs/domain.md,
 * "Reports"): the ended stays whose departure day is there and that no later stay follows (the
 * hotel nights before the protocol's apartment are no departure), with the destination said at
 * check-out or null; and the residence's departures by their own date and destination. Each stay once.
 */
export function listDepartures(db: DbOrTx, from: string, to: string): DepartureReadRow[] {
  return prepared(
    db,
    `SELECT c.household_id AS householdId, d.date AS date, d.destination AS destination, 'social_residence' AS programme, 0 AS rank, c.stay_id AS stayId
       FROM residence_departures d JOIN residence_contracts c ON c.id = d.contract_id
      WHERE d.date >= @from AND d.date < @to
     UNION ALL
     SELECT s.household_id, s.end_date, s.destination, s.programme, 1, s.id
       FROM stays s
      WHERE s.status = 'ended' AND s.end_date >= @from AND s.end_date < @to AND ${NOT_A_CONTRACT_DEPARTURE}
        AND s.id NOT IN (SELECT f.previous_stay_id FROM stays f WHERE f.previous_stay_id IS NOT NULL AND f.status IN ${REPORTED})
      ORDER BY rank, date, stayId`
  ).all({ from, to }) as DepartureReadRow[];
}

/** The departures to housing dated before `before` of some households (their earlier exits), read by household. */
export function listHousingDeparturesOf(db: DbOrTx, householdIds: readonly string[], before: string): DepartureReadRow[] {
  if (householdIds.length === 0) return [];
  return prepared(
    db,
    `SELECT c.household_id AS householdId, d.date AS date, d.destination AS destination, 'social_residence' AS programme, 0 AS rank, c.stay_id AS stayId
       FROM json_each(@ids) j CROSS JOIN residence_contracts c ON c.household_id = j.value JOIN residence_departures d ON d.contract_id = c.id
      WHERE d.date < @before AND d.destination IN ${HOUSING}
     UNION ALL
     SELECT s.household_id, s.end_date, s.destination, s.programme, 1, s.id
       FROM json_each(@ids) j CROSS JOIN stays s ON s.household_id = j.value
      WHERE s.destination IN ${HOUSING} AND s.status IN ${REPORTED} AND s.end_date < @before AND ${NOT_A_CONTRACT_DEPARTURE}
      ORDER BY rank, date, stayId`
  ).all({ before, ids: JSON.stringify(householdIds) }) as DepartureReadRow[];
}

export interface LeaseReadRow {
  proposalId: string;
  applicantId: string;
  householdId: string | null;
  scheme: string;
  /** When the lease was signed (its step in the mission's history; the proposal's last change otherwise). */
  signedAt: number;
  /** When the offer was opened to proposals (its first 'open' step; its creation otherwise). */
  offeredAt: number;
}

/** Every lease signed before the instant `beforeMs`. */
export function listLeasesBefore(db: DbOrTx, beforeMs: number): LeaseReadRow[] {
  return prepared(
    db,
    `SELECT * FROM (
       SELECT p.id AS proposalId, p.applicant_id AS applicantId, a.household_id AS householdId, o.scheme AS scheme,
              coalesce((SELECT min(e.at) FROM mission_events e WHERE e.proposal_id = p.id AND e.status = 'lease_signed'), p.updated_at) AS signedAt,
              coalesce((SELECT min(e.at) FROM mission_events e WHERE e.offer_id = o.id AND e.proposal_id IS NULL AND e.status = 'open'), o.created_at) AS offeredAt
         FROM proposals p JOIN offers o ON o.id = p.offer_id JOIN applicants a ON a.id = p.applicant_id
        WHERE p.status = 'lease_signed')
      WHERE signedAt < @before
      ORDER BY signedAt, proposalId`
  ).all({ before: beforeMs }) as LeaseReadRow[];
}

export interface StayStartReadRow {
  householdId: string;
  start: string;
  programme: string;
}

/** The stay starts (counted statuses, any programme, any date) of some households. */
export function listStayStartsOf(db: DbOrTx, householdIds: readonly string[]): StayStartReadRow[] {
  if (householdIds.length === 0) return [];
  return prepared(
    db,
    `SELECT s.household_id AS householdId, s.start_date AS start, s.programme AS programme
       FROM json_each(@ids) j CROSS JOIN stays s ON s.household_id = j.value
      WHERE s.status IN ${REPORTED}
      ORDER BY s.household_id, s.start_date`
  ).all({ ids: JSON.stringify(householdIds) }) as StayStartReadRow[];
}

export interface ReferralReadRow {
  programme: string;
  /** The referring organisation's kind; null for a referral with no organisation. */
  kind: string | null;
  status: string;
  receivedAt: number;
  decidedAt: number | null;
  originCommune: string | null;
}

/** The referrals received in [fromMs, toMs). */
export function listReferralsReceived(db: DbOrTx, fromMs: number, toMs: number): ReferralReadRow[] {
  return prepared(
    db,
    `SELECT r.programme AS programme, o.kind AS kind, r.status AS status, r.received_at AS receivedAt, r.decided_at AS decidedAt, r.origin_commune AS originCommune
       FROM referrals r LEFT JOIN organisations o ON o.id = r.organisation_id
      WHERE r.received_at >= @from AND r.received_at < @to
      ORDER BY r.received_at, r.id`
  ).all({ from: fromMs, to: toMs }) as ReferralReadRow[];
}

export interface ProtocolStayReadRow {
  start: string;
  end: string;
  hotel: number;
  nightlyCostCents: number | null;
}

/** The DV protocol's stays (counted statuses) with a night in [from, to), hotel or not, with their frozen cost. */
export function listProtocolStays(db: DbOrTx, from: string, to: string): ProtocolStayReadRow[] {
  return prepared(
    db,
    `SELECT s.start_date AS start, s.end_date AS end, (si.kind = 'hotel') AS hotel, s.nightly_cost_cents AS nightlyCostCents
       FROM stays s JOIN units u ON u.id = s.unit_id JOIN sites si ON si.id = u.site_id
      WHERE s.programme = 'dv_protocol' AND s.status IN ${REPORTED} AND s.start_date < @to AND s.end_date > @from`
  ).all({ from, to }) as ProtocolStayReadRow[];
}

/** The offers created in [fromMs, toMs), counted by scheme and status as they stand. */
export function countOffersByScheme(db: DbOrTx, fromMs: number, toMs: number): { scheme: string; status: string; count: number }[] {
  return prepared(
    db,
    `SELECT scheme, status, count(*) AS count FROM offers WHERE created_at >= @from AND created_at < @to GROUP BY scheme, status ORDER BY scheme, status`
  ).all({ from: fromMs, to: toMs }) as { scheme: string; status: string; count: number }[];
}

/** The refusals recorded in [fromMs, toMs), counted by who refused and why. */
export function countRefusalsIn(db: DbOrTx, fromMs: number, toMs: number): { status: string; reason: string; count: number }[] {
  return prepared(
    db,
    `SELECT status, reason, count(*) AS count FROM (
       SELECT p.status AS status, coalesce(p.reason, '') AS reason,
              coalesce((SELECT max(e.at) FROM mission_events e WHERE e.proposal_id = p.id AND e.status = p.status), p.updated_at) AS at
         FROM proposals p WHERE p.status IN ('refused_by_household','refused_by_landlord'))
      WHERE at >= @from AND at < @to
      GROUP BY status, reason ORDER BY count(*) DESC, status, reason`
  ).all({ from: fromMs, to: toMs }) as { status: string; reason: string; count: number }[];
}

/** The units that serve the social residence (as the activity report's occupancy by programme counts them), whatever their state today. */
const RESIDENCE_UNITS = `SELECT u.id FROM units u WHERE EXISTS (SELECT 1 FROM json_each(u.programmes) p WHERE p.value = 'social_residence')`;

export function listResidenceUnitIds(db: DbOrTx): string[] {
  return prepared(db, `${RESIDENCE_UNITS} ORDER BY u.seq`).pluck().all() as string[];
}

export interface ApplicationReadRow {
  status: string;
  receivedAt: number;
  /** When it was admitted (its first 'admitted' step), if it was. */
  admittedAt: number | null;
  /** When it went on the waiting list (its last 'waiting_list' step), if it did. */
  waitingSince: number | null;
  originCommune: string | null;
}

/** Every residence application with the dates of its admission and of its place on the waiting list. */
export function listApplicationDates(db: DbOrTx): ApplicationReadRow[] {
  return prepared(
    db,
    `SELECT a.status AS status, a.received_at AS receivedAt, a.origin_commune AS originCommune,
            (SELECT min(e.at) FROM residence_application_events e WHERE e.application_id = a.id AND e.status = 'admitted') AS admittedAt,
            (SELECT max(e.at) FROM residence_application_events e WHERE e.application_id = a.id AND e.status = 'waiting_list') AS waitingSince
       FROM residence_applications a ORDER BY a.received_at, a.id`
  ).all() as ApplicationReadRow[];
}

/** The contracts of the residence that start in [from, to): the households who moved in. */
export function countContractsStarted(db: DbOrTx, from: string, to: string): number {
  return prepared(db, `SELECT count(*) FROM residence_contracts WHERE start_date >= @from AND start_date < @to`).pluck().get({ from, to }) as number;
}

/** The communes of the territory with their populations, by name. */
export function listCommunes(db: DbOrTx): { insee: string; name: string; population: number | null; populationYear: number | null }[] {
  return prepared(db, `SELECT insee, name, population, population_year AS populationYear FROM communes ORDER BY name, insee`).all() as {
    insee: string;
    name: string;
    population: number | null;
    populationYear: number | null;
  }[];
}

/** The households placed in [from, to) (a stay of a counted status starting there), each once per programme, with their commune of origin. */
export function listPlacements(db: DbOrTx, from: string, to: string): { householdId: string; programme: string; originCommune: string | null }[] {
  return prepared(
    db,
    `SELECT DISTINCT s.household_id AS householdId, s.programme AS programme, h.origin_commune AS originCommune
       FROM stays s JOIN households h ON h.id = s.household_id
      WHERE s.status IN ${REPORTED} AND s.start_date >= @from AND s.start_date < @to`
  ).all({ from, to }) as { householdId: string; programme: string; originCommune: string | null }[];
}
