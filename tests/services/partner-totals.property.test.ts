// Partners learn nothing unit by unit (docs/api.md, "Availability"): a partner's nightly totals count the
// units of confidential sites only as whole-night counts that no filter splits. With a persons or an
// accessibility filter they are left out, so that asking persons=1…7 and subtracting the listed
// units recovers nothing. Properties over random territories × every combination of filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import { nightlyTotals, partnerTotalsCountHidden } from '../../src/domain/availability.ts';
import type { Programme } from '../../src/domain/programmes.ts';
import { getAvailability, type AvailabilityQuery } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { makeUnit } from '../support/fixtures.ts';
import { fixClock, makeWorld, resetClock, type World } from './helpers.ts';

const FROM = '2027-03-01';
const NIGHTS = 7;
const TO = addDays(FROM, NIGHTS);
const OFFERED: Programme[] = ['emergency', 'dv_protocol', 'social_residence'];

/** Every combination of filters a partner can send (and accessibility, which no route offers yet). */
const FILTERS: Omit<AvailabilityQuery, 'from' | 'to'>[] = [];
for (const programme of [undefined, ...OFFERED, 'housing_mission' as const]) {
  for (const persons of [undefined, 1, 2, 3, 4, 5, 6, 7]) {
    for (const accessible of [undefined, true]) FILTERS.push({ programme, persons, accessible });
  }
}
const splits = (f: Omit<AvailabilityQuery, 'from' | 'to'>) => !partnerTotalsCountHidden({ from: FROM, to: TO, ...f });

interface UnitSpec {
  capacity: number;
  confidential: boolean;
  accessible: boolean;
  programmes: Programme[];
  block: { start: number; nights: number } | null;
}
const unitArb: fc.Arbitrary<UnitSpec> = fc.record({
  capacity: fc.integer({ min: 1, max: 7 }),
  confidential: fc.boolean(),
  accessible: fc.boolean(),
  programmes: fc.subarray(OFFERED, { minLength: 1 }),
  block: fc.option(fc.record({ start: fc.integer({ min: 0, max: NIGHTS - 1 }), nights: fc.integer({ min: 1, max: 4 }) }), { nil: null })
});
// At least one confidential unit and one public one in every territory.
const territoryArb = fc
  .tuple(fc.array(unitArb, { minLength: 0, maxLength: 4 }), unitArb, unitArb)
  .map(([others, a, b]) => [...others, { ...a, confidential: true }, { ...b, confidential: false }]);

let w: World;
let run = 0;

beforeAll(() => {
  fixClock();
  w = makeWorld();
});
afterAll(() => {
  resetClock();
  w.cleanup();
});

/** A new territory: the previous run's units are taken out of service first. */
function build(units: UnitSpec[]): { confidential: string[] } {
  w.db.$client.prepare('UPDATE units SET active = 0').run();
  run += 1;
  const confidential: string[] = [];
  units.forEach((u, i) => {
    const id = makeUnit(w.db, w.actors.admin, { name: `R${run}U${i}`, capacity: u.capacity, confidential: u.confidential, accessible: u.accessible, programmes: u.programmes });
    if (u.block) createBlock(w.db, w.actors.admin, { unitId: id, start: addDays(FROM, u.block.start), end: addDays(FROM, Math.min(NIGHTS, u.block.start + u.block.nights)), reason: 'travaux' });
    if (u.confidential) confidential.push(id);
  });
  return { confidential };
}

function partnerAnswers() {
  return FILTERS.map((f) => getAvailability(w.db, w.actors.partner, { from: FROM, to: TO, ...f }));
}

