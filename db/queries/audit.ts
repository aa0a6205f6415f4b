import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

export interface AuditInput {
  at: number;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip?: string | null;
  /** Never personal data: ids, dates, codes; free text goes to audit_reasons (insertAuditReason). */
  detail?: Record<string, unknown> | null;
}

/** Appends an entry; returns its id. */
export function insertAuditEntry(db: DbOrTx, e: AuditInput): number {
  const r = prepared(db, `INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    e.at,
    e.actorId,
    e.action,
    e.entity,
    e.entityId,
    e.ip ?? null,
    e.detail ? JSON.stringify(e.detail) : null
  );
  return Number(r.lastInsertRowid);
}

/** The free text of an entry's detail key, kept beside the append-only log so that it can be dropped. */
export function insertAuditReason(db: DbOrTx, auditId: number, key: string, text: string): void {
  prepared(db, `INSERT INTO audit_reasons (audit_id, key, text) VALUES (?, ?, ?)`).run(auditId, key, text);
}
