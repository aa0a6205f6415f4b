// Retention: the dated contacts of each household, and the statements that pseudonymise what is
// past its time. Id lists are passed as one JSON array parameter (json_each), so each statement is
// prepared once whatever the number of households.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

/** One source of contacts: its kind, and per household either a departure date (stay_night) or an instant. */
export interface ContactRow {
  householdId: string;
  kind: string;
  endDate: string | null;
  at: number | null;
}

const OPEN = `SELECT id FROM households WHERE pseudonymised_at IS NULL`;
const LINKED_REFERRALS = `SELECT referral_id AS referral_id, household_id FROM stays WHERE referral_id IS NOT NULL
  UNION SELECT r.id, s.household_id FROM referrals r JOIN stays s ON s.id = r.stay_id`;

/**
 * Each source of contact, one statement each (the kinds are src/domain/retention.ts's CONTACT_KINDS).
 * The social residence's events and payments, when they exist, are one more entry here.
 */
const CONTACT_SOURCES: readonly string[] = [
  `SELECT household_id AS householdId, 'stay_night' AS kind, max(end_date) AS endDate, NULL AS at
     FROM stays WHERE household_id IN (${OPEN}) AND status IN ('confirmed', 'in_place', 'ended') GROUP BY household_id`,
  `SELECT household_id, 'stay_created', NULL, max(created_at)
     FROM stays WHERE household_id IN (${OPEN}) AND status NOT IN ('confirmed', 'in_place', 'ended') GROUP BY household_id`,
  `SELECT l.household_id, 'referral', NULL, max(max(r.received_at, coalesce(r.decided_at, 0), coalesce(r.placed_at, 0)))
     FROM (${LINKED_REFERRALS}) l JOIN referrals r ON r.id = l.referral_id
    WHERE l.household_id IN (${OPEN}) GROUP BY l.household_id`,
  `SELECT household_id, 'mission', NULL, max(created_at)
     FROM applicants WHERE household_id IN (${OPEN}) GROUP BY household_id`,
  `SELECT a.household_id, 'mission', NULL, max(e.at)
     FROM mission_events e JOIN proposals p ON p.id = e.proposal_id JOIN applicants a ON a.id = p.applicant_id
    WHERE a.household_id IN (${OPEN}) GROUP BY a.household_id`,
  `SELECT household_id, 'residence', NULL, max(received_at)
     FROM residence_applications WHERE household_id IN (${OPEN}) GROUP BY household_id`,
  `SELECT a.household_id, 'residence', NULL, max(e.at)
     FROM residence_application_events e JOIN residence_applications a ON a.id = e.application_id
    WHERE a.household_id IN (${OPEN}) GROUP BY a.household_id`,
  `SELECT c.household_id, 'residence', NULL, max(max(c.created_at, c.updated_at,
          coalesce((SELECT max(m.created_at) FROM residence_amendments m WHERE m.contract_id = c.id), 0),
          coalesce((SELECT max(p.created_at) FROM residence_payments p WHERE p.contract_id = c.id), 0),
          coalesce((SELECT d.recorded_at FROM residence_departures d WHERE d.contract_id = c.id), 0)))
     FROM residence_contracts c WHERE c.household_id IN (${OPEN}) GROUP BY c.household_id`,
  `SELECT id, 'household_created', NULL, created_at FROM households WHERE pseudonymised_at IS NULL`
];

/** The latest contact of each kind, for every household not yet pseudonymised. */
export function listHouseholdContacts(db: DbOrTx): ContactRow[] {
  return prepared(db, CONTACT_SOURCES.join('\n UNION ALL ')).all() as ContactRow[];
}

/** Households with an active occupancy contract at the social residence: kept whatever their last contact. */
export function listHouseholdsWithActiveContract(db: DbOrTx): string[] {
  return (prepared(db, `SELECT DISTINCT household_id AS id FROM residence_contracts WHERE status = 'active'`).all() as { id: string }[]).map((r) => r.id);
}

/** A contract's ledger: what a statement needs to say whether a balance is owed. */
export interface ContractLedgerRow {
  id: string;
  householdId: string;
  start: string;
  end: string | null;
  rentCents: number;
  chargesCents: number;
  aplCents: number;
  amendments: { from: string; rentCents: number | null; chargesCents: number | null; aplCents: number | null }[];
  payments: { date: string; amountCents: number }[];
}

