// Sign-in sessions for the web app: argon2id passwords, random session ids stored hashed, idle and
// absolute expiry, throttled failures, sign-out, and disabling an account ends its sessions.
import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { AppError } from '#domain/errors.ts';
import { ADMIN_ROLES, type Role } from '#domain/programmes.ts';
import { lockedUntil, PER_ACCOUNT_AND_ADDRESS, PER_ACCOUNT_CODES, PER_ADDRESS, THROTTLE_MEMORY_MS } from '#domain/throttle.ts';
import type { Db, Tx } from '#db/client.ts';
import { countUnusedRecoveryCodes, deleteChallenge, deleteChallengesOf, findAccountSecurity, findChallenge, insertChallenge, pruneChallenges, setTotpLastStep, useRecoveryCode } from '#db/queries/account-security.ts';
import { clearSignInFailures, deleteSession, deleteSessionsOf, deleteSignInFailure, findSession, insertSession, insertSignInFailure, listCodeFailures, listSignInFailures, listSignInFailuresFromAddress, pruneSignInFailures, touchSession } from '#db/queries/sessions.ts';
import { findAccountForSignIn, setAccountDisabled } from '#db/queries/accounts.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { settings } from './config.ts';
import { sha256 } from './digest.ts';
import { nowMs } from './clock.ts';
import { sessionEndsAt } from '#domain/time-limits.ts';
import { acceptedTotpStep, digestRecoveryCode, looksLikeRecoveryCode, normaliseCode } from './totp.ts';
import { writeTransaction } from './transaction.ts';

export const SESSION_COOKIE = 'session';

/** Idle timeout (SESSION_IDLE_MINUTES, default 30) and absolute timeout (SESSION_ABSOLUTE_HOURS, default 12). */
export const sessionSettings = {
  idleMs: () => settings.sessionIdleMinutes() * 60_000,
  absoluteMs: () => settings.sessionAbsoluteHours() * 3_600_000
};

