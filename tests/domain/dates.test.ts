// Specification of nights and date ranges (docs/domain.md, "Nights and ranges").
// Every expected value below is written out by hand from the calendar, not computed by the module.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, countNights, daysInMonth, eachNight, isValidDate, isValidMonth, nextMonth, operationalNight, plusMonths, rangesOverlap, toOffsetTimestamp } from '../../src/domain/dates.ts';

describe('isValidDate', () => {
  it.each([
    { rule: 'an ordinary date is valid', input: '2026-01-05' },
    { rule: 'the 29th of February of a leap year (2028) is valid', input: '2028-02-29' },
    { rule: 'the 29th of February of a year divisible by 400 (2000) is valid', input: '2000-02-29' },
    { rule: 'the last day of the year is valid', input: '2026-12-31' },
    { rule: 'the 31st of a 31-day month is valid', input: '2026-03-31' },
    { rule: 'the day of the spring DST change is valid', input: '2026-03-29' },
    { rule: 'the day of the autumn DST change is valid', input: '2026-10-25' }
  ])('$rule: $input', ({ input }) => {
    expect.hasAssertions();
    expect(isValidDate(input)).toBe(true);
  });

  it.each([
    { rule: 'the 30th of February does not exist', input: '2027-02-30' },
    { rule: 'the 29th of February of a common year (2027) does not exist', input: '2027-02-29' },
    { rule: 'the 29th of February of a century not divisible by 400 (1900) does not exist', input: '1900-02-29' },
    { rule: 'the 31st of a 30-day month does not exist', input: '2026-04-31' },
    { rule: 'month 13 does not exist', input: '2026-13-01' },
    { rule: 'month 00 does not exist', input: '2026-00-10' },
    { rule: 'day 00 does not exist', input: '2026-01-00' },
    { rule: 'day 32 does not exist', input: '2026-01-32' }
  ])('$rule: $input is invalid', ({ input }) => {
    expect.hasAssertions();
    expect(isValidDate(input)).toBe(false);
  });

  it.each([
    { rule: 'a month without its leading zero is refused', input: '2026-1-05' },
    { rule: 'a day without its leading zero is refused', input: '2026-01-5' },
    { rule: 'a leading space is refused', input: ' 2026-01-05' },
    { rule: 'a trailing space is refused', input: '2026-01-05 ' },
    { rule: 'a trailing newline is refused', input: '2026-01-05\n' },
    { rule: 'a time of day is refused', input: '2026-01-05T00:00' },
    { rule: 'slashes are refused', input: '2026/01/05' },
    { rule: 'the day-first French order is refused', input: '05-01-2026' },
    { rule: 'the basic ISO form without dashes is refused', input: '20260105' },
    { rule: 'an ISO week date is refused', input: '2026-W02-1' },
    { rule: 'an empty string is refused', input: '' },
    { rule: 'a number is refused', input: 20260105 },
    { rule: 'null is refused', input: null },
    { rule: 'undefined is refused', input: undefined },
    { rule: 'a Date object is refused', input: new Date(Date.UTC(2026, 0, 5)) },
    { rule: 'an object is refused', input: { start: '2026-01-05' } }
  ])('$rule', ({ input }) => {
    expect.hasAssertions();
    expect(isValidDate(input)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    { rule: 'adding zero days keeps the date', d: '2026-01-05', n: 0, expected: '2026-01-05' },
    { rule: 'the day before the spring DST change is followed by the change day', d: '2026-03-28', n: 1, expected: '2026-03-29' },
    { rule: 'the spring DST change day (29 March 2026, a 23-hour day) is one day', d: '2026-03-29', n: 1, expected: '2026-03-30' },
    { rule: 'two days across the spring DST change of 2026 are two calendar days', d: '2026-03-28', n: 2, expected: '2026-03-30' },
    { rule: 'the autumn DST change day (25 October 2026, a 25-hour day) is one day', d: '2026-10-25', n: 1, expected: '2026-10-26' },
    { rule: 'two days across the autumn DST change of 2026 are two calendar days', d: '2026-10-24', n: 2, expected: '2026-10-26' },
    { rule: 'two days across the spring DST change of 2027 (28 March) are two calendar days', d: '2027-03-27', n: 2, expected: '2027-03-29' },
    { rule: 'two days across the autumn DST change of 2027 (31 October) are two calendar days', d: '2027-10-30', n: 2, expected: '2027-11-01' },
    { rule: 'going back across the autumn DST change of 2027 is calendar days too', d: '2027-11-01', n: -2, expected: '2027-10-30' },
    { rule: 'going back across the spring DST change of 2026 is calendar days too', d: '2026-03-30', n: -2, expected: '2026-03-28' },
    { rule: 'the last day of the year is followed by the first of the next', d: '2026-12-31', n: 1, expected: '2027-01-01' },
    { rule: 'the first day of the year is preceded by the last of the previous', d: '2027-01-01', n: -1, expected: '2026-12-31' },
    { rule: 'the 28th of February of a leap year is followed by the 29th', d: '2028-02-28', n: 1, expected: '2028-02-29' },
    { rule: 'the 29th of February is followed by the 1st of March', d: '2028-02-29', n: 1, expected: '2028-03-01' },
    { rule: 'the 1st of March of a leap year is preceded by the 29th of February', d: '2028-03-01', n: -1, expected: '2028-02-29' },
    { rule: 'the 28th of February of a common year is followed by the 1st of March', d: '2027-02-28', n: 1, expected: '2027-03-01' },
    { rule: 'a common year is 365 days', d: '2026-01-01', n: 365, expected: '2027-01-01' },
    { rule: 'a leap year is 366 days', d: '2028-01-01', n: 366, expected: '2029-01-01' },
    { rule: '1,096 days from 1 January 2027 cross a leap year and end on 1 January 2030', d: '2027-01-01', n: 1096, expected: '2030-01-01' }
  ])('$rule', ({ d, n, expected }) => {
    expect.hasAssertions();
    expect(addDays(d, n)).toBe(expected);
  });
});

describe('countNights', () => {
  it.each([
    { rule: 'one night across the spring DST change of 2026 is one night, though 23 hours', start: '2026-03-29', end: '2026-03-30', expected: 1 },
    { rule: 'nights around the spring DST change of 2026 are calendar days', start: '2026-03-28', end: '2026-03-30', expected: 2 },
    { rule: 'one night across the autumn DST change of 2026 is one night, though 25 hours', start: '2026-10-25', end: '2026-10-26', expected: 1 },
    { rule: 'nights around the autumn DST change of 2026 are calendar days', start: '2026-10-24', end: '2026-10-26', expected: 2 },
    { rule: 'the night of the spring DST change of 2027 is one night', start: '2027-03-28', end: '2027-03-29', expected: 1 },
    { rule: 'the night of the autumn DST change of 2027 is one night', start: '2027-10-31', end: '2027-11-01', expected: 1 },
    { rule: 'March 2026, with its DST change, has 31 nights', start: '2026-03-01', end: '2026-04-01', expected: 31 },
    { rule: 'October 2026, with its DST change, has 31 nights', start: '2026-10-01', end: '2026-11-01', expected: 31 },
    { rule: 'a stay over the new year counts every night', start: '2026-12-30', end: '2027-01-02', expected: 3 },
    { rule: 'a common year has 365 nights', start: '2026-01-01', end: '2027-01-01', expected: 365 },
    { rule: 'a leap year has 366 nights', start: '2028-01-01', end: '2029-01-01', expected: 366 },
    { rule: 'from the 28th of February to the 1st of March of a leap year is 2 nights', start: '2028-02-28', end: '2028-03-01', expected: 2 },
    { rule: 'from the 28th of February to the 1st of March of a common year is 1 night', start: '2027-02-28', end: '2027-03-01', expected: 1 },
    { rule: 'an empty range has no nights', start: '2026-01-05', end: '2026-01-05', expected: 0 },
    { rule: 'an end before the start gives a negative count', start: '2026-01-06', end: '2026-01-05', expected: -1 }
  ])('$rule', ({ start, end, expected }) => {
    expect.hasAssertions();
    expect(countNights(start, end)).toBe(expected);
  });
});

describe('eachNight', () => {
  it.each([
    {
      rule: 'the nights around the spring DST change of 2026 are each calendar date once',
      start: '2026-03-28', end: '2026-03-31', expected: ['2026-03-28', '2026-03-29', '2026-03-30']
    },
    {
      rule: 'the nights around the autumn DST change of 2026 are each calendar date once',
      start: '2026-10-24', end: '2026-10-27', expected: ['2026-10-24', '2026-10-25', '2026-10-26']
    },
    {
      rule: 'the nights around the spring DST change of 2027 are each calendar date once',
      start: '2027-03-27', end: '2027-03-30', expected: ['2027-03-27', '2027-03-28', '2027-03-29']
    },
    {
      rule: 'the nights around the autumn DST change of 2027 are each calendar date once',
      start: '2027-10-30', end: '2027-11-02', expected: ['2027-10-30', '2027-10-31', '2027-11-01']
    },
    {
      rule: 'the nights over the new year run from December into January',
      start: '2026-12-30', end: '2027-01-02', expected: ['2026-12-30', '2026-12-31', '2027-01-01']
    },
    {
      rule: 'a leap year has the night of the 29th of February',
      start: '2028-02-28', end: '2028-03-02', expected: ['2028-02-28', '2028-02-29', '2028-03-01']
    },
    {
      rule: 'a common year goes from the 28th of February to the 1st of March',
      start: '2027-02-27', end: '2027-03-02', expected: ['2027-02-27', '2027-02-28', '2027-03-01']
    },
    { rule: 'a one-night range has its start as its only night', start: '2026-01-05', end: '2026-01-06', expected: ['2026-01-05'] },
    { rule: 'the end date is not a night of the range: an empty range has no nights', start: '2026-01-05', end: '2026-01-05', expected: [] },
    { rule: 'an end before the start gives no nights', start: '2026-01-06', end: '2026-01-05', expected: [] }
  ])('$rule', ({ start, end, expected }) => {
    expect.hasAssertions();
    expect(eachNight(start, end)).toEqual(expected);
  });

  it('eachNight, countNights and addDays agree on any range over 2026–2028, DST and leap days included', () => {
    expect.hasAssertions();
    const base = '2026-01-01';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 0, max: 60 }), (offset, length) => {
        const start = addDays(base, offset);
        const end = addDays(start, length);
        const nights = eachNight(start, end);
        expect(nights).toHaveLength(length);
        expect(countNights(start, end)).toBe(length);
        nights.forEach((night, i) => {
          expect(isValidDate(night)).toBe(true);
          expect(night).toBe(addDays(start, i));
        });
      })
    );
  });
});

