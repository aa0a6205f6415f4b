// Staff accounts: the password rule everywhere a password is set, changing one's password (other
// sessions end), the TOTP second factor (enrolment confirmed by a first code, sign-in with a code,
// wrong codes refused and throttled per account whatever the address, single-use recovery codes),
// what an admin may do (force a new password, a one-time password, remove a lost second factor,
// require a second factor per role), and the audit of every step without a secret in it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { createUser } from '../../src/services/accounts.ts';
import { addSignInAccount } from '../../src/services/admin.ts';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  getAccountView,
  requirePasswordChange,
  resetAccountFromCli,
  resetSecondFactor,
  setOneTimePassword,
  setTotpRequiredForRole,
  startTotpEnrolment
} from '../../src/services/account-security.ts';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import { passwordProblem } from '../../src/services/passwords.ts';
import { beginSignIn, ChallengeExpiredError, completeSignIn, readSession, signIn, ThrottledError } from '../../src/services/sessions.ts';
import { totpCodeAt } from '../../src/services/totp.ts';
import { MARCH_1_AFTERNOON, makeWorld, resetClock, type World } from './helpers.ts';

const EMAIL = 'astreinte@cias-lunel.test';
const PASSWORD = 'une-phrase-de-passe-longue';
const HOME = '192.0.2.10';
const ELSEWHERE = '198.51.100.7';
const MINUTE = 60_000;

let w: World;
let accountId: string;
let me: Actor;
let now: number;

beforeEach(async () => {
  now = MARCH_1_AFTERNOON;
  setClock(now);
  w = makeWorld();
  accountId = (await createUser(w.db, { email: EMAIL, role: 'duty_officer', password: PASSWORD, name: 'Astreinte de nuit' }, w.actors.admin)).accountId;
  me = { accountId, role: 'duty_officer', organisationId: null, ip: HOME };
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function tick(ms: number): void {
  now += ms;
  setClock(now);
}

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    if (typeof p === 'function') p();
    else await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

function secretOf(id: string): string {
  const row = w.db.$client.prepare('SELECT totp_secret AS s, totp_pending_secret AS p FROM account_security WHERE account_id = ?').get(id) as { s: string | null; p: string | null };
  return (row.s ?? row.p)!;
}

/** Enrols the account's second factor as /compte does; returns its secret and recovery codes. */
async function enrol(actor: Actor = me): Promise<{ secret: string; codes: string[] }> {
  startTotpEnrolment(w.db, actor);
  const view = await getAccountView(w.db, actor);
  const secret = view.totp.pending!.secret;
  const { recoveryCodes } = confirmTotpEnrolment(w.db, actor, totpCodeAt(secret, now));
  // The next code is a later time step (a code is accepted once).
  tick(30_000);
  return { secret, codes: recoveryCodes };
}

async function passwordStep(ip = HOME): Promise<string> {
  const step = await beginSignIn(w.db, { email: EMAIL, password: PASSWORD, ip });
  expect(step.step).toBe('second_factor');
  return (step as { challenge: string }).challenge;
}

function actions(): string[] {
  return (w.db.$client.prepare('SELECT action FROM audit_entries WHERE entity_id = ? ORDER BY id').all(accountId) as { action: string }[]).map((r) => r.action);
}

describe('the password rule', () => {
  const cases: [string, string[], string | null][] = [
    ['court-2026', [], 'too_short'],
    ['motdepasse123', [], 'weak'],
    ['azertyuiop123', [], 'weak'],
    ['jetaime123456', [], 'weak'],
    ['Marseille2024', [], 'weak'],
    ['password1234', [], 'weak'],
    ['administrateur', [], 'weak'],
    ['astreinte2026!', ['astreinte@cias-lunel.fr'], 'weak'],
    ['x'.repeat(201), [], 'too_long'],
    ['une-phrase-de-passe-longue', [EMAIL], null],
    ['demo-lunel-2026', ['admin@demo.lunel.fr'], null],
    ['Lunel-Saussines-hiver-7', [], null]
  ];
  for (const [password, personal, expected] of cases) {
    it(`${password.length > 30 ? `${password.length} characters` : password} → ${expected ?? 'accepted'}`, () => {
      expect(passwordProblem(password, personal)).toBe(expected);
    });
  }

  it('is applied where a password is set: an account (command line or admin), a change, a one-time password', async () => {
    expect.hasAssertions();
    const e1 = (await rejection(createUser(w.db, { email: 'a@lunel.fr', role: 'duty_officer', password: 'motdepasse123' }))) as AppError;
    expect(e1.errors).toEqual([{ path: 'password', message: 'weak' }]);
    const e2 = (await rejection(addSignInAccount(w.db, w.actors.admin, { email: 'b@lunel.fr', role: 'duty_officer', password: 'azertyuiop123' }))) as AppError;
    expect(e2.errors).toEqual([{ path: 'password', message: 'weak' }]);
    const e3 = (await rejection(changeOwnPassword(w.db, me, null, { current: PASSWORD, next: 'jetaime123456' }))) as AppError;
    expect(e3.errors).toEqual([{ path: 'next', message: 'weak' }]);
    const e4 = (await rejection(setOneTimePassword(w.db, w.actors.admin, accountId, 'court'))) as AppError;
    expect(e4.errors).toEqual([{ path: 'password', message: 'too_short' }]);
    const e5 = (await rejection(resetAccountFromCli(w.db, EMAIL, 'password1234'))) as AppError;
    expect(e5.errors).toEqual([{ path: 'password', message: 'weak' }]);
    // Nothing changed: the old password still signs in.
    expect((await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME })).token).toBeTruthy();
    expect(w.db.$client.prepare("SELECT count(*) AS n FROM accounts WHERE email IN ('a@lunel.fr','b@lunel.fr')").get()).toEqual({ n: 0 });
  });
});

