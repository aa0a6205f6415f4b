// GET /api/v1/reports/activity over HTTP: the JSON's shape, the same as CSV (read back with
// csv-parse: BOM, `;`, the JSON's tables), who may ask and what each role sees, bad periods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { activityTables, type ActivityReport } from '../../src/services/reports/activity.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { activityReportSchema } from '../../src/schemas/reports.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { expectProblem, send } from './_support.ts';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
const URL = '/api/v1/reports/activity?from=2027-03-01&to=2027-04-01';

beforeAll(async () => {
  setClock(Date.parse('2027-02-20T15:00:00+01:00'));
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  const emergency = makeUnit(t.db, admin, { name: 'Appartement; « Saussines »', programmes: ['emergency'], capacity: 4 });
  const residence = makeUnit(t.db, admin, { name: '=Résidence', programmes: ['social_residence'], siteKind: 'residence', capacity: 2 });
  const hotel = makeUnit(t.db, admin, { name: 'Hôtel', programmes: ['dv_protocol'], siteKind: 'hotel', confidential: true, capacity: 3 });
  placeStay(t.db, admin, { unitId: emergency, programme: 'emergency', start: '2027-02-25', end: '2027-03-04', household: { label: 'H1', adults: 1, children: 2 } });
  placeStay(t.db, admin, { unitId: residence, programme: 'social_residence', start: '2027-03-10', end: '2027-04-10', household: { label: 'H2', adults: 1, children: 0 } });
  const dv = placeStay(t.db, admin, { unitId: hotel, programme: 'dv_protocol', start: '2027-03-05', end: '2027-03-08', household: { label: 'Mme X', adults: 1, children: 1 } }).value;
  setClock(Date.parse('2027-03-05T15:00:00+01:00'));
  actOnStay(t.db, admin, dv.id, 'check-in');
  setClock(Date.parse('2027-03-08T15:00:00+01:00'));
  actOnStay(t.db, admin, dv.id, 'check-out', { destination: 'other_structure' });
  app = await buildApp({ db: t.db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const get = (role: Role | 'none', url: string, headers: Record<string, string> = {}) => send(app, 'GET', url, role === 'none' ? headers : bearer(acc[role].token, headers));

/** The CSV read back as a spreadsheet would, cut into its tables at the empty lines. */
function readCsv(text: string) {
  const records = parse(text, { bom: true, delimiter: ';', record_delimiter: '\r\n', relax_column_count: true, skip_empty_lines: false }) as string[][];
  const blocks: string[][][] = [[]];
  for (const r of records) {
    if (r.length === 1 && r[0] === '') blocks.push([]);
    else blocks[blocks.length - 1].push(r);
  }
  return blocks.filter((b) => b.length);
}

describe('GET /api/v1/reports/activity', () => {
  it('answers the contract’s JSON: its keys, checked by the schema the OpenAPI document publishes', async () => {
    const res = await get('admin', URL);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    const body = res.json() as ActivityReport;
    expect(activityReportSchema.strict().safeParse(body).success).toBe(true);
    expect(Object.keys(body).slice(0, 7)).toEqual(['from', 'to', 'programmes', 'sites', 'unmet', 'referrals', 'exits']);
    expect(Object.keys(body.programmes[0]).slice(0, 7)).toEqual(['programme', 'householdNights', 'personNights', 'staysStarted', 'staysEnded', 'households', 'persons']);
    expect(Object.keys(body.sites[0]).filter((k) => ['siteId', 'name', 'openUnitNights', 'occupiedUnitNights', 'occupancy'].includes(k))).toHaveLength(5);
    expect(Object.keys(body.referrals)).toEqual(['received', 'byOutcome', 'medianHoursToDecision']);
    expect(body.programmes.find((p) => p.programme === 'emergency')).toMatchObject({ householdNights: 3, personNights: 9 }); // 1–3 March × 3 persons
    expect(body.programmes.find((p) => p.programme === 'social_residence')).toMatchObject({ householdNights: 22, personNights: 22 }); // 10–31 March
    expect(body.programmes.find((p) => p.programme === 'dv_protocol')).toMatchObject({ householdNights: 3, personNights: 6 });
    expect(body.exits.find((e) => e.destination === 'other_structure')!.count).toBe(1);
  });

  it('as CSV (Accept: text/csv, or .csv): a BOM, `;` separators, and the JSON’s tables read back equal', async () => {
    const json = (await get('admin', URL)).json() as ActivityReport;
    const byAccept = await get('admin', URL, { accept: 'text/csv' });
    const byPath = await get('admin', URL.replace('/activity?', '/activity.csv?'));
    for (const res of [byAccept, byPath]) {
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toBe('text/csv; charset=utf-8');
      expect(String(res.headers['content-disposition'])).toBe('attachment; filename="activite-2027-03-01-2027-04-01.csv"');
      expect(res.body.startsWith('\uFEFFfrom;to\r\n2027-03-01;2027-04-01\r\n')).toBe(true);
    }
    expect(byAccept.body).toBe(byPath.body);
    const [period, ...tables] = readCsv(byAccept.body);
    expect(period).toEqual([['from', 'to'], ['2027-03-01', '2027-04-01']]);
    // Numbers as French spreadsheets read them: a decimal comma (an occupancy of 0.393 is « 0,393 »).
    const cell = (c: string | number | null | undefined) => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c).replace('.', ',') : c);
    expect(tables).toEqual(activityTables(json).map((tbl) => [[tbl.name], tbl.header, ...tbl.rows.map((r) => r.map(cell))]));
    expect(tables.flat(2).some((c) => /^\d+,\d+$/.test(c))).toBe(true);
    // A name with the separator and quotes survives; one that starts like a formula is neutralised.
    const sites = tables.find((tbl) => tbl[0][0] === 'sites')!;
    expect(sites.map((r) => r[1])).toEqual(expect.arrayContaining(['Site Appartement; « Saussines »', 'Site =Résidence']));
    expect(json.sites.map((s) => s.name)).toContain('Site =Résidence');
  });

  it('a housing officer sees only the programmes it handles (the social residence, the housing mission)', async () => {
    const body = (await get('housing_officer', URL)).json() as ActivityReport;
    expect(body.programmes.map((p) => p.programme)).toEqual(['social_residence', 'housing_mission']);
    expect(body.sites.map((s) => s.name)).toEqual(['Site =Résidence']);
    expect(body.exits.every((e) => e.count === 0)).toBe(true);
    const csv = readCsv((await get('housing_officer', URL, { accept: 'text/csv' })).body);
    expect(csv.find((tbl) => tbl[0][0] === 'programmes')!.slice(2).map((r) => r[0])).toEqual(['social_residence', 'housing_mission']);
    expect((await get('residence_officer', URL)).json().programmes.map((p: { programme: string }) => p.programme)).toEqual(['social_residence']);
  });

  it('a partner gets 403, JSON or CSV; no token 401', async () => {
    expectProblem(await get('partner', URL), 403, 'forbidden');
    expectProblem(await get('partner', URL, { accept: 'text/csv' }), 403, 'forbidden');
    expectProblem(await get('partner', URL.replace('/activity?', '/activity.csv?')), 403, 'forbidden');
    expectProblem(await get('none', URL), 401, 'unauthorized');
  });

  it.each([
    ['a date that is not one', '?from=2027-02-30&to=2027-04-01'],
    ['from equal to to', '?from=2027-03-01&to=2027-03-01'],
    ['from after to', '?from=2027-04-01&to=2027-03-01'],
    ['more than 5 years', '?from=2021-01-01&to=2026-01-02']
  ])('%s: 422 with a clear message, JSON or CSV', async (_label, query) => {
    for (const url of [`/api/v1/reports/activity${query}`, `/api/v1/reports/activity.csv${query}`]) {
      const body = expectProblem(await get('admin', url), 422, 'validation');
      expect(body.detail).toMatch(/calendar dates|before to|at most 5 years/);
    }
  });

  it.each([
    ['no period', ''],
    ['words', '?from=yesterday&to=today'],
    ['a date not written YYYY-MM-DD', '?from=2027-3-1&to=2027-04-01']
  ])('%s: 400 (malformed), JSON or CSV', async (_label, query) => {
    for (const url of [`/api/v1/reports/activity${query}`, `/api/v1/reports/activity.csv${query}`]) {
      const body = expectProblem(await get('admin', url), 400, 'validation');
      expect(body.detail).toMatch(/YYYY-MM-DD|required|expected/i);
    }
  });

  it('a malformed query (a key given twice) is 400, like every malformed request', async () => {
    expectProblem(await get('admin', '/api/v1/reports/activity?from=2027-03-01&from=2027-03-02&to=2027-04-01'), 400, 'validation');
  });
});
