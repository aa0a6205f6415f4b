// Retention's pure rules: the last contact is the latest of a household's dated contacts; past
// retention means more than 2 years before today (exclusive); the server's run is due once per
// operational night.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber } from '../../src/domain/dates.ts';
import { CONTACT_KINDS, decideRetention, isPastRetention, isRetentionRunDue, lastContact, lastNightOf, retentionCutoff, type Contact } from '../../src/domain/retention.ts';

describe('the cutoff and past retention', () => {
  it.each([
    // today, last contact, past retention?
    ['2027-03-01', '2025-02-28', true],
    ['2027-03-01', '2025-03-01', false], // exactly two years: still kept that day
    ['2027-03-01', '2025-03-02', false],
    ['2027-03-01', '2019-01-01', true],
    ['2027-03-01', '2027-03-01', false],
    ['2027-03-01', '2028-01-01', false], // a booking ahead is a contact to come
    ['2028-02-29', '2026-02-27', true], // a leap day: two years before is 28 February
    ['2028-02-29', '2026-02-28', false],
    ['2027-01-01', '2024-12-31', true], // across a year's end
    ['2027-01-01', '2025-01-01', false]
  ])('on %s a last contact on %s is past retention: %s', (today, last, past) => {
    expect.hasAssertions();
    expect(isPastRetention(last, today)).toBe(past);
  });

  it('the cutoff is the same calendar date two years earlier', () => {
    expect.hasAssertions();
    expect(retentionCutoff('2027-03-01')).toBe('2025-03-01');
    expect(retentionCutoff('2028-02-29')).toBe('2026-02-28');
  });

  it('a later last contact is never past retention when an earlier one is not (monotone)', () => {
    expect.hasAssertions();
    const day = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-12-31') });
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 2000 }), (today, last, later) => {
        const t = fromDayNumber(today);
        if (!isPastRetention(fromDayNumber(last), t)) expect(isPastRetention(fromDayNumber(last + later), t)).toBe(false);
        // Two calendar years are 730 or 731 days: 732 days or more before today is past, 730 or less is not.
        if (today - last >= 732) expect(isPastRetention(fromDayNumber(last), t)).toBe(true);
        if (today - last <= 730) expect(isPastRetention(fromDayNumber(last), t)).toBe(false);
      })
    );
  });
});

describe('the last contact', () => {
  it('is the latest date of any kind, and none without contacts', () => {
    expect.hasAssertions();
    const contacts: Contact[] = [
      { kind: 'stay_night', date: '2024-09-14' },
      { kind: 'referral', date: '2026-05-01' },
      { kind: 'mission', date: '2025-01-01' },
      { kind: 'household_created', date: '2024-06-01' }
    ];
    expect(lastContact(contacts)).toBe('2026-05-01');
    expect(lastContact([])).toBeNull();
  });

  it('is the maximum whatever the order (property)', () => {
    expect.hasAssertions();
    const contact = fc.record({ kind: fc.constantFrom(...CONTACT_KINDS), date: fc.integer({ min: 18000, max: 24000 }).map(fromDayNumber) });
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 12 }), (cs) => {
        const last = lastContact(cs)!;
        expect(cs.some((c) => c.date === last)).toBe(true);
        expect(cs.every((c) => c.date <= last)).toBe(true);
        expect(lastContact([...cs].reverse())).toBe(last);
      })
    );
  });

  it("a stay's last night is the day before its departure", () => {
    expect.hasAssertions();
    expect(lastNightOf('2024-09-15')).toBe('2024-09-14');
    expect(lastNightOf('2025-03-01')).toBe(addDays('2025-03-01', -1));
  });
});

describe('the decision', () => {
  const old: Contact[] = [{ kind: 'stay_night', date: '2024-09-14' }];
  it.each([
    ['past retention, nothing to keep it', old, [], { pseudonymise: true }],
    ['a recent contact of another kind', [...old, { kind: 'mission', date: '2026-06-01' }], [], { pseudonymise: false, why: 'recent' }],
    ['an active contract', old, ['active_contract'], { pseudonymise: false, why: 'active_contract' }],
    ['a balance owed', old, ['balance_owed'], { pseudonymise: false, why: 'balance_owed' }],
    ['no contact at all', [], [], { pseudonymise: false, why: 'no_contact' }]
  ] as const)('%s', (_name, contacts, keep, expected) => {
    expect.hasAssertions();
    expect(decideRetention(contacts, keep, '2027-03-01')).toEqual(expected);
  });
});

describe("the server's nightly run", () => {
  it.each([
    [null, '2027-03-01', true],
    ['2027-02-28', '2027-03-01', true],
    ['2027-03-01', '2027-03-01', false],
    ['2027-03-02', '2027-03-01', false] // a clock set back never runs a night twice
  ])('last run %s, tonight %s: due %s', (last, tonight, due) => {
    expect.hasAssertions();
    expect(isRetentionRunDue(last, tonight)).toBe(due);
  });
});
