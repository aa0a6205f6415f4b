// Specification of availability through the service, on a small fixed territory (docs/api.md, "Availability").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { availabilityEtag, getAvailability } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { setClock } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import { actOnStay, placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { expectAppError, household, MARCH_1_AFTERNOON, makeWorld, resetClock, type World } from './helpers.ts';

// The window: the nights of 1 to 7 March 2027.
const FROM = '2027-03-01';
const TO = '2027-03-08';
const r = (start: string, end: string) => ({ start, end });

let w: World;
let u1: string; // Saussines T2: 2 places, emergency + dv_protocol; a stay on the 2nd and 3rd
let u2: string; // Marsillargues T4: 4 places, emergency; a hold on the 1st, a block on the 5th
let u3: string; // Lunel résidence: 1 place, social_residence; a cancelled stay (frees), a stay from the 6th
let u4: string; // Refuge (confidential site): 3 places, dv_protocol; a stay on the 1st and 2nd

function place(over: Partial<PlaceStayInput> & Pick<PlaceStayInput, 'unitId' | 'start' | 'end'>) {
  return placeStay(w.db, w.actors.admin, { programme: 'emergency', household: household(), ...over }).value;
}

beforeEach(() => {
  setClock(MARCH_1_AFTERNOON);
  w = makeWorld();
  const admin = w.actors.admin;
  u1 = makeUnit(w.db, admin, { name: 'Saussines T2', capacity: 2, commune: 'Saussines', programmes: ['emergency', 'dv_protocol'] });
  u2 = makeUnit(w.db, admin, { name: 'Marsillargues T4', capacity: 4, commune: 'Marsillargues', programmes: ['emergency'] });
  u3 = makeUnit(w.db, admin, { name: 'Lunel résidence', capacity: 1, commune: 'Lunel', siteKind: 'residence', programmes: ['social_residence'] });
  u4 = makeUnit(w.db, admin, { name: 'Refuge', capacity: 3, commune: 'Lunel', confidential: true, address: '3 rue Secrète', programmes: ['dv_protocol'] });
  place({ unitId: u1, start: '2027-03-02', end: '2027-03-04' });
  place({ unitId: u2, start: '2027-03-01', end: '2027-03-02', status: 'hold' });
  createBlock(w.db, admin, { unitId: u2, start: '2027-03-05', end: '2027-03-06', reason: 'chaudière' });
  const cancelled = place({ unitId: u3, start: '2027-03-03', end: '2027-03-05', programme: 'social_residence' });
  actOnStay(w.db, admin, cancelled.id, 'cancel');
  place({ unitId: u3, start: '2027-03-06', end: '2027-03-10', programme: 'social_residence' });
  place({ unitId: u4, start: '2027-03-01', end: '2027-03-03', programme: 'dv_protocol' });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

const night = (date: string, freeUnits: number, freePlaces: number) => ({ date, freeUnits, freePlaces });

describe('getAvailability', () => {
  it('lists the maximal free ranges of each unit within the window, in creation order, and the nightly totals', () => {
    expect.hasAssertions();
    const a = getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO });
    expect(a.from).toBe(FROM);
    expect(a.to).toBe(TO);
    expect(a.units).toEqual([
      { unitId: u1, name: 'Saussines T2', commune: 'Saussines', capacity: 2, programmes: ['emergency', 'dv_protocol'], free: [r('2027-03-01', '2027-03-02'), r('2027-03-04', TO)] },
      { unitId: u2, name: 'Marsillargues T4', commune: 'Marsillargues', capacity: 4, programmes: ['emergency'], free: [r('2027-03-02', '2027-03-05'), r('2027-03-06', TO)] },
      { unitId: u3, name: 'Lunel résidence', commune: 'Lunel', capacity: 1, programmes: ['social_residence'], free: [r(FROM, '2027-03-06')] },
      { unitId: u4, name: 'Refuge', commune: 'Lunel', capacity: 3, programmes: ['dv_protocol'], free: [r('2027-03-03', TO)] }
    ]);
    expect(a.nights).toEqual([
      night('2027-03-01', 2, 3),
      night('2027-03-02', 2, 5),
      night('2027-03-03', 3, 8),
      night('2027-03-04', 4, 10),
      night('2027-03-05', 3, 6),
      night('2027-03-06', 3, 9),
      night('2027-03-07', 3, 9)
    ]);
  });

  it('a one-night window answers one night', () => {
    expect.hasAssertions();
    const a = getAvailability(w.db, w.actors.admin, { from: '2027-03-05', to: '2027-03-06' });
    expect(a.units.map((u) => [u.unitId, u.free])).toEqual([
      [u1, [r('2027-03-05', '2027-03-06')]],
      [u2, []],
      [u3, [r('2027-03-05', '2027-03-06')]],
      [u4, [r('2027-03-05', '2027-03-06')]]
    ]);
    expect(a.nights).toEqual([night('2027-03-05', 3, 6)]);
  });

  it('the programme filter keeps only the units that serve it, in the list and in the totals', () => {
    expect.hasAssertions();
    const a = getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO, programme: 'emergency' });
    expect(a.units.map((u) => u.unitId)).toEqual([u1, u2]);
    expect(a.nights).toEqual([
      night('2027-03-01', 1, 2),
      night('2027-03-02', 1, 4),
      night('2027-03-03', 1, 4),
      night('2027-03-04', 2, 6),
      night('2027-03-05', 1, 2),
      night('2027-03-06', 2, 6),
      night('2027-03-07', 2, 6)
    ]);
  });

  it('the persons filter keeps only the units that hold that many persons', () => {
    expect.hasAssertions();
    const a = getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO, persons: 3 });
    expect(a.units.map((u) => u.unitId)).toEqual([u2, u4]);
    expect(a.nights).toEqual([
      night('2027-03-01', 0, 0),
      night('2027-03-02', 1, 4),
      night('2027-03-03', 2, 7),
      night('2027-03-04', 2, 7),
      night('2027-03-05', 1, 3),
      night('2027-03-06', 2, 7),
      night('2027-03-07', 2, 7)
    ]);
  });

  it('programme and persons filters combine', () => {
    expect.hasAssertions();
    const a = getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO, programme: 'dv_protocol', persons: 2 });
    expect(a.units.map((u) => u.unitId)).toEqual([u1, u4]);
    expect(a.nights.map((n) => n.freePlaces)).toEqual([2, 0, 3, 5, 5, 5, 5]);
    expect(getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO, programme: 'housing_mission' })).toEqual({
      from: FROM,
      to: TO,
      units: [],
      nights: ['01', '02', '03', '04', '05', '06', '07'].map((d) => night(`2027-03-${d}`, 0, 0))
    });
  });

  it("a partner's answer lists no unit of a confidential site, but counts its places in the nightly totals", () => {
    expect.hasAssertions();
    const staff = getAvailability(w.db, w.actors.duty_officer, { from: FROM, to: TO });
    const partner = getAvailability(w.db, w.actors.partner, { from: FROM, to: TO });
    expect(partner.units.map((u) => u.unitId)).toEqual([u1, u2, u3]);
    expect(partner.units).toEqual(staff.units.filter((u) => u.unitId !== u4));
    expect(partner.nights).toEqual(staff.nights);
    expect(JSON.stringify(partner)).not.toMatch(/Refuge|Secrète/);
    expect(JSON.stringify(partner)).not.toContain(u4);
  });

  it("a partner's answer filtered on dv_protocol lists only the public unit, and counts the confidential one", () => {
    expect.hasAssertions();
    const partner = getAvailability(w.db, w.actors.partner, { from: FROM, to: TO, programme: 'dv_protocol' });
    expect(partner.units.map((u) => u.unitId)).toEqual([u1]);
    expect(partner.nights).toEqual([
      night('2027-03-01', 1, 2),
      night('2027-03-02', 0, 0),
      night('2027-03-03', 1, 3),
      night('2027-03-04', 2, 5),
      night('2027-03-05', 2, 5),
      night('2027-03-06', 2, 5),
      night('2027-03-07', 2, 5)
    ]);
  });

  it('every staff role sees the confidential unit in the list', () => {
    expect.hasAssertions();
    for (const actor of [w.actors.admin, w.actors.duty_officer, w.actors.housing_officer]) {
      expect(getAvailability(w.db, actor, { from: FROM, to: TO }).units.map((u) => u.unitId)).toContain(u4);
    }
  });

  it('the answer and its ETag change when a hold lapses, at that moment', () => {
    expect.hasAssertions();
    const expiry = MARCH_1_AFTERNOON + settings.holdMinutes() * 60_000;
    setClock(expiry - 1);
    const before = getAvailability(w.db, w.actors.partner, { from: FROM, to: TO });
    expect(availabilityEtag(getAvailability(w.db, w.actors.partner, { from: FROM, to: TO }))).toBe(availabilityEtag(before));
    setClock(expiry);
    const after = getAvailability(w.db, w.actors.partner, { from: FROM, to: TO });
    expect(after.units.find((u) => u.unitId === u2)!.free).toEqual([r(FROM, '2027-03-05'), r('2027-03-06', TO)]);
    expect(after.nights[0]).toEqual(night('2027-03-01', 3, 7));
    expect(availabilityEtag(after)).not.toBe(availabilityEtag(before));
  });

  describe('the query is validated', () => {
    it.each([
      { rule: 'an end before the start', from: '2027-03-08', to: '2027-03-01' },
      { rule: 'an end equal to the start', from: '2027-03-08', to: '2027-03-08' },
      { rule: 'more than 366 nights', from: '2027-01-01', to: '2028-01-03' },
      { rule: 'a date that does not exist', from: '2027-02-29', to: '2027-03-03' },
      { rule: 'a date in another shape', from: '1/3/2027', to: '2027-03-03' }
    ])('$rule is invalid (422)', ({ from, to }) => {
      expect.hasAssertions();
      const e = expectAppError(() => getAvailability(w.db, w.actors.partner, { from, to }), 'invalid');
      expect(e.status).toBe(422);
    });

    it('exactly 366 nights are answered', () => {
      expect.hasAssertions();
      const a = getAvailability(w.db, w.actors.partner, { from: '2027-01-01', to: '2028-01-02' });
      expect(a.nights).toHaveLength(366);
      expect(a.nights.at(-1)!.date).toBe('2028-01-01');
    });
  });
});