describe('rangesOverlap', () => {
  it.each([
    { rule: 'a departure on the 5th and an arrival on the 5th do not conflict', a: ['2026-01-01', '2026-01-05'], b: ['2026-01-05', '2026-01-08'], expected: false },
    { rule: 'ranges separated by a free night do not conflict', a: ['2026-01-01', '2026-01-05'], b: ['2026-01-06', '2026-01-08'], expected: false },
    { rule: 'ranges sharing one night conflict', a: ['2026-01-01', '2026-01-05'], b: ['2026-01-04', '2026-01-08'], expected: true },
    { rule: 'a range inside another conflicts', a: ['2026-01-01', '2026-01-10'], b: ['2026-01-03', '2026-01-05'], expected: true },
    { rule: 'a range inside another sharing its start conflicts', a: ['2026-01-01', '2026-01-10'], b: ['2026-01-01', '2026-01-03'], expected: true },
    { rule: 'a range inside another sharing its end conflicts', a: ['2026-01-01', '2026-01-10'], b: ['2026-01-08', '2026-01-10'], expected: true },
    { rule: 'identical ranges conflict', a: ['2026-01-01', '2026-01-05'], b: ['2026-01-01', '2026-01-05'], expected: true },
    { rule: 'identical one-night ranges conflict', a: ['2026-01-05', '2026-01-06'], b: ['2026-01-05', '2026-01-06'], expected: true },
    { rule: 'a one-night range on the departure day of another does not conflict', a: ['2026-01-01', '2026-01-05'], b: ['2026-01-05', '2026-01-06'], expected: false },
    { rule: 'a one-night range ending on the arrival day of another does not conflict', a: ['2026-01-04', '2026-01-05'], b: ['2026-01-05', '2026-01-08'], expected: false },
    { rule: 'a one-night range on the last night of another conflicts', a: ['2026-01-01', '2026-01-05'], b: ['2026-01-04', '2026-01-05'], expected: true },
    { rule: 'ranges across the new year conflict on a shared night', a: ['2026-12-30', '2027-01-02'], b: ['2027-01-01', '2027-01-05'], expected: true },
    { rule: 'back-to-back ranges across the spring DST change do not conflict', a: ['2026-03-27', '2026-03-29'], b: ['2026-03-29', '2026-03-31'], expected: false }
  ])('$rule', ({ a, b, expected }) => {
    expect.hasAssertions();
    const ra = { start: a[0], end: a[1] };
    const rb = { start: b[0], end: b[1] };
    expect(rangesOverlap(ra, rb)).toBe(expected);
    // Overlap is symmetric.
    expect(rangesOverlap(rb, ra)).toBe(expected);
  });
});

