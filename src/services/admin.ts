// The administration: the inventory (sites, units), stay limits, blocks, accounts and API tokens.
// Admins only (blocks: admins and duty officers, as the API says). Every write is audited in its
// own transaction. Field errors carry a short key as their message ('required', 'too_long'…) so
// that the pages can say them in the reader's language.
import { addDays, isValidDate, MAX_STAY_NIGHTS, startOfParisDay } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { ADMIN_ROLES, BLOCKING_ROLES, PROGRAMMES, ROLES, SITE_KINDS, type Programme, type Role, type SiteKind } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { findAccountByEmail, findAccountForAdmin, findTokenForAdmin, listAccountsForAdmin, listTokensForAdmin, revokeApiToken, setAccountRole, type AdminAccountRow, type AdminTokenRow } from '#db/queries/accounts.ts';
import { countForAdmin, findSite, findUnitForAdmin, listSitesForAdmin, listUnitsForAdmin, setUnitActive, type AdminCounts } from '#db/queries/units.ts';
import { countLiveStaysFrom } from '#db/queries/stays.ts';
import { deleteBlock, findBlock, listBlocksFrom, setBlockEnd, type AdminBlockRow } from '#db/queries/blocks.ts';
import { listAuditEntries, type AdminAuditRow } from '#db/queries/audit.ts';
import { listOrganisationNames } from '#db/queries/organisations.ts';
import { listStayLimits, upsertStayLimit } from '#db/queries/stay-limits.ts';
import { createAccountWithToken, createUser } from './accounts.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { createBlock } from './blocks.ts';
import { nowMs, tonight } from './clock.ts';
import { passwordProblem } from './passwords.ts';
import { setAccountEnabled } from './sessions.ts';
import { createSite, createUnit, type SiteView } from './sites.ts';
import { writeTransaction } from './transaction.ts';

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MAX_CAPACITY = 50;
export const MAX_NIGHTLY_COST = 10_000;
export const AUDIT_PAGE = 200;

/** Collects field errors and throws them together, so that a form shows every mistake at once. */
class Checks {
  readonly errors: FieldError[] = [];
  text(path: string, value: string | null | undefined, max: number, required = true): string {
    const v = (value ?? '').trim();
    if (required && !v) this.errors.push({ path, message: 'required' });
    else if (v.length > max) this.errors.push({ path, message: 'too_long' });
    return v;
  }
  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  done(): void {
    if (this.errors.length) throw new AppError('invalid', `invalid: ${this.errors.map((e) => `${e.path} (${e.message})`).join(', ')}`, { errors: this.errors });
  }
}

// —— Overview ——————————————————————————————————————————————————————————————————

export function getAdminOverview(db: Db, actor: Actor): AdminCounts {
  requireRole(actor, ADMIN_ROLES);
  return countForAdmin(db, tonight());
}

// —— Sites and units ———————————————————————————————————————————————————————————

export interface AdminUnit {
  id: string;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: boolean;
  programmes: Programme[];
  nightlyCost: number | null;
  active: boolean;
}
export interface AdminSite {
  id: string;
  name: string;
  commune: string;
  address: string;
  confidential: boolean;
  kind: SiteKind;
  units: AdminUnit[];
}

/** Every site with every unit, inactive ones included: the admin sees the whole inventory. */
export function listInventory(db: Db, actor: Actor): AdminSite[] {
  requireRole(actor, ADMIN_ROLES);
  const bySite = new Map<string, AdminUnit[]>();
  for (const u of listUnitsForAdmin(db)) {
    const list = bySite.get(u.siteId) ?? [];
    list.push({
      id: u.id,
      name: u.name,
      capacity: u.capacity,
      typology: u.typology,
      accessible: u.accessible === 1,
      programmes: JSON.parse(u.programmes) as Programme[],
      nightlyCost: u.nightlyCostCents === null ? null : u.nightlyCostCents / 100,
      active: u.active === 1
    });
    bySite.set(u.siteId, list);
  }
  return listSitesForAdmin(db).map((s) => ({
    id: s.id,
    name: s.name,
    commune: s.commune,
    address: s.address,
    confidential: s.confidential === 1,
    kind: s.kind as SiteKind,
    units: bySite.get(s.id) ?? []
  }));
}

export interface SiteInput {
  name: string;
  commune: string;
  address: string;
  confidential: boolean;
  kind: string;
}

export function addSite(db: Db, actor: Actor, input: SiteInput): SiteView {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  const name = c.text('name', input.name, 200);
  const commune = c.text('commune', input.commune, 100);
  const address = c.text('address', input.address, 500);
  if (!(SITE_KINDS as readonly string[]).includes(input.kind)) c.add('kind', 'invalid');
  c.done();
  return createSite(db, actor, { name, commune, address, confidential: input.confidential, kind: input.kind as SiteKind });
}

