// Sign-in throttling over real HTTP, through the sign-in page of the built web app mounted in the
// real Fastify server: a storm of concurrent wrong passwords for one account has at most 5 of them
// checked; one address spraying many accounts is refused for a while; and behind a proxy
// (TRUST_PROXY=1) the caller's address that throttles and goes into the audit is X-Forwarded-For's,
// for the pages as for the API.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setSharedDb } from '../../db/client.ts';
import { createUser } from '../../src/services/accounts.ts';
import { loadSvelteKitHandler } from '../../src/http/sveltekit.ts';
import { bearer, makeAccounts, makeTestDb, startServer, type TestDb, type TestServer } from '../support/fixtures.ts';

// adapter-node reads ORIGIN when its handler is imported; form posts must come from it. Both
// servers below share this origin (the posts say it), whatever port they listen on.
const ORIGIN = 'http://hebergement.test';
const PASSWORD = 'une-phrase-de-passe-longue';

let t: TestDb;
let direct: TestServer;
let proxied: TestServer;
let adminToken: string;
const saved = { ORIGIN: process.env.ORIGIN, DATABASE_PATH: process.env.DATABASE_PATH, TRUST_PROXY: process.env.TRUST_PROXY };

beforeAll(async () => {
  process.env.ORIGIN = ORIGIN;
  t = makeTestDb();
  process.env.DATABASE_PATH = t.path;
  setSharedDb(t.db, t.path);
  adminToken = makeAccounts(t.db).admin.token;
  for (const name of ['storm', 'spray', 'proxied', 'direct']) {
    await createUser(t.db, { email: `${name}@cias-lunel.test`, role: 'duty_officer', password: PASSWORD });
  }
  const web = await loadSvelteKitHandler();
  delete process.env.TRUST_PROXY;
  direct = await startServer(t.db, web);
  process.env.TRUST_PROXY = '1';
  proxied = await startServer(t.db, web);
});

afterAll(async () => {
  await direct?.close();
  await proxied?.close();
  t?.cleanup();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Posts the sign-in form as a browser does; returns the status (303 signed in, 400 wrong, 429 throttled). */
async function postSignIn(server: TestServer, email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${server.url}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: ORIGIN, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email, password, suite: '' }).toString()
  });
  await res.arrayBuffer();
  return res.status;
}

function count(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

function failureRows(where: string, ...args: unknown[]): number {
  return (t.db.$client.prepare(`SELECT count(*) AS n FROM sign_in_failures WHERE ${where}`).get(...args) as { n: number }).n;
}

describe('a storm of concurrent wrong passwords for one account', () => {
  test('60 at once from one address: at most 5 are checked (400), every other one is refused before hashing (429)', async () => {
    expect.hasAssertions();
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => postSignIn(direct, 'storm@cias-lunel.test', `pas-le-bon-${i}`)));
    const c = count(statuses);
    expect(Object.keys(c).sort()).toEqual(['400', '429']);
    expect(c[400]).toBeLessThanOrEqual(5);
    expect(c[400] + c[429]).toBe(60);
    // Each checked try is one failure row: no more than 5 were recorded (and hashed).
    expect(failureRows('email = ?', 'storm@cias-lunel.test')).toBeLessThanOrEqual(5);
    // Even the right password is refused from there now.
    expect(await postSignIn(direct, 'storm@cias-lunel.test', PASSWORD)).toBe(429);
  });
});

describe('one address across accounts', () => {
  test('20 failures in a minute over 20 emails lock the address for every account, the right password included; the CPU spent is bounded', async () => {
    expect.hasAssertions();
    const spray = { 'x-forwarded-for': '203.0.113.50' };
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await postSignIn(proxied, `inconnu-${i}@cias-lunel.test`, 'pas-le-bon-mot-de-passe', spray));
    expect(count(statuses)).toEqual({ 400: 20 });
    // The 21st and later tries from that address are refused before any hash, even for a real account.
    const more = await Promise.all(Array.from({ length: 40 }, (_, i) => postSignIn(proxied, `autre-${i}@cias-lunel.test`, 'pas-le-bon-mot-de-passe', spray)));
    expect(count(more)).toEqual({ 429: 40 });
    expect(await postSignIn(proxied, 'spray@cias-lunel.test', PASSWORD, spray)).toBe(429);
    expect(failureRows('ip = ?', '203.0.113.50')).toBe(20);
    // Another address is not concerned.
    expect(await postSignIn(proxied, 'spray@cias-lunel.test', PASSWORD, { 'x-forwarded-for': '203.0.113.51' })).toBe(303);
  });
});

describe('behind a proxy (TRUST_PROXY=1), the caller is X-Forwarded-For, for the pages as for the API', () => {
  test('five failures from one forwarded address lock it out, not another address behind the same proxy; the audit has the forwarded address', async () => {
    expect.hasAssertions();
    const stranger = { 'x-forwarded-for': '198.51.100.66' };
    const officer = { 'x-forwarded-for': '192.0.2.44' };
    for (let i = 0; i < 5; i++) expect(await postSignIn(proxied, 'proxied@cias-lunel.test', `faux-${i}`, stranger)).toBe(400);
    expect(await postSignIn(proxied, 'proxied@cias-lunel.test', PASSWORD, stranger)).toBe(429);
    // The stranger did not lock the officer out: the officer comes from another address.
    expect(await postSignIn(proxied, 'proxied@cias-lunel.test', PASSWORD, officer)).toBe(303);
    expect(failureRows('email = ? AND ip = ?', 'proxied@cias-lunel.test', '198.51.100.66')).toBe(5);
    const signInAudit = t.db.$client
      .prepare(`SELECT e.ip FROM audit_entries e JOIN accounts a ON a.id = e.entity_id WHERE e.action = 'session.sign_in' AND a.email = ?`)
      .all('proxied@cias-lunel.test') as { ip: string }[];
    expect(signInAudit).toEqual([{ ip: '192.0.2.44' }]);

    // The API's audit names the same forwarded address.
    const res = await fetch(`${proxied.url}/api/v1/sites`, {
      method: 'POST',
      headers: { ...bearer(adminToken), ...officer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Site derrière le proxy', commune: 'Lunel', confidential: false, address: '1 rue du Proxy' })
    });
    expect(res.status).toBe(201);
    const site = (await res.json()) as { id: string };
    const apiAudit = t.db.$client.prepare(`SELECT ip FROM audit_entries WHERE entity_id = ?`).all(site.id);
    expect(apiAudit).toEqual([{ ip: '192.0.2.44' }]);
  });

  test('without TRUST_PROXY, X-Forwarded-For is ignored: a caller cannot pick the address it is counted under', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 5; i++) expect(await postSignIn(direct, 'direct@cias-lunel.test', `faux-${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).toBe(400);
    expect(await postSignIn(direct, 'direct@cias-lunel.test', PASSWORD, { 'x-forwarded-for': '198.51.100.99' })).toBe(429);
    expect(failureRows('email = ? AND ip = ?', 'direct@cias-lunel.test', '127.0.0.1')).toBe(5);
  });
});
