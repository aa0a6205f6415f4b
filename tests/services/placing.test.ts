// Specification of placing from the staff's web page, on a real SQLite file: reading the placing
// search (tests/lib/placing-search.test.ts reads the form itself), the allocation's suggestions with their units and free ranges, the alternatives, the unmet
// demand recorded by hand, and a stay's sheet and practical note. Clock: 1 March 2027, 14:00, Paris.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlock } from '../../src/services/blocks.ts';
import { recordUnmetDemand, suggestPlacement, unitAskedFor, type PlacingRequest } from '../../src/services/placing.ts';
import { getStaySheet, setStayNote } from '../../src/services/stay-notes.ts';
import { actOnStay, getStay, placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { auditEntriesFor, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;

beforeEach(() => {
  fixClock();
  w = makeWorld();
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function request(over: Partial<PlacingRequest> = {}): PlacingRequest {
  return { start: '2027-03-10', end: '2027-03-13', persons: 3, adults: 1, children: 2, programme: 'emergency', accessible: false, unitId: null, ...over };
}

function occupy(unitId: string, start: string, end: string, over: Partial<PlaceStayInput> = {}) {
  return placeStay(w.db, w.actors.admin, { unitId, start, end, programme: 'emergency', household: household('Famille Occupante'), ...over }).value;
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
const unmetRows = () => w.db.$client.prepare('SELECT * FROM unmet_demands ORDER BY created_at').all() as UnmetRow[];

describe('suggestPlacement: the allocation’s suggestions, with what a person needs to choose', () => {
  it('lists the options in the allocation’s order, each with its unit, site, commune, spare places and free range', () => {
    expect.hasAssertions();
    const big = makeUnit(w.db, w.actors.admin, { name: 'T4 Marsillargues', capacity: 5, commune: 'Marsillargues' });
    const snug = makeUnit(w.db, w.actors.admin, { name: 'T2 Saussines', capacity: 3, commune: 'Saussines' });
    occupy(snug, '2027-03-05', '2027-03-08'); // free from the 8th
    occupy(snug, '2027-03-20', '2027-03-25'); // free until the 20th
    const s = suggestPlacement(w.db, w.actors.duty_officer, request());
    expect(s.options.map((o) => o.unitId)).toEqual([snug, big]);
    expect(s.options[0]).toMatchObject({
      rank: 1,
      unitName: 'T2 Saussines',
      siteName: 'Site T2 Saussines',
      commune: 'Saussines',
      capacity: 3,
      spare: 0,
      slackBefore: 2,
      slackAfter: 7,
      freeFrom: '2027-03-08',
      freeUntil: '2027-03-20',
      preferred: false
    });
    // Nothing booked around the big unit within the horizon: its free range is open on both sides.
    expect(s.options[1]).toMatchObject({ rank: 2, spare: 2, freeFrom: null, freeUntil: null });
    expect(s).toMatchObject({ start: '2027-03-10', end: '2027-03-13', nights: 3, persons: 3, alternatives: [], holdMinutes: 15 });
  });

  it('puts the unit asked for by a link first when it fits, and says when it does not', () => {
    expect.hasAssertions();
    const snug = makeUnit(w.db, w.actors.admin, { name: 'T2', capacity: 3 });
    const big = makeUnit(w.db, w.actors.admin, { name: 'T4', capacity: 5 });
    const asked = suggestPlacement(w.db, w.actors.duty_officer, request({ unitId: big }));
    expect(asked.options.map((o) => [o.unitId, o.rank, o.preferred])).toEqual([
      [big, 2, true],
      [snug, 1, false]
    ]);
    expect(asked.preferredUnitFits).toBe(true);
    occupy(big, '2027-03-11', '2027-03-12');
    const taken = suggestPlacement(w.db, w.actors.duty_officer, request({ unitId: big }));
    expect(taken.options.map((o) => o.unitId)).toEqual([snug]);
    expect(taken).toMatchObject({ preferredUnitId: big, preferredUnitFits: false, preferredUnitName: 'T4' });
  });

  it('gives a confidential site’s address to a duty officer, never to a housing officer', () => {
    expect.hasAssertions();
    makeUnit(w.db, w.actors.admin, { name: 'Studio caché', capacity: 2, programmes: ['social_residence'], confidential: true, address: '7 impasse des Oliviers' });
    const req = request({ programme: 'social_residence', persons: 1, adults: 1, children: 0 });
    expect(suggestPlacement(w.db, w.actors.duty_officer, req).options[0]).toMatchObject({ confidential: true, address: '7 impasse des Oliviers' });
    expect(suggestPlacement(w.db, w.actors.housing_officer, req).options[0]).toMatchObject({ confidential: true, address: null, commune: 'Lunel' });
  });

  it('names the unit a link asks for before the search (its confidential address as the suggestions give it); null for no such unit', () => {
    expect.hasAssertions();
    const hidden = makeUnit(w.db, w.actors.admin, { name: 'Studio caché', capacity: 2, programmes: ['social_residence'], confidential: true, address: '7 impasse des Oliviers' });
    expect(unitAskedFor(w.db, w.actors.duty_officer, hidden)).toMatchObject({ unitId: hidden, unitName: 'Studio caché', capacity: 2, address: '7 impasse des Oliviers' });
    expect(unitAskedFor(w.db, w.actors.housing_officer, hidden)).toMatchObject({ unitName: 'Studio caché', address: null });
    expect(unitAskedFor(w.db, w.actors.duty_officer, 'no-such-unit')).toBeNull();
  });

  it('when nothing fits: no option, the alternatives with their units in words, and the likely reason to record', () => {
    expect.hasAssertions();
    const flat = makeUnit(w.db, w.actors.admin, { name: 'T3 Lunel', capacity: 4 });
    occupy(flat, '2027-03-12', '2027-03-14');
    const s = suggestPlacement(w.db, w.actors.duty_officer, request());
    expect(s.options).toEqual([]);
    expect(s.unmetReason).toBe('no_place');
    const shorter = s.alternatives.find((a) => a.kind === 'shorter')!;
    expect(shorter.stays).toEqual([expect.objectContaining({ unitId: flat, unitName: 'T3 Lunel', commune: 'Lunel', start: '2027-03-10', end: '2027-03-12', nights: 2 })]);
    const later = s.alternatives.find((a) => a.kind === 'later')!;
    expect(later.stays[0]).toMatchObject({ unitId: flat, start: '2027-03-14', end: '2027-03-17', nights: 3 });
  });

  it('says when no unit of the programme is large enough, or when no unit serves it', () => {
    expect.hasAssertions();
    makeUnit(w.db, w.actors.admin, { name: 'Studio', capacity: 2 });
    expect(suggestPlacement(w.db, w.actors.duty_officer, request()).unmetReason).toBe('no_place_of_that_size');
    expect(suggestPlacement(w.db, w.actors.duty_officer, request({ programme: 'housing_mission' })).unmetReason).toBe('out_of_scope');
  });

  it('refuses a programme the role does not handle, and a start before tonight', () => {
    expect.hasAssertions();
    expectAppError(() => suggestPlacement(w.db, w.actors.housing_officer, request()), 'forbidden');
    expectAppError(() => suggestPlacement(w.db, w.actors.partner, request()), 'forbidden');
    const e = expectAppError(() => suggestPlacement(w.db, w.actors.duty_officer, request({ start: '2027-02-27' })), 'invalid');
    expect(e.errors?.[0].path).toBe('start');
  });
});

describe('recordUnmetDemand: nobody placed, the demand is counted', () => {
  const demand = { programme: 'emergency' as const, start: '2027-03-10', end: '2027-03-13', persons: 3, accessible: true };

  it('writes the demand with its reason code and an audit entry, in one transaction', () => {
    expect.hasAssertions();
    const { value } = recordUnmetDemand(w.db, w.actors.duty_officer, { ...demand, reason: 'no_place_of_that_size' });
    expect(unmetRows()).toEqual([
      expect.objectContaining({ programme: 'emergency', start_date: '2027-03-10', end_date: '2027-03-13', persons: 3, accessible: 1, reason: 'no_place_of_that_size', created_by: w.actors.duty_officer.accountId })
    ]);
    const audit = auditEntriesFor(w, value.id);
    expect(audit.map((a) => a.action)).toEqual(['unmet_demand.record']);
    expect(JSON.parse(audit[0].detail!)).toMatchObject({ reason: 'no_place_of_that_size', persons: 3 });
  });

  it('“other” needs a note; the note is kept with the code, never in the audit log', () => {
    expect.hasAssertions();
    const e = expectAppError(() => recordUnmetDemand(w.db, w.actors.duty_officer, { ...demand, reason: 'other' }), 'invalid');
    expect(e.errors?.map((x) => x.path)).toEqual(['note']);
    expect(countRows(w, 'unmet_demands')).toBe(0);
    const { value } = recordUnmetDemand(w.db, w.actors.duty_officer, { ...demand, reason: 'other', note: 'animal de compagnie refusé par l’hôtel' });
    expect(unmetRows()[0].reason).toBe('other: animal de compagnie refusé par l’hôtel');
    expect(auditEntriesFor(w, value.id)[0].detail).not.toContain('animal');
  });

  it('a double tap with the same key records the demand once', () => {
    expect.hasAssertions();
    const first = recordUnmetDemand(w.db, w.actors.duty_officer, { ...demand, reason: 'no_place' }, 'key-1');
    const second = recordUnmetDemand(w.db, w.actors.duty_officer, { ...demand, reason: 'no_place' }, 'key-1');
    expect(second).toEqual({ replayed: true, value: first.value });
    expect(countRows(w, 'unmet_demands')).toBe(1);
  });

  it('refuses an unknown reason, a role outside the programme, and a partner', () => {
    expect.hasAssertions();
    expectAppError(() => recordUnmetDemand(w.db, w.actors.duty_officer, { ...demand, reason: 'bored' as never }), 'invalid');
    expectAppError(() => recordUnmetDemand(w.db, w.actors.housing_officer, { ...demand, reason: 'no_place' }), 'forbidden');
    expectAppError(() => recordUnmetDemand(w.db, w.actors.partner, { ...demand, reason: 'no_place' }), 'forbidden');
    expect(countRows(w, 'unmet_demands')).toBe(0);
  });
});

describe('getStaySheet: a stay with what its page shows and what the role may do now', () => {
  it('offers confirm and cancel on a hold; check-in and cancel on a confirmed stay before its first night; check-out once in place', () => {
    expect.hasAssertions();
    const flat = makeUnit(w.db, w.actors.admin, { name: 'T3', capacity: 4 });
    const hold = occupy(flat, '2027-03-10', '2027-03-13', { status: 'hold' });
    expect(getStaySheet(w.db, w.actors.duty_officer, hold.id)).toMatchObject({ actions: ['confirm', 'cancel'], canChangeEnd: true, canEditNote: true, canOverrideLimit: false });
    actOnStay(w.db, w.actors.duty_officer, hold.id, 'confirm');
    expect(getStaySheet(w.db, w.actors.duty_officer, hold.id).actions).toEqual(['check-in', 'cancel']);
    const tonightStay = occupy(flat, '2027-03-01', '2027-03-03');
    expect(getStaySheet(w.db, w.actors.duty_officer, tonightStay.id).actions).toEqual(['check-in', 'cancel', 'no-show']);
    actOnStay(w.db, w.actors.duty_officer, tonightStay.id, 'check-in');
    expect(getStaySheet(w.db, w.actors.admin, tonightStay.id)).toMatchObject({ actions: ['check-out'], canOverrideLimit: true });
    actOnStay(w.db, w.actors.duty_officer, tonightStay.id, 'check-out');
    expect(getStaySheet(w.db, w.actors.duty_officer, tonightStay.id)).toMatchObject({ actions: [], canChangeEnd: false });
  });

  it('shows a confidential household by its pseudonym, with the unit, the site and the limit; the address only to those who may see it', () => {
    expect.hasAssertions();
    const flat = makeUnit(w.db, w.actors.admin, { name: 'T3 caché', capacity: 4, confidential: true, address: '7 impasse des Oliviers', commune: 'Saussines' });
    const stay = occupy(flat, '2027-03-10', '2027-03-13', { programme: 'dv_protocol', household: household('Mme Secret', 1, 2) });
    const duty = getStaySheet(w.db, w.actors.duty_officer, stay.id);
    expect(duty.stay.household).toMatchObject({ label: null, confidential: true, adults: 1, children: 2 });
    expect(duty).toMatchObject({ unit: { name: 'T3 caché', capacity: 4 }, site: { commune: 'Saussines', confidential: true, address: '7 impasse des Oliviers' }, maxNights: 92 });
    expect(JSON.stringify(duty)).not.toContain('Mme Secret');
    // A DV stay is not the housing officer's to see at all.
    expectAppError(() => getStaySheet(w.db, w.actors.housing_officer, stay.id), 'not_found');
    // One of its own programmes on a confidential site: the stay, never the address.
    const room = makeUnit(w.db, w.actors.admin, { name: 'Studio caché', capacity: 2, confidential: true, address: '9 impasse des Oliviers', siteKind: 'residence', programmes: ['social_residence'] });
    const resident = occupy(room, '2027-03-10', '2027-03-13', { programme: 'social_residence', household: household('M. Diallo', 1, 0) });
    const housing = getStaySheet(w.db, w.actors.housing_officer, resident.id);
    expect(housing.site.address).toBeNull();
    expect(JSON.stringify(housing)).not.toContain('impasse');
  });

  it('answers not_found for a stay that does not exist, and forbidden to a partner', () => {
    expect.hasAssertions();
    expectAppError(() => getStaySheet(w.db, w.actors.duty_officer, 'nope'), 'not_found');
    expectAppError(() => getStaySheet(w.db, w.actors.partner, 'nope'), 'forbidden');
  });
});

describe('setStayNote: the practical note', () => {
  it('replaces the note, records a « note » event in the history and an audit entry without the text', () => {
    expect.hasAssertions();
    const flat = makeUnit(w.db, w.actors.admin, { name: 'T3', capacity: 4 });
    const stay = occupy(flat, '2027-03-10', '2027-03-13');
    const view = setStayNote(w.db, w.actors.duty_officer, stay.id, '  Clés chez la voisine du 1er, Mme Blanc.  ');
    expect(view.note).toBe('Clés chez la voisine du 1er, Mme Blanc.');
    const history = getStay(w.db, w.actors.duty_officer, stay.id).history!;
    expect(history.at(-1)).toMatchObject({ action: 'note', fromStatus: 'confirmed', toStatus: 'confirmed', start: '2027-03-10', end: '2027-03-13' });
    const audit = auditEntriesFor(w, stay.id).filter((a) => a.action === 'stay.note');
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).not.toContain('Blanc');
    expect(setStayNote(w.db, w.actors.duty_officer, stay.id, '   ').note).toBeNull();
  });

  it('refuses a note over 2,000 characters, a role outside the programme, and a stay that does not exist, changing nothing', () => {
    expect.hasAssertions();
    const flat = makeUnit(w.db, w.actors.admin, { name: 'T3', capacity: 4 });
    const stay = occupy(flat, '2027-03-10', '2027-03-13', { note: 'avant' });
    const e = expectAppError(() => setStayNote(w.db, w.actors.duty_officer, stay.id, 'x'.repeat(2001)), 'invalid');
    expect(e.errors?.[0].path).toBe('note');
    // A stay of a programme the role does not handle is not found to it.
    expectAppError(() => setStayNote(w.db, w.actors.housing_officer, stay.id, 'après'), 'not_found');
    expectAppError(() => setStayNote(w.db, w.actors.partner, stay.id, 'après'), 'forbidden');
    expectAppError(() => setStayNote(w.db, w.actors.duty_officer, 'nope', 'après'), 'not_found');
    expect(getStay(w.db, w.actors.admin, stay.id).note).toBe('avant');
  });
});

describe('a block in the way is a conflict like a stay', () => {
  it('a block on the only unit leaves no option and names no household', () => {
    expect.hasAssertions();
    const flat = makeUnit(w.db, w.actors.admin, { name: 'T3', capacity: 4 });
    createBlock(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-03-09', end: '2027-03-20', reason: 'Fuite' });
    const s = suggestPlacement(w.db, w.actors.duty_officer, request());
    expect(s.options).toEqual([]);
    expect(s.alternatives.map((a) => a.kind)).toEqual(['later']);
  });
});
