// A staff account's own security (/compte) and what an admin may do to it: changing one's password
// (the current one required; every other session of the account ends), enrolling the TOTP second
// factor with single-use recovery codes, an admin forcing a new password, setting a one-time
// password or removing a lost second factor, and requiring a second factor per role. Every step
// is audited, never with a password, a secret or a code.
import { hash } from '@node-rs/argon2';
import { AppError } from '#domain/errors.ts';
import { ADMIN_ROLES, ROLES, type Role } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { findAccountByEmail } from '#db/queries/accounts.ts';
import { clearTotp, countUnusedRecoveryCodes, deleteChallengesOf, enableTotp, findAccountSecurity, listTotpRequiredRoles, replaceRecoveryCodes, setPasswordChangeRequired, setPasswordHash, setRoleTotpRequired, setTotpPending, type AccountSecurityRow } from '#db/queries/account-security.ts';
import { clearSignInFailures, countOtherSessions, deleteOtherSessions, deleteSignInFailure } from '#db/queries/sessions.ts';
import { ARGON2_OPTIONS } from './accounts.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { PASSWORD_PROBLEMS, passwordProblem } from './passwords.ts';
import { passwordMatches, reserveCodeTry, reservePasswordTry, sessionDigest } from './sessions.ts';
import { acceptedTotpStep, digestRecoveryCode, newRecoveryCodes, newTotpSecret, normaliseCode, totpQrSvg, totpUri } from './totp.ts';
import { writeTransaction } from './transaction.ts';

function invalid(path: string, message: string): AppError {
  return new AppError('invalid', `${path}: ${message}`, { errors: [{ path, message }] });
}

function signInAccount(db: Db, accountId: string): AccountSecurityRow & { email: string } {
  const a = findAccountSecurity(db, accountId);
  if (!a || !a.email || !a.passwordHash || a.disabledAt !== null) throw new AppError('not_found', 'no such sign-in account');
  return a as AccountSecurityRow & { email: string };
}

// —— One's own account ——————————————————————————————————————————————————————————

export interface AccountView {
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  totp: {
    enabled: boolean;
    enabledAt: number | null;
    /** The role requires it. */
    required: boolean;
    recoveryCodesLeft: number;
    /** Being enrolled: what the authenticator app needs. */
    pending: { uri: string; secret: string; qrSvg: string } | null;
  };
}

/** What /compte shows: the account, its second factor, and the enrolment under way. */
export async function getAccountView(db: Db, actor: Actor): Promise<AccountView> {
  const a = signInAccount(db, actor.accountId);
  const pending = a.totpPendingSecret && !a.totpSecret ? totpUri(a.totpPendingSecret, a.email) : null;
  return {
    email: a.email,
    name: a.name,
    role: a.role as Role,
    mustChangePassword: a.passwordChangeRequired === 1,
    totp: {
      enabled: a.totpSecret !== null,
      enabledAt: a.totpEnabledAt,
      required: a.totpRequired === 1,
      recoveryCodesLeft: a.totpSecret ? countUnusedRecoveryCodes(db, a.accountId) : 0,
      pending: pending ? { uri: pending, secret: a.totpPendingSecret!, qrSvg: await totpQrSvg(pending) } : null
    }
  };
}

/**
 * Changes one's own password: the current one is checked (a wrong one counts as a failed sign-in
 * of this account from this address), the new one must pass the password rule, and every other
 * session of the account ends (`sessionToken`, the one in use, stays).
 */
