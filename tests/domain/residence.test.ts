// The social residence's rules as tables with fixed dates: statements pro rata temporis, arrears,
// notice, reviews of the household's plan, the stay's horizon, the waiting list and its reasons.
// Every expected amount is worked out by hand in the comment beside it, not by the module.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEPARTURE_DESTINATIONS,
  HOUSING_DESTINATIONS,
  amountsOfMonth,
  amountsOn,
  arrearsOf,
  checkDeparture,
  contractStayEnd,
  divideRounded,
  earliestDeparture,
  isReviewDue,
  isToHousing,
  monthStatement,
  monthsOwed,
  nextReview,
  rankWaitingList,
  requiredStayEnd,
  respectsNotice,
  reviewDate,
  stayHorizon,
  statementsUpTo,
  type Amendment,
  type ContractTerms,
  type DepartureInput,
  type MonthStatement,
  type PaymentLine,
  type ResidencePublic,
  type UnitReservation,
  type WaitingApplication
} from '../../src/domain/residence.ts';
import { AppError } from '../../src/domain/errors.ts';
import { addDays, countNights, plusMonths } from '../../src/domain/dates.ts';

function terms(start: string, rentCents: number, chargesCents: number, aplCents: number, extra: { departure?: string; amendments?: Amendment[] } = {}): ContractTerms {
  return { start, rentCents, chargesCents, aplCents, departure: extra.departure ?? null, amendments: extra.amendments ?? [] };
}
const pay = (date: string, amountCents: number): PaymentLine => ({ date, amountCents });
const line = (month: string, nights: number, dueCents: number, aplCents: number, paidCents: number, balanceCents: number): MonthStatement => ({
  month,
  nights,
  dueCents,
  aplCents,
  paidCents,
  balanceCents
});

describe('rounding half away from zero', () => {
  it.each([
    [45, 2, 23], // 22.5 → 23
    [-45, 2, -23], // −22.5 → −23
    [44, 2, 22],
    [46333 * 15, 30, 23167], // 23 166.5 → 23 167
    [1475000, 31, 47581], // 47 580.6 → 47 581
    [540000, 31, 17419], // 17 419.35 → 17 419
    [0, 31, 0],
    [14, 29, 0], // 0.48 → 0
    [15, 29, 1] // 0.517 → 1
  ])('%i ÷ %i → %i', (n, d, expected) => {
    expect.hasAssertions();
    expect(divideRounded(n, d)).toBe(expected);
  });
});