/** The ledgers of every contract of these households (ended ones too: a balance may still be owed). */
export function listContractLedgers(db: DbOrTx, householdIds: readonly string[]): ContractLedgerRow[] {
  const rows = prepared(
    db,
    `SELECT c.id, c.household_id AS householdId, c.start_date AS start, c.end_date AS "end",
            c.rent_cents AS rentCents, c.charges_cents AS chargesCents, c.apl_cents AS aplCents,
            (SELECT json_group_array(json_object('from', m.from_date, 'rentCents', m.rent_cents, 'chargesCents', m.charges_cents, 'aplCents', m.apl_cents))
               FROM residence_amendments m WHERE m.contract_id = c.id) AS amendments,
            (SELECT json_group_array(json_object('date', p.date, 'amountCents', p.amount_cents))
               FROM residence_payments p WHERE p.contract_id = c.id) AS payments
       FROM residence_contracts c WHERE c.household_id ${IN('h')}`
  ).all({ h: json(householdIds) }) as (Omit<ContractLedgerRow, 'amendments' | 'payments'> & { amendments: string; payments: string })[];
  return rows.map((r) => ({ ...r, amendments: JSON.parse(r.amendments), payments: JSON.parse(r.payments) }));
}

const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);
const json = (list: readonly string[]) => JSON.stringify(list);
const IN = (param: string) => `IN (SELECT value FROM json_each(@${param}))`;

/** The rows that hold a household's data, by table. */
export interface HouseholdRows {
  residenceApplications: string[];
  residenceContracts: string[];
  stays: string[];
  referrals: string[];
  applicants: string[];
  proposals: string[];
  unmetDemands: string[];
}

export function findHouseholdRows(db: DbOrTx, householdIds: readonly string[]): HouseholdRows {
  const h = json(householdIds);
  const applicants = ids(prepared(db, `SELECT id FROM applicants WHERE household_id ${IN('h')}`).all({ h }));
  const referrals = ids(prepared(db, `SELECT DISTINCT referral_id AS id FROM (${LINKED_REFERRALS}) WHERE household_id ${IN('h')}`).all({ h }));
  return {
    residenceApplications: ids(prepared(db, `SELECT id FROM residence_applications WHERE household_id ${IN('h')}`).all({ h })),
    residenceContracts: ids(prepared(db, `SELECT id FROM residence_contracts WHERE household_id ${IN('h')}`).all({ h })),
    stays: ids(prepared(db, `SELECT id FROM stays WHERE household_id ${IN('h')}`).all({ h })),
    referrals,
    applicants,
    proposals: ids(prepared(db, `SELECT id FROM proposals WHERE applicant_id ${IN('a')}`).all({ a: json(applicants) })),
    unmetDemands: listUnmetDemandsOfReferrals(db, referrals)
  };
}

/** The unmet demands recorded for these referrals. */
export function listUnmetDemandsOfReferrals(db: DbOrTx, referralIds: readonly string[]): string[] {
  return ids(prepared(db, `SELECT id FROM unmet_demands WHERE referral_id ${IN('r')}`).all({ r: json(referralIds) }));
}

/** The closed reasons the service itself writes on proposals: codes, kept; anything else was typed. */
const PROPOSAL_REASON_CODES = `('offer_withdrawn', 'offer_let', 'applicant_housed')`;

/** Replaces each household's name by its pseudonym and clears its needs and keep-apart link. */
export function pseudonymiseHouseholdRows(db: DbOrTx, householdIds: readonly string[], at: number): number {
  return prepared(
    db,
    `UPDATE households SET label = pseudonym, needs = '[]', keep_apart_from_id = NULL, pseudonymised_at = @at
      WHERE pseudonymised_at IS NULL AND id ${IN('h')}`
  ).run({ h: json(householdIds), at }).changes;
}

/** Clears the stays' practical notes and override reasons, and the free text of their history. Returns the stays that had some. */
export function eraseStayText(db: DbOrTx, stayIds: readonly string[]): number {
  const s = json(stayIds);
  prepared(db, `UPDATE stay_events SET reason = NULL WHERE reason IS NOT NULL AND stay_id ${IN('s')}`).run({ s });
  return prepared(db, `UPDATE stays SET note = NULL, override_reason = NULL WHERE (note IS NOT NULL OR override_reason IS NOT NULL) AND id ${IN('s')}`).run({ s }).changes;
}

