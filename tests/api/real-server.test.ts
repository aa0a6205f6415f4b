// The real entry point (src/http/start.ts, as `npm start` runs it, with the web build) in its own
// process over a test file: the connection it opened writes with synchronous=FULL, and its log
// lines carry no query string, token, password, session or household name.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { SESSION_COOKIE } from '../../src/services/sessions.ts';
import { makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { postForm, rawRequest } from '../support/web-sessions.ts';
import { DEMO_PASSWORD, EMAILS } from '../e2e/_web.ts';

const NAME = 'Famille Journal-Canari-Q7X';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let t: TestDb;
let server: ServerProcess;
let token: string;
let unitId: string;

beforeAll(async () => {
  t = makeTestDb();
  await seedDemo(t.db);
  const admin = createAccountWithToken(t.db, { name: 'log admin', role: 'admin' });
  unitId = makeUnit(t.db, { accountId: admin.accountId, role: 'admin', organisationId: null, ip: '127.0.0.1' }, { name: 'Journal', programmes: ['emergency'] });
  token = createAccountWithToken(t.db, { name: 'log duty officer', role: 'duty_officer' }).token;
  t.db.$client.close();
  const port = await freePort();
  server = await startServerProcess(t.path, {
    entry: join(process.cwd(), 'src/http/start.ts'),
    preload: [join(process.cwd(), 'tests/support/report-pragmas.ts')],
    ready: /is listening on http:\/\/127\.0\.0\.1:(\d+)/,
    // A stale build is rebuilt by the server before it listens (about a minute).
    timeoutMs: 110_000,
    env: { HOST: '127.0.0.1', PORT: String(port), ORIGIN: `http://127.0.0.1:${port}`, LOG_LEVEL: 'info' }
  });
});
afterAll(async () => {
  await server?.kill();
  t?.cleanup();
});

describe('the server started by src/http/start.ts', () => {
  it('its connection writes with synchronous=FULL (2), in WAL, with foreign keys on', async () => {
    expect.hasAssertions();
    server.child.kill('SIGUSR2');
    await server.waitForOutput(({ stdout }) => /PRAGMAS .*\n/.test(stdout));
    const pragmas = JSON.parse(/PRAGMAS (.*)\n/.exec(server.output().stdout)![1]);
    expect(pragmas).toEqual({ synchronous: 2, journal_mode: 'wal', foreign_keys: 1 });
  });

  it('its log lines hold no query string, token, password, session or household name', async () => {
    expect.hasAssertions();
    const completed = () => (server.output().stdout.match(/"request completed"/g) ?? []).length;
    const before = completed();
    const auth = { authorization: `Bearer ${token}` };

    // Signing in: the password travels in the body; the session comes back in a cookie.
    const signIn = await postForm(server.url, '/connexion', { email: EMAILS.duty_officer, password: DEMO_PASSWORD }, null);
    expect(signIn.status).toBe(303);
    const session = /(?:^|;\s*)?[^=]+=([^;]+)/.exec(String([signIn.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`))))![1];
    expect(session.length).toBeGreaterThan(20);
    const cookie = `${SESSION_COOKIE}=${session}`;

    // A household placed by name through the API, then searched for by that name on the page and
    // by its nights in the API; a token sent in a query string as well.
    const placed = await fetch(`${server.url}/api/v1/stays`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId, start: '2027-11-02', end: '2027-11-04', programme: 'emergency', household: { label: NAME, adults: 1, children: 0 } })
    });
    expect(placed.status).toBe(201);
    const search = await rawRequest(server.url, 'GET', `/menages?q=${encodeURIComponent(NAME)}`, { headers: { cookie, accept: 'text/html' } });
    expect(search.status).toBe(200);
    expect(search.body).toContain(NAME);
    const listed = await fetch(`${server.url}/api/v1/stays?from=2027-11-01&to=2027-11-30`, { headers: auth });
    expect(await listed.text()).toContain(NAME);
    // A refused body that holds the name (too many adults), and the token in a query string.
    const refused = await fetch(`${server.url}/api/v1/stays`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId, start: '2027-11-10', end: '2027-11-12', programme: 'emergency', household: { label: NAME, adults: 999, children: 0 } })
    });
    expect(refused.status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/units?access_token=${token}`)).status).toBe(401);

    // Every request above has written its last log line.
    await server.waitForOutput(() => completed() >= before + 6);
    const log = `${server.output().stdout}\n${server.output().stderr}`;
    const secrets = {
      name: 'Journal-Canari-Q7X',
      'name, URL-encoded': encodeURIComponent(NAME),
      token,
      'session token': session,
      password: DEMO_PASSWORD,
      'search query string': 'q=',
      'list query string': 'from=2027-11-01',
      'token query string': 'access_token'
    };
    const found = Object.entries(secrets)
      .filter(([, secret]) => log.includes(secret))
      .map(([what]) => what);
    expect(found).toEqual([]);
    // The log does speak of these requests, by their paths alone.
    expect(log).toContain('"path":"/menages"');
    expect(log).toContain('"path":"/api/v1/stays"');
  });
});
