import { insertAuditEntry } from '#db/queries/audit.ts';
import type { DbOrTx } from '#db/client.ts';
import type { Actor } from './actor.ts';
import { nowMs } from './clock.ts';

/** Writes an audit entry inside the caller's transaction. `detail` holds ids and reasons, never names. */
export function audit(tx: DbOrTx, actor: Actor | null, action: string, entity: string, entityId: string | null, detail?: Record<string, unknown>): void {
  insertAuditEntry(tx, { at: nowMs(), actorId: actor?.accountId ?? null, action, entity, entityId, ip: actor?.ip ?? null, detail: detail ?? null });
}
