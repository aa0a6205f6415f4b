// The housing mission's own checks and records: only its staff (housing officers and admins) use it;
// an offer or an applicant that is not there is 404; each step of an offer or a proposal is dated.
import { AppError } from '#domain/errors.ts';
import { MISSION_ROLES } from '#domain/programmes.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import { findApplicant, type ApplicantRow } from '#db/queries/applicants.ts';
import { insertMissionEvent } from '#db/queries/mission-events.ts';
import { findOffer, type OfferRow } from '#db/queries/offers.ts';
import { requireRole, type Actor } from '../actor.ts';

export function assertMissionStaff(actor: Actor): void {
  requireRole(actor, MISSION_ROLES, 'the housing mission is for housing officers and admins');
}

export function requireOffer(db: Db, id: string): OfferRow {
  const o = findOffer(db, id);
  if (!o) throw new AppError('not_found', `no offer ${id}`);
  return o;
}

export function requireApplicant(db: Db, id: string): ApplicantRow {
  const a = findApplicant(db, id);
  if (!a) throw new AppError('not_found', `no applicant ${id}`);
  return a;
}

/** A dated step of an offer or of one of its proposals (mission_events), written in the caller's transaction. */
export function recordStep(tx: DbOrTx, actor: Actor | null, offerId: string, proposalId: string | null, status: string, reason: string | null, at: number): void {
  insertMissionEvent(tx, { offerId, proposalId, status, reason, at, accountId: actor?.accountId ?? null });
}
