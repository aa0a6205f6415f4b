// Specification of stay limits: the longest stay a programme allows on a kind of site is data,
// past it a stay is 422 limit_exceeded unless an admin gives a reason, which is recorded
// (docs/domain.md, "Stay limits").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Programme, SiteKind } from '../../src/domain/programmes.ts';
import { allocate } from '../../src/services/allocation.ts';
import { getStay, placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { auditEntriesFor, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

const START = '2027-03-10';
let w: World;

beforeEach(() => {
  fixClock();
  w = makeWorld();
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function unitOn(siteKind: SiteKind, programmes: Programme[] = ['emergency', 'dv_protocol']): string {
  return makeUnit(w.db, w.actors.admin, { name: `${siteKind} unit`, siteKind, programmes, capacity: 2 });
}

function placeNights(unitId: string, nights: number, programme: Programme = 'emergency', actor = w.actors.duty_officer, overrideReason?: string) {
  return placeStay(w.db, actor, { unitId, start: START, end: addDays(START, nights), programme, household: household(), overrideReason }).value;
}

function setLimit(programme: Programme, siteKind: SiteKind, maxNights: number): void {
  const changed = w.db.$client.prepare('UPDATE stay_limits SET max_nights = ? WHERE programme = ? AND site_kind = ?').run(maxNights, programme, siteKind).changes;
  expect(changed).toBe(1);
}

describe('the default limits', () => {
  it.each(['emergency', 'dv_protocol'] as const)('%s on a hotel: 3 nights are accepted, 4 are limit_exceeded (422)', (programme) => {
    expect.hasAssertions();
    const hotel = unitOn('hotel');
    expect(placeNights(hotel, 3, programme).end).toBe('2027-03-13');
    const other = unitOn('hotel');
    const e = expectAppError(() => placeNights(other, 4, programme), 'limit_exceeded');
    expect(e.status).toBe(422);
    expect(countRows(w, 'stays')).toBe(1);
  });

  it.each(['apartment', 'residence', 'private'] as const)('emergency on a %s: 92 nights are accepted, 93 are limit_exceeded', (kind) => {
    expect.hasAssertions();
    const a = unitOn(kind);
    expect(placeNights(a, 92).end).toBe('2027-06-10');
    const b = unitOn(kind);
    expectAppError(() => placeNights(b, 93), 'limit_exceeded');
  });

  it('social_residence allows 1,096 nights, the longest stay of all', () => {
    expect.hasAssertions();
    const r = unitOn('residence', ['social_residence']);
    expect(placeNights(r, 1096, 'social_residence').end).toBe(addDays(START, 1096));
    const r2 = unitOn('residence', ['social_residence']);
    expectAppError(() => placeNights(r2, 1097, 'social_residence', w.actors.admin, 'renouvellement'), 'invalid');
  });

  it('an admin without a reason is held to the limit like everyone else', () => {
    expect.hasAssertions();
    const hotel = unitOn('hotel');
    expectAppError(() => placeNights(hotel, 4, 'emergency', w.actors.admin), 'limit_exceeded');
    expectAppError(() => placeNights(hotel, 4, 'emergency', w.actors.admin, '  '), 'limit_exceeded');
  });

  it('a duty officer cannot go past the limit, even with a reason', () => {
    expect.hasAssertions();
    const hotel = unitOn('hotel');
    expectAppError(() => placeNights(hotel, 4, 'emergency', w.actors.duty_officer, 'urgence'), 'limit_exceeded');
  });

  it('an admin with overrideReason goes past the limit; the reason is stored on the stay, in its history and in audit_entries', () => {
    expect.hasAssertions();
    const hotel = unitOn('hotel');
    const stay = placeNights(hotel, 5, 'emergency', w.actors.admin, '  plan grand froid  ');
    expect(stay).toMatchObject({ end: '2027-03-15', status: 'confirmed', overrideReason: 'plan grand froid' });
    const read = getStay(w.db, w.actors.admin, stay.id);
    expect(read.overrideReason).toBe('plan grand froid');
    expect(read.history![0]).toMatchObject({ action: 'place', reason: 'plan grand froid' });
    const row = w.db.$client.prepare('SELECT override_reason FROM stays WHERE id = ?').get(stay.id) as { override_reason: string };
    expect(row.override_reason).toBe('plan grand froid');
    const [entry] = auditEntriesFor(w, stay.id);
    expect(entry.action).toBe('stay.place');
    expect(JSON.parse(entry.detail!)).toMatchObject({ overrideReason: 'plan grand froid' });
  });

  it('a stay within the limit records no override, even when a reason is given', () => {
    expect.hasAssertions();
    const hotel = unitOn('hotel');
    expect(placeNights(hotel, 3, 'emergency', w.actors.admin, 'inutile').overrideReason).toBeNull();
  });
});

describe('limits are data', () => {
  it('raising the hotel limit of emergency to 5 accepts 5 nights and still refuses 6', () => {
    expect.hasAssertions();
    const hotel = unitOn('hotel');
    expectAppError(() => placeNights(hotel, 4), 'limit_exceeded');
    setLimit('emergency', 'hotel', 5);
    expect(placeNights(hotel, 5).end).toBe('2027-03-15');
    const other = unitOn('hotel');
    expectAppError(() => placeNights(other, 6), 'limit_exceeded');
  });

  it('lowering the apartment limit of emergency to 30 refuses 31 nights', () => {
    expect.hasAssertions();
    const flat = unitOn('apartment');
    setLimit('emergency', 'apartment', 30);
    expectAppError(() => placeNights(flat, 31), 'limit_exceeded');
    expect(placeNights(flat, 30).end).toBe(addDays(START, 30));
  });

  it('a limit changes the programme it names on the kind it names only', () => {
    expect.hasAssertions();
    setLimit('emergency', 'hotel', 1);
    const hotel = unitOn('hotel');
    expect(placeNights(hotel, 3, 'dv_protocol').status).toBe('confirmed');
    const flat = unitOn('apartment');
    expect(placeNights(flat, 3, 'emergency').status).toBe('confirmed');
    const hotel2 = unitOn('hotel');
    expectAppError(() => placeNights(hotel2, 2, 'emergency'), 'limit_exceeded');
  });

  it('an allocation follows the limit in the table too', () => {
    expect.hasAssertions();
    unitOn('hotel');
    const req = { start: START, end: addDays(START, 4), persons: 1, programme: 'emergency' as const, household: household() };
    expectAppError(() => allocate(w.db, w.actors.duty_officer, req), 'limit_exceeded');
    setLimit('emergency', 'hotel', 4);
    expect(allocate(w.db, w.actors.duty_officer, req).value.end).toBe(addDays(START, 4));
  });
});
