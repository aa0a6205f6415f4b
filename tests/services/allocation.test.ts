// Specification of allocation through the services, on a real SQLite file (docs/api.md, "Allocation";
// docs/domain.md, "Allocation"): suggest ranks, allocate places in the best option or records the unmet demand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Programme, SiteKind } from '../../src/domain/programmes.ts';
import { allocate, NoAvailabilityError, suggest, type AllocateInput, type SuggestInput } from '../../src/services/allocation.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { getStay, placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { appErrorOf, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

const START = '2027-03-10';
const END = '2027-03-13';

let w: World;

beforeEach(() => {
  fixClock();
  w = makeWorld();
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function unit(name: string, capacity: number, over: { programmes?: Programme[]; siteKind?: SiteKind; accessible?: boolean } = {}): string {
  return makeUnit(w.db, w.actors.admin, { name, capacity, programmes: over.programmes ?? ['emergency'], siteKind: over.siteKind ?? 'apartment', accessible: over.accessible });
}

function occupy(unitId: string, start: string, end: string): void {
  placeStay(w.db, w.actors.admin, { unitId, start, end, programme: 'emergency', household: household('Famille Occupante') });
}

function request(over: Partial<SuggestInput> = {}): SuggestInput {
  return { start: START, end: END, persons: 2, programme: 'emergency', ...over };
}

function allocation(over: Partial<AllocateInput> = {}): AllocateInput {
  const persons = over.persons ?? 2;
  return { ...request(), household: household('Famille Martin', persons, 0), ...over };
}

interface UnmetRow {
  programme: string;
  start_date: string;
  end_date: string;
  persons: number;
  accessible: number;
  reason: string;
  created_by: string;
}
const unmetDemands = () => w.db.$client.prepare('SELECT * FROM unmet_demands ORDER BY created_at').all() as UnmetRow[];

describe('suggest: the ranking', () => {
  it('ranks the smallest capacity that holds the household first, then the tightest fit, then the creation order', () => {
    expect.hasAssertions();
    const big = unit('T4 exact fit', 4);
    occupy(big, '2027-03-05', START);
    occupy(big, END, '2027-03-20'); // fills its free range exactly, but 2 places too many
    const free1 = unit('T2 free, older', 2);
    const free2 = unit('T2 free, newer', 2);
    const tight = unit('T2 tight, newest', 2);
    occupy(tight, '2027-03-08', START);
    occupy(tight, '2027-03-15', '2027-03-20'); // 0 free nights before, 2 after
    unit('T1 too small', 1);
    unit('T2 other programme', 2, { programmes: ['social_residence'] });
    const busy = unit('T2 busy one night', 2);
    occupy(busy, '2027-03-11', '2027-03-12');

    const s = suggest(w.db, w.actors.duty_officer, request());
    expect(s.options.map((o) => o.unitId)).toEqual([tight, free1, free2, big]);
    expect(s.alternatives).toEqual([]);
    // The score orders the options as the ranking does (creation order aside).
    const scores = s.options.map((o) => o.score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBe(scores[2]);
    expect(scores[2]).toBeGreaterThan(scores[3]);
    expect(s.options.every((o) => o.reasons.length > 0)).toBe(true);
  });

  it('a block counts in the fit like a stay', () => {
    expect.hasAssertions();
    const free = unit('free', 2);
    const walled = unit('walled by blocks', 2);
    createBlock(w.db, w.actors.admin, { unitId: walled, start: '2027-03-02', end: START, reason: 'travaux' });
    createBlock(w.db, w.actors.admin, { unitId: walled, start: END, end: '2027-03-20', reason: 'travaux' });
    expect(suggest(w.db, w.actors.duty_officer, request()).options.map((o) => o.unitId)).toEqual([walled, free]);
  });

  it('counts free nights at most 366 nights on each side: a stay 366 nights after the end does not tighten the fit, one at 365 does', () => {
    expect.hasAssertions();
    const older = unit('older', 2);
    const newer = unit('newer', 2);
    occupy(newer, addDays(END, 366), addDays(END, 368));
    expect(suggest(w.db, w.actors.duty_officer, request()).options.map((o) => o.unitId)).toEqual([older, newer]);
    const newest = unit('newest', 2);
    occupy(newest, addDays(END, 365), addDays(END, 367));
    expect(suggest(w.db, w.actors.duty_officer, request()).options.map((o) => o.unitId)).toEqual([newest, older, newer]);
  });

  it('keeps only accessible units when accessibility is asked', () => {
    expect.hasAssertions();
    unit('stairs', 2);
    const ramp = unit('ramp', 4, { accessible: true });
    expect(suggest(w.db, w.actors.duty_officer, request({ accessible: true })).options.map((o) => o.unitId)).toEqual([ramp]);
  });

  it('leaves out a unit where the stay is over the limit', () => {
    expect.hasAssertions();
    unit('hotel room', 2, { siteKind: 'hotel' });
    const flat = unit('flat', 4);
    expect(suggest(w.db, w.actors.duty_officer, request({ end: addDays(START, 4) })).options.map((o) => o.unitId)).toEqual([flat]);
  });

  it('offers the alternatives when nothing fits: fewer nights, a later start, a split across two units', () => {
    expect.hasAssertions();
    const a = unit('A', 2);
    const b = unit('B', 2);
    occupy(a, '2027-03-12', '2027-03-14');
    occupy(b, '2027-03-10', '2027-03-12');
    const s = suggest(w.db, w.actors.duty_officer, request({ start: '2027-03-10', end: '2027-03-15' }));
    expect(s.options).toEqual([]);
    expect(s.alternatives).toEqual([
      { kind: 'shorter', stays: [{ unitId: a, start: '2027-03-10', end: '2027-03-12' }], nights: 2 },
      { kind: 'later', stays: [{ unitId: b, start: '2027-03-12', end: '2027-03-17' }], nights: 5 },
      {
        kind: 'split',
        stays: [
          { unitId: a, start: '2027-03-10', end: '2027-03-12' },
          { unitId: b, start: '2027-03-12', end: '2027-03-15' }
        ],
        nights: 5
      }
    ]);
  });

  it('a housing officer may not ask for emergency suggestions (forbidden)', () => {
    expect.hasAssertions();
    expectAppError(() => suggest(w.db, w.actors.housing_officer, request()), 'forbidden');
  });
});

describe('allocate', () => {
  it('places the household in the best option, confirmed by default', () => {
    expect.hasAssertions();
    unit('T4', 4);
    const t2 = unit('T2', 2);
    const stay = allocate(w.db, w.actors.duty_officer, allocation()).value;
    expect(stay).toMatchObject({ unitId: t2, start: START, end: END, programme: 'emergency', status: 'confirmed' });
    expect(getStay(w.db, w.actors.admin, stay.id).history!.map((h) => h.action)).toEqual(['allocate']);
  });

  it('places a hold when asked', () => {
    expect.hasAssertions();
    unit('T2', 2);
    expect(allocate(w.db, w.actors.duty_officer, allocation({ status: 'hold' })).value.status).toBe('hold');
  });

  it('takes the next best unit once the best is taken', () => {
    expect.hasAssertions();
    const first = unit('T2 a', 2);
    const second = unit('T2 b', 2);
    expect(allocate(w.db, w.actors.duty_officer, allocation()).value.unitId).toBe(first);
    expect(allocate(w.db, w.actors.duty_officer, allocation()).value.unitId).toBe(second);
  });

  it('when nothing fits: NoAvailabilityError (no_availability, 409) with the alternatives, a row in unmet_demands with the reason, and nothing placed', () => {
    expect.hasAssertions();
    const a = unit('A', 2);
    const b = unit('B', 2);
    occupy(a, '2027-03-12', '2027-03-14');
    occupy(b, '2027-03-10', '2027-03-12');
    const stays = countRows(w, 'stays');
    const households = countRows(w, 'households');
    const e = appErrorOf(() => allocate(w.db, w.actors.duty_officer, allocation({ end: '2027-03-15' })));
    expect(e).toBeInstanceOf(NoAvailabilityError);
    expect(e.code).toBe('no_availability');
    expect(e.status).toBe(409);
    const err = e as NoAvailabilityError;
    expect(err.reason).toMatch(/^no_place\b/);
    expect(err.alternatives.map((x) => x.kind)).toEqual(['shorter', 'later', 'split']);
    expect(unmetDemands()).toEqual([
      expect.objectContaining({ programme: 'emergency', start_date: '2027-03-10', end_date: '2027-03-15', persons: 2, accessible: 0, reason: err.reason, created_by: w.actors.duty_officer.accountId })
    ]);
    expect(countRows(w, 'stays')).toBe(stays);
    expect(countRows(w, 'households')).toBe(households);
  });

  it.each([
    { rule: 'no unit serves the programme', over: { programme: 'housing_mission' as Programme }, reason: /^out_of_scope\b/ },
    { rule: 'no unit holds the household', over: { persons: 5 }, reason: /^no_place_of_that_size\b/ },
    { rule: 'no unit that holds the household is accessible', over: { accessible: true }, reason: /^no_accessible_place\b/ }
  ])('when $rule the unmet demand says so', ({ over, reason }) => {
    expect.hasAssertions();
    unit('T2', 2);
    unit('T4', 4);
    const e = expectAppError(() => allocate(w.db, w.actors.admin, allocation(over)), 'no_availability');
    expect((e as NoAvailabilityError).reason).toMatch(reason);
    expect(unmetDemands().map((u) => u.reason)).toEqual([(e as NoAvailabilityError).reason]);
    expect(countRows(w, 'stays')).toBe(0);
  });

  it('over the limit on every unit that fits: limit_exceeded (422), and no unmet demand', () => {
    expect.hasAssertions();
    unit('hotel 1', 2, { siteKind: 'hotel' });
    unit('hotel 2', 4, { siteKind: 'hotel' });
    const e = expectAppError(() => allocate(w.db, w.actors.duty_officer, allocation({ end: addDays(START, 4) })), 'limit_exceeded');
    expect(e.status).toBe(422);
    expect(countRows(w, 'unmet_demands')).toBe(0);
    expect(countRows(w, 'stays')).toBe(0);
  });

  it('over the limit on some units only, and the others busy: no_availability, recorded', () => {
    expect.hasAssertions();
    unit('hotel', 2, { siteKind: 'hotel' });
    const flat = unit('flat', 2);
    occupy(flat, START, '2027-03-11');
    expectAppError(() => allocate(w.db, w.actors.duty_officer, allocation({ end: addDays(START, 4) })), 'no_availability');
    expect(countRows(w, 'unmet_demands')).toBe(1);
  });

  it("an admin's allocation past the limit with overrideReason is placed, and the reason recorded", () => {
    expect.hasAssertions();
    const hotel = unit('hotel', 2, { siteKind: 'hotel' });
    const stay = allocate(w.db, w.actors.admin, allocation({ end: addDays(START, 5), overrideReason: 'plan grand froid' })).value;
    expect(stay).toMatchObject({ unitId: hotel, overrideReason: 'plan grand froid' });
    expect(countRows(w, 'unmet_demands')).toBe(0);
  });

  it('persons must equal adults + children (invalid)', () => {
    expect.hasAssertions();
    unit('T4', 4);
    expectAppError(() => allocate(w.db, w.actors.duty_officer, { ...allocation(), persons: 3 }), 'invalid');
    expect(countRows(w, 'stays') + countRows(w, 'unmet_demands')).toBe(0);
  });

  it('a housing officer may not allocate an emergency stay (forbidden), and records no unmet demand', () => {
    expect.hasAssertions();
    unit('T2', 2);
    expectAppError(() => allocate(w.db, w.actors.housing_officer, allocation()), 'forbidden');
    expect(countRows(w, 'stays') + countRows(w, 'unmet_demands')).toBe(0);
  });
});
