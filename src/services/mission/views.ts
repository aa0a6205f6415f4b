// The housing mission's read models for the pages and the API: landlords with their offers' history,
// offers with their proposals and steps, applicants with their proposals (opening a confidential
// household's is audited), proposals with their next step and age, refusals counted.
import { countNights } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { nextStep, proposalMovesFrom, type NextStep, type OfferStatus, type ProposalStatus } from '#domain/proposal-lifecycle.ts';
import { canRevealApplicantName } from '#domain/confidentiality.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import { findApplicant, listApplicants as listApplicantRows, type ApplicantRow } from '#db/queries/applicants.ts';
import { findHousehold } from '#db/queries/households.ts';
import { findLandlord, listLandlords as listLandlordRows, type LandlordRow } from '#db/queries/landlords.ts';
import { listOfferEvents, listProposalEvents, type MissionEventRow } from '#db/queries/mission-events.ts';
import { findOffer, listOffers as listOfferRows, type OfferRow } from '#db/queries/offers.ts';
import { countRefusals, findProposal, findSignedLease, listProposals as listProposalRows, type ProposalRow } from '#db/queries/proposals.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs, today } from '../clock.ts';
import { writeTransaction } from '../transaction.ts';
import { assertMissionStaff, requireApplicant, requireOffer } from './access.ts';

export interface StepView {
  status: string;
  reason: string | null;
  at: number;
}

export interface ProposalView {
  id: string;
  offerId: string;
  applicantId: string;
  applicantLabel: string;
  offerSummary: string;
  status: ProposalStatus;
  reason: string | null;
  nextStep: NextStep | null;
  moves: readonly ProposalStatus[];
  createdAt: number;
  updatedAt: number;
  /** Whole days since the proposal was made. */
  ageDays: number;
  steps: StepView[];
}

export interface OfferView extends Omit<OfferRow, 'status'> {
  status: OfferStatus;
  landlordName: string;
  openProposals: number;
}

function offerSummary(o: OfferRow): string {
  return `${o.typology} · ${o.commune} · ${o.capacity} pl.`;
}

function stepsOf(events: readonly MissionEventRow[]): StepView[] {
  return events.map((e) => ({ status: e.status, reason: e.reason, at: e.at }));
}

function proposalViews(db: DbOrTx, rows: readonly ProposalRow[]): ProposalView[] {
  const now = nowMs();
  const events = listProposalEvents(
    db,
    rows.map((r) => r.id)
  );
  const byProposal = new Map<string, MissionEventRow[]>();
  for (const e of events) {
    const list = byProposal.get(e.proposalId ?? '') ?? [];
    list.push(e);
    byProposal.set(e.proposalId ?? '', list);
  }
  const offerCache = new Map<string, OfferRow | undefined>();
  const applicantCache = new Map<string, ApplicantRow | undefined>();
  return rows.map((p) => {
    if (!offerCache.has(p.offerId)) offerCache.set(p.offerId, findOffer(db, p.offerId));
    if (!applicantCache.has(p.applicantId)) applicantCache.set(p.applicantId, findApplicant(db, p.applicantId));
    const offer = offerCache.get(p.offerId);
    const applicant = applicantCache.get(p.applicantId);
    return {
      id: p.id,
      offerId: p.offerId,
      applicantId: p.applicantId,
      applicantLabel: applicant?.label ?? '',
      offerSummary: offer ? offerSummary(offer) : '',
      status: p.status,
      reason: p.reason,
      nextStep: nextStep(p.status),
      moves: proposalMovesFrom(p.status),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      ageDays: Math.max(0, Math.floor((now - p.createdAt) / 86_400_000)),
      steps: stepsOf(byProposal.get(p.id) ?? [])
    };
  });
}

function offerViews(db: DbOrTx, rows: readonly OfferRow[]): OfferView[] {
  const names = new Map(listLandlordRows(db).map((l) => [l.id, l.name]));
  const open = new Map<string, number>();
  for (const p of listProposalRows(db, { openOnly: true })) open.set(p.offerId, (open.get(p.offerId) ?? 0) + 1);
  return rows.map((o) => ({ ...o, status: o.status as OfferStatus, landlordName: names.get(o.landlordId) ?? '', openProposals: open.get(o.id) ?? 0 }));
}

