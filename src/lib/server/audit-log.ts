// The journal's page adapter: an audit entry's detail (stored as JSON) becomes named fields for a
// definition list, never raw JSON, and the keys the log must never show are dropped here, on the
// server, so they do not even reach the page's data.
import { AUDIT_DETAIL_NEVER_SHOWN } from '#domain/audit-entities.ts';
import { AUDIT_FREE_TEXT_KEYS } from '#services/audit.ts';
import type { listAuditLog } from '#services/admin.ts';

/**
 * A detail's value as the page renders it: a scalar, a list, named fields (a nested object), or a
 * typed reason that retention erased (the entry keeps `true` in its place).
 */
export type AuditValue = string | number | boolean | null | AuditValue[] | { fields: AuditField[] } | { erased: true };

export interface AuditField {
  key: string;
  value: AuditValue;
}

const HIDDEN = new Set<string>(AUDIT_DETAIL_NEVER_SHOWN);
const FREE_TEXT = new Set<string>(AUDIT_FREE_TEXT_KEYS);

function toValue(v: unknown): AuditValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toValue);
  if (typeof v === 'object') return { fields: toFields(v as Record<string, unknown>) };
  return null;
}

function toFields(o: Record<string, unknown>): AuditField[] {
  return Object.entries(o)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => ({ key, value: FREE_TEXT.has(key) && value === true ? { erased: true as const } : toValue(value) }));
}

/** The named fields of an entry's detail (JSON text, or null): none when it holds nothing readable. */
export function auditDetailFields(detail: string | null): AuditField[] {
  if (!detail) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [];
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? toFields(parsed as Record<string, unknown>) : [];
}

type AdminAuditRow = ReturnType<typeof listAuditLog>[number];

/** An audit entry as the journal shows it: its detail as named fields, never its stored JSON. */
export type AuditLogEntry = Omit<AdminAuditRow, 'detail'> & { fields: AuditField[] };

export function toAuditLogEntries(rows: AdminAuditRow[]): AuditLogEntry[] {
  return rows.map(({ detail, ...e }) => ({ ...e, fields: auditDetailFields(detail) }));
}
