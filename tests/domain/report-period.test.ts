// The period a report covers: each way of naming it gives one half-open range of nights, and a
// bad name is refused with its reason, never turned into some other period.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countNights } from '../../src/domain/dates.ts';
import { defaultPeriod, lastNightOf, monthsOfPeriod, periodOfQuery, type PeriodQuery } from '../../src/domain/report-period.ts';

const TODAY = '2026-12-05';

describe('periodOfQuery', () => {
  const CASES: readonly { name: string; q: PeriodQuery; want: { kind: string; from: string; to: string } | string }[] = [
    { name: 'nothing asked: the last full month', q: {}, want: { kind: 'month', from: '2026-11-01', to: '2026-12-01' } },
    { name: 'a month', q: { month: '2026-02' }, want: { kind: 'month', from: '2026-02-01', to: '2026-03-01' } },
    { name: 'December runs to the next year', q: { month: '2025-12' }, want: { kind: 'month', from: '2025-12-01', to: '2026-01-01' } },
    { name: 'a quarter written with T', q: { quarter: '2026-T4' }, want: { kind: 'quarter', from: '2026-10-01', to: '2027-01-01' } },
    { name: 'a quarter written with q', q: { quarter: '2026-q1' }, want: { kind: 'quarter', from: '2026-01-01', to: '2026-04-01' } },
    { name: 'a year', q: { year: '2025' }, want: { kind: 'year', from: '2025-01-01', to: '2026-01-01' } },
    { name: 'chosen dates name their last night', q: { first: '2026-03-01', last: '2026-03-31' }, want: { kind: 'dates', from: '2026-03-01', to: '2026-04-01' } },
    { name: 'one night', q: { first: '2026-03-29', last: '2026-03-29' }, want: { kind: 'dates', from: '2026-03-29', to: '2026-03-30' } },
    { name: 'the month wins over the other fields', q: { month: '2026-01', year: '2020' }, want: { kind: 'month', from: '2026-01-01', to: '2026-02-01' } },
    { name: 'blank fields are absent', q: { month: ' ', quarter: '', year: '2024' }, want: { kind: 'year', from: '2024-01-01', to: '2025-01-01' } },
    { name: 'a 13th month', q: { month: '2026-13' }, want: 'malformed' },
    { name: 'a fifth quarter', q: { quarter: '2026-T5' }, want: 'malformed' },
    { name: 'a year in words', q: { year: 'deux mille' }, want: 'malformed' },
    { name: '30 February', q: { first: '2026-02-01', last: '2026-02-30' }, want: 'malformed' },
    { name: 'only a first day', q: { first: '2026-02-01' }, want: 'malformed' },
    { name: 'a month ending past the last year the service writes', q: { month: '2999-12' }, want: 'malformed' },
    { name: 'dates ending past the last year the service writes', q: { first: '2999-12-01', last: '2999-12-31' }, want: 'malformed' },
    { name: 'the last night before the first', q: { first: '2026-02-10', last: '2026-02-09' }, want: 'empty' },
    { name: 'ten years are a period here (the report refuses it)', q: { first: '2015-01-01', last: '2024-12-31' }, want: { kind: 'dates', from: '2015-01-01', to: '2025-01-01' } }
  ];
  it.each(CASES)('$name', ({ q, want }) => {
    expect.hasAssertions();
    const got = periodOfQuery(q, TODAY);
    if (typeof want === 'string') expect(got).toEqual({ ok: false, error: want });
    else expect(got).toEqual({ ok: true, period: want });
  });

  it('chosen dates give back their first and last night (property)', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 4000 }), (start, length) => {
        const first = new Date(Date.UTC(1990, 0, 1) + start * 86_400_000).toISOString().slice(0, 10);
        const last = new Date(Date.UTC(1990, 0, 1) + (start + length) * 86_400_000).toISOString().slice(0, 10);
        const got = periodOfQuery({ first, last }, TODAY);
        expect(got.ok).toBe(true);
        if (got.ok) {
          expect(got.period.from).toBe(first);
          expect(lastNightOf(got.period)).toBe(last);
          expect(countNights(got.period.from, got.period.to)).toBe(length + 1);
        }
      })
    );
  });
});

describe('defaultPeriod and monthsOfPeriod', () => {
  it.each([
    { today: '2026-12-05', from: '2026-11-01', to: '2026-12-01' },
    { today: '2027-01-01', from: '2026-12-01', to: '2027-01-01' },
    { today: '2028-03-31', from: '2028-02-01', to: '2028-03-01' }
  ])('on $today the default is the last full month, from $from', ({ today, from, to }) => {
    expect.hasAssertions();
    expect(defaultPeriod(today)).toEqual({ kind: 'month', from, to });
  });

  it.each([
    { from: '2026-01-15', to: '2026-03-11', months: ['2026-01', '2026-02', '2026-03'] },
    { from: '2026-01-01', to: '2026-02-01', months: ['2026-01'] },
    { from: '2025-12-31', to: '2026-01-01', months: ['2025-12'] },
    { from: '2025-11-01', to: '2026-02-01', months: ['2025-11', '2025-12', '2026-01'] }
  ])('[$from, $to) touches $months', ({ from, to, months }) => {
    expect.hasAssertions();
    expect(monthsOfPeriod({ from, to })).toEqual(months);
  });
});
