// "No request, however malformed, gets a 5xx. A failed request changes nothing it asked to change."
// (API.md, "Conventions"). Random junk at every route, as an admin (who may do everything, so the
// junk reaches the deepest checks): never a status >= 500, every error is problem+json, and the
// stays table is unchanged whenever the answer is 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { staysTable } from './_support.ts';

const NOW = Date.parse('2027-01-04T15:00:00+01:00');

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let unitIds: string[] = [];
let stayIds: string[] = [];
let siteId = '';

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  unitIds = [
    makeUnit(t.db, admin, { name: 'Apartment', capacity: 4, programmes: ['emergency', 'dv_protocol'] }),
    makeUnit(t.db, admin, { name: 'Residence', capacity: 2, programmes: ['social_residence', 'housing_mission'], siteKind: 'residence' }),
    makeUnit(t.db, admin, { name: 'Hotel', capacity: 3, programmes: ['emergency'], siteKind: 'hotel', confidential: true })
  ];
  siteId = (t.db.$client.prepare('SELECT site_id FROM units LIMIT 1').get() as { site_id: string }).site_id;
  for (const [i, status] of (['hold', 'confirmed'] as const).entries()) {
    stayIds.push(
      placeStay(t.db, admin, { unitId: unitIds[0], start: `2027-01-${10 + 5 * i}`, end: `2027-01-${13 + 5 * i}`, programme: 'emergency', household: { label: 'A', adults: 1, children: 0 }, status }).value.id
    );
  }
  app = await buildApp({ db: t.db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

// ---------------------------------------------------------------------------------------------
// Junk.

const hugeNumbers = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 31, 0.000001, -0, 1.5, 1e21);
const deep = fc.integer({ min: 50, max: 2000 }).map((n) => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: hugeNumbers },
  { weight: 1, arbitrary: fc.object({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, '', ' ', '__proto__', { __proto__: { polluted: 1 } }, { constructor: { prototype: { x: 1 } } }) }
);

const validDate = fc.date({ min: new Date('2026-06-01T00:00:00Z'), max: new Date('2028-06-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const weirdDate = fc.constantFrom('2027-02-30', '2027-02-29', '2028-02-29', '2027-13-01', '2027-00-10', '2027-01-00', '0000-01-01', '0000-01-02', '0050-03-01', '0099-12-31', '1899-12-31', '1900-01-01', '1969-12-31', '9999-12-31', '2027-1-1', '27-01-10', ' 2027-01-10', '2027-01-10 ', '2027-01-10T00:00:00Z', '٢٠٢٧-٠١-١٠', '');
const date = fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 3, arbitrary: weirdDate }, { weight: 1, arbitrary: junk });
const programme = fc.oneof(fc.constantFrom('emergency', 'dv_protocol', 'social_residence', 'housing_mission', 'EMERGENCY', 'shelter', ''), junk);
const smallInt = fc.oneof(fc.integer({ min: -2, max: 60 }), hugeNumbers, junk);
const id = () => fc.oneof(fc.constantFrom(...unitIds, ...stayIds, siteId), fc.string({ maxLength: 120 }), junk);
const household = fc.oneof(fc.record({ label: fc.oneof(fc.string({ maxLength: 10 }), junk), adults: smallInt, children: smallInt }, { requiredKeys: [] }), junk);

/** A body close to a valid one: any field may be missing, junk, or fine. */
const bodies: Record<string, () => fc.Arbitrary<unknown>> = {
  site: () => fc.record({ name: fc.oneof(fc.string(), junk), commune: fc.string(), confidential: fc.oneof(fc.boolean(), junk), address: fc.oneof(fc.string(), junk), kind: fc.oneof(fc.constantFrom('apartment', 'hotel', 'castle'), junk) }, { requiredKeys: [] }),
  unit: () =>
    fc.record(
      { siteId: id(), name: fc.oneof(fc.string(), junk), capacity: smallInt, programmes: fc.oneof(fc.array(programme, { maxLength: 5 }), junk), accessible: fc.oneof(fc.boolean(), junk), nightlyCost: fc.oneof(fc.double(), junk), typology: junk },
      { requiredKeys: [] }
    ),
  stay: () =>
    fc.record(
      { unitId: id(), start: date, end: date, programme, household, status: fc.oneof(fc.constantFrom('hold', 'confirmed', 'in_place', 'lapsed'), junk), referralId: id(), note: junk, overrideReason: fc.oneof(fc.string(), junk) },
      { requiredKeys: [] }
    ),
  patch: () => fc.record({ end: date, overrideReason: fc.oneof(fc.string(), junk), start: date }, { requiredKeys: [] }),
  block: () => fc.record({ unitId: id(), start: date, end: date, reason: fc.oneof(fc.string(), junk) }, { requiredKeys: [] }),
  suggest: () => fc.record({ start: date, end: date, persons: smallInt, programme, accessible: fc.oneof(fc.boolean(), junk), overrideReason: fc.oneof(fc.string(), junk) }, { requiredKeys: [] }),
  allocate: () =>
    fc.record(
      { start: date, end: date, persons: smallInt, programme, accessible: fc.oneof(fc.boolean(), junk), household, status: fc.oneof(fc.constantFrom('hold', 'confirmed'), junk), referralId: id(), overrideReason: fc.oneof(fc.string(), junk) },
      { requiredKeys: [] }
    ),
  none: () => junk
};

const queryValue = fc.oneof(date, programme, smallInt.map(String), fc.string({ maxLength: 30 }));
const queryKey = fc.oneof(fc.constantFrom('from', 'to', 'programme', 'persons', 'unitId', 'from[]', 'to[a]', '__proto__', 'constructor'), fc.string({ maxLength: 8 }));
/** A query string: key=value pairs (keys may repeat), or raw characters. */
const query = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => encodeURI(s)) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '&&&', '=', 'from=2027-01-10&to=2027-01-12&persons=1e400', 'from=2027-01-10&to=2027-01-12&persons=0x10', 'a[b][c]=d', 'from=%00&to=%FF') }
);

interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body: keyof typeof bodies;
}
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/health', body: 'none' },
  { method: 'POST', path: '/api/v1/sites', body: 'site' },
  { method: 'POST', path: '/api/v1/units', body: 'unit' },
  { method: 'GET', path: '/api/v1/units', body: 'none' },
  { method: 'POST', path: '/api/v1/stays', body: 'stay' },
  { method: 'GET', path: '/api/v1/stays', body: 'none' },
  { method: 'GET', path: '/api/v1/stays/:id', body: 'none' },
  { method: 'PATCH', path: '/api/v1/stays/:id', body: 'patch' },
  ...['confirm', 'check-in', 'check-out', 'cancel', 'no-show'].map((a) => ({ method: 'POST' as const, path: `/api/v1/stays/:id/${a}`, body: 'none' as const })),
  { method: 'POST', path: '/api/v1/blocks', body: 'block' },
  { method: 'GET', path: '/api/v1/availability', body: 'none' },
  { method: 'POST', path: '/api/v1/allocations/suggest', body: 'suggest' },
  { method: 'POST', path: '/api/v1/allocations', body: 'allocate' },
  { method: 'GET', path: '/api/openapi.json', body: 'none' }
];

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'application/xml', ''];

/** How the body travels: JSON of the value, a broken JSON text, raw junk text, or nothing. */
const encoding = fc.constantFrom('json', 'json', 'json', 'truncated', 'raw', 'absent');
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 250 });

export const request = fc
  .constantFrom(...ROUTES.map((_, i) => i))
  .chain((i) => {
    const route = ROUTES[i];
    return fc.record({
      route: fc.constant(route),
      // A request may keep the route's method or try another one on the same path.
      method: fc.oneof({ weight: 6, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE') }),
      pathId: id().map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined')),
      query: fc.option(query, { nil: undefined }),
      body: bodies[route.body](),
      encoding,
      contentType: fc.constantFrom(...CONTENT_TYPES),
      idempotencyKey: fc.option(headerText, { nil: undefined }),
      ifNoneMatch: fc.option(headerText, { nil: undefined })
    });
  });

type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

export function toInject(r: Request): InjectOptions {
  const path = r.route.path.replace(':id', encodeURIComponent(r.pathId).slice(0, 300) || 'x');
  const url = r.query === undefined ? path : `${path}?${r.query}`;
  const headers: Record<string, string> = { ...bearer(acc.admin.token) };
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
  if (r.ifNoneMatch !== undefined) headers['if-none-match'] = r.ifNoneMatch;
  const opts: InjectOptions = { method: r.method as InjectOptions['method'], url, headers };
  if (r.encoding !== 'absent' && r.method !== 'GET') {
    const json = JSON.stringify(r.body) ?? 'undefined';
    opts.payload = r.encoding === 'json' ? json : r.encoding === 'truncated' ? json.slice(0, Math.max(1, json.length - 2)) : typeof r.body === 'string' ? r.body : String(r.body);
  }
  return opts;
}

describe('no request, however malformed, gets a 5xx (API.md, "Conventions")', () => {
  it('random junk at every route, as an admin: never >= 500; a 4xx is problem+json and leaves the stays table as it was', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = staysTable(t.db);
        const opts = toInject(r);
        const res = await app.inject(opts);
        const seen = { method: opts.method, url: opts.url, status: res.statusCode, body: res.body.slice(0, 300) };
        expect(seen.status < 500 ? 'below 500' : seen).toBe('below 500');
        if (res.statusCode >= 400) {
          const contentType = String(res.headers['content-type']);
          expect(/^application\/problem\+json/.test(contentType) ? 'problem+json' : { ...seen, contentType }).toBe('problem+json');
          expect(staysTable(t.db) === before ? 'unchanged' : seen).toBe('unchanged');
        }
      }),
      { numRuns: 1500, interruptAfterTimeLimit: 15_000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) }
    );
  });

  it('a body over the size limit is a 4xx problem, and writes nothing', async () => {
    expect.hasAssertions();
    const before = staysTable(t.db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/stays',
      headers: bearer(acc.admin.token, { 'content-type': 'application/json' }),
      payload: JSON.stringify({ unitId: unitIds[0], start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: { label: 'A', adults: 1, children: 0 }, note: 'x'.repeat(400_000) })
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(staysTable(t.db)).toBe(before);
  });

  it('a body nested 10,000 levels deep is a 4xx, never a 5xx', async () => {
    expect.hasAssertions();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/allocations',
      headers: bearer(acc.admin.token, { 'content-type': 'application/json' }),
      payload: '['.repeat(10_000) + ']'.repeat(10_000)
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
