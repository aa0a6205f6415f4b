import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

export interface AuditInput {
  at: number;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip?: string | null;
  /** Never personal data: ids, dates, reasons. */
  detail?: Record<string, unknown> | null;
}

export function insertAuditEntry(db: DbOrTx, e: AuditInput): void {
  prepared(db, `INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    e.at,
    e.actorId,
    e.action,
    e.entity,
    e.entityId,
    e.ip ?? null,
    e.detail ? JSON.stringify(e.detail) : null
  );
}
