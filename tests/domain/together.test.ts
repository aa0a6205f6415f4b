// Specification of the `together` alternative: a household too large for any one unit, placed in
// several units on the same nights (docs/domain.md, "Allocation").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isFree } from '../../src/domain/availability.ts';
import { countNights } from '../../src/domain/dates.ts';
import { allAlternatives, findTogether, shareHousehold, type AllocationRequest, type CandidateUnit, type Composition } from '../../src/domain/allocation.ts';

function unit(id: string, seq: number, capacity: number, over: Partial<CandidateUnit> = {}): CandidateUnit {
  return { id, seq, capacity, accessible: true, programmes: ['emergency'], maxNights: 92, busy: [], siteId: 'S1', commune: 'Lunel', ...over };
}

const START = '2026-12-04';
const END = '2026-12-05';
const req = (adults: number, children: number, over: Partial<AllocationRequest> = {}) => ({
  start: START,
  end: END,
  persons: adults + children,
  programme: 'emergency' as const,
  household: { adults, children },
  ...over
});

describe('findTogether: which units, table', () => {
  it.each([
    {
      rule: 'the family of 7 in the earliest created two units of one site that hold it, each with an adult',
      units: [unit('a', 1, 2), unit('b', 2, 4), unit('c', 3, 3), unit('d', 4, 4)],
      household: [2, 5],
      stays: [
        { unitId: 'b', adults: 1, children: 3 },
        { unitId: 'c', adults: 1, children: 2 }
      ]
    },
    {
      rule: 'the same site before the same commune, even with more units',
      units: [unit('x', 1, 4, { siteId: 'S2' }), unit('y', 2, 4, { siteId: 'S3' }), unit('a', 3, 3), unit('b', 4, 2), unit('c', 5, 2)],
      household: [3, 4],
      stays: [
        { unitId: 'a', adults: 1, children: 2 },
        { unitId: 'b', adults: 1, children: 1 },
        { unitId: 'c', adults: 1, children: 1 }
      ]
    },
    {
      rule: 'the same commune before units of different communes',
      units: [unit('far', 1, 4, { siteId: 'S9', commune: 'Sommières' }), unit('a', 2, 3, { siteId: 'S2' }), unit('b', 3, 3, { siteId: 'S3' })],
      household: [2, 3],
      stays: [
        { unitId: 'a', adults: 1, children: 2 },
        { unitId: 'b', adults: 1, children: 1 }
      ]
    },
    {
      rule: 'within one site the fewest units, then the earliest created',
      units: [unit('a', 1, 2), unit('b', 2, 2), unit('c', 3, 2), unit('d', 4, 5), unit('e', 5, 5)],
      household: [2, 4],
      stays: [
        { unitId: 'a', adults: 1, children: 1 },
        { unitId: 'd', adults: 1, children: 3 }
      ]
    },
    {
      rule: 'adults fill before children, one adult in each unit first',
      units: [unit('a', 1, 4), unit('b', 2, 4)],
      household: [3, 4],
      stays: [
        { unitId: 'a', adults: 2, children: 2 },
        { unitId: 'b', adults: 1, children: 2 }
      ]
    }
  ])('$rule', ({ units, household, stays }) => {
    expect.hasAssertions();
    const t = findTogether(units, req(household[0], household[1]));
    expect(t).toEqual({ kind: 'together', nights: 1, stays: stays.map((s) => ({ ...s, start: START, end: END })) });
  });

  it.each([
    { rule: 'fewer adults than the units needed', units: [unit('a', 1, 4), unit('b', 2, 4)], household: [1, 6] },
    { rule: 'a single unit holds the household (an option, not an alternative)', units: [unit('a', 1, 7), unit('b', 2, 4)], household: [2, 5] },
    { rule: 'the units together are too small', units: [unit('a', 1, 3), unit('b', 2, 3)], household: [2, 5] },
    { rule: 'a unit busy on the night is not counted', units: [unit('a', 1, 4), unit('b', 2, 4, { busy: [{ start: START, end: END }] })], household: [2, 5] },
    { rule: 'a unit of another programme is not counted', units: [unit('a', 1, 4), unit('b', 2, 4, { programmes: ['social_residence'] })], household: [2, 5] },
    { rule: 'a unit over its limit is not counted', units: [unit('a', 1, 4), unit('b', 2, 4, { maxNights: 0 })], household: [2, 5] }
  ])('no together option: $rule', ({ units, household }) => {
    expect.hasAssertions();
    expect(findTogether(units, req(household[0], household[1]))).toBeNull();
  });

  it('only accessible units when accessibility is asked', () => {
    expect.hasAssertions();
    const units = [unit('a', 1, 4), unit('b', 2, 4, { accessible: false }), unit('c', 3, 4)];
    expect(findTogether(units, req(2, 5, { accessible: true }))!.stays.map((s) => s.unitId)).toEqual(['a', 'c']);
  });

  it('without the composition, the units alone (no adults or children given)', () => {
    expect.hasAssertions();
    const t = findTogether([unit('a', 1, 4), unit('b', 2, 4)], { start: START, end: END, persons: 7, programme: 'emergency' });
    expect(t!.stays).toEqual([
      { unitId: 'a', start: START, end: END },
      { unitId: 'b', start: START, end: END }
    ]);
  });

  it('comes last among the alternatives, and the split on consecutive nights is kept', () => {
    expect.hasAssertions();
    const units = [unit('a', 1, 4), unit('b', 2, 4), unit('big', 3, 8, { busy: [{ start: '2026-12-05', end: '2026-12-06' }] }), unit('big2', 4, 8, { busy: [{ start: START, end: '2026-12-05' }] })];
    const alts = allAlternatives(units, req(2, 5, { end: '2026-12-06' }));
    expect(alts.map((a) => a.kind)).toEqual(['shorter', 'later', 'split', 'together']);
  });
});

