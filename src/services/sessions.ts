// Sign-in sessions for the web app: argon2id passwords, random session ids stored hashed, idle and
// absolute expiry, throttled failures, sign-out, and disabling an account ends its sessions.
import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { AppError } from '#domain/errors.ts';
import type { Role } from '#domain/programmes.ts';
import { lockedUntil, PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS, THROTTLE_MEMORY_MS } from '#domain/throttle.ts';
import type { Db } from '#db/client.ts';
import {
  clearSignInFailures,
  deleteSession,
  deleteSessionsOf,
  deleteSignInFailure,
  findAccountForSignIn,
  findSession,
  insertSession,
  insertSignInFailure,
  listSignInFailures,
  listSignInFailuresFromAddress,
  pruneSignInFailures,
  setAccountDisabled,
  touchSession
} from '#db/queries/sessions.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { writeTransaction } from './transaction.ts';

export const SESSION_COOKIE = 'session';

function intEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
/** Idle timeout (SESSION_IDLE_MINUTES, default 30) and absolute timeout (SESSION_ABSOLUTE_HOURS, default 12). */
export const sessionSettings = {
  idleMs: () => intEnv('SESSION_IDLE_MINUTES', 30) * 60_000,
  absoluteMs: () => intEnv('SESSION_ABSOLUTE_HOURS', 12) * 3_600_000
};

function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// A real argon2id hash of a random password: verifying against it when the email is unknown
// takes as long as a real check, so timing does not tell which emails have accounts.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YRW3CnJt3Df+z4GDy3XtlQ$IAE5n+lagpk1A/h7G3i2EJ9ShUZ5WuPwmmmANAoZ6b8';

export interface SignedIn {
  token: string;
  actor: Actor;
}

/** Thrown when tries are refused for a while; `retryAfterSeconds` says how long. */
export class ThrottledError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(seconds: number) {
    super('rate_limited', `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} min`);
    this.retryAfterSeconds = seconds;
  }
}

/**
 * Counts a password try before it is checked, in one write transaction: refused (ThrottledError)
 * when the account is locked for this address or the address for every account; otherwise the try
 * is recorded as a failure now and its row id returned, for the caller to delete if it succeeds.
 * Because the count and the record are one transaction, concurrent tries cannot all pass the
 * check before any is counted, and a refused try costs no password hash.
 */
function reservePasswordTry(db: Db, email: string, ip: string): number {
  return writeTransaction(db, (tx) => {
    const now = nowMs();
    pruneSignInFailures(tx, now - THROTTLE_MEMORY_MS);
    const perAccount = lockedUntil(listSignInFailures(tx, email, ip, now - THROTTLE_MEMORY_MS), now, PER_ACCOUNT_AND_ADDRESS);
    const perAddress = lockedUntil(listSignInFailuresFromAddress(tx, ip, now - THROTTLE_MEMORY_MS), now, PER_ADDRESS);
    const until = Math.max(perAccount ?? 0, perAddress ?? 0);
    if (until > now) throw new ThrottledError(Math.ceil((until - now) / 1000));
    return insertSignInFailure(tx, email, ip, now);
  });
}

/**
 * Checks the email and password; on success opens a new session (a new random id, whatever
 * session the browser had: `previousToken` is ended). Failures are counted per email and address,
 * and per address.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string; previousToken?: string | null }): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const tryId = reservePasswordTry(db, email, input.ip);
  const account = email ? findAccountForSignIn(db, email) : undefined;
  let ok = false;
  try {
    ok = await verify(account?.passwordHash ?? DUMMY_HASH, input.password);
  } catch {
    ok = false;
  }
  // A wrong try stays counted: its reservation is the failure.
  if (!account || !account.passwordHash || account.disabledAt !== null || !ok) throw new AppError('unauthorized', 'wrong email or password');
  const token = randomBytes(32).toString('base64url');
  const actor: Actor = { accountId: account.id, role: account.role as Role, organisationId: null, ip: input.ip };
  writeTransaction(db, (tx) => {
    if (input.previousToken) deleteSession(tx, digest(input.previousToken));
    deleteSignInFailure(tx, tryId);
    clearSignInFailures(tx, email, input.ip);
    insertSession(tx, digest(token), account.id, nowMs());
    audit(tx, actor, 'session.sign_in', 'account', account.id);
  });
  const session = findSession(db, digest(token))!;
  return { token, actor: { ...actor, organisationId: session.organisationId } };
}

export interface SessionView {
  actor: Actor;
  name: string;
  email: string | null;
}

/** The signed-in account behind a session id, or null when unknown, expired or disabled. */
export function readSession(db: Db, token: string | undefined | null, ip: string | null): SessionView | null {
  if (!token || token.length > 100) return null;
  const d = digest(token);
  const s = findSession(db, d);
  if (!s) return null;
  const now = nowMs();
  const expired = now - s.lastSeenAt >= sessionSettings.idleMs() || now - s.createdAt >= sessionSettings.absoluteMs();
  if (expired || s.disabledAt !== null) {
    writeTransaction(db, (tx) => deleteSession(tx, d));
    return null;
  }
  // A write a minute at most, not one per page.
  if (now - s.lastSeenAt > 60_000) writeTransaction(db, (tx) => touchSession(tx, d, now));
  return { actor: { accountId: s.accountId, role: s.role as Role, organisationId: s.organisationId, ip }, name: s.name, email: s.email };
}

export function signOut(db: Db, token: string | undefined | null): void {
  if (token) writeTransaction(db, (tx) => deleteSession(tx, digest(token)));
}

/** Disables (or enables again) an account; disabling ends its sessions at once. Admins only. */
export function setAccountEnabled(db: Db, actor: Actor, accountId: string, enabled: boolean): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'admins only');
  if (accountId === actor.accountId && !enabled) throw new AppError('invalid', 'an admin cannot disable their own account');
  writeTransaction(db, (tx) => {
    setAccountDisabled(tx, accountId, enabled ? null : nowMs());
    if (!enabled) deleteSessionsOf(tx, accountId);
    audit(tx, actor, enabled ? 'account.enable' : 'account.disable', 'account', accountId);
  });
}