const digest = (token: string): string => sha256(token);

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
export function reservePasswordTry(db: Db, email: string, ip: string): number {
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

/** The same for a second-factor code: counted per account, whatever the address. */
export function reserveCodeTry(db: Db, email: string, ip: string): number {
  return writeTransaction(db, (tx) => {
    const now = nowMs();
    pruneSignInFailures(tx, now - THROTTLE_MEMORY_MS);
    const until = lockedUntil(listCodeFailures(tx, email, now - THROTTLE_MEMORY_MS), now, PER_ACCOUNT_CODES);
    if (until !== null) throw new ThrottledError(Math.ceil((until - now) / 1000));
    return insertSignInFailure(tx, email, ip, now, 'code');
  });
}

/** True when `password` is the password behind `hash` (a malformed hash is simply false). */
export async function passwordMatches(hash: string | null | undefined, password: string): Promise<boolean> {
  try {
    return await verify(hash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}

/** How long the code step waits after the right password. */
export const CHALLENGE_MS = 5 * 60_000;

/** After the password: signed in, or a second factor is still to come (the challenge, for the code step). */
export type SignInStep = ({ step: 'signed_in' } & SignedIn) | { step: 'second_factor'; challenge: string };

function openSession(tx: Tx, accountId: string, previousToken: string | null | undefined): string {
  const token = randomBytes(32).toString('base64url');
  if (previousToken) deleteSession(tx, digest(previousToken));
  insertSession(tx, digest(token), accountId, nowMs());
  return token;
}

function signedIn(db: Db, token: string, actor: Actor): SignedIn {
  const session = findSession(db, digest(token))!;
  return { token, actor: { ...actor, organisationId: session.organisationId } };
}

/**
 * The password step. Checks the email and password; an account with a second factor then gets a
 * challenge (a random id whose digest is kept server-side for 5 minutes, bound to the account)
 * for the code step; any other opens a new session (a new random id, whatever session the browser
 * had: `previousToken` is ended). Failures are counted per email and address, and per address.
 */
export async function beginSignIn(db: Db, input: { email: string; password: string; ip: string; previousToken?: string | null }): Promise<SignInStep> {
  const email = input.email.trim().toLowerCase();
  const tryId = reservePasswordTry(db, email, input.ip);
  const account = email ? findAccountForSignIn(db, email) : undefined;
  const ok = await passwordMatches(account?.passwordHash, input.password);
  // A wrong try stays counted: its reservation is the failure.
  if (!account || !account.passwordHash || account.disabledAt !== null || !ok) throw new AppError('unauthorized', 'wrong email or password');
  const actor: Actor = { accountId: account.id, role: account.role as Role, organisationId: null, ip: input.ip };
  const security = findAccountSecurity(db, account.id);
  if (security?.totpSecret) {
    const challenge = randomBytes(32).toString('base64url');
    writeTransaction(db, (tx) => {
      const now = nowMs();
      deleteSignInFailure(tx, tryId);
      clearSignInFailures(tx, email, input.ip);
      pruneChallenges(tx, now);
      deleteChallengesOf(tx, account.id);
      insertChallenge(tx, digest(challenge), account.id, now, now + CHALLENGE_MS);
      audit(tx, actor, 'session.password_verified', 'account', account.id, { secondFactor: 'totp' });
    });
    return { step: 'second_factor', challenge };
  }
  const token = writeTransaction(db, (tx) => {
    deleteSignInFailure(tx, tryId);
    clearSignInFailures(tx, email, input.ip);
    const t = openSession(tx, account.id, input.previousToken);
    audit(tx, actor, 'session.sign_in', 'account', account.id);
    return t;
  });
  return { step: 'signed_in', ...signedIn(db, token, actor) };
}

/** The password step for an account without a second factor (a second factor is refused here). */
export async function signIn(db: Db, input: { email: string; password: string; ip: string; previousToken?: string | null }): Promise<SignedIn> {
  const step = await beginSignIn(db, input);
  if (step.step !== 'signed_in') throw new AppError('unauthorized', 'this account signs in with a second factor');
  return { token: step.token, actor: step.actor };
}

/** Thrown at the code step when the challenge is unknown or past its 5 minutes: start again with the password. */
export class ChallengeExpiredError extends AppError {
  constructor() {
    super('unauthorized', 'the sign-in has expired: enter the password again');
  }
}

/**
 * The code step: a TOTP code (once per time step) or an unused recovery code (then used up),
 * for the account the challenge is bound to. Wrong codes are counted per account, whatever the
 * address (5 in a minute lock the code step for 5 minutes), before the code is checked.
 */
export function completeSignIn(db: Db, input: { challenge: string; code: string; ip: string; previousToken?: string | null }): SignedIn {
  const challengeDigest = digest(input.challenge ?? '');
  const challenge = input.challenge && input.challenge.length <= 100 ? findChallenge(db, challengeDigest) : undefined;
  if (!challenge || challenge.expiresAt <= nowMs()) throw new ChallengeExpiredError();
  const account = findAccountSecurity(db, challenge.accountId);
  if (!account || !account.email || account.disabledAt !== null || !account.totpSecret) throw new ChallengeExpiredError();
  const actor: Actor = { accountId: account.accountId, role: account.role as Role, organisationId: null, ip: input.ip };
  const tryId = reserveCodeTry(db, account.email, input.ip);
  const code = normaliseCode(input.code ?? '').slice(0, 40);
  const now = nowMs();
  const step = acceptedTotpStep(account.totpSecret, code, now, account.totpLastStep);
  const token = writeTransaction(db, (tx) => {
    let via: 'totp' | 'recovery_code' | null = null;
    if (step !== null) {
      setTotpLastStep(tx, account.accountId, step);
      via = 'totp';
    } else if (looksLikeRecoveryCode(code) && useRecoveryCode(tx, account.accountId, digestRecoveryCode(code), now)) {
      via = 'recovery_code';
    }
    if (!via) {
      audit(tx, actor, 'session.code_refused', 'account', account.accountId);
      return null;
    }
    deleteSignInFailure(tx, tryId);
    deleteChallenge(tx, challengeDigest);
    const t = openSession(tx, account.accountId, input.previousToken);
    audit(tx, actor, 'session.sign_in', 'account', account.accountId, { secondFactor: via, ...(via === 'recovery_code' ? { recoveryCodesLeft: countUnusedRecoveryCodes(tx, account.accountId) } : {}) });
    return t;
  });
  if (token === null) throw new AppError('unauthorized', 'wrong code');
  return signedIn(db, token, actor);
}

export interface SessionView {
  actor: Actor;
  name: string;
  email: string | null;
  /** An admin required a new password (or set a one-time one): only /compte until it is changed. */
  mustChangePassword: boolean;
  /** The role requires a second factor and none is enrolled: only /compte until it is. */
  mustEnrolTotp: boolean;
  /** When the session ends if nothing more happens (epoch ms), and whether activity moves it (the idle limit) or not (the absolute one). */
  endsAt: number;
  extendable: boolean;
}

/** A session read: the signed-in account, or null; and when it has just ended, whose it was. */
export interface SessionRead {
  session: SessionView | null;
  /** The account of a session found ended by this read (idle or absolute limit): a form it posted may be kept for it. */
  endedAccountId: string | null;
}

/**
 * The signed-in account behind a session id. A request counts as activity (`touch`, at most one
 * write a minute) unless it only asks how long the session has left; an ended session is deleted,
 * and its account said once (`endedAccountId`).
 */
export function readSessionFull(db: Db, token: string | undefined | null, ip: string | null, options: { touch?: boolean } = {}): SessionRead {
  const none = { session: null, endedAccountId: null };
  if (!token || token.length > 100) return none;
  const d = digest(token);
  const s = findSession(db, d);
  if (!s) return none;
  const now = nowMs();
  const expired = now - s.lastSeenAt >= sessionSettings.idleMs() || now - s.createdAt >= sessionSettings.absoluteMs();
  if (expired || s.disabledAt !== null) {
    // Only a question about the time left leaves an ended session for the request that follows (a form posted late is kept for its account).
    if (options.touch === false) return none;
    unlessBusy(() => writeTransaction(db, (tx) => deleteSession(tx, d)));
    return { session: null, endedAccountId: s.disabledAt === null ? s.accountId : null };
  }
  // A write a minute at most, not one per page; a busy database must not refuse a page over it.
  let lastSeenAt = s.lastSeenAt;
  if (options.touch !== false && now - s.lastSeenAt > 60_000) {
    unlessBusy(() => writeTransaction(db, (tx) => touchSession(tx, d, now)));
    lastSeenAt = now;
  }
  const ends = sessionEndsAt({ createdAt: s.createdAt, lastSeenAt, idleMs: sessionSettings.idleMs(), absoluteMs: sessionSettings.absoluteMs() });
  return {
    session: {
      actor: { accountId: s.accountId, role: s.role as Role, organisationId: s.organisationId, ip },
      name: s.name,
      email: s.email,
      mustChangePassword: s.passwordChangeRequired === 1,
      mustEnrolTotp: s.totpRequired === 1 && !s.totpEnabled,
      endsAt: ends.at,
      extendable: ends.extendable
    },
    endedAccountId: null
  };
}

/** The signed-in account behind a session id, or null when unknown, expired or disabled. */
export function readSession(db: Db, token: string | undefined | null, ip: string | null): SessionView | null {
  return readSessionFull(db, token, ip).session;
}

/**
 * « Stay signed in »: counts as activity now (the idle limit starts again; the absolute one never
 * moves). Null when the session has ended already.
 */
export function keepSessionAlive(db: Db, token: string | undefined | null, ip: string | null): SessionView | null {
  const { session } = readSessionFull(db, token, ip, { touch: false });
  if (!session || !token) return null;
  const now = nowMs();
  writeTransaction(db, (tx) => touchSession(tx, digest(token), now));
  return readSessionFull(db, token, ip, { touch: false }).session;
}

/** Runs a bookkeeping write that may be skipped when the database stays busy (the next request does it). */
function unlessBusy(write: () => void): void {
  try {
    write();
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'busy')) throw e;
  }
}

/** The stored form of a session id (to keep the current session when the others end). */
export function sessionDigest(token: string): string {
  return digest(token);
}

export function signOut(db: Db, token: string | undefined | null): void {
  if (token) writeTransaction(db, (tx) => deleteSession(tx, digest(token)));
}

/** Disables (or enables again) an account; disabling ends its sessions at once. Admins only. */
export function setAccountEnabled(db: Db, actor: Actor, accountId: string, enabled: boolean): void {
  requireRole(actor, ADMIN_ROLES);
  if (accountId === actor.accountId && !enabled) throw new AppError('invalid', 'an admin cannot disable their own account');
  writeTransaction(db, (tx) => {
    setAccountDisabled(tx, accountId, enabled ? null : nowMs());
    if (!enabled) deleteSessionsOf(tx, accountId);
    audit(tx, actor, enabled ? 'account.enable' : 'account.disable', 'account', accountId);
  });
}
