// GET /api/v1/reports/sections over HTTP: the JSON checked by the schema the OpenAPI document
// publishes, what each role sees, partners refused, bad periods, and no name or household id in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import type { ReportSections } from '../../src/services/reports/sections.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { reportSections } from '../../src/schemas/report-sections.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { expectProblem, send } from './_support.ts';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
const URL = '/api/v1/reports/sections?from=2027-03-01&to=2027-04-01';
const secrets: string[] = [];

beforeAll(async () => {
  setClock(Date.parse('2027-03-01T15:00:00+01:00'));
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  const hotel = makeUnit(t.db, admin, { name: 'Hôtel', programmes: ['dv_protocol'], siteKind: 'hotel', confidential: true, capacity: 3, nightlyCost: 55 });
  const flat = makeUnit(t.db, admin, { name: 'Appartement', programmes: ['emergency'], capacity: 3 });
  const dv = placeStay(t.db, admin, { unitId: hotel, programme: 'dv_protocol', start: '2027-03-01', end: '2027-03-04', household: { label: 'Mme Secret', adults: 1, children: 1 } }).value;
  const em = placeStay(t.db, admin, { unitId: flat, programme: 'emergency', start: '2027-03-01', end: '2027-03-20', household: { label: 'Famille Nommée', adults: 2, children: 0 } }).value;
  secrets.push(dv.id, dv.householdId, em.id, em.householdId, 'Mme Secret', 'Famille Nommée');
  actOnStay(t.db, admin, em.id, 'check-in');
  setClock(Date.parse('2027-03-10T15:00:00+01:00'));
  actOnStay(t.db, admin, em.id, 'check-out', { destination: 'social_housing' });
  setClock(Date.parse('2027-04-15T15:00:00+02:00'));
  app = await buildApp({ db: t.db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const get = (role: Role | 'none', url: string) => send(app, 'GET', url, role === 'none' ? {} : bearer(acc[role].token));

describe('GET /api/v1/reports/sections', () => {
  it('answers the published schema, with the figures, and never a name or a household id', async () => {
    const res = await get('admin', URL);
    expect(res.statusCode).toBe(200);
    const body = res.json() as ReportSections;
    expect(reportSections.strict().safeParse(body).success).toBe(true);
    expect(Object.keys(body)).toEqual(['from', 'to', 'outcomes', 'referralsBySource', 'dvProtocol', 'mission', 'residence', 'territory']);
    expect(body.outcomes).toMatchObject({ departuresTotal: 1, exitsToHousing: 1, shareToHousing: 1, timeToHousing: { households: 1, medianDays: 9 } }); // 03-01 → 03-10
    expect(body.dvProtocol).toMatchObject({ hotelNights: 3, hotelCostCents: 16_500 }); // 3 × 55 €
    for (const secret of secrets) expect(res.body).not.toContain(secret);
  });

  it('a housing officer gets no DV section and no emergency pathway; a residence officer no mission either', async () => {
    const housing = (await get('housing_officer', URL)).json() as ReportSections;
    expect([housing.dvProtocol, housing.outcomes.timeToHousing, housing.outcomes.returns]).toEqual([null, null, null]);
    expect(housing.mission).not.toBeNull();
    expect(housing.outcomes.departuresTotal).toBe(0); // the emergency check-out is not its to count
    const residence = (await get('residence_officer', URL)).json() as ReportSections;
    expect([residence.dvProtocol, residence.mission]).toEqual([null, null]);
    expect(residence.residence).not.toBeNull();
  });

  it('a partner gets 403; no token 401', async () => {
    expectProblem(await get('partner', URL), 403, 'forbidden');
    expectProblem(await get('none', URL), 401, 'unauthorized');
  });

  it('no period: 400 (malformed)', async () => {
    expectProblem(await get('admin', '/api/v1/reports/sections'), 400, 'validation');
  });

  it.each([
    ['a date that is not one', '?from=2027-02-30&to=2027-04-01'],
    ['from after to', '?from=2027-04-01&to=2027-03-01'],
    ['more than 5 years', '?from=2021-01-01&to=2026-01-02']
  ])('%s: 422 with a clear message', async (_label, query) => {
    const body = expectProblem(await get('admin', `/api/v1/reports/sections${query}`), 422, 'validation');
    expect(body.detail).toMatch(/calendar dates|before to|at most 5 years/);
  });
});
