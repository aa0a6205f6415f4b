// Specification of sign-in sessions (docs/api.md, "Pages"): argon2id passwords, a new
// session id at every sign-in, idle (30 min) and absolute (12 h) expiry, disabling an account ends
// its sessions, and throttling per account and address so nobody can lock the duty officer out
// from elsewhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { createUser } from '../../src/services/accounts.ts';
import { setClock } from '../../src/services/clock.ts';
import { readSession, setAccountEnabled, signIn, signOut, ThrottledError } from '../../src/services/sessions.ts';
import { countRows, MARCH_1_AFTERNOON, makeWorld, resetClock, type World } from './helpers.ts';

const EMAIL = 'astreinte@cias-lunel.test';
const PASSWORD = 'une-phrase-de-passe-longue';
const HOME = '192.0.2.10';
const ELSEWHERE = '198.51.100.7';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let w: World;
let accountId: string;
let t0: number;
const saved: Record<string, string | undefined> = {};

beforeEach(async () => {
  for (const k of ['SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS']) {
    saved[k] = process.env[k];
    delete process.env[k];
  }
  t0 = MARCH_1_AFTERNOON;
  setClock(t0);
  w = makeWorld();
  accountId = (await createUser(w.db, { email: EMAIL, role: 'duty_officer', password: PASSWORD }, w.actors.admin)).accountId;
});

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetClock();
  w.cleanup();
});

