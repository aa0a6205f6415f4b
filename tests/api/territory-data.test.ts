// The data the reports rely on, over the JSON API: the commune of origin on stays, allocations,
// referrals and residence applications (a code that is no commune of the territory is 422, a
// malformed one 400, nothing changed either way), the ALT flag of a unit (PATCH /units/:id), and
// what partners read back (no origin, no ALT flag).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/domain/programmes.ts';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { expectProblem, send, snapshot, type Method } from './_support.ts';

const NOW = Date.parse('2027-01-04T15:00:00+01:00');
const TONIGHT = '2027-01-04';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  app = await buildApp({ db: t.db });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const call = (role: Role, method: Method, url: string, payload?: unknown) => send(app, method, url, { authorization: `Bearer ${acc[role].token}` }, payload);
let seq = 0;
const unit = () => makeUnit(t.db, acc.admin.actor, { name: `u${++seq}`, programmes: ['emergency'], capacity: 4 });
const day = (n: number) => new Date(Date.parse(`${TONIGHT}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Each route that takes a commune of origin, with a body carrying `origin` (left out when undefined). */
const ROUTES: { name: string; role: Role; url: string; body: (origin: unknown) => Record<string, unknown>; path: string }[] = [
  {
    name: 'POST /api/v1/stays',
    role: 'duty_officer',
    url: '/api/v1/stays',
    path: 'household.originCommune',
    body: (origin) => ({ unitId: unit(), start: TONIGHT, end: day(2), programme: 'emergency', household: { label: `Famille ${++seq}`, adults: 1, children: 0, ...(origin !== undefined && { originCommune: origin }) } })
  },
  {
    name: 'POST /api/v1/allocations',
    role: 'duty_officer',
    url: '/api/v1/allocations',
    path: 'household.originCommune',
    body: (origin) => {
      const start = day(10 + (++seq % 300));
      unit();
      return { start, end: day(11 + (seq % 300)), persons: 1, programme: 'emergency', household: { label: `Famille ${seq}`, adults: 1, children: 0, ...(origin !== undefined && { originCommune: origin }) } };
    }
  },
  {
    name: 'POST /api/v1/referrals (partner)',
    role: 'partner',
    url: '/api/v1/referrals',
    path: 'originCommune',
    body: (origin) => ({ programme: 'emergency', urgency: 'immediate', requestedStart: TONIGHT, nights: 2, household: { adults: 1, children: 0 }, referrer: { contact: 'Adjudant Martin', phone: '04 67 00 00 17' }, ...(origin !== undefined && { originCommune: origin }) })
  },
  {
    name: 'POST /api/v1/residence/applications',
    role: 'residence_officer',
    url: '/api/v1/residence/applications',
    path: 'originCommune',
    body: (origin) => ({ household: { label: `M. ${++seq}`, adults: 1, children: 0 }, monthlyIncomeCents: 90_000, public: 'other', referrer: { contact: 'Mme Roux', phone: '04 67 00 00 00' }, ...(origin !== undefined && { originCommune: origin }) })
  }
];

describe('the commune of origin over the API', () => {
  it.each(ROUTES)('$name: a commune of the territory, outside, null or nothing is 201', async (r) => {
    expect.hasAssertions();
    for (const origin of ['34145', 'outside', null, undefined]) {
      const res = await call(r.role, 'POST', r.url, r.body(origin));
      expect(res.statusCode, `${String(origin)}: ${res.body}`).toBe(201);
    }
  });

  it.each(ROUTES)('$name: a code that is no commune of the territory is 422 naming the field; a malformed one 400; nothing changes', async (r) => {
    expect.hasAssertions();
    for (const [origin, status] of [
      ['34172', 422], // Montpellier: a commune, not of the territory
      ['99999', 422],
      ['Lunel', 400],
      ['', 400],
      [34145, 400]
    ] as const) {
      const body = r.body(origin);
      const before = snapshot(t.db);
      const res = await call(r.role, 'POST', r.url, body);
      expectProblem(res, status, 'validation');
      if (status === 422) {
        expect(res.json().errors).toEqual([{ path: r.path, message: 'unknown_commune' }]);
        expect(res.json().detail).toContain(String(origin));
      }
      expect(snapshot(t.db), `${String(origin)} changed something`).toEqual(before);
    }
  });

  it('staff read a referral’s commune of origin; its partner does not', async () => {
    expect.hasAssertions();
    const created = await call('partner', 'POST', '/api/v1/referrals', ROUTES[2].body('34151'));
    const id = created.json().id as string;
    expect((await call('duty_officer', 'GET', `/api/v1/referrals/${id}`)).json().originCommune).toBe('34151');
    expect((await call('partner', 'GET', `/api/v1/referrals/${id}`)).json()).not.toHaveProperty('originCommune');
    const list = (await call('partner', 'GET', '/api/v1/referrals')).json().referrals as Record<string, unknown>[];
    expect(list.every((x) => !('originCommune' in x))).toBe(true);
  });
});

describe('the ALT flag of a unit over the API', () => {
  it('POST /units with alt, then PATCH /units/:id: the flag and its dated periods follow; staff read it, partners do not', async () => {
    expect.hasAssertions();
    const site = (await call('admin', 'POST', '/api/v1/sites', { name: `Site ${++seq}`, commune: 'Lunel', confidential: false, address: '1 rue' })).json().id as string;
    const created = await call('admin', 'POST', '/api/v1/units', { siteId: site, name: 'T2 ALT', capacity: 2, programmes: ['emergency'], alt: true });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().alt).toBe(true);
    const periods = () => t.db.$client.prepare("SELECT start_date AS start, end_date AS end FROM unit_periods WHERE unit_id = ? AND kind = 'alt'").all(id);
    expect(periods()).toEqual([{ start: TONIGHT, end: null }]);
    setClock(Date.parse('2027-02-10T15:00:00+01:00'));
    try {
      const off = await call('admin', 'PATCH', `/api/v1/units/${id}`, { alt: false });
      expect({ status: off.statusCode, body: off.json() }).toEqual({ status: 200, body: { id, alt: false } });
      expect(periods()).toEqual([{ start: TONIGHT, end: '2027-02-10' }]);
    } finally {
      setClock(NOW);
    }
    const units = (await call('duty_officer', 'GET', '/api/v1/units')).json().units as { id: string; alt?: boolean }[];
    expect(units.find((u) => u.id === id)?.alt).toBe(false);
    const seen = (await call('partner', 'GET', '/api/v1/units')).json().units as Record<string, unknown>[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((u) => !('alt' in u))).toBe(true);
  });

  it('PATCH /units/:id: an unknown unit is 404, a malformed body 400, a non-admin 403; nothing changes', async () => {
    expect.hasAssertions();
    const id = unit();
    const before = snapshot(t.db);
    expectProblem(await call('admin', 'PATCH', '/api/v1/units/nope', { alt: true }), 404, 'not_found');
    expectProblem(await call('admin', 'PATCH', `/api/v1/units/${id}`, { alt: 'yes' }), 400, 'validation');
    expectProblem(await call('admin', 'PATCH', `/api/v1/units/${id}`, {}), 400, 'validation');
    expectProblem(await call('duty_officer', 'PATCH', `/api/v1/units/${id}`, { alt: true }), 403, 'forbidden');
    expect(snapshot(t.db)).toEqual(before);
  });
});
