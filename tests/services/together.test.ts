// Specification of placing a household too large for any one unit in several units on the same
// nights, through the services on a real SQLite file (docs/api.md, "Allocation"; docs/domain.md, "Allocation").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateTogether, suggest, type AllocateInput } from '../../src/services/allocation.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { getStay, placeStay } from '../../src/services/stays.ts';
import { getTonight } from '../../src/services/tonight.ts';
import { getPlanning } from '../../src/services/planning.ts';
import { tonight } from '../../src/services/clock.ts';
import { addDays } from '../../src/domain/dates.ts';
import { NoAvailabilityError } from '../../src/domain/errors.ts';
import { findReferral } from '../../db/queries/referrals.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { exportHousehold } from '../../src/services/household-export.ts';
import { appErrorOf, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let START: string;
let END: string;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  START = tonight();
  END = addDays(START, 2);
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function site(name: string, commune = 'Lunel', confidential = false): string {
  return createSite(w.db, w.actors.admin, { name, commune, confidential, address: '1 rue du Port', kind: 'apartment' }).id;
}

function unit(siteId: string, name: string, capacity: number): string {
  return createUnit(w.db, w.actors.admin, { siteId, name, capacity, programmes: ['emergency', 'dv_protocol'], accessible: false }).id;
}

/** The family of 7: 2 adults and 5 children. */
function family(over: Partial<AllocateInput> = {}): AllocateInput {
  return { start: START, end: END, persons: 7, programme: 'emergency', household: household('Famille Nombreuse', 2, 5), together: true, ...over };
}

const liveStaysOn = (unitId: string) =>
  (w.db.$client.prepare("SELECT count(*) AS n FROM stays WHERE unit_id = ? AND status IN ('hold','confirmed','in_place')").get(unitId) as { n: number }).n;

describe('suggest: the together alternative', () => {
  it('offers two units of one site on the same nights, each with its adults and children, before units of other sites', () => {
    expect.hasAssertions();
    // Created first, but on two sites: a single site comes first.
    unit(site('Loin 1', 'Marsillargues'), 'Loin A', 4);
    unit(site('Loin 2', 'Marsillargues'), 'Loin B', 4);
    const res = site('Résidence X');
    const a = unit(res, 'Studio A', 4);
    const b = unit(res, 'Studio B', 4);
    const s = suggest(w.db, w.actors.duty_officer, { start: START, end: END, persons: 7, programme: 'emergency', adults: 2, children: 5 });
    expect(s.options).toEqual([]);
    expect(s.alternatives).toEqual([
      {
        kind: 'together',
        nights: 2,
        stays: [
          { unitId: a, start: START, end: END, adults: 1, children: 3 },
          { unitId: b, start: START, end: END, adults: 1, children: 2 }
        ]
      }
    ]);
  });

  it('offers nothing together with one adult for two units, and refuses counts that do not sum to persons (422)', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    unit(res, 'Studio A', 4);
    unit(res, 'Studio B', 4);
    expect(suggest(w.db, w.actors.duty_officer, { start: START, end: END, persons: 7, programme: 'emergency', adults: 1, children: 6 }).alternatives).toEqual([]);
    expectAppError(() => suggest(w.db, w.actors.duty_officer, { start: START, end: END, persons: 7, programme: 'emergency', adults: 2, children: 4 }), 'invalid');
  });
});

