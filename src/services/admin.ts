// The administration: the inventory (sites, units), stay limits, blocks, accounts and API tokens.
// Admins only (blocks: admins and duty officers, as the API says). Every write is audited in its
// own transaction. The input is typed: forms are parsed by their use case's schema (src/schemas/)
// before they reach here; what is checked here are the rules (an email not yet used, a password hard
// to guess, a partner's organisation, a limit's range, one's own account). Field errors carry a short
// key as their message ('taken', 'range'…) so that the pages can say them in the reader's language.
import { addDays, isValidDate, MAX_STAY_NIGHTS, startOfParisDay, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { ADMIN_ROLES, BLOCKING_ROLES, PROGRAMMES, SITE_KINDS, type Programme, type Role, type SiteKind } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { findAccountByEmail, findAccountForAdmin, findTokenForAdmin, listAccountsForAdmin, listTokensForAdmin, revokeApiToken, setAccountRole, type AdminAccountRow, type AdminTokenRow } from '#db/queries/accounts.ts';
import { countForAdmin, findUnitForAdmin, listSitesForAdmin, listUnitsForAdmin, setUnitActive, setUnitAlt, setUnitReservedFor, type AdminCounts } from '#db/queries/units.ts';
import type { UnitReservation } from '#domain/residence-codes.ts';
import { checkReservation } from './sites.ts';
import { countLiveStaysFrom } from '#db/queries/stays.ts';
import { deleteBlock, findBlock, listBlocksFrom, setBlockEnd, type AdminBlockRow } from '#db/queries/blocks.ts';
import { listAuditEntries, type AdminAuditRow } from '#db/queries/audit.ts';
import { listOrganisationNames } from '#db/queries/organisations.ts';
import { listStayLimits, upsertStayLimit } from '#db/queries/stay-limits.ts';
import { createAccountWithToken, createUser } from './accounts.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs, tonight } from './clock.ts';
import { passwordProblem } from './passwords.ts';
import { setAccountEnabled } from './sessions.ts';
import { writeTransaction } from './transaction.ts';

export const AUDIT_PAGE = 200;

/** Collects the rules' field errors and throws them together, so that a form shows every mistake at once. */
class Checks {
  readonly errors: FieldError[] = [];
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
  reservedFor: UnitReservation | null;
  active: boolean;
  /** Funded by the ALT grant (from tonight on, as its dated periods record). */
  alt: boolean;
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
      reservedFor: (u.reservedFor as UnitReservation | null) ?? null,
      active: u.active === 1,
      alt: u.alt === 1
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
    setUnitActive(tx, unitId, active, tonight());
    audit(tx, actor, active ? 'unit.activate' : 'unit.deactivate', 'unit', unitId);
  });
}

/**
 * Puts a unit under the ALT grant (or takes it out) from tonight's night on: its dated 'alt' periods
 * follow, so the flat-months of past months do not move. Audited; doing what is already so changes nothing.
 */
export function setUnitAltGrant(db: Db, actor: Actor, unitId: string, alt: boolean): { id: string; alt: boolean } {
  requireRole(actor, ADMIN_ROLES);
  return writeTransaction(db, (tx) => {
    const unit = findUnitForAdmin(tx, unitId);
    if (!unit) throw new AppError('not_found', 'no such unit');
    if ((unit.alt === 1) === alt) return { id: unitId, alt };
    const night = tonight();
    setUnitAlt(tx, unitId, alt, night);
    audit(tx, actor, alt ? 'unit.alt_on' : 'unit.alt_off', 'unit', unitId, { from: night });
    return { id: unitId, alt };
  });
}

/**
 * Reserves a social residence unit for a public (young workers), ranked first on its waiting list,
 * or lifts the reservation (null). 422 for a unit that does not serve the social residence.
 */
