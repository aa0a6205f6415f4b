// The pages' time limits over real HTTP (the Fastify app with the SvelteKit build): a form posted
// after its session ended leads to sign-in and is kept, sealed, for its account (nothing in the URL);
// without an ended session a post is refused as before; /session tells the time left without
// extending it, and extends it on POST.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { suggest } from '../../src/services/allocation.ts';
import { nowMs, setClock, tonight } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import { placeStay } from '../../src/services/stays.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { postForm, rawRequest, sessionCookie } from '../support/web-sessions.ts';

let web: WebApp;
let officer: Actor;
const MINUTE = 60_000;
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE;

beforeAll(async () => {
  setClock(T0);
  web = await startWebApp();
  const id = (web.db.$client.prepare(`SELECT id FROM accounts WHERE role = 'duty_officer' AND email IS NOT NULL AND disabled_at IS NULL ORDER BY created_at LIMIT 1`).get() as { id: string }).id;
  officer = { accountId: id, role: 'duty_officer', organisationId: null };
});

afterAll(async () => {
  setClock(null);
  await web?.close();
});

let serial = 0;
function confirmedStay(): string {
  const night = tonight();
  const unitId = suggest(web.db, officer, { start: night, end: addDays(night, 1), persons: 1, programme: 'emergency' }).options[0].unitId;
  return placeStay(web.db, officer, { unitId, start: night, end: addDays(night, 1), programme: 'emergency', household: { label: `Ménage ${++serial}`, adults: 1, children: 0 } }).value.id;
}
const stashes = () => (web.db.$client.prepare('SELECT count(*) AS n FROM form_stashes').get() as { n: number }).n;
const idle = () => settings.sessionIdleMinutes() * MINUTE;
const setCookie = (h: string | string[] | undefined) => (Array.isArray(h) ? h : h ? [h] : []).find((c) => c.startsWith('reprise=')) ?? '';

describe('a form posted after the session ended', () => {
  it('leads to sign-in (303), keeps the form sealed behind an HttpOnly cookie, and puts nothing typed in the address', async () => {
    expect.hasAssertions();
    setClock(nowMs() + MINUTE);
    const id = confirmedStay();
    const cookie = sessionCookie(web.db, 'duty_officer');
    setClock(nowMs() + idle());
    const before = stashes();
    const res = await postForm(web.url, `/sejours/${id}?/note`, { note: 'Clés chez la gardienne' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/connexion?suite=${encodeURIComponent(`/sejours/${id}`)}`);
    expect(setCookie(res.headers['set-cookie'])).toMatch(/^reprise=[\w-]{43}\.[\w-]{43}; .*HttpOnly/);
    expect(setCookie(res.headers['set-cookie'])).toMatch(/SameSite=Lax/);
    expect(stashes()).toBe(before + 1);
    expect(JSON.stringify(res.headers)).not.toContain('gardienne');
    // Nothing was written by the refused post.
    expect((web.db.$client.prepare('SELECT note FROM stays WHERE id = ?').get(id) as { note: string | null }).note).toBeNull();
  });

  it('sent by an enhanced form (JavaScript), the answer is the same redirect, as the form expects it', async () => {
    expect.hasAssertions();
    setClock(nowMs() + MINUTE);
    const id = confirmedStay();
    const cookie = sessionCookie(web.db, 'duty_officer');
    setClock(nowMs() + idle());
    const body = new URLSearchParams({ note: 'Note tapée' }).toString();
    const res = await rawRequest(web.url, 'POST', `/sejours/${id}?/note`, {
      headers: { origin: web.url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', cookie },
      body
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ type: 'redirect', location: `/connexion?suite=${encodeURIComponent(`/sejours/${id}`)}` });
    expect(setCookie(res.headers['set-cookie'])).toMatch(/^reprise=/);
  });

  it('without a session that just ended (nobody signed in, an unknown session), a post is refused as before: 401, nothing kept', async () => {
    expect.hasAssertions();
    const id = confirmedStay();
    const before = stashes();
    for (const cookie of [null, 'session=not-a-session']) {
      const res = await postForm(web.url, `/sejours/${id}?/note`, { note: 'x' }, cookie);
      expect(res.status).toBe(401);
      expect(setCookie(res.headers['set-cookie'])).toBe('');
    }
    expect(stashes()).toBe(before);
  });

  it('a form of secrets only (a password change) is not kept: 401 as before', async () => {
    expect.hasAssertions();
    const cookie = sessionCookie(web.db, 'duty_officer');
    setClock(nowMs() + idle());
    const before = stashes();
    const res = await postForm(web.url, '/compte?/password', { currentPassword: 'a', password: 'b' }, cookie);
    expect(res.status).toBe(401);
    expect(stashes()).toBe(before);
  });

  it('/reprise with nothing kept sends home', async () => {
    expect.hasAssertions();
    const res = await rawRequest(web.url, 'GET', '/reprise', { headers: { cookie: sessionCookie(web.db, 'duty_officer') } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});

describe('/session', () => {
  const lastSeen = (cookie: string) => {
    const token = cookie.split('=')[1];
    const digest = createHash('sha256').update(token, 'utf8').digest('hex');
    return (web.db.$client.prepare('SELECT last_seen_at AS at FROM sessions WHERE digest = ?').get(digest) as { at: number } | undefined)?.at;
  };

  it('GET says when the session ends without extending it; POST extends it; nobody signed in: 401, not a redirect', async () => {
    expect.hasAssertions();
    const cookie = sessionCookie(web.db, 'partner');
    const start = nowMs();
    setClock(start + 5 * MINUTE);
    const got = await rawRequest(web.url, 'GET', '/session', { headers: { cookie, accept: 'application/json' } });
    expect(got.status).toBe(200);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(got.body)).toEqual({ endsAt: start + idle(), extendable: true, now: start + 5 * MINUTE });
    expect(lastSeen(cookie)).toBe(start);
    const posted = await rawRequest(web.url, 'POST', '/session', { headers: { cookie, accept: 'application/json', origin: web.url } });
    expect(posted.status).toBe(200);
    expect(JSON.parse(posted.body)).toMatchObject({ endsAt: start + 5 * MINUTE + idle() });
    expect(lastSeen(cookie)).toBe(start + 5 * MINUTE);
    expect((await rawRequest(web.url, 'GET', '/session', { headers: { accept: 'application/json' } })).status).toBe(401);
    expect((await rawRequest(web.url, 'POST', '/session', { headers: { accept: 'application/json', origin: web.url } })).status).toBe(401);
  });

  it('an ended session is said ended (401), and still kept for the form that follows', async () => {
    expect.hasAssertions();
    const cookie = sessionCookie(web.db, 'duty_officer');
    setClock(nowMs() + idle());
    expect((await rawRequest(web.url, 'GET', '/session', { headers: { cookie, accept: 'application/json' } })).status).toBe(401);
    expect(lastSeen(cookie)).toBeDefined();
    const id = confirmedStay();
    expect((await postForm(web.url, `/sejours/${id}?/note`, { note: 'après' }, cookie)).status).toBe(303);
  });
});
