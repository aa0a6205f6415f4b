// The public report on a real database: a confidential site's stays (1, then 2 of them) are
// withheld with the totals that would give them back, a non-confidential site's are shown, and
// nothing names the confidential site or its commune.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicReport } from '../../src/services/reports/public.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock(); // tonight: 2027-03-01
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

/** Public figures and the protocol's report are given for finished years only: read 2027's once it is over. */
function afterTheYear<T>(read: () => T): T {
  fixClock(at('2028-01-15T14:00:00+01:00'));
  try {
    return read();
  } finally {
    fixClock();
  }
}

const shown = (value: number) => ({ value, suppressed: false });
const withheld = { value: null, suppressed: true };
const row = (r: ReturnType<typeof publicReport>, programme: string) => r.rows.find((x) => x.programme === programme)!;

function place(unitId: string, programme: 'emergency' | 'dv_protocol', start: string, end: string, adults = 1, children = 0) {
  return placeStay(w.db, w.actors.admin, { unitId, programme, start, end, household: household(`Foyer ${start}${Math.random()}`, adults, children) }).value;
}

describe('publicReport(db, year)', () => {
  it('one stay on a confidential site: its figures of 1 are withheld, and so are the totals they would be worked back from; the other site is shown', () => {
    const hidden = makeUnit(w.db, w.actors.admin, { name: 'Refuge', confidential: true, commune: 'Saussines', programmes: ['emergency', 'dv_protocol'] });
    const open = makeUnit(w.db, w.actors.admin, { name: 'Studio', commune: 'Lunel', programmes: ['emergency'] });
    place(hidden, 'emergency', '2027-03-02', '2027-03-05', 1, 0); // 3 nights, 1 person: a DV figure (confidential site)
    place(open, 'emergency', '2027-03-01', '2027-03-03', 2, 1); // 2 nights × 3 persons
    place(open, 'emergency', '2027-03-03', '2027-03-07', 1, 0); // 4 nights
    place(open, 'emergency', '2027-03-10', '2027-03-11', 1, 1); // 1 night × 2
    place(open, 'emergency', '2026-12-30', '2027-01-02', 1, 0); // 1 night in 2027 (crosses the year's start), started in 2026

    const r = afterTheYear(() => publicReport(w.db, 2027));
    expect(r.year).toBe(2027);
    expect(row(r, 'emergency')).toEqual({
      programme: 'emergency',
      householdNights: shown(2 + 4 + 1 + 1),
      personNights: shown(6 + 4 + 2 + 1),
      staysStarted: shown(3),
      staysEnded: shown(4),
      households: shown(4),
      persons: shown(3 + 1 + 2 + 1)
    });
    expect(row(r, 'dv_protocol')).toEqual({
      programme: 'dv_protocol',
      householdNights: shown(3),
      personNights: shown(3),
      staysStarted: withheld,
      staysEnded: withheld,
      households: withheld,
      persons: withheld
    });
    expect(r.total).toEqual({
      householdNights: shown(11),
      personNights: shown(16),
      staysStarted: withheld,
      staysEnded: withheld,
      households: withheld,
      persons: withheld
    });
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/Saussines|Refuge/);
  });

  it('two stays under the protocol (one on a non-confidential site): figures of 2 withheld, totals with them; three or more shown', () => {
    const hidden = makeUnit(w.db, w.actors.admin, { name: 'Refuge', confidential: true, commune: 'Saussines', programmes: ['emergency', 'dv_protocol'] });
    const hotel = makeUnit(w.db, w.actors.admin, { name: 'Hôtel', siteKind: 'hotel', programmes: ['dv_protocol'], nightlyCost: 60 });
    const open = makeUnit(w.db, w.actors.admin, { name: 'Studio', programmes: ['emergency'] });
    place(hidden, 'dv_protocol', '2027-03-02', '2027-03-03', 1, 0); // 1 night
    place(hotel, 'dv_protocol', '2027-03-04', '2027-03-05', 1, 0); // 1 night
    place(open, 'emergency', '2027-04-01', '2027-04-11', 1, 0); // 10 nights

    const r = afterTheYear(() => publicReport(w.db, '2027'));
    expect(row(r, 'dv_protocol')).toEqual({ programme: 'dv_protocol', householdNights: withheld, personNights: withheld, staysStarted: withheld, staysEnded: withheld, households: withheld, persons: withheld });
    expect(row(r, 'emergency').householdNights).toEqual(shown(10));
    expect(r.total.householdNights).toEqual(withheld); // 12 − 10 would give the 2 back
    expect(row(r, 'social_residence').householdNights).toEqual(shown(0));

    place(hidden, 'dv_protocol', '2027-05-02', '2027-05-03', 1, 0); // a third household: 3 is shown
    const r3 = afterTheYear(() => publicReport(w.db, 2027));
    expect(row(r3, 'dv_protocol').households).toEqual(shown(3));
    expect(r3.total.households).toEqual(shown(4));
    expect(r3.total.householdNights).toEqual(shown(13));
  });

  it('a bad year is 422 (not a year, or not a finished one)', () => {
    // 2027 is the year in progress (tonight: 2027-03-01): its figures would change from one day to the next.
    for (const bad of ['27', '2027a', '', 'last', '2027', '2028', '1899', 2028.5]) expectAppError(() => publicReport(w.db, bad as string), 'invalid');
  });
});
