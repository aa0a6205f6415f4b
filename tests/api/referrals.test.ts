// Referrals over HTTP: the lifecycle and its refusals, organisation isolation, and placement.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, startServer, type TestServer } from '../support/fixtures.ts';

let t: ReturnType<typeof makeTestDb>;
let server: TestServer;
let tokens: ReturnType<typeof makeAccounts>;
let otherPartner: string;
let unitId: string;

const body = (extra: Record<string, unknown> = {}) => ({
  programme: 'dv_protocol',
  urgency: 'immediate',
  requestedStart: '2027-02-01',
  nights: 3,
  household: { adults: 1, children: 2 },
  referrer: { organisation: 'Somebody else', contact: 'Adjudant Rey', phone: '04 67 00 00 00' },
  ...extra
});

async function call(method: string, url: string, token: string | null, payload?: unknown) {
  const r = await server.app.inject({ method: method as 'GET', url, headers: token ? bearer(token) : {}, payload: payload as object });
  return { status: r.statusCode, json: r.body ? JSON.parse(r.body) : null, type: r.headers['content-type'] };
}

beforeAll(async () => {
  t = makeTestDb();
  tokens = makeAccounts(t.db);
  otherPartner = createAccountWithToken(t.db, { name: 'hospital', role: 'partner', organisation: 'CHU de Montpellier' }).token;
  unitId = makeUnit(t.db, tokens.admin.actor, { name: 'Appartement', capacity: 4, confidential: true });
  server = await startServer(t.db);
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

describe('referrals', () => {
  test("a partner's referral belongs to its own organisation, whatever the body says, and shows no contact to it", async () => {
    expect.hasAssertions();
    const r = await call('POST', '/api/v1/referrals', tokens.partner.token, body());
    expect(r.status).toBe(201);
    expect(r.json.status).toBe('received');
    expect(r.json.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/);
    expect(r.json.referrer).toBeUndefined();
    const staff = await call('GET', `/api/v1/referrals/${r.json.id}`, tokens.duty_officer.token);
    expect(staff.json.organisation).toBe('Gendarmerie de Lunel');
    expect(staff.json.referrer.contact).toBe('Adjudant Rey');
  });

  test('a partner of another organisation gets 404 on every referral route, and never sees it listed', async () => {
    expect.hasAssertions();
    const r = await call('POST', '/api/v1/referrals', tokens.partner.token, body());
    const id = r.json.id;
    expect((await call('GET', `/api/v1/referrals/${id}`, otherPartner)).status).toBe(404);
    expect((await call('POST', `/api/v1/referrals/${id}/decision`, otherPartner, { outcome: 'withdrawn' })).status).toBe(404);
    const list = await call('GET', '/api/v1/referrals', otherPartner);
    expect(list.json.referrals.map((x: { id: string }) => x.id)).not.toContain(id);
    const own = await call('GET', '/api/v1/referrals', tokens.partner.token);
    expect(own.json.referrals.map((x: { id: string }) => x.id)).toContain(id);
  });

  test('a decline without a reason is 422, a second decision is 409 already_decided', async () => {
    expect.hasAssertions();
    const { json } = await call('POST', '/api/v1/referrals', tokens.partner.token, body());
    const noReason = await call('POST', `/api/v1/referrals/${json.id}/decision`, tokens.duty_officer.token, { outcome: 'declined' });
    expect(noReason.status).toBe(422);
    expect(noReason.type).toContain('application/problem+json');
    const declined = await call('POST', `/api/v1/referrals/${json.id}/decision`, tokens.duty_officer.token, { outcome: 'declined', reason: 'out of scope' });
    expect(declined.status).toBe(200);
    expect(declined.json.decidedAt).toBeDefined();
    const again = await call('POST', `/api/v1/referrals/${json.id}/decision`, tokens.duty_officer.token, { outcome: 'accepted' });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('already_decided');
  });

  test('a partner may only withdraw its own referral; a housing officer may not decide', async () => {
    expect.hasAssertions();
    const { json } = await call('POST', '/api/v1/referrals', tokens.partner.token, body());
    expect((await call('POST', `/api/v1/referrals/${json.id}/decision`, tokens.partner.token, { outcome: 'accepted' })).status).toBe(403);
    expect((await call('POST', `/api/v1/referrals/${json.id}/decision`, tokens.housing_officer.token, { outcome: 'accepted' })).status).toBe(403);
    expect((await call('POST', '/api/v1/referrals', tokens.housing_officer.token, body())).status).toBe(403);
    const w = await call('POST', `/api/v1/referrals/${json.id}/decision`, tokens.partner.token, { outcome: 'withdrawn' });
    expect(w.status).toBe(200);
    expect(w.json.status).toBe('withdrawn');
  });

  test('placing with a received referral accepts and places it in one step; the partner sees "placed" and no unit', async () => {
    expect.hasAssertions();
    const { json } = await call('POST', '/api/v1/referrals', tokens.partner.token, body());
    const stay = await call('POST', '/api/v1/stays', tokens.duty_officer.token, {
      unitId,
      start: '2027-02-01',
      end: '2027-02-04',
      programme: 'dv_protocol',
      household: { label: 'Mme Canary-7f3a', adults: 1, children: 2 },
      referralId: json.id
    });
    expect(stay.status).toBe(201);
    expect(stay.json.referralId).toBe(json.id);
    const seen = await call('GET', `/api/v1/referrals/${json.id}`, tokens.partner.token);
    expect(seen.json.status).toBe('placed');
    expect(seen.json.placedAt).toBeDefined();
    expect(JSON.stringify(seen.json)).not.toMatch(/Canary|Appartement|unitId|stayId|place de la Mairie/);
    const twice = await call('POST', '/api/v1/stays', tokens.duty_officer.token, {
      unitId,
      start: '2027-03-01',
      end: '2027-03-02',
      programme: 'dv_protocol',
      household: { label: 'Another', adults: 1, children: 0 },
      referralId: json.id
    });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('already_decided');
  });

  test('an unknown referral on a placement is 404 and places nobody', async () => {
    expect.hasAssertions();
    const r = await call('POST', '/api/v1/allocations', tokens.duty_officer.token, {
      start: '2027-04-01',
      end: '2027-04-02',
      persons: 1,
      programme: 'dv_protocol',
      household: { label: 'X', adults: 1, children: 0 },
      referralId: 'nope'
    });
    expect(r.status).toBe(404);
    const stays = await call('GET', '/api/v1/stays?from=2027-04-01&to=2027-04-02', tokens.admin.token);
    expect(stays.json.stays).toHaveLength(0);
  });

  test('bad input is 400 and leaves nothing', async () => {
    expect.hasAssertions();
    const before = (await call('GET', '/api/v1/referrals', tokens.admin.token)).json.referrals.length;
    expect((await call('POST', '/api/v1/referrals', tokens.partner.token, body({ urgency: 'whenever' }))).status).toBe(400);
    expect((await call('POST', '/api/v1/referrals', tokens.partner.token, body({ requestedStart: '2027-02-30' }))).status).toBe(422);
    expect((await call('POST', '/api/v1/referrals', tokens.partner.token, body({ household: { adults: 0, children: 0 } }))).status).toBe(422);
    expect((await call('POST', '/api/v1/referrals', null, body())).status).toBe(401);
    expect((await call('GET', '/api/v1/referrals?status=lost', tokens.admin.token)).status).toBe(400);
    expect((await call('GET', '/api/v1/referrals', tokens.admin.token)).json.referrals.length).toBe(before);
  });
});
