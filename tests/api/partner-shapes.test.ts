// What a partner receives over the API, route by route: each JSON answer has exactly the keys of
// its partner shape (recursively: no key more, none missing but the optional ones), and holds no
// household name or pseudonym, and nothing of a confidential site (its name, address, units).
// The browser canary checks the pages; this checks every API route a partner may call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeStay } from '../../src/services/stays.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import type { Role } from '../../src/domain/programmes.ts';

/** An allowed shape: a value, a list of one shape, or an object whose keys are listed ("key?" when optional). */
type Shape = 'value' | readonly [Shape] | { readonly [key: string]: Shape };

/** The paths where `value` leaves `shape`: a key not allowed, a key missing, a list or object where a value is expected. */
function offShape(value: unknown, shape: Shape, path = '$'): string[] {
  if (shape === 'value') return value !== null && typeof value === 'object' ? [`${path}: an object or list where a value was expected`] : [];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: not a list`];
    return value.flatMap((item, i) => offShape(item, shape[0], `${path}[${i}]`));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
  const allowed = new Map(Object.entries(shape).map(([k, s]) => [k.replace(/\?$/, ''), { shape: s, optional: k.endsWith('?') }]));
  const off: string[] = [];
  for (const key of Object.keys(value)) if (!allowed.has(key)) off.push(`${path}.${key}: not in the partner's shape`);
  for (const [key, { shape: s, optional }] of allowed) {
    if (!(key in value)) {
      if (!optional) off.push(`${path}.${key}: missing`);
    } else off.push(...offShape((value as Record<string, unknown>)[key], s, `${path}.${key}`));
  }
  return off;
}

const RANGE = { start: 'value', end: 'value' } as const;
const AVAILABILITY: Shape = {
  from: 'value',
  to: 'value',
  units: [{ unitId: 'value', name: 'value', commune: 'value', capacity: 'value', programmes: ['value'], free: [RANGE] }],
  nights: [{ date: 'value', freeUnits: 'value', freePlaces: 'value' }]
};
const UNITS: Shape = {
  units: [{ id: 'value', name: 'value', capacity: 'value', programmes: ['value'], accessible: 'value', site: { id: 'value', name: 'value', commune: 'value', confidential: 'value', kind: 'value', address: 'value' } }]
};
const REFERRAL = {
  id: 'value',
  status: 'value',
  programme: 'value',
  urgency: 'value',
  requestedStart: 'value',
  nights: 'value',
  adults: 'value',
  children: 'value',
  receivedAt: 'value',
  'decidedAt?': 'value',
  'placedAt?': 'value'
} as const;
const REFERRALS: Shape = { referrals: [REFERRAL] };

describe('offShape', () => {
  it('finds a key too many, a key missing and a nested object where a value is expected, and accepts the shape itself', () => {
    expect(offShape({ id: 'a', status: 's' }, { id: 'value', 'note?': 'value', status: 'value' })).toEqual([]);
    expect(offShape({ list: [{ a: 1, b: 2 }] }, { list: [{ a: 'value' }] })).toEqual(['$.list[0].b: not in the partner\'s shape']);
    expect(offShape({ a: 1 }, { a: 'value', b: 'value' })).toEqual(['$.b: missing']);
    expect(offShape({ a: { name: 'x' } }, { a: 'value' })).toEqual(['$.a: an object or list where a value was expected']);
  });
});

let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;
/** Everything a partner must never read. */
const secrets: string[] = [];

beforeAll(async () => {
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const publicUnit = makeUnit(t.db, acc.admin.actor, { name: 'Studio public', programmes: ['emergency', 'dv_protocol'], address: '3 rue Publique' });
  const hidden = makeUnit(t.db, acc.admin.actor, { name: 'Logement Canary-Unite-P4', programmes: ['dv_protocol', 'emergency'], confidential: true, commune: 'Lunel', address: '9 impasse Canary-Adresse-P4' });
  const landlord = makeUnit(t.db, acc.admin.actor, { name: 'Canary-Bailleur-P4', programmes: ['emergency'], siteKind: 'private', address: '5 rue Canary-Bailleur-P4' });
  t.db.$client.prepare("UPDATE sites SET name = 'Canary-Site-P4' WHERE confidential = 1").run();
  const placed = [
    placeStay(t.db, acc.duty_officer.actor, { unitId: publicUnit, start: '2027-05-02', end: '2027-05-04', programme: 'emergency', household: { label: 'Famille Canary-Nom-Public', adults: 1, children: 0 } }),
    placeStay(t.db, acc.duty_officer.actor, { unitId: hidden, start: '2027-05-01', end: '2027-05-05', programme: 'dv_protocol', household: { label: 'Mme Canary-Nom-Cachee', adults: 1, children: 1 } }),
    placeStay(t.db, acc.duty_officer.actor, { unitId: landlord, start: '2027-05-01', end: '2027-05-03', programme: 'emergency', household: { label: 'M. Canary-Nom-Bailleur', adults: 1, children: 0 } })
  ];
  const households = t.db.$client.prepare('SELECT id, label, pseudonym FROM households').all() as { id: string; label: string; pseudonym: string }[];
  const units = t.db.$client.prepare('SELECT u.id, u.name, s.id AS siteId FROM units u JOIN sites s ON s.id = u.site_id WHERE s.confidential = 1 OR s.kind = ?').all('private') as { id: string; name: string; siteId: string }[];
  secrets.push(
    'Canary',
    '9 impasse',
    ...households.flatMap((h) => [h.id, h.label, h.pseudonym]),
    ...units.flatMap((u) => [u.id, u.name, u.siteId]),
    ...placed.map((p) => p.value.id)
  );
  server = await startServer(t.db);
});
afterAll(async () => {
  await server?.close();
  t?.cleanup();
});

