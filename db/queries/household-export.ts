// Everything held about one household, for an access request: its own rows only. Each query names
// the columns it returns; the household's keep-apart link is never selected.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export interface ExportHouseholdRow {
  id: string;
  label: string;
  pseudonym: string;
  adults: number;
  children: number;
  needs: string;
  confidential: number;
  originCommune: string | null;
  createdAt: number;
}

/** The household's own columns, without keep_apart_from_id (it points at another household). */
export function exportHouseholdRow(db: DbOrTx, id: string): ExportHouseholdRow | undefined {
  return prepared(
    db,
    `SELECT id, label, pseudonym, adults, children, needs, confidential, origin_commune AS originCommune, created_at AS createdAt FROM households WHERE id = ?`
  ).get(id) as ExportHouseholdRow | undefined;
}

export interface ExportStayRow {
  id: string;
  unitId: string;
  unitName: string;
  siteId: string;
  siteName: string;
  commune: string;
  siteKind: string;
  siteConfidential: number;
  siteAddress: string;
  programme: string;
  start: string;
  end: string;
  status: string;
  holdExpiresAt: number | null;
  referralId: string | null;
  previousStayId: string | null;
  note: string | null;
  overrideReason: string | null;
  togetherGroup: string | null;
  adults: number | null;
  children: number | null;
  destination: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export function exportStays(db: DbOrTx, householdId: string): ExportStayRow[] {
  return prepared(
    db,
    `SELECT s.id, s.unit_id AS unitId, u.name AS unitName, si.id AS siteId, si.name AS siteName, si.commune, si.kind AS siteKind,
            si.confidential AS siteConfidential, si.address AS siteAddress, s.programme, s.start_date AS start, s.end_date AS end,
            s.status, s.hold_expires_at AS holdExpiresAt, s.referral_id AS referralId, s.previous_stay_id AS previousStayId,
            s.note, s.override_reason AS overrideReason, s.together_group AS togetherGroup, s.adults, s.children, s.destination, s.created_by AS createdBy, s.created_at AS createdAt, s.updated_at AS updatedAt
       FROM stays s JOIN units u ON u.id = s.unit_id JOIN sites si ON si.id = u.site_id
      WHERE s.household_id = ?
      ORDER BY s.start_date, s.created_at`
  ).all(householdId) as ExportStayRow[];
}

export interface ExportStayEventRow {
  id: number;
  stayId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  start: string;
  end: string;
  previousEnd: string | null;
  reason: string | null;
  actorId: string | null;
  at: number;
}

export function exportStayEvents(db: DbOrTx, householdId: string): ExportStayEventRow[] {
  return prepared(
    db,
    `SELECT e.id, e.stay_id AS stayId, e.action, e.from_status AS fromStatus, e.to_status AS toStatus, e.start_date AS start,
            e.end_date AS end, e.previous_end_date AS previousEnd, e.reason, e.actor_id AS actorId, e.at
       FROM stay_events e JOIN stays s ON s.id = e.stay_id
      WHERE s.household_id = ?
      ORDER BY e.at, e.id`
  ).all(householdId) as ExportStayEventRow[];
}

export interface ExportReferralRow {
  id: string;
  organisationId: string | null;
  programme: string;
  urgency: string;
  requestedStart: string;
  nights: number;
  adults: number;
  children: number;
  needs: string;
  originCommune: string | null;
  referrerOrganisation: string;
  referrerContact: string;
  referrerPhone: string;
  referrerEmail: string | null;
  notes: string | null;
  status: string;
  receivedAt: number;
  decidedAt: number | null;
  decisionReason: string | null;
  placedAt: number | null;
  stayId: string | null;
}

/** Referrals linked to the household's stays, either way (the stay names the referral, or the referral the stay). */
export function exportReferrals(db: DbOrTx, householdId: string): ExportReferralRow[] {
  return prepared(
    db,
    `SELECT r.id, r.organisation_id AS organisationId, r.programme, r.urgency, r.requested_start AS requestedStart, r.nights,
            r.adults, r.children, r.needs, r.origin_commune AS originCommune, r.referrer_organisation AS referrerOrganisation, r.referrer_contact AS referrerContact,
            r.referrer_phone AS referrerPhone, r.referrer_email AS referrerEmail, r.notes, r.status, r.received_at AS receivedAt,
            r.decided_at AS decidedAt, r.decision_reason AS decisionReason, r.placed_at AS placedAt, r.stay_id AS stayId
       FROM referrals r
      WHERE r.id IN (SELECT referral_id FROM stays WHERE household_id = @h AND referral_id IS NOT NULL)
         OR r.stay_id IN (SELECT id FROM stays WHERE household_id = @h)
      ORDER BY r.received_at, r.id`
  ).all({ h: householdId }) as ExportReferralRow[];
}

export interface ExportApplicantRow {
  id: string;
  label: string;
  persons: number;
  accessibleNeeded: number;
  maxRentCents: number;
  yearlyIncomeCents: number;
  communes: string;
  neededFrom: string;
  waitingSince: string;
  situation: string;
  emergencyStayEnd: string | null;
  housedAt: number | null;
  createdAt: number;
}

export function exportApplicants(db: DbOrTx, householdId: string): ExportApplicantRow[] {
  return prepared(
    db,
    `SELECT id, label, persons, accessible_needed AS accessibleNeeded, max_rent_cents AS maxRentCents,
            yearly_income_cents AS yearlyIncomeCents, communes, needed_from AS neededFrom, waiting_since AS waitingSince,
            situation, emergency_stay_end AS emergencyStayEnd, housed_at AS housedAt, created_at AS createdAt
       FROM applicants WHERE household_id = ? ORDER BY created_at, id`
  ).all(householdId) as ExportApplicantRow[];
}

export interface ExportProposalRow {
  id: string;
  offerId: string;
  applicantId: string;
  offerCommune: string;
  offerTypology: string;
  status: string;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

export function exportProposals(db: DbOrTx, householdId: string): ExportProposalRow[] {
  return prepared(
    db,
    `SELECT p.id, p.offer_id AS offerId, p.applicant_id AS applicantId, o.commune AS offerCommune, o.typology AS offerTypology,
            p.status, p.reason, p.created_at AS createdAt, p.updated_at AS updatedAt
       FROM proposals p JOIN applicants a ON a.id = p.applicant_id JOIN offers o ON o.id = p.offer_id
      WHERE a.household_id = ? ORDER BY p.created_at, p.id`
  ).all(householdId) as ExportProposalRow[];
}

export interface ExportMissionEventRow {
  id: number;
  offerId: string;
  proposalId: string | null;
  status: string;
  reason: string | null;
  at: number;
}

/** The steps of the household's proposals (not those of the offers themselves). */
export function exportMissionEvents(db: DbOrTx, householdId: string): ExportMissionEventRow[] {
  return prepared(
    db,
    `SELECT e.id, e.offer_id AS offerId, e.proposal_id AS proposalId, e.status, e.reason, e.at
       FROM mission_events e JOIN proposals p ON p.id = e.proposal_id JOIN applicants a ON a.id = p.applicant_id
      WHERE a.household_id = ? ORDER BY e.at, e.id`
  ).all(householdId) as ExportMissionEventRow[];
}

/** The household's applications to the social residence, each with its dated steps (JSON). */
export interface ExportResidenceApplicationRow {
  id: string;
  organisationId: string | null;
  typology: string | null;
  accessible: number;
  monthlyIncomeCents: number;
  public: string;
  situation: string | null;
  originCommune: string | null;
  referrerOrganisation: string;
  referrerContact: string;
  referrerPhone: string;
  referrerEmail: string | null;
  status: string;
  reason: string | null;
  committeeId: string | null;
  urgent: number;
  receivedAt: number;
  decidedAt: number | null;
  steps: string;
}

export function exportResidenceApplications(db: DbOrTx, householdId: string): ExportResidenceApplicationRow[] {
  return prepared(
    db,
    `SELECT a.id, a.organisation_id AS organisationId, a.typology, a.accessible, a.monthly_income_cents AS monthlyIncomeCents, a.public,
            a.situation, a.origin_commune AS originCommune, a.referrer_organisation AS referrerOrganisation, a.referrer_contact AS referrerContact,
            a.referrer_phone AS referrerPhone, a.referrer_email AS referrerEmail, a.status, a.reason, a.committee_id AS committeeId,
            a.urgent, a.received_at AS receivedAt, a.decided_at AS decidedAt,
            (SELECT json_group_array(json_object('status', e.status, 'reason', e.reason, 'committeeId', e.committee_id, 'urgent', e.urgent, 'at', e.at))
               FROM (SELECT * FROM residence_application_events WHERE application_id = a.id ORDER BY at, id) e) AS steps
       FROM residence_applications a WHERE a.household_id = ? ORDER BY a.received_at, a.id`
  ).all(householdId) as ExportResidenceApplicationRow[];
}

/** The household's occupancy contracts, each with its amendments, payments and departure (JSON). */
export interface ExportResidenceContractRow {
  id: string;
  applicationId: string;
  unitId: string;
  unitName: string;
  stayId: string;
  start: string;
  end: string | null;
  rentCents: number;
  chargesCents: number;
  aplCents: number;
  depositCents: number;
  referent: string | null;
  reviewEveryMonths: number;
  status: string;
  createdAt: number;
  amendments: string;
  payments: string;
  departure: string | null;
}

export function exportResidenceContracts(db: DbOrTx, householdId: string): ExportResidenceContractRow[] {
  return prepared(
    db,
    `SELECT c.id, c.application_id AS applicationId, c.unit_id AS unitId, u.name AS unitName, c.stay_id AS stayId, c.start_date AS start,
            c.end_date AS "end", c.rent_cents AS rentCents, c.charges_cents AS chargesCents, c.apl_cents AS aplCents,
            c.deposit_cents AS depositCents, c.referent, c.review_every_months AS reviewEveryMonths, c.status, c.created_at AS createdAt,
            (SELECT json_group_array(json_object('from', m.from_date, 'rentCents', m.rent_cents, 'chargesCents', m.charges_cents, 'aplCents', m.apl_cents, 'createdAt', m.created_at))
               FROM (SELECT * FROM residence_amendments WHERE contract_id = c.id ORDER BY from_date, id) m) AS amendments,
            (SELECT json_group_array(json_object('id', p.id, 'date', p.date, 'amountCents', p.amount_cents, 'means', p.means, 'reason', p.reason, 'createdAt', p.created_at))
               FROM (SELECT * FROM residence_payments WHERE contract_id = c.id ORDER BY date, created_at) p) AS payments,
            (SELECT json_object('date', d.date, 'destination', d.destination, 'noticeGivenOn', d.notice_given_on, 'by', d.by, 'reason', d.reason, 'recordedAt', d.recorded_at)
               FROM residence_departures d WHERE d.contract_id = c.id) AS departure
       FROM residence_contracts c JOIN units u ON u.id = c.unit_id WHERE c.household_id = ? ORDER BY c.start_date, c.id`
  ).all(householdId) as ExportResidenceContractRow[];
}

export interface ExportAuditRow {
  id: number;
  at: number;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: string | null;
}

/** Audit entries about the household itself, or about one of the given stays, referrals, applicants or proposals. */
export function exportAuditEntries(
  db: DbOrTx,
  householdId: string,
  related: { stay: string[]; referral: string[]; applicant: string[]; proposal: string[]; residence_application: string[]; residence_contract: string[] }
): ExportAuditRow[] {
  const pairs: [string, string][] = [['household', householdId]];
  for (const [entity, ids] of Object.entries(related)) for (const id of ids) pairs.push([entity, id]);
  const select = prepared(
    db,
    // The free text kept beside an entry (audit_reasons) is put back in its place: it is held too.
    `SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId,
            coalesce(json_patch(detail, (SELECT json_group_object(r.key, r.text) FROM audit_reasons r WHERE r.audit_id = audit_entries.id)), detail) AS detail
       FROM audit_entries WHERE entity = ? AND entity_id = ?`
  );
  return pairs.flatMap(([entity, id]) => select.all(entity, id) as ExportAuditRow[]).sort((a, b) => a.at - b.at || a.id - b.id);
}

export interface LinkedHouseholdRow {
  id: string;
  label: string;
  pseudonym: string;
}

/** The households linked to this one by keep-apart, either way: what an export must never name. */
export function listKeepApartLinked(db: DbOrTx, householdId: string): LinkedHouseholdRow[] {
  return prepared(
    db,
    `SELECT id, label, pseudonym FROM households
      WHERE id <> @h AND (id = (SELECT keep_apart_from_id FROM households WHERE id = @h) OR keep_apart_from_id = @h)`
  ).all({ h: householdId }) as LinkedHouseholdRow[];
}

/** Every confidential site's address: an export never carries one. */
export function listConfidentialAddresses(db: DbOrTx): string[] {
  return (prepared(db, `SELECT address FROM sites WHERE confidential = 1`).all() as { address: string }[]).map((r) => r.address);
}
