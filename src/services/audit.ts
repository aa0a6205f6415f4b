import { insertAuditEntry, insertAuditReason } from '#db/queries/audit.ts';
import type { DbOrTx } from '#db/client.ts';
import type { AuditEntity } from '#domain/audit-entities.ts';
import type { Actor } from './actor.ts';
import { nowMs } from './clock.ts';

/**
 * The detail keys that may hold text someone typed (a reason, an override's justification). Their
 * text goes to the audit_reasons side table and the entry keeps `true` in its place: the log is
 * append-only, and retention must still be able to forget what was written about a household.
 */
export const AUDIT_FREE_TEXT_KEYS = ['reason', 'overrideReason'] as const;

/** Splits a detail into what the append-only entry keeps and the free text kept beside it. */
export function splitAuditDetail(detail: Record<string, unknown>): { kept: Record<string, unknown>; texts: [string, string][] } {
  const kept = { ...detail };
  const texts: [string, string][] = [];
  for (const key of AUDIT_FREE_TEXT_KEYS) {
    const value = kept[key];
    if (typeof value === 'string') {
      texts.push([key, value]);
      kept[key] = true;
    }
  }
  return { kept, texts };
}

/** Writes an audit entry inside the caller's transaction. `detail` holds ids, codes and reasons, never names. */
export function audit(tx: DbOrTx, actor: Actor | null, action: string, entity: AuditEntity, entityId: string | null, detail?: Record<string, unknown>): void {
  const split = detail ? splitAuditDetail(detail) : null;
  const id = insertAuditEntry(tx, { at: nowMs(), actorId: actor?.accountId ?? null, action, entity, entityId, ip: actor?.ip ?? null, detail: split?.kept ?? null });
  for (const [key, text] of split?.texts ?? []) insertAuditReason(tx, id, key, text);
}
