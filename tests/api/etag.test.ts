// GET /api/v1/availability carries an ETag that changes whenever the answer would change (a hold
// lapsing included) and answers 304 to a matching If-None-Match (docs/api.md, "Availability").
// Every case runs twice: through app.inject (Fastify's route answers) and over real HTTP, where a
// matching poll is answered 304 before the framework (src/http/not-modified.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { openDatabase } from '../../db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { plainAvailabilityQuery } from '../../src/http/not-modified.ts';
import { availabilityQuery } from '../../src/schemas/allocation.ts';
import { availabilityKey } from '../../src/services/availability.ts';
import { setClock } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import { placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { expectProblem, makeRevokedToken } from './_support.ts';

// 10:00 in Paris on 4 January 2027.
const NOW = Date.parse('2027-01-04T10:00:00+01:00');
const Q = '/api/v1/availability?from=2027-01-10&to=2027-01-20';

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json: () => { units: { free: { start: string; end: string }[] }[]; nights: { date: string; freeUnits: number }[] };
}

describe.each(['inject', 'http'] as const)('GET /api/v1/availability: ETag and 304 (%s)', (transport) => {
  let t: TestDb;
  let app: FastifyInstance;
  let acc: Record<Role, RoleToken>;
  let unitId: string;
  let base = '';

  beforeAll(async () => {
    t = makeTestDb();
    acc = makeAccounts(t.db);
    unitId = makeUnit(t.db, acc.admin.actor, { name: 'T2', capacity: 3, programmes: ['emergency'] });
    app = await buildApp({ db: t.db });
    await app.ready();
    if (transport === 'http') {
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    }
  });
  beforeEach(() => setClock(NOW));
  afterAll(async () => {
    await app?.close();
    t?.cleanup();
    setClock(null);
  });

  /** A GET through the transport under test. */
  const getAs = async (headers: Record<string, string>, url = Q): Promise<Answer> => {
    if (transport === 'inject') {
      const res = await app.inject({ method: 'GET', url, headers });
      return { statusCode: res.statusCode, headers: res.headers as Record<string, string>, body: res.body, json: () => res.json() };
    }
    const res = await fetch(base + url, { headers });
    const body = await res.text();
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body, json: () => JSON.parse(body) };
  };
  const get = (role: Role, ifNoneMatch?: string) => getAs(bearer(acc[role].token, ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}));
  const staff = (method: 'POST' | 'PATCH', url: string, payload: object) => app.inject({ method, url, headers: bearer(acc.duty_officer.token), payload });
  const place = (start: string, end: string, status: 'hold' | 'confirmed') =>
    staff('POST', '/api/v1/stays', { unitId, start, end, programme: 'emergency', household: { label: 'Famille E', adults: 1, children: 0 }, status });
  /** The 304s answered before the framework: over HTTP, every matching poll of these tests. */
  const early = () => app.notModified.answered;

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
    const before = early();
    const notModified = await get('duty_officer', first.headers.etag);
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(first.headers.etag);
    // Over HTTP the poll never reached the route; app.inject always goes through it.
    expect(early() - before).toBe(transport === 'http' ? 1 : 0);
  });

  it('a weak or listed validator matches too; a different one gets the full answer', async () => {
    expect.hasAssertions();
    const etag = (await get('duty_officer')).headers.etag;
    expect((await get('duty_officer', `W/${etag}`)).statusCode).toBe(304);
    expect((await get('duty_officer', `"something-else", ${etag}`)).statusCode).toBe(304);
    const other = await get('duty_officer', '"something-else"');
    expect(other.statusCode).toBe(200);
    expect(other.json().nights).toHaveLength(10);
  });

  it("after a new stay the old ETag no longer matches: 200 with a new ETag and the stay's nights taken", async () => {
    expect.hasAssertions();
    const before = await get('duty_officer');
    expect((await place('2027-01-11', '2027-01-13', 'confirmed')).statusCode).toBe(201);
    const after = await get('duty_officer', before.headers.etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).toBeTruthy();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().units[0].free).toContainEqual({ start: '2027-01-13', end: '2027-01-20' });
    expect((await get('duty_officer', after.headers.etag)).statusCode).toBe(304);
  });

  it('when a hold lapses (HOLD_MINUTES later) the ETag changes, and not a moment before', async () => {
    expect.hasAssertions();
    expect((await place('2027-01-15', '2027-01-17', 'hold')).statusCode).toBe(201);
    const held = await get('duty_officer');
    expect(held.json().nights.find((n) => n.date === '2027-01-15')!.freeUnits).toBe(0);
    const holdMs = settings.holdMinutes() * 60_000;

    setClock(NOW + holdMs - 1_000);
    expect((await get('duty_officer', held.headers.etag)).statusCode).toBe(304);

    setClock(NOW + holdMs);
    const lapsed = await get('duty_officer', held.headers.etag);
    expect(lapsed.statusCode).toBe(200);
    expect(lapsed.headers.etag).not.toBe(held.headers.etag);
    expect(lapsed.json().nights.find((n) => n.date === '2027-01-15')!.freeUnits).toBe(1);
  });

  it('a cancelled stay gives its nights back: the old ETag no longer matches', async () => {
    expect.hasAssertions();
    const placed = await place('2027-01-18', '2027-01-19', 'confirmed');
    expect(placed.statusCode).toBe(201);
    const taken = await get('partner');
    expect(taken.json().nights.find((n) => n.date === '2027-01-18')!.freeUnits).toBe(0);
    expect((await get('partner', taken.headers.etag)).statusCode).toBe(304);
    expect((await staff('POST', `/api/v1/stays/${placed.json().id}/cancel`, {})).statusCode).toBe(200);
    const freed = await get('partner', taken.headers.etag);
    expect(freed.statusCode).toBe(200);
    expect(freed.json().nights.find((n) => n.date === '2027-01-18')!.freeUnits).toBe(1);
  });

  it('a block takes its nights: the old ETag no longer matches', async () => {
    expect.hasAssertions();
    const open = await get('partner');
    expect((await get('partner', open.headers.etag)).statusCode).toBe(304);
    expect((await staff('POST', '/api/v1/blocks', { unitId, start: '2027-01-19', end: '2027-01-20', reason: 'dégât des eaux' })).statusCode).toBe(201);
    const blocked = await get('partner', open.headers.etag);
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json().nights.find((n) => n.date === '2027-01-19')!.freeUnits).toBe(0);
  });

  it('a commit by another connection (the CLI, another process) ends the 304s', async () => {
    expect.hasAssertions();
    const unit2 = makeUnit(t.db, acc.admin.actor, { name: 'T3', capacity: 2, programmes: ['emergency'] });
    const first = await get('partner');
    expect((await get('partner', first.headers.etag)).statusCode).toBe(304);
    const other = openDatabase(t.path);
    try {
      placeStay(other, acc.admin.actor, { unitId: unit2, start: '2027-01-10', end: '2027-01-20', programme: 'emergency', household: { label: 'Famille F', adults: 1, children: 0 } });
    } finally {
      other.$client.close();
    }
    const after = await get('partner', first.headers.etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('a partner gets an ETag and 304 as well', async () => {
    expect.hasAssertions();
    const first = await get('partner');
    expect(first.statusCode).toBe(200);
    expect((await get('partner', first.headers.etag)).statusCode).toBe(304);
  });

  it("staff's ETag is not a partner's: each gets 200 with the other's", async () => {
    expect.hasAssertions();
    makeUnit(t.db, acc.admin.actor, { name: 'Secret', capacity: 2, programmes: ['emergency'], confidential: true });
    const partner = await get('partner');
    const duty = await get('duty_officer');
    expect(partner.headers.etag).not.toBe(duty.headers.etag);
    expect((await get('partner', duty.headers.etag)).statusCode).toBe(200);
    expect((await get('duty_officer', partner.headers.etag)).statusCode).toBe(200);
  });

  it.each([
    { who: 'no token', headers: (): Record<string, string> => ({}) },
    { who: 'an unknown token', headers: () => bearer('heb_nobodyissuedthistokennobodyissuedthistoken01') },
    { who: 'a revoked token', headers: () => bearer(makeRevokedToken(t.db)) },
    { who: 'a malformed Authorization', headers: () => ({ authorization: 'Basic dXNlcjpwYXNz' }) }
  ])('a current ETag with $who is 401, never 304', async ({ headers }) => {
    expect.hasAssertions();
    const sent = headers();
    const etag = (await get('partner')).headers.etag;
    expect((await get('partner', etag)).statusCode).toBe(304);
    const before = early();
    const res = await getAs({ ...sent, 'if-none-match': etag });
    expectProblem({ statusCode: res.statusCode, headers: res.headers, body: res.body }, 401, 'unauthorized');
    expect(early()).toBe(before);
  });
});

describe('a 304 answered before the framework is the route\'s 304', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let acc: Record<Role, RoleToken>;
  let base = '';

  beforeAll(async () => {
    t = makeTestDb();
    acc = makeAccounts(t.db);
    makeUnit(t.db, acc.admin.actor, { name: 'T2', capacity: 3, programmes: ['emergency'] });
    app = await buildApp({ db: t.db });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  beforeEach(() => setClock(NOW));
  afterAll(async () => {
    await app?.close();
    t?.cleanup();
    setClock(null);
  });

  // Headers that differ between any two answers, or that only the transport sets.
  const comparable = (h: Record<string, unknown>) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) if (!['date', 'connection', 'keep-alive', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'content-length'].includes(k)) out[k] = String(v);
    return out;
  };

  it.each(['partner', 'duty_officer'] as const)('the same headers (security headers, Cache-Control, Vary, ETag, the limit) for a %s', async (role) => {
    expect.hasAssertions();
    const etag = (await app.inject({ method: 'GET', url: Q, headers: bearer(acc[role].token) })).headers.etag as string;
    const routed = await app.inject({ method: 'GET', url: Q, headers: bearer(acc[role].token, { 'if-none-match': etag }) });
    const before = app.notModified.answered;
    const early = await fetch(base + Q, { headers: bearer(acc[role].token, { 'if-none-match': etag }) });
    expect(app.notModified.answered).toBe(before + 1);
    expect(routed.statusCode).toBe(304);
    expect(early.status).toBe(304);
    expect(comparable(Object.fromEntries(early.headers))).toEqual(comparable(routed.headers));
    expect(early.headers.get('x-content-type-options')).toBe('nosniff');
    if (role === 'partner') expect(Number(early.headers.get('x-ratelimit-remaining'))).toBe(Number(routed.headers['x-ratelimit-remaining']) - 1);
  });

  it.each([
    ['the parameters in another order', '/api/v1/availability?to=2027-01-20&from=2027-01-10'],
    ['an encoded date', '/api/v1/availability?from=2027-01-10&to=2027%2D01%2D20'],
    ['a parameter the route ignores', '/api/v1/availability?from=2027-01-10&to=2027-01-20&x=1'],
    ['a trailing &', '/api/v1/availability?from=2027-01-10&to=2027-01-20&'],
    ['a trailing slash', '/api/v1/availability/?from=2027-01-10&to=2027-01-20']
  ])('%s: the route answers as it always did', async (_what, url) => {
    expect.hasAssertions();
    const routed = await app.inject({ method: 'GET', url, headers: bearer(acc.partner.token) });
    const etag = routed.headers.etag as string | undefined;
    const res = await fetch(base + url, { headers: bearer(acc.partner.token, etag ? { 'if-none-match': etag } : {}) });
    expect(res.status).toBe(etag ? 304 : routed.statusCode);
  });

  it('a query the route refuses is refused with a matching-looking ETag too', async () => {
    expect.hasAssertions();
    const etag = (await app.inject({ method: 'GET', url: Q, headers: bearer(acc.partner.token) })).headers.etag as string;
    const res = await fetch(`${base}/api/v1/availability?from=2027-01-20&to=2027-01-10`, { headers: bearer(acc.partner.token, { 'if-none-match': etag }) });
    expect(res.status).toBe(422);
  });
});