describe('the monthly statement', () => {
  // A fee of 450 € (400 € rent-equivalent + 50 € charges), 200 € of housing benefit: 250 € a month for the household.
  const base = (start: string, extra: { departure?: string; amendments?: Amendment[] } = {}) => terms(start, 40000, 5000, 20000, extra);

  it.each([
    {
      rule: 'entering on the 16th of a 30-day month: 15 nights of 30, half the fee and half the benefit',
      terms: base('2027-04-16'),
      payments: [],
      month: '2027-04',
      expected: line('2027-04', 15, 22500, 10000, 0, 12500) // 45 000 × 15 ÷ 30; 20 000 × 15 ÷ 30
    },
    {
      rule: 'entering on the 16th, a half cent rounds away from zero',
      terms: terms('2027-04-16', 41000, 5333, 19999),
      payments: [],
      month: '2027-04',
      expected: line('2027-04', 15, 23167, 10000, 0, 13167) // 46 333 × 15 ÷ 30 = 23 166.5; 19 999 × 15 ÷ 30 = 9 999.5
    },
    {
      rule: 'the month after entering on the 16th: a whole month, the first month’s balance carried over',
      terms: base('2027-04-16'),
      payments: [],
      month: '2027-05',
      expected: line('2027-05', 31, 45000, 20000, 0, 37500) // 12 500 + 25 000
    },
    {
      rule: 'a month before the start: no night, nothing owed',
      terms: base('2027-04-16'),
      payments: [],
      month: '2027-03',
      expected: line('2027-03', 0, 0, 0, 0, 0)
    },
    {
      rule: 'leaving on 15 February of a leap year: 14 nights of 29 (fees run to the night before the departure)',
      terms: base('2027-11-01', { departure: '2028-02-15' }),
      payments: [pay('2027-11-05', 25000), pay('2027-12-05', 25000), pay('2028-01-05', 25000)],
      month: '2028-02',
      expected: line('2028-02', 14, 21724, 9655, 0, 12069) // 45 000 × 14 ÷ 29 = 21 724.14; 20 000 × 14 ÷ 29 = 9 655.17
    },
    {
      rule: 'the month after the departure: no night; the last payment settles the balance',
      terms: base('2027-11-01', { departure: '2028-02-15' }),
      payments: [pay('2027-11-05', 25000), pay('2027-12-05', 25000), pay('2028-01-05', 25000), pay('2028-03-02', 12069)],
      month: '2028-03',
      expected: line('2028-03', 0, 0, 0, 12069, 0)
    },
    {
      rule: 'a departure on the 1st of a month leaves no night in it',
      terms: base('2027-01-01', { departure: '2027-03-01' }),
      payments: [],
      month: '2027-03',
      expected: line('2027-03', 0, 0, 0, 0, 50000)
    },
    {
      rule: 'leaving on 15 February of a common year: 14 nights of 28, exactly half',
      terms: base('2027-01-01', { departure: '2027-02-15' }),
      payments: [pay('2027-01-10', 25000)],
      month: '2027-02',
      expected: line('2027-02', 14, 22500, 10000, 0, 12500)
    }
  ])('$rule', ({ terms: t, payments, month, expected }) => {
    expect.hasAssertions();
    expect(monthStatement(t, payments, month)).toEqual(expected);
  });

  it('carries a payment across months: nothing paid in February, two months paid in March, one ahead in April', () => {
    expect.hasAssertions();
    const t = base('2027-01-01');
    const payments = [pay('2027-01-05', 25000), pay('2027-03-03', 50000), pay('2027-04-02', 50000)];
    expect(statementsUpTo(t, payments, '2027-05')).toEqual([
      line('2027-01', 31, 45000, 20000, 25000, 0),
      line('2027-02', 28, 45000, 20000, 0, 25000),
      line('2027-03', 31, 45000, 20000, 50000, 0),
      line('2027-04', 30, 45000, 20000, 50000, -25000), // paid ahead: negative is a credit
      line('2027-05', 31, 45000, 20000, 0, 0)
    ]);
  });

  it('a reversal (a bounced cheque) undoes its payment in the month it is recorded', () => {
    expect.hasAssertions();
    const t = base('2027-01-01');
    const payments = [pay('2027-01-04', 25000), pay('2027-02-03', 25000), pay('2027-02-20', -25000)];
    expect(statementsUpTo(t, payments, '2027-02')).toEqual([line('2027-01', 31, 45000, 20000, 25000, 0), line('2027-02', 28, 45000, 20000, 0, 25000)]);
  });

  it('a reversal in the month after its payment reopens the balance then', () => {
    expect.hasAssertions();
    const t = base('2027-01-01');
    const payments = [pay('2027-01-28', 25000), pay('2027-02-02', 25000), pay('2027-03-01', -25000), pay('2027-03-10', 25000)];
    expect(statementsUpTo(t, payments, '2027-03').map((s) => [s.paidCents, s.balanceCents])).toEqual([
      [25000, 0],
      [25000, 0],
      [0, 25000] // −25 000 (February's cheque bounced) + 25 000 (March's): February is owed again
    ]);
  });

  it.each([
    {
      rule: 'a yearly revision on 1 July: the new rent from July, the benefit unchanged',
      amendments: [{ from: '2027-07-01', rentCents: 41000 }],
      month: '2027-07',
      expected: line('2027-07', 31, 46000, 20000, 0, 176000) // 6 × 25 000 + 26 000
    },
    {
      rule: 'the month before the revision is owed at the old amounts',
      amendments: [{ from: '2027-07-01', rentCents: 41000 }],
      month: '2027-06',
      expected: line('2027-06', 30, 45000, 20000, 0, 150000)
    },
    {
      rule: 'a new housing benefit from 16 July: 15 nights at 200 €, 16 at 150 €, rounded once',
      amendments: [{ from: '2027-07-16', aplCents: 15000 }],
      month: '2027-07',
      expected: line('2027-07', 31, 45000, 17419, 0, 177581) // (20 000 × 15 + 15 000 × 16) ÷ 31 = 17 419.35; 150 000 + 27 581
    },
    {
      rule: 'the month after a mid-month change of benefit is owed at the new amount',
      amendments: [{ from: '2027-07-16', aplCents: 15000 }],
      month: '2027-08',
      expected: line('2027-08', 31, 45000, 15000, 0, 207581) // 177 581 + 30 000
    }
  ])('$rule', ({ amendments, month, expected }) => {
    expect.hasAssertions();
    expect(monthStatement(base('2027-01-01', { amendments }), [], month)).toEqual(expected);
  });

  it('a mid-month amendment sums the nights’ shares and rounds the month once (not each part)', () => {
    expect.hasAssertions();
    // April 2027 (30 days): 15 nights at 450.01 € then 15 at 450.03 €: (45 001 × 15 + 45 003 × 15) ÷ 30 = 45 002.
    // Rounding each part would give 22 500.5 → 22 501 plus 22 501.5 → 22 502 = 45 003.
    const t = terms('2027-04-01', 40001, 5000, 0, { amendments: [{ from: '2027-04-16', rentCents: 40003 }] });
    expect(monthStatement(t, [], '2027-04')).toEqual(line('2027-04', 30, 45002, 0, 0, 45002));
  });

  it('an amendment dated before the start applies from the first night', () => {
    expect.hasAssertions();
    const t = base('2027-04-16', { amendments: [{ from: '2027-01-01', chargesCents: 7000 }] });
    expect(monthStatement(t, [], '2027-04')).toEqual(line('2027-04', 15, 23500, 10000, 0, 13500)); // 47 000 ÷ 2
  });
});

