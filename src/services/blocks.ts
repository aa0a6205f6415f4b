// Blocks: a unit out of service over a range of nights (repairs, cleaning, a lost key).
import type { SystemBlockReason } from '#domain/block-reasons.ts';
import { MAX_STAY_NIGHTS } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { BLOCKING_ROLES } from '#domain/programmes.ts';
import type { Db, Tx } from '#db/client.ts';
import { insertBlock } from '#db/queries/blocks.ts';
import { findConflicts, lapseExpiredHolds } from '#db/queries/stays.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs, tonight } from './clock.ts';
import { checkRange } from './ranges.ts';
import { newId, writeTransaction } from './transaction.ts';

export function createBlock(db: Db, actor: Actor, input: BlockInput) {
  requireRole(actor, BLOCKING_ROLES, 'admins and duty officers block units');
  checkRange(input.start, input.end, MAX_STAY_NIGHTS);
  if (input.start < tonight() && actor.role !== 'admin') {
    throw new AppError('invalid', `a block may not start before tonight's night (${tonight()})`, { errors: [{ path: 'start', message: 'in the past' }] });
  }
  // A person's block, whatever its reason says: only the system's own writes flag theirs.
  const { unitId, start, end, reason } = input;
  return writeTransaction(db, (tx) => writeBlock(tx, actor, { unitId, start, end, reason }));
}

export interface BlockInput {
  unitId: string;
  start: string;
  end: string;
  reason: string;
}

/**
 * createBlock's write and its audit entry, inside a transaction the caller holds: the unit must be
 * active and the nights free (409 overlap otherwise). The caller checks the role and the range (a
 * period offer's unit is closed outside its period by blocks reaching far into the past and future).
 */
export function writeBlock(tx: Tx, actor: Actor, input: BlockInput, system: SystemBlockReason | null = null) {
  const now = nowMs();
  const unit = findUnitWithSite(tx, input.unitId);
  if (!unit || !unit.active) throw new AppError('not_found', 'no such unit');
  lapseExpiredHolds(tx, unit.id, now);
  const conflicts = findConflicts(tx, unit.id, input.start, input.end, now);
  if (conflicts.length) throw new AppError('overlap', 'these nights overlap a live stay or a block on this unit', { conflicts });
  const block = insertBlock(tx, { id: newId(), unitId: unit.id, start: input.start, end: input.end, reason: input.reason.trim(), system, createdBy: actor.accountId, createdAt: now });
  audit(tx, actor, 'block.create', 'block', block.id, { unitId: unit.id, start: block.start, end: block.end });
  return { id: block.id, unitId: block.unitId, start: block.start, end: block.end, reason: block.reason, system: block.system };
}
