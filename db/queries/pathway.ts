// A household's pathway: the rows of every programme that tell where it came from and where it went
// (referrals, stays, residence applications and their decisions, contracts, departures, the housing
// mission's applicants, proposals and leases). Ids, dates and codes only: never a name.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export interface PathwayReferralRow {
  id: string;
  programme: string;
  status: string;
  receivedAt: number;
  /** The stay it led to (its own link, or a stay that names it). */
  stayId: string | null;
}

/** The referrals that led to one of the household's stays (a referral knows a household only through its stay). */
export function listPathwayReferrals(db: DbOrTx, householdId: string): PathwayReferralRow[] {
  return prepared(
    db,
    `SELECT r.id, r.programme, r.status, r.received_at AS receivedAt,
            coalesce(r.stay_id, (SELECT s2.id FROM stays s2 WHERE s2.referral_id = r.id AND s2.household_id = @h ORDER BY s2.created_at LIMIT 1)) AS stayId
       FROM referrals r
      WHERE r.id IN (SELECT referral_id FROM stays WHERE household_id = @h AND referral_id IS NOT NULL)
         OR r.stay_id IN (SELECT id FROM stays WHERE household_id = @h)
      ORDER BY r.received_at, r.id`
  ).all({ h: householdId }) as PathwayReferralRow[];
}

export interface PathwayStayRow {
  id: string;
  programme: string;
  unitId: string;
  start: string;
  end: string;
  status: string;
  holdExpiresAt: number | null;
  previousStayId: string | null;
  referralId: string | null;
  destination: string | null;
  createdAt: number;
  /** The residence contract that holds this stay, if any. */
  contractId: string | null;
}

export function listPathwayStays(db: DbOrTx, householdId: string): PathwayStayRow[] {
  return prepared(
    db,
    `SELECT s.id, s.programme, s.unit_id AS unitId, s.start_date AS start, s.end_date AS end, s.status,
            s.hold_expires_at AS holdExpiresAt, s.previous_stay_id AS previousStayId, s.referral_id AS referralId,
            s.destination, s.created_at AS createdAt, c.id AS contractId
       FROM stays s LEFT JOIN residence_contracts c ON c.stay_id = s.id
      WHERE s.household_id = ?
      ORDER BY s.start_date, s.created_at, s.id`
  ).all(householdId) as PathwayStayRow[];
}

export interface PathwayApplicationRow {
  id: string;
  status: string;
  public: string;
  receivedAt: number;
  /** The contract it led to, if any. */
  contractId: string | null;
}

export function listPathwayApplications(db: DbOrTx, householdId: string): PathwayApplicationRow[] {
  return prepared(
    db,
    `SELECT a.id, a.status, a.public, a.received_at AS receivedAt, c.id AS contractId
       FROM residence_applications a LEFT JOIN residence_contracts c ON c.application_id = a.id
      WHERE a.household_id = ?
      ORDER BY a.received_at, a.id`
  ).all(householdId) as PathwayApplicationRow[];
}

export interface PathwayDecisionRow {
  eventId: number;
  applicationId: string;
  outcome: string;
  committeeId: string | null;
  /** The day the committee met; null for a decision between committees. */
  meetsOn: string | null;
  urgent: number;
  at: number;
  /** The contract the application led to, if any. */
  contractId: string | null;
}

/** The decisions on the household's residence applications (admitted, waiting list, refused, redirected). */
export function listPathwayDecisions(db: DbOrTx, householdId: string, outcomes: readonly string[]): PathwayDecisionRow[] {
  return prepared(
    db,
    `SELECT e.id AS eventId, e.application_id AS applicationId, e.status AS outcome, e.committee_id AS committeeId,
            m.meets_on AS meetsOn, e.urgent, e.at, c.id AS contractId
       FROM residence_application_events e
       JOIN residence_applications a ON a.id = e.application_id
       LEFT JOIN residence_committees m ON m.id = e.committee_id
       LEFT JOIN residence_contracts c ON c.application_id = a.id
      WHERE a.household_id = @h AND e.status IN (SELECT value FROM json_each(@outcomes))
      ORDER BY e.at, e.id`
  ).all({ h: householdId, outcomes: JSON.stringify(outcomes) }) as PathwayDecisionRow[];
}

export interface PathwayContractRow {
  id: string;
  applicationId: string;
  unitId: string;
  stayId: string;
  start: string;
  end: string | null;
  status: string;
  createdAt: number;
}

export function listPathwayContracts(db: DbOrTx, householdId: string): PathwayContractRow[] {
  return prepared(
    db,
    `SELECT id, application_id AS applicationId, unit_id AS unitId, stay_id AS stayId, start_date AS start, end_date AS end, status,
            created_at AS createdAt
       FROM residence_contracts WHERE household_id = ?
      ORDER BY start_date, created_at, id`
  ).all(householdId) as PathwayContractRow[];
}

export interface PathwayDepartureRow {
  contractId: string;
  stayId: string;
  date: string;
  destination: string;
  recordedAt: number;
}

export function listPathwayDepartures(db: DbOrTx, householdId: string): PathwayDepartureRow[] {
  return prepared(
    db,
    `SELECT d.contract_id AS contractId, c.stay_id AS stayId, d.date, d.destination, d.recorded_at AS recordedAt
       FROM residence_departures d JOIN residence_contracts c ON c.id = d.contract_id
      WHERE c.household_id = ?
      ORDER BY d.date, d.recorded_at`
  ).all(householdId) as PathwayDepartureRow[];
}

export interface PathwayApplicantRow {
  id: string;
  createdAt: number;
  housedAt: number | null;
}

export function listPathwayApplicants(db: DbOrTx, householdId: string): PathwayApplicantRow[] {
  return prepared(
    db,
    `SELECT id, created_at AS createdAt, housed_at AS housedAt FROM applicants WHERE household_id = ? ORDER BY created_at, id`
  ).all(householdId) as PathwayApplicantRow[];
}

export interface PathwayProposalRow {
  id: string;
  applicantId: string;
  offerId: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  /** When its lease was signed (its mission event); null when none was. */
  leaseSignedAt: number | null;
}

export function listPathwayProposals(db: DbOrTx, householdId: string): PathwayProposalRow[] {
  return prepared(
    db,
    `SELECT p.id, p.applicant_id AS applicantId, p.offer_id AS offerId, p.status, p.created_at AS createdAt, p.updated_at AS updatedAt,
            (SELECT min(e.at) FROM mission_events e WHERE e.proposal_id = p.id AND e.status = 'lease_signed') AS leaseSignedAt
       FROM proposals p JOIN applicants a ON a.id = p.applicant_id
      WHERE a.household_id = ?
      ORDER BY p.created_at, p.id`
  ).all(householdId) as PathwayProposalRow[];
}