describe('operationalNight', () => {
  // Instants are UTC: Paris is UTC+1 in winter (CET) and UTC+2 in summer (CEST).
  it.each([
    { rule: 'at 02:00 on the 8th (winter), tonight is still the night of the 7th', utc: '2026-01-08T01:00:00Z', expected: '2026-01-07' },
    { rule: 'at 00:30 on the 8th (winter), tonight is still the night of the 7th', utc: '2026-01-07T23:30:00Z', expected: '2026-01-07' },
    { rule: 'at 11:59:59.999 on the 8th (winter), tonight is still the night of the 7th', utc: '2026-01-08T10:59:59.999Z', expected: '2026-01-07' },
    { rule: 'at 12:00 exactly on the 8th (winter), tonight is the night of the 8th', utc: '2026-01-08T11:00:00Z', expected: '2026-01-08' },
    { rule: 'at 23:59 on the 8th (winter), tonight is the night of the 8th', utc: '2026-01-08T22:59:00Z', expected: '2026-01-08' },
    { rule: 'at midnight starting the 9th (winter), tonight is still the night of the 8th', utc: '2026-01-08T23:00:00Z', expected: '2026-01-08' },
    { rule: 'at 02:00 on the 8th (summer), tonight is still the night of the 7th', utc: '2026-07-08T00:00:00Z', expected: '2026-07-07' },
    { rule: 'at 11:59 on the 8th (summer), tonight is still the night of the 7th', utc: '2026-07-08T09:59:00Z', expected: '2026-07-07' },
    { rule: 'at 12:00 exactly on the 8th (summer, 10:00 UTC), tonight is the night of the 8th', utc: '2026-07-08T10:00:00Z', expected: '2026-07-08' },
    { rule: 'at 12:30 on the 8th (summer, 10:30 UTC), tonight is the night of the 8th', utc: '2026-07-08T10:30:00Z', expected: '2026-07-08' },
    { rule: 'at 23:30 on the 8th (summer, 21:30 UTC of the 8th), tonight is the night of the 8th', utc: '2026-07-08T21:30:00Z', expected: '2026-07-08' },
    { rule: 'at 01:00 on the 9th (summer, 23:00 UTC of the 8th), tonight is still the night of the 8th', utc: '2026-07-08T23:00:00Z', expected: '2026-07-08' },
    // Spring DST change, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    { rule: 'at 11:59 on the eve of the spring change (CET), tonight is the night before', utc: '2026-03-28T10:59:00Z', expected: '2026-03-27' },
    { rule: 'at noon on the eve of the spring change (CET), tonight is that day', utc: '2026-03-28T11:00:00Z', expected: '2026-03-28' },
    { rule: 'at 01:30 CET on the spring change day, tonight is the night of the 28th', utc: '2026-03-29T00:30:00Z', expected: '2026-03-28' },
    { rule: 'at 03:30 CEST on the spring change day, tonight is the night of the 28th', utc: '2026-03-29T01:30:00Z', expected: '2026-03-28' },
    { rule: 'at 11:59 CEST on the spring change day (09:59 UTC), tonight is the night of the 28th', utc: '2026-03-29T09:59:00Z', expected: '2026-03-28' },
    { rule: 'at 12:00 CEST on the spring change day (10:00 UTC), tonight is the night of the 29th', utc: '2026-03-29T10:00:00Z', expected: '2026-03-29' },
    { rule: 'at 12:00 CEST the day after the spring change, tonight is the night of the 30th', utc: '2026-03-30T10:00:00Z', expected: '2026-03-30' },
    // Autumn DST change, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    { rule: 'at 11:59 CEST on the eve of the autumn change, tonight is the night before', utc: '2026-10-24T09:59:00Z', expected: '2026-10-23' },
    { rule: 'at noon CEST on the eve of the autumn change (10:00 UTC), tonight is that day', utc: '2026-10-24T10:00:00Z', expected: '2026-10-24' },
    { rule: 'at the first 02:30 (CEST) of the autumn change day, tonight is the night of the 24th', utc: '2026-10-25T00:30:00Z', expected: '2026-10-24' },
    { rule: 'at the second 02:30 (CET) of the autumn change day, tonight is the night of the 24th', utc: '2026-10-25T01:30:00Z', expected: '2026-10-24' },
    { rule: 'at 11:00 CET on the autumn change day (10:00 UTC), tonight is still the night of the 24th', utc: '2026-10-25T10:00:00Z', expected: '2026-10-24' },
    { rule: 'at 12:00 CET on the autumn change day (11:00 UTC), tonight is the night of the 25th', utc: '2026-10-25T11:00:00Z', expected: '2026-10-25' },
    { rule: 'at 11:59 CEST on the spring change day of 2027 (09:59 UTC), tonight is the night of the 27th', utc: '2027-03-28T09:59:00Z', expected: '2027-03-27' },
    { rule: 'at 12:00 CEST on the spring change day of 2027 (10:00 UTC), tonight is the night of the 28th', utc: '2027-03-28T10:00:00Z', expected: '2027-03-28' },
    { rule: 'at 11:59 CET on the autumn change day of 2027 (10:59 UTC), tonight is the night of the 30th', utc: '2027-10-31T10:59:00Z', expected: '2027-10-30' },
    { rule: 'at 12:00 CET on the autumn change day of 2027 (11:00 UTC), tonight is the night of the 31st', utc: '2027-10-31T11:00:00Z', expected: '2027-10-31' },
    { rule: 'at 02:00 on New Year’s Day, tonight is the night of 31 December', utc: '2027-01-01T01:00:00Z', expected: '2026-12-31' },
    { rule: 'at noon on New Year’s Day, tonight is the night of 1 January', utc: '2027-01-01T11:00:00Z', expected: '2027-01-01' },
    { rule: 'at 02:00 on 1 March of a leap year, tonight is the night of 29 February', utc: '2028-03-01T01:00:00Z', expected: '2028-02-29' },
    { rule: 'at 02:00 on 1 March of a common year, tonight is the night of 28 February', utc: '2027-03-01T01:00:00Z', expected: '2027-02-28' }
  ])('with the default noon rollover, $rule', ({ utc, expected }) => {
    expect.hasAssertions();
    expect(operationalNight(new Date(utc))).toBe(expected);
    expect(operationalNight(new Date(utc), 12)).toBe(expected);
  });

  it.each([
    { rule: 'with a 06:00 rollover, 05:59 on the 8th (winter) is still the night of the 7th', hour: 6, utc: '2026-01-08T04:59:00Z', expected: '2026-01-07' },
    { rule: 'with a 06:00 rollover, 06:00 on the 8th (winter) is the night of the 8th', hour: 6, utc: '2026-01-08T05:00:00Z', expected: '2026-01-08' },
    { rule: 'with a 06:00 rollover, 05:59 on the 8th (summer) is still the night of the 7th', hour: 6, utc: '2026-07-08T03:59:00Z', expected: '2026-07-07' },
    { rule: 'with a 06:00 rollover, 06:00 on the 8th (summer) is the night of the 8th', hour: 6, utc: '2026-07-08T04:00:00Z', expected: '2026-07-08' },
    { rule: 'with a 06:00 rollover, 11:00 on the 8th (winter) is already the night of the 8th', hour: 6, utc: '2026-01-08T10:00:00Z', expected: '2026-01-08' },
    { rule: 'with an 18:00 rollover, 17:59 on the 8th (winter) is still the night of the 7th', hour: 18, utc: '2026-01-08T16:59:00Z', expected: '2026-01-07' },
    { rule: 'with an 18:00 rollover, 18:00 on the 8th (winter) is the night of the 8th', hour: 18, utc: '2026-01-08T17:00:00Z', expected: '2026-01-08' },
    { rule: 'with an 18:00 rollover, 18:00 on the 8th (summer, 16:00 UTC) is the night of the 8th', hour: 18, utc: '2026-07-08T16:00:00Z', expected: '2026-07-08' },
    { rule: 'with a midnight rollover, the night is the Paris calendar date: 00:30 on 1 January is the 1st', hour: 0, utc: '2026-12-31T23:30:00Z', expected: '2027-01-01' },
    { rule: 'with a midnight rollover, 23:59 on 31 December is the 31st', hour: 0, utc: '2026-12-31T22:59:00Z', expected: '2026-12-31' },
    { rule: 'with a midnight rollover, 00:00 on the 8th (summer, 22:00 UTC of the 7th) is the 8th', hour: 0, utc: '2026-07-07T22:00:00Z', expected: '2026-07-08' },
    { rule: 'with a 03:00 rollover, 01:59 CET on the spring change day is the night of the 28th', hour: 3, utc: '2026-03-29T00:59:00Z', expected: '2026-03-28' },
    { rule: 'with a 03:00 rollover, the instant 02:00 CET jumps to 03:00 CEST is the night of the 29th', hour: 3, utc: '2026-03-29T01:00:00Z', expected: '2026-03-29' },
    { rule: 'with a 02:00 rollover, 01:59 CEST on the autumn change day is the night of the 24th', hour: 2, utc: '2026-10-24T23:59:00Z', expected: '2026-10-24' },
    { rule: 'with a 02:00 rollover, the first 02:30 (CEST) of the autumn change day is the night of the 25th', hour: 2, utc: '2026-10-25T00:30:00Z', expected: '2026-10-25' },
    { rule: 'with a 02:00 rollover, the second 02:00 (CET) of the autumn change day is the night of the 25th', hour: 2, utc: '2026-10-25T01:00:00Z', expected: '2026-10-25' }
  ])('$rule', ({ hour, utc, expected }) => {
    expect.hasAssertions();
    expect(operationalNight(new Date(utc), hour)).toBe(expected);
  });
});

