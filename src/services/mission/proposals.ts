// The housing mission's proposals: an open offer proposed to an applicant it suits, and each step
// to a signed lease or a refusal; a signed lease lets the offer and closes the other proposals.
import { AppError } from '#domain/errors.ts';
import { excludedBy } from '#domain/matching.ts';
import { decideProposalMove, type ProposalStatus } from '#domain/proposal-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { findApplicant, updateApplicant } from '#db/queries/applicants.ts';
import { findOffer, updateOffer } from '#db/queries/offers.ts';
import { findOpenProposal, findProposal, findSignedLease, insertProposal, listOpenProposalsOfApplicant, listOpenProposalsOfOffer, updateProposal, type ProposalRow } from '#db/queries/proposals.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs } from '../clock.ts';
import { newId, writeTransaction } from '../transaction.ts';
import { assertMissionStaff, recordStep } from './access.ts';
import { toMatchingApplicant, toMatchingOffer } from './matching.ts';

/** Proposes an open offer to an applicant who passes every hard rule (422 with the codes otherwise). */
export function propose(db: Db, actor: Actor, offerId: string, applicantId: string): ProposalRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    const applicant = findApplicant(tx, applicantId);
    if (!applicant) throw new AppError('not_found', `no applicant ${applicantId}`);
    if (offer.status !== 'open') throw new AppError('invalid_transition', `the offer is ${offer.status}, not open`);
    if (applicant.housedAt != null) throw new AppError('invalid_transition', 'this applicant is already housed (a lease is signed)');
    const codes = excludedBy(toMatchingOffer(offer), toMatchingApplicant(applicant));
    if (codes.length > 0) {
      throw new AppError('invalid', `the applicant is excluded: ${codes.join(', ')}`, {
        errors: codes.map((c) => ({ path: 'applicantId', message: c }))
      });
    }
    if (findOpenProposal(tx, offerId, applicantId)) {
      throw new AppError('invalid_transition', 'this offer is already proposed to this applicant');
    }
    const at = nowMs();
    const row = insertProposal(tx, {
      id: newId(),
      offerId,
      applicantId,
      status: 'proposed',
      reason: null,
      createdAt: at,
      updatedAt: at,
      createdBy: actor.accountId
    });
    recordStep(tx, actor, offerId, row.id, 'proposed', null, at);
    audit(tx, actor, 'proposal.create', 'proposal', row.id, { offerId, applicantId });
    return row;
  });
}

/**
 * Moves a proposal. A signed lease, in the same transaction, lets the offer and closes every other
 * open proposal of the offer and of the applicant; a second lease on one offer is a 409.
 */
export function moveProposal(db: Db, actor: Actor, proposalId: string, to: ProposalStatus, reason?: string): ProposalRow {
  assertMissionStaff(actor);
  try {
    return writeTransaction(db, (tx) => {
      const p = findProposal(tx, proposalId);
      if (!p) throw new AppError('not_found', `no proposal ${proposalId}`);
      const decided = decideProposalMove(p.status, to, reason);
      const at = nowMs();
      if (to === 'lease_signed') {
        const offer = findOffer(tx, p.offerId);
        if (!offer) throw new AppError('not_found', `no offer ${p.offerId}`);
        if (findSignedLease(tx, p.offerId) || offer.status !== 'open') {
          throw new AppError('invalid_transition', `the offer is ${offer.status}: a lease is already signed or it is not open`);
        }
      }
      const row = updateProposal(tx, proposalId, { status: to, reason: decided.reason, updatedAt: at });
      recordStep(tx, actor, p.offerId, proposalId, to, decided.reason, at);
      audit(tx, actor, `proposal.${to}`, 'proposal', proposalId, { from: p.status, reason: decided.reason });
      if (to === 'lease_signed') {
        updateOffer(tx, p.offerId, { status: 'let', statusReason: 'lease_signed', updatedAt: at });
        recordStep(tx, actor, p.offerId, null, 'let', 'lease_signed', at);
        audit(tx, actor, 'offer.let', 'offer', p.offerId, { proposalId });
        updateApplicant(tx, p.applicantId, { housedAt: at });
        const others = new Map<string, ProposalRow>();
        for (const o of listOpenProposalsOfOffer(tx, p.offerId, proposalId)) others.set(o.id, o);
        for (const o of listOpenProposalsOfApplicant(tx, p.applicantId, proposalId)) others.set(o.id, o);
        for (const o of others.values()) {
          const why = o.offerId === p.offerId ? 'offer_let' : 'applicant_housed';
          updateProposal(tx, o.id, { status: 'closed', reason: why, updatedAt: at });
          recordStep(tx, actor, o.offerId, o.id, 'closed', why, at);
          audit(tx, actor, 'proposal.closed', 'proposal', o.id, { from: o.status, reason: why, byProposalId: proposalId });
        }
      }
      return row;
    });
  } catch (e) {
    // The partial unique index refuses a second lease on one offer even if the check above were bypassed.
    const err = e as { code?: string; message?: string };
    if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message?.includes('proposals.offer_id')) {
      throw new AppError('invalid_transition', 'a lease is already signed on this offer');
    }
    throw e;
  }
}