describe('allocateTogether', () => {
  it('places every stay in one transaction, linked, each with its share; the household once; audited', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    const a = unit(res, 'Studio A', 4);
    const b = unit(res, 'Studio B', 4);
    const households = countRows(w, 'households');
    const { value } = allocateTogether(w.db, w.actors.duty_officer, family());
    expect(value.stays.map((s) => [s.unitId, s.adults, s.children, s.start, s.end, s.status])).toEqual([
      [a, 1, 3, START, END, 'confirmed'],
      [b, 1, 2, START, END, 'confirmed']
    ]);
    expect(new Set(value.stays.map((s) => s.householdId)).size).toBe(1);
    expect(value.stays[0].togetherGroup).toBeTruthy();
    expect(value.stays[1].togetherGroup).toBe(value.stays[0].togetherGroup);
    expect(countRows(w, 'households')).toBe(households + 1);
    const audits = w.db.$client.prepare("SELECT entity_id FROM audit_entries WHERE action = 'stay.allocate' ORDER BY id").all() as { entity_id: string }[];
    expect(audits.map((r) => r.entity_id)).toEqual(value.stays.map((s) => s.id));
    expect(getStay(w.db, w.actors.admin, value.stays[1].id)).toMatchObject({ togetherGroup: value.stays[0].togetherGroup, adults: 1, children: 2, household: { adults: 2, children: 5 } });
  });

  it('places one stay when one unit holds the household', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    unit(res, 'Studio A', 4);
    const big = unit(res, 'Maison', 8);
    const { value } = allocateTogether(w.db, w.actors.duty_officer, family());
    expect(value.stays.map((s) => [s.unitId, s.togetherGroup])).toEqual([[big, undefined]]);
  });

  it('when one unit is taken between suggest and place, nothing is placed (409 overlap), and the other unit stays free', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    const a = unit(res, 'Studio A', 4);
    const b = unit(res, 'Studio B', 4);
    const offered = suggest(w.db, w.actors.duty_officer, { start: START, end: END, persons: 7, programme: 'emergency', adults: 2, children: 5 }).alternatives[0];
    expect(offered.stays.map((s) => s.unitId)).toEqual([a, b]);
    // Meanwhile, another officer takes Studio B.
    placeStay(w.db, w.actors.admin, { unitId: b, start: START, end: addDays(START, 1), programme: 'emergency', household: household('Autre', 1, 0) });
    const stays = countRows(w, 'stays');
    const households = countRows(w, 'households');
    const e = appErrorOf(() => allocateTogether(w.db, w.actors.duty_officer, family({ unitIds: offered.stays.map((s) => s.unitId) })));
    expect([e.code, e.status]).toEqual(['overlap', 409]);
    expect(countRows(w, 'stays')).toBe(stays);
    expect(countRows(w, 'households')).toBe(households);
    expect(liveStaysOn(a)).toBe(0);
    // Without naming the units: nothing else fits, 409 no_availability, the demand recorded, nothing placed.
    const e2 = appErrorOf(() => allocateTogether(w.db, w.actors.duty_officer, family()));
    expect(e2).toBeInstanceOf(NoAvailabilityError);
    expect(countRows(w, 'stays')).toBe(stays);
    expect(countRows(w, 'unmet_demands')).toBe(1);
  });

  it('each stay is under the overlap guarantee: a second family cannot take the same units', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    const a = unit(res, 'Studio A', 4);
    const b = unit(res, 'Studio B', 4);
    allocateTogether(w.db, w.actors.duty_officer, family());
    expect(appErrorOf(() => allocateTogether(w.db, w.actors.duty_officer, family({ unitIds: [a, b] }))).code).toBe('overlap');
    expect(appErrorOf(() => placeStay(w.db, w.actors.admin, { unitId: b, start: START, end: END, programme: 'emergency', household: household('X', 1, 0) })).code).toBe('overlap');
    expect([liveStaysOn(a), liveStaysOn(b)]).toEqual([1, 1]);
  });

  it('one Idempotency-Key covers every stay: a replay gives the same answer and places nothing more', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    unit(res, 'Studio A', 4);
    unit(res, 'Studio B', 4);
    unit(res, 'Studio C', 4);
    unit(res, 'Studio D', 4);
    const first = allocateTogether(w.db, w.actors.duty_officer, family(), 'key-7');
    const stays = countRows(w, 'stays');
    const again = allocateTogether(w.db, w.actors.duty_officer, family(), 'key-7');
    expect(again.replayed).toBe(true);
    expect(again.value).toEqual(first.value);
    expect(countRows(w, 'stays')).toBe(stays);
  });

  it.each([
    { why: 'more units than adults', adults: 1, children: 6, units: 2, code: 'invalid' },
    { why: 'units too small together', adults: 2, children: 5, units: 1, code: 'invalid' }
  ])('refuses named units that cannot hold the household: $why', ({ adults, children, units, code }) => {
    expect.hasAssertions();
    const res = site('Résidence X');
    const ids = [unit(res, 'Studio A', 4), unit(res, 'Studio B', 4)].slice(0, units);
    const stays = countRows(w, 'stays');
    expectAppError(() => allocateTogether(w.db, w.actors.duty_officer, family({ household: household('F', adults, children), unitIds: ids })), code as 'invalid');
    expect(countRows(w, 'stays')).toBe(stays);
  });

  it('under the protocol, the household and every stay are confidential (the trigger and the service agree)', () => {
    expect.hasAssertions();
    const res = site('Refuge', 'Lunel', true);
    unit(res, 'Appartement 1', 4);
    unit(res, 'Appartement 2', 4);
    const { value } = allocateTogether(w.db, w.actors.duty_officer, family({ programme: 'dv_protocol' }));
    expect(value.stays).toHaveLength(2);
    for (const s of value.stays) expect(getStay(w.db, w.actors.duty_officer, s.id).household).toMatchObject({ confidential: true, label: null });
  });
});

