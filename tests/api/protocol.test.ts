// The protocol path over HTTP: hotel nights then apartment, linked; limits; the budget and its warning.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { READABLE_DETAIL } from '../services/helpers.ts';
import { bearer, makeAccounts, makeTestDb, startServer, type TestServer } from '../support/fixtures.ts';

let t: ReturnType<typeof makeTestDb>;
let server: TestServer;
let tokens: ReturnType<typeof makeAccounts>;
let hotel: string;
let apartment: string;
let day = 0;

async function call(method: string, url: string, token: string, payload?: unknown) {
  const r = await server.app.inject({ method: method as 'GET', url, headers: bearer(token), payload: payload as object });
  return { status: r.statusCode, json: r.body ? JSON.parse(r.body) : null };
}
/** A fresh start date for each test, so that tests never share nights. */
function nextStart(): string {
  day += 10;
  const d = new Date(Date.UTC(2027, 1, 1 + day));
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  process.env.PROTOCOL_BUDGET_EUROS = '300';
  t = makeTestDb();
  tokens = makeAccounts(t.db);
  const admin = tokens.admin.actor;
  const h = createSite(t.db, admin, { name: 'Hôtel du Vidourle', commune: 'Lunel', confidential: false, address: 'h', kind: 'hotel' });
  hotel = createUnit(t.db, admin, { siteId: h.id, name: 'Chambre 1', capacity: 3, programmes: ['dv_protocol', 'emergency'], nightlyCost: 60 }).id;
  const a = createSite(t.db, admin, { name: 'Appartement de Saussines', commune: 'Saussines', confidential: true, address: 'a', kind: 'apartment' });
  apartment = createUnit(t.db, admin, { siteId: a.id, name: 'T3', capacity: 4, programmes: ['dv_protocol', 'emergency'] }).id;
  server = await startServer(t.db);
});
afterAll(async () => {
  delete process.env.PROTOCOL_BUDGET_EUROS;
  await server.close();
  t.cleanup();
});
beforeEach(() => undefined);

describe('the protocol path', () => {
  test('suggests the hotel nights first (3) and the apartment stay that follows (92 nights)', async () => {
    expect.hasAssertions();
    const start = nextStart();
    const r = await call('POST', '/api/v1/protocol/suggest', tokens.duty_officer.token, { start, persons: 3 });
    expect(r.status).toBe(200);
    expect(r.json.hotel.options.map((o: { unitId: string }) => o.unitId)).toEqual([hotel]);
    expect(r.json.apartment.options.map((o: { unitId: string }) => o.unitId)).toEqual([apartment]);
    expect(r.json.hotel.end).toBe(r.json.apartment.start);
    const nights = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(nights(r.json.hotel.start, r.json.hotel.end)).toBe(3);
    expect(nights(r.json.apartment.start, r.json.apartment.end)).toBe(92);
    expect(r.json.cost).toBe(180);
  });

  test('places both legs linked to each other and to the referral, for one household', async () => {
    expect.hasAssertions();
    const start = nextStart();
    const referral = await call('POST', '/api/v1/referrals', tokens.partner.token, {
      programme: 'dv_protocol',
      urgency: 'immediate',
      requestedStart: start,
      nights: 3,
      household: { adults: 1, children: 2 },
      referrer: { contact: 'Gendarme', phone: '17' }
    });
    const r = await call('POST', '/api/v1/protocol/placements', tokens.duty_officer.token, {
      household: { label: 'Mme Path', adults: 1, children: 2 },
      start,
      hotelUnitId: hotel,
      apartmentUnitId: apartment,
      apartmentNights: 30,
      referralId: referral.json.id
    });
    expect(r.status).toBe(201);
    expect(r.json.hotel.unitId).toBe(hotel);
    expect(r.json.apartment.previousStayId).toBe(r.json.hotel.id);
    expect(r.json.apartment.householdId).toBe(r.json.hotel.householdId);
    expect(r.json.apartment.start).toBe(r.json.hotel.end);
    expect(r.json.hotel.referralId).toBe(referral.json.id);
    expect(r.json.apartment.referralId).toBe(referral.json.id);
    expect(r.json.hotel.household.confidential).toBe(true);
    expect(r.json.hotel.household.label).toBeNull();
    expect((await call('GET', `/api/v1/referrals/${referral.json.id}`, tokens.partner.token)).json.status).toBe('placed');
  });

  test('limits hold on each leg: four hotel nights or 93 apartment nights are refused, and nothing is placed', async () => {
    expect.hasAssertions();
    const start = nextStart();
    const base = { household: { label: 'Mme Limit', adults: 1, children: 0 }, start, hotelUnitId: hotel, apartmentUnitId: apartment };
    expect((await call('POST', '/api/v1/protocol/placements', tokens.duty_officer.token, { ...base, hotelNights: 4 })).json.code).toBe('limit_exceeded');
    expect((await call('POST', '/api/v1/protocol/placements', tokens.duty_officer.token, { ...base, apartmentNights: 93 })).json.code).toBe('limit_exceeded');
    const stays = await call('GET', `/api/v1/stays?from=${start}&to=2027-12-31`, tokens.admin.token);
    expect(stays.json.stays.filter((s: { start: string }) => s.start === start)).toHaveLength(0);
  });

  test('the budget: spent and committed are shown, a placement past it is refused without a reason, and recorded with one', async () => {
    expect.hasAssertions();
    const before = (await call('GET', '/api/v1/protocol/budget?year=2027', tokens.duty_officer.token)).json;
    expect(before.budgetCents).toBe(30_000);
    // 300 € budget, 60 € a night: what the earlier tests committed leaves less than 3 nights' worth.
    const start = nextStart();
    const body = { household: { label: 'Mme Budget', adults: 1, children: 0 }, start, hotelUnitId: hotel };
    const refused = await call('POST', '/api/v1/protocol/placements', tokens.duty_officer.token, body);
    expect(before.remainingCents).toBeLessThan(18_000);
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('limit_exceeded');
    expect(refused.json.detail).toMatch(/budget/);
    const suggestion = await call('POST', '/api/v1/protocol/suggest', tokens.duty_officer.token, { start, persons: 1 });
    expect(suggestion.json.wouldExceedBudget).toBe(true);
    const placed = await call('POST', '/api/v1/protocol/placements', tokens.duty_officer.token, { ...body, budgetOverrideReason: 'no other safe place tonight' });
    expect(placed.status).toBe(201);
    const after = (await call('GET', '/api/v1/protocol/budget?year=2027', tokens.duty_officer.token)).json;
    expect(after.committedCents).toBe(before.committedCents + 18_000);
    const entry = t.db.$client.prepare(`SELECT actor_id, ${READABLE_DETAIL} AS detail FROM audit_entries WHERE action = 'protocol.budget_exceeded'`).get() as { actor_id: string; detail: string };
    expect(entry.actor_id).toBe(tokens.duty_officer.actor.accountId);
    expect(JSON.parse(entry.detail).reason).toBe('no other safe place tonight');
  });

  test('a housing officer may not use the protocol path; a partner may not see the budget', async () => {
    expect.hasAssertions();
    expect((await call('POST', '/api/v1/protocol/suggest', tokens.housing_officer.token, { start: nextStart(), persons: 1 })).status).toBe(403);
    expect((await call('GET', '/api/v1/protocol/budget', tokens.partner.token)).status).toBe(403);
  });
});