describe("a partner's nightly totals", () => {
  it('with a persons or accessibility filter, the totals are exactly those of the listed units (nothing hidden to subtract)', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(territoryArb, (units) => {
        build(units);
        const answers = partnerAnswers();
        FILTERS.forEach((f, i) => {
          const answer = answers[i];
          const listed = nightlyTotals(answer.units.map((u) => ({ capacity: u.capacity, free: u.free })), FROM, TO);
          const staff = getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO, ...f });
          // Without such a filter, confidential units count whole (the same totals as staff see).
          expect(answer.nights, JSON.stringify(f)).toEqual(splits(f) ? listed : staff.nights);
        });
      }),
      { numRuns: 25 }
    );
  });

  it("no filtered answer changes with a confidential unit's capacity (nor with the unit taken away): it cannot be derived", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(territoryArb, fc.integer({ min: 1, max: 6 }), (units, shift) => {
        const { confidential } = build(units);
        const before = partnerAnswers();
        const setCapacity = w.db.$client.prepare('UPDATE units SET capacity = ((capacity + ?) % 7) + 1 WHERE id = ?');
        for (const id of confidential) setCapacity.run(shift, id);
        const resized = partnerAnswers();
        w.db.$client.prepare(`UPDATE units SET active = 0 WHERE id IN (${confidential.map(() => '?').join(',')})`).run(...confidential);
        const removed = partnerAnswers();
        FILTERS.forEach((f, i) => {
          if (!splits(f)) return;
          expect(resized[i], JSON.stringify(f)).toEqual(before[i]);
          expect(removed[i], JSON.stringify(f)).toEqual(before[i]);
        });
      }),
      { numRuns: 25 }
    );
  });

  it('the subtraction attack of the review recovers nothing: totals at persons=1…7 minus the listed units are zero', () => {
    expect.hasAssertions();
    build([
      { capacity: 2, confidential: false, accessible: false, programmes: ['emergency', 'dv_protocol'], block: null },
      { capacity: 3, confidential: true, accessible: false, programmes: ['dv_protocol'], block: null },
      { capacity: 5, confidential: true, accessible: true, programmes: ['emergency', 'dv_protocol'], block: null }
    ]);
    const recovered = [1, 2, 3, 4, 5, 6, 7].map((persons) => {
      const a = getAvailability(w.db, w.actors.partner, { from: FROM, to: TO, persons });
      const listedPlaces = a.units.filter((u) => u.free.some((r) => r.start <= FROM && FROM < r.end)).reduce((n, u) => n + u.capacity, 0);
      return a.nights[0].freePlaces - listedPlaces;
    });
    expect(recovered).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Without a filter the confidential places count, whole: 2 + 3 + 5.
    expect(getAvailability(w.db, w.actors.partner, { from: FROM, to: TO }).nights[0]).toEqual({ date: FROM, freeUnits: 3, freePlaces: 10 });
    // Staff see every unit whatever the filter.
    expect(getAvailability(w.db, w.actors.housing_officer, { from: FROM, to: TO, persons: 3 }).nights[0]).toEqual({ date: FROM, freeUnits: 2, freePlaces: 8 });
  });
});

describe('which filters split the totals', () => {
  it.each([
    { name: 'the window alone', query: { from: FROM, to: TO }, counts: true },
    { name: 'a programme', query: { from: FROM, to: TO, programme: 'dv_protocol' }, counts: true },
    { name: 'filters left empty', query: { from: FROM, to: TO, programme: undefined, persons: undefined, accessible: false }, counts: true },
    { name: 'persons', query: { from: FROM, to: TO, persons: 1 }, counts: false },
    { name: 'accessibility', query: { from: FROM, to: TO, accessible: true }, counts: false },
    { name: 'a programme and persons', query: { from: FROM, to: TO, programme: 'emergency', persons: 4 }, counts: false },
    // A filter added later splits until it is said not to.
    { name: 'a filter added later (commune)', query: { from: FROM, to: TO, commune: 'Lunel' }, counts: false }
  ])('$name → hidden units counted: $counts', ({ query, counts }) => {
    expect.hasAssertions();
    expect(partnerTotalsCountHidden(query)).toBe(counts);
  });
});