function at(ms: number): void {
  setClock(ms);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function failOnce(ip = HOME): Promise<void> {
  const e = await rejection(signIn(w.db, { email: EMAIL, password: 'pas-le-bon-mot-de-passe', ip }));
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('unauthorized');
}

describe('passwords', () => {
  it('a password is stored as an argon2id hash with 19 MiB, 2 iterations and parallelism 1, never in clear', () => {
    expect.hasAssertions();
    const row = w.db.$client.prepare('SELECT password_hash AS h FROM accounts WHERE id = ?').get(accountId) as { h: string };
    expect(row.h.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(row.h).not.toContain(PASSWORD);
  });

  it('a wrong password and an unknown email get the same refusal', async () => {
    expect.hasAssertions();
    const wrong = (await rejection(signIn(w.db, { email: EMAIL, password: 'faux-faux-faux', ip: HOME }))) as AppError;
    const unknown = (await rejection(signIn(w.db, { email: 'personne@cias-lunel.test', password: PASSWORD, ip: HOME }))) as AppError;
    expect(wrong.code).toBe('unauthorized');
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
  });
});

describe('a new session id at each sign-in', () => {
  it('signing in gives a new random token of at least 128 bits, and the session reads back the account and role', async () => {
    expect.hasAssertions();
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(Buffer.from(s.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const view = readSession(w.db, s.token, HOME);
    expect(view?.actor).toMatchObject({ accountId, role: 'duty_officer' });
    expect(view?.email).toBe(EMAIL);
  });

  it('signing in again rotates the id: a new token each time, and the previous token no longer reads', async () => {
    expect.hasAssertions();
    const first = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    const second = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME, previousToken: first.token });
    expect(second.token).not.toBe(first.token);
    expect(readSession(w.db, first.token, HOME)).toBeNull();
    expect(readSession(w.db, second.token, HOME)).not.toBeNull();
  });

  it('only a digest of the session id is stored', async () => {
    expect.hasAssertions();
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    const digests = (w.db.$client.prepare('SELECT digest FROM sessions').all() as { digest: string }[]).map((r) => r.digest);
    expect(digests).toHaveLength(1);
    expect(digests[0]).not.toBe(s.token);
    expect(digests[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signing out ends the session', async () => {
    expect.hasAssertions();
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    signOut(w.db, s.token);
    expect(readSession(w.db, s.token, HOME)).toBeNull();
    expect(countRows(w, 'sessions')).toBe(0);
  });
});

describe('idle expiry (SESSION_IDLE_MINUTES, 30 by default)', () => {
  it('29 minutes idle keeps the session and counts from that visit; 30 minutes idle ends it', async () => {
    expect.hasAssertions();
    const { token } = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    at(t0 + 29 * MINUTE);
    expect(readSession(w.db, token, HOME)).not.toBeNull();
    // The visit at 29 min refreshed it: 58 min after sign-in is only 29 min idle.
    at(t0 + 58 * MINUTE);
    expect(readSession(w.db, token, HOME)).not.toBeNull();
    at(t0 + 88 * MINUTE);
    expect(readSession(w.db, token, HOME)).toBeNull();
    // An expired session is gone, not merely refused.
    expect(countRows(w, 'sessions')).toBe(0);
  });

  it('exactly 30 minutes without a visit ends the session', async () => {
    expect.hasAssertions();
    const { token } = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    at(t0 + 30 * MINUTE - 1);
    expect(readSession(w.db, token, HOME)).not.toBeNull();
    at(t0 + 30 * MINUTE - 1 + 30 * MINUTE);
    expect(readSession(w.db, token, HOME)).toBeNull();
  });

  it('the idle timeout is a setting', async () => {
    expect.hasAssertions();
    process.env.SESSION_IDLE_MINUTES = '10';
    const { token } = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    at(t0 + 10 * MINUTE);
    expect(readSession(w.db, token, HOME)).toBeNull();
  });
});

describe('absolute expiry (SESSION_ABSOLUTE_HOURS, 12 by default)', () => {
  it('a session used every 10 minutes still ends 12 hours after sign-in', async () => {
    expect.hasAssertions();
    const { token } = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    let alive = 0;
    for (let t = t0 + 10 * MINUTE; t < t0 + 12 * HOUR; t += 10 * MINUTE) {
      at(t);
      if (readSession(w.db, token, HOME)) alive++;
    }
    expect(alive).toBe(12 * 6 - 1);
    at(t0 + 12 * HOUR);
    expect(readSession(w.db, token, HOME)).toBeNull();
  });

  it('the absolute timeout is a setting', async () => {
    expect.hasAssertions();
    process.env.SESSION_ABSOLUTE_HOURS = '1';
    const { token } = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    at(t0 + 20 * MINUTE);
    expect(readSession(w.db, token, HOME)).not.toBeNull();
    at(t0 + 40 * MINUTE);
    expect(readSession(w.db, token, HOME)).not.toBeNull();
    at(t0 + HOUR);
    expect(readSession(w.db, token, HOME)).toBeNull();
  });
});

describe('a disabled account', () => {
  it('disabling an account ends all its sessions at once and refuses its sign-in; enabling it again lets it in', async () => {
    expect.hasAssertions();
    const phone = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    const desk = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: ELSEWHERE });
    setAccountEnabled(w.db, w.actors.admin, accountId, false);
    expect(readSession(w.db, phone.token, HOME)).toBeNull();
    expect(readSession(w.db, desk.token, ELSEWHERE)).toBeNull();
    expect(countRows(w, 'sessions')).toBe(0);
    const refused = (await rejection(signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME }))) as AppError;
    expect(refused.code).toBe('unauthorized');

    setAccountEnabled(w.db, w.actors.admin, accountId, true);
    const again = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(readSession(w.db, again.token, HOME)).not.toBeNull();
  });

  it('only an admin disables an account', () => {
    expect.hasAssertions();
    let thrown: unknown;
    try {
      setAccountEnabled(w.db, w.actors.duty_officer, accountId, false);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as AppError).code).toBe('forbidden');
  });
});