describe('the amounts in force', () => {
  const t = terms('2027-01-01', 40000, 5000, 20000, {
    amendments: [
      { from: '2027-05-01', aplCents: 22000 },
      { from: '2027-03-01', chargesCents: 6000 },
      { from: '2027-09-01', rentCents: 41000 },
      { from: '2027-09-01', rentCents: 41500 }
    ]
  });
  it.each([
    ['2027-02-28', { rentCents: 40000, chargesCents: 5000, aplCents: 20000 }, 'before any amendment'],
    ['2027-03-01', { rentCents: 40000, chargesCents: 6000, aplCents: 20000 }, 'from the amendment’s date, only the charges change'],
    ['2027-04-30', { rentCents: 40000, chargesCents: 6000, aplCents: 20000 }, 'whatever order the amendments are given in'],
    ['2027-05-01', { rentCents: 40000, chargesCents: 6000, aplCents: 22000 }, 'a second amendment keeps the first one’s charges'],
    ['2027-09-01', { rentCents: 41500, chargesCents: 6000, aplCents: 22000 }, 'of two amendments on one date, the later given wins']
  ])('on %s: %j (%s)', (night, expected) => {
    expect.hasAssertions();
    expect(amountsOn(t, night)).toEqual(expected);
  });
});

describe('arrears: months owed', () => {
  const fee = { rentCents: 40000, chargesCents: 5000, aplCents: 20000 }; // 250 € a month for the household
  it.each([
    [50000, fee, 2],
    [49999, fee, 1],
    [25000, fee, 1],
    [24999, fee, 0],
    [0, fee, 0],
    [-5000, fee, 0], // paid ahead
    [100000, { rentCents: 20000, chargesCents: 0, aplCents: 20000 }, 0], // the benefit covers the fee: no divisor
    [100000, { rentCents: 20000, chargesCents: 0, aplCents: 25000 }, 0] // a benefit above the fee: no negative months
  ])('a balance of %i with %j → %i months', (balance, amounts, months) => {
    expect.hasAssertions();
    expect(monthsOwed(balance, amounts)).toBe(months);
  });

  it('three months unpaid are three months owed', () => {
    expect.hasAssertions();
    expect(arrearsOf(terms('2027-01-01', 40000, 5000, 20000), [], '2027-03')).toEqual({ balanceCents: 75000, monthsOwed: 3 });
  });

  it('counts with the amounts in force on the month’s last night', () => {
    expect.hasAssertions();
    // A rent of 500 € from 16 March: March owes (45 000 × 15 + 50 000 × 16) ÷ 31 = 47 580.6 → 47 581, less 20 000;
    // the balance is 25 000 + 25 000 + 27 581 = 77 581; the month's share is 55 000 − 20 000 = 35 000 → 2 months.
    const t = terms('2027-01-01', 40000, 5000, 20000, { amendments: [{ from: '2027-03-16', rentCents: 45000 }] });
    expect(amountsOfMonth(t, '2027-03')).toEqual({ rentCents: 45000, chargesCents: 5000, aplCents: 20000 });
    expect(arrearsOf(t, [], '2027-03')).toEqual({ balanceCents: 77581, monthsOwed: 2 });
  });

  it('after a departure, the amounts of its last night count', () => {
    expect.hasAssertions();
    const t = terms('2027-01-01', 40000, 5000, 20000, { departure: '2027-03-10', amendments: [{ from: '2027-03-16', rentCents: 45000 }] });
    expect(amountsOfMonth(t, '2027-03')).toEqual({ rentCents: 40000, chargesCents: 5000, aplCents: 20000 });
    expect(amountsOfMonth(t, '2027-06')).toEqual({ rentCents: 40000, chargesCents: 5000, aplCents: 20000 });
  });

  it('before the start, the first night’s amounts count', () => {
    expect.hasAssertions();
    const t = terms('2027-04-16', 40000, 5000, 20000, { amendments: [{ from: '2027-04-16', aplCents: 10000 }] });
    expect(amountsOfMonth(t, '2027-03')).toEqual({ rentCents: 40000, chargesCents: 5000, aplCents: 10000 });
  });
});