describe('changing one’s password', () => {
  it('needs the current password, ends every other session of the account, keeps this one, and is audited', async () => {
    expect.hasAssertions();
    const phone = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: ELSEWHERE });
    const desk = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    const wrong = (await rejection(changeOwnPassword(w.db, me, desk.token, { current: 'pas-le-bon-mot-de-passe', next: 'Lunel-Saussines-hiver-7' }))) as AppError;
    expect(wrong.errors).toEqual([{ path: 'current', message: 'wrong' }]);
    expect(readSession(w.db, phone.token, ELSEWHERE)).not.toBeNull();

    const r = await changeOwnPassword(w.db, me, desk.token, { current: PASSWORD, next: 'Lunel-Saussines-hiver-7' });
    expect(r.otherSessionsEnded).toBe(1);
    expect(readSession(w.db, phone.token, ELSEWHERE)).toBeNull();
    expect(readSession(w.db, desk.token, HOME)).not.toBeNull();
    expect(await rejection(signIn(w.db, { email: EMAIL, password: PASSWORD, ip: ELSEWHERE }))).toMatchObject({ code: 'unauthorized' });
    expect((await signIn(w.db, { email: EMAIL, password: 'Lunel-Saussines-hiver-7', ip: ELSEWHERE })).token).toBeTruthy();
    expect(actions()).toContain('account.password_change');
  });

  it('wrong current passwords are throttled like sign-ins', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 5; i++) await rejection(changeOwnPassword(w.db, me, null, { current: `faux-${i}-faux-faux`, next: 'Lunel-Saussines-hiver-7' }));
    expect(await rejection(changeOwnPassword(w.db, me, null, { current: PASSWORD, next: 'Lunel-Saussines-hiver-7' }))).toBeInstanceOf(ThrottledError);
  });
});