describe('months', () => {
  it.each([
    ['2027-01', 31],
    ['2027-02', 28],
    ['2028-02', 29],
    ['2100-02', 28],
    ['2000-02', 29],
    ['2027-04', 30],
    ['2027-12', 31]
  ])('%s has %i days', (month, days) => {
    expect.hasAssertions();
    expect(daysInMonth(month)).toBe(days);
  });

  it.each([
    ['2027-12', '2028-01'],
    ['2027-01', '2027-02'],
    ['2027-09', '2027-10']
  ])('the month after %s is %s', (month, next) => {
    expect.hasAssertions();
    expect(nextMonth(month)).toBe(next);
  });

  it.each([
    ['2027-01', true],
    ['2027-12', true],
    ['2027-13', false],
    ['2027-00', false],
    ['2027-1', false],
    ['1899-12', false],
    ['2027-01-01', false],
    [202701, false]
  ] as [unknown, boolean][])('%j is a month: %s', (s, valid) => {
    expect.hasAssertions();
    expect(isValidMonth(s)).toBe(valid);
  });

  it.each([
    { from: '2028-01-31', n: 1, to: '2028-02-29', rule: 'clamped to the 29th in a leap year' },
    { from: '2027-01-31', n: 1, to: '2027-02-28', rule: 'clamped to the 28th in a common year' },
    { from: '2027-03-31', n: 1, to: '2027-04-30', rule: 'clamped to a 30-day month' },
    { from: '2027-08-31', n: 6, to: '2028-02-29', rule: 'six months, clamped' },
    { from: '2027-05-15', n: 1, to: '2027-06-15', rule: 'the same day' },
    { from: '2027-12-15', n: 1, to: '2028-01-15', rule: 'across the year' },
    { from: '2028-02-29', n: 12, to: '2029-02-28', rule: 'a leap day a year on' },
    { from: '2027-03-31', n: -1, to: '2027-02-28', rule: 'backwards, clamped' }
  ])('$from + $n months = $to ($rule)', ({ from, n, to }) => {
    expect.hasAssertions();
    expect(plusMonths(from, n)).toBe(to);
  });
});

