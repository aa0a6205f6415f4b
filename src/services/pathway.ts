// A household's pathway (parcours résidentiel): every step across programmes in time order, each
// with its date and where it led — the referral and the stay it led to, the stays one after the
// other, the residence's application, its committee decision, the contract and the departure with
// its destination, the housing mission's applicant, proposals and lease. A role sees the household
// only when it is known under one of the role's programmes (404 otherwise), and the steps of
// programmes it does not handle as `{date, kind}` only. A confidential household appears by its
// pseudonym; reading its pathway is audited like opening its record.
import { AppError } from '#domain/errors.ts';
import { parisDate } from '#domain/dates.ts';
import { STAFF_ROLES, type Programme } from '#domain/programmes.ts';
import { effectiveStatus, type StayStatus } from '#domain/stay-lifecycle.ts';
import { PATHWAY_DECISION_OUTCOMES, PATHWAY_KIND_ORDER, type PathwayKind } from '#domain/pathway.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import { findHouseholdRecord } from '#db/queries/households.ts';
import {
  listPathwayApplicants,
  listPathwayApplications,
  listPathwayContracts,
  listPathwayDecisions,
  listPathwayDepartures,
  listPathwayProposals,
  listPathwayReferrals,
  listPathwayStays
} from '#db/queries/pathway.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { writeTransaction } from './transaction.ts';
import { seesHousehold, seesProgramme } from './visibility.ts';

/** A step as the caller sees it: `{date, kind}` only when its programme is not the caller's. */
export interface PathwayStep {
  date: string;
  kind: PathwayKind;
  /** Set when the caller may see the step's details (its programme is one of the caller's). */
  programme?: Programme;
  [detail: string]: unknown;
}

export interface Pathway {
  householdId: string;
  pseudonym: string;
  /** The real name; null for a confidential household (reveal it through the household's record). */
  label: string | null;
  confidential: boolean;
  steps: PathwayStep[];
}

interface Dated {
  date: string;
  kind: PathwayKind;
  programme: Programme;
  /** Orders the steps of one date and kind: when it was written. */
  at: number;
  detail: Record<string, unknown>;
}

const dateOf = (ms: number): string => parisDate(new Date(ms));

