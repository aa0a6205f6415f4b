// The activity report's pure figures: the period, nights within it, months, median and mean, the
// closed codes of unmet demand, the buckets of length of stay, the union of a household's nights.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, countNights } from '../../src/domain/dates.ts';
import { AppError } from '../../src/domain/errors.ts';
import { checkReportPeriod, mean, median, monthsOf, nightsWithin, occupancyRate, round, stayLengthBucket, unionWithin, unmetReasonCode } from '../../src/domain/report-activity.ts';

describe('checkReportPeriod', () => {
  it.each([
    ['2027-01-01', '2027-01-02', true],
    ['2022-01-01', '2027-01-01', true], // exactly 5 years
    ['2024-02-29', '2029-02-28', true], // 5 years from a 29 February
    ['2022-01-01', '2027-01-02', false], // 5 years and a night
    ['2027-01-01', '2027-01-01', false],
    ['2027-01-02', '2027-01-01', false],
    ['2027-02-29', '2027-03-01', false],
    ['27-01-01', '2027-03-01', false],
    [undefined, '2027-03-01', false],
    [['2027-01-01'], '2027-03-01', false]
  ])('from %s to %s: accepted %s (else 422)', (from, to, ok) => {
    if (ok) expect(checkReportPeriod(from, to)).toEqual({ from, to });
    else {
      let e: unknown;
      try {
        checkReportPeriod(from, to);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(422);
    }
  });
});

describe('nights and months', () => {
  it('nightsWithin clips a stay to the period', () => {
    const p = { from: '2027-03-01', to: '2027-05-01' };
    expect(nightsWithin({ start: '2027-02-20', end: '2027-03-05' }, p)).toBe(4);
    expect(nightsWithin({ start: '2027-04-20', end: '2027-05-10' }, p)).toBe(11);
    expect(nightsWithin({ start: '2027-03-26', end: '2027-04-02' }, p)).toBe(7); // across the DST change of 28 March
    expect(nightsWithin({ start: '2027-02-01', end: '2027-03-01' }, p)).toBe(0); // leaves on the first day: no night in it
  });

  it('monthsOf clips the first and last months', () => {
    expect(monthsOf({ from: '2027-01-15', to: '2027-03-02' })).toEqual([
      { month: '2027-01', start: '2027-01-15', end: '2027-02-01' },
      { month: '2027-02', start: '2027-02-01', end: '2027-03-01' },
      { month: '2027-03', start: '2027-03-01', end: '2027-03-02' }
    ]);
  });

  const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2026-01-01', n));
  it('property: a stay’s nights in the period are the sum of its nights in the period’s months', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 400 }), day, fc.integer({ min: 1, max: 400 }), (from, len, start, stayLen) => {
        const period = { from, to: addDays(from, len) };
        const stay = { start, end: addDays(start, stayLen) };
        const byMonth = monthsOf(period).reduce((a, m) => a + nightsWithin(stay, { from: m.start, to: m.end }), 0);
        expect(byMonth).toBe(nightsWithin(stay, period));
        expect(monthsOf(period).reduce((a, m) => a + countNights(m.start, m.end), 0)).toBe(len);
      })
    );
  });

  it('property: the union of ranges counts each night once, and never more than the ranges', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 })).map(([s, l]) => ({ start: addDays('2027-01-01', s), end: addDays('2027-01-01', s + l) }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), (ranges) => {
        const period = { from: '2027-01-10', to: '2027-02-20' };
        const nights = new Set<string>();
        for (const r of ranges) for (let d = r.start; d < r.end; d = addDays(d, 1)) if (d >= period.from && d < period.to) nights.add(d);
        expect(unionWithin(ranges, period).reduce((a, r) => a + countNights(r.start, r.end), 0)).toBe(nights.size);
      })
    );
  });
});

describe('figures', () => {
  it('median and mean', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([13, 3, 6, 2.5])).toBe(4.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(mean([])).toBeNull();
    expect(mean([3, 12])).toBe(7.5);
  });

  it('occupancy: 3 decimals, 0 when nothing is open', () => {
    expect(occupancyRate(3, 61)).toBe(0.049);
    expect(occupancyRate(41, 107)).toBe(0.383);
    expect(occupancyRate(1, 8)).toBe(0.125);
    expect(occupancyRate(0, 0)).toBe(0);
  });

  it.each([
    ['no_place: no unit that fits is free on every night', 'no_place'],
    ['no_place_of_that_size: no unit of this programme holds 6 persons', 'no_place_of_that_size'],
    ['no_accessible_place: no accessible unit of this programme holds the household', 'no_place_of_that_size'],
    ['out_of_scope: no unit serves this programme', 'out_of_scope'],
    ['other: hôtel complet', 'other'],
    ['no_place', 'no_place'],
    ['declined: no_place_tonight', 'no_place'],
    ['declined: no_place_of_size: trop grande famille', 'no_place_of_that_size'],
    ['redirected: out_of_scope', 'out_of_scope'],
    ['redirected: redirected_115', 'other'],
    ['declined: Pas de place ce soir: complet', 'other'],
    ['', 'other']
  ])('the reason %j is counted as %s', (reason, code) => {
    expect(unmetReasonCode(reason)).toBe(code);
  });

  it.each([
    [1, '1'],
    [2, '2-3'],
    [3, '2-3'],
    [7, '4-7'],
    [8, '8-14'],
    [30, '15-30'],
    [31, '31-91'],
    [92, '92-182'],
    [365, '183-365'],
    [366, '366+'],
    [1096, '366+']
  ])('a stay of %i nights is in bucket %s', (nights, bucket) => {
    expect(stayLengthBucket(nights)).toBe(bucket);
  });
});

describe('round: one rounding rule for every report', () => {
  it('rounds a half up even when binary writes it a little under (201/400 = 0.5025 → 0.503), and away from zero below it', () => {
    expect([201 / 400, 16 / 31, 0.0005, 0.0015, 1, -0.0015].map((v) => round(v, 3))).toEqual([0.503, 0.516, 0.001, 0.002, 1, -0.002]);
    expect(round(2.25, 1)).toBe(2.3);
  });
});
