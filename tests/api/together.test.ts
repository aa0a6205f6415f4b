// A family too large for any one unit, over real HTTP: the `together` alternative of the suggestion,
// and POST /api/v1/allocations with together: true, all or none, under a storm of concurrent
// placements on the same units, idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/programmes.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { makeAccounts, makeTestDb, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import { overlappingLiveStayPairs, postJson, prng, type JsonAnswer } from './_support.ts';

let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;

beforeAll(async () => {
  t = makeTestDb();
  acc = makeAccounts(t.db);
  server = await startServer(t.db);
});

afterAll(async () => {
  await server?.close();
  t?.cleanup();
});

type Answer = JsonAnswer;
const post = (path: string, token: string, body: unknown, extra: Record<string, string> = {}): Promise<Answer> => postJson(server.url, path, token, body, extra);

const DAY0 = Date.parse('2027-05-01T00:00:00Z');
const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

function pair(name: string, programme: 'emergency' | 'social_residence' = 'emergency'): string[] {
  const site = createSite(t.db, acc.admin.actor, { name, commune: 'Lunel', confidential: false, address: '1 rue du Port', kind: programme === 'emergency' ? 'apartment' : 'residence' });
  return ['A', 'B'].map((n) => createUnit(t.db, acc.admin.actor, { siteId: site.id, name: `${name} ${n}`, capacity: 4, programmes: [programme], accessible: false }).id);
}

const family = (start: string, end: string, label = 'Famille Nombreuse') => ({
  start,
  end,
  persons: 7,
  programme: 'social_residence',
  household: { label, adults: 2, children: 5 },
  together: true
});

type StayBody = { id: string; unitId: string; start: string; end: string; togetherGroup?: string; adults?: number; children?: number };

