// GET /api/v1/availability carries an ETag that changes whenever the answer would change (a hold
// lapsing included) and answers 304 to a matching If-None-Match (docs/api.md, "Availability").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';

// 10:00 in Paris on 4 January 2027.
const NOW = Date.parse('2027-01-04T10:00:00+01:00');
const Q = '/api/v1/availability?from=2027-01-10&to=2027-01-20';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let unitId: string;

beforeAll(async () => {
  t = makeTestDb();
  acc = makeAccounts(t.db);
  unitId = makeUnit(t.db, acc.admin.actor, { name: 'T2', capacity: 3, programmes: ['emergency'] });
  app = await buildApp({ db: t.db });
  await app.ready();
});
beforeEach(() => setClock(NOW));
afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const get = (role: Role, ifNoneMatch?: string) => app.inject({ method: 'GET', url: Q, headers: bearer(acc[role].token, ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) });
const place = (start: string, end: string, status: 'hold' | 'confirmed') =>
  app.inject({ method: 'POST', url: '/api/v1/stays', headers: bearer(acc.duty_officer.token), payload: { unitId, start, end, programme: 'emergency', household: { label: 'Famille E', adults: 1, children: 0 }, status } });

describe('GET /api/v1/availability: ETag and 304', () => {
  it('answers 200 with an ETag and a Cache-Control header', async () => {
    expect.hasAssertions();
    const res = await get('duty_officer');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^(W\/)?"[^"]+"$/);
    expect(res.headers['cache-control']).toBeTruthy();
  });

  it('the same answer has the same ETag; a matching If-None-Match gets 304 with an empty body', async () => {
    expect.hasAssertions();
    const first = await get('duty_officer');
    const again = await get('duty_officer');
    expect(again.headers.etag).toBe(first.headers.etag);
    const notModified = await get('duty_officer', first.headers.etag as string);
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
  });

  it('a weak or listed validator matches too; a different one gets the full answer', async () => {
    expect.hasAssertions();
    const etag = (await get('duty_officer')).headers.etag as string;
    expect((await get('duty_officer', `W/${etag}`)).statusCode).toBe(304);
    expect((await get('duty_officer', `"something-else", ${etag}`)).statusCode).toBe(304);
    const other = await get('duty_officer', '"something-else"');
    expect(other.statusCode).toBe(200);
    expect(other.json().nights).toHaveLength(10);
  });

  it('after a new stay the old ETag no longer matches: 200 with a new ETag and the stay\'s nights taken', async () => {
    expect.hasAssertions();
    const before = await get('duty_officer');
    expect((await place('2027-01-11', '2027-01-13', 'confirmed')).statusCode).toBe(201);
    const after = await get('duty_officer', before.headers.etag as string);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).toBeTruthy();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().units[0].free).toContainEqual({ start: '2027-01-13', end: '2027-01-20' });
    expect((await get('duty_officer', after.headers.etag as string)).statusCode).toBe(304);
  });

  it('when a hold lapses (HOLD_MINUTES later) the ETag changes, and not a moment before', async () => {
    expect.hasAssertions();
    expect((await place('2027-01-15', '2027-01-17', 'hold')).statusCode).toBe(201);
    const held = await get('duty_officer');
    expect(held.json().nights.find((n: { date: string }) => n.date === '2027-01-15').freeUnits).toBe(0);
    const holdMs = settings.holdMinutes() * 60_000;

    setClock(NOW + holdMs - 1_000);
    expect((await get('duty_officer', held.headers.etag as string)).statusCode).toBe(304);

    setClock(NOW + holdMs);
    const lapsed = await get('duty_officer', held.headers.etag as string);
    expect(lapsed.statusCode).toBe(200);
    expect(lapsed.headers.etag).not.toBe(held.headers.etag);
    expect(lapsed.json().nights.find((n: { date: string }) => n.date === '2027-01-15').freeUnits).toBe(1);
  });

  it('a partner gets an ETag and 304 as well', async () => {
    expect.hasAssertions();
    const first = await get('partner');
    expect(first.statusCode).toBe(200);
    expect((await get('partner', first.headers.etag as string)).statusCode).toBe(304);
  });
});
