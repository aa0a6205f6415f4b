// Merging two records of one household (a partner filed an application for people the service
// already knew): an admin's act, with a reason, audited with ids only. Every row that points at the
// duplicate (stays, the mission's applicants, residence applications and contracts, other
// households' keep-apart links) moves to the kept household in one transaction; the duplicate is
// then removed (its id is "not found" from then on). If either was confidential the result is; a
// keep-apart link of either holds for the result; a household is never merged with the one it must
// be kept apart from.
import { ADMIN_ROLES } from '#domain/programmes.ts';
import { AppError } from '#domain/errors.ts';
import { REASON_MAX } from '#domain/input-limits.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import {
  countHouseholdStays,
  deleteHousehold,
  findHousehold,
  findHouseholdIdByPseudonym,
  moveHouseholdRows,
  setHouseholdConfidential,
  setHouseholdNeeds,
  setKeepApartFrom,
  type HouseholdRow,
  type MergedRowKind
} from '#db/queries/households.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { writeTransaction } from './transaction.ts';

export interface MergeResult {
  householdId: string;
  mergedId: string;
  confidential: boolean;
  moved: Record<MergedRowKind, number>;
}

function refuse(path: string, message: string, detail: string): never {
  throw new AppError('invalid', detail, { errors: [{ path, message }] });
}

/** Only an admin may merge two households (checked before anything is read). */
export function assertMayMerge(actor: Actor): void {
  requireRole(actor, ADMIN_ROLES, 'only an admin may merge two households');
}

function checkReason(reason: string | null | undefined): string {
  const why = (reason ?? '').trim();
  if (!why) refuse('reason', 'required', 'a reason is required to merge two households');
  if (why.length > REASON_MAX) refuse('reason', 'too_long', `a reason is at most ${REASON_MAX} characters`);
  return why;
}

/** The two records, checked: both exist, not one and the same, not a pair that must be kept apart. */
function checkPair(db: DbOrTx, keptId: string, duplicateId: string): { kept: HouseholdRow; duplicate: HouseholdRow } {
  if (!duplicateId) refuse('duplicateId', 'required', 'name the other record of the household');
  if (duplicateId === keptId) refuse('duplicateId', 'same_household', 'a household cannot be merged with itself');
  const kept = findHousehold(db, keptId);
  if (!kept) throw new AppError('not_found', 'no such household');
  const duplicate = findHousehold(db, duplicateId);
  if (!duplicate) throw new AppError('not_found', 'no such household to merge', { errors: [{ path: 'duplicateId', message: 'not_found' }] });
  if (kept.keepApartFromId === duplicate.id || duplicate.keepApartFromId === kept.id) {
    throw new AppError('invalid_transition', 'these two households must be kept apart: they are not the same household', { errors: [{ path: 'duplicateId', message: 'kept_apart' }] });
  }
  return { kept, duplicate };
}

export interface MergePreview {
  /** The other record, to be merged into this one. */
  duplicate: { id: string; pseudonym: string; confidential: boolean; adults: number; children: number; stays: number };
  /** Whether the result will be confidential (either record is). */
  confidential: boolean;
}

/**
 * The confirmation step of a merge (the page asks before it acts): the other record named by its id
 * or its pseudonym, checked as the merge checks it; nothing is written. Only an admin may ask.
 */
export function previewMerge(db: Db, actor: Actor, keptId: string, input: { duplicate: string; reason: string | null | undefined }): MergePreview {
  assertMayMerge(actor);
  checkReason(input.reason);
  const ref = (input.duplicate ?? '').trim();
  const duplicateId = ref === '' ? '' : findHousehold(db, ref) ? ref : (findHouseholdIdByPseudonym(db, ref) ?? ref);
  const { kept, duplicate } = checkPair(db, keptId, duplicateId);
  return {
    duplicate: { id: duplicate.id, pseudonym: duplicate.pseudonym, confidential: duplicate.confidential, adults: duplicate.adults, children: duplicate.children, stays: countHouseholdStays(db, duplicate.id) },
    confidential: kept.confidential || duplicate.confidential
  };
}

/**
 * Merges the household `duplicateId` into `keptId`. 403 for anyone but an admin (before the body);
 * 422 without a reason or for a household merged with itself; 404 when either does not exist; 409
 * for two households that must be kept apart, or when both keep-apart links cannot be held.
 */
export function mergeHouseholds(db: Db, actor: Actor, keptId: string, input: { duplicateId: string; reason: string }): MergeResult {
  assertMayMerge(actor);
  const why = checkReason(input.reason);
  const duplicateId = (input.duplicateId ?? '').trim();
  if (!duplicateId) refuse('duplicateId', 'required', 'name the other record of the household');
  if (duplicateId === keptId) refuse('duplicateId', 'same_household', 'a household cannot be merged with itself');
  return writeTransaction(db, (tx) => {
    const { kept, duplicate } = checkPair(tx, keptId, duplicateId);
    // Confidential if either was: set before the rows move, so that the triggers give the moved
    // mission applicants the kept household's pseudonym.
    const confidential = kept.confidential || duplicate.confidential;
    if (confidential && !kept.confidential) setHouseholdConfidential(tx, kept.id, true);
    const moved = moveHouseholdRows(tx, duplicate.id, kept.id);
    // The duplicate's own keep-apart link: held by the kept household, or by the other side.
    const other = duplicate.keepApartFromId;
    if (other !== null && other !== kept.keepApartFromId) {
      const otherRow = findHousehold(tx, other);
      if (otherRow) {
        if (kept.keepApartFromId === null) setKeepApartFrom(tx, kept.id, other);
        else if (otherRow.keepApartFromId === null || otherRow.keepApartFromId === kept.id) setKeepApartFrom(tx, other, kept.id);
        else throw new AppError('invalid_transition', 'both records are kept apart from other households that are kept apart from others: merge refused, ask an admin to check the links', { errors: [{ path: 'duplicateId', message: 'keep_apart_links' }] });
        moved.keep_apart_links += 1;
      }
    }
    const needs = [...new Set([...(kept.needs ?? []), ...(duplicate.needs ?? [])])];
    if (needs.length !== (kept.needs ?? []).length) setHouseholdNeeds(tx, kept.id, needs);
    deleteHousehold(tx, duplicate.id);
    audit(tx, actor, 'household.merge', 'household', kept.id, { mergedId: duplicate.id, reason: why, confidential, moved });
    audit(tx, actor, 'household.merged', 'household', duplicate.id, { into: kept.id });
    return { householdId: kept.id, mergedId: duplicate.id, confidential, moved };
  });
}
