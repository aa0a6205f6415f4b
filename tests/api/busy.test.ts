// A busy database is not an overlap: a write waits for the write lock up to its bound, then
// answers 503 busy with Retry-After; the lock released within the bound, the write goes through.
// The server runs in its own process (as in production), so that this process can hold the lock
// from a second connection and let it go while the server waits.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccounts, makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { postForm, rawRequest, readBeyondLatin1, sessionCookie } from '../support/web-sessions.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { expectProblem } from './_support.ts';

/** The bound given to the server: how long a write waits in all for the lock. */
const BOUND_MS = 1_500;

let t: TestDb;
let server: ServerProcess;
let token: string;
let unitId: string;

beforeAll(async () => {
  t = makeTestDb();
  const accounts = makeAccounts(t.db);
  token = accounts.duty_officer.token;
  unitId = makeUnit(t.db, accounts.admin.actor, { name: 'Busy', programmes: ['emergency'] });
  server = await startServerProcess(t.path, { env: { WRITE_BUSY_MS: String(BOUND_MS) } });
  // A first request records the token's use, so that the requests below write nothing else.
  expect((await fetch(`${server.url}/api/v1/units`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
});
afterAll(async () => {
  await server?.kill();
  t?.cleanup();
});

function stayCount(): number {
  return (t.db.$client.prepare('SELECT count(*) AS n FROM stays').get() as { n: number }).n;
}

async function place(start: string, end: string) {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/stays`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ unitId, start, end, programme: 'emergency', household: { label: 'Famille Busy', adults: 1, children: 0 } })
  });
  return { res, body: await res.text(), ms: performance.now() - started };
}

/** Takes the write lock on a second connection to the same file, as another process would; resolves the release. */
function holdWriteLock(path = t.path): () => void {
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

describe('a busy database', () => {
  it('held past the bound: 503 busy with Retry-After, after waiting the bound, never overlap, and nothing written', async () => {
    expect.hasAssertions();
    const before = stayCount();
    const release = holdWriteLock();
    let answer: Awaited<ReturnType<typeof place>>;
    try {
      // The lock is held until the answer has come: past the bound, whatever it is.
      answer = await place('2027-03-01', '2027-03-03');
    } finally {
      release();
    }
    const { res, body, ms } = answer;
    expectProblem({ statusCode: res.status, headers: Object.fromEntries(res.headers), body }, 503, 'busy');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ms).toBeGreaterThanOrEqual(BOUND_MS - 50);
    expect(stayCount()).toBe(before);
  });

  it('released within the bound: the write waits for it and goes through', async () => {
    expect.hasAssertions();
    const before = stayCount();
    const release = holdWriteLock();
    // The scenario itself: the other writer lets go a third of the bound after the request.
    setTimeout(release, BOUND_MS / 3);
    const { res, body, ms } = await place('2027-04-01', '2027-04-03');
    expect({ status: res.status, body: res.status === 201 ? 'placed' : body }).toEqual({ status: 201, body: 'placed' });
    expect(ms).toBeGreaterThanOrEqual(BOUND_MS / 3 - 50);
    expect(stayCount()).toBe(before + 1);
  });

  it('the OpenAPI document lists 503 busy beside the other problems', async () => {
    expect.hasAssertions();
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } } };
    expect(Object.keys(spec.paths['/api/v1/stays']!.post!.responses)).toContain('503');
    expect(spec.components.schemas.Problem.properties.code.enum).toContain('busy');
  });

  it('the same nights asked again once the lock is gone are a real overlap (409), told apart from busy', async () => {
    expect.hasAssertions();
    const { res, body } = await place('2027-04-01', '2027-04-03');
    expectProblem({ statusCode: res.status, headers: Object.fromEntries(res.headers), body }, 409, 'overlap');
  });
});

describe('a busy database, on a page', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
    process.env.DATABASE_PATH = web.test.path;
  });
  afterAll(async () => {
    delete process.env.WRITE_BUSY_MS;
    await web?.close();
  });

  it('a form posted while the lock is held past the bound answers 503 with the words to try again, and records nothing', async () => {
    expect.hasAssertions();
    // The web app runs in this process: its wait blocks this thread too, so the bound is short.
    process.env.WRITE_BUSY_MS = '300';
    const blocks = () => (web.db.$client.prepare('SELECT count(*) AS n FROM blocks').get() as { n: number }).n;
    const unit = (web.db.$client.prepare("SELECT id FROM units ORDER BY name LIMIT 1").get() as { id: string }).id;
    const cookie = sessionCookie(web.db, 'duty_officer');
    const before = blocks();
    const release = holdWriteLock(web.test.path);
    let res;
    try {
      res = await postForm(web.url, '/planning?/block', { unitId: unit, start: '2027-05-01', end: '2027-05-03', reason: 'Peinture' }, cookie);
    } finally {
      release();
    }
    expect(res.status).toBe(503);
    expect(readBeyondLatin1(res.body)).toContain('Le service est très sollicité : rien n’a été enregistré. Réessayez dans un instant.');
    expect(blocks()).toBe(before);
    // The lock gone, the same form goes through.
    const again = await postForm(web.url, '/planning?/block', { unitId: unit, start: '2027-05-01', end: '2027-05-03', reason: 'Peinture' }, cookie);
    expect(again.status).toBe(200);
    expect(blocks()).toBe(before + 1);
  });

  it('a page that only reads opens while the lock is held, even when its session is due for its last-seen write', async () => {
    expect.hasAssertions();
    process.env.WRITE_BUSY_MS = '300';
    const cookie = sessionCookie(web.db, 'partner');
    // Last seen two minutes ago: reading the session would write its new last-seen time.
    web.db.$client.prepare('UPDATE sessions SET last_seen_at = last_seen_at - 120000').run();
    const release = holdWriteLock(web.test.path);
    let res;
    try {
      res = await rawRequest(web.url, 'GET', '/disponibilites', { headers: { cookie, accept: 'text/html' } });
    } finally {
      release();
    }
    expect(res.status).toBe(200);
  });
});
