// Accounts, organisations and API tokens. A token is 256 random bits shown once; only its SHA-256
// digest is stored, so a leaked database does not leak working tokens.
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { AppError } from '#domain/errors.ts';
import { ROLES, type Role } from '#domain/programmes.ts';
import { isEmail } from '#schemas/common.ts';
import type { Db, Tx } from '#db/client.ts';
import { changeCounters } from '#db/prepared.ts';
import { findAccountByEmail, findAccountByTokenDigest, insertAccount, insertApiToken, touchApiToken } from '#db/queries/accounts.ts';
import { findOrganisationByName, insertOrganisation } from '#db/queries/organisations.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { sha256 } from './digest.ts';
import { passwordProblem, PASSWORD_PROBLEMS } from './passwords.ts';
import { newId, writeTransaction } from './transaction.ts';
import { checkOrganisationKind } from './territory.ts';

/** argon2id at OWASP's floor: 19 MiB, 2 iterations, parallelism 1. */
export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function digestToken(token: string): string {
  return sha256(token);
}

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError('validation', `unknown role "${role}" (one of ${ROLES.join(', ')})`);
  return role as Role;
}

/**
 * The account's organisation, created when no organisation has that exact name, of `kind` when one
 * is given (an existing organisation keeps its kind: an admin changes it where organisations are kept).
 */
function resolveOrganisation(tx: Tx, role: Role, organisation: string | undefined, kind: string | undefined, by: Actor | null): string | null {
  const name = organisation?.trim();
  if (role === 'partner' && !name) throw new AppError('validation', 'a partner account needs an organisation (--organisation)');
  const checkedKind = kind === undefined ? undefined : checkOrganisationKind(kind, 'organisationKind');
  if (!name) return null;
  const existing = findOrganisationByName(tx, name);
  if (existing) return existing.id;
  const created = insertOrganisation(tx, { id: newId(), name, kind: checkedKind ?? 'other', createdAt: nowMs() });
  audit(tx, by, 'organisation.create', 'organisation', created.id, { kind: created.kind });
  return created.id;
}

/** Creates an account of `role` with an API token; returns the token, which is never stored. */
export function createAccountWithToken(db: Db, input: { name: string; role: string; organisation?: string; organisationKind?: string }, by: Actor | null = null) {
  const role = checkRole(input.role);
  if (!input.name.trim()) throw new AppError('validation', 'a token needs a name');
  const token = `heb_${randomBytes(32).toString('base64url')}`;
  return writeTransaction(db, (tx) => {
    const organisationId = resolveOrganisation(tx, role, input.organisation, input.organisationKind, by);
    const account = insertAccount(tx, { id: newId(), name: input.name.trim(), role, organisationId, createdAt: nowMs() });
    const row = insertApiToken(tx, { id: newId(), accountId: account.id, name: input.name.trim(), digest: digestToken(token), createdAt: nowMs() });
    audit(tx, by, 'token.create', 'account', account.id, { role, tokenId: row.id });
    return { accountId: account.id, tokenId: row.id, role, organisationId, token };
  });
}

/** Creates a sign-in account; the password is hashed with argon2id. */
export async function createUser(
  db: Db,
  input: { email: string; role: string; organisation?: string; organisationKind?: string; password: string; name?: string },
  by: Actor | null = null
) {
  const role = checkRole(input.role);
  const email = input.email.trim().toLowerCase();
  if (!isEmail(email)) throw new AppError('validation', `"${input.email}" is not an email address`);
  const problem = passwordProblem(input.password, [email, input.name]);
  if (problem) throw new AppError('validation', PASSWORD_PROBLEMS[problem], { errors: [{ path: 'password', message: problem }] });
  const passwordHash = await hash(input.password, ARGON2_OPTIONS);
  return writeTransaction(db, (tx) => {
    if (findAccountByEmail(tx, email)) throw new AppError('validation', `an account with the email ${email} already exists`);
    const organisationId = resolveOrganisation(tx, role, input.organisation, input.organisationKind, by);
    const account = insertAccount(tx, { id: newId(), name: input.name?.trim() || email, email, role, organisationId, passwordHash, createdAt: nowMs() });
    audit(tx, by, 'account.create', 'account', account.id, { role });
    return { accountId: account.id, email, role, organisationId };
  });
}

type TokenRow = NonNullable<ReturnType<typeof findAccountByTokenDigest>>;

/**
 * The accounts of the tokens seen, by digest, per connection, kept while no row has changed: not on
 * this connection (total_changes: a revoked token, a disabled account, a changed role, whatever
 * wrote it) nor by another process (data_version). Every API request authenticates; a partner
 * polling every few seconds then costs a map lookup instead of a query. Unknown tokens are never kept.
 */
const tokenAccounts = new WeakMap<object, { changes: number; dataVersion: number; byDigest: Map<string, TokenRow> }>();
/** Tokens kept per connection (emptied when full; tokens are few). */
const MAX_KEPT_TOKENS = 1000;

/**
 * The actor behind a bearer token, or null for an unknown, revoked or disabled one. `counters`: the
 * connection's change counters when the caller has just read them (see changeCounters).
 */
export function authenticateToken(db: Db, token: string, ip: string | null, counters: [number, number] = changeCounters(db)): Actor | null {
  if (!token || token.length > 200) return null;
  const digest = digestToken(token);
  let kept = tokenAccounts.get(db.$client);
  if (!kept || kept.changes !== counters[0] || kept.dataVersion !== counters[1]) {
    tokenAccounts.set(db.$client, (kept = { changes: counters[0], dataVersion: counters[1], byDigest: new Map() }));
  }
  let row = kept.byDigest.get(digest);
  if (!row) {
    row = findAccountByTokenDigest(db, digest);
    if (!row) return null;
    if (kept.byDigest.size >= MAX_KEPT_TOKENS) kept.byDigest.clear();
    kept.byDigest.set(digest, row);
  }
  const now = nowMs();
  if (row.lastUsedAt === null || row.lastUsedAt < now - 60_000) {
    try {
      // A row changed: the kept accounts are read again on the next request.
      touchApiToken(db, row.tokenId, now);
    } catch {
      // A busy database must not refuse a request over a last-use timestamp.
    }
  }
  return { accountId: row.accountId, role: row.role as Role, organisationId: row.organisationId, ip };
}