export function listLandlords(db: Db, actor: Actor): (LandlordRow & { offers: Record<OfferStatus, number> })[] {
  assertMissionStaff(actor);
  const counts = new Map<string, Record<OfferStatus, number>>();
  for (const o of listOfferRows(db)) {
    const c = counts.get(o.landlordId) ?? { draft: 0, open: 0, let: 0, withdrawn: 0 };
    c[o.status as OfferStatus] += 1;
    counts.set(o.landlordId, c);
  }
  return listLandlordRows(db).map((l) => ({ ...l, offers: counts.get(l.id) ?? { draft: 0, open: 0, let: 0, withdrawn: 0 } }));
}

/** A landlord with the history of their offers: each with its steps and how it ended (let to whom, or withdrawn and why). */
export function getLandlord(db: Db, actor: Actor, id: string) {
  assertMissionStaff(actor);
  const landlord = findLandlord(db, id);
  if (!landlord) throw new AppError('not_found', `no landlord ${id}`);
  const offers = offerViews(db, listOfferRows(db, { landlordId: id })).map((o) => {
    const lease = o.status === 'let' ? findSignedLease(db, o.id) : undefined;
    return {
      ...o,
      steps: stepsOf(listOfferEvents(db, o.id).filter((e) => e.proposalId === null)),
      letTo: lease ? (findApplicant(db, lease.applicantId)?.label ?? null) : null
    };
  });
  return { ...landlord, offers };
}

export function listOffers(db: Db, actor: Actor, filter: { status?: OfferStatus; landlordId?: string } = {}): OfferView[] {
  assertMissionStaff(actor);
  return offerViews(db, listOfferRows(db, filter));
}

/** An offer with its landlord, its proposals and its dated steps. */
export function getOffer(db: Db, actor: Actor, id: string) {
  assertMissionStaff(actor);
  const offer = requireOffer(db, id);
  const [view] = offerViews(db, [offer]);
  const landlord = findLandlord(db, offer.landlordId);
  return {
    ...view!,
    landlord: landlord ? { id: landlord.id, name: landlord.name, phone: landlord.phone, email: landlord.email } : null,
    proposals: proposalViews(db, listProposalRows(db, { offerId: id })),
    steps: stepsOf(listOfferEvents(db, id).filter((e) => e.proposalId === null))
  };
}

export function listApplicants(db: Db, actor: Actor, filter: { waitingOnly?: boolean } = {}) {
  assertMissionStaff(actor);
  const open = new Map<string, number>();
  for (const p of listProposalRows(db, { openOnly: true })) open.set(p.applicantId, (open.get(p.applicantId) ?? 0) + 1);
  const day = today();
  return listApplicantRows(db, filter).map((a) => ({
    ...a,
    daysWaited: Math.max(0, countNights(a.waitingSince, day)),
    openProposals: open.get(a.id) ?? 0
  }));
}

/** An applicant with their proposals. Opening one linked to a confidential household is audited. */
export function getApplicant(db: Db, actor: Actor, id: string) {
  assertMissionStaff(actor);
  const a = requireApplicant(db, id);
  const household = a.householdId ? findHousehold(db, a.householdId) : undefined;
  if (household?.confidential) {
    writeTransaction(db, (tx) => audit(tx, actor, 'applicant.open', 'applicant', id, { householdId: household.id, confidential: true }));
  }
  const confidential = household?.confidential ?? false;
  return {
    ...a,
    confidential,
    /** Whether the reader may reveal the name of this applicant (linked to a confidential household). */
    canReveal: confidential && canRevealApplicantName(actor.role),
    daysWaited: Math.max(0, countNights(a.waitingSince, today())),
    proposals: proposalViews(db, listProposalRows(db, { applicantId: id }))
  };
}

/** Proposals, in progress only by default, oldest first, with their next step and age. */
export function listProposals(db: Db, actor: Actor, filter: { offerId?: string; applicantId?: string; openOnly?: boolean } = {}): ProposalView[] {
  assertMissionStaff(actor);
  return proposalViews(db, listProposalRows(db, { openOnly: true, ...filter }));
}

export function getProposal(db: Db, actor: Actor, id: string): ProposalView {
  assertMissionStaff(actor);
  const p = findProposal(db, id);
  if (!p) throw new AppError('not_found', `no proposal ${id}`);
  return proposalViews(db, [p])[0]!;
}

/** Refusals counted by who refused and why: what the mission learns from them. */
export function refusalCounts(db: Db, actor: Actor) {
  assertMissionStaff(actor);
  return countRefusals(db);
}
