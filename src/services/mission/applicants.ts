// The housing mission's applicants: recording one, correcting their need while they wait, and
// revealing the name of one linked to a confidential household (with a reason, audited).
import { AppError } from '#domain/errors.ts';
import { canRevealApplicantName } from '#domain/confidentiality.ts';
import type { Db } from '#db/client.ts';
import { findApplicant, insertApplicant, updateApplicant, type ApplicantRow } from '#db/queries/applicants.ts';
import { findHousehold } from '#db/queries/households.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs } from '../clock.ts';
import { newId, writeTransaction } from '../transaction.ts';
import { assertMissionStaff } from './access.ts';
import { findVisibleHousehold } from '../visibility.ts';
import { applicantErrors, refuse, type ApplicantInput } from './validation.ts';

/** An applicant's need as stored: the communes trimmed, no blank one; no end of stay: null. */
function needOf(input: Omit<ApplicantInput, 'householdId'>) {
  return {
    persons: input.persons,
    accessibleNeeded: input.accessibleNeeded,
    maxRentCents: input.maxRentCents,
    yearlyIncomeCents: input.yearlyIncomeCents,
    communes: input.communes.map((c) => c.trim()).filter((c) => c !== ''),
    neededFrom: input.neededFrom,
    waitingSince: input.waitingSince,
    situation: input.situation,
    emergencyStayEnd: input.emergencyStayEnd ?? null
  };
}

/**
 * A household already known, to register with the housing mission as it is (a resident of the
 * residence, someone leaving an emergency stay): one household, not two records. The mission's staff
 * only; 404 for a household their role could not see. A confidential one comes by its pseudonym only.
 */
export function householdForApplicant(db: Db, actor: Actor, householdId: string): { id: string; label: string; persons: number; confidential: boolean } {
  assertMissionStaff(actor);
  const h = findVisibleHousehold(db, actor, householdId);
  return { id: h.id, label: h.confidential ? h.pseudonym : h.label, persons: h.adults + h.children, confidential: h.confidential };
}

export function createApplicant(db: Db, actor: Actor, input: ApplicantInput): ApplicantRow {
  assertMissionStaff(actor);
  refuse(applicantErrors(input));
  return writeTransaction(db, (tx) => {
    let label = input.label.trim();
    if (input.householdId != null) {
      const household = findHousehold(tx, input.householdId);
      if (!household) throw new AppError('not_found', `no household ${input.householdId}`);
      // A confidential household is known to the mission by its pseudonym only.
      if (household.confidential) label = household.pseudonym;
    }
    const row = insertApplicant(tx, {
      id: newId(),
      householdId: input.householdId ?? null,
      label,
      ...needOf(input),
      createdAt: nowMs()
    });
    audit(tx, actor, 'applicant.create', 'applicant', row.id);
    return row;
  });
}

/**
 * Corrects an applicant's need while they wait (a housed applicant is 409): checked as at
 * creation; one linked to a confidential household keeps its pseudonym whatever label says.
 */
export function updateApplicantDetails(db: Db, actor: Actor, applicantId: string, input: Omit<ApplicantInput, 'householdId'>): ApplicantRow {
  assertMissionStaff(actor);
  refuse(applicantErrors({ ...input, householdId: null }));
  return writeTransaction(db, (tx) => {
    const a = findApplicant(tx, applicantId);
    if (!a) throw new AppError('not_found', `no applicant ${applicantId}`);
    if (a.housedAt != null) throw new AppError('invalid_transition', 'this applicant is housed: their need can no longer change');
    const household = a.householdId ? findHousehold(tx, a.householdId) : undefined;
    const row = updateApplicant(tx, applicantId, {
      label: household?.confidential ? household.pseudonym : input.label.trim(),
      ...needOf(input)
    });
    audit(tx, actor, 'applicant.update', 'applicant', applicantId);
    return row;
  });
}

/**
 * The real name of an applicant linked to a confidential household, for the mission's staff with a
 * reason; the audit entry 'applicant.reveal' (the reason, the household's id) is written in the same
 * transaction as the read. 409 for an applicant whose name is not hidden.
 */
export function revealApplicantName(db: Db, actor: Actor, id: string, reason: string | null | undefined): { label: string } {
  if (!canRevealApplicantName(actor.role)) throw new AppError('forbidden', "only the housing mission's staff may reveal an applicant's name");
  const why = (reason ?? '').trim();
  if (!why) throw new AppError('invalid', 'a reason is required to reveal a name', { errors: [{ path: 'reason', message: 'required' }] });
  if (why.length > 1000) throw new AppError('invalid', 'a reason is at most 1000 characters', { errors: [{ path: 'reason', message: 'too_long' }] });
  return writeTransaction(db, (tx) => {
    const a = findApplicant(tx, id);
    if (!a) throw new AppError('not_found', `no applicant ${id}`);
    const household = a.householdId ? findHousehold(tx, a.householdId) : undefined;
    if (!household?.confidential) throw new AppError('invalid_transition', "this applicant's name is not hidden");
    audit(tx, actor, 'applicant.reveal', 'applicant', id, { householdId: household.id, reason: why });
    return { label: household.label };
  });
}
