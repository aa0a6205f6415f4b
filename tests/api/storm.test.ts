// Concurrency over real HTTP: hundreds of placements at once on a few units never double-book a
// night, every answer tells the truth, and an Idempotency-Key places a household once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/programmes.ts';
import { makeAccounts, makeTestDb, makeUnit, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
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

const DAY0 = Date.parse('2027-02-01T00:00:00Z');
const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start < b.end && b.start < a.end;

interface LiveStay {
  id: string;
  unit_id: string;
  start_date: string;
  end_date: string;
  status: string;
}
const liveStaysOn = (unitIds: string[]) =>
  t.db.$client.prepare(`SELECT id, unit_id, start_date, end_date, status FROM stays WHERE unit_id IN (${unitIds.map(() => '?').join(',')}) AND status IN ('hold','confirmed','in_place')`).all(...unitIds) as LiveStay[];

describe('a storm of concurrent POST /api/v1/stays', () => {
  it('600 placements at once on 4 units: no two live stays share a night, every 201 is stored, every 409 is a real conflict', async () => {
    expect.hasAssertions();
    const units = [1, 2, 3, 4].map((i) => makeUnit(t.db, acc.admin.actor, { name: `Storm ${i}`, capacity: 4, programmes: ['emergency'] }));
    const rnd = prng(20270201);
    const tokens = [acc.admin.token, acc.duty_officer.token];
    const requests = Array.from({ length: 600 }, (_, i) => {
      const first = Math.floor(rnd() * 80);
      const nights = 1 + Math.floor(rnd() * 6);
      return { i, unitId: units[Math.floor(rnd() * units.length)], start: day(first), end: day(first + nights), label: `Storm ${i}` };
    });

    const answers = await Promise.all(
      requests.map((r) => post('/api/v1/stays', tokens[r.i % 2], { unitId: r.unitId, start: r.start, end: r.end, programme: 'emergency', household: { label: r.label, adults: 1, children: 0 } }))
    );

    const byStatus = answers.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {});
    expect(Object.keys(byStatus).sort()).toEqual(['201', '409']);
    expect(overlappingLiveStayPairs(t.db, units)).toBe(0);

    const accepted = requests.filter((_, k) => answers[k].status === 201);
    const refused = requests.filter((_, k) => answers[k].status === 409);
    const stored = liveStaysOn(units);
    expect(stored.length).toBe(accepted.length);
    const storedById = new Map(stored.map((s) => [s.id, s]));
    for (const [k, r] of requests.entries()) {
      const a = answers[k];
      if (a.status !== 201) continue;
      expect(a.body).toMatchObject({ unitId: r.unitId, start: r.start, end: r.end, status: 'confirmed' });
      expect(storedById.get(a.body.id as string)).toMatchObject({ unit_id: r.unitId, start_date: r.start, end_date: r.end, status: 'confirmed' });
    }
    // Nothing is ever cancelled in the storm: the stay that refused a 409 is among the accepted ones.
    const acceptedRanges = new Map(units.map((u) => [u, accepted.filter((r) => r.unitId === u)]));
    for (const [k, r] of requests.entries()) {
      const a = answers[k];
      if (a.status !== 409) continue;
      expect(a.body.code).toBe('overlap');
      const onUnit = acceptedRanges.get(r.unitId)!;
      expect(onUnit.some((s) => overlaps(s, r)), `409 for ${r.start}..${r.end} on ${r.unitId} without an accepted stay there`).toBe(true);
      const conflicts = a.body.conflicts as { start: string; end: string; kind: string }[];
      expect(conflicts.length).toBeGreaterThan(0);
      for (const c of conflicts) {
        expect(c.kind).toBe('stay');
        expect(overlaps(c, r)).toBe(true);
        expect(onUnit.some((s) => s.start === c.start && s.end === c.end)).toBe(true);
      }
    }
    expect(accepted.length + refused.length).toBe(600);
    expect(accepted.length).toBeGreaterThan(20);
    expect(refused.length).toBeGreaterThan(100);
  });
});

