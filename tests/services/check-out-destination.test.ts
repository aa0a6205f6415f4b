// The check-out of any stay may record where the household went (the closed list of departures):
// optional, recorded on the stay; any other value is refused and changes nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEPARTURE_DESTINATIONS } from '../../src/domain/residence-codes.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { actOnStay, getStay, placeStay } from '../../src/services/stays.ts';
import { expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let unit: string;
let n = 0;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  const site = createSite(w.db, w.actors.admin, { name: 'Appartements', commune: 'Lunel', confidential: false, address: 'a', kind: 'apartment' }).id;
  unit = createUnit(w.db, w.actors.admin, { siteId: site, name: 'E1', capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
});
afterEach(() => {
  w.cleanup();
  resetClock();
});

function inPlace(programme: 'emergency' | 'dv_protocol' = 'emergency'): string {
  const start = `2027-03-${String(1 + 2 * n).padStart(2, '0')}`;
  const end = `2027-03-${String(2 + 2 * n++).padStart(2, '0')}`;
  const id = placeStay(w.db, w.actors.duty_officer, { unitId: unit, start, end, programme, household: { label: `Famille ${n}`, adults: 1, children: 0 } }).value.id;
  w.db.$client.prepare(`UPDATE stays SET status = 'in_place' WHERE id = ?`).run(id);
  return id;
}
const destinationOf = (id: string) => w.db.$client.prepare('SELECT destination FROM stays WHERE id = ?').pluck().get(id);

describe('the destination at check-out', () => {
  test.each(DEPARTURE_DESTINATIONS.map((d) => [d]))('%s is recorded on the stay and shown with it', (destination) => {
    expect.hasAssertions();
    const id = inPlace(destination === 'street' ? 'dv_protocol' : 'emergency');
    const view = actOnStay(w.db, w.actors.duty_officer, id, 'check-out', { destination });
    expect(view.status).toBe('ended');
    expect(view.destination).toBe(destination);
    expect(destinationOf(id)).toBe(destination);
    expect(getStay(w.db, w.actors.duty_officer, id).destination).toBe(destination);
  });

  test('not said: none recorded (blank or absent)', () => {
    expect.hasAssertions();
    const a = inPlace();
    const b = inPlace();
    expect(actOnStay(w.db, w.actors.duty_officer, a, 'check-out').destination).toBeUndefined();
    expect(actOnStay(w.db, w.actors.duty_officer, b, 'check-out', { destination: '' }).destination).toBeUndefined();
    expect([destinationOf(a), destinationOf(b)]).toEqual([null, null]);
  });

  test.each([['home'], ['PRIVATE_RENTAL'], ['private_rental '], ['street; DROP TABLE stays']])('%j is refused (422) and the stay is unchanged', (destination) => {
    expect.hasAssertions();
    const id = inPlace();
    const e = expectAppError(() => actOnStay(w.db, w.actors.duty_officer, id, 'check-out', { destination }), 'invalid');
    expect(e.errors).toEqual([{ path: 'destination', message: 'unknown_destination' }]);
    expect(w.db.$client.prepare('SELECT status, destination FROM stays WHERE id = ?').get(id)).toEqual({ status: 'in_place', destination: null });
  });

  test('only a check-out records a destination', () => {
    expect.hasAssertions();
    const id = placeStay(w.db, w.actors.duty_officer, { unitId: unit, start: '2027-03-25', end: '2027-03-27', programme: 'emergency', household: { label: 'Famille X', adults: 1, children: 0 } }).value.id;
    expectAppError(() => actOnStay(w.db, w.actors.duty_officer, id, 'cancel', { destination: 'street' }), 'invalid');
    expect(w.db.$client.prepare('SELECT status FROM stays WHERE id = ?').pluck().get(id)).toBe('confirmed');
  });
});