/** Every step of the household, with its programme and details, in time order. */
function collectSteps(db: DbOrTx, householdId: string): Dated[] {
  const now = nowMs();
  const steps: Dated[] = [];
  for (const r of listPathwayReferrals(db, householdId)) {
    steps.push({ date: dateOf(r.receivedAt), kind: 'referral', programme: r.programme as Programme, at: r.receivedAt, detail: { referralId: r.id, status: r.status, stayId: r.stayId } });
  }
  const stays = listPathwayStays(db, householdId);
  const contractStays = new Set<string>();
  for (const d of listPathwayDepartures(db, householdId)) {
    contractStays.add(d.stayId);
    steps.push({ date: d.date, kind: 'departure', programme: 'social_residence', at: d.recordedAt, detail: { contractId: d.contractId, stayId: d.stayId, destination: d.destination } });
  }
  for (const s of stays) {
    const status = effectiveStatus(s.status as StayStatus, s.holdExpiresAt, now);
    // A hold that lapsed was never a step of the path.
    if (status === 'lapsed') continue;
    const next = stays.find((o) => o.previousStayId === s.id);
    steps.push({
      date: s.start,
      kind: 'stay',
      programme: s.programme as Programme,
      at: s.createdAt,
      detail: {
        stayId: s.id,
        programme: s.programme,
        unitId: s.unitId,
        start: s.start,
        end: s.end,
        status,
        previousStayId: s.previousStayId,
        nextStayId: next?.id ?? null,
        referralId: s.referralId,
        contractId: s.contractId,
        destination: s.destination
      }
    });
    // The check-out's destination, for a stay whose departure is not a residence contract's (said above).
    if (s.destination !== null && !contractStays.has(s.id)) {
      steps.push({ date: s.end, kind: 'departure', programme: s.programme as Programme, at: s.createdAt, detail: { stayId: s.id, contractId: s.contractId, destination: s.destination } });
    }
  }
  for (const a of listPathwayApplications(db, householdId)) {
    steps.push({ date: dateOf(a.receivedAt), kind: 'residence_application', programme: 'social_residence', at: a.receivedAt, detail: { applicationId: a.id, status: a.status, public: a.public, contractId: a.contractId } });
  }
  for (const d of listPathwayDecisions(db, householdId, PATHWAY_DECISION_OUTCOMES)) {
    steps.push({
      date: d.meetsOn ?? dateOf(d.at),
      kind: 'committee_decision',
      programme: 'social_residence',
      at: d.at,
      detail: { applicationId: d.applicationId, outcome: d.outcome, committeeId: d.committeeId, urgent: d.urgent === 1, contractId: d.outcome === 'admitted' ? d.contractId : null }
    });
  }
  for (const c of listPathwayContracts(db, householdId)) {
    steps.push({ date: c.start, kind: 'residence_contract', programme: 'social_residence', at: c.createdAt, detail: { contractId: c.id, applicationId: c.applicationId, unitId: c.unitId, stayId: c.stayId, start: c.start, end: c.end, status: c.status } });
  }
  for (const a of listPathwayApplicants(db, householdId)) {
    steps.push({ date: dateOf(a.createdAt), kind: 'mission_applicant', programme: 'housing_mission', at: a.createdAt, detail: { applicantId: a.id, housed: a.housedAt !== null } });
  }
  for (const p of listPathwayProposals(db, householdId)) {
    const signedAt = p.leaseSignedAt ?? (p.status === 'lease_signed' ? p.updatedAt : null);
    steps.push({ date: dateOf(p.createdAt), kind: 'proposal', programme: 'housing_mission', at: p.createdAt, detail: { proposalId: p.id, applicantId: p.applicantId, offerId: p.offerId, status: p.status } });
    if (signedAt !== null) {
      steps.push({ date: dateOf(signedAt), kind: 'lease_signed', programme: 'housing_mission', at: signedAt, detail: { proposalId: p.id, applicantId: p.applicantId, offerId: p.offerId } });
    }
  }
  return steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : PATHWAY_KIND_ORDER[a.kind] - PATHWAY_KIND_ORDER[b.kind] || a.at - b.at));
}

/** What the caller sees of a step: everything for its own programmes, `{date, kind}` otherwise. */
function shown(actor: Actor, s: Dated): PathwayStep {
  if (!seesProgramme(actor, s.programme)) return { date: s.date, kind: s.kind };
  return { date: s.date, kind: s.kind, programme: s.programme, ...s.detail };
}

function build(db: DbOrTx, actor: Actor, householdId: string): Pathway {
  const h = findHouseholdRecord(db, householdId);
  if (!h) throw new AppError('not_found', 'no such household');
  const confidential = h.confidential === 1;
  return {
    householdId: h.id,
    pseudonym: h.pseudonym,
    label: confidential ? null : h.label,
    confidential,
    steps: collectSteps(db, householdId).map((s) => shown(actor, s))
  };
}

/**
 * The pathway of a household the caller may see (404 otherwise). Reading a confidential household's
 * pathway writes the audit entry 'household.pathway' in the same transaction as the read.
 */
export function getPathway(db: Db, actor: Actor, householdId: string): Pathway {
  requireRole(actor, STAFF_ROLES, 'staff only');
  const first = findHouseholdRecord(db, householdId);
  if (!first || !seesHousehold(db, actor, householdId)) throw new AppError('not_found', 'no such household');
  if (!first.confidential) return build(db, actor, householdId);
  return writeTransaction(db, (tx) => {
    if (!seesHousehold(tx, actor, householdId)) throw new AppError('not_found', 'no such household');
    audit(tx, actor, 'household.pathway', 'household', householdId);
    return build(tx, actor, householdId);
  });
}