describe('POST /api/v1/allocations/suggest and /allocations with together: true', () => {
  it('suggests the together alternative with each unit\'s adults and children, then places it: 201 {stays}', async () => {
    expect.hasAssertions();
    const [a, b] = pair('Résidence Suggest');
    const s = await post('/api/v1/allocations/suggest', acc.duty_officer.token, { start: day(0), end: day(2), persons: 7, programme: 'emergency', adults: 2, children: 5 });
    expect(s.status).toBe(200);
    expect(s.body.alternatives).toEqual([
      {
        kind: 'together',
        nights: 2,
        stays: [
          { unitId: a, start: day(0), end: day(2), adults: 1, children: 3 },
          { unitId: b, start: day(0), end: day(2), adults: 1, children: 2 }
        ]
      }
    ]);
    const placed = await post('/api/v1/allocations', acc.duty_officer.token, { ...family(day(0), day(2)), programme: 'emergency', unitIds: [a, b] });
    expect(placed.status).toBe(201);
    const stays = placed.body.stays as StayBody[];
    expect(stays.map((x) => [x.unitId, x.adults, x.children])).toEqual([
      [a, 1, 3],
      [b, 1, 2]
    ]);
    expect(stays[0].togetherGroup).toBe(stays[1].togetherGroup);
  });

  it.each([
    { why: 'unitIds without together', body: { start: day(40), end: day(41), persons: 1, programme: 'emergency', household: { label: 'X', adults: 1, children: 0 }, unitIds: ['u'] }, status: 400 },
    { why: 'persons not adults + children', body: { ...family(day(40), day(41)), persons: 6 }, status: 422 },
    { why: 'more units than adults', body: { ...family(day(40), day(41)), household: { label: 'X', adults: 1, children: 6 }, unitIds: ['u1', 'u2'] }, status: 422 },
    { why: 'a unit named twice', body: { ...family(day(40), day(41)), unitIds: ['u1', 'u1'] }, status: 400 },
    { why: 'an unknown unit', body: { ...family(day(40), day(41)), unitIds: ['nope', 'nope2'] }, status: 404 },
    { why: 'together not a boolean', body: { ...family(day(40), day(41)), together: 'yes' }, status: 400 }
  ])('bad input ($why): a 4xx, nothing placed', async ({ body, status }) => {
    expect.hasAssertions();
    const before = t.db.$client.prepare('SELECT count(*) AS n FROM stays').get() as { n: number };
    const r = await post('/api/v1/allocations', acc.duty_officer.token, body);
    expect(r.status).toBe(status);
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM stays').get()).toEqual(before);
  });

  it('a storm of concurrent together placements on the same units: 0 overlaps, every answer 201 or 409, never half a family', async () => {
    expect.hasAssertions();
    const units = pair('Résidence Storm', 'social_residence');
    // Some nights of unit B are already taken: a family asking for them finds A free and B not.
    for (const d of [3, 9, 15, 21, 27]) {
      expect((await post('/api/v1/stays', acc.admin.token, { unitId: units[1], start: day(d), end: day(d + 1), programme: 'social_residence', household: { label: `Avant ${d}`, adults: 1, children: 0 } })).status).toBe(201);
    }
    const rnd = prng(20270501);
    const requests = Array.from({ length: 120 }, (_, i) => {
      const first = Math.floor(rnd() * 30);
      const nights = 1 + Math.floor(rnd() * 5);
      // Half name the units they were shown, half let the service choose; a few single placements interfere.
      return { i, start: day(first), end: day(first + nights), kind: i % 10 === 9 ? 'single' : i % 2 ? 'named' : 'best' };
    });
    const tokens = [acc.admin.token, acc.duty_officer.token, acc.housing_officer.token];
    const answers = await Promise.all(
      requests.map((r) =>
        r.kind === 'single'
          ? post('/api/v1/stays', tokens[r.i % 3], { unitId: units[Math.floor(r.i / 10) % 2], start: r.start, end: r.end, programme: 'social_residence', household: { label: `Seul ${r.i}`, adults: 1, children: 0 } })
          : post('/api/v1/allocations', tokens[r.i % 3], { ...family(r.start, r.end, `Storm ${r.i}`), ...(r.kind === 'named' && { unitIds: units }) })
      )
    );
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.has(201) && statuses.has(409)).toBe(true);
    expect(overlappingLiveStayPairs(t.db, units)).toBe(0);
    const together = answers.filter((a, k) => a.status === 201 && requests[k].kind !== 'single');
    expect(together.length).toBeGreaterThan(3);
    for (const a of together) {
      const stays = a.body.stays as StayBody[];
      expect(stays.map((x) => x.unitId).sort()).toEqual([...units].sort());
      expect(new Set(stays.map((x) => x.togetherGroup)).size).toBe(1);
    }
    // Never half a family: every group stored has its two stays, and the live stays are exactly the 201s.
    const groups = t.db.$client.prepare(`SELECT together_group AS g, count(*) AS n FROM stays WHERE unit_id IN (?, ?) AND together_group IS NOT NULL GROUP BY together_group`).all(...units) as { g: string; n: number }[];
    expect(groups.length).toBe(together.length);
    expect(groups.every((g) => g.n === 2)).toBe(true);
    const live = t.db.$client.prepare(`SELECT count(*) AS n FROM stays WHERE unit_id IN (?, ?) AND status = 'confirmed'`).get(...units) as { n: number };
    const singles = answers.filter((a, k) => a.status === 201 && requests[k].kind === 'single').length;
    expect(live.n).toBe(together.length * 2 + singles + 5);
    const codes = new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code));
    expect(codes).toEqual(new Set(['overlap', 'no_availability']));
  });

  it('one Idempotency-Key covers the stays: replays, even concurrent, give the same answer and place once', async () => {
    expect.hasAssertions();
    const units = pair('Résidence Replay');
    const body = { ...family(day(50), day(52)), programme: 'emergency', unitIds: units };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/api/v1/allocations', acc.duty_officer.token, body, { 'idempotency-key': 'famille-7-replay' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    const n = t.db.$client.prepare(`SELECT count(*) AS n FROM stays WHERE unit_id IN (?, ?)`).get(...units) as { n: number };
    expect(n.n).toBe(2);
  });

  it('the OpenAPI document names the together kind, the together flag and the {stays} answer', async () => {
    expect.hasAssertions();
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).text();
    expect(doc).toContain('"together"');
    expect(doc).toContain('TogetherPlacement');
    expect(doc).toContain('unitIds');
  });
});