export async function changeOwnPassword(db: Db, actor: Actor, sessionToken: string | null, input: { current: string; next: string }): Promise<{ otherSessionsEnded: number }> {
  const a = signInAccount(db, actor.accountId);
  const current = input.current ?? '';
  const next = input.next ?? '';
  if (!current) throw invalid('current', 'required');
  const problem = passwordProblem(next, [a.email, a.name]);
  if (problem) throw invalid('next', problem);
  if (next === current) throw invalid('next', 'same');
  const tryId = reservePasswordTry(db, a.email, actor.ip ?? 'unknown');
  if (!(await passwordMatches(a.passwordHash, current))) throw invalid('current', 'wrong');
  const passwordHash = await hash(next, ARGON2_OPTIONS);
  const keep = sessionToken ? sessionDigest(sessionToken) : null;
  return writeTransaction(db, (tx) => {
    deleteSignInFailure(tx, tryId);
    clearSignInFailures(tx, a.email, actor.ip ?? 'unknown');
    setPasswordHash(tx, a.accountId, passwordHash);
    setPasswordChangeRequired(tx, a.accountId, false);
    const ended = countOtherSessions(tx, a.accountId, keep);
    deleteOtherSessions(tx, a.accountId, keep);
    deleteChallengesOf(tx, a.accountId);
    audit(tx, actor, 'account.password_change', 'account', a.accountId, { otherSessionsEnded: ended });
    return { otherSessionsEnded: ended };
  });
}

/** Starts (or starts again) enrolling a second factor: a new secret, kept server-side until a first code confirms it. */
export function startTotpEnrolment(db: Db, actor: Actor): void {
  const a = signInAccount(db, actor.accountId);
  if (a.totpSecret) throw new AppError('invalid_transition', 'a second factor is already enrolled');
  writeTransaction(db, (tx) => {
    setTotpPending(tx, a.accountId, newTotpSecret(), nowMs());
    audit(tx, actor, 'account.totp_enrolment_started', 'account', a.accountId);
  });
}

/**
 * Confirms the enrolment with a first code from the app; returns the recovery codes, shown this
 * once (only their digests are kept). Wrong codes count like wrong codes at sign-in.
 */
export function confirmTotpEnrolment(db: Db, actor: Actor, code: string): { recoveryCodes: string[] } {
  const a = signInAccount(db, actor.accountId);
  if (a.totpSecret) throw new AppError('invalid_transition', 'a second factor is already enrolled');
  if (!a.totpPendingSecret) throw new AppError('invalid_transition', 'no enrolment under way');
  const tryId = reserveCodeTry(db, a.email, actor.ip ?? 'unknown');
  const now = nowMs();
  const step = acceptedTotpStep(a.totpPendingSecret, normaliseCode(code ?? '').slice(0, 40), now, null);
  if (step === null) {
    writeTransaction(db, (tx) => audit(tx, actor, 'account.totp_code_refused', 'account', a.accountId));
    throw invalid('code', 'wrong_code');
  }
  const codes = newRecoveryCodes();
  writeTransaction(db, (tx) => {
    deleteSignInFailure(tx, tryId);
    enableTotp(tx, a.accountId, a.totpPendingSecret!, now, step);
    replaceRecoveryCodes(tx, a.accountId, codes.map(digestRecoveryCode));
    audit(tx, actor, 'account.totp_enabled', 'account', a.accountId, { recoveryCodes: codes.length });
  });
  return { recoveryCodes: codes };
}

/** New recovery codes for one's own second factor (the old ones stop working), shown once. */
export function renewRecoveryCodes(db: Db, actor: Actor): { recoveryCodes: string[] } {
  const a = signInAccount(db, actor.accountId);
  if (!a.totpSecret) throw new AppError('invalid_transition', 'no second factor enrolled');
  const codes = newRecoveryCodes();
  writeTransaction(db, (tx) => {
    replaceRecoveryCodes(tx, a.accountId, codes.map(digestRecoveryCode));
    audit(tx, actor, 'account.recovery_codes_renewed', 'account', a.accountId, { recoveryCodes: codes.length });
  });
  return { recoveryCodes: codes };
}

// —— What an admin does to an account ——————————————————————————————————————————————

function otherSignInAccount(db: Db, actor: Actor, accountId: string): AccountSecurityRow & { email: string } {
  requireRole(actor, ADMIN_ROLES);
  const a = findAccountSecurity(db, accountId);
  if (!a || !a.email) throw new AppError('not_found', 'no such sign-in account');
  if (accountId === actor.accountId) throw invalid('account', 'own_account');
  return a as AccountSecurityRow & { email: string };
}

