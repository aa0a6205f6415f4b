// Staff accounts over real HTTP, through the built web app in the real server: enrolling the
// second factor on /compte, signing in with a code (the pending step bound to a server-side
// record), wrong codes refused then throttled, a recovery code once, a password change ending the
// other sessions, weak passwords refused, an admin removing a second factor and setting a one-time
// password, and a role that requires a second factor sending its accounts to /compte first.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setSharedDb } from '../../db/client.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createUser } from '../../src/services/accounts.ts';
import { createSite } from '../../src/services/sites.ts';
import { loadSvelteKitHandler } from '../../src/http/sveltekit.ts';
import { totpCodeAt } from '../../src/services/totp.ts';
import { makeTestDb, startServer, type TestDb, type TestServer } from '../support/fixtures.ts';

const ORIGIN = 'http://hebergement.test';
const PASSWORD = 'une-phrase-de-passe-longue';
const ADMIN = 'chef@cias-lunel.test';

let t: TestDb;
let server: TestServer;
const saved = { ORIGIN: process.env.ORIGIN, DATABASE_PATH: process.env.DATABASE_PATH, TRUST_PROXY: process.env.TRUST_PROXY };

beforeAll(async () => {
  process.env.ORIGIN = ORIGIN;
  delete process.env.TRUST_PROXY;
  t = makeTestDb();
  process.env.DATABASE_PATH = t.path;
  setSharedDb(t.db, t.path);
  await createUser(t.db, { email: ADMIN, role: 'admin', password: PASSWORD, name: 'Cheffe de service' });
  for (const name of ['enrol', 'wrong', 'recovery', 'change', 'weak', 'lost', 'required']) {
    await createUser(t.db, { email: `${name}@cias-lunel.test`, role: name === 'required' ? 'housing_officer' : 'duty_officer', password: PASSWORD });
  }
  server = await startServer(t.db, await loadSvelteKitHandler());
});

