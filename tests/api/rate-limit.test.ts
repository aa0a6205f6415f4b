// "A partner token answers at most PARTNER_RATE_LIMIT requests a minute; past it, 429 with
// Retry-After." Staff tokens are never limited (docs/api.md, "Referrals" and "Settings").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { expectProblem } from './_support.ts';

const AVAILABILITY = '/api/v1/availability?from=2027-01-10&to=2027-01-12';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let previous: string | undefined;
let base = '';

beforeAll(async () => {
  previous = process.env.PARTNER_RATE_LIMIT;
  t = makeTestDb();
  acc = makeAccounts(t.db);
  makeUnit(t.db, acc.admin.actor, { name: 'T2', capacity: 2, programmes: ['emergency'] });
  app = await buildApp({ db: t.db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Set after the app is built: the setting is read on each request.
  process.env.PARTNER_RATE_LIMIT = '5';
});
afterAll(async () => {
  if (previous === undefined) delete process.env.PARTNER_RATE_LIMIT;
  else process.env.PARTNER_RATE_LIMIT = previous;
  await app?.close();
  t?.cleanup();
});

const get = (token: string, url = AVAILABILITY) => app.inject({ method: 'GET', url, headers: bearer(token) });

describe('rate limit of partner tokens (PARTNER_RATE_LIMIT=5)', () => {
  it('the 6th request of a partner in the minute is 429 rate_limited with Retry-After; another partner is not affected', async () => {
    expect.hasAssertions();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(acc.partner.token, i % 2 ? '/api/v1/units' : AVAILABILITY)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const sixth = await get(acc.partner.token);
    expectProblem(sixth, 429, 'rate_limited');
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(Number.isFinite(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Still limited, on any route.
    expectProblem(await get(acc.partner.token, '/api/v1/units'), 429, 'rate_limited');

    const other = createAccountWithToken(t.db, { name: 'CCAS de Lunel', role: 'partner', organisation: 'CCAS de Lunel' });
    for (let i = 0; i < 5; i++) expect((await get(other.token)).statusCode).toBe(200);
    expectProblem(await get(other.token), 429, 'rate_limited');
  });

  it('refused requests count too: after 5 answers of 403, the 6th request of the minute is 429', async () => {
    expect.hasAssertions();
    const p = createAccountWithToken(t.db, { name: 'Mission locale', role: 'partner', organisation: 'Mission locale' });
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/stays', headers: bearer(p.token), payload: {} });
      expect(res.statusCode).toBe(403);
    }
    expectProblem(await get(p.token), 429, 'rate_limited');
  });

  it('304s count too, those answered before the framework included: the 6th request of the minute is 429 all the same', async () => {
    expect.hasAssertions();
    const p = createAccountWithToken(t.db, { name: 'CCAS de Marsillargues', role: 'partner', organisation: 'CCAS de Marsillargues' });
    const poll = (etag?: string) => fetch(base + AVAILABILITY, { headers: bearer(p.token, etag ? { 'if-none-match': etag } : {}) });
    const first = await poll();
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const early = app.notModified.answered;
    const seen: [number, string | null][] = [[first.status, first.headers.get('x-ratelimit-remaining')]];
    for (let i = 0; i < 4; i++) {
      const res = await poll(etag);
      seen.push([res.status, res.headers.get('x-ratelimit-remaining')]);
    }
    expect(seen).toEqual([
      [200, '4'],
      [304, '3'],
      [304, '2'],
      [304, '1'],
      [304, '0']
    ]);
    expect(app.notModified.answered - early).toBe(4);
    const sixth = await poll(etag);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await sixth.json()).code).toBe('rate_limited');
    // Refused, a poll is still refused: nothing is answered before the framework past the limit.
    expect((await poll(etag)).status).toBe(429);
    expect(app.notModified.answered - early).toBe(4);
  });

  it('a second token of the same organisation has its own count', async () => {
    expect.hasAssertions();
    const sameOrg = createAccountWithToken(t.db, { name: 'Gendarmerie, brigade 2', role: 'partner', organisation: 'Gendarmerie de Lunel' });
    expect((await get(sameOrg.token)).statusCode).toBe(200);
  });

  it.each([{ role: 'duty_officer' as const }, { role: 'admin' as const }, { role: 'housing_officer' as const }])('a $role token making 50 requests is never limited', async ({ role }) => {
    expect.hasAssertions();
    const statuses = new Set<number>();
    for (let i = 0; i < 50; i++) statuses.add((await get(acc[role].token)).statusCode);
    expect([...statuses]).toEqual([200]);
  });

  it('health stays public and unlimited', async () => {
    expect.hasAssertions();
    for (let i = 0; i < 10; i++) expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
