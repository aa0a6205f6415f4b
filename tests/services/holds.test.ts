// Specification of holds: a hold keeps a unit for HOLD_MINUTES and lapses by itself, freeing its
// nights at that very moment, for every reader and every writer, the overlap trigger included
// (docs/domain.md, "Holds and lapsing"; docs/api.md, "Availability").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocate } from '../../src/services/allocation.ts';
import { getAvailability } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { setClock } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import { actOnStay, changeStayEnd, getStay, placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { countRows, expectAppError, household, MARCH_1_AFTERNOON, makeWorld, resetClock, type World } from './helpers.ts';

const PLACED_AT = MARCH_1_AFTERNOON;
let w: World;
let unit: string;
let savedHoldMinutes: string | undefined;

beforeEach(() => {
  savedHoldMinutes = process.env.HOLD_MINUTES;
  setClock(PLACED_AT);
  w = makeWorld();
  unit = makeUnit(w.db, w.actors.admin, { name: 'Marsillargues T2', capacity: 2 });
});

afterEach(() => {
  if (savedHoldMinutes === undefined) delete process.env.HOLD_MINUTES;
  else process.env.HOLD_MINUTES = savedHoldMinutes;
  resetClock();
  w.cleanup();
});

function input(over: Partial<PlaceStayInput> = {}): PlaceStayInput {
  return { unitId: unit, start: '2027-03-10', end: '2027-03-13', programme: 'emergency', household: household(), ...over };
}

function placeHold(): string {
  return placeStay(w.db, w.actors.duty_officer, input({ status: 'hold' })).value.id;
}

function freeOfUnit(): { start: string; end: string }[] {
  return getAvailability(w.db, w.actors.duty_officer, { from: '2027-03-08', to: '2027-03-15' }).units.find((u) => u.unitId === unit)!.free;
}

const expiry = () => PLACED_AT + settings.holdMinutes() * 60_000;

describe('a hold lapses after HOLD_MINUTES', () => {
  it('the default hold time is 15 minutes', () => {
    expect.hasAssertions();
    delete process.env.HOLD_MINUTES;
    expect(settings.holdMinutes()).toBe(15);
    const id = placeHold();
    expect(Date.parse(getStay(w.db, w.actors.admin, id).holdExpiresAt!)).toBe(PLACED_AT + 15 * 60_000);
  });

  it('one millisecond before HOLD_MINUTES the hold still blocks its nights', () => {
    expect.hasAssertions();
    const id = placeHold();
    setClock(expiry() - 1);
    expect(getStay(w.db, w.actors.admin, id).status).toBe('hold');
    expect(freeOfUnit()).toEqual([
      { start: '2027-03-08', end: '2027-03-10' },
      { start: '2027-03-13', end: '2027-03-15' }
    ]);
    const nights = getAvailability(w.db, w.actors.duty_officer, { from: '2027-03-10', to: '2027-03-11' }).nights;
    expect(nights).toEqual([{ date: '2027-03-10', freeUnits: 0, freePlaces: 0 }]);
    const e = expectAppError(() => placeStay(w.db, w.actors.duty_officer, input({ household: household('Famille Durand') })), 'overlap');
    expect(e.conflicts).toEqual([{ start: '2027-03-10', end: '2027-03-13', kind: 'stay' }]);
    expectAppError(() => createBlock(w.db, w.actors.admin, { unitId: unit, start: '2027-03-12', end: '2027-03-14', reason: 'ménage' }), 'overlap');
  });

  it('a hold confirmed one millisecond before HOLD_MINUTES is confirmed and keeps its nights', () => {
    expect.hasAssertions();
    const id = placeHold();
    setClock(expiry() - 1);
    expect(actOnStay(w.db, w.actors.duty_officer, id, 'confirm').status).toBe('confirmed');
    setClock(expiry() + 60_000);
    expect(getStay(w.db, w.actors.admin, id).status).toBe('confirmed');
    expectAppError(() => placeStay(w.db, w.actors.duty_officer, input({ household: household('Famille Durand') })), 'overlap');
  });

  it('at exactly HOLD_MINUTES the hold reads lapsed and availability shows its nights free', () => {
    expect.hasAssertions();
    const id = placeHold();
    setClock(expiry());
    expect(getStay(w.db, w.actors.admin, id)).toMatchObject({ status: 'lapsed', holdExpiresAt: null });
    expect(freeOfUnit()).toEqual([{ start: '2027-03-08', end: '2027-03-15' }]);
    const nights = getAvailability(w.db, w.actors.partner, { from: '2027-03-10', to: '2027-03-11' }).nights;
    expect(nights).toEqual([{ date: '2027-03-10', freeUnits: 1, freePlaces: 2 }]);
  });

  it('at exactly HOLD_MINUTES a new placement on the same nights succeeds (the overlap trigger does not refuse it)', () => {
    expect.hasAssertions();
    const id = placeHold();
    setClock(expiry());
    const next = placeStay(w.db, w.actors.duty_officer, input({ household: household('Famille Durand') })).value;
    expect(next).toMatchObject({ unitId: unit, start: '2027-03-10', end: '2027-03-13', status: 'confirmed' });
    expect(countRows(w, 'stays')).toBe(2);
    // The old hold is now lapsed in the row itself, and cannot come back.
    const row = w.db.$client.prepare('SELECT status FROM stays WHERE id = ?').get(id) as { status: string };
    expect(row.status).toBe('lapsed');
    expect(getStay(w.db, w.actors.admin, id).status).toBe('lapsed');
    expectAppError(() => actOnStay(w.db, w.actors.duty_officer, id, 'confirm'), 'invalid_transition');
    expect(getStay(w.db, w.actors.admin, next.id).status).toBe('confirmed');
  });

  it('at exactly HOLD_MINUTES the lapsed hold cannot be confirmed, even when nobody took its nights', () => {
    expect.hasAssertions();
    const id = placeHold();
    setClock(expiry());
    const e = expectAppError(() => actOnStay(w.db, w.actors.duty_officer, id, 'confirm'), 'invalid_transition');
    expect(e.status).toBe(409);
    expectAppError(() => actOnStay(w.db, w.actors.duty_officer, id, 'cancel'), 'invalid_transition');
    expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, id, { end: '2027-03-14' }), 'invalid_transition');
    expect(getStay(w.db, w.actors.admin, id).status).toBe('lapsed');
  });

  it("at exactly HOLD_MINUTES a block on the hold's nights is accepted", () => {
    expect.hasAssertions();
    placeHold();
    setClock(expiry());
    const block = createBlock(w.db, w.actors.duty_officer, { unitId: unit, start: '2027-03-11', end: '2027-03-12', reason: 'serrure' });
    expect(block).toMatchObject({ start: '2027-03-11', end: '2027-03-12' });
  });

  it("at exactly HOLD_MINUTES another stay may be extended into the hold's nights", () => {
    expect.hasAssertions();
    const before = placeStay(w.db, w.actors.duty_officer, input({ start: '2027-03-08', end: '2027-03-10', household: household('Famille Durand') })).value;
    placeHold();
    setClock(expiry() - 1);
    expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, before.id, { end: '2027-03-12' }), 'overlap');
    setClock(expiry());
    expect(changeStayEnd(w.db, w.actors.duty_officer, before.id, { end: '2027-03-12' }).end).toBe('2027-03-12');
  });

  it("at exactly HOLD_MINUTES an allocation may take the hold's unit", () => {
    expect.hasAssertions();
    placeHold();
    setClock(expiry() - 1);
    const req = { start: '2027-03-10', end: '2027-03-13', persons: 2, programme: 'emergency' as const, household: household('Famille Durand', 2, 0) };
    expectAppError(() => allocate(w.db, w.actors.duty_officer, req), 'no_availability');
    setClock(expiry());
    expect(allocate(w.db, w.actors.duty_officer, req).value).toMatchObject({ unitId: unit, status: 'confirmed' });
  });

  it('HOLD_MINUTES is a setting: with 5, the hold lapses after 5 minutes', () => {
    expect.hasAssertions();
    process.env.HOLD_MINUTES = '5';
    const id = placeHold();
    setClock(PLACED_AT + 5 * 60_000 - 1);
    expect(getStay(w.db, w.actors.admin, id).status).toBe('hold');
    setClock(PLACED_AT + 5 * 60_000);
    expect(getStay(w.db, w.actors.admin, id).status).toBe('lapsed');
    expect(placeStay(w.db, w.actors.duty_officer, input({ household: household('Famille Durand') })).value.status).toBe('confirmed');
  });
});
