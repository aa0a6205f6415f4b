// Specification of a hotel stay's next step: the stay that follows it in an apartment, for the same
// household from the night the hotel stay ends, linked by previousStayId, placed in one transaction
// under the overlap guarantee and the limits; through the services on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { tonight } from '../../src/services/clock.ts';
import { placeFollowingStay, placeProtocolPath, suggestFollowingStay } from '../../src/services/protocol.ts';
import { getStaySheet } from '../../src/services/stay-notes.ts';
import { actOnStay, changeStayEnd, placeStay } from '../../src/services/stays.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { findUnitWithSite } from '../../db/queries/units.ts';
import { createUnit } from '../../src/services/sites.ts';
import { makeUnit } from '../support/fixtures.ts';
import { countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let hotel: string;
let flatA: string;
let flatB: string;
let START: string;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  START = tonight();
  hotel = makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 1', capacity: 4, siteKind: 'hotel', programmes: ['emergency', 'dv_protocol'] });
  flatA = makeUnit(w.db, w.actors.admin, { name: 'Appartement A', capacity: 3, programmes: ['emergency', 'dv_protocol'] });
  flatB = makeUnit(w.db, w.actors.admin, { name: 'Appartement B', capacity: 5, programmes: ['emergency', 'dv_protocol'] });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

/** A hotel stay of 3 nights (the limit) from tonight, for a mother and her child. */
function hotelStay(programme: 'dv_protocol' | 'emergency' = 'dv_protocol', referralId?: string) {
  return placeStay(w.db, w.actors.duty_officer, { unitId: hotel, start: START, end: addDays(START, 3), programme, household: household('Mme Lambert', 1, 1), referralId }).value;
}

const rowsOf = (table: string) => countRows(w, table);

describe('suggestFollowingStay', () => {
  it('offers the apartments free from the hotel’s last morning for the nights wanted, the snuggest first, never a hotel room', () => {
    expect.hasAssertions();
    makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 2', capacity: 4, siteKind: 'hotel' });
    const stay = hotelStay();
    const s = suggestFollowingStay(w.db, w.actors.duty_officer, stay.id, { end: addDays(START, 10) });
    expect({ start: s.start, end: s.end, nights: s.nights }).toEqual({ start: addDays(START, 3), end: addDays(START, 10), nights: 7 });
    expect(s.options.map((o) => o.unitName)).toEqual(['Appartement A', 'Appartement B']);
  });

  it('defaults to the programme’s limit in an apartment, and leaves out an apartment taken on one of the nights', () => {
    expect.hasAssertions();
    const stay = hotelStay();
    placeStay(w.db, w.actors.duty_officer, { unitId: flatA, start: addDays(START, 20), end: addDays(START, 21), programme: 'emergency', household: household('Autre', 1, 0) });
    const s = suggestFollowingStay(w.db, w.actors.duty_officer, stay.id);
    expect({ nights: s.nights, maxNights: s.maxNights }).toEqual({ nights: 92, maxNights: 92 });
    expect(s.options.map((o) => o.unitId)).toEqual([flatB]);
  });

  it('leaves out the apartment where a household she must be kept apart from stays on those nights', () => {
    expect.hasAssertions();
    // The partner stays in the other flat of flat A's building: flat A itself is free on every night.
    const siteA = findUnitWithSite(w.db, flatA)!.siteId;
    const flatA2 = createUnit(w.db, w.actors.admin, { siteId: siteA, name: 'Appartement A2', capacity: 2, programmes: ['emergency'], accessible: false }).id;
    const partner = placeStay(w.db, w.actors.duty_officer, { unitId: flatA2, start: addDays(START, 2), end: addDays(START, 30), programme: 'emergency', household: household('M. Partner', 1, 0) }).value;
    const stay = placeStay(w.db, w.actors.duty_officer, {
      unitId: hotel,
      start: START,
      end: addDays(START, 3),
      programme: 'dv_protocol',
      household: { ...household('Mme Lambert', 1, 1), keepApartFrom: partner.householdId }
    }).value;
    const later = suggestFollowingStay(w.db, w.actors.duty_officer, stay.id, { end: addDays(START, 10) });
    expect(later.options.map((o) => o.unitId)).toEqual([flatB]);
  });

  it.each([
    ['a stay that is not on a hotel', () => placeStay(w.db, w.actors.duty_officer, { unitId: flatA, start: START, end: addDays(START, 2), programme: 'emergency', household: household() }).value.id, 'invalid'],
    ['a cancelled hotel stay', () => actOnStay(w.db, w.actors.duty_officer, hotelStay().id, 'cancel').id, 'invalid_transition'],
    ['a stay of a programme the role does not handle (housing officer)', () => hotelStay().id, 'not_found']
  ] as const)('refuses %s', (_what, make, code) => {
    expect.hasAssertions();
    const id = make();
    const actor = code === 'not_found' ? w.actors.housing_officer : w.actors.duty_officer;
    expectAppError(() => suggestFollowingStay(w.db, actor, id), code);
  });
});

describe('placeFollowingStay', () => {
  it('places the same household in the apartment from the night the hotel stay ends, linked by previousStayId and carrying the referral', () => {
    expect.hasAssertions();
    const referral = createReferral(w.db, w.actors.duty_officer, { programme: 'dv_protocol', urgency: 'immediate', requestedStart: START, nights: 3, household: { adults: 1, children: 1 }, referrer: { organisation: 'Gendarmerie', contact: 'Adj. Roux', phone: '04 67 00 00 00' } });
    const stay = hotelStay('dv_protocol', referral.id);
    const next = placeFollowingStay(w.db, w.actors.duty_officer, stay.id, { unitId: flatA, end: addDays(START, 10) }).value;
    expect(next).toMatchObject({ unitId: flatA, householdId: stay.householdId, programme: 'dv_protocol', start: addDays(START, 3), end: addDays(START, 10), status: 'confirmed', previousStayId: stay.id, referralId: referral.id });
    // Both pages say the link; the hotel stay has no next step any more.
    const hotelSheet = getStaySheet(w.db, w.actors.duty_officer, stay.id);
    expect({ next: hotelSheet.next?.id, canPlaceFollowing: hotelSheet.canPlaceFollowing }).toEqual({ next: next.id, canPlaceFollowing: false });
    expect(getStaySheet(w.db, w.actors.duty_officer, next.id).previous?.id).toBe(stay.id);
    expectAppError(() => placeFollowingStay(w.db, w.actors.duty_officer, stay.id, { unitId: flatB, end: addDays(START, 10) }), 'invalid_transition');
  });

  it('an emergency hotel stay goes on the same way', () => {
    expect.hasAssertions();
    const stay = hotelStay('emergency');
    expect(placeFollowingStay(w.db, w.actors.duty_officer, stay.id, { unitId: flatB, end: addDays(START, 5) }).value).toMatchObject({ programme: 'emergency', previousStayId: stay.id, start: addDays(START, 3) });
  });

  it('the apartment taken meanwhile: 409 overlap with its nights, and nothing written', () => {
    expect.hasAssertions();
    const stay = hotelStay();
    placeStay(w.db, w.actors.admin, { unitId: flatA, start: addDays(START, 5), end: addDays(START, 6), programme: 'emergency', household: household('Arrivé entre-temps', 1, 0) });
    const before = { stays: rowsOf('stays'), events: rowsOf('stay_events'), audit: rowsOf('audit_entries'), households: rowsOf('households') };
    const e = expectAppError(() => placeFollowingStay(w.db, w.actors.duty_officer, stay.id, { unitId: flatA, end: addDays(START, 10) }), 'overlap');
    expect(e.conflicts).toEqual([{ start: addDays(START, 5), end: addDays(START, 6), kind: 'stay' }]);
    expect({ stays: rowsOf('stays'), events: rowsOf('stay_events'), audit: rowsOf('audit_entries'), households: rowsOf('households') }).toEqual(before);
  });

  it.each([
    ['past the apartment limit', () => ({ unitId: flatA, end: addDays(START, 3 + 93) }), 'limit_exceeded'],
    ['on a hotel room', () => ({ unitId: makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 3', siteKind: 'hotel' }), end: addDays(START, 5) }), 'invalid'],
    ['in a unit too small for the household', () => ({ unitId: makeUnit(w.db, w.actors.admin, { name: 'Studio', capacity: 1 }), end: addDays(START, 5) }), 'invalid'],
    ['in a unit of another programme', () => ({ unitId: makeUnit(w.db, w.actors.admin, { name: 'Résidence', programmes: ['social_residence'] }), end: addDays(START, 5) }), 'invalid'],
    ['with a departure before the arrival', () => ({ unitId: flatA, end: addDays(START, 2) }), 'invalid'],
    ['in a unit that does not exist', () => ({ unitId: 'nope', end: addDays(START, 5) }), 'not_found']
  ] as const)('refuses %s, and writes nothing', (_what, input, code) => {
    expect.hasAssertions();
    const stay = hotelStay();
    const given = input();
    const before = { stays: rowsOf('stays'), events: rowsOf('stay_events') };
    expectAppError(() => placeFollowingStay(w.db, w.actors.duty_officer, stay.id, given), code);
    expect({ stays: rowsOf('stays'), events: rowsOf('stay_events') }).toEqual(before);
  });

  it('a retry with the same key places nobody twice', () => {
    expect.hasAssertions();
    const stay = hotelStay();
    const first = placeFollowingStay(w.db, w.actors.duty_officer, stay.id, { unitId: flatA, end: addDays(START, 6) }, 'tap-1');
    const again = placeFollowingStay(w.db, w.actors.duty_officer, stay.id, { unitId: flatA, end: addDays(START, 6) }, 'tap-1');
    expect({ replayed: again.replayed, id: again.value.id }).toEqual({ replayed: true, id: first.value.id });
    expect(rowsOf('stays')).toBe(2);
  });

  it('the hotel stay itself still cannot pass its limit without an admin’s reason', () => {
    expect.hasAssertions();
    const stay = hotelStay();
    expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, stay.id, { end: addDays(START, 4) }), 'limit_exceeded');
    expect(getStaySheet(w.db, w.actors.duty_officer, stay.id)).toMatchObject({ atLimit: true, canPlaceFollowing: true });
    expect(changeStayEnd(w.db, w.actors.admin, stay.id, { end: addDays(START, 4), overrideReason: 'Appartement libre demain seulement' }).overrideReason).toBe('Appartement libre demain seulement');
  });

  it('the protocol path places its apartment through the same step: linked, from the hotel’s end', () => {
    expect.hasAssertions();
    const { hotel: h, apartment } = placeProtocolPath(w.db, w.actors.duty_officer, { household: household('Mme Faure', 1, 1), start: START, hotelUnitId: hotel, apartmentUnitId: flatA, apartmentNights: 10 }).value;
    expect(apartment).toMatchObject({ previousStayId: h.id, householdId: h.householdId, start: h.end, end: addDays(h.end, 10) });
  });
});

describe('the stay sheet carries its referral', () => {
  it('who referred, their phone and the referral’s status, to staff who may see it; nothing to a role that may not', () => {
    expect.hasAssertions();
    const referral = createReferral(w.db, w.actors.duty_officer, { programme: 'emergency', urgency: 'immediate', requestedStart: START, nights: 3, household: { adults: 1, children: 1 }, referrer: { organisation: 'CCAS de Lunel', contact: 'Mme Roux', phone: '04 67 11 22 33' } });
    const stay = hotelStay('emergency', referral.id);
    expect(getStaySheet(w.db, w.actors.duty_officer, stay.id).referral).toEqual({ id: referral.id, status: 'placed', organisation: 'CCAS de Lunel', contact: 'Mme Roux', phone: '04 67 11 22 33' });
    expectAppError(() => getStaySheet(w.db, w.actors.housing_officer, stay.id), 'not_found');
    const plain = placeStay(w.db, w.actors.duty_officer, { unitId: flatB, start: START, end: addDays(START, 1), programme: 'emergency', household: household('Sans orientation') }).value;
    expect(getStaySheet(w.db, w.actors.duty_officer, plain.id).referral).toBeNull();
  });
});