afterAll(async () => {
  await server?.close();
  t?.cleanup();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

interface Answer {
  status: number;
  location: string | null;
  body: string;
  cookies: Record<string, string>;
}

/** A browser's cookie jar, reduced to what these pages set. */
class Browser {
  jar: Record<string, string> = {};
  /** The address it comes from, as the socket is always 127.0.0.1 here: several addresses cannot be tested without TRUST_PROXY. */
  async send(method: 'GET' | 'POST', path: string, form?: Record<string, string | string[]>): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = Object.entries(this.jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (form) {
      headers.origin = ORIGIN;
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p.toString();
    }
    const res = await fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' });
    const cookies: Record<string, string> = {};
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const [name, value] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
      cookies[name] = value;
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') delete this.jar[name];
      else this.jar[name] = value;
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text(), cookies };
  }
  signIn(email: string, password = PASSWORD): Promise<Answer> {
    return this.send('POST', '/connexion', { email, password, suite: '' });
  }
  code(code: string): Promise<Answer> {
    return this.send('POST', '/connexion', { code, suite: '' });
  }
}

function idOf(email: string): string {
  return (t.db.$client.prepare('SELECT id FROM accounts WHERE email = ?').get(email) as { id: string }).id;
}

function secretOf(email: string): string {
  const row = t.db.$client.prepare('SELECT coalesce(s.totp_secret, s.totp_pending_secret) AS s FROM account_security s JOIN accounts a ON a.id = s.account_id WHERE a.email = ?').get(email) as { s: string };
  return row.s;
}

function actionsOf(email: string): string[] {
  return t.db.$client.prepare('SELECT action FROM audit_entries WHERE entity_id = ? ORDER BY id').pluck().all(idOf(email)) as string[];
}

/** Signs in and enrols the second factor through /compte; returns the browser, the secret and the recovery codes. */
async function enrolled(email: string): Promise<{ b: Browser; secret: string; codes: string[] }> {
  const b = new Browser();
  expect((await b.signIn(email)).status).toBe(303);
  expect((await b.send('POST', '/compte?/totpStart', {})).status).toBe(200);
  const page = await b.send('GET', '/compte');
  const secret = secretOf(email);
  expect(page.body).toContain(`otpauth://totp/`);
  expect(page.body).toContain(`secret=${secret}`);
  expect(page.body).toMatch(/<svg[^>]*viewBox/);
  const confirmed = await b.send('POST', '/compte?/totpConfirm', { code: totpCodeAt(secret, Date.now()) });
  expect(confirmed.status).toBe(200);
  const codes = [...confirmed.body.matchAll(/<code>([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})<\/code>/g)].map((m) => m[1]);
  expect(codes).toHaveLength(10);
  // Shown once: the page does not show them again.
  expect((await b.send('GET', '/compte')).body).not.toContain(codes[0]);
  return { b, secret, codes };
}

/** The next code of the app that has not been used yet (a code is accepted once per 30-second step). */
function laterCode(secret: string): string {
  return totpCodeAt(secret, Date.now() + 30_000);
}

describe('the second factor over HTTP', () => {
  test('enrol on /compte, then sign in: the password gives a code step (no session yet), the right code opens the session', async () => {
    expect.hasAssertions();
    const { secret } = await enrolled('enrol@cias-lunel.test');
    const b = new Browser();
    const step = await b.signIn('enrol@cias-lunel.test');
    expect(step.status).toBe(200);
    expect(step.body).toContain('name="code"');
    expect(step.cookies.session).toBeUndefined();
    expect(b.jar.signin_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A page asked without the code is not open.
    expect((await b.send('GET', '/')).location).toMatch(/^\/connexion/);
    const done = await b.code(laterCode(secret));
    expect(done.status).toBe(303);
    expect(done.location).toBe('/');
    expect(b.jar.session).toBeTruthy();
    expect(b.jar.signin_challenge).toBeUndefined();
    expect((await b.send('GET', '/compte')).status).toBe(200);
    expect(actionsOf('enrol@cias-lunel.test')).toEqual(
      expect.arrayContaining(['session.sign_in', 'account.totp_enrolment_started', 'account.totp_enabled', 'session.password_verified'])
    );
  });

  test('wrong codes are refused, then throttled for the account (even the right code); a made-up challenge cookie opens nothing', async () => {
    expect.hasAssertions();
    const { secret } = await enrolled('wrong@cias-lunel.test');
    const b = new Browser();
    await b.signIn('wrong@cias-lunel.test');
    const right = laterCode(secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const r = await b.code(wrong);
      expect(r.status, `try ${i}`).toBe(400);
      expect(r.body).toContain('Code incorrect.');
    }
    const locked = await b.code(right);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatch(/Trop de codes incorrects pour ce compte : réessayez dans \d+ min\./);
    expect(b.jar.session).toBeUndefined();

    const forger = new Browser();
    forger.jar.signin_challenge = 'made-up-by-the-client';
    const forged = await forger.code(right);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('La connexion a expiré');
    expect(forger.jar.session).toBeUndefined();
  });

  test('a recovery code signs in once', async () => {
    expect.hasAssertions();
    const { codes } = await enrolled('recovery@cias-lunel.test');
    const b = new Browser();
    await b.signIn('recovery@cias-lunel.test');
    expect((await b.code(codes[0])).status).toBe(303);
    const again = new Browser();
    await again.signIn('recovery@cias-lunel.test');
    expect((await again.code(codes[0])).status).toBe(400);
    expect((await again.code(codes[1].toLowerCase())).status).toBe(303);
  });
});

describe('passwords over HTTP', () => {
  test('changing one’s password on /compte needs the current one and ends the other sessions', async () => {
    expect.hasAssertions();
    const desk = new Browser();
    const phone = new Browser();
    await desk.signIn('change@cias-lunel.test');
    await phone.signIn('change@cias-lunel.test');
    const wrong = await desk.send('POST', '/compte?/password', { current: 'pas-le-bon-mot', next: 'Lunel-Saussines-hiver-7', confirm: 'Lunel-Saussines-hiver-7' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('mot de passe actuel incorrect');
    expect((await phone.send('GET', '/')).status).toBe(200);
    const ok = await desk.send('POST', '/compte?/password', { current: PASSWORD, next: 'Lunel-Saussines-hiver-7', confirm: 'Lunel-Saussines-hiver-7' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('1 autre session fermée');
    expect((await phone.send('GET', '/')).location).toMatch(/^\/connexion/);
    expect((await desk.send('GET', '/')).status).toBe(200);
    expect((await new Browser().signIn('change@cias-lunel.test', 'Lunel-Saussines-hiver-7')).status).toBe(303);
  });

  test('weak and short passwords are refused on /compte and by the admin, and nothing changes', async () => {
    expect.hasAssertions();
    const b = new Browser();
    await b.signIn('weak@cias-lunel.test');
    for (const [next, words] of [
      ['motdepasse123', 'trop facile à deviner'],
      ['azertyuiop123', 'trop facile à deviner'],
      ['court', 'au moins 12 caractères']
    ]) {
      const r = await b.send('POST', '/compte?/password', { current: PASSWORD, next, confirm: next });
      expect(r.status, next).toBe(422);
      expect(r.body).toContain(words);
    }
    const admin = new Browser();
    await admin.signIn(ADMIN);
    const created = await admin.send('POST', '/admin/comptes?/create', { email: 'nouveau@cias-lunel.test', name: '', role: 'duty_officer', organisation: '', password: 'jetaime123456' });
    expect(created.status).toBe(422);
    expect(created.body).toContain('trop facile à deviner');
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM accounts WHERE email = 'nouveau@cias-lunel.test'").get()).toEqual({ n: 0 });
    expect((await new Browser().signIn('weak@cias-lunel.test')).status).toBe(303);
  });
});

describe('what an admin does, over HTTP', () => {
  test('removing a lost second factor and setting a one-time password: the account signs in without a code and must change it first', async () => {
    expect.hasAssertions();
    await enrolled('lost@cias-lunel.test');
    const admin = new Browser();
    await admin.signIn(ADMIN);
    const id = idOf('lost@cias-lunel.test');
    expect((await admin.send('POST', '/admin/comptes?/resetTotp', { accountId: id })).status).toBe(200);
    expect((await admin.send('POST', '/admin/comptes?/oneTimePassword', { accountId: id, password: 'Provisoire-Vidourle-42' })).status).toBe(200);
    const b = new Browser();
    const signedIn = await b.signIn('lost@cias-lunel.test', 'Provisoire-Vidourle-42');
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/compte');
    // Nothing else until the password is changed: pages send to /compte, form posts are refused.
    expect((await b.send('GET', '/planning')).location).toBe('/compte');
    expect((await b.send('POST', '/placer?/search', { start: '2030-01-01', end: '2030-01-02', persons: '1', programme: 'emergency' })).status).toBe(403);
    const page = await b.send('GET', '/compte');
    expect(page.body).toContain('Un administrateur a demandé un nouveau mot de passe');
    expect((await b.send('POST', '/compte?/password', { current: 'Provisoire-Vidourle-42', next: 'Lunel-Saussines-hiver-7', confirm: 'Lunel-Saussines-hiver-7' })).status).toBe(200);
    expect((await b.send('GET', '/planning')).status).toBe(200);
    expect(actionsOf('lost@cias-lunel.test')).toEqual(expect.arrayContaining(['account.totp_reset', 'account.one_time_password', 'account.password_change']));
  });

  test('a role that requires a second factor: its accounts are sent to /compte to enrol and can do nothing else until then', async () => {
    expect.hasAssertions();
    const admin = new Browser();
    await admin.signIn(ADMIN);
    expect((await admin.send('POST', '/admin/comptes?/totpRoles', { roles: ['housing_officer'] })).status).toBe(200);
    const b = new Browser();
    const signedIn = await b.signIn('required@cias-lunel.test');
    expect(signedIn.location).toBe('/compte');
    expect((await b.send('GET', '/planning')).location).toBe('/compte');
    expect((await b.send('GET', '/compte')).body).toContain('Votre rôle exige un second facteur');
    expect((await b.send('POST', '/compte?/totpStart', {})).status).toBe(200);
    const secret = secretOf('required@cias-lunel.test');
    expect((await b.send('POST', '/compte?/totpConfirm', { code: totpCodeAt(secret, Date.now()) })).status).toBe(200);
    expect((await b.send('GET', '/planning')).status).toBe(200);
    // Other roles are not concerned; the setting is audited.
    expect((await new Browser().signIn('weak@cias-lunel.test')).location).toBe('/');
    const audit = t.db.$client.prepare("SELECT entity_id AS role, detail FROM audit_entries WHERE action = 'settings.totp_required'").all();
    expect(audit).toEqual([{ role: 'housing_officer', detail: JSON.stringify({ required: true }) }]);
    expect((await admin.send('POST', '/admin/comptes?/totpRoles', {})).status).toBe(200);
  });

  test('a duty officer cannot use the admin’s account actions', async () => {
    expect.hasAssertions();
    const b = new Browser();
    await b.signIn('weak@cias-lunel.test');
    const id = idOf('enrol@cias-lunel.test');
    for (const action of ['resetTotp', 'requireReset', 'oneTimePassword', 'totpRoles']) {
      const r = await b.send('POST', `/admin/comptes?/${action}`, { accountId: id, password: 'Provisoire-Vidourle-42', roles: 'duty_officer' });
      expect(r.status, action).toBe(403);
    }
    expect(t.db.$client.prepare('SELECT totp_secret IS NOT NULL AS on_ FROM account_security WHERE account_id = ?').get(id)).toEqual({ on_: 1 });
  });
});

describe('the administration’s forms are parsed by their use case’s schema', () => {
  const count = (table: string) => (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  test('a refused form answers 400 with each field’s wording, keeps what was typed, and writes nothing', async () => {
    expect.hasAssertions();
    const admin = new Browser();
    expect((await admin.signIn(ADMIN)).status).toBe(303);
    const actor: Actor = { accountId: idOf(ADMIN), role: 'admin', organisationId: null };
    const site = createSite(t.db, actor, { name: 'Résidence test', commune: 'Lunel', address: '1 rue Test', confidential: false, kind: 'residence' });
    const [units, blocks, accounts] = [count('units'), count('blocks'), count('accounts')];

    // The unit's limits are the API's: 50 places at most, programmes of the domain.
    const unit = await admin.send('POST', '/admin/sites?/createUnit', { siteId: site.id, name: 'Studio 9', capacity: '51', programmes: ['camping'], nightlyCost: '' });
    expect(unit.status).toBe(400);
    expect(unit.body).toContain('au plus 50');
    expect(unit.body).toContain('Studio 9');
    // A block's reason: 500 characters at most.
    const block = await admin.send('POST', '/admin/blocages?/create', { unitId: 'any', start: '2027-03-01', end: '2027-03-02', reason: 'x'.repeat(501) });
    expect(block.status).toBe(400);
    expect(block.body).toContain('500 caractères au plus');
    // One email rule, zod's: two dots in a row are no address (a hand-written pattern let it through).
    const account = await admin.send('POST', '/admin/comptes?/create', { email: 'agent@demo..fr', name: 'Agent', role: 'duty_officer', organisation: '', password: PASSWORD });
    expect(account.status).toBe(400);
    expect(account.body).toContain('une adresse e-mail');
    expect(account.body).not.toContain(PASSWORD);
    // A role the domain does not know.
    expect((await admin.send('POST', '/admin/jetons?/create', { name: 'Script', role: 'king', organisation: '' })).status).toBe(400);
    expect([count('units'), count('blocks'), count('accounts')]).toEqual([units, blocks, accounts]);
  });

  test('a password is taken exactly as typed, spaces included, when an admin sets it and at sign-in', async () => {
    expect.hasAssertions();
    const admin = new Browser();
    expect((await admin.signIn(ADMIN)).status).toBe(303);
    const spaced = `  ${PASSWORD}  `;
    const created = await admin.send('POST', '/admin/comptes?/create', { email: 'espaces@cias-lunel.test', name: '', role: 'duty_officer', organisation: '', password: spaced });
    expect(created.status).toBe(200);
    expect((await new Browser().signIn('espaces@cias-lunel.test', PASSWORD)).status).toBe(400);
    expect((await new Browser().signIn('espaces@cias-lunel.test', spaced)).status).toBe(303);
  });
});