describe('a storm of concurrent POST /api/v1/allocations', () => {
  it('200 allocations at once: no two live stays share a night, each 201 is stored on a unit that fits, each 409 had no unit free', async () => {
    expect.hasAssertions();
    const specs = [
      { capacity: 1, name: 'Studio' },
      { capacity: 2, name: 'T1' },
      { capacity: 3, name: 'T2' },
      { capacity: 4, name: 'T3' }
    ];
    const units = specs.map((s) => ({ ...s, id: makeUnit(t.db, acc.admin.actor, { name: `Alloc ${s.name}`, capacity: s.capacity, programmes: ['social_residence'], siteKind: 'residence' }) }));
    const unitIds = units.map((u) => u.id);
    const rnd = prng(20270601);
    const requests = Array.from({ length: 200 }, (_, i) => {
      const first = 120 + Math.floor(rnd() * 60);
      const nights = 1 + Math.floor(rnd() * 8);
      const adults = 1 + Math.floor(rnd() * 2);
      const children = Math.floor(rnd() * 3);
      return { i, start: day(first), end: day(first + nights), persons: adults + children, household: { label: `Alloc ${i}`, adults, children } };
    });

    const answers = await Promise.all(
      requests.map((r) => post('/api/v1/allocations', r.i % 2 ? acc.housing_officer.token : acc.duty_officer.token, { start: r.start, end: r.end, persons: r.persons, programme: 'social_residence', household: r.household }))
    );

    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(overlappingLiveStayPairs(t.db, unitIds)).toBe(0);
    const stored = liveStaysOn(unitIds);
    const accepted = answers.filter((a) => a.status === 201);
    expect(stored.length).toBe(accepted.length);
    const storedById = new Map(stored.map((s) => [s.id, s]));
    for (const [k, r] of requests.entries()) {
      const a = answers[k];
      if (a.status === 201) {
        const unit = units.find((u) => u.id === a.body.unitId)!;
        expect(unit.capacity).toBeGreaterThanOrEqual(r.persons);
        expect(storedById.get(a.body.id as string)).toMatchObject({ unit_id: unit.id, start_date: r.start, end_date: r.end });
      } else {
        expect(a.body.code).toBe('no_availability');
        // Every unit that holds the household has a live stay over one of the nights asked.
        for (const u of units.filter((x) => x.capacity >= r.persons)) {
          expect(
            stored.some((s) => s.unit_id === u.id && overlaps({ start: s.start_date, end: s.end_date }, r)),
            `409 for ${r.persons} persons ${r.start}..${r.end} while ${u.name} was free`
          ).toBe(true);
        }
      }
    }
    expect(accepted.length).toBeGreaterThan(10);
    expect(answers.length - accepted.length).toBeGreaterThan(10);
  });
});

describe('Idempotency-Key over HTTP', () => {
  it('20 concurrent POST /stays with the same key: all 201 with the same id, exactly one stay', async () => {
    expect.hasAssertions();
    const unitId = makeUnit(t.db, acc.admin.actor, { name: 'Idem', capacity: 4, programmes: ['emergency'] });
    const body = { unitId, start: '2027-09-01', end: '2027-09-04', programme: 'emergency', household: { label: 'Famille Idem', adults: 2, children: 1 } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/api/v1/stays', acc.duty_officer.token, body, { 'idempotency-key': 'phone-retry-42' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const n = t.db.$client.prepare('SELECT count(*) AS n FROM stays WHERE unit_id = ?').get(unitId) as { n: number };
    expect(n.n).toBe(1);
    const households = t.db.$client.prepare("SELECT count(*) AS n FROM households WHERE label = 'Famille Idem'").get() as { n: number };
    expect(households.n).toBe(1);
  });

  it('20 concurrent POST /allocations with the same key: all 201 with the same id, exactly one stay', async () => {
    expect.hasAssertions();
    makeUnit(t.db, acc.admin.actor, { name: 'Idem alloc', capacity: 4, programmes: ['housing_mission'], siteKind: 'private' });
    const body = { start: '2027-10-01', end: '2027-10-04', persons: 2, programme: 'housing_mission', household: { label: 'Famille Idem Alloc', adults: 2, children: 0 } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/api/v1/allocations', acc.housing_officer.token, body, { 'idempotency-key': 'alloc-retry-7' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const n = t.db.$client.prepare("SELECT count(*) AS n FROM stays s JOIN households h ON h.id = s.household_id WHERE h.label = 'Famille Idem Alloc'").get() as { n: number };
    expect(n.n).toBe(1);
  });
});
