// Over real HTTP, GET /api/v1/availability sends the answer written as bytes: for every role and
// filter, the body is byte for byte JSON.stringify of the object form (getAvailability), its JSON
// satisfies the documented response schema, its ETag is the one the route gives again, and a
// partner's answer lists neither the confidential unit nor the private landlord's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/programmes.ts';
import { availability } from '../../src/schemas/allocation.ts';
import { getAvailability, type AvailabilityQuery } from '../../src/services/availability.ts';
import { setClock } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import { ROLES } from './_support.ts';

const NOW = Date.parse('2027-01-04T10:00:00+01:00');
const ODD_NAME = 'Le "Refuge" \\ n°1\u2028 😀';
const QUERIES: AvailabilityQuery[] = [
  { from: '2027-01-10', to: '2027-01-24' },
  { from: '2027-01-10', to: '2027-01-24', persons: 2 },
  { from: '2027-01-10', to: '2027-01-24', programme: 'dv_protocol' },
  { from: '2027-01-01', to: '2027-01-02' }
];
const url = (q: AvailabilityQuery) =>
  `/api/v1/availability?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;

let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  const open = makeUnit(t.db, admin, { name: ODD_NAME, commune: 'Saint-Jean-de-Védas', capacity: 3, programmes: ['emergency', 'dv_protocol'] });
  makeUnit(t.db, admin, { name: 'Abri-confidentiel', capacity: 2, confidential: true, address: '3 rue Secrète', programmes: ['dv_protocol'] });
  makeUnit(t.db, admin, { name: 'Bailleur-privé', capacity: 4, siteKind: 'private', programmes: ['emergency'] });
  placeStay(t.db, admin, { unitId: open, start: '2027-01-12', end: '2027-01-15', programme: 'emergency', household: { label: 'Famille Test', adults: 1, children: 0 } });
  server = await startServer(t.db);
});
afterAll(async () => {
  await server?.close();
  t?.cleanup();
  setClock(null);
});

describe('GET /api/v1/availability sends the answer written as bytes', () => {
  it.each(ROLES)('as %s: byte for byte the object form through JSON.stringify, within the response schema, with a stable ETag', async (role) => {
    expect.hasAssertions();
    for (const q of QUERIES) {
      const res = await fetch(server.url + url(q), { headers: bearer(acc[role].token) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = Buffer.from(await res.arrayBuffer());
      const expected = Buffer.from(JSON.stringify(getAvailability(t.db, acc[role].actor, q)), 'utf8');
      expect(body.toString('latin1')).toBe(expected.toString('latin1'));
      const parsed = availability.safeParse(JSON.parse(body.toString('utf8')));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const again = await fetch(server.url + url(q), { headers: bearer(acc[role].token) });
      await again.arrayBuffer();
      expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
      const names = JSON.parse(body.toString('utf8')).units.map((u: { name: string }) => u.name) as string[];
      if (role === 'partner') {
        expect(names).not.toContain('Abri-confidentiel');
        expect(names).not.toContain('Bailleur-privé');
      } else if (!q.programme && q.to !== '2027-01-02') {
        expect(names).toEqual([ODD_NAME, 'Abri-confidentiel', 'Bailleur-privé']);
      }
    }
  });
});
