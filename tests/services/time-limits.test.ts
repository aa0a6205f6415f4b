// Time limits that warn, on the service side: when a session ends and what extends it; a form posted
// after its session ended, kept sealed for its account only, given back once, secrets never kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FORM_STASH_MS, isNeverStashed } from '../../src/domain/form-stash.ts';
import { createUser } from '../../src/services/accounts.ts';
import { setClock } from '../../src/services/clock.ts';
import { stashForm, takeStashedForm, hasStashedForm, hasStashedFormFor } from '../../src/services/form-stash.ts';
import { keepSessionAlive, readSessionFull, signIn } from '../../src/services/sessions.ts';
import { MARCH_1_AFTERNOON, makeWorld, resetClock, type World } from './helpers.ts';

const MINUTE = 60_000;
const IDLE = 30 * MINUTE;
const IP = '192.0.2.10';
let w: World;
let t0: number;
let accountId: string;
let token: string;

beforeEach(async () => {
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_ABSOLUTE_HOURS;
  t0 = MARCH_1_AFTERNOON;
  setClock(t0);
  w = makeWorld();
  accountId = (await createUser(w.db, { email: 'astreinte@cias-lunel.test', role: 'duty_officer', password: 'une-phrase-de-passe-longue' }, w.actors.admin)).accountId;
  token = (await signIn(w.db, { email: 'astreinte@cias-lunel.test', password: 'une-phrase-de-passe-longue', ip: IP })).token;
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

const lastSeen = () => (w.db.$client.prepare('SELECT last_seen_at AS at FROM sessions').get() as { at: number } | undefined)?.at;

describe('when a session ends', () => {
  it('ends its idle time after the last activity; a request is activity, asking the time left is not', () => {
    expect.hasAssertions();
    expect(readSessionFull(w.db, token, IP).session).toMatchObject({ endsAt: t0 + IDLE, extendable: true });
    setClock(t0 + 10 * MINUTE);
    expect(readSessionFull(w.db, token, IP, { touch: false }).session?.endsAt).toBe(t0 + IDLE);
    expect(lastSeen()).toBe(t0);
    expect(readSessionFull(w.db, token, IP).session?.endsAt).toBe(t0 + 10 * MINUTE + IDLE);
    expect(lastSeen()).toBe(t0 + 10 * MINUTE);
  });

  it('« Stay signed in » starts the idle time again; an ended session is not revived', () => {
    expect.hasAssertions();
    setClock(t0 + IDLE - 90_000);
    expect(keepSessionAlive(w.db, token, IP)?.endsAt).toBe(t0 + IDLE - 90_000 + IDLE);
    setClock(t0 + 2 * IDLE);
    expect(keepSessionAlive(w.db, token, IP)).toBeNull();
    expect(readSessionFull(w.db, token, IP).session).toBeNull();
  });

  it('an ended session: asking the time left leaves it for the next request, which ends it and says whose it was, once', () => {
    expect.hasAssertions();
    setClock(t0 + IDLE);
    expect(readSessionFull(w.db, token, IP, { touch: false })).toEqual({ session: null, endedAccountId: null });
    expect(readSessionFull(w.db, token, IP)).toEqual({ session: null, endedAccountId: accountId });
    expect(readSessionFull(w.db, token, IP)).toEqual({ session: null, endedAccountId: null });
  });

  it('near the absolute limit, the end does not move with activity', () => {
    expect.hasAssertions();
    setClock(t0 + 12 * 60 * MINUTE - 10 * MINUTE);
    // Kept alive every minute until then.
    w.db.$client.prepare('UPDATE sessions SET last_seen_at = ?').run(t0 + 12 * 60 * MINUTE - 11 * MINUTE);
    expect(readSessionFull(w.db, token, IP).session).toMatchObject({ endsAt: t0 + 12 * 60 * MINUTE, extendable: false });
  });
});

describe('a form kept across the sign-in', () => {
  const FORM: [string, string][] = [
    ['note', 'Clés chez la gardienne'],
    ['password', 'une-phrase-de-passe-longue'],
    ['newPassword', 'autre-phrase'],
    ['code', '123456'],
    ['recoveryCode', 'ABCD-EFGH'],
    ['household.label', 'Mme Exemple'],
    ['roles', 'admin'],
    ['roles', 'partner']
  ];

  it('keeps every field but the secrets, sealed (nothing readable in the database), for its account, once', () => {
    expect.hasAssertions();
    const cookie = stashForm(w.db, accountId, '/sejours/s1?/note', FORM)!;
    const rows = w.db.$client.prepare('SELECT * FROM form_stashes').all() as { sealed: string; account_id: string; expires_at: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account_id: accountId, expires_at: t0 + FORM_STASH_MS });
    for (const clear of ['gardienne', 'Exemple', 'sejours', 'note']) expect(Buffer.from(rows[0].sealed, 'base64url').toString('latin1')).not.toContain(clear);
    expect(hasStashedForm(w.db, cookie)).toBe(true);
    expect(hasStashedFormFor(w.db, accountId, cookie)).toBe(true);
    expect(takeStashedForm(w.db, accountId, cookie)).toEqual({
      target: '/sejours/s1?/note',
      fields: [['note', 'Clés chez la gardienne'], ['household.label', 'Mme Exemple'], ['roles', 'admin'], ['roles', 'partner']],
      createdAt: t0
    });
    // Given back once.
    expect(takeStashedForm(w.db, accountId, cookie)).toBeNull();
    expect(w.db.$client.prepare('SELECT count(*) AS n FROM form_stashes').get()).toEqual({ n: 0 });
  });

  it('another account signing in on the same browser gets nothing, and the form is dropped', () => {
    expect.hasAssertions();
    const cookie = stashForm(w.db, accountId, '/sejours/s1?/note', FORM)!;
    expect(hasStashedFormFor(w.db, w.actors.duty_officer.accountId, cookie)).toBe(false);
    expect(takeStashedForm(w.db, w.actors.duty_officer.accountId, cookie)).toBeNull();
    expect(takeStashedForm(w.db, accountId, cookie)).toBeNull();
  });

  it(`is dropped after ${FORM_STASH_MS / MINUTE} minutes`, () => {
    expect.hasAssertions();
    const cookie = stashForm(w.db, accountId, '/sejours/s1?/note', FORM)!;
    setClock(t0 + FORM_STASH_MS - 1);
    expect(hasStashedForm(w.db, cookie)).toBe(true);
    setClock(t0 + FORM_STASH_MS);
    expect(hasStashedForm(w.db, cookie)).toBe(false);
    expect(takeStashedForm(w.db, accountId, cookie)).toBeNull();
    // And the next form kept sweeps what is past its time.
    stashForm(w.db, accountId, '/x', [['note', 'a']]);
    expect(w.db.$client.prepare('SELECT count(*) AS n FROM form_stashes').get()).toEqual({ n: 1 });
  });

  it('a form of secrets only is not kept at all', () => {
    expect.hasAssertions();
    expect(stashForm(w.db, accountId, '/compte?/password', [['currentPassword', 'a'], ['password', 'b'], ['code', '1']])).toBeNull();
    expect(w.db.$client.prepare('SELECT count(*) AS n FROM form_stashes').get()).toEqual({ n: 0 });
  });

  it('a cookie that was tampered with, or is not one of ours, opens nothing and throws nothing', () => {
    expect.hasAssertions();
    const cookie = stashForm(w.db, accountId, '/sejours/s1?/note', FORM)!;
    const [id, key] = cookie.split('.');
    const otherKey = Buffer.alloc(32, 7).toString('base64url');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constant(`${id}.${otherKey}`), fc.constant(`${id}.`), fc.constant(`.${key}`), fc.constant(`${id}.${key}.x`)), (junk) => {
        expect(hasStashedFormFor(w.db, w.actors.admin.accountId, junk)).toBe(false);
        if (junk !== cookie) expect(takeStashedForm(w.db, w.actors.admin.accountId, junk)).toBeNull();
      })
    );
    // The wrong key on the right id opens nothing (and the form is dropped: it was asked for).
    expect(takeStashedForm(w.db, accountId, `${id}.${otherKey}`)).toBeNull();
  });

  it.each([
    ['password', true],
    ['currentPassword', true],
    ['new_password', true],
    ['code', true],
    ['recoveryCode', true],
    ['token', true],
    ['csrf_token', true],
    ['totpSecret', true],
    ['note', false],
    ['household.label', false],
    ['postcode', false],
    ['email', false]
  ])('the field %s is never kept: %s', (name, secret) => {
    expect(isNeverStashed(name)).toBe(secret);
  });
});
