// The housing mission's landlords: recording one (in one transaction with its audit entry).
import type { Db } from '#db/client.ts';
import { insertLandlord, type LandlordRow } from '#db/queries/landlords.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs } from '../clock.ts';
import { newId, writeTransaction } from '../transaction.ts';
import { assertMissionStaff } from './access.ts';
import { refuse, type LandlordInput } from './validation.ts';

export function createLandlord(db: Db, actor: Actor, input: LandlordInput): LandlordRow {
  assertMissionStaff(actor);
  refuse(input.name?.trim() ? [] : [{ path: 'name', message: 'required' }]);
  return writeTransaction(db, (tx) => {
    const row = insertLandlord(tx, {
      id: newId(),
      name: input.name.trim(),
      phone: input.phone ?? null,
      email: input.email ?? null,
      notes: input.notes ?? null,
      createdAt: nowMs()
    });
    audit(tx, actor, 'landlord.create', 'landlord', row.id);
    return row;
  });
}
