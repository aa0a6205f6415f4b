// The audit log: entries are only ever inserted (the table refuses UPDATE and DELETE); the
// administration reads them filtered, newest first.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

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

export interface AdminAuditRow {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  detail: string | null;
}

/** The latest audit entries, newest first. */
export interface AuditFilter {
  /** An action, or the start of one ("referral." for every referral decision). */
  action?: string | null;
  entity?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  /** Epoch ms bounds, from inclusive, to exclusive. */
  from?: number | null;
  to?: number | null;
}

/** Audit entries, newest first, filtered. */
export function listAuditEntries(db: DbOrTx, limit: number, filter: AuditFilter = {}): AdminAuditRow[] {
  return prepared(
    db,
    // The free text kept beside the log (audit_reasons) is put back in its place for reading; a key
    // left `true` had its text dropped by retention.
    `SELECT e.id, e.at, e.actor_id AS actorId, a.name AS actorName, e.action, e.entity, e.entity_id AS entityId, e.ip,
            coalesce(json_patch(e.detail, (SELECT json_group_object(r.key, r.text) FROM audit_reasons r WHERE r.audit_id = e.id)), e.detail) AS detail
       FROM audit_entries e LEFT JOIN accounts a ON a.id = e.actor_id
      WHERE (@action IS NULL OR e.action = @action OR substr(e.action, 1, length(@action)) = @action)
        AND (@entity IS NULL OR e.entity = @entity)
        AND (@entityId IS NULL OR e.entity_id = @entityId)
        AND (@actorId IS NULL OR e.actor_id = @actorId)
        AND (@from IS NULL OR e.at >= @from)
        AND (@to IS NULL OR e.at < @to)
      ORDER BY e.id DESC LIMIT @limit`
  ).all({
    action: filter.action || null,
    entity: filter.entity || null,
    entityId: filter.entityId || null,
    actorId: filter.actorId || null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    limit
  }) as AdminAuditRow[];
}
