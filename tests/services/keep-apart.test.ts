// Keep apart: a household named by a confidential household is never placed on the same site on
// an overlapping night, through every path (stay, allocation, extension), either way round.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { allocate } from '../../src/services/allocation.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { changeStayEnd, placeStay } from '../../src/services/stays.ts';
import { makeWorld, type World } from './helpers.ts';

let w: World;
let siteA: string;
let a1: string;
let a2: string;
let b1: string;

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

beforeEach(() => {
  w = makeWorld();
  const admin = w.actors.admin;
  siteA = createSite(w.db, admin, { name: 'Maison familiale', commune: 'Marsillargues', confidential: true, address: 'x' }).id;
  const siteB = createSite(w.db, admin, { name: 'Appartement', commune: 'Saussines', confidential: true, address: 'y' }).id;
  a1 = createUnit(w.db, admin, { siteId: siteA, name: 'A1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  a2 = createUnit(w.db, admin, { siteId: siteA, name: 'A2', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  b1 = createUnit(w.db, admin, { siteId: siteB, name: 'B1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
});
afterEach(() => w.cleanup());

/** The partner, sheltered after an eviction order, in A1 over 10–20 March 2027. */
function placePartner() {
  return placeStay(w.db, w.actors.duty_officer, { unitId: a1, start: '2027-03-10', end: '2027-03-20', programme: 'emergency', household: { label: 'M. Partner', adults: 1, children: 0 } }).value;
}

describe('keep apart', () => {
  test('a placement on the same site on an overlapping night is refused; another site or other nights are fine', () => {
    expect.hasAssertions();
    const partner = placePartner();
    const victim = { label: 'Mme Victim', adults: 1, children: 2, keepApartFrom: partner.householdId };
    expect(codeOf(() => placeStay(w.db, w.actors.duty_officer, { unitId: a2, start: '2027-03-15', end: '2027-03-18', programme: 'dv_protocol', household: victim }))).toBe('invalid');
    expect(codeOf(() => placeStay(w.db, w.actors.duty_officer, { unitId: a2, start: '2027-03-20', end: '2027-03-23', programme: 'dv_protocol', household: victim }))).toBeNull();
    expect(codeOf(() => placeStay(w.db, w.actors.duty_officer, { unitId: b1, start: '2027-03-15', end: '2027-03-18', programme: 'dv_protocol', household: victim }))).toBeNull();
  });

  test('allocation never chooses the site, even when its unit ranks best', () => {
    expect.hasAssertions();
    const partner = placePartner();
    const stay = allocate(w.db, w.actors.duty_officer, {
      start: '2027-03-12',
      end: '2027-03-14',
      persons: 3,
      programme: 'dv_protocol',
      household: { label: 'Mme Victim', adults: 1, children: 2, keepApartFrom: partner.householdId }
    }).value;
    expect(stay.unitId).toBe(b1);
  });

  test('either way round: the partner placed again as the known household cannot join the site of the one who named him', () => {
    expect.hasAssertions();
    const partner = placePartner();
    placeStay(w.db, w.actors.duty_officer, { unitId: b1, start: '2027-04-01', end: '2027-04-10', programme: 'dv_protocol', household: { label: 'Mme Victim', adults: 1, children: 2, keepApartFrom: partner.householdId } });
    const hotelRoom = createUnit(w.db, w.actors.admin, { siteId: createSite(w.db, w.actors.admin, { name: 'Hôtel', commune: 'Lunel', confidential: false, address: 'z', kind: 'hotel' }).id, name: 'H', capacity: 2, programmes: ['emergency'] }).id;
    // b1's site: refused for him; a hotel elsewhere: fine.
    const bSecond = createUnit(w.db, w.actors.admin, { siteId: w.db.$client.prepare('SELECT site_id FROM units WHERE id = ?').pluck().get(b1) as string, name: 'B2', capacity: 2, programmes: ['emergency'] }).id;
    expect(codeOf(() => placeStay(w.db, w.actors.duty_officer, { unitId: bSecond, start: '2027-04-05', end: '2027-04-06', programme: 'emergency', householdId: partner.householdId }))).toBe('invalid');
    expect(codeOf(() => placeStay(w.db, w.actors.duty_officer, { unitId: hotelRoom, start: '2027-04-05', end: '2027-04-06', programme: 'emergency', householdId: partner.householdId }))).toBeNull();
  });

  test('an extension into the nights when the other household is on the site is refused', () => {
    expect.hasAssertions();
    const partner = placePartner();
    const victim = placeStay(w.db, w.actors.duty_officer, {
      unitId: a2,
      start: '2027-03-05',
      end: '2027-03-10',
      programme: 'dv_protocol',
      household: { label: 'Mme Victim', adults: 1, children: 2, keepApartFrom: partner.householdId }
    }).value;
    expect(codeOf(() => changeStayEnd(w.db, w.actors.duty_officer, victim.id, { end: '2027-03-12' }))).toBe('invalid');
    expect(codeOf(() => changeStayEnd(w.db, w.actors.duty_officer, victim.id, { end: '2027-03-08' }))).toBeNull();
  });

  test('naming a household that does not exist is 404 and places nobody', () => {
    expect.hasAssertions();
    expect(codeOf(() => placeStay(w.db, w.actors.duty_officer, { unitId: a2, start: '2027-03-05', end: '2027-03-10', programme: 'dv_protocol', household: { label: 'X', adults: 1, children: 0, keepApartFrom: 'nope' } }))).toBe('not_found');
    expect(w.db.$client.prepare('SELECT count(*) FROM stays').pluck().get()).toBe(0);
  });
});