describe('notice', () => {
  it.each([
    { by: 'resident', given: '2027-03-01', earliest: '2027-03-09', rule: '8 days' },
    { by: 'resident', given: '2027-12-28', earliest: '2028-01-05', rule: '8 days across the year' },
    { by: 'resident', given: '2028-02-25', earliest: '2028-03-04', rule: '8 days across a leap day' },
    { by: 'residence', given: '2027-05-15', earliest: '2027-06-15', rule: 'one calendar month' },
    { by: 'residence', given: '2027-12-15', earliest: '2028-01-15', rule: 'one calendar month across the year' },
    { by: 'residence', given: '2028-01-31', earliest: '2028-02-29', rule: '31 January + 1 month = 29 February in a leap year' },
    { by: 'residence', given: '2027-01-31', earliest: '2027-02-28', rule: '31 January + 1 month = 28 February in a common year' },
    { by: 'residence', given: '2027-03-31', earliest: '2027-04-30', rule: '31 March + 1 month = 30 April' }
  ] as const)('notice by the $by on $given: earliest departure $earliest ($rule)', ({ by, given, earliest }) => {
    expect.hasAssertions();
    expect(earliestDeparture(given, by)).toBe(earliest);
    expect(respectsNotice(given, by, earliest)).toBe(true);
    expect(respectsNotice(given, by, addDays(earliest, -1))).toBe(false);
  });

  const contract = { start: '2027-01-01', stayEnd: '2027-09-01' };
  it.each([
    { rule: 'a resident’s departure with notice', input: { date: '2027-05-10', noticeGivenOn: '2027-05-02', by: 'resident' }, field: null },
    { rule: 'a departure without notice (the household left)', input: { date: '2027-05-10' }, field: null },
    { rule: 'the residence with its reason', input: { date: '2027-06-15', noticeGivenOn: '2027-05-15', by: 'residence', reason: 'impayés' }, field: null },
    { rule: 'the residence without a reason', input: { date: '2027-06-15', noticeGivenOn: '2027-05-15', by: 'residence' }, field: 'reason' },
    { rule: 'the residence with a blank reason', input: { date: '2027-06-15', by: 'residence', reason: '  ' }, field: 'reason' },
    { rule: 'on the stay’s last day', input: { date: '2027-09-01' }, field: null },
    { rule: 'the day after the first night', input: { date: '2027-01-02' }, field: null },
    { rule: 'on the first night (no night left)', input: { date: '2027-01-01' }, field: 'date' },
    { rule: 'before the start', input: { date: '2026-12-15' }, field: 'date' },
    { rule: 'after the stay’s end', input: { date: '2027-09-02' }, field: 'date' },
    { rule: 'a notice given after the departure', input: { date: '2027-05-10', noticeGivenOn: '2027-05-11', by: 'resident' }, field: 'noticeGivenOn' },
    { rule: 'a notice given on the departure day', input: { date: '2027-05-10', noticeGivenOn: '2027-05-10', by: 'resident' }, field: null }
  ] as { rule: string; input: DepartureInput; field: string | null }[])('$rule → $field', ({ input, field }) => {
    expect.hasAssertions();
    let error: AppError | null = null;
    try {
      checkDeparture(input, contract);
    } catch (e) {
      error = e as AppError;
    }
    if (field === null) expect(error).toBeNull();
    else {
      expect(error?.status).toBe(422);
      expect(error?.errors?.map((x) => x.path)).toEqual([field]);
    }
  });
});

