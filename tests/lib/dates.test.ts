// Night counting and date steps for pages ($lib/dates): the domain's calendar arithmetic, so a night
// is a night across daylight saving, month ends and leap years. Every expected value is written by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayIndex, isWeekend, nightsBetween, shiftDate } from '../../src/lib/dates.ts';

describe('nightsBetween', () => {
  it.each([
    { rule: 'one night', start: '2026-12-07', end: '2026-12-08', nights: 1 },
    { rule: 'no night (same day)', start: '2026-12-07', end: '2026-12-07', nights: 0 },
    { rule: 'across the spring clock change (25 hours short of a day)', start: '2027-03-27', end: '2027-03-29', nights: 2 },
    { rule: 'across the autumn clock change', start: '2026-10-24', end: '2026-10-26', nights: 2 },
    { rule: 'across a month end', start: '2027-01-30', end: '2027-02-02', nights: 3 },
    { rule: 'across 29 February of a leap year', start: '2028-02-28', end: '2028-03-01', nights: 2 },
    { rule: 'across 28 February of a common year', start: '2027-02-28', end: '2027-03-01', nights: 1 },
    { rule: 'a year', start: '2026-12-07', end: '2027-12-07', nights: 365 },
    { rule: 'backwards is negative', start: '2026-12-09', end: '2026-12-07', nights: -2 }
  ])('$rule: $start → $end is $nights', ({ start, end, nights }) => {
    expect.hasAssertions();
    expect(nightsBetween(start, end)).toBe(nights);
  });
});

describe('shiftDate', () => {
  it.each([
    { rule: 'the next day', iso: '2026-12-07', n: 1, out: '2026-12-08' },
    { rule: 'the day before', iso: '2026-12-07', n: -1, out: '2026-12-06' },
    { rule: 'over the year end', iso: '2026-12-31', n: 1, out: '2027-01-01' },
    { rule: 'onto 29 February', iso: '2028-02-28', n: 1, out: '2028-02-29' },
    { rule: 'over the spring clock change', iso: '2027-03-28', n: 1, out: '2027-03-29' },
    { rule: 'a fortnight back over a month start', iso: '2027-03-05', n: -14, out: '2027-02-19' }
  ])('$rule: $iso + $n = $out', ({ iso, n, out }) => {
    expect.hasAssertions();
    expect(shiftDate(iso, n)).toBe(out);
  });

  it('stepping n days then counting the nights gives n back', () => {
    expect.hasAssertions();
    const day = fc.integer({ min: dayIndex('1990-01-01'), max: dayIndex('2090-12-31') }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -1000, max: 1000 }), (iso, n) => {
        expect(nightsBetween(iso, shiftDate(iso, n))).toBe(n);
      })
    );
  });
});

describe('isWeekend', () => {
  it.each([
    { iso: '2026-12-04', weekday: 'Friday', weekend: false },
    { iso: '2026-12-05', weekday: 'Saturday', weekend: true },
    { iso: '2026-12-06', weekday: 'Sunday', weekend: true },
    { iso: '2026-12-07', weekday: 'Monday', weekend: false },
    { iso: '1969-12-28', weekday: 'Sunday before day 0', weekend: true },
    { iso: '1970-01-01', weekday: 'Thursday', weekend: false }
  ])('$iso ($weekday): $weekend', ({ iso, weekend }) => {
    expect.hasAssertions();
    expect(isWeekend(iso)).toBe(weekend);
  });
});
