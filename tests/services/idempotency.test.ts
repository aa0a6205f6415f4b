// Specification of the Idempotency-Key of placements and allocations: a retry with the same key
// returns the first answer and places nobody twice (docs/api.md, "Conventions").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocate, type AllocateInput } from '../../src/services/allocation.ts';
import { placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let unit: string;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  unit = makeUnit(w.db, w.actors.admin, { name: 'Lunel T3', capacity: 3 });
  makeUnit(w.db, w.actors.admin, { name: 'Lunel T4', capacity: 4 });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

const stay = (): PlaceStayInput => ({ unitId: unit, start: '2027-03-10', end: '2027-03-14', programme: 'emergency', household: household('Famille Martin', 2, 1) });
const allocation = (): AllocateInput => ({ start: '2027-03-10', end: '2027-03-14', persons: 3, programme: 'emergency', household: household('Famille Martin', 2, 1) });

describe('Idempotency-Key', () => {
  it('placeStay twice with the same key returns the same stay and writes one stay', () => {
    expect.hasAssertions();
    const first = placeStay(w.db, w.actors.duty_officer, stay(), 'tel-0142');
    const again = placeStay(w.db, w.actors.duty_officer, stay(), 'tel-0142');
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.value.id).toBe(first.value.id);
    expect(again.value).toEqual(first.value);
    expect(countRows(w, 'stays')).toBe(1);
    expect(countRows(w, 'households')).toBe(1);
  });

  it('a retry of placeStay answers the first answer even though its nights are now taken (by itself)', () => {
    expect.hasAssertions();
    // Without the key the same request would now be an overlap: the key is what makes it safe to retry.
    placeStay(w.db, w.actors.duty_officer, stay(), 'k1');
    expectAppError(() => placeStay(w.db, w.actors.duty_officer, stay()), 'overlap');
    expect(placeStay(w.db, w.actors.duty_officer, stay(), 'k1').replayed).toBe(true);
    expect(countRows(w, 'stays')).toBe(1);
  });

  it('allocate twice with the same key returns the same stay and writes one stay', () => {
    expect.hasAssertions();
    const first = allocate(w.db, w.actors.duty_officer, allocation(), 'alloc-7');
    const again = allocate(w.db, w.actors.duty_officer, allocation(), 'alloc-7');
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.value.id).toBe(first.value.id);
    expect(again.value.unitId).toBe(unit);
    expect(countRows(w, 'stays')).toBe(1);
    expect(countRows(w, 'households')).toBe(1);
  });

  it('without a key, two identical allocations place two stays', () => {
    expect.hasAssertions();
    const a = allocate(w.db, w.actors.duty_officer, allocation()).value;
    const b = allocate(w.db, w.actors.duty_officer, allocation()).value;
    expect(a.id).not.toBe(b.id);
    expect(countRows(w, 'stays')).toBe(2);
  });

  it('a key used for a placement and then for an allocation is invalid, and the allocation places nobody', () => {
    expect.hasAssertions();
    placeStay(w.db, w.actors.duty_officer, stay(), 'shared');
    const e = expectAppError(() => allocate(w.db, w.actors.duty_officer, allocation(), 'shared'), 'invalid');
    expect(e.status).toBe(422);
    expect(e.errors?.[0]?.path).toBe('Idempotency-Key');
    expect(countRows(w, 'stays')).toBe(1);
    expect(countRows(w, 'unmet_demands')).toBe(0);
  });

  it('a key used for an allocation and then for a placement is invalid', () => {
    expect.hasAssertions();
    allocate(w.db, w.actors.duty_officer, allocation(), 'shared');
    expectAppError(() => placeStay(w.db, w.actors.duty_officer, { ...stay(), start: '2027-04-10', end: '2027-04-12' }, 'shared'), 'invalid');
    expect(countRows(w, 'stays')).toBe(1);
  });

  it('keys belong to an account: the same key from another account is a new request', () => {
    expect.hasAssertions();
    const a = placeStay(w.db, w.actors.duty_officer, stay(), 'k');
    const b = placeStay(w.db, w.actors.admin, { ...stay(), start: '2027-03-14', end: '2027-03-16' }, 'k');
    expect(b.replayed).toBe(false);
    expect(b.value.id).not.toBe(a.value.id);
    expect(countRows(w, 'stays')).toBe(2);
  });

  it('a failed request keeps no answer: its retry runs again', () => {
    expect.hasAssertions();
    const blocker = placeStay(w.db, w.actors.duty_officer, { ...stay(), start: '2027-03-12', end: '2027-03-13' }).value;
    expectAppError(() => placeStay(w.db, w.actors.duty_officer, stay(), 'retry-me'), 'overlap');
    expect(countRows(w, 'idempotency_keys')).toBe(0);
    // The blocking stay is moved away; the retry now succeeds.
    w.db.$client.prepare("UPDATE stays SET status = 'cancelled' WHERE id = ?").run(blocker.id);
    expect(placeStay(w.db, w.actors.duty_officer, stay(), 'retry-me').replayed).toBe(false);
  });

  it('a failed allocation retried with the same key records its unmet demand once', () => {
    expect.hasAssertions();
    // One request, one unmet demand: a phone retrying on a bad network must not double the figure.
    const tooMany = { ...allocation(), persons: 6, household: household('Famille Nombreuse', 2, 4) };
    expectAppError(() => allocate(w.db, w.actors.duty_officer, tooMany, 'big-family'), 'no_availability');
    expect(countRows(w, 'unmet_demands')).toBe(1);
    expect(() => allocate(w.db, w.actors.duty_officer, tooMany, 'big-family')).toThrow();
    expect(countRows(w, 'unmet_demands')).toBe(1);
    expect(countRows(w, 'stays')).toBe(0);
  });

  it.each([
    { rule: 'an empty key', key: '' },
    { rule: 'a key of 201 characters', key: 'k'.repeat(201) }
  ])('$rule is a validation error', ({ key }) => {
    expect.hasAssertions();
    expectAppError(() => placeStay(w.db, w.actors.duty_officer, stay(), key), 'validation');
    expect(countRows(w, 'stays')).toBe(0);
  });
});