// The fast paths (calendar arithmetic for isValidDate, the offset asked of luxon once an hour for
// toOffsetTimestamp) must answer exactly as luxon itself does in Europe/Paris.
describe('the fast date paths agree with luxon', () => {
  const luxonValid = (s: string) => {
    const d = DateTime.fromISO(s, { zone: 'Europe/Paris' });
    return d.isValid && d.toISODate() === s;
  };
  const luxonStamp = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Paris' }).toISO({ suppressMilliseconds: false });

  it('isValidDate agrees with luxon on every YYYY-MM-DD shape, real or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isValidDate(s)).toBe(luxonValid(s));
      }),
      { numRuns: 3000 }
    );
  });

  it('toOffsetTimestamp agrees with luxon at any instant, and around every change of the clocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(toOffsetTimestamp(ms)).toBe(luxonStamp(ms));
      }),
      { numRuns: 3000 }
    );
    // Each second of the hour before and after the changes of 2026 and 2027 (01:00 UTC, last Sundays of March and October).
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1)]) {
      for (let ms = change - 3_600_000; ms <= change + 3_600_000; ms += 997) expect(toOffsetTimestamp(ms)).toBe(luxonStamp(ms));
    }
    expect(toOffsetTimestamp(Date.UTC(2026, 11, 5, 9, 47, 15, 123))).toBe('2026-12-05T10:47:15.123+01:00');
    expect(toOffsetTimestamp(Date.UTC(2027, 6, 14, 22, 0, 0, 5))).toBe('2027-07-15T00:00:00.005+02:00');
  });
});
