// Specification of free ranges and nightly totals (docs/domain.md, "Allocation"; docs/api.md, "Availability").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import { addFreeNights, freeRanges, freeRuns, isFree, markBusy, nightGrid, nightlyTotals, type BusyInterval } from '../../src/domain/availability.ts';

const r = (start: string, end: string) => ({ start, end });

describe('freeRanges', () => {
  // The window [20 March, 5 April 2026) crosses the spring DST change of 29 March.
  const FROM = '2026-03-20';
  const TO = '2026-04-05';

  it.each([
    { rule: 'no busy interval leaves the whole window free', busy: [], expected: [r(FROM, TO)] },
    { rule: 'a busy interval covering exactly the window leaves nothing free', busy: [r(FROM, TO)], expected: [] },
    { rule: 'a busy interval covering more than the window leaves nothing free', busy: [r('2026-03-01', '2026-05-01')], expected: [] },
    { rule: 'a busy interval entirely before the window changes nothing', busy: [r('2026-03-01', '2026-03-10')], expected: [r(FROM, TO)] },
    { rule: 'a busy interval entirely after the window changes nothing', busy: [r('2026-04-10', '2026-04-20')], expected: [r(FROM, TO)] },
    { rule: 'a busy interval ending on the first day of the window leaves its first night free', busy: [r('2026-03-15', FROM)], expected: [r(FROM, TO)] },
    { rule: 'a busy interval starting on the end of the window leaves its last night free', busy: [r(TO, '2026-04-10')], expected: [r(FROM, TO)] },
    { rule: 'a busy interval over the start of the window cuts its beginning', busy: [r('2026-03-15', '2026-03-25')], expected: [r('2026-03-25', TO)] },
    { rule: 'a busy interval over the end of the window cuts its end', busy: [r('2026-04-01', '2026-04-10')], expected: [r(FROM, '2026-04-01')] },
    {
      rule: 'busy intervals over both edges leave the middle free',
      busy: [r('2026-03-15', '2026-03-22'), r('2026-04-02', '2026-04-10')],
      expected: [r('2026-03-22', '2026-04-02')]
    },
    {
      rule: 'a busy interval inside the window leaves the nights before and from its end free',
      busy: [r('2026-03-25', '2026-03-28')],
      expected: [r(FROM, '2026-03-25'), r('2026-03-28', TO)]
    },
    {
      rule: 'a one-night busy interval on the spring DST change night removes exactly that night',
      busy: [r('2026-03-29', '2026-03-30')],
      expected: [r(FROM, '2026-03-29'), r('2026-03-30', TO)]
    },
    {
      rule: 'unsorted busy intervals give the same ranges, in order',
      busy: [r('2026-03-30', '2026-04-01'), r('2026-03-22', '2026-03-24')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-24', '2026-03-30'), r('2026-04-01', TO)]
    },
    {
      rule: 'overlapping busy intervals are merged',
      busy: [r('2026-03-24', '2026-03-28'), r('2026-03-22', '2026-03-26')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-28', TO)]
    },
    {
      rule: 'a busy interval inside another adds nothing',
      busy: [r('2026-03-22', '2026-03-30'), r('2026-03-24', '2026-03-26')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-30', TO)]
    },
    {
      rule: 'a longer busy interval sorted after a shorter one with the same start still counts its whole length',
      busy: [r('2026-03-22', '2026-03-24'), r('2026-03-22', '2026-03-30')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-30', TO)]
    },
    {
      rule: 'identical busy intervals count once',
      busy: [r('2026-03-25', '2026-03-27'), r('2026-03-25', '2026-03-27')],
      expected: [r(FROM, '2026-03-25'), r('2026-03-27', TO)]
    },
    {
      rule: 'back-to-back busy intervals leave no gap between them',
      busy: [r('2026-03-22', '2026-03-25'), r('2026-03-25', '2026-03-28')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-28', TO)]
    },
    {
      rule: 'back-to-back busy intervals given out of order leave no gap between them',
      busy: [r('2026-03-25', '2026-03-28'), r('2026-03-22', '2026-03-25')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-28', TO)]
    },
    {
      rule: 'busy intervals one night apart leave that one night free',
      busy: [r('2026-03-22', '2026-03-25'), r('2026-03-26', '2026-03-28')],
      expected: [r(FROM, '2026-03-22'), r('2026-03-25', '2026-03-26'), r('2026-03-28', TO)]
    },
    {
      rule: 'back-to-back busy intervals covering the window leave nothing free',
      busy: [r('2026-03-10', '2026-03-29'), r('2026-03-29', '2026-04-20')],
      expected: []
    }
  ])('$rule', ({ busy, expected }) => {
    expect.hasAssertions();
    expect(freeRanges(busy, FROM, TO)).toEqual(expected);
  });

  it.each([
    { rule: 'a one-night window with nothing busy is free on its night', busy: [], expected: [r('2026-03-29', '2026-03-30')] },
    { rule: 'a one-night window whose night is busy has nothing free', busy: [r('2026-03-29', '2026-03-30')], expected: [] },
    { rule: 'a one-night window between back-to-back busy intervals is free', busy: [r('2026-03-25', '2026-03-29'), r('2026-03-30', '2026-04-02')], expected: [r('2026-03-29', '2026-03-30')] }
  ])('$rule', ({ busy, expected }) => {
    expect.hasAssertions();
    expect(freeRanges(busy, '2026-03-29', '2026-03-30')).toEqual(expected);
  });

  it('free ranges across the new year are calendar ranges', () => {
    expect.hasAssertions();
    expect(freeRanges([r('2026-12-31', '2027-01-02')], '2026-12-28', '2027-01-05')).toEqual([
      r('2026-12-28', '2026-12-31'),
      r('2027-01-02', '2027-01-05')
    ]);
  });
});

describe('isFree', () => {
  const BUSY = [r('2026-01-05', '2026-01-10')];
  it.each([
    { rule: 'a stay ending on the arrival day of a busy interval is free', start: '2026-01-01', end: '2026-01-05', expected: true },
    { rule: 'a stay starting on the departure day of a busy interval is free', start: '2026-01-10', end: '2026-01-12', expected: true },
    { rule: 'a stay sharing the last busy night is not free', start: '2026-01-09', end: '2026-01-12', expected: false },
    { rule: 'a stay containing a busy interval is not free', start: '2026-01-01', end: '2026-01-20', expected: false }
  ])('$rule', ({ start, end, expected }) => {
    expect.hasAssertions();
    expect(isFree(BUSY, start, end)).toBe(expected);
  });
});

describe('nightlyTotals', () => {
  it('one entry per night of the window, even with no unit', () => {
    expect.hasAssertions();
    expect(nightlyTotals([], '2026-03-28', '2026-03-31')).toEqual([
      { date: '2026-03-28', freeUnits: 0, freePlaces: 0 },
      { date: '2026-03-29', freeUnits: 0, freePlaces: 0 },
      { date: '2026-03-30', freeUnits: 0, freePlaces: 0 }
    ]);
  });

  it('an empty window has no nights', () => {
    expect.hasAssertions();
    expect(nightlyTotals([{ capacity: 3, free: [r('2026-01-01', '2026-02-01')] }], '2026-01-05', '2026-01-05')).toEqual([]);
  });

  it('free places sum the capacities of the units free that night', () => {
    expect.hasAssertions();
    const calendars = [
      { capacity: 2, free: [r('2026-03-20', '2026-03-23')] },
      { capacity: 4, free: [r('2026-03-22', '2026-03-25')] },
      { capacity: 5, free: [] }
    ];
    expect(nightlyTotals(calendars, '2026-03-20', '2026-03-25')).toEqual([
      { date: '2026-03-20', freeUnits: 1, freePlaces: 2 },
      { date: '2026-03-21', freeUnits: 1, freePlaces: 2 },
      { date: '2026-03-22', freeUnits: 2, freePlaces: 6 },
      { date: '2026-03-23', freeUnits: 1, freePlaces: 4 },
      { date: '2026-03-24', freeUnits: 1, freePlaces: 4 }
    ]);
  });

  it('free ranges reaching outside the window count only inside it', () => {
    expect.hasAssertions();
    const calendars = [{ capacity: 3, free: [r('2026-10-01', '2026-10-25'), r('2026-10-26', '2026-11-30')] }];
    expect(nightlyTotals(calendars, '2026-10-24', '2026-10-28')).toEqual([
      { date: '2026-10-24', freeUnits: 1, freePlaces: 3 },
      { date: '2026-10-25', freeUnits: 0, freePlaces: 0 },
      { date: '2026-10-26', freeUnits: 1, freePlaces: 3 },
      { date: '2026-10-27', freeUnits: 1, freePlaces: 3 }
    ]);
  });

  it('a window crossing the new year and a leap day has one entry per calendar date', () => {
    expect.hasAssertions();
    const dates = nightlyTotals([], '2027-12-30', '2028-01-02').map((n) => n.date);
    expect(dates).toEqual(['2027-12-30', '2027-12-31', '2028-01-01']);
    const leap = nightlyTotals([], '2028-02-28', '2028-03-01').map((n) => n.date);
    expect(leap).toEqual(['2028-02-28', '2028-02-29']);
  });
});

// ---- Properties against a per-night reference model ----
// Dates are day offsets from 20 March 2026, so that windows cross the DST change of 29 March.
const BASE = '2026-03-20';
const day = (offset: number) => addDays(BASE, offset);

const arbInterval = fc
  .record({ start: fc.integer({ min: -4, max: 24 }), length: fc.integer({ min: 1, max: 8 }) })
  .map(({ start, length }) => ({ start, end: start + length }));
const arbWindow = fc
  .record({ from: fc.integer({ min: 0, max: 15 }), length: fc.integer({ min: 1, max: 12 }) })
  .map(({ from, length }) => ({ from, to: from + length }));

const toBusy = (intervals: { start: number; end: number }[]): BusyInterval[] =>
  intervals.map((i) => ({ start: day(i.start), end: day(i.end) }));

/** The reference model: a night is free iff no interval covers it. */
function isNightFree(intervals: { start: number; end: number }[], night: number): boolean {
  return !intervals.some((i) => i.start <= night && night < i.end);
}

/** The reference model: the maximal runs of free nights in [from, to). */
function referenceFreeRanges(intervals: { start: number; end: number }[], from: number, to: number) {
  const out: { start: string; end: string }[] = [];
  let runStart: number | null = null;
  for (let n = from; n < to; n++) {
    if (isNightFree(intervals, n)) {
      if (runStart === null) runStart = n;
    } else if (runStart !== null) {
      out.push({ start: day(runStart), end: day(n) });
      runStart = null;
    }
  }
  if (runStart !== null) out.push({ start: day(runStart), end: day(to) });
  return out;
}

describe('availability properties', () => {
  it('freeRanges equals the maximal runs of nights that no busy interval covers', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(arbInterval, { maxLength: 6 }), arbWindow, (intervals, { from, to }) => {
        expect(freeRanges(toBusy(intervals), day(from), day(to))).toEqual(referenceFreeRanges(intervals, from, to));
      }),
      { numRuns: 500 }
    );
  });

  it('nightlyTotals equals, night by night, the count and capacity sum of the units no interval covers', () => {
    expect.hasAssertions();
    const arbUnit = fc.record({ capacity: fc.integer({ min: 1, max: 8 }), intervals: fc.array(arbInterval, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(arbUnit, { maxLength: 5 }), arbWindow, (units, { from, to }) => {
        const calendars = units.map((u) => ({ capacity: u.capacity, free: freeRanges(toBusy(u.intervals), day(from), day(to)) }));
        const expected = [];
        for (let n = from; n < to; n++) {
          const free = units.filter((u) => isNightFree(u.intervals, n));
          expected.push({ date: day(n), freeUnits: free.length, freePlaces: free.reduce((s, u) => s + u.capacity, 0) });
        }
        expect(nightlyTotals(calendars, day(from), day(to))).toEqual(expected);
      }),
      { numRuns: 300 }
    );
  });

  it('isFree agrees with the per-night model: a range is free iff each of its nights is', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(arbInterval, { maxLength: 6 }), arbWindow, (intervals, { from, to }) => {
        let expected = true;
        for (let n = from; n < to; n++) if (!isNightFree(intervals, n)) expected = false;
        expect(isFree(toBusy(intervals), day(from), day(to))).toBe(expected);
      }),
      { numRuns: 300 }
    );
  });

  it('the night grid gives the same free ranges and nightly totals as the intervals (freeRuns, addFreeNights)', () => {
    expect.hasAssertions();
    const arbUnit = fc.record({ capacity: fc.integer({ min: 1, max: 8 }), intervals: fc.array(arbInterval, { maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(arbUnit, { maxLength: 5 }), arbWindow, (units, { from, to }) => {
        const grid = nightGrid(units.length, to - from);
        // Intervals reach past the window on either side: markBusy clamps them.
        units.forEach((u, i) => u.intervals.forEach((b) => markBusy(grid, i, b.start - from, b.end - from)));
        const freeUnits = new Array<number>(to - from).fill(0);
        const freePlaces = new Array<number>(to - from).fill(0);
        const runs: number[] = [];
        units.forEach((u, i) => {
          const k = freeRuns(grid, i, runs);
          const ranges = [];
          for (let j = 0; j < k; j += 2) ranges.push({ start: day(from + runs[j]), end: day(from + runs[j + 1]) });
          expect(ranges).toEqual(referenceFreeRanges(u.intervals, from, to));
          addFreeNights(grid, i, u.capacity, freeUnits, freePlaces);
        });
        const calendars = units.map((u) => ({ capacity: u.capacity, free: freeRanges(toBusy(u.intervals), day(from), day(to)) }));
        expect(freeUnits.map((n, d) => ({ date: day(from + d), freeUnits: n, freePlaces: freePlaces[d] }))).toEqual(nightlyTotals(calendars, day(from), day(to)));
      }),
      { numRuns: 300 }
    );
  });
});