describe('the review of the household’s plan', () => {
  it.each([
    { origin: '2027-01-15', on: '2027-01-15', next: '2027-07-15', rule: 'the first review is six months after the start' },
    { origin: '2027-01-15', on: '2027-07-15', next: '2027-07-15', rule: 'a review on the day itself' },
    { origin: '2027-01-15', on: '2027-07-16', next: '2028-01-15', rule: 'the day after a review, the next one' },
    { origin: '2027-01-15', on: '2029-05-01', next: '2029-07-15', rule: 'years later' },
    { origin: '2027-08-31', on: '2027-09-01', next: '2028-02-29', rule: 'clamped to the month’s end (leap year)' },
    { origin: '2027-08-31', on: '2028-03-01', next: '2028-08-31', rule: 'counted from the start, so the clamp does not drift' },
    { origin: '2026-08-31', on: '2027-01-01', next: '2027-02-28', rule: 'clamped in a common year' },
    { origin: '2027-01-15', on: '2026-06-01', next: '2027-07-15', rule: 'a date before the start' }
  ])('from $origin, on or after $on: $next ($rule)', ({ origin, on, next }) => {
    expect.hasAssertions();
    expect(nextReview(origin, on)).toBe(next);
  });

  it.each([
    ['2027-01-15', '2027-01', false], // the start's month is not a review
    ['2027-01-15', '2027-06', false],
    ['2027-01-15', '2027-07', true],
    ['2027-01-15', '2027-08', false],
    ['2027-01-15', '2028-01', true],
    ['2027-08-31', '2028-02', true],
    ['2027-08-31', '2028-03', false]
  ])('from %s, a review is due in %s: %s', (origin, month, due) => {
    expect.hasAssertions();
    expect(isReviewDue(origin, month)).toBe(due);
  });

  it('is the first review date on or after the date (property)', () => {
    expect.hasAssertions();
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2026-01-01', n));
    fc.assert(
      fc.property(day, day, fc.constantFrom(3, 6, 12), (origin, on, every) => {
        const next = nextReview(origin, on, every);
        const k = [...Array(200).keys()].find((i) => i >= 1 && reviewDate(origin, i, every) === next);
        expect(k).toBeDefined();
        expect(next >= on).toBe(true);
        if (k! > 1) expect(reviewDate(origin, k! - 1, every) < on).toBe(true);
      })
    );
  });
});