describe('the one spelling of a query answered before the framework', () => {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('from=2027-01-10', 'to=2027-01-20') },
    fc.constantFrom('from=2027-02-30', 'to=2027%2D01%2D20', 'programme=emergency', 'programme=dv_protocol', 'programme=other'),
    fc.constantFrom('persons=1', 'persons=02', 'persons=50', 'persons=51', 'persons=999', 'persons=0', 'persons=', 'persons=1e1', 'x=1', '', 'from', 'from=', 'to=2027-1-20'),
    fc.tuple(fc.constantFrom('from', 'to', 'programme', 'persons'), fc.string({ maxLength: 12 })).map(([k, v]) => `${k}=${v}`)
  );

  it('whatever it accepts, the route reads the same query (so the same kept answer) from it', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const search = parts.join('&');
        const plain = plainAvailabilityQuery(search);
        if (plain === null) return;
        const routed = availabilityQuery.safeParse(Object.fromEntries(new URLSearchParams(search)));
        expect(routed.success).toBe(true);
        expect(availabilityKey(false, plain)).toBe(availabilityKey(false, routed.data!));
        // Each parameter at most once: a repeated one is left to the route.
        expect(new Set(parts.map((p) => p.split('=', 1)[0])).size).toBe(parts.length);
      }),
      { numRuns: 2000 }
    );
  });

  it.each([
    ['from=2027-01-10&to=2027-01-20', { from: '2027-01-10', to: '2027-01-20' }],
    ['to=2027-01-20&from=2027-01-10&programme=emergency&persons=3', { from: '2027-01-10', to: '2027-01-20', programme: 'emergency', persons: 3 }],
    ['from=2027-01-10', null],
    ['from=2027-01-10&to=2027-01-20&from=2027-01-11', null],
    ['from=2027-01-10&to=2027-01-20&persons=03', null],
    ['from=2027-01-10&to=2027-01-20&persons=0', null],
    ['from=2027-01-10&to=2027-01-20&persons=51', null],
    ['from=2027-01-10&to=2027-01-20&programme=Emergency', null],
    ['from=2027-01-10&to=2027%2D01%2D20', null],
    ['from=2027-01-10&to=2027-01-20&', null],
    ['from=2027-01-10&to=2027-01-20&accessible=1', null]
  ])('%s → %j', (search, expected) => {
    const q = plainAvailabilityQuery(search);
    expect(q === null ? null : JSON.parse(JSON.stringify(q))).toEqual(expected);
  });
});
