import type { DbOrTx } from '../client.ts';
import { auditEntries } from '../schema.ts';

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
  db.insert(auditEntries)
    .values({ ...e, ip: e.ip ?? null, detail: e.detail ? JSON.stringify(e.detail) : null })
    .run();
}