export function setUnitReservation(db: Db, actor: Actor, unitId: string, reservedFor: UnitReservation | null): void {
  requireRole(actor, ADMIN_ROLES);
  writeTransaction(db, (tx) => {
    const unit = findUnitForAdmin(tx, unitId);
    if (!unit) throw new AppError('not_found', 'no such unit');
    checkReservation(reservedFor, JSON.parse(unit.programmes) as Programme[]);
    if ((unit.reservedFor ?? null) === reservedFor) return;
    setUnitReservedFor(tx, unitId, reservedFor);
    audit(tx, actor, 'unit.reserve', 'unit', unitId, { reservedFor });
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

export function changeStayLimit(db: Db, actor: Actor, input: { programme: Programme; siteKind: SiteKind; maxNights: number }): LimitRow {
  changeStayLimits(db, actor, input.programme, { [input.siteKind]: input.maxNights });
  return { programme: input.programme, siteKind: input.siteKind, maxNights: input.maxNights };
}

/**
 * Sets a programme's limits on several kinds of site at once (all or none): each limit that
 * changes gets its own audit entry with the previous value. Returns how many changed.
 */
export function changeStayLimits(db: Db, actor: Actor, programme: Programme, limits: Partial<Record<SiteKind, number>>): { changed: number } {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  const entries = Object.entries(limits) as [SiteKind, number][];
  // A limit is a whole number of nights, from 1 to the longest stay.
  for (const [siteKind, maxNights] of entries) {
    if (!Number.isInteger(maxNights) || maxNights < 1 || maxNights > MAX_STAY_NIGHTS) c.add(`maxNights.${siteKind}`, 'range');
  }
  c.done();
  return writeTransaction(db, (tx) => {
    const recorded = new Map(listStayLimits(tx).filter((l) => l.programme === programme).map((l) => [l.siteKind, l.maxNights]));
    let changed = 0;
    for (const [siteKind, maxNights] of entries) {
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

/**
 * Lifts a block: a block that has not begun is deleted; one that began before tonight keeps its
 * past nights (they were out of service, the reports count them) and ends at tonight's night. A
 * block wholly in the past is history and stays. A block the system wrote (the housing mission's
 * unit closed outside its offer's period) is not lifted by hand, from any page: 409, nothing changed.
 */
export function liftBlock(db: Db, actor: Actor, blockId: string): { deleted: boolean; end: string | null; unitId: string } {
  requireRole(actor, BLOCKING_ROLES, 'admins and duty officers block units');
  return writeTransaction(db, (tx) => {
    const block = findBlock(tx, blockId);
    if (!block) throw new AppError('not_found', 'no such block');
    if (block.system !== null) {
      throw new AppError('invalid_transition', 'this block closes a housing-mission unit outside its offer’s period: it follows the offer and is not lifted by hand', {
        errors: [{ path: 'blockId', message: 'system' }]
      });
    }
    const night = tonight();
    if (block.end <= night) throw new AppError('invalid', 'a block wholly in the past is history', { errors: [{ path: 'blockId', message: 'past' }] });
    if (block.start >= night) {
      deleteBlock(tx, block.id);
      audit(tx, actor, 'block.lift', 'block', block.id, { unitId: block.unitId, start: block.start, end: block.end });
      return { deleted: true, end: null, unitId: block.unitId };
    }
    setBlockEnd(tx, block.id, night);
    audit(tx, actor, 'block.lift', 'block', block.id, { unitId: block.unitId, start: block.start, previousEnd: block.end, end: night });
    return { deleted: false, end: night, unitId: block.unitId };
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

/** A partner acts for an organisation: its account names one. */
function checkOrganisation(c: Checks, role: Role, organisation: string | null | undefined): string {
  const org = (organisation ?? '').trim();
  if (role === 'partner' && !org) c.add('organisation', 'organisation_required');
  return org;
}

export interface SignInAccountInput {
  email: string;
  name?: string | null;
  role: Role;
  organisation?: string | null;
  password: string;
}

/** Creates a sign-in account with an initial password (argon2id), audited. */
export async function addSignInAccount(db: Db, actor: Actor, input: SignInAccountInput): Promise<{ accountId: string; email: string }> {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  const email = input.email.trim().toLowerCase();
  if (findAccountByEmail(db, email)) c.add('email', 'taken');
  const name = (input.name ?? '').trim();
  const organisation = checkOrganisation(c, input.role, input.organisation);
  const weakness = passwordProblem(input.password, [email, name]);
  if (weakness) c.add('password', weakness);
  c.done();
  const created = await createUser(db, { email, name: name || undefined, role: input.role, organisation: organisation || undefined, password: input.password }, actor);
  return { accountId: created.accountId, email: created.email };
}

/** Changes an account's role, audited; it takes effect at the account's next request. */
export function changeAccountRole(db: Db, actor: Actor, accountId: string, role: Role): void {
  requireRole(actor, ADMIN_ROLES);
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
export function addTokenAccount(db: Db, actor: Actor, input: { name: string; role: Role; organisation?: string | null }): { tokenId: string; accountId: string; token: string } {
  requireRole(actor, ADMIN_ROLES);
  const c = new Checks();
  const organisation = checkOrganisation(c, input.role, input.organisation);
  c.done();
  const created = createAccountWithToken(db, { name: input.name.trim(), role: input.role, organisation: organisation || undefined }, actor);
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
  from?: IsoDate | null;
  to?: IsoDate | null;
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
