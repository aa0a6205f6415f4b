// The pure rules of the report's sections: medians and percentiles, exits to housing grouped once,
// returns within 730 days, the commune a figure is counted under, the protocol's months.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { median } from '../../src/domain/report-activity.ts';
import {
  daysToHousing,
  groupHousingExits,
  originRow,
  percentile,
  perThousand,
  protocolMonths,
  returnsAfterHousing,
  share
} from '../../src/domain/report-sections.ts';

describe('percentile (and the median beside it)', () => {
  it.each([
    [[], null, null],
    [[7], 7, 7],
    [[3, 1], 2, 3],
    [[5, 1, 3], 3, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 5.5, 9], // p90: the ⌈9⌉th value, not an interpolation (18.1)
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 6, 10] // ⌈9.9⌉ = 10th
  ])('%j → median %s, p90 %s', (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(percentile(values, 90)).toBe(p90);
  });

  it('the nearest-rank percentile is one of the values, with at least p % at or below it and fewer than p % below it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const v = percentile(values, p)!;
        expect(values).toContain(v);
        expect(values.filter((x) => x <= v).length / values.length).toBeGreaterThanOrEqual(p / 100);
        expect(values.filter((x) => x < v).length / values.length).toBeLessThan(p / 100);
      })
    );
  });

  it.each([
    [2, 3, 0.667],
    [0, 5, 0],
    [1, 0, null]
  ])('share %s of %s = %s', (part, whole, expected) => expect(share(part, whole)).toBe(expected));

  it.each([
    [4, 26380, 0.15],
    [1, 992, 1.01],
    [3, null, null],
    [3, 0, null]
  ])('%s per 1,000 of %s = %s', (count, population, expected) => expect(perThousand(count, population)).toBe(expected));
});

describe('exits to housing', () => {
  it('a lease and the departure to that home are one exit; a sign after the household came back is another', () => {
    const exits = groupHousingExits(
      [
        { key: 'h', date: '2027-05-19', kind: 'lease' },
        { key: 'h', date: '2027-06-01', kind: 'departure' },
        { key: 'h', date: '2028-03-01', kind: 'departure' }
      ],
      [
        { key: 'h', start: '2027-03-01', programme: 'social_residence' },
        { key: 'h', start: '2028-01-10', programme: 'emergency' }
      ]
    );
    expect(exits).toEqual([
      { key: 'h', date: '2027-05-19', lastDate: '2027-06-01', kinds: ['lease', 'departure'] },
      { key: 'h', date: '2028-03-01', lastDate: '2028-03-01', kinds: ['departure'] }
    ]);
  });

  it('every sign belongs to exactly one exit, and a household has at most as many exits as it came back plus one', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), date: day, kind: fc.constantFrom('lease' as const, 'departure' as const) }), { maxLength: 20 }),
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), start: day, programme: fc.constantFrom('emergency', 'social_residence') }), { maxLength: 20 }),
        (events, starts) => {
          const exits = groupHousingExits(events, starts);
          for (const key of ['a', 'b', 'c']) {
            const mine = events.filter((e) => e.key === key);
            const theirs = exits.filter((e) => e.key === key);
            expect(theirs.length).toBeLessThanOrEqual(mine.length);
            const first = mine.map((e) => e.date).sort()[0];
            expect(theirs.length).toBeLessThanOrEqual(starts.filter((s) => s.key === key && first !== undefined && s.start >= first).length + 1);
            for (const e of mine) expect(theirs.filter((x) => x.date <= e.date && e.date <= x.lastDate).length).toBeGreaterThanOrEqual(1);
          }
        }
      )
    );
  });

  it('time to housing runs from the first emergency night of the episode, in calendar days', () => {
    const starts = [
      { key: 'h', start: '2025-01-10', programme: 'emergency' },
      { key: 'h', start: '2027-03-20', programme: 'dv_protocol' },
      { key: 'h', start: '2027-03-25', programme: 'emergency' },
      { key: 'h', start: '2027-03-30', programme: 'social_residence' }
    ];
    const exits = groupHousingExits(
      [
        { key: 'h', date: '2025-06-01', kind: 'departure' },
        { key: 'h', date: '2027-04-10', kind: 'departure' }
      ],
      starts
    );
    // Housed in 2025, back in March 2027 (before the DST change of the 28th), housed again on 04-10: 21 days.
    expect(daysToHousing(exits, starts, '2027-04-01', '2027-05-01')).toEqual([21]);
  });

  it.each([
    [730, 1],
    [731, 0],
    [0, 1]
  ])('an emergency stay %s days after the exit is a return: %s', (days, returned) => {
    const exits = [{ key: 'h', date: '2027-04-10', lastDate: '2027-04-10', kinds: ['departure' as const] }];
    const starts = [{ key: 'h', start: addDays('2027-04-10', days), programme: 'emergency' }];
    expect(returnsAfterHousing(exits, starts, '2027-04-01', '2027-05-01', () => true).returned).toBe(returned);
  });

  it('a new stay in the social residence after housing is not a return', () => {
    const exits = [{ key: 'h', date: '2027-04-10', lastDate: '2027-04-10', kinds: ['departure' as const] }];
    expect(returnsAfterHousing(exits, [{ key: 'h', start: '2027-06-01', programme: 'social_residence' }], '2027-04-01', '2027-05-01', () => true).returned).toBe(0);
  });
});

describe('the commune a figure is counted under', () => {
  const territory = new Set(['34145', '34296']);
  it.each([
    ['34145', '34145'],
    ['outside', 'outside'],
    ['30189', 'outside'],
    [null, 'unknown'],
    ['', 'unknown']
  ])('%s → %s', (origin, row) => expect(originRow(origin, territory)).toBe(row));
});

describe('nights', () => {
  it('the protocol\'s months: a stay crossing a month is split, the cumulative cost runs from the 1st of January', () => {
    const months = protocolMonths(
      [
        { start: '2027-01-30', end: '2027-02-02', hotel: true, nightlyCostCents: 1000 },
        { start: '2027-02-01', end: '2027-03-05', hotel: false, nightlyCostCents: null }
      ],
      '2027-02-01',
      '2027-03-01',
      () => 10_000
    );
    expect(months).toEqual([{ month: '2027-02', hotelNights: 1, costCents: 1000, apartmentNights: 28, budgetCents: 10_000, cumulativeCostCents: 3000, budgetUsed: 0.3 }]);
  });

});
