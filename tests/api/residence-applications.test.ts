// The social residence's applications and committees over HTTP (the real server): the shapes, the
// partner's narrower view, 422 / 409 / 404 answers as problem+json that change nothing, and
// Idempotency-Key on the filing of an application.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../src/services/clock.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import { expectProblem, postJson, residenceApplicationTables } from './_support.ts';

const NOW = Date.parse('2027-01-04T15:00:00+01:00');
let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;
let otherPartner: string;

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  otherPartner = createAccountWithToken(t.db, { name: 'ML', role: 'partner', organisation: 'Mission Locale' }).token;
  server = await startServer(t.db);
});
afterAll(async () => {
  await server?.close();
  t?.cleanup();
  setClock(null);
});

let n = 0;
const body = (over: Record<string, unknown> = {}) => ({
  household: { label: `Demandeur ${++n}`, adults: 1, children: 0 },
  monthlyIncomeCents: 90000,
  public: 'young_worker',
  situation: 'Apprenti',
  referrer: { contact: 'Mme Bernard', phone: '04 67 00 00 00' },
  ...over
});
const get = async (path: string, token: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: bearer(token) });
  return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
};
const post = async (path: string, token: string, payload: unknown, extra: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: bearer(token, { 'content-type': 'application/json', ...extra }), body: JSON.stringify(payload) });
  return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
};