describe('the stay’s horizon', () => {
  it.each([
    { tonight: '2027-03-10', required: '2027-09-10' },
    { tonight: '2027-08-31', required: '2028-02-29' },
    { tonight: '2027-12-31', required: '2028-06-30' }
  ])('tonight $tonight: the stay reaches at least $required', ({ tonight, required }) => {
    expect.hasAssertions();
    expect(requiredStayEnd(tonight)).toBe(required);
  });

  it.each([
    ['2027-09-09', true],
    ['2027-09-10', false],
    ['2028-01-01', false],
    ['2027-04-01', true]
  ])('tonight 2027-03-10, a stay ending %s needs an extension: %s', (end, needed) => {
    expect.hasAssertions();
    expect(stayHorizon(end, '2027-03-10')).toEqual({ requiredEnd: '2027-09-10', needsExtension: needed, extendTo: '2027-10-10' });
  });

  it.each([
    { start: '2027-03-10', tonight: '2027-03-10', end: '2027-10-10', rule: 'starting tonight: seven months' },
    { start: '2027-04-16', tonight: '2027-03-10', end: '2027-11-16', rule: 'starting later: seven months from the start' },
    { start: '2026-01-05', tonight: '2027-03-10', end: '2027-10-10', rule: 'an adopted stay begun long ago: seven months from tonight' },
    { start: '2027-07-31', tonight: '2027-03-10', end: '2028-02-29', rule: 'clamped to the month’s end' }
  ])('a contract’s stay from $start, tonight $tonight, ends $end ($rule)', ({ start, tonight, end }) => {
    expect.hasAssertions();
    expect(contractStayEnd(start, tonight)).toBe(end);
    expect(end >= requiredStayEnd(tonight)).toBe(true);
  });
});

describe('departure destinations', () => {
  it.each(DEPARTURE_DESTINATIONS.map((d) => [d, d === 'private_rental' || d === 'social_housing'] as const))('%s is to housing: %s', (d, housing) => {
    expect.hasAssertions();
    expect(isToHousing(d)).toBe(housing);
  });

  it('is the closed list', () => {
    expect.hasAssertions();
    expect([...DEPARTURE_DESTINATIONS]).toEqual(['private_rental', 'social_housing', 'family_or_friends', 'other_structure', 'hospital_or_care', 'street', 'unknown']);
    expect(HOUSING_DESTINATIONS).toEqual(['private_rental', 'social_housing']);
  });
});

