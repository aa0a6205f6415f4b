// Only those who decide referrals can close one, over HTTP: POST /api/v1/stays, /api/v1/allocations
// and /api/v1/protocol/placements with a referralId are 403 for a role that does not decide
// referrals and 422 under a programme the referral does not allow; the referral stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Programme, Role } from '../../src/domain/programmes.ts';
import { setClock } from '../../src/services/clock.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, startServer, type TestServer } from '../support/fixtures.ts';
import { expectProblem } from './_support.ts';

let t: ReturnType<typeof makeTestDb>;
let server: TestServer;
let tokens: ReturnType<typeof makeAccounts>;
let flat: string;
let residence: string;
let hotel: string;

beforeAll(async () => {
  setClock(Date.parse('2027-03-01T14:00:00+01:00'));
  t = makeTestDb();
  tokens = makeAccounts(t.db);
  const admin = tokens.admin.actor;
  flat = makeUnit(t.db, admin, { name: 'Saussines', capacity: 4, programmes: ['emergency', 'dv_protocol'] });
  residence = makeUnit(t.db, admin, { name: 'Résidence 12', capacity: 4, siteKind: 'residence', programmes: ['social_residence'] });
  hotel = makeUnit(t.db, admin, { name: 'Hôtel ch. 1', capacity: 4, siteKind: 'hotel', programmes: ['emergency', 'dv_protocol'] });
  server = await startServer(t.db);
});
afterAll(async () => {
  setClock(null);
  await server.close();
  t.cleanup();
});

async function call(role: Role, method: 'GET' | 'POST', url: string, payload?: object) {
  return server.app.inject({ method, url, headers: bearer(tokens[role].token), payload });
}

let day = 0;
/** Fresh nights for each placement, so that no test meets another's stays. */
function nights(): { start: string; end: string } {
  day += 4;
  const start = new Date(Date.UTC(2027, 2, 2 + day)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(2027, 2, 4 + day)).toISOString().slice(0, 10);
  return { start, end };
}

async function referral(programme: Programme, start: string): Promise<string> {
  const r = await call('partner', 'POST', '/api/v1/referrals', {
    programme,
    urgency: 'immediate',
    requestedStart: start,
    nights: 2,
    household: { adults: 1, children: 1 },
    referrer: { organisation: 'Gendarmerie de Lunel', contact: 'Adjudant Roux', phone: '04 67 00 00 00' }
  });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

function row(id: string): unknown {
  return t.db.$client.prepare('SELECT * FROM referrals WHERE id = ?').get(id);
}
function stayCount(): number {
  return (t.db.$client.prepare('SELECT count(*) AS n FROM stays').get() as { n: number }).n;
}

const household = { label: 'Mme Lambert', adults: 1, children: 1 };

describe('placing with a referralId over HTTP', () => {
  it("POST /api/v1/stays: a housing officer's social_residence stay cannot close a gendarmerie DV referral (403, referral unchanged)", async () => {
    expect.hasAssertions();
    const n = nights();
    const id = await referral('dv_protocol', n.start);
    const before = row(id);
    const stays = stayCount();
    const res = await call('housing_officer', 'POST', '/api/v1/stays', { unitId: residence, ...n, programme: 'social_residence', household, referralId: id });
    expectProblem(res, 403, 'forbidden');
    expect(row(id)).toEqual(before);
    expect(stayCount()).toBe(stays);
    expect((await call('duty_officer', 'GET', `/api/v1/referrals/${id}`)).json().status).toBe('received');
  });

  it('POST /api/v1/allocations: the same for an allocation (403, referral unchanged)', async () => {
    expect.hasAssertions();
    const n = nights();
    const id = await referral('dv_protocol', n.start);
    const before = row(id);
    const stays = stayCount();
    const res = await call('housing_officer', 'POST', '/api/v1/allocations', { ...n, persons: 2, programme: 'social_residence', household, referralId: id });
    expectProblem(res, 403, 'forbidden');
    expect(row(id)).toEqual(before);
    expect(stayCount()).toBe(stays);
  });

  it('a duty officer placing a DV referral under social_residence gets 422 validation naming referralId; the referral unchanged', async () => {
    expect.hasAssertions();
    for (const route of ['/api/v1/stays', '/api/v1/allocations']) {
      const n = nights();
      const id = await referral('dv_protocol', n.start);
      const before = row(id);
      const stays = stayCount();
      const body = route.endsWith('stays') ? { unitId: residence, ...n, programme: 'social_residence', household, referralId: id } : { ...n, persons: 2, programme: 'social_residence', household, referralId: id };
      const problem = expectProblem(await call('duty_officer', 'POST', route, body), 422, 'validation');
      expect(problem.errors?.map((e) => e.path)).toEqual(['referralId']);
      expect(problem.detail).toMatch(/dv_protocol/);
      expect(row(id)).toEqual(before);
      expect(stayCount()).toBe(stays);
    }
  });

  it('a duty officer places a DV referral under emergency (they stand for each other): 201, the referral placed', async () => {
    expect.hasAssertions();
    const n = nights();
    const id = await referral('dv_protocol', n.start);
    const res = await call('duty_officer', 'POST', '/api/v1/stays', { unitId: flat, ...n, programme: 'emergency', household, referralId: id });
    expect(res.statusCode).toBe(201);
    expect((await call('duty_officer', 'GET', `/api/v1/referrals/${id}`)).json()).toMatchObject({ status: 'placed' });
  });

  it('POST /api/v1/protocol/placements: a social_residence referral is 422 and stays as it was', async () => {
    expect.hasAssertions();
    const n = nights();
    const id = await referral('social_residence', n.start);
    const before = row(id);
    const stays = stayCount();
    const problem = expectProblem(await call('duty_officer', 'POST', '/api/v1/protocol/placements', { household, start: n.start, hotelUnitId: hotel, referralId: id }), 422, 'validation');
    expect(problem.errors?.map((e) => e.path)).toEqual(['referralId']);
    expect(row(id)).toEqual(before);
    expect(stayCount()).toBe(stays);
  });
});