export interface UnitFormInput {
  siteId: string;
  name: string;
  capacity: number;
  typology?: string | null;
  programmes: string[];
  accessible: boolean;
  /** Euros per night; null where a night is not paid. */
  nightlyCost: number | null;
}

export function addUnit(db: Db, actor: Actor, input: UnitFormInput) {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  if (!input.siteId || !findSite(db, input.siteId)) c.add('siteId', 'required');
  const name = c.text('name', input.name, 200);
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) c.add('capacity', 'range');
  const typology = c.text('typology', input.typology, 20, false);
  const programmes = [...new Set(input.programmes)];
  if (programmes.length === 0) c.add('programmes', 'required');
  else if (!programmes.every((p) => (PROGRAMMES as readonly string[]).includes(p))) c.add('programmes', 'invalid');
  if (input.nightlyCost !== null && !(Number.isFinite(input.nightlyCost) && input.nightlyCost >= 0 && input.nightlyCost <= MAX_NIGHTLY_COST)) {
    c.add('nightlyCost', 'range');
  }
  c.done();
  return createUnit(db, actor, {
    siteId: input.siteId,
    name,
    capacity: input.capacity,
    typology: typology || null,
    programmes: programmes as Programme[],
    accessible: input.accessible,
    nightlyCost: input.nightlyCost
  });
}

/**
 * Takes a unit out of the inventory (or puts it back). A unit that still has a live stay from
 * tonight on keeps serving it: it cannot be deactivated until that stay is moved or ended.
 */
export function setUnitInService(db: Db, actor: Actor, unitId: string, active: boolean): void {
  requireRole(actor, ADMIN_ROLES);
  writeTransaction(db, (tx) => {
    const unit = findUnitForAdmin(tx, unitId);
    if (!unit) throw new AppError('not_found', 'no such unit');
    if ((unit.active === 1) === active) return;
    if (!active) {
      const live = countLiveStaysFrom(tx, unitId, tonight(), nowMs());
      if (live > 0) {
        throw new AppError('invalid', `this unit still has ${live} live stay(s) from tonight on`, { errors: [{ path: 'unitId', message: 'live_stays' }] });
      }
    }
    setUnitActive(tx, unitId, active);
    audit(tx, actor, active ? 'unit.activate' : 'unit.deactivate', 'unit', unitId);
  });
}

// —— Stay limits ————————————————————————————————————————————————————————————————

export interface LimitRow {
  programme: Programme;
  siteKind: SiteKind;
  maxNights: number | null;
}

/** The limit of every programme on every kind of site (null where none is recorded). */
export function listLimits(db: Db, actor: Actor): LimitRow[] {
  requireRole(actor, ADMIN_ROLES);
  const recorded = new Map(listStayLimits(db).map((l) => [`${l.programme}|${l.siteKind}`, l.maxNights]));
  return PROGRAMMES.flatMap((programme) => SITE_KINDS.map((siteKind) => ({ programme, siteKind, maxNights: recorded.get(`${programme}|${siteKind}`) ?? null })));
}

export function changeStayLimit(db: Db, actor: Actor, input: { programme: string; siteKind: string; maxNights: number }): LimitRow {
  changeStayLimits(db, actor, input.programme, { [input.siteKind]: input.maxNights });
  return { programme: input.programme as Programme, siteKind: input.siteKind as SiteKind, maxNights: input.maxNights };
}

/**
 * Sets a programme's limits on several kinds of site at once (all or none): each limit that
 * changes gets its own audit entry with the previous value. Returns how many changed.
 */
export function changeStayLimits(db: Db, actor: Actor, programme: string, limits: Record<string, number>): { changed: number } {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  if (!(PROGRAMMES as readonly string[]).includes(programme)) c.add('programme', 'invalid');
  for (const [siteKind, maxNights] of Object.entries(limits)) {
    if (!(SITE_KINDS as readonly string[]).includes(siteKind)) c.add('siteKind', 'invalid');
    else if (!Number.isInteger(maxNights) || maxNights < 1 || maxNights > MAX_STAY_NIGHTS) c.add(`maxNights.${siteKind}`, 'range');
  }
  c.done();
  return writeTransaction(db, (tx) => {
    const recorded = new Map(listStayLimits(tx).filter((l) => l.programme === programme).map((l) => [l.siteKind, l.maxNights]));
    let changed = 0;
    for (const [siteKind, maxNights] of Object.entries(limits)) {
      const previous = recorded.get(siteKind) ?? null;
      if (previous === maxNights) continue;
      upsertStayLimit(tx, programme, siteKind, maxNights, nowMs());
      audit(tx, actor, 'limit.change', 'stay_limit', `${programme}/${siteKind}`, { previous, maxNights });
      changed++;
    }
    return { changed };
  });
}