describe('the waiting list', () => {
  const today = '2027-05-01';
  const app = (id: string, pub: ResidencePublic, since: string, emergencyStayEnd: string | null = null): WaitingApplication => ({ id, public: pub, since, emergencyStayEnd });
  const applications = [
    app('a', 'other', '2027-01-01'), // 120 days
    app('b', 'dv', '2027-03-01'), // 61 days
    app('c', 'young_worker', '2027-04-01'), // 30 days
    app('d', 'other', '2027-02-01', '2027-05-10'), // emergency stay ending in 9 days
    app('f', 'other', '2027-02-01', '2027-05-16'), // ending in 15 days: not within 14
    app('e', 'other', '2027-02-01') // 89 days, like f: the id breaks the tie
  ];

  it.each([
    { reservedFor: 'young_worker' as UnitReservation, order: ['c', 'b', 'd', 'a', 'e', 'f'] },
    { reservedFor: null, order: ['b', 'd', 'a', 'e', 'f', 'c'] }
  ])('a unit reserved for $reservedFor: $order', ({ reservedFor, order }) => {
    expect.hasAssertions();
    const ranked = rankWaitingList(applications, { reservedFor }, today);
    expect(ranked.map((r) => r.application.id)).toEqual(order);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives its reasons as codes with their parameters', () => {
    expect.hasAssertions();
    const ranked = rankWaitingList(applications, { reservedFor: 'young_worker' }, today);
    const reasons = Object.fromEntries(ranked.map((r) => [r.application.id, r.reasons]));
    expect(reasons).toEqual({
      c: [
        { code: 'reserved_public', params: { public: 'young_worker' } },
        { code: 'waited', params: { days: 30, since: '2027-04-01' } }
      ],
      b: [
        { code: 'dv_household', params: {} },
        { code: 'waited', params: { days: 61, since: '2027-03-01' } }
      ],
      d: [
        { code: 'emergency_stay_ending', params: { end: '2027-05-10', daysLeft: 9 } },
        { code: 'waited', params: { days: 89, since: '2027-02-01' } }
      ],
      a: [{ code: 'waited', params: { days: 120, since: '2027-01-01' } }],
      e: [{ code: 'waited', params: { days: 89, since: '2027-02-01' } }],
      f: [{ code: 'waited', params: { days: 89, since: '2027-02-01' } }]
    });
  });

  it.each([
    ['2027-05-01', true, 'ending today'],
    ['2027-05-15', true, 'ending in 14 days'],
    ['2027-05-16', false, 'ending in 15 days'],
    ['2027-04-30', false, 'ended yesterday: no longer in an emergency stay']
  ])('an emergency stay %s counts: %s (%s)', (end, counts) => {
    expect.hasAssertions();
    const ranked = rankWaitingList([app('late', 'other', '2027-04-20', end), app('early', 'other', '2027-01-01')], { reservedFor: null }, today);
    expect(ranked[0].application.id).toBe(counts ? 'late' : 'early');
    expect(ranked[0].reasons.some((r) => r.code === 'emergency_stay_ending')).toBe(counts);
  });

  it('a reserved public before DV, DV before an emergency ending, each before a longer wait', () => {
    expect.hasAssertions();
    const ranked = rankWaitingList(
      [app('old', 'other', '2020-01-01', '2027-05-02'), app('dv', 'dv', '2027-04-30'), app('yw', 'young_worker', '2027-05-01'), app('older', 'other', '2019-01-01')],
      { reservedFor: 'young_worker' },
      today
    );
    expect(ranked.map((r) => r.application.id)).toEqual(['yw', 'dv', 'old', 'older']);
  });

  const arbitraryApplications = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      public: fc.constantFrom<ResidencePublic>('young_worker', 'dv', 'other'),
      since: fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-04-01', n)),
      emergencyStayEnd: fc.option(
        fc.integer({ min: -5, max: 30 }).map((n) => addDays(today, n)),
        { nil: null }
      )
    }),
    { selector: (a) => a.id, maxLength: 25 }
  );
  const reservation = fc.constantFrom<UnitReservation | null>('young_worker', null);

  it('is a total order: any order of the same applications ranks them alike (property)', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(
        arbitraryApplications.chain((apps) => fc.tuple(fc.constant(apps), fc.shuffledSubarray(apps, { minLength: apps.length, maxLength: apps.length }))),
        reservation,
        ([apps, shuffled], reservedFor) => {
          const one = rankWaitingList(apps, { reservedFor }, today).map((r) => r.application.id);
          const two = rankWaitingList(shuffled, { reservedFor }, today).map((r) => r.application.id);
          expect(two).toEqual(one);
          expect(new Set(one).size).toBe(apps.length);
        }
      )
    );
  });

  it('never ranks an application of the unit’s reserved public below one of another public; each key in order (property)', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(arbitraryApplications, reservation, (apps, reservedFor) => {
        const ranked = rankWaitingList(apps, { reservedFor }, today);
        const key = (a: WaitingApplication) => {
          const left = a.emergencyStayEnd ? countNights(today, a.emergencyStayEnd) : -1;
          return [
            reservedFor !== null && a.public === reservedFor ? 0 : 1,
            a.public === 'dv' ? 0 : 1,
            left >= 0 && left <= 14 ? 0 : 1,
            -Math.max(0, countNights(a.since, today))
          ];
        };
        for (let i = 1; i < ranked.length; i++) {
          const [p, q] = [ranked[i - 1].application, ranked[i].application];
          if (reservedFor) expect(!(q.public === reservedFor && p.public !== reservedFor)).toBe(true);
          const [kp, kq] = [key(p), key(q)];
          const j = kp.findIndex((v, n) => v !== kq[n]);
          if (j === -1) expect(p.id < q.id).toBe(true);
          else expect(kp[j] < kq[j]).toBe(true);
        }
      })
    );
  });
});

describe('plusMonths as the horizon and the notice use it', () => {
  it('six months after any night is on or after it + 181 days and on or before it + 184 days', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2026-01-01', n)), (tonight) => {
        const nights = countNights(tonight, plusMonths(tonight, 6));
        expect(nights).toBeGreaterThanOrEqual(181);
        expect(nights).toBeLessThanOrEqual(184);
      })
    );
  });
});
