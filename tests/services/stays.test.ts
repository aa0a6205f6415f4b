// Specification of stays through the services, on a real SQLite file (docs/api.md, "Stays";
// docs/domain.md, "Nights and ranges"). The clock is fixed at 1 March 2027, 14:00 in Paris unless a test says otherwise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StayAction, StayStatus } from '../../src/domain/stay-lifecycle.ts';
import { getAvailability } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { setClock } from '../../src/services/clock.ts';
import { actOnStay, changeStayEnd, getStay, listStays, placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, auditEntriesFor, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

const PSEUDONYM = /^Ménage [ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}$/;

let w: World;
let flat: string; // apartment, 4 places, emergency + dv_protocol
let hotelRoom: string; // hotel, 2 places, emergency + dv_protocol (limit 3 nights)
let residence: string; // residence, 2 places, social_residence only

beforeEach(() => {
  fixClock();
  w = makeWorld();
  flat = makeUnit(w.db, w.actors.admin, { name: 'Saussines T3', capacity: 4, siteKind: 'apartment' });
  hotelRoom = makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 2', capacity: 2, siteKind: 'hotel' });
  residence = makeUnit(w.db, w.actors.admin, { name: 'Résidence 12', capacity: 2, siteKind: 'residence', programmes: ['social_residence'] });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function stayInput(over: Partial<PlaceStayInput> = {}): PlaceStayInput {
  return { unitId: flat, start: '2027-03-10', end: '2027-03-15', programme: 'emergency', household: household(), ...over };
}

function place(over: Partial<PlaceStayInput> = {}, actor = w.actors.duty_officer) {
  return placeStay(w.db, actor, stayInput(over)).value;
}

function freeOf(unitId: string, from = '2027-03-01', to = '2027-03-31') {
  return getAvailability(w.db, w.actors.admin, { from, to }).units.find((u) => u.unitId === unitId)!.free;
}

describe('placeStay', () => {
  it('places a confirmed stay by default and gives its household a pseudonym « Ménage XXXX »', () => {
    expect.hasAssertions();
    const stay = place();
    expect(stay).toMatchObject({ unitId: flat, start: '2027-03-10', end: '2027-03-15', programme: 'emergency', status: 'confirmed', holdExpiresAt: null });
    expect(stay.householdId).toEqual(expect.any(String));
    const read = getStay(w.db, w.actors.duty_officer, stay.id);
    expect(read.status).toBe('confirmed');
    expect(read.household).toMatchObject({ label: 'Famille Martin', adults: 1, children: 0, confidential: false });
    expect(read.household!.pseudonym).toMatch(PSEUDONYM);
    expect(countRows(w, 'stays')).toBe(1);
    expect(countRows(w, 'households')).toBe(1);
  });

  it('gives each household its own pseudonym', () => {
    expect.hasAssertions();
    const a = place({ start: '2027-03-10', end: '2027-03-12' });
    const b = place({ start: '2027-03-12', end: '2027-03-14' });
    const pa = getStay(w.db, w.actors.admin, a.id).household!.pseudonym;
    const pb = getStay(w.db, w.actors.admin, b.id).household!.pseudonym;
    expect(pa).toMatch(PSEUDONYM);
    expect(pb).toMatch(PSEUDONYM);
    expect(pa).not.toBe(pb);
  });

  it('places a hold that expires HOLD_MINUTES after it was placed', () => {
    expect.hasAssertions();
    const stay = place({ status: 'hold' });
    expect(stay.status).toBe('hold');
    expect(Date.parse(stay.holdExpiresAt!)).toBe(at('2027-03-01T14:15:00+01:00'));
  });

  it('a household under the dv_protocol is confidential: its label is null in every view, its pseudonym is given', () => {
    expect.hasAssertions();
    const placed = placeStay(w.db, w.actors.duty_officer, stayInput({ programme: 'dv_protocol', household: household('Mme Secret', 1, 2) })).value;
    expect(placed.household).toMatchObject({ label: null, confidential: true, adults: 1, children: 2 });
    expect(placed.household!.pseudonym).toMatch(PSEUDONYM);
    for (const actor of [w.actors.admin, w.actors.duty_officer]) {
      expect(getStay(w.db, actor, placed.id).household).toMatchObject({ label: null, confidential: true });
      const listed = listStays(w.db, actor, { from: '2027-03-01', to: '2027-03-31' });
      expect(listed.map((s) => s.household)).toEqual([expect.objectContaining({ label: null, confidential: true })]);
    }
    expect(JSON.stringify(getStay(w.db, w.actors.admin, placed.id))).not.toContain('Mme Secret');
  });

  it('a stay that shares a night with a live stay is refused as overlap, with the whole range of that stay', () => {
    expect.hasAssertions();
    place({ start: '2027-03-10', end: '2027-03-15' });
    const e = expectAppError(() => place({ start: '2027-03-14', end: '2027-03-16', household: household('Famille Durand') }), 'overlap');
    expect(e.status).toBe(409);
    expect(e.conflicts).toEqual([{ start: '2027-03-10', end: '2027-03-15', kind: 'stay' }]);
    // A failed request changes nothing: no second stay, no orphan household.
    expect(countRows(w, 'stays')).toBe(1);
    expect(countRows(w, 'households')).toBe(1);
  });

  it('a stay over a block is refused as overlap, with the whole range of the block', () => {
    expect.hasAssertions();
    createBlock(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-03-08', end: '2027-03-20', reason: 'dégât des eaux' });
    const e = expectAppError(() => place({ start: '2027-03-12', end: '2027-03-13' }), 'overlap');
    expect(e.conflicts).toEqual([{ start: '2027-03-08', end: '2027-03-20', kind: 'block' }]);
  });

  it('a stay over several stays and a block lists each of them, in order of start, and nothing about their households', () => {
    expect.hasAssertions();
    place({ start: '2027-03-14', end: '2027-03-16', household: household('Famille Durand') });
    place({ start: '2027-03-10', end: '2027-03-12', household: household('Famille Benali') });
    createBlock(w.db, w.actors.admin, { unitId: flat, start: '2027-03-12', end: '2027-03-14', reason: 'peinture' });
    const e = expectAppError(() => place({ start: '2027-03-11', end: '2027-03-15' }), 'overlap');
    expect(e.conflicts).toEqual([
      { start: '2027-03-10', end: '2027-03-12', kind: 'stay' },
      { start: '2027-03-12', end: '2027-03-14', kind: 'block' },
      { start: '2027-03-14', end: '2027-03-16', kind: 'stay' }
    ]);
    expect(JSON.stringify(e)).not.toMatch(/Durand|Benali/);
  });

  it('a departure on the 15th and an arrival on the 15th do not conflict (nor a departure on the 10th and an arrival on the 10th)', () => {
    expect.hasAssertions();
    place({ start: '2027-03-10', end: '2027-03-15' });
    const after = place({ start: '2027-03-15', end: '2027-03-18', household: household('Famille Durand') });
    const before = place({ start: '2027-03-07', end: '2027-03-10', household: household('Famille Benali') });
    expect([after.status, before.status]).toEqual(['confirmed', 'confirmed']);
    expect(freeOf(flat)).toEqual([
      { start: '2027-03-01', end: '2027-03-07' },
      { start: '2027-03-18', end: '2027-03-31' }
    ]);
  });

  it('a household larger than the unit is invalid (422), and nothing is written', () => {
    expect.hasAssertions();
    const e = expectAppError(() => place({ unitId: hotelRoom, start: '2027-03-10', end: '2027-03-11', household: household('Famille Nombreuse', 2, 1) }), 'invalid');
    expect(e.status).toBe(422);
    expect(e.errors?.[0]?.path).toBe('household');
    expect(countRows(w, 'stays')).toBe(0);
    expect(countRows(w, 'households')).toBe(0);
  });

  it.each([
    { rule: 'a household of no one', adults: 0, children: 0 },
    { rule: 'a household with a negative count', adults: -1, children: 2 }
  ])('$rule is invalid (422), not a database error', ({ adults, children }) => {
    expect.hasAssertions();
    const e = expectAppError(() => place({ household: household('Personne', adults, children) }), 'invalid');
    expect(e.status).toBe(422);
    expect(countRows(w, 'stays')).toBe(0);
  });

  it('a unit that does not serve the programme is invalid (422)', () => {
    expect.hasAssertions();
    const e = expectAppError(() => place({ programme: 'social_residence' }), 'invalid');
    expect(e.status).toBe(422);
    expect(e.errors?.[0]?.path).toBe('programme');
    expect(countRows(w, 'stays')).toBe(0);
  });

  it('an unknown unit is not_found (404)', () => {
    expect.hasAssertions();
    const e = expectAppError(() => place({ unitId: 'no-such-unit' }), 'not_found');
    expect(e.status).toBe(404);
  });

  it.each([
    { rule: 'an end equal to the start', start: '2027-03-10', end: '2027-03-10' },
    { rule: 'an end before the start', start: '2027-03-10', end: '2027-03-09' },
    { rule: 'a date that does not exist', start: '2027-02-29', end: '2027-03-02' },
    { rule: 'more than 1,096 nights', start: '2027-03-10', end: '2030-03-11' }
  ])('$rule is invalid (422)', ({ start, end }) => {
    expect.hasAssertions();
    const e = expectAppError(() => place({ start, end }), 'invalid');
    expect(e.status).toBe(422);
  });

  it("a duty officer may place from tonight's operational night, even before noon of the next day, but not before it", () => {
    expect.hasAssertions();
    setClock(at('2027-03-05T10:00:00+01:00')); // before noon: tonight is still the night of the 4th
    const tonight = place({ start: '2027-03-04', end: '2027-03-06' });
    expect(tonight.status).toBe('confirmed');
    const e = expectAppError(() => place({ unitId: hotelRoom, start: '2027-03-03', end: '2027-03-05' }), 'invalid');
    expect(e.status).toBe(422);
    expect(e.errors?.[0]?.path).toBe('start');
  });

  it('a stay starting before tonight is refused for a duty officer and recorded for an admin as a past stay', () => {
    expect.hasAssertions();
    setClock(at('2027-03-20T15:00:00+01:00'));
    expectAppError(() => place({ start: '2027-03-10', end: '2027-03-15' }), 'invalid');
    const past = place({ start: '2027-03-10', end: '2027-03-15' }, w.actors.admin);
    expect(past).toMatchObject({ start: '2027-03-10', end: '2027-03-15', status: 'confirmed' });
    const audit = auditEntriesFor(w, past.id);
    expect(audit.map((a) => a.action)).toEqual(['stay.place']);
    expect(JSON.parse(audit[0].detail!)).toMatchObject({ pastStay: true });
  });

  it('a housing officer may not place an emergency stay (forbidden), and may place a social_residence one', () => {
    expect.hasAssertions();
    const e = expectAppError(() => place({}, w.actors.housing_officer), 'forbidden');
    expect(e.status).toBe(403);
    expect(countRows(w, 'stays')).toBe(0);
    const ok = place({ unitId: residence, programme: 'social_residence' }, w.actors.housing_officer);
    expect(ok.status).toBe('confirmed');
  });

  it('a partner may not place a stay (forbidden)', () => {
    expect.hasAssertions();
    expectAppError(() => place({}, w.actors.partner), 'forbidden');
  });
});

describe('the lifecycle of a stay', () => {
  function act(id: string, action: StayAction, actor = w.actors.duty_officer) {
    return actOnStay(w.db, actor, id, action);
  }

  /** Brings a new stay on the flat, from `start` (10 March by default) to 15 March, to the given status. */
  function stayIn(status: StayStatus, start = '2027-03-10'): string {
    const s = place({ start, status: status === 'hold' || status === 'lapsed' ? 'hold' : 'confirmed' });
    switch (status) {
      case 'lapsed':
        setClock(at('2027-03-01T15:00:00+01:00'));
        break;
      case 'cancelled':
        act(s.id, 'cancel');
        break;
      case 'in_place':
        act(s.id, 'check-in');
        break;
      case 'ended':
        act(s.id, 'check-in');
        setClock(at('2027-03-15T10:00:00+01:00'));
        act(s.id, 'check-out');
        break;
      case 'no_show':
        setClock(at('2027-03-10T20:00:00+01:00'));
        act(s.id, 'no-show');
        break;
    }
    expect(getStay(w.db, w.actors.admin, s.id).status).toBe(status);
    return s.id;
  }

  it('a hold is confirmed, and no longer expires', () => {
    expect.hasAssertions();
    const id = stayIn('hold');
    const confirmed = act(id, 'confirm');
    expect(confirmed).toMatchObject({ status: 'confirmed', holdExpiresAt: null });
    setClock(at('2027-03-02T14:00:00+01:00')); // a day later, long past the hold's time
    expect(getStay(w.db, w.actors.admin, id).status).toBe('confirmed');
    expect(freeOf(flat)).toEqual([
      { start: '2027-03-01', end: '2027-03-10' },
      { start: '2027-03-15', end: '2027-03-31' }
    ]);
  });

  it('a confirmed stay is checked in', () => {
    expect.hasAssertions();
    const id = stayIn('confirmed');
    expect(act(id, 'check-in').status).toBe('in_place');
  });

  it("an early check-out moves end to today's date and frees the nights after", () => {
    expect.hasAssertions();
    const id = stayIn('in_place');
    setClock(at('2027-03-12T10:00:00+01:00')); // the household leaves on the morning of the 12th
    const ended = act(id, 'check-out');
    expect(ended).toMatchObject({ status: 'ended', start: '2027-03-10', end: '2027-03-12' });
    expect(freeOf(flat, '2027-03-12', '2027-03-20')).toEqual([{ start: '2027-03-12', end: '2027-03-20' }]);
    const next = place({ start: '2027-03-12', end: '2027-03-15', household: household('Famille Durand') });
    expect(next.status).toBe('confirmed');
    const last = getStay(w.db, w.actors.admin, id).history!.at(-1)!;
    expect(last).toMatchObject({ action: 'check-out', fromStatus: 'in_place', toStatus: 'ended', end: '2027-03-12', previousEnd: '2027-03-15' });
  });

  it('a check-out on the first day keeps the first night', () => {
    expect.hasAssertions();
    const id = stayIn('confirmed');
    setClock(at('2027-03-10T16:00:00+01:00'));
    act(id, 'check-in');
    setClock(at('2027-03-10T21:00:00+01:00'));
    expect(act(id, 'check-out')).toMatchObject({ status: 'ended', end: '2027-03-11' });
  });

  it('a check-out on the planned departure day keeps the planned end', () => {
    expect.hasAssertions();
    const id = stayIn('in_place');
    setClock(at('2027-03-15T09:30:00+01:00'));
    expect(act(id, 'check-out')).toMatchObject({ status: 'ended', end: '2027-03-15' });
  });

  it.each(['hold', 'confirmed'] as const)('a %s stay is cancelled, and its nights are free again', (status) => {
    expect.hasAssertions();
    const id = stayIn(status);
    expect(act(id, 'cancel').status).toBe('cancelled');
    expect(freeOf(flat)).toEqual([{ start: '2027-03-01', end: '2027-03-31' }]);
    expect(place({ household: household('Famille Durand') }).status).toBe('confirmed');
  });

  it('a no-show is refused before the first night (the night turns at noon) and recorded from the first night on', () => {
    expect.hasAssertions();
    const id = stayIn('confirmed');
    setClock(at('2027-03-10T11:59:59+01:00')); // still the night of the 9th
    expectAppError(() => act(id, 'no-show'), 'invalid_transition');
    setClock(at('2027-03-10T12:00:00+01:00')); // the night of the 10th, the stay's first
    expect(act(id, 'no-show').status).toBe('no_show');
    expect(freeOf(flat, '2027-03-10', '2027-03-20')).toEqual([{ start: '2027-03-10', end: '2027-03-20' }]);
  });

  // The table of docs/domain.md, "Stays and their moves": every move it does not list is 409 invalid_transition.
  const refused: [StayStatus, StayAction][] = [
    ['hold', 'check-in'],
    ['hold', 'check-out'],
    ['hold', 'no-show'],
    ['confirmed', 'confirm'],
    ['confirmed', 'check-out'],
    ['in_place', 'confirm'],
    ['in_place', 'check-in'],
    ['in_place', 'cancel'],
    ['in_place', 'no-show']
  ];
  it.each(refused)('a %s stay refuses %s (invalid_transition, 409) and stays as it was', (status, action) => {
    expect.hasAssertions();
    // A no-show is asked on a stay whose first night is tonight: only the status refuses it.
    const id = stayIn(status, action === 'no-show' ? '2027-03-01' : '2027-03-10');
    const before = getStay(w.db, w.actors.admin, id);
    const e = expectAppError(() => act(id, action), 'invalid_transition');
    expect(e.status).toBe(409);
    const after = getStay(w.db, w.actors.admin, id);
    expect({ status: after.status, end: after.end, history: after.history!.length }).toEqual({ status: before.status, end: before.end, history: before.history!.length });
  });

  const finals: StayStatus[] = ['lapsed', 'cancelled', 'no_show', 'ended'];
  const actions: StayAction[] = ['confirm', 'check-in', 'check-out', 'cancel', 'no-show'];
  it.each(finals.flatMap((s) => actions.map((a) => [s, a] as const)))('a %s stay refuses %s (invalid_transition)', (status, action) => {
    expect.hasAssertions();
    const id = stayIn(status);
    expectAppError(() => act(id, action, w.actors.admin), 'invalid_transition');
    expect(getStay(w.db, w.actors.admin, id).status).toBe(status);
  });

  it.each(finals)('a %s stay can be neither extended nor shortened (invalid_transition)', (status) => {
    expect.hasAssertions();
    const id = stayIn(status);
    const end = getStay(w.db, w.actors.admin, id).end;
    expectAppError(() => changeStayEnd(w.db, w.actors.admin, id, { end: '2027-03-20' }), 'invalid_transition');
    expectAppError(() => changeStayEnd(w.db, w.actors.admin, id, { end: '2027-03-11' }), 'invalid_transition');
    expect(getStay(w.db, w.actors.admin, id).end).toBe(end);
  });

  it('every change of a stay appears in its history, in order', () => {
    expect.hasAssertions();
    const s = place({ status: 'hold' });
    act(s.id, 'confirm');
    changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-17' });
    changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-16' });
    setClock(at('2027-03-10T17:00:00+01:00'));
    act(s.id, 'check-in');
    setClock(at('2027-03-13T09:00:00+01:00'));
    act(s.id, 'check-out');
    const history = getStay(w.db, w.actors.admin, s.id).history!;
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.end, h.previousEnd])).toEqual([
      ['place', null, 'hold', '2027-03-15', null],
      ['confirm', 'hold', 'confirmed', '2027-03-15', null],
      ['extend', 'confirmed', 'confirmed', '2027-03-17', '2027-03-15'],
      ['shorten', 'confirmed', 'confirmed', '2027-03-16', '2027-03-17'],
      ['check-in', 'confirmed', 'in_place', '2027-03-16', null],
      ['check-out', 'in_place', 'ended', '2027-03-13', '2027-03-16']
    ]);
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(auditEntriesFor(w, s.id).map((a) => a.action)).toEqual(['stay.place', 'stay.confirm', 'stay.extend', 'stay.shorten', 'stay.check-in', 'stay.check-out']);
  });

  it('cancelling appears in the history', () => {
    expect.hasAssertions();
    const id = stayIn('confirmed');
    act(id, 'cancel');
    expect(getStay(w.db, w.actors.admin, id).history!.map((h) => h.action)).toEqual(['place', 'cancel']);
  });

  it('a lapsed hold shows its lapse in the history once a write on its unit has recorded it', () => {
    expect.hasAssertions();
    const id = stayIn('lapsed');
    // The refused confirm changes nothing, not even the lapse it noticed; the next placement on the unit records it.
    expectAppError(() => act(id, 'confirm'), 'invalid_transition');
    place({ household: household('Famille Durand') });
    expect(getStay(w.db, w.actors.admin, id).history!.map((h) => [h.action, h.toStatus])).toEqual([
      ['place', 'hold'],
      ['lapse', 'lapsed']
    ]);
  });

  it('a housing officer may not move an emergency stay: not found to it', () => {
    expect.hasAssertions();
    const id = stayIn('confirmed');
    expectAppError(() => act(id, 'cancel', w.actors.housing_officer), 'not_found');
    expectAppError(() => changeStayEnd(w.db, w.actors.housing_officer, id, { end: '2027-03-16' }), 'not_found');
    expect(getStay(w.db, w.actors.admin, id).status).toBe('confirmed');
  });

  it('an unknown stay is not_found', () => {
    expect.hasAssertions();
    expectAppError(() => act('no-such-stay', 'confirm'), 'not_found');
    expectAppError(() => getStay(w.db, w.actors.admin, 'no-such-stay'), 'not_found');
  });
});

describe('changeStayEnd', () => {
  it('extends a stay onto free nights, which it then occupies', () => {
    expect.hasAssertions();
    const s = place({ start: '2027-03-10', end: '2027-03-15' });
    const longer = changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-18' });
    expect(longer).toMatchObject({ start: '2027-03-10', end: '2027-03-18', status: 'confirmed' });
    expect(freeOf(flat)).toEqual([
      { start: '2027-03-01', end: '2027-03-10' },
      { start: '2027-03-18', end: '2027-03-31' }
    ]);
  });

  it('an extension into another stay is refused as overlap (409), with the whole range of that stay, and the end is unchanged', () => {
    expect.hasAssertions();
    const s = place({ start: '2027-03-10', end: '2027-03-15' });
    place({ start: '2027-03-17', end: '2027-03-22', household: household('Famille Durand') });
    const e = expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-18' }), 'overlap');
    expect(e.status).toBe(409);
    expect(e.conflicts).toEqual([{ start: '2027-03-17', end: '2027-03-22', kind: 'stay' }]);
    expect(getStay(w.db, w.actors.admin, s.id).end).toBe('2027-03-15');
  });

  it('an extension into a block is refused as overlap, with the whole range of the block', () => {
    expect.hasAssertions();
    const s = place({ start: '2027-03-10', end: '2027-03-15' });
    createBlock(w.db, w.actors.admin, { unitId: flat, start: '2027-03-16', end: '2027-03-19', reason: 'travaux' });
    const e = expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-17' }), 'overlap');
    expect(e.conflicts).toEqual([{ start: '2027-03-16', end: '2027-03-19', kind: 'block' }]);
  });

  it('an extension up to the arrival of the next stay is accepted (back-to-back)', () => {
    expect.hasAssertions();
    const s = place({ start: '2027-03-10', end: '2027-03-15' });
    place({ start: '2027-03-17', end: '2027-03-22', household: household('Famille Durand') });
    expect(changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-17' }).end).toBe('2027-03-17');
  });

  it('shortening frees the nights after the new end', () => {
    expect.hasAssertions();
    const s = place({ start: '2027-03-10', end: '2027-03-20' });
    expect(changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-12' }).end).toBe('2027-03-12');
    expect(freeOf(flat)).toEqual([
      { start: '2027-03-01', end: '2027-03-10' },
      { start: '2027-03-12', end: '2027-03-31' }
    ]);
    expect(place({ start: '2027-03-12', end: '2027-03-20', household: household('Famille Durand') }).status).toBe('confirmed');
  });

  it('extends and shortens a hold and an in_place stay too', () => {
    expect.hasAssertions();
    const hold = place({ status: 'hold', start: '2027-03-10', end: '2027-03-12' });
    expect(changeStayEnd(w.db, w.actors.duty_officer, hold.id, { end: '2027-03-13' })).toMatchObject({ status: 'hold', end: '2027-03-13' });
    const s = place({ unitId: hotelRoom, start: '2027-03-10', end: '2027-03-12' });
    actOnStay(w.db, w.actors.duty_officer, s.id, 'check-in');
    expect(changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-11' })).toMatchObject({ status: 'in_place', end: '2027-03-11' });
  });

  it.each([
    { rule: 'on the start', end: '2027-03-10' },
    { rule: 'before the start', end: '2027-03-08' }
  ])('a new end $rule is invalid (422)', ({ end }) => {
    expect.hasAssertions();
    const s = place({ start: '2027-03-10', end: '2027-03-15' });
    expectAppError(() => changeStayEnd(w.db, w.actors.admin, s.id, { end }), 'invalid');
    expect(getStay(w.db, w.actors.admin, s.id).end).toBe('2027-03-15');
  });

  it('an extension past the limit is limit_exceeded (422) for a duty officer, and for an admin without a reason', () => {
    expect.hasAssertions();
    const s = place({ unitId: hotelRoom, start: '2027-03-10', end: '2027-03-13' }); // 3 nights: the hotel limit
    const e = expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-14' }), 'limit_exceeded');
    expect(e.status).toBe(422);
    expectAppError(() => changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-14', overrideReason: 'pas d’autre place' }), 'limit_exceeded');
    expectAppError(() => changeStayEnd(w.db, w.actors.admin, s.id, { end: '2027-03-14' }), 'limit_exceeded');
    expectAppError(() => changeStayEnd(w.db, w.actors.admin, s.id, { end: '2027-03-14', overrideReason: '   ' }), 'limit_exceeded');
    expect(getStay(w.db, w.actors.admin, s.id).end).toBe('2027-03-13');
  });

  it("an admin's extension past the limit with overrideReason passes; the reason is on the stay, in its history and in audit_entries", () => {
    expect.hasAssertions();
    const s = place({ unitId: hotelRoom, start: '2027-03-10', end: '2027-03-13' });
    const longer = changeStayEnd(w.db, w.actors.admin, s.id, { end: '2027-03-15', overrideReason: 'sortie d’hospitalisation le 15' });
    expect(longer).toMatchObject({ end: '2027-03-15', overrideReason: 'sortie d’hospitalisation le 15' });
    const read = getStay(w.db, w.actors.admin, s.id);
    expect(read.overrideReason).toBe('sortie d’hospitalisation le 15');
    expect(read.history!.at(-1)).toMatchObject({ action: 'extend', reason: 'sortie d’hospitalisation le 15' });
    const extend = auditEntriesFor(w, s.id).find((a) => a.action === 'stay.extend')!;
    expect(extend.actor_id).toBe(w.actors.admin.accountId);
    expect(JSON.parse(extend.detail!)).toEqual({ previousEnd: '2027-03-13', end: '2027-03-15', overrideReason: 'sortie d’hospitalisation le 15' });
  });

  it('shortening a stay that an admin placed past the limit is not refused as over the limit', () => {
    expect.hasAssertions();
    // Five nights in a hotel (limit 3), by an admin's override; the household then leaves a night earlier.
    const s = place({ unitId: hotelRoom, start: '2027-03-10', end: '2027-03-15', overrideReason: 'aucune autre place' }, w.actors.admin);
    expect(s.overrideReason).toBe('aucune autre place');
    const shorter = changeStayEnd(w.db, w.actors.duty_officer, s.id, { end: '2027-03-14' });
    expect(shorter.end).toBe('2027-03-14');
  });
});