describe('throttling: 5 failed tries in a minute for an account from one address', () => {
  it('the 6th try from that address is refused even with the right password, while the same account signs in from another address', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 5; i++) {
      at(t0 + i * 10_000);
      await failOnce(HOME);
    }
    at(t0 + 50_000);
    const e = await rejection(signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME }));
    expect(e).toBeInstanceOf(ThrottledError);
    expect((e as ThrottledError).code).toBe('rate_limited');
    expect((e as ThrottledError).retryAfterSeconds).toBeGreaterThan(0);
    expect((e as ThrottledError).retryAfterSeconds).toBeLessThanOrEqual(5 * 60);

    const elsewhere = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: ELSEWHERE });
    expect(readSession(w.db, elsewhere.token, ELSEWHERE)?.actor.accountId).toBe(accountId);
  });

  it('after the lock (5 minutes after the last failure) the right password works again from that address', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 5; i++) {
      at(t0 + i * 10_000);
      await failOnce(HOME);
    }
    const last = t0 + 40_000;
    at(last + 5 * MINUTE - 1);
    expect(await rejection(signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME }))).toBeInstanceOf(ThrottledError);
    at(last + 5 * MINUTE);
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(readSession(w.db, s.token, HOME)).not.toBeNull();
  });

  it('5 failures spread over more than a minute do not lock', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 5; i++) {
      at(t0 + i * 16_000);
      await failOnce(HOME);
    }
    at(t0 + 5 * 16_000);
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(s.token).toBeTruthy();
  });

  it('failures of another account from the same address do not lock this one', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 5; i++) {
      at(t0 + i * 1_000);
      const e = await rejection(signIn(w.db, { email: 'autre@cias-lunel.test', password: 'faux-faux-faux', ip: HOME }));
      expect((e as AppError).code).toBe('unauthorized');
    }
    const s = await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    expect(s.token).toBeTruthy();
  });
});

describe('throttling holds under concurrency and across accounts', () => {
  it('60 concurrent wrong passwords for one account from one address: at most 5 are checked, the rest refused before hashing', async () => {
    expect.hasAssertions();
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        rejection(signIn(w.db, { email: EMAIL, password: `faux-${i}-mot-de-passe`, ip: HOME })).then((e) => (e as AppError).code)
      )
    );
    const checked = outcomes.filter((c) => c === 'unauthorized').length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(outcomes.filter((c) => c === 'rate_limited')).toHaveLength(60 - checked);
    expect(countRows(w, 'sign_in_failures')).toBe(checked);
  });

  it('a right password among concurrent wrong ones signs in and does not stay counted', async () => {
    expect.hasAssertions();
    const tries = [0, 1, 2].map((i) => rejection(signIn(w.db, { email: EMAIL, password: `faux-${i}-mot-de-passe`, ip: HOME })));
    const good = signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME });
    await Promise.all(tries);
    expect((await good).token).toBeTruthy();
    const left = w.db.$client.prepare('SELECT count(*) AS n FROM sign_in_failures').get() as { n: number };
    // Success clears this account's failures from this address, its own reservation included.
    expect(left.n).toBe(0);
    // Four more failures are four, not seven: the right password still gets in.
    for (let i = 0; i < 4; i++) await failOnce(HOME);
    expect((await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME })).token).toBeTruthy();
  });

  it('20 failures in a minute from one address over 20 emails lock that address for every account for 5 minutes; others still sign in', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 20; i++) {
      at(t0 + i * 2_000);
      const e = await rejection(signIn(w.db, { email: `inconnu-${i}@cias-lunel.test`, password: 'faux-faux-faux', ip: HOME }));
      expect((e as AppError).code, `try ${i}`).toBe('unauthorized');
    }
    const last = t0 + 19 * 2_000;
    at(last + 1_000);
    const refused = await rejection(signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME }));
    expect(refused).toBeInstanceOf(ThrottledError);
    expect((refused as ThrottledError).retryAfterSeconds).toBeLessThanOrEqual(5 * 60);
    expect((await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: ELSEWHERE })).token).toBeTruthy();
    at(last + 5 * MINUTE);
    expect((await signIn(w.db, { email: EMAIL, password: PASSWORD, ip: HOME })).token).toBeTruthy();
  });

  it('a spray of 200 tries from one address costs at most 20 password hashes', async () => {
    expect.hasAssertions();
    const codes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => rejection(signIn(w.db, { email: `x${i}@cias-lunel.test`, password: 'faux-faux-faux', ip: HOME })).then((e) => (e as AppError).code))
    );
    expect(codes.filter((c) => c === 'unauthorized').length).toBeLessThanOrEqual(20);
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(180);
  });

  it('failures older than any rule looks back are pruned', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 3; i++) await failOnce(HOME);
    expect(countRows(w, 'sign_in_failures')).toBe(3);
    at(t0 + 7 * MINUTE);
    await failOnce(ELSEWHERE);
    expect(countRows(w, 'sign_in_failures')).toBe(1);
  });
});
