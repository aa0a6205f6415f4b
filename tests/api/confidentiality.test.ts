// Over HTTP: a household placed under emergency, then under the DV protocol by its id (or through
// the protocol path), reaches nobody by its name: a housing officer reading her later residence stay,
// the list of stays or her mission application gets the pseudonym only. The access request
// (GET /api/v1/households/:id/export) is an admin's, audited, and carries no trace of the household
// she is kept apart from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdExport } from '../../src/schemas/households.ts';
import { setClock } from '../../src/services/clock.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import { expectProblem } from './_support.ts';

const NOW = Date.parse('2027-01-04T15:00:00+01:00');
const NAME = 'Mme Sarah Lemaire';
const PARTNER = 'M. Denis Lemaire';
const SECRET = '4 rue des Glycines, 34400 Lunel';

let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;
let flat: string;
let hidden: string;
let hotel: string;
let residence: string;

async function call(role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await server.app.inject({ method, url, headers: bearer(acc[role].token), payload: payload as object });
  return r;
}

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  const site = (name: string, confidential: boolean, kind: 'apartment' | 'hotel' | 'residence' = 'apartment', address = `${name} 1 rue`) => createSite(t.db, admin, { name, commune: 'Lunel', confidential, address, kind }).id;
  flat = createUnit(t.db, admin, { siteId: site('Foyer', false), name: 'T3', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  hidden = createUnit(t.db, admin, { siteId: site('Maison', true, 'apartment', SECRET), name: 'T2', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  hotel = createUnit(t.db, admin, { siteId: site('Hôtel', false, 'hotel'), name: 'Chambre', capacity: 3, programmes: ['dv_protocol'], nightlyCost: 50 }).id;
  residence = createUnit(t.db, admin, { siteId: site('Résidence', false, 'residence'), name: 'Studio', capacity: 4, programmes: ['social_residence'] }).id;
  server = await startServer(t.db);
});
afterAll(async () => {
  await server?.close();
  t?.cleanup();
  setClock(null);
});

/** Places a household under emergency over HTTP (duty officer); returns its id. */
async function emergencyHousehold(label: string, start: string): Promise<string> {
  const r = await call('duty_officer', 'POST', '/api/v1/stays', { unitId: flat, start, end: `${start.slice(0, 8)}${String(Number(start.slice(8)) + 2).padStart(2, '0')}`, programme: 'emergency', household: { label, adults: 1, children: 1 } });
  expect(r.statusCode).toBe(201);
  expect(r.json().household.label).toBe(label);
  return r.json().householdId;
}

describe('a household that becomes confidential, read over HTTP', () => {
  it('placed under dv_protocol by householdId: a housing officer reading her residence stay and the stays gets the pseudonym, never the name', async () => {
    expect.hasAssertions();
    const householdId = await emergencyHousehold(NAME, '2027-01-05');
    const dv = await call('duty_officer', 'POST', '/api/v1/stays', { unitId: hidden, start: '2027-01-08', end: '2027-01-12', programme: 'dv_protocol', householdId });
    expect(dv.statusCode).toBe(201);
    expect(dv.json().household).toMatchObject({ label: null, confidential: true });
    expect(dv.body).not.toContain('Lemaire');
    const res = await call('admin', 'POST', '/api/v1/stays', { unitId: residence, start: '2027-01-12', end: '2027-01-30', programme: 'social_residence', householdId });
    expect(res.statusCode).toBe(201);

    const one = await call('housing_officer', 'GET', `/api/v1/stays/${res.json().id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().household).toMatchObject({ label: null, confidential: true });
    expect(one.json().household.pseudonym).toMatch(/\S/);
    expect(one.body).not.toContain('Lemaire');
    const list = await call('housing_officer', 'GET', '/api/v1/stays?from=2027-01-01&to=2027-02-01');
    expect(list.statusCode).toBe(200);
    expect(list.json().stays.length).toBeGreaterThan(0);
    expect(list.body).not.toContain('Lemaire');
  });

  it('placed through the protocol path as a known household: the same', async () => {
    expect.hasAssertions();
    const householdId = await emergencyHousehold('Mme Chloé Vasseur', '2027-02-01');
    const path = await call('duty_officer', 'POST', '/api/v1/protocol/placements', { householdId, start: '2027-02-05', hotelUnitId: hotel });
    expect(path.statusCode).toBe(201);
    expect(path.json().hotel).toMatchObject({ householdId, household: { label: null, confidential: true } });
    const list = await call('housing_officer', 'GET', '/api/v1/stays?from=2027-02-01&to=2027-03-01');
    expect(list.body).not.toContain('Vasseur');
  });

  it('her housing-mission application, opened over the API, carries the pseudonym only', async () => {
    expect.hasAssertions();
    const householdId = await emergencyHousehold('Mme Inès Carpentier', '2027-03-01');
    const applicant = await call('housing_officer', 'POST', '/api/v1/applicants', {
      householdId,
      label: 'Mme Inès Carpentier',
      persons: 2,
      accessibleNeeded: false,
      maxRentCents: 70000,
      yearlyIncomeCents: 1400000,
      communes: ['Lunel'],
      neededFrom: '2027-04-01',
      waitingSince: '2027-01-01',
      situation: 'emergency_stay'
    });
    expect(applicant.statusCode).toBe(201);
    expect((await call('duty_officer', 'POST', '/api/v1/stays', { unitId: hidden, start: '2027-03-05', end: '2027-03-08', programme: 'dv_protocol', householdId })).statusCode).toBe(201);
    const one = await call('housing_officer', 'GET', `/api/v1/applicants/${applicant.json().id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ confidential: true, canReveal: true });
    expect(one.body).not.toContain('Carpentier');
    expect((await call('housing_officer', 'GET', '/api/v1/applicants')).body).not.toContain('Carpentier');
  });
});

describe('GET /api/v1/households/:id/export', () => {
  let month = 4;
  /** He is sheltered first; she names him (keep apart). Each call on a month of its own. */
  async function keptApart(): Promise<{ her: string; him: string; himPseudonym: string }> {
    const m = String(++month).padStart(2, '0');
    const him = await emergencyHousehold(PARTNER, `2027-${m}-01`);
    const her = await call('duty_officer', 'POST', '/api/v1/stays', {
      unitId: hidden,
      start: `2027-${m}-10`,
      end: `2027-${m}-14`,
      programme: 'dv_protocol',
      household: { label: NAME, adults: 1, children: 2, keepApartFrom: him }
    });
    expect(her.statusCode).toBe(201);
    const himPseudonym = t.db.$client.prepare('SELECT pseudonym FROM households WHERE id = ?').pluck().get(him) as string;
    return { her: her.json().householdId, him, himPseudonym };
  }

  it('an admin gets everything held about her as JSON, with no trace of the household she is kept apart from nor a confidential address; audited', async () => {
    expect.hasAssertions();
    const { her, him, himPseudonym } = await keptApart();
    const r = await call('admin', 'GET', `/api/v1/households/${her}/export`);
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^application\/json/);
    expect(String(r.headers['content-disposition'])).toContain('attachment');
    const body = householdExport.parse(r.json());
    expect(body.household).toMatchObject({ id: her, label: NAME, confidential: true });
    expect(body.stays).toHaveLength(1);
    for (const trace of [him, himPseudonym, PARTNER, 'Denis', 'keepApart', SECRET, 'Glycines']) expect(r.body, trace).not.toContain(trace);
    const audited = t.db.$client.prepare(`SELECT actor_id AS actorId FROM audit_entries WHERE action = 'household.export' AND entity_id = ?`).all(her);
    expect(audited).toEqual([{ actorId: acc.admin.actor.accountId }]);
  });

  it.each(['duty_officer', 'housing_officer', 'partner'] as Role[])('a %s gets 403, and nothing is written', async (role) => {
    expect.hasAssertions();
    const { her } = await keptApart();
    const before = t.db.$client.prepare('SELECT count(*) FROM audit_entries').pluck().get();
    expectProblem(await call(role, 'GET', `/api/v1/households/${her}/export`), 403, 'forbidden');
    expect(t.db.$client.prepare('SELECT count(*) FROM audit_entries').pluck().get()).toBe(before);
  });

  it('an unknown household is 404; no token is 401', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'GET', '/api/v1/households/no-such-household/export'), 404, 'not_found');
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/v1/households/x/export' });
    expectProblem(anonymous, 401, 'unauthorized');
  });

  it('is in the OpenAPI document', async () => {
    expect.hasAssertions();
    const spec = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/v1/households/{id}/export'].get.responses['200']).toBeDefined();
  });
});
