// The residence's contract routes over HTTP: every route × every caller (the residence officer
// included), the role checked before the body, bad input answered 4xx as problem+json with nothing
// changed, a retried payment recorded once, and a contract from its signing to its departure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { createContract } from '../../src/services/residence/contracts.ts';
import { placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { insertApplication, residenceTables } from '../support/residence.ts';
import { eachCase, expectProblem, headersFor, makeRevokedToken, send, staysTable, WHO, type Method, type Who } from './_support.ts';

// 15:00 in Paris on 4 January 2027: tonight's night and today are 2027-01-04.
const NOW = Date.parse('2027-01-04T15:00:00+01:00');

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let revoked: string;
let seq = 0;

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  revoked = makeRevokedToken(t.db);
  app = await buildApp({ db: t.db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const CALLERS: readonly Who[] = WHO;
const call = (who: Who, method: Method, url: string, payload?: unknown, extra: Record<string, string> = {}) => send(app, method, url, { ...headersFor(who, acc, revoked), ...extra }, payload);
const unit = (capacity = 2) => makeUnit(t.db, acc.admin.actor, { name: `R${++seq}`, capacity, siteKind: 'residence', programmes: ['social_residence'] });
const application = (over: Parameters<typeof insertApplication>[2] = {}) => insertApplication(t.db, acc.residence_officer.actor.accountId, over);
const contractBody = (over: Record<string, unknown> = {}) => ({ applicationId: application().id, unitId: unit(), start: '2027-01-10', rentCents: 40000, chargesCents: 5000, depositCents: 40000, aplCents: 20000, ...over });
/** A contract signed by the service, from 2027-01-10 on a unit of its own. */
const contractFx = () => createContract(t.db, acc.admin.actor, contractBody()).value.id;
const state = () => ({ stays: staysTable(t.db), residence: residenceTables(t.db) });

const WRITERS: readonly Role[] = ['admin', 'residence_officer'];
const READERS: readonly Role[] = ['admin', 'residence_officer', 'housing_officer', 'duty_officer'];
const BAD_JSON = '{"applicationId": "x", "start": 2027-01-10';

interface RouteSpec {
  name: string;
  method: Method;
  allowed: readonly Role[];
  ok: number;
  make: () => { url: string; payload?: unknown };
  junk: () => { url: string; payload?: unknown };
}

const ROUTES: RouteSpec[] = [
  { name: 'POST /api/v1/residence/contracts', method: 'POST', allowed: WRITERS, ok: 201, make: () => ({ url: '/api/v1/residence/contracts', payload: contractBody() }), junk: () => ({ url: '/api/v1/residence/contracts', payload: BAD_JSON }) },
  { name: 'GET /api/v1/residence/contracts/:id', method: 'GET', allowed: READERS, ok: 200, make: () => ({ url: `/api/v1/residence/contracts/${contractFx()}` }), junk: () => ({ url: '/api/v1/residence/contracts/no-such?x=%ZZ' }) },
  {
    name: 'POST /api/v1/residence/contracts/:id/amendments',
    method: 'POST',
    allowed: WRITERS,
    ok: 201,
    make: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/amendments`, payload: { from: '2027-07-01', rentCents: 41000 } }),
    junk: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/amendments`, payload: { from: 20270701, rentCents: 'more' } })
  },
  {
    name: 'GET /api/v1/residence/contracts/:id/statement',
    method: 'GET',
    allowed: READERS,
    ok: 200,
    make: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/statement?month=2027-01` }),
    junk: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/statement?month=2027-13` })
  },
  {
    name: 'POST /api/v1/residence/contracts/:id/payments',
    method: 'POST',
    allowed: WRITERS,
    ok: 201,
    make: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/payments`, payload: { date: '2027-01-04', amountCents: 25000, means: 'transfer' } }),
    junk: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/payments`, payload: { date: 'today', amountCents: '250', means: 'bitcoin' } })
  },
  {
    name: 'POST /api/v1/residence/contracts/:id/departure',
    method: 'POST',
    allowed: WRITERS,
    ok: 200,
    make: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/departure`, payload: { date: '2027-03-01', destination: 'social_housing' } }),
    junk: () => ({ url: `/api/v1/residence/contracts/${contractFx()}/departure`, payload: { date: '2027-03-01', destination: 'the moon' } })
  }
];

function expected(route: RouteSpec, who: Who): number {
  if (who === 'none' || who === 'unknown' || who === 'revoked') return 401;
  return route.allowed.includes(who) ? route.ok : 403;
}

describe('the residence contract routes × every caller', () => {
  eachCase(
    ROUTES.flatMap((route) => CALLERS.map((who) => ({ route, who, status: expected(route, who), label: `${route.name} as ${who} → ${expected(route, who)}` }))),
    (c) => c.label,
    async ({ route, who, status }) => {
      expect.hasAssertions();
      const req = route.make();
      const before = state();
      const res = await call(who, route.method, req.url, req.payload);
      if (status === 401) expectProblem(res, 401, 'unauthorized');
      else if (status === 403) expectProblem(res, 403, 'forbidden');
      else expect({ status: res.statusCode, body: res.statusCode >= 400 ? res.body : '' }).toEqual({ status, body: '' });
      if (status === 401 || status === 403) expect(state()).toEqual(before);
    }
  );

  eachCase(
    ROUTES.flatMap((route) => (['duty_officer', 'housing_officer', 'partner'] as const).filter((r) => !route.allowed.includes(r)).map((role) => ({ route, role, label: `${route.name}: a ${role} sending junk gets 403, not 400` }))),
    (c) => c.label,
    async ({ route, role }) => {
      expect.hasAssertions();
      const req = route.junk();
      expectProblem(await call(role, route.method, req.url, req.payload), 403, 'forbidden');
    }
  );

  eachCase(
    ROUTES.map((route) => ({ route, label: `${route.name}: junk from a residence officer is 400, nothing changed` })),
    (c) => c.label,
    async ({ route }) => {
      expect.hasAssertions();
      const req = route.junk();
      const before = state();
      const res = await call('residence_officer', route.method, req.url, req.payload);
      expect(res.statusCode === 400 || res.statusCode === 404, res.body).toBe(true);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(state()).toEqual(before);
    }
  );
});

describe('bad input: 4xx with a clear problem, and nothing changed', () => {
  it('a contract whose nights overlap a stay: 409 overlap with the conflicting range', async () => {
    expect.hasAssertions();
    const unitId = unit();
    placeStay(t.db, acc.admin.actor, { unitId, start: '2027-05-01', end: '2027-05-03', programme: 'social_residence', household: { label: 'Famille Voisine', adults: 1, children: 0 } });
    const payload = contractBody({ unitId });
    const before = state();
    const res = await call('residence_officer', 'POST', '/api/v1/residence/contracts', payload, { 'idempotency-key': 'overlap-1' });
    const problem = expectProblem(res, 409, 'overlap');
    expect(problem.conflicts).toEqual([{ start: '2027-05-01', end: '2027-05-03', kind: 'stay' }]);
    expect(state()).toEqual(before);
  });

  it.each([
    { rule: 'an application that is only on the waiting list', over: () => ({ applicationId: application({ status: 'waiting_list' }).id }), status: 409, code: 'invalid_transition' },
    { rule: "a start before tonight's night", over: () => ({ start: '2027-01-03' }), status: 422, code: 'validation' },
    { rule: 'an impossible start', over: () => ({ start: '2027-02-30' }), status: 422, code: 'validation' },
    { rule: 'a negative rent', over: () => ({ rentCents: -1 }), status: 400, code: 'validation' },
    { rule: 'a fractional deposit', over: () => ({ depositCents: 10.5 }), status: 400, code: 'validation' },
    { rule: 'no such application', over: () => ({ applicationId: 'nothing' }), status: 404, code: 'not_found' }
  ] as const)('signing with $rule → $status $code', async ({ over, status, code }) => {
    expect.hasAssertions();
    const payload = contractBody(over());
    const before = state();
    expectProblem(await call('residence_officer', 'POST', '/api/v1/residence/contracts', payload), status, code);
    expect(state()).toEqual(before);
  });

  it.each([
    { rule: 'notice by the residence without a reason', payload: { date: '2027-03-01', destination: 'street', by: 'residence', noticeGivenOn: '2027-01-04' }, status: 422 },
    { rule: "a date after the stay's end", payload: { date: '2028-01-01', destination: 'unknown' }, status: 422 },
    { rule: 'a date before the start', payload: { date: '2027-01-05', destination: 'unknown' }, status: 422 },
    { rule: 'a destination outside the list', payload: { date: '2027-03-01', destination: 'abroad' }, status: 400 },
    { rule: 'no destination', payload: { date: '2027-03-01' }, status: 400 }
  ])('a departure with $rule → $status', async ({ payload, status }) => {
    expect.hasAssertions();
    const id = contractFx();
    const before = state();
    expectProblem(await call('residence_officer', 'POST', `/api/v1/residence/contracts/${id}/departure`, payload), status, 'validation');
    expect(state()).toEqual(before);
  });

  it.each([
    { rule: 'a reversal without its reason', payload: { date: '2027-01-04', amountCents: -25000, means: 'cheque' }, status: 422 },
    { rule: 'a date to come', payload: { date: '2027-01-05', amountCents: 25000, means: 'cheque' }, status: 422 },
    { rule: 'an unknown means', payload: { date: '2027-01-04', amountCents: 25000, means: 'barter' }, status: 400 },
    { rule: 'an amount in euros as text', payload: { date: '2027-01-04', amountCents: '250,00', means: 'cash' }, status: 400 }
  ])('a payment with $rule → $status', async ({ payload, status }) => {
    expect.hasAssertions();
    const id = contractFx();
    const before = state();
    expectProblem(await call('residence_officer', 'POST', `/api/v1/residence/contracts/${id}/payments`, payload, { 'idempotency-key': `bad-${++seq}` }), status, 'validation');
    expect(state()).toEqual(before);
  });

  it('a statement of no such contract is 404; of a month that is not one, 400', async () => {
    expect.hasAssertions();
    expectProblem(await call('duty_officer', 'GET', '/api/v1/residence/contracts/nothing/statement?month=2027-01'), 404, 'not_found');
    const id = contractFx();
    for (const month of ['2027-13', '2027-1', 'janvier', '']) expectProblem(await call('duty_officer', 'GET', `/api/v1/residence/contracts/${id}/statement?month=${month}`), 400, 'validation');
    expectProblem(await call('duty_officer', 'GET', `/api/v1/residence/contracts/${id}/statement`), 400, 'validation');
  });
});

describe('a contract from its signing to its departure', () => {
  it('signs, states, takes a payment once under a retried key, a reversal, and ends, freeing the unit from the departure', async () => {
    expect.hasAssertions();
    const unitId = unit();
    const app1 = application();
    const signed = await call('residence_officer', 'POST', '/api/v1/residence/contracts', { applicationId: app1.id, unitId, start: '2027-01-16', rentCents: 40000, chargesCents: 5000, depositCents: 40000, aplCents: 20000 });
    expect(signed.statusCode, signed.body).toBe(201);
    const c = signed.json() as { id: string; stayId: string; status: string; end: null; householdId: string };
    expect(c).toMatchObject({ applicationId: app1.id, householdId: app1.householdId, unitId, start: '2027-01-16', end: null, status: 'active', rentCents: 40000, chargesCents: 5000, aplCents: 20000, depositCents: 40000 });
    const stay = await call('residence_officer', 'GET', `/api/v1/stays/${c.stayId}`);
    expect(stay.json()).toMatchObject({ programme: 'social_residence', start: '2027-01-16', end: '2027-08-16', status: 'confirmed' });

    // January: 16 nights of 31: 45 000 × 16 ÷ 31 = 23 225.8 → 23 226; 20 000 × 16 ÷ 31 = 10 322.6 → 10 323.
    const jan = await call('housing_officer', 'GET', `/api/v1/residence/contracts/${c.id}/statement?month=2027-01`);
    expect(jan.json()).toEqual({ month: '2027-01', nights: 16, dueCents: 23226, aplCents: 10323, paidCents: 0, balanceCents: 12903 });

    const pay = { date: '2027-01-04', amountCents: 12903, means: 'cheque' };
    const first = await call('residence_officer', 'POST', `/api/v1/residence/contracts/${c.id}/payments`, pay, { 'idempotency-key': 'cheque-janvier' });
    const retry = await call('residence_officer', 'POST', `/api/v1/residence/contracts/${c.id}/payments`, pay, { 'idempotency-key': 'cheque-janvier' });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json()).toEqual(first.json());
    expect(t.db.$client.prepare('SELECT count(*) FROM residence_payments WHERE contract_id = ?').pluck().get(c.id)).toBe(1);
    expect((await call('admin', 'GET', `/api/v1/residence/contracts/${c.id}/statement?month=2027-01`)).json()).toMatchObject({ paidCents: 12903, balanceCents: 0 });

    const bounced = await call('residence_officer', 'POST', `/api/v1/residence/contracts/${c.id}/payments`, { date: '2027-01-04', amountCents: -12903, means: 'cheque', reason: 'chèque sans provision' });
    expect(bounced.json()).toMatchObject({ amountCents: -12903, reason: 'chèque sans provision' });
    expect((await call('admin', 'GET', `/api/v1/residence/contracts/${c.id}/statement?month=2027-01`)).json()).toMatchObject({ paidCents: 0, balanceCents: 12903 });

    const amended = await call('residence_officer', 'POST', `/api/v1/residence/contracts/${c.id}/amendments`, { from: '2027-02-01', aplCents: 25000 });
    expect(amended.statusCode).toBe(201);
    expect((await call('admin', 'GET', `/api/v1/residence/contracts/${c.id}/statement?month=2027-02`)).json()).toEqual({ month: '2027-02', nights: 28, dueCents: 45000, aplCents: 25000, paidCents: 0, balanceCents: 32903 });

    const left = await call('residence_officer', 'POST', `/api/v1/residence/contracts/${c.id}/departure`, { date: '2027-03-15', destination: 'private_rental', noticeGivenOn: '2027-03-01', by: 'resident' });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ status: 'ended', end: '2027-03-15', departure: { destination: 'private_rental', by: 'resident' } });
    expect((await call('residence_officer', 'GET', `/api/v1/stays/${c.stayId}`)).json()).toMatchObject({ end: '2027-03-15' });
    const free = await call('residence_officer', 'GET', `/api/v1/availability?from=2027-03-10&to=2027-03-20&programme=social_residence`);
    expect((free.json() as { units: { unitId: string; free: unknown }[] }).units.find((u) => u.unitId === unitId)?.free).toEqual([{ start: '2027-03-15', end: '2027-03-20' }]);
    const again = await call('residence_officer', 'POST', `/api/v1/residence/contracts/${c.id}/departure`, { date: '2027-03-10', destination: 'unknown' });
    expectProblem(again, 409, 'invalid_transition');
  });
});
