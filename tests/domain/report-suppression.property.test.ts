// Small numbers never identify anyone: for random small worlds (DV and other counts per programme,
// many of them 0, 1 or 2), no public figure, and no published total minus any set of published
// cells, gives back a DV count of 1 or 2. An attacker's view, checked against the world's truth.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import type { Programme } from '../../src/domain/programmes.ts';
import {
  dvFigure,
  derivedFigure,
  isSmallCount,
  PUBLIC_FIGURES,
  PUBLIC_ROWS,
  publicCounts,
  publicRowOf,
  publicTable,
  suppressSum,
  type PublicFigure,
  type PublicStayFact
} from '../../src/domain/report-suppression.ts';

const FROM = '2026-01-01';
const TO = '2027-01-01';

/** Every subset of 0..n-1, as lists of indexes. */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) out.push([...Array(n).keys()].filter((i) => mask & (1 << i)));
  return out;
}

/**
 * What an attacker recovers from one published sum: each published DV cell, and for every set S of
 * published cells, total − ΣS; when the cells left out of S are all DV, that difference counts only
 * DV stays. Returns the DV counts of 1 or 2 so recovered.
 */
function recovered(cells: readonly PublicFigure[], dv: readonly boolean[], total: PublicFigure): string[] {
  const leaks: string[] = [];
  cells.forEach((c, i) => {
    if (dv[i] && c.value !== null && isSmallCount(c.value)) leaks.push(`cell ${i} = ${c.value}`);
  });
  if (total.value === null) return leaks;
  const published = cells.flatMap((c, i) => (c.value === null ? [] : [i]));
  for (const s of subsets(published.length).map((k) => k.map((j) => published[j]))) {
    const left = cells.map((_, i) => i).filter((i) => !s.includes(i));
    const r = total.value - s.reduce((sum, i) => sum + (cells[i].value as number), 0);
    if (left.length > 0 && left.every((i) => dv[i]) && isSmallCount(r)) leaks.push(`total − cells [${s}] = ${r}`);
  }
  return leaks;
}

describe('suppressSum: one published sum of plain counts (nights, costs), several DV cells among them', () => {
  const world = fc.array(fc.record({ value: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.nat(40)), dv: fc.boolean() }), { minLength: 1, maxLength: 6 });

  it('no published figure nor any total minus published cells is a DV count of 1 or 2; non-DV cells are always shown', () => {
    fc.assert(
      fc.property(world, (cells) => {
        const total = cells.reduce((s, c) => s + c.value, 0);
        const out = suppressSum(cells, total);
        expect(recovered(out.cells, cells.map((c) => c.dv), out.total)).toEqual([]);
        cells.forEach((c, i) => {
          if (!c.dv) expect(out.cells[i]).toEqual({ value: c.value, suppressed: false });
          if (out.cells[i].value !== null) expect(out.cells[i].value).toBe(c.value);
        });
        if (out.total.value !== null) expect(out.total.value).toBe(total);
      }),
      { numRuns: 2000 }
    );
  });

  it('a lone DV figure and what is computed from it (cost = nights × price) are withheld together', () => {
    fc.assert(
      fc.property(fc.nat(6), fc.integer({ min: 1, max: 9000 }), (nights, price) => {
        const n = dvFigure(nights);
        const cost = derivedFigure(nights * price, [n]);
        expect(n.suppressed).toBe(isSmallCount(nights));
        expect(cost.suppressed).toBe(n.suppressed);
        if (cost.value !== null) expect(isSmallCount(cost.value / price)).toBe(false);
      })
    );
  });
});

// Random small worlds of households and their stays, around the year: each stay in one of the
// public rows (a confidential site puts any programme's stay in the DV row).
const PROGRAMMES: Programme[] = ['emergency', 'dv_protocol', 'social_residence', 'housing_mission'];
const stayArb = fc.record({
  programme: fc.constantFrom(...PROGRAMMES),
  confidentialSite: fc.boolean(),
  offset: fc.integer({ min: -10, max: 370 }),
  nights: fc.integer({ min: 1, max: 12 }),
  persons: fc.integer({ min: 1, max: 4 })
});
const worldArb = fc.array(fc.record({ size: fc.integer({ min: 1, max: 5 }), stays: fc.array(stayArb, { minLength: 1, maxLength: 3 }) }), { maxLength: 7 });

type StaySpec = typeof stayArb extends fc.Arbitrary<infer T> ? T : never;

function factsOf(world: { size: number; stays: StaySpec[] }[]): PublicStayFact[] {
  return world.flatMap((h, hi) =>
    h.stays.map((s, si) => {
      const start = addDays(FROM, s.offset);
      return {
        householdId: `h${hi}`,
        stayGroup: `s${hi}.${si}`,
        programme: s.programme,
        confidentialSite: s.confidentialSite,
        start,
        end: addDays(start, s.nights),
        persons: Math.min(s.persons, h.size),
        householdPersons: h.size
      };
    })
  );
}

describe('publicTable: the public report over random small worlds of households', () => {
  it('no public figure, and no published total minus published rows, gives a DV count of 1 or 2; a gap of 1 or 2 between a distinct total and its rows is never shown while DV stays count', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const facts = factsOf(world);
        const table = publicTable(facts, FROM, TO);
        const dvRow = PUBLIC_ROWS.map((r) => r === 'dv_protocol');
        const truth = PUBLIC_ROWS.map((row) => publicCounts(facts.filter((f) => publicRowOf(f.programme, f.confidentialSite) === row), FROM, TO));
        const all = publicCounts(facts, FROM, TO);
        for (const figure of PUBLIC_FIGURES) {
          const cells = table.rows.map((r) => r[figure]);
          expect(recovered(cells, dvRow, table.total[figure]), figure).toEqual([]);
          // What is shown is true; the rows that hold no DV stay are always shown.
          cells.forEach((c, i) => {
            if (c.value !== null) expect(c.value).toBe(truth[i][figure]);
            if (!dvRow[i]) expect(c.suppressed).toBe(false);
          });
          if (table.total[figure].value !== null) {
            expect(table.total[figure].value).toBe(all[figure]);
            // The overlap (counted in two rows, once in the total) is known when every row is shown.
            const gap = truth.reduce((s, t) => s + t[figure], 0) - all[figure];
            const dvCount = truth[PUBLIC_ROWS.indexOf('dv_protocol')][figure];
            if (cells.every((c) => c.value !== null) && dvCount > 0) expect(isSmallCount(gap), `${figure} gap ${gap}`).toBe(false);
          }
        }
      }),
      { numRuns: 1500 }
    );
  });

  it('a household placed across two units the same nights counts those nights once, its persons once, its stays as one', () => {
    const together = [
      { householdId: 'h', stayGroup: 'g', programme: 'emergency', confidentialSite: false, start: '2026-03-01', end: '2026-03-04', persons: 2, householdPersons: 5 },
      { householdId: 'h', stayGroup: 'g', programme: 'emergency', confidentialSite: false, start: '2026-03-01', end: '2026-03-04', persons: 3, householdPersons: 5 }
    ] satisfies PublicStayFact[];
    expect(publicCounts(together, FROM, TO)).toEqual({ householdNights: 3, personNights: 15, staysStarted: 1, staysEnded: 1, households: 1, persons: 5 });
  });
});