async function asPartner(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: bearer(acc.partner.token, body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  return { status: res.status, json: await res.json() };
}

/** The answer is `status`, of exactly `shape`, and holds none of the secrets. */
function expectPartnerAnswer(answer: { status: number; json: unknown }, status: number, shape: Shape): void {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(offShape(answer.json, shape)).toEqual([]);
  const text = JSON.stringify(answer.json);
  expect(secrets.filter((s) => text.includes(s))).toEqual([]);
}

describe("a partner's answers over the API", () => {
  it('GET /availability, with and without filters: units and nightly totals only, no confidential or private unit', async () => {
    expect.hasAssertions();
    for (const query of ['', '&programme=dv_protocol', '&programme=emergency&persons=1']) {
      const answer = await asPartner('GET', `/api/v1/availability?from=2027-05-01&to=2027-05-06${query}`);
      expectPartnerAnswer(answer, 200, AVAILABILITY);
      // The public unit is there: the answer is not empty by accident.
      expect((answer.json as { units: { name: string }[] }).units.map((u) => u.name)).toEqual(['Studio public']);
    }
  });

  it('GET /units: public sites only, without cost or confidential address', async () => {
    expect.hasAssertions();
    const answer = await asPartner('GET', '/api/v1/units');
    expectPartnerAnswer(answer, 200, UNITS);
    expect((answer.json as { units: { name: string }[] }).units.map((u) => u.name)).toEqual(['Studio public']);
  });

  it('POST /referrals, GET /referrals/:id, GET /referrals, and a withdrawal: the partner referral shape, at each step', async () => {
    expect.hasAssertions();
    const sent = await asPartner('POST', '/api/v1/referrals', {
      programme: 'dv_protocol',
      urgency: 'immediate',
      requestedStart: '2027-05-01',
      nights: 3,
      household: { adults: 1, children: 1, needs: ['Canary-Besoin'] },
      referrer: { contact: 'Adjudant Canary-Contact', phone: '04 67 00 00 00', email: 'canary@gendarmerie.test' },
      notes: 'Canary-Note'
    });
    expectPartnerAnswer(sent, 201, REFERRAL);
    const id = (sent.json as { id: string }).id;
    // Placed on the confidential unit by the duty officer: the partner sees "placed", not where.
    const placed = placeStay(t.db, acc.duty_officer.actor, {
      unitId: (t.db.$client.prepare("SELECT u.id FROM units u JOIN sites s ON s.id = u.site_id WHERE s.confidential = 1").get() as { id: string }).id,
      start: '2027-06-01',
      end: '2027-06-04',
      programme: 'dv_protocol',
      household: { label: 'Mme Canary-Nom-Orientee', adults: 1, children: 1 },
      referralId: id
    });
    secrets.push(placed.value.id, placed.value.householdId as string);
    const read = await asPartner('GET', `/api/v1/referrals/${id}`);
    expectPartnerAnswer(read, 200, REFERRAL);
    expect(read.json).toMatchObject({ status: 'placed' });
    expectPartnerAnswer(await asPartner('GET', '/api/v1/referrals'), 200, REFERRALS);
    expectPartnerAnswer(await asPartner('GET', '/api/v1/referrals?status=placed'), 200, REFERRALS);

    const another = await asPartner('POST', '/api/v1/referrals', { programme: 'emergency', urgency: 'planned', requestedStart: '2027-07-01', nights: 2, household: { adults: 2, children: 0 }, referrer: { contact: 'Adjudant Rey', phone: '04 67 00 00 01' } });
    expectPartnerAnswer(another, 201, REFERRAL);
    const withdrawn = await asPartner('POST', `/api/v1/referrals/${(another.json as { id: string }).id}/decision`, { outcome: 'withdrawn', reason: 'Canary-Motif' });
    expectPartnerAnswer(withdrawn, 200, REFERRAL);
    expect(withdrawn.json).toMatchObject({ status: 'withdrawn' });
    const list = await asPartner('GET', '/api/v1/referrals');
    expectPartnerAnswer(list, 200, REFERRALS);
    expect((list.json as { referrals: unknown[] }).referrals).toHaveLength(2);
  });
});