// —— Blocks —————————————————————————————————————————————————————————————————————

/** Blocks that still cover tonight or a later night. */
export function listCurrentBlocks(db: Db, actor: Actor): AdminBlockRow[] {
  requireRole(actor, BLOCKING_ROLES, 'admins and duty officers block units');
  return listBlocksFrom(db, tonight());
}

export function addBlock(db: Db, actor: Actor, input: { unitId: string; start: string; end: string; reason: string }) {
  requireRole(actor, BLOCKING_ROLES, 'admins and duty officers block units');
  const c = new Checks();
  if (!input.unitId) c.add('unitId', 'required');
  if (!isValidDate(input.start)) c.add('start', input.start ? 'invalid' : 'required');
  if (!isValidDate(input.end)) c.add('end', input.end ? 'invalid' : 'required');
  else if (isValidDate(input.start) && input.end <= input.start) c.add('end', 'after_start');
  const reason = c.text('reason', input.reason, 500);
  c.done();
  return createBlock(db, actor, { unitId: input.unitId, start: input.start, end: input.end, reason });
}

/**
 * Lifts a block: a block that has not begun is deleted; one that began before tonight keeps its
 * past nights (they were out of service, the reports count them) and ends at tonight's night. A
 * block wholly in the past is history and stays.
 */
export function liftBlock(db: Db, actor: Actor, blockId: string): { deleted: boolean; end: string | null } {
  requireRole(actor, BLOCKING_ROLES, 'admins and duty officers block units');
  return writeTransaction(db, (tx) => {
    const block = findBlock(tx, blockId);
    if (!block) throw new AppError('not_found', 'no such block');
    const night = tonight();
    if (block.end <= night) throw new AppError('invalid', 'a block wholly in the past is history', { errors: [{ path: 'blockId', message: 'past' }] });
    if (block.start >= night) {
      deleteBlock(tx, block.id);
      audit(tx, actor, 'block.lift', 'block', block.id, { unitId: block.unitId, start: block.start, end: block.end });
      return { deleted: true, end: null };
    }
    setBlockEnd(tx, block.id, night);
    audit(tx, actor, 'block.lift', 'block', block.id, { unitId: block.unitId, start: block.start, previousEnd: block.end, end: night });
    return { deleted: false, end: night };
  });
}

// —— Accounts ———————————————————————————————————————————————————————————————————

export interface AdminAccount {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  organisation: string | null;
  signIn: boolean;
  enabled: boolean;
  createdAt: number;
  liveTokens: number;
  /** A second factor is enrolled. */
  totp: boolean;
  /** A new password is required at the next sign-in. */
  passwordChangeRequired: boolean;
}

function toAccount(a: AdminAccountRow): AdminAccount {
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.role as Role,
    organisation: a.organisation,
    signIn: a.signIn === 1,
    enabled: a.disabledAt === null,
    createdAt: a.createdAt,
    liveTokens: a.liveTokens,
    totp: a.totpEnabled === 1,
    passwordChangeRequired: a.passwordChangeRequired === 1
  };
}

export function listAccounts(db: Db, actor: Actor): AdminAccount[] {
  requireRole(actor, ADMIN_ROLES);
  return listAccountsForAdmin(db).map(toAccount);
}

export function listOrganisations(db: Db, actor: Actor): string[] {
  requireRole(actor, ADMIN_ROLES);
  return listOrganisationNames(db);
}

function checkRoleAndOrganisation(c: Checks, role: string, organisation: string | null | undefined): string {
  if (!(ROLES as readonly string[]).includes(role)) c.add('role', 'invalid');
  const org = c.text('organisation', organisation, 200, false);
  if (role === 'partner' && !org) c.add('organisation', 'organisation_required');
  return org;
}

/** Creates a sign-in account with an initial password (argon2id), audited. */
export async function addSignInAccount(
  db: Db,
  actor: Actor,
  input: { email: string; name?: string | null; role: string; organisation?: string | null; password: string }
): Promise<{ accountId: string; email: string }> {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  const email = c.text('email', input.email, 200).toLowerCase();
  if (email && !EMAIL_PATTERN.test(email)) c.add('email', 'email');
  else if (email && findAccountByEmail(db, email)) c.add('email', 'taken');
  const name = c.text('name', input.name, 200, false);
  const organisation = checkRoleAndOrganisation(c, input.role, input.organisation);
  const weakness = passwordProblem(input.password, [email, name]);
  if (weakness) c.add('password', weakness);
  c.done();
  const created = await createUser(db, { email, name: name || undefined, role: input.role, organisation: organisation || undefined, password: input.password }, actor);
  return { accountId: created.accountId, email: created.email };
}