describe('POST /api/v1/residence/applications', () => {
  it('a partner files: 201 {id, status: received, receivedAt, householdId}, and follows it with status and times only', async () => {
    const res = await postJson(server.url, '/api/v1/residence/applications', acc.partner.token, body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', receivedAt: '2027-01-04T15:00:00.000+01:00', householdId: expect.any(String), id: expect.any(String) });
    const mine = JSON.parse((await get(`/api/v1/residence/applications/${res.body.id}`, acc.partner.token)).body);
    expect(Object.keys(mine).sort()).toEqual(['householdId', 'id', 'receivedAt', 'status', 'steps']);
    expectProblem(await get(`/api/v1/residence/applications/${res.body.id}`, otherPartner), 404, 'not_found');
    const list = JSON.parse((await get('/api/v1/residence/applications', otherPartner)).body);
    expect(list.applications.map((a: { id: string }) => a.id)).not.toContain(res.body.id);
    const staff = JSON.parse((await get(`/api/v1/residence/applications/${res.body.id}`, acc.residence_officer.token)).body);
    expect(staff).toMatchObject({ organisation: 'Gendarmerie de Lunel', situation: 'Apprenti', public: 'young_worker', household: { id: res.body.householdId } });
  });

  it('a partner naming a householdId is 422, and nothing is written', async () => {
    const known = (await postJson(server.url, '/api/v1/residence/applications', acc.residence_officer.token, body())).body.householdId as string;
    const before = residenceApplicationTables(t.db);
    const res = await post('/api/v1/residence/applications', acc.partner.token, { ...body(), household: undefined, householdId: known });
    expect(expectProblem(res, 422, 'validation').errors).toEqual([{ path: 'householdId', message: 'staff only' }]);
    expect(residenceApplicationTables(t.db)).toBe(before);
    // Staff may: the same household, no second record.
    const again = await postJson(server.url, '/api/v1/residence/applications', acc.admin.token, { ...body(), household: undefined, householdId: known });
    expect(again).toMatchObject({ status: 201, body: { householdId: known } });
  });

  it('a malformed body is 400 and writes nothing', async () => {
    const before = residenceApplicationTables(t.db);
    for (const bad of [{ ...body(), public: 'everyone' }, { ...body(), monthlyIncomeCents: -5 }, { ...body(), household: undefined }, { ...body(), household: { label: 'X', adults: 0, children: 0 } }]) {
      const res = await post('/api/v1/residence/applications', acc.residence_officer.token, bad);
      expect([400, 422]).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(residenceApplicationTables(t.db)).toBe(before);
  });

  it('a retry with the same Idempotency-Key returns the first answer and files nothing twice', async () => {
    const first = await postJson(server.url, '/api/v1/residence/applications', acc.partner.token, body(), { 'Idempotency-Key': 'retry-1' });
    const before = residenceApplicationTables(t.db);
    const again = await postJson(server.url, '/api/v1/residence/applications', acc.partner.token, body(), { 'Idempotency-Key': 'retry-1' });
    expect(again).toEqual(first);
    expect(residenceApplicationTables(t.db)).toBe(before);
  });
});

describe('POST /api/v1/residence/applications/:id/decision', () => {
  it('reason required (422), twice is 409 already_decided, an urgent decision says so; nothing changes on a refusal', async () => {
    const id = (await postJson(server.url, '/api/v1/residence/applications', acc.partner.token, body())).body.id as string;
    const before = residenceApplicationTables(t.db);
    expect(expectProblem(await post(`/api/v1/residence/applications/${id}/decision`, acc.residence_officer.token, { outcome: 'refused' }), 422, 'validation').errors).toEqual([
      { path: 'reason', message: 'required when the outcome is refused' }
    ]);
    expectProblem(await post(`/api/v1/residence/applications/${id}/decision`, acc.housing_officer.token, { outcome: 'admitted' }), 403, 'forbidden');
    expectProblem(await post(`/api/v1/residence/applications/${id}/decision`, otherPartner, { outcome: 'withdrawn' }), 404, 'not_found');
    expectProblem(await post(`/api/v1/residence/applications/${id}/decision`, acc.partner.token, { outcome: 'admitted' }), 403, 'forbidden');
    expect(residenceApplicationTables(t.db)).toBe(before);
    const admitted = await postJson(server.url, `/api/v1/residence/applications/${id}/decision`, acc.residence_officer.token, { outcome: 'admitted' });
    expect(admitted).toMatchObject({ status: 200, body: { status: 'admitted', urgent: true, committeeId: null } });
    const twice = await post(`/api/v1/residence/applications/${id}/decision`, acc.residence_officer.token, { outcome: 'admitted' });
    expectProblem(twice, 409, 'already_decided');
  });

  it('a committee decision carries the committee; committees are listed for staff', async () => {
    const committee = await postJson(server.url, '/api/v1/residence/committees', acc.residence_officer.token, { meetsOn: '2027-01-04', note: 'Direction, SIAO' });
    expect(committee).toMatchObject({ status: 201, body: { meetsOn: '2027-01-04', note: 'Direction, SIAO', decisions: 0 } });
    const id = (await postJson(server.url, '/api/v1/residence/applications', acc.partner.token, body())).body.id as string;
    const decided = await postJson(server.url, `/api/v1/residence/applications/${id}/decision`, acc.admin.token, { outcome: 'waiting_list', committeeId: committee.body.id });
    expect(decided.body).toMatchObject({ status: 'waiting_list', urgent: false, committeeId: committee.body.id });
    expect((decided.body.steps as unknown[]).at(-1)).toMatchObject({ status: 'waiting_list', committeeDate: '2027-01-04', urgent: false });
    const list = JSON.parse((await get('/api/v1/residence/committees', acc.duty_officer.token)).body);
    expect(list.committees).toContainEqual({ id: committee.body.id, meetsOn: '2027-01-04', note: 'Direction, SIAO', decisions: 1 });
    expectProblem(await get('/api/v1/residence/committees', acc.partner.token), 403, 'forbidden');
    expectProblem(await post('/api/v1/residence/committees', acc.housing_officer.token, { meetsOn: '2027-01-04' }), 403, 'forbidden');
  });

  it('a retried committee with the same Idempotency-Key returns the first answer and creates one meeting', async () => {
    const count = () => t.db.$client.prepare('SELECT count(*) FROM residence_committees').pluck().get() as number;
    const first = await postJson(server.url, '/api/v1/residence/committees', acc.residence_officer.token, { meetsOn: '2027-02-04' }, { 'Idempotency-Key': 'committee-1' });
    expect(first.status).toBe(201);
    const before = count();
    const again = await postJson(server.url, '/api/v1/residence/committees', acc.residence_officer.token, { meetsOn: '2027-02-04' }, { 'Idempotency-Key': 'committee-1' });
    expect(again).toEqual(first);
    expect(count()).toBe(before);
  });
});
