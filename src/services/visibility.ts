// What a staff role may see, by programme (docs/api.md, "Roles"): a stay, a household or a referral it
// could see only through a programme its role does not handle is "not found" to it (404, never 403,
// so that its existence is not told either), and is left out of its lists.
import { AppError } from '#domain/errors.ts';
import { canHandleProgramme, canSeeHousehold, handlesEveryProgramme, programmesOf, type Programme } from '#domain/programmes.ts';
import type { DbOrTx } from '#db/client.ts';
import { findHousehold, listHouseholdProgrammes, type HouseholdRow } from '#db/queries/households.ts';
import type { Actor } from './actor.ts';

/** Whether the actor may see a stay or a referral of this programme. */
export function seesProgramme(actor: Actor, programme: string): boolean {
  return canHandleProgramme(actor.role, programme as Programme);
}

/**
 * The programmes that limit what the actor sees, for a query to filter on; null when its role
 * handles every programme (nothing to filter).
 */
export function visibleProgrammes(actor: Actor): readonly Programme[] | null {
  return handlesEveryProgramme(actor.role) ? null : programmesOf(actor.role);
}

/** Whether the actor may see the household: one of its stays, or its mission application, is under a programme of its role. */
export function seesHousehold(db: DbOrTx, actor: Actor, householdId: string): boolean {
  return handlesEveryProgramme(actor.role) || canSeeHousehold(actor.role, listHouseholdProgrammes(db, householdId));
}

/** A household the actor may see, or 404 (whether it does not exist or is not the actor's to see). */
export function findVisibleHousehold(db: DbOrTx, actor: Actor, householdId: string): HouseholdRow {
  const household = findHousehold(db, householdId);
  if (!household || !seesHousehold(db, actor, householdId)) throw new AppError('not_found', 'no such household');
  return household;
}