/** Changes an account's role, audited; it takes effect at the account's next request. */
export function changeAccountRole(db: Db, actor: Actor, accountId: string, role: string): void {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  if (!(ROLES as readonly string[]).includes(role)) c.add('role', 'invalid');
  c.done();
  writeTransaction(db, (tx) => {
    const account = findAccountForAdmin(tx, accountId);
    if (!account) throw new AppError('not_found', 'no such account');
    if (account.role === role) return;
    // An admin never demotes themself: the service always keeps an admin who can sign in.
    if (accountId === actor.accountId) throw new AppError('invalid', 'an admin cannot change their own role', { errors: [{ path: 'role', message: 'own_account' }] });
    if (role === 'partner' && !account.organisationId) {
      throw new AppError('invalid', 'a partner account needs an organisation', { errors: [{ path: 'role', message: 'organisation_required' }] });
    }
    setAccountRole(tx, accountId, role);
    audit(tx, actor, 'account.role', 'account', accountId, { from: account.role, to: role });
  });
}

/** Disables (ending its sessions and stopping its tokens) or enables an account, audited. */
export function setAccountActive(db: Db, actor: Actor, accountId: string, enabled: boolean): void {
  requireRole(actor, ADMIN_ROLES);
  const account = findAccountForAdmin(db, accountId);
  if (!account) throw new AppError('not_found', 'no such account');
  if (!enabled && accountId === actor.accountId) {
    throw new AppError('invalid', 'an admin cannot disable their own account', { errors: [{ path: 'account', message: 'own_account' }] });
  }
  if ((account.disabledAt === null) === enabled) return;
  setAccountEnabled(db, actor, accountId, enabled);
}

// —— API tokens —————————————————————————————————————————————————————————————————

export interface AdminToken {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  role: Role;
  organisation: string | null;
  accountEnabled: boolean;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

function toToken(t: AdminTokenRow): AdminToken {
  return {
    id: t.id,
    name: t.name,
    accountId: t.accountId,
    accountName: t.accountName,
    role: t.role as Role,
    organisation: t.organisation,
    accountEnabled: t.accountDisabledAt === null,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt
  };
}

/** Every token with its account; never the token itself (only its digest is stored). */
export function listTokens(db: Db, actor: Actor): AdminToken[] {
  requireRole(actor, ADMIN_ROLES);
  return listTokensForAdmin(db).map(toToken);
}

/** Creates an account of `role` with an API token. The token is returned here once, never again. */
export function addTokenAccount(db: Db, actor: Actor, input: { name: string; role: string; organisation?: string | null }): { tokenId: string; accountId: string; token: string } {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  const name = c.text('name', input.name, 200);
  const organisation = checkRoleAndOrganisation(c, input.role, input.organisation);
  c.done();
  const created = createAccountWithToken(db, { name, role: input.role, organisation: organisation || undefined }, actor);
  return { tokenId: created.tokenId, accountId: created.accountId, token: created.token };
}

/** Revokes a token at once: the next request with it is refused. Revoking twice changes nothing. */
export function revokeToken(db: Db, actor: Actor, tokenId: string): { revoked: boolean } {
  requireRole(actor, ADMIN_ROLES);
  return writeTransaction(db, (tx) => {
    const token = findTokenForAdmin(tx, tokenId);
    if (!token) throw new AppError('not_found', 'no such token');
    if (token.revokedAt !== null) return { revoked: false };
    revokeApiToken(tx, tokenId, nowMs());
    audit(tx, actor, 'token.revoke', 'token', tokenId, { accountId: token.accountId });
    return { revoked: true };
  });
}

// —— Audit log ——————————————————————————————————————————————————————————————————

export interface AuditQuery {
  action?: string | null;
  entity?: string | null;
  entityId?: string | null;
  /** Calendar dates of Europe/Paris, inclusive. */
  from?: string | null;
  to?: string | null;
}

/** The audit log, newest first, filtered by action (or its start), object, record and dates. Admins only. */
export function listAuditLog(db: Db, actor: Actor, limit = AUDIT_PAGE, q: AuditQuery = {}): AdminAuditRow[] {
  requireRole(actor, ADMIN_ROLES);
  for (const [name, d] of [['from', q.from], ['to', q.to]] as const) {
    if (d && !isValidDate(d)) throw new AppError('invalid', `${name} is not a calendar date`, { errors: [{ path: name, message: 'YYYY-MM-DD' }] });
  }
  return listAuditEntries(db, Math.max(1, Math.min(limit, 1000)), {
    action: q.action?.trim() || null,
    entity: q.entity?.trim() || null,
    entityId: q.entityId?.trim() || null,
    from: q.from ? startOfParisDay(q.from) : null,
    to: q.to ? startOfParisDay(addDays(q.to, 1)) : null
  });
}