/** The account must choose a new password at its next sign-in; its sessions end now. */
export function requirePasswordChange(db: Db, actor: Actor, accountId: string): void {
  const a = otherSignInAccount(db, actor, accountId);
  writeTransaction(db, (tx) => {
    setPasswordChangeRequired(tx, a.accountId, true);
    deleteOtherSessions(tx, a.accountId, null);
    deleteChallengesOf(tx, a.accountId);
    audit(tx, actor, 'account.password_reset_required', 'account', a.accountId);
  });
}

/** Sets a one-time password the admin hands over; the account must change it at its next sign-in. */
export async function setOneTimePassword(db: Db, actor: Actor, accountId: string, password: string): Promise<void> {
  const a = otherSignInAccount(db, actor, accountId);
  const problem = passwordProblem(password ?? '', [a.email, a.name]);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  writeTransaction(db, (tx) => {
    setPasswordHash(tx, a.accountId, passwordHash);
    setPasswordChangeRequired(tx, a.accountId, true);
    deleteOtherSessions(tx, a.accountId, null);
    deleteChallengesOf(tx, a.accountId);
    audit(tx, actor, 'account.one_time_password', 'account', a.accountId);
  });
}

/** Removes an account's second factor and its recovery codes (a lost phone); its sessions end. */
export function resetSecondFactor(db: Db, actor: Actor, accountId: string): void {
  const a = otherSignInAccount(db, actor, accountId);
  writeTransaction(db, (tx) => {
    clearTotp(tx, a.accountId);
    deleteOtherSessions(tx, a.accountId, null);
    deleteChallengesOf(tx, a.accountId);
    audit(tx, actor, 'account.totp_reset', 'account', a.accountId);
  });
}

/** The roles that must sign in with a second factor. */
export function listRolesRequiringTotp(db: Db, actor: Actor): Role[] {
  requireRole(actor, ADMIN_ROLES);
  return listTotpRequiredRoles(db) as Role[];
}

/** Requires (or no longer requires) a second factor of every sign-in account of `role`. */
export function setTotpRequiredForRole(db: Db, actor: Actor, role: Role, required: boolean): void {
  requireRole(actor, ADMIN_ROLES);
  writeTransaction(db, (tx) => {
    setRoleTotpRequired(tx, role, required, nowMs());
    audit(tx, actor, 'settings.totp_required', 'role', role, { required });
  });
}

/** Sets which roles require a second factor (the /admin form sends them all); each change is audited. */
export function setRolesRequiringTotp(db: Db, actor: Actor, roles: readonly Role[]): void {
  requireRole(actor, ADMIN_ROLES);
  writeTransaction(db, (tx) => {
    const before = new Set(listTotpRequiredRoles(tx));
    for (const role of ROLES) {
      const required = roles.includes(role);
      if (required === before.has(role)) continue;
      setRoleTotpRequired(tx, role, required, nowMs());
      audit(tx, actor, 'settings.totp_required', 'role', role, { required });
    }
  });
}

/**
 * The command line's way back in (the only admin lost their phone): a one-time password, the
 * second factor removed, a new password required at the next sign-in. Audited without an actor.
 */
export async function resetAccountFromCli(db: Db, email: string, password: string): Promise<{ accountId: string }> {
  const row = findAccountByEmail(db, email.trim().toLowerCase());
  if (!row) throw new AppError('not_found', `no sign-in account with the email ${email.trim().toLowerCase()}`);
  const a = signInAccount(db, row.id);
  const problem = passwordProblem(password, [a.email, a.name]);
  if (problem) throw new AppError('invalid', PASSWORD_PROBLEMS[problem], { errors: [{ path: 'password', message: problem }] });
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  writeTransaction(db, (tx) => {
    setPasswordHash(tx, a.accountId, passwordHash);
    setPasswordChangeRequired(tx, a.accountId, true);
    clearTotp(tx, a.accountId);
    deleteOtherSessions(tx, a.accountId, null);
    deleteChallengesOf(tx, a.accountId);
    audit(tx, null, 'account.one_time_password', 'account', a.accountId, { secondFactorRemoved: true, by: 'cli' });
  });
  return { accountId: a.accountId };
}