/**
 * Erases a referral's referrer contact person (name, phone, email) and, with `freeText`, its notes,
 * decision reason and needs, and the recipients of the emails it sent. Returns the referrals changed.
 */
export function eraseReferralRows(db: DbOrTx, referralIds: readonly string[], at: number, freeText: boolean): number {
  const r = json(referralIds);
  prepared(db, `UPDATE outbox SET recipients = '[]', last_error = NULL WHERE status <> 'pending' AND recipients <> '[]' AND referral_id ${IN('r')}`).run({ r });
  const text = freeText ? `, notes = NULL, decision_reason = NULL, needs = '[]'` : '';
  const changed = freeText ? `OR notes IS NOT NULL OR decision_reason IS NOT NULL OR needs <> '[]'` : '';
  return prepared(
    db,
    `UPDATE referrals SET referrer_contact = '', referrer_phone = '', referrer_email = NULL, erased_at = coalesce(erased_at, @at)${text}
      WHERE (referrer_contact <> '' OR referrer_phone <> '' OR referrer_email IS NOT NULL ${changed}) AND id ${IN('r')}`
  ).run({ r, at }).changes;
}

/** Keeps only the closed reason code of unmet demands ("no_place: …" → "no_place"). */
export function eraseUnmetDemandNotes(db: DbOrTx, unmetIds: readonly string[]): number {
  return prepared(db, `UPDATE unmet_demands SET reason = substr(reason, 1, instr(reason, ':') - 1) WHERE instr(reason, ':') > 0 AND id ${IN('u')}`).run({
    u: json(unmetIds)
  }).changes;
}

/**
 * Replaces applicants' names (by their household's pseudonym, or `pseudonyms` for one with no
 * household) and erases the typed reasons of their proposals (their situation is a code, kept).
 */
export function pseudonymiseApplicantRows(db: DbOrTx, applicantIds: readonly string[], proposalIds: readonly string[], at: number, pseudonyms: Record<string, string> = {}): number {
  const p = json(proposalIds);
  prepared(db, `UPDATE proposals SET reason = NULL WHERE reason IS NOT NULL AND reason NOT IN ${PROPOSAL_REASON_CODES} AND id ${IN('p')}`).run({ p });
  prepared(db, `UPDATE mission_events SET reason = NULL WHERE reason IS NOT NULL AND reason NOT IN ${PROPOSAL_REASON_CODES} AND proposal_id ${IN('p')}`).run({ p });
  return prepared(
    db,
    `UPDATE applicants
        SET label = coalesce((SELECT h.pseudonym FROM households h WHERE h.id = applicants.household_id), json_extract(@names, '$."' || applicants.id || '"'), label),
            pseudonymised_at = @at
      WHERE pseudonymised_at IS NULL AND id ${IN('a')}`
  ).run({ a: json(applicantIds), names: JSON.stringify(pseudonyms), at }).changes;
}

/**
 * Erases the social residence's free text about these households: an application's situation and
 * plan, its referrer's contact person, the typed reasons of its decisions; the reasons typed on a
 * departure and on a reversed payment (a closed mark stays where the database requires a reason).
 * Amounts, dates, statuses and destinations stay, so the figures count the same. Returns the
 * applications changed.
 */
export function eraseResidenceText(db: DbOrTx, applicationIds: readonly string[], contractIds: readonly string[], at: number): number {
  const a = json(applicationIds);
  const c = json(contractIds);
  prepared(db, `UPDATE residence_application_events SET reason = NULL WHERE reason IS NOT NULL AND application_id ${IN('a')}`).run({ a });
  prepared(db, `UPDATE residence_departures SET reason = CASE WHEN reason IS NULL THEN NULL ELSE '${ERASED}' END WHERE contract_id ${IN('c')}`).run({ c });
  prepared(db, `UPDATE residence_payments SET reason = CASE WHEN reason IS NULL THEN NULL ELSE '${ERASED}' END WHERE contract_id ${IN('c')}`).run({ c });
  return prepared(
    db,
    `UPDATE residence_applications
        SET situation = NULL, referrer_contact = '', referrer_phone = '', referrer_email = NULL,
            reason = CASE WHEN reason IS NULL THEN NULL ELSE '${ERASED}' END, pseudonymised_at = @at
      WHERE pseudonymised_at IS NULL AND id ${IN('a')}`
  ).run({ a, at }).changes;
}