describe('the TOTP second factor', () => {
  it('is enrolled with a QR code and the otpauth URI, and only a right first code confirms it', async () => {
    expect.hasAssertions();
    startTotpEnrolment(w.db, me);
    const view = await getAccountView(w.db, me);
    expect(view.totp.enabled).toBe(false);
    expect(view.totp.pending!.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    expect(view.totp.pending!.uri).toContain(encodeURIComponent(EMAIL));
    expect(view.totp.pending!.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const secret = view.totp.pending!.secret;
    // Until confirmed, signing in asks for no code.
    expect((await beginSignIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME })).step).toBe('signed_in');
    const wrongCode = String((Number(totpCodeAt(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = (await rejection(() => confirmTotpEnrolment(w.db, me, wrongCode))) as AppError;
    expect(wrong.errors).toEqual([{ path: 'code', message: 'wrong_code' }]);
    const { recoveryCodes } = confirmTotpEnrolment(w.db, me, totpCodeAt(secret, now));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const after = await getAccountView(w.db, me);
    expect(after.totp).toMatchObject({ enabled: true, recoveryCodesLeft: 10, pending: null });
    // Recovery codes are stored as digests only.
    const stored = w.db.$client.prepare('SELECT digest FROM recovery_codes WHERE account_id = ?').pluck().all(accountId) as string[];
    expect(stored).toHaveLength(10);
    for (const d of stored) expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(actions()).toEqual(expect.arrayContaining(['account.totp_enrolment_started', 'account.totp_code_refused', 'account.totp_enabled']));
  });

  it('sign-in asks for the code after the password, and a right code opens the session', async () => {
    expect.hasAssertions();
    const { secret } = await enrol();
    const challenge = await passwordStep();
    // No session yet: only a challenge.
    expect(w.db.$client.prepare('SELECT count(*) AS n FROM sessions WHERE account_id = ?').get(accountId)).toEqual({ n: 0 });
    const s = completeSignIn(w.db, { challenge, code: totpCodeAt(secret, now), ip: HOME });
    expect(readSession(w.db, s.token, HOME)?.actor.accountId).toBe(accountId);
    // The challenge is used up, and the same code is not accepted twice.
    expect(await rejection(() => completeSignIn(w.db, { challenge, code: totpCodeAt(secret, now), ip: HOME }))).toBeInstanceOf(ChallengeExpiredError);
    const again = await passwordStep();
    expect(await rejection(() => completeSignIn(w.db, { challenge: again, code: totpCodeAt(secret, now), ip: HOME }))).toMatchObject({ code: 'unauthorized', message: 'wrong code' });
    expect(actions()).toEqual(expect.arrayContaining(['session.password_verified', 'session.sign_in', 'session.code_refused']));
  });

  it('signIn without the code step refuses an account with a second factor', async () => {
    expect.hasAssertions();
    await enrol();
    expect(await rejection(signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME }))).toMatchObject({ code: 'unauthorized' });
  });

  it('the code step waits 5 minutes, then the password is asked again', async () => {
    expect.hasAssertions();
    const { secret } = await enrol();
    const challenge = await passwordStep();
    tick(5 * MINUTE);
    expect(await rejection(() => completeSignIn(w.db, { challenge, code: totpCodeAt(secret, now), ip: HOME }))).toBeInstanceOf(ChallengeExpiredError);
    expect(await rejection(() => completeSignIn(w.db, { challenge: 'made-up-by-the-client', code: totpCodeAt(secret, now), ip: HOME }))).toBeInstanceOf(ChallengeExpiredError);
  });

  it('wrong codes are refused and throttled per account whatever the address: 5 in a minute lock the code step, the right code included', async () => {
    expect.hasAssertions();
    const { secret } = await enrol();
    const challenge = await passwordStep();
    const addresses = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5'];
    const wrongCode = String((Number(totpCodeAt(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    for (const ip of addresses) {
      expect(await rejection(() => completeSignIn(w.db, { challenge, code: wrongCode, ip })), ip).toMatchObject({ code: 'unauthorized', message: 'wrong code' });
    }
    const locked = await rejection(() => completeSignIn(w.db, { challenge, code: totpCodeAt(secret, now), ip: '203.0.113.6' }));
    expect(locked).toBeInstanceOf(ThrottledError);
    tick(5 * MINUTE - 1_000);
    const fresh = await passwordStep(HOME);
    expect(await rejection(() => completeSignIn(w.db, { challenge: fresh, code: totpCodeAt(secret, now), ip: HOME }))).toBeInstanceOf(ThrottledError);
    tick(1_000);
    expect(completeSignIn(w.db, { challenge: fresh, code: totpCodeAt(secret, now), ip: HOME }).token).toBeTruthy();
    // No code, no secret in the audit.
    const details = (w.db.$client.prepare('SELECT coalesce(detail, \'\') AS d FROM audit_entries').pluck().all() as string[]).join(' ');
    expect(details).not.toContain(secret);
    expect(details).not.toMatch(/\b\d{6}\b/);
  });

  it('a recovery code works once, in any spelling (spaces, lower case), and is audited with the count left', async () => {
    expect.hasAssertions();
    const { codes } = await enrol();
    const first = await passwordStep();
    const s = completeSignIn(w.db, { challenge: first, code: ` ${codes[3].toLowerCase().replaceAll('-', ' ')} `, ip: HOME });
    expect(readSession(w.db, s.token, HOME)).not.toBeNull();
    const second = await passwordStep();
    expect(await rejection(() => completeSignIn(w.db, { challenge: second, code: codes[3], ip: HOME }))).toMatchObject({ message: 'wrong code' });
    expect(completeSignIn(w.db, { challenge: second, code: codes[4], ip: HOME }).token).toBeTruthy();
    expect((await getAccountView(w.db, me)).totp.recoveryCodesLeft).toBe(8);
    const detail = w.db.$client.prepare("SELECT detail FROM audit_entries WHERE action = 'session.sign_in' AND entity_id = ? ORDER BY id DESC LIMIT 1").pluck().get(accountId) as string;
    expect(JSON.parse(detail)).toEqual({ secondFactor: 'recovery_code', recoveryCodesLeft: 8 });
    const all = (w.db.$client.prepare("SELECT coalesce(detail, '') FROM audit_entries").pluck().all() as string[]).join(' ');
    for (const c of codes) expect(all).not.toContain(c);
  });
});

describe('what an admin does', () => {
  it('forcing a new password ends the sessions and confines the next sign-in to /compte until the password is changed', async () => {
    expect.hasAssertions();
    const before = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    requirePasswordChange(w.db, w.actors.admin, accountId);
    expect(readSession(w.db, before.token, HOME)).toBeNull();
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(readSession(w.db, s.token, HOME)?.mustChangePassword).toBe(true);
    await changeOwnPassword(w.db, me, s.token, { current: PASSWORD, next: 'Lunel-Saussines-hiver-7' });
    expect(readSession(w.db, s.token, HOME)?.mustChangePassword).toBe(false);
    expect(actions()).toEqual(expect.arrayContaining(['account.password_reset_required', 'account.password_change']));
  });

  it('a one-time password and the reset of a lost second factor: the account signs in with the one-time password, without a code, and must change it', async () => {
    expect.hasAssertions();
    await enrol();
    resetSecondFactor(w.db, w.actors.admin, accountId);
    await setOneTimePassword(w.db, w.actors.admin, accountId, 'Provisoire-Vidourle-42');
    expect(w.db.$client.prepare('SELECT count(*) AS n FROM recovery_codes WHERE account_id = ?').get(accountId)).toEqual({ n: 0 });
    const step = await beginSignIn(w.db, { email: EMAIL, password: 'Provisoire-Vidourle-42', ip: HOME });
    expect(step.step).toBe('signed_in');
    expect(readSession(w.db, (step as { token: string }).token, HOME)?.mustChangePassword).toBe(true);
    expect(actions()).toEqual(expect.arrayContaining(['account.totp_reset', 'account.one_time_password']));
    const detail = (w.db.$client.prepare("SELECT coalesce(detail, '') FROM audit_entries").pluck().all() as string[]).join(' ');
    expect(detail).not.toContain('Provisoire-Vidourle-42');
  });

  it('only an admin, and never on their own account', async () => {
    expect.hasAssertions();
    for (const role of ['duty_officer', 'housing_officer', 'partner'] as const) {
      expect(await rejection(() => resetSecondFactor(w.db, w.actors[role], accountId))).toMatchObject({ code: 'forbidden' });
      expect(await rejection(() => requirePasswordChange(w.db, w.actors[role], accountId))).toMatchObject({ code: 'forbidden' });
      expect(await rejection(setOneTimePassword(w.db, w.actors[role], accountId, 'Provisoire-Vidourle-42'))).toMatchObject({ code: 'forbidden' });
      expect(await rejection(() => setTotpRequiredForRole(w.db, w.actors[role], 'duty_officer', true))).toMatchObject({ code: 'forbidden' });
    }
    const admin = (await createUser(w.db, { email: 'chef@cias-lunel.test', role: 'admin', password: PASSWORD })).accountId;
    const self: Actor = { accountId: admin, role: 'admin', organisationId: null, ip: HOME };
    expect(await rejection(() => resetSecondFactor(w.db, self, admin))).toMatchObject({ code: 'invalid' });
  });

  it('requiring a second factor for a role: an account of that role without one must enrol; once enrolled it signs in with a code', async () => {
    expect.hasAssertions();
    setTotpRequiredForRole(w.db, w.actors.admin, 'duty_officer', true);
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(readSession(w.db, s.token, HOME)?.mustEnrolTotp).toBe(true);
    const { secret } = await enrol();
    expect(readSession(w.db, s.token, HOME)?.mustEnrolTotp).toBe(false);
    const challenge = await passwordStep();
    expect(completeSignIn(w.db, { challenge, code: totpCodeAt(secret, now), ip: HOME }).token).toBeTruthy();
    // Another role is not concerned.
    const other = (await createUser(w.db, { email: 'logement@cias-lunel.test', role: 'housing_officer', password: PASSWORD })).accountId;
    const o = await signIn(w.db, { email: 'logement@cias-lunel.test', password: PASSWORD, ip: HOME });
    expect(readSession(w.db, o.token, HOME)).toMatchObject({ mustEnrolTotp: false, actor: { accountId: other } });
    setTotpRequiredForRole(w.db, w.actors.admin, 'duty_officer', false);
    const entries = w.db.$client.prepare("SELECT entity_id AS role, detail FROM audit_entries WHERE action = 'settings.totp_required' ORDER BY id").all();
    expect(entries).toEqual([
      { role: 'duty_officer', detail: JSON.stringify({ required: true }) },
      { role: 'duty_officer', detail: JSON.stringify({ required: false }) }
    ]);
  });

  it('the command line resets an account: one-time password, no second factor, a new password required', async () => {
    expect.hasAssertions();
    await enrol();
    await resetAccountFromCli(w.db, ' Astreinte@CIAS-lunel.test ', 'Provisoire-Vidourle-42');
    const step = await beginSignIn(w.db, { email: EMAIL, password: 'Provisoire-Vidourle-42', ip: HOME });
    expect(step.step).toBe('signed_in');
    expect(readSession(w.db, (step as { token: string }).token, HOME)?.mustChangePassword).toBe(true);
  });
});
