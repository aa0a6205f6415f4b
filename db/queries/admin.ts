// The administration's reads and writes: the inventory with inactive units, blocks, accounts,
// tokens (never their digests), organisations and the audit log.
import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

export interface AdminSiteRow {
  id: string;
  name: string;
  commune: string;
  address: string;
  confidential: number;
  kind: string;
}

export function listSitesForAdmin(db: DbOrTx): AdminSiteRow[] {
  return prepared(db, `SELECT id, name, commune, address, confidential, kind FROM sites ORDER BY name COLLATE NOCASE, id`).all() as AdminSiteRow[];
}

export interface AdminUnitRow {
  id: string;
  siteId: string;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: number;
  programmes: string;
  nightlyCostCents: number | null;
  active: number;
}

/** Every unit, active or not, in creation order. */
export function listUnitsForAdmin(db: DbOrTx): AdminUnitRow[] {
  return prepared(
    db,
    `SELECT id, site_id AS siteId, name, capacity, typology, accessible, programmes, nightly_cost_cents AS nightlyCostCents, active
       FROM units ORDER BY seq`
  ).all() as AdminUnitRow[];
}

export function findUnitForAdmin(db: DbOrTx, id: string): AdminUnitRow | undefined {
  return prepared(
    db,
    `SELECT id, site_id AS siteId, name, capacity, typology, accessible, programmes, nightly_cost_cents AS nightlyCostCents, active
       FROM units WHERE id = ?`
  ).get(id) as AdminUnitRow | undefined;
}

export function setUnitActive(db: DbOrTx, id: string, active: boolean): void {
  prepared(db, `UPDATE units SET active = ? WHERE id = ?`).run(active ? 1 : 0, id);
}

/** Live stays on a unit (holds not yet lapsed) that still have a night from `night` on. */
export function countLiveStaysFrom(db: DbOrTx, unitId: string, night: string, now: number): number {
  return prepared(
    db,
    `SELECT count(*) FROM stays WHERE unit_id = ? AND end_date > ?
        AND status IN ('hold','confirmed','in_place') AND (status <> 'hold' OR hold_expires_at > ?)`
  )
    .pluck()
    .get(unitId, night, now) as number;
}

export interface AdminBlockRow {
  id: string;
  unitId: string;
  unitName: string;
  siteName: string;
  start: string;
  end: string;
  reason: string;
  createdAt: number;
}

/** Blocks that still have a night from `night` on, the earliest first. */
export function listBlocksFrom(db: DbOrTx, night: string): AdminBlockRow[] {
  return prepared(
    db,
    `SELECT b.id, b.unit_id AS unitId, u.name AS unitName, s.name AS siteName, b.start_date AS start, b.end_date AS end,
            b.reason, b.created_at AS createdAt
       FROM blocks b JOIN units u ON u.id = b.unit_id JOIN sites s ON s.id = u.site_id
      WHERE b.end_date > ?
      ORDER BY b.start_date, u.seq`
  ).all(night) as AdminBlockRow[];
}

export function findBlock(db: DbOrTx, id: string): { id: string; unitId: string; start: string; end: string } | undefined {
  return prepared(db, `SELECT id, unit_id AS unitId, start_date AS start, end_date AS end FROM blocks WHERE id = ?`).get(id) as
    | { id: string; unitId: string; start: string; end: string }
    | undefined;
}

export function deleteBlock(db: DbOrTx, id: string): void {
  prepared(db, `DELETE FROM blocks WHERE id = ?`).run(id);
}

export function setBlockEnd(db: DbOrTx, id: string, end: string): void {
  prepared(db, `UPDATE blocks SET end_date = ? WHERE id = ?`).run(end, id);
}

export interface AdminAccountRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
  organisationId: string | null;
  organisation: string | null;
  signIn: number;
  disabledAt: number | null;
  createdAt: number;
  liveTokens: number;
  totpEnabled: number;
  passwordChangeRequired: number;
}

export function listAccountsForAdmin(db: DbOrTx): AdminAccountRow[] {
  return prepared(
    db,
    `SELECT a.id, a.name, a.email, a.role, a.organisation_id AS organisationId, o.name AS organisation,
            (a.password_hash IS NOT NULL) AS signIn, a.disabled_at AS disabledAt, a.created_at AS createdAt,
            (SELECT count(*) FROM api_tokens t WHERE t.account_id = a.id AND t.revoked_at IS NULL) AS liveTokens,
            (x.totp_secret IS NOT NULL) AS totpEnabled, coalesce(x.password_change_required, 0) AS passwordChangeRequired
       FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN account_security x ON x.account_id = a.id
      ORDER BY a.disabled_at IS NOT NULL, a.role, a.name COLLATE NOCASE`
  ).all() as AdminAccountRow[];
}

export function findAccountForAdmin(db: DbOrTx, id: string): { id: string; role: string; organisationId: string | null; disabledAt: number | null } | undefined {
  return prepared(db, `SELECT id, role, organisation_id AS organisationId, disabled_at AS disabledAt FROM accounts WHERE id = ?`).get(id) as
    | { id: string; role: string; organisationId: string | null; disabledAt: number | null }
    | undefined;
}

export function setAccountRole(db: DbOrTx, id: string, role: string): void {
  prepared(db, `UPDATE accounts SET role = ? WHERE id = ?`).run(role, id);
}

export interface AdminTokenRow {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  role: string;
  organisation: string | null;
  accountDisabledAt: number | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Every API token without its digest: live ones first, the newest first. */
export function listTokensForAdmin(db: DbOrTx): AdminTokenRow[] {
  return prepared(
    db,
    `SELECT t.id, t.name, t.account_id AS accountId, a.name AS accountName, a.role, o.name AS organisation,
            a.disabled_at AS accountDisabledAt, t.created_at AS createdAt, t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt
       FROM api_tokens t JOIN accounts a ON a.id = t.account_id LEFT JOIN organisations o ON o.id = a.organisation_id
      ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`
  ).all() as AdminTokenRow[];
}

export function findTokenForAdmin(db: DbOrTx, id: string): { id: string; accountId: string; revokedAt: number | null } | undefined {
  return prepared(db, `SELECT id, account_id AS accountId, revoked_at AS revokedAt FROM api_tokens WHERE id = ?`).get(id) as
    | { id: string; accountId: string; revokedAt: number | null }
    | undefined;
}

export function listOrganisationNames(db: DbOrTx): string[] {
  return prepared(db, `SELECT name FROM organisations ORDER BY name COLLATE NOCASE`).pluck().all() as string[];
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

export interface AdminCounts {
  sites: number;
  activeUnits: number;
  accounts: number;
  liveTokens: number;
  blocks: number;
}

export function countForAdmin(db: DbOrTx, night: string): AdminCounts {
  return prepared(
    db,
    `SELECT (SELECT count(*) FROM sites) AS sites,
            (SELECT count(*) FROM units WHERE active = 1) AS activeUnits,
            (SELECT count(*) FROM accounts WHERE disabled_at IS NULL AND password_hash IS NOT NULL) AS accounts,
            (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL) AS liveTokens,
            (SELECT count(*) FROM blocks WHERE end_date > ?) AS blocks`
  ).get(night) as AdminCounts;
}