/** What replaces a typed reason the database requires (a refusal's, a reversal's) once retention erased it. */
export const ERASED = '—';

/** Removes the stored answers to idempotent requests that mention these ids (a stay's answer carries its household; a payment's, its contract). */
export function deleteIdempotentAnswers(db: DbOrTx, ids: readonly string[]): number {
  return prepared(db, `DELETE FROM idempotency_keys WHERE EXISTS (SELECT 1 FROM json_each(@h) WHERE instr(idempotency_keys.response, value) > 0)`).run({
    h: json(ids)
  }).changes;
}

/** Drops the free text kept beside the audit entries about these records (the entries stay). */
export function deleteAuditReasons(
  db: DbOrTx,
  records: Partial<Record<'household' | 'stay' | 'referral' | 'applicant' | 'proposal' | 'unmet_demand' | 'residence_application' | 'residence_contract', readonly string[]>>
): number {
  let n = 0;
  for (const [entity, list] of Object.entries(records)) {
    if (!list || list.length === 0) continue;
    n += prepared(
      db,
      `DELETE FROM audit_reasons WHERE audit_id IN (SELECT id FROM audit_entries WHERE entity = @entity AND entity_id ${IN('ids')})`
    ).run({ entity, ids: json(list) }).changes;
  }
  return n;
}

/**
 * Referrals whose last step (receipt, decision, placement) is before `cutoffMs` and whose referrer
 * contact is not erased yet, with whether a stay is linked to them (a household's).
 */
export function listOldReferrals(db: DbOrTx, cutoffMs: number): { id: string; linked: number }[] {
  return prepared(
    db,
    `SELECT r.id, EXISTS (SELECT 1 FROM (${LINKED_REFERRALS}) l WHERE l.referral_id = r.id) AS linked
       FROM referrals r
      WHERE r.erased_at IS NULL AND max(r.received_at, coalesce(r.decided_at, 0), coalesce(r.placed_at, 0)) < ?`
  ).all(cutoffMs) as { id: string; linked: number }[];
}

/** Unmet demands recorded before `cutoffMs` that still carry a note. */
export function listOldUnmetDemandsWithNotes(db: DbOrTx, cutoffMs: number): string[] {
  return ids(prepared(db, `SELECT id FROM unmet_demands WHERE created_at < ? AND instr(reason, ':') > 0`).all(cutoffMs));
}

/**
 * Mission applicants linked to no household, not pseudonymised, whose last mission contact (their
 * creation, any event of their proposals) is before `cutoffMs`, with their proposals.
 */
export function listOldUnlinkedApplicants(db: DbOrTx, cutoffMs: number): { id: string; proposals: string[] }[] {
  const rows = prepared(
    db,
    `SELECT a.id, (SELECT json_group_array(p.id) FROM proposals p WHERE p.applicant_id = a.id) AS proposals
       FROM applicants a
      WHERE a.household_id IS NULL AND a.pseudonymised_at IS NULL
        AND max(a.created_at, coalesce((SELECT max(e.at) FROM mission_events e JOIN proposals p ON p.id = e.proposal_id WHERE p.applicant_id = a.id), 0)) < ?`
  ).all(cutoffMs) as { id: string; proposals: string }[];
  return rows.map((r) => ({ id: r.id, proposals: JSON.parse(r.proposals) as string[] }));
}

/** The latest night on which the server's retention job ran. */
export function lastRetentionNight(db: DbOrTx): string | null {
  return (prepared(db, `SELECT max(night) AS night FROM retention_runs`).get() as { night: string | null }).night;
}

/** Claims `night` for the server's run; false when a run already claimed it. */
export function claimRetentionNight(db: DbOrTx, night: string, at: number): boolean {
  return prepared(db, `INSERT OR IGNORE INTO retention_runs (night, ran_at) VALUES (?, ?)`).run(night, at).changes === 1;
}