describe('shareHousehold', () => {
  it.each([
    { caps: [4, 4], h: [2, 5], out: [[1, 3], [1, 2]] },
    { caps: [2, 2, 3], h: [3, 4], out: [[1, 1], [1, 1], [1, 2]] },
    { caps: [4, 4], h: [1, 6], out: null },
    { caps: [3, 3], h: [2, 5], out: null },
    { caps: [1, 1], h: [2, 0], out: [[1, 0], [1, 0]] }
  ])('$caps for $h', ({ caps, h, out }) => {
    expect.hasAssertions();
    const shares = shareHousehold(caps, { adults: h[0], children: h[1] });
    expect(shares).toEqual(out && out.map(([adults, children]) => ({ adults, children })));
  });
});

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length < b.length;
}

// The brute-force model: every subset of the units, the nearest, then the fewest, then the earliest created.
function model(units: CandidateUnit[], r: AllocationRequest & { household: Composition }): string[] | null {
  const nights = countNights(r.start, r.end);
  const eligible = units.filter((u) => u.programmes.includes(r.programme) && (!r.accessible || u.accessible) && (u.maxNights === null || nights <= u.maxNights) && isFree(u.busy, r.start, r.end));
  if (eligible.some((u) => u.capacity >= r.persons)) return null;
  let best: { key: number[]; ids: string[] } | null = null;
  for (let mask = 1; mask < 1 << eligible.length; mask++) {
    const set = eligible.filter((_, i) => mask & (1 << i)).sort((a, b) => a.seq - b.seq);
    if (set.length < 2 || set.length > r.household.adults) continue;
    if (set.reduce((a, u) => a + u.capacity, 0) < r.persons) continue;
    const nearness = new Set(set.map((u) => u.siteId)).size === 1 ? 0 : new Set(set.map((u) => u.commune)).size === 1 ? 1 : 2;
    const key = [nearness, set.length, ...set.map((u) => u.seq)];
    if (!best || lexLess(key, best.key)) best = { key, ids: set.map((u) => u.id) };
  }
  return best ? best.ids : null;
}

const arbUnits = fc
  .array(
    fc.record({
      capacity: fc.integer({ min: 1, max: 5 }),
      site: fc.integer({ min: 0, max: 3 }),
      accessible: fc.boolean(),
      busy: fc.boolean(),
      overLimit: fc.boolean()
    }),
    { minLength: 0, maxLength: 8 }
  )
  .map((rows) =>
    rows.map((x, i) =>
      unit(`u${i}`, i + 1, x.capacity, {
        siteId: `S${x.site}`,
        // Sites 0 and 1 are in one commune, 2 and 3 in another.
        commune: x.site < 2 ? 'Lunel' : 'Marsillargues',
        accessible: x.accessible,
        busy: x.busy ? [{ start: START, end: END }] : [],
        maxNights: x.overLimit ? 0 : 3
      })
    )
  );

describe('findTogether against a brute-force model', () => {
  it('picks the same units as trying every subset; shares sum to the household with an adult in each unit, each unit within capacity', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(arbUnits, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), (units, adults, children, accessible) => {
        const r = req(adults, children, { accessible });
        const t = findTogether(units, r);
        const expected = model(units, r);
        expect(t ? t.stays.map((s) => s.unitId) : null).toEqual(expected);
        if (!t) return;
        const byId = new Map(units.map((u) => [u.id, u]));
        expect(t.stays.reduce((a, s) => a + s.adults!, 0)).toBe(adults);
        expect(t.stays.reduce((a, s) => a + s.children!, 0)).toBe(children);
        for (const s of t.stays) {
          expect(s.adults).toBeGreaterThanOrEqual(1);
          expect(s.adults! + s.children!).toBeLessThanOrEqual(byId.get(s.unitId)!.capacity);
          expect([s.start, s.end]).toEqual([START, END]);
        }
      }),
      { numRuns: 400 }
    );
  });
});