describe('an access request', () => {
  it("gives each stay placed together with its link and its own share of the household", () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    unit(res, 'Studio A', 4);
    unit(res, 'Studio B', 4);
    const { value } = allocateTogether(w.db, w.actors.duty_officer, family());
    const out = exportHousehold(w.db, w.actors.admin, value.stays[0].householdId);
    const g = value.stays[0].togetherGroup;
    expect(out.stays.map((x) => [x.togetherGroup, x.adults, x.children]).sort()).toEqual([
      [g, 1, 2],
      [g, 1, 3]
    ]);
  });
});

describe('a referral placed together', () => {
  it('is placed by the first stay; a refusal leaves it as it was', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    const a = unit(res, 'Studio A', 4);
    const b = unit(res, 'Studio B', 4);
    const referral = () =>
      createReferral(w.db, w.actors.partner, {
        programme: 'emergency',
        urgency: 'immediate',
        requestedStart: START,
        nights: 2,
        household: { adults: 2, children: 5 },
        referrer: { contact: 'Adjudant Roux', phone: '04 67 00 00 00' }
      }).id;
    const first = referral();
    const { value } = allocateTogether(w.db, w.actors.duty_officer, family({ referralId: first }));
    expect(findReferral(w.db, first)).toMatchObject({ status: 'placed', stayId: value.stays[0].id });
    const second = referral();
    const before = findReferral(w.db, second);
    expect(appErrorOf(() => allocateTogether(w.db, w.actors.duty_officer, family({ referralId: second, unitIds: [a, b] }))).code).toBe('overlap');
    expect(findReferral(w.db, second)).toEqual(before);
  });
});

describe('the household counts once a night', () => {
  it("tonight's arrivals show the household once, in one row with its two units and its 7 persons", () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    unit(res, 'Studio A', 4);
    unit(res, 'Studio B', 4);
    allocateTogether(w.db, w.actors.duty_officer, family());
    const board = getTonight(w.db, w.actors.duty_officer);
    // Two units, one household arriving: one row with its two units and its 7 persons.
    expect([board.arrivals.length, board.arrivingHouseholds]).toEqual([1, 1]);
    expect(board.arrivals[0].units.map((u) => u.unitName)).toEqual(['Studio A', 'Studio B']);
    expect(board.arrivals[0].household).toMatchObject({ adults: 2, children: 5 });
  });

  it('the planning shows each unit with its own persons', () => {
    expect.hasAssertions();
    const res = site('Résidence X');
    unit(res, 'Studio A', 4);
    unit(res, 'Studio B', 4);
    allocateTogether(w.db, w.actors.duty_officer, family());
    const p = getPlanning(w.db, w.actors.duty_officer, { start: START, nights: 7 });
    const persons = p.sites.flatMap((s) => s.units.flatMap((u) => u.stays)).map((st) => st.household!.persons);
    expect(persons.sort()).toEqual([3, 4]);
  });
});
