// Roles see only their programmes, over HTTP: a housing officer reads no DV or emergency stay (nor
// its practical note: the key handover), acts on none, and is not told about such referrals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/programmes.ts';
import { setClock } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { placeStay, type StayView } from '../../src/services/stays.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, startServer, type TestServer } from '../support/fixtures.ts';
import { eachCase, expectProblem } from './_support.ts';

const KEYS = 'Clés : boîte à code 4812 derrière la pharmacie';

let t: ReturnType<typeof makeTestDb>;
let server: TestServer;
let tokens: ReturnType<typeof makeAccounts>;
let dvUnit: string;
let residence: string;
let dv: StayView;
let emergency: StayView;
let resident: StayView;
let dvReferral: string;
let residenceReferral: string;

beforeAll(async () => {
  setClock(Date.parse('2027-03-01T14:00:00+01:00'));
  t = makeTestDb();
  tokens = makeAccounts(t.db);
  const admin = tokens.admin.actor;
  dvUnit = makeUnit(t.db, admin, { name: 'Saussines T3', capacity: 4, programmes: ['dv_protocol', 'emergency'], confidential: true });
  residence = makeUnit(t.db, admin, { name: 'Résidence 12', capacity: 4, siteKind: 'residence', programmes: ['social_residence'] });
  const place = (unitId: string, programme: 'dv_protocol' | 'emergency' | 'social_residence', start: string, end: string, label: string) =>
    placeStay(t.db, tokens.duty_officer.actor, { unitId, start, end, programme, household: { label, adults: 1, children: 2 }, status: 'hold', note: KEYS }).value;
  dv = place(dvUnit, 'dv_protocol', '2027-03-05', '2027-03-10', 'Mme Rossi');
  emergency = place(dvUnit, 'emergency', '2027-03-12', '2027-03-14', 'M. Moreau');
  resident = place(residence, 'social_residence', '2027-03-05', '2027-03-20', 'M. Diallo');
  const referral = (programme: 'dv_protocol' | 'social_residence') =>
    createReferral(t.db, tokens.partner.actor, { programme, urgency: 'immediate', requestedStart: '2027-03-05', nights: 3, household: { adults: 1, children: 2 }, referrer: { contact: 'Adjudant Roux', phone: '17' } }).id;
  dvReferral = referral('dv_protocol');
  residenceReferral = referral('social_residence');
  server = await startServer(t.db);
});
afterAll(async () => {
  setClock(null);
  await server.close();
  t.cleanup();
});

function call(role: Role, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return server.app.inject({ method, url, headers: bearer(tokens[role].token), payload });
}
function stayRow(id: string): unknown {
  return t.db.$client.prepare('SELECT * FROM stays WHERE id = ?').get(id);
}

describe('a housing officer and the stays of DV and emergency', () => {
  it('GET /api/v1/stays/:id of a DV stay is 404, and the key handover is nowhere in the answer', async () => {
    expect.hasAssertions();
    for (const stay of [dv, emergency]) {
      const res = await call('housing_officer', 'GET', `/api/v1/stays/${stay.id}`);
      expectProblem(res, 404, 'not_found');
      expect(res.body).not.toContain('4812');
    }
    const own = await call('housing_officer', 'GET', `/api/v1/stays/${resident.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().note).toBe(KEYS);
    // Admins and duty officers read it.
    expect((await call('duty_officer', 'GET', `/api/v1/stays/${dv.id}`)).json().note).toBe(KEYS);
  });

  it('GET /api/v1/stays leaves them out of the list, even asked by their unit', async () => {
    expect.hasAssertions();
    const all = await call('housing_officer', 'GET', '/api/v1/stays?from=2027-03-01&to=2027-03-31');
    expect(all.json().stays.map((s: { id: string }) => s.id)).toEqual([resident.id]);
    const byUnit = await call('housing_officer', 'GET', `/api/v1/stays?from=2027-03-01&to=2027-03-31&unitId=${dvUnit}`);
    expect(byUnit.json().stays).toEqual([]);
    expect(byUnit.body).not.toContain('4812');
    expect((await call('admin', 'GET', `/api/v1/stays?from=2027-03-01&to=2027-03-31&unitId=${dvUnit}`)).json().stays).toHaveLength(2);
  });

  eachCase(
    [
      { method: 'PATCH' as const, path: '', payload: { end: '2027-03-11' } },
      ...['confirm', 'check-in', 'check-out', 'cancel', 'no-show'].map((a) => ({ method: 'POST' as const, path: `/${a}`, payload: undefined }))
    ],
    (c) => `${c.method} /api/v1/stays/:id${c.path} on a DV stay by a housing officer → 404, the stay unchanged`,
    async ({ method, path, payload }) => {
      expect.hasAssertions();
      const before = stayRow(dv.id);
      expectProblem(await call('housing_officer', method, `/api/v1/stays/${dv.id}${path}`, payload), 404, 'not_found');
      expect(stayRow(dv.id)).toEqual(before);
    }
  );

  it('creating under dv_protocol or emergency is 403', async () => {
    expect.hasAssertions();
    for (const programme of ['dv_protocol', 'emergency']) {
      const body = { unitId: dvUnit, start: '2027-03-20', end: '2027-03-22', programme, household: { label: 'X', adults: 1, children: 0 } };
      expectProblem(await call('housing_officer', 'POST', '/api/v1/stays', body), 403, 'forbidden');
      expectProblem(await call('housing_officer', 'POST', '/api/v1/allocations', { start: '2027-03-20', end: '2027-03-22', persons: 1, programme, household: { label: 'X', adults: 1, children: 0 } }), 403, 'forbidden');
    }
  });

  it('placing a DV household again by its householdId is 404 to a housing officer', async () => {
    expect.hasAssertions();
    const res = await call('housing_officer', 'POST', '/api/v1/stays', { unitId: residence, start: '2027-03-25', end: '2027-03-27', programme: 'social_residence', householdId: dv.householdId });
    expectProblem(res, 404, 'not_found');
    expect(res.body).not.toContain('Rossi');
  });
});

describe('a housing officer and the referrals of DV', () => {
  it('GET /api/v1/referrals/:id is 404 for a DV referral, 200 for a social_residence one', async () => {
    expect.hasAssertions();
    expectProblem(await call('housing_officer', 'GET', `/api/v1/referrals/${dvReferral}`), 404, 'not_found');
    expect((await call('housing_officer', 'GET', `/api/v1/referrals/${residenceReferral}`)).statusCode).toBe(200);
  });

  it('GET /api/v1/referrals lists only the programmes it handles', async () => {
    expect.hasAssertions();
    const ids = (await call('housing_officer', 'GET', '/api/v1/referrals')).json().referrals.map((r: { id: string }) => r.id);
    expect(ids).toEqual([residenceReferral]);
    const forDuty = (await call('duty_officer', 'GET', '/api/v1/referrals')).json().referrals.map((r: { id: string }) => r.id);
    expect(forDuty.sort()).toEqual([dvReferral, residenceReferral].sort());
  });
});
