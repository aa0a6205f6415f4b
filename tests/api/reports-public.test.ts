// The public report and the declarations over HTTP: a partner gets the public figures with small DV
// numbers withheld; no token is 401; a bad year or month is 422; the declarations are CSV for admins
// and duty officers, 403 for the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { expectProblem } from './_support.ts';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;

beforeAll(async () => {
  setClock(Date.parse('2027-03-01T14:00:00+01:00'));
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  const refuge = makeUnit(t.db, admin, { name: 'Refuge', confidential: true, commune: 'Saussines', programmes: ['emergency', 'dv_protocol'] });
  const studio = makeUnit(t.db, admin, { name: 'Studio', commune: 'Lunel', programmes: ['emergency'] });
  placeStay(t.db, admin, { unitId: refuge, programme: 'dv_protocol', start: '2027-03-02', end: '2027-03-04', household: { label: 'Mme A', adults: 1, children: 1 } });
  placeStay(t.db, admin, { unitId: studio, programme: 'emergency', start: '2027-03-02', end: '2027-03-12', household: { label: 'M. B', adults: 1, children: 0 } });
  app = await buildApp({ db: t.db });
  await app.ready();
  // Read in 2028: the public figures and the protocol's report are given for finished years only.
  setClock(Date.parse('2028-01-15T14:00:00+01:00'));
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const get = (url: string, who: Role | null, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: who ? bearer(acc[who].token, headers) : headers });

describe('GET /api/v1/reports/public', () => {
  it('a partner gets the year by programme: the DV row of 1 household withheld (null, suppressed), the totals it would be worked back from too, and no site or commune', async () => {
    const res = await get('/api/v1/reports/public?year=2027', 'partner');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const dv = body.rows.find((r: { programme: string }) => r.programme === 'dv_protocol');
    expect(dv).toEqual({
      programme: 'dv_protocol',
      householdNights: { value: null, suppressed: true },
      personNights: { value: 4, suppressed: false },
      staysStarted: { value: null, suppressed: true },
      staysEnded: { value: null, suppressed: true },
      households: { value: null, suppressed: true },
      persons: { value: null, suppressed: true }
    });
    expect(body.rows.find((r: { programme: string }) => r.programme === 'emergency').householdNights).toEqual({ value: 10, suppressed: false });
    expect(body.total.householdNights).toEqual({ value: null, suppressed: true });
    expect(body.total.personNights).toEqual({ value: 14, suppressed: false });
    expect(res.body).not.toMatch(/Saussines|Refuge|Lunel|Studio/);
  });

  it('with Accept: text/csv, the same figures as CSV (an export marked public): « < 3 » where withheld', async () => {
    const res = await get('/api/v1/reports/public?year=2027', 'partner', { accept: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.dispositif)).toEqual(['emergency', 'social_residence', 'housing_mission', 'dv_protocol', 'total']);
    expect(rows[3]).toEqual({ annee: '2027', dispositif: 'dv_protocol', nuitees_menages: '< 3', nuitees_personnes: '4', sejours_commences: '< 3', sejours_termines: '< 3', menages: '< 3', personnes: '< 3' });
    expect(rows[4]).toMatchObject({ nuitees_menages: '< 3', nuitees_personnes: '14' });
    expect(res.body).not.toMatch(/Saussines|Refuge/);
  });

  it('without a token: 401', async () => {
    expectProblem(await get('/api/v1/reports/public?year=2027', null), 401, 'unauthorized');
  });

  it.each(['last', '27', '', '2027-01'])('year=%s: 400 (not written YYYY)', async (year) => {
    expectProblem(await get(`/api/v1/reports/public?year=${year}`, 'partner'), 400, 'validation');
  });

  it('the year in progress, or a year to come: 422 (its figures would change from one day to the next)', async () => {
    expectProblem(await get(`/api/v1/reports/public?year=2028`, 'partner'), 422, 'validation');
    expectProblem(await get(`/api/v1/reports/public?year=2029`, 'partner'), 422, 'validation');
    expectProblem(await get(`/api/v1/reports/protocol?year=2028`, 'admin'), 422, 'validation');
  });
});

describe('the declarations over HTTP', () => {
  it('GET /reports/siao: CSV for a duty officer, with a BOM, ";" and a line per night and programme', async () => {
    const res = await get('/api/v1/reports/siao?month=2027-03', 'duty_officer');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(31 * 4);
    // The protocol's row gives its places, never its arrivals (a woman placed that night).
    expect(rows.find((r) => r.nuit === '2027-03-02' && r.dispositif === 'dv_protocol')).toMatchObject({ arrivees_menages: '', arrivees_personnes: '', logements_libres: '0' });
    expect(rows.find((r) => r.nuit === '2027-03-02' && r.dispositif === 'emergency')).toMatchObject({ arrivees_menages: '1', arrivees_personnes: '1' });
  });

  it('GET /reports/alt: CSV for an admin; a malformed year is 400', async () => {
    const res = await get('/api/v1/reports/alt?year=2026', 'admin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expectProblem(await get('/api/v1/reports/alt?year=20x6', 'admin'), 400, 'validation');
  });

  it('GET /reports/protocol: JSON, or CSV with Accept: text/csv, small numbers withheld in both', async () => {
    const json = await get('/api/v1/reports/protocol?year=2027', 'admin');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ year: 2027, apartmentNights: { value: null, suppressed: true }, households: { value: null, suppressed: true } });
    const csv = await get('/api/v1/reports/protocol?year=2027', 'duty_officer', { accept: 'text/csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.indicateur === 'nuits_appartement')?.valeur).toBe('< 3');
  });

  it.each(['housing_officer', 'residence_officer', 'partner'] satisfies Role[])('a %s gets 403 on each declaration', async (role) => {
    for (const url of ['/api/v1/reports/siao?month=2027-03', '/api/v1/reports/alt?year=2026', '/api/v1/reports/protocol?year=2027']) expectProblem(await get(url, role), 403, 'forbidden');
  });
});
