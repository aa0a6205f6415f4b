// Specification of tonight's board (the page « Ce soir »): for the operational night, the free units
// of each programme and until when each stays free, arrivals, departures and holds about to lapse,
// confidential households under their pseudonym only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { setUnitInService } from '../../src/services/admin.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { setClock } from '../../src/services/clock.ts';
import { actOnStay, placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { getTonight, TONIGHT_HORIZON_NIGHTS } from '../../src/services/tonight.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, expectAppError, household, makeWorld, resetClock, type World } from './helpers.ts';

// 1 March 2027 at 14:00 in Paris: tonight is the night of 1 March.
const AFTERNOON = at('2027-03-01T14:00:00+01:00');
let w: World;
let flat: string;
let hotel: string;

beforeEach(() => {
  setClock(AFTERNOON);
  w = makeWorld();
  flat = makeUnit(w.db, w.actors.admin, { name: 'Saussines T3', capacity: 5, programmes: ['emergency', 'dv_protocol'], confidential: true, commune: 'Saussines' });
  hotel = makeUnit(w.db, w.actors.admin, { name: 'Vidourle chambre 1', capacity: 2, programmes: ['emergency'], siteKind: 'hotel' });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function place(over: Partial<PlaceStayInput>) {
  return placeStay(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: household(), ...over }).value;
}

function freeIn(programme: string) {
  return getTonight(w.db, w.actors.duty_officer).freeUnits.filter((u) => u.programmes.some((p) => p === programme));
}

describe('free units tonight', () => {
  it('a unit with nothing booked is free for the horizon and more (freeUntil null)', () => {
    expect.hasAssertions();
    const u = freeIn('emergency').find((f) => f.unitId === hotel)!;
    expect(u).toMatchObject({ name: 'Vidourle chambre 1', siteName: 'Site Vidourle chambre 1', commune: 'Lunel', capacity: 2, freeUntil: null, freeNights: TONIGHT_HORIZON_NIGHTS });
  });

  it('a unit free tonight stays free until the first night of its next stay or block (exclusive)', () => {
    expect.hasAssertions();
    place({ start: '2027-03-04', end: '2027-03-10' });
    createBlock(w.db, w.actors.duty_officer, { unitId: hotel, start: '2027-03-02', end: '2027-03-05', reason: 'fuite' });
    const free = freeIn('emergency');
    expect(free.find((f) => f.unitId === flat)).toMatchObject({ freeUntil: '2027-03-04', freeNights: 3 });
    expect(free.find((f) => f.unitId === hotel)).toMatchObject({ freeUntil: '2027-03-02', freeNights: 1 });
  });

  it('a unit busy tonight is not free', () => {
    expect.hasAssertions();
    place({ start: '2027-03-01', end: '2027-03-05' });
    expect(freeIn('emergency').map((f) => f.unitId)).toEqual([hotel]);
  });

  it('a stay whose departure date is today leaves tonight free', () => {
    expect.hasAssertions();
    setClock(at('2027-02-27T14:00:00+01:00'));
    place({ start: '2027-02-27', end: '2027-03-01' });
    setClock(AFTERNOON);
    expect(freeIn('emergency').map((f) => f.unitId)).toEqual([flat, hotel]);
  });

  it('a free unit appears once with the programmes it serves, and each programme counts its units and free units', () => {
    expect.hasAssertions();
    place({ unitId: hotel });
    const board = getTonight(w.db, w.actors.duty_officer);
    expect(board.freeUnits.map((f) => [f.unitId, f.programmes])).toEqual([[flat, ['emergency', 'dv_protocol']]]);
    const byProgramme = Object.fromEntries(board.programmes.map((p) => [p.programme, p]));
    expect(byProgramme.emergency).toMatchObject({ unitCount: 2, freeCount: 1 });
    expect(byProgramme.dv_protocol).toMatchObject({ unitCount: 1, freeCount: 1 });
    expect(byProgramme.social_residence).toMatchObject({ unitCount: 0, freeCount: 0 });
  });

  it('a lapsed hold frees its unit on the board at the minute it lapses', () => {
    expect.hasAssertions();
    place({ status: 'hold' });
    expect(freeIn('emergency').map((f) => f.unitId)).toEqual([hotel]);
    setClock(AFTERNOON + 15 * 60_000);
    expect(freeIn('emergency').map((f) => f.unitId)).toEqual([flat, hotel]);
  });

  it('at 02:00 on the 2nd, tonight is still the night of the 1st', () => {
    expect.hasAssertions();
    setClock(at('2027-03-02T02:00:00+01:00'));
    const board = getTonight(w.db, w.actors.duty_officer);
    expect(board.night).toBe('2027-03-01');
    expect(board.today).toBe('2027-03-02');
  });
});

describe('arrivals, departures and holds', () => {
  it('arrivals are the confirmed stays and live holds whose first night is tonight', () => {
    expect.hasAssertions();
    // An ordinary site: a stay on a confidential one would make the household confidential.
    const open = makeUnit(w.db, w.actors.admin, { name: 'Lunel T2', capacity: 5, programmes: ['emergency'] });
    const confirmed = place({ unitId: hotel, household: household('M. Martin', 2) });
    const hold = place({ unitId: open, status: 'hold', household: household('Famille Ndiaye', 2, 3) });
    place({ unitId: hotel, start: '2027-03-03', end: '2027-03-05' });
    const arrivals = getTonight(w.db, w.actors.duty_officer).arrivals;
    expect(arrivals.map((a) => a.stayId).sort()).toEqual([confirmed.id, hold.id].sort());
    expect(arrivals.find((a) => a.stayId === hold.id)).toMatchObject({ status: 'hold', household: { name: 'Famille Ndiaye', adults: 2, children: 3 } });
  });

  it('departures are the stays in place whose departure date is today', () => {
    expect.hasAssertions();
    const open = makeUnit(w.db, w.actors.admin, { name: 'Lunel T2', capacity: 5, programmes: ['emergency'] });
    setClock(at('2027-02-27T14:00:00+01:00'));
    const leaving = place({ unitId: open, start: '2027-02-27', end: '2027-03-01', household: household('M. Dupont') });
    const staying = place({ unitId: hotel, start: '2027-02-27', end: '2027-03-02' });
    actOnStay(w.db, w.actors.duty_officer, leaving.id, 'check-in');
    actOnStay(w.db, w.actors.duty_officer, staying.id, 'check-in');
    setClock(at('2027-03-01T09:00:00+01:00'));
    const departures = getTonight(w.db, w.actors.duty_officer).departures;
    expect(departures.map((d) => d.stayId)).toEqual([leaving.id]);
    expect(departures[0].household.name).toBe('M. Dupont');
  });

  it('live holds come soonest to lapse first, with their expiry; lapsed ones are gone', () => {
    expect.hasAssertions();
    const first = place({ status: 'hold' });
    setClock(AFTERNOON + 5 * 60_000);
    const second = place({ unitId: hotel, status: 'hold' });
    let holds = getTonight(w.db, w.actors.duty_officer).holds;
    expect(holds.map((h) => h.stayId)).toEqual([first.id, second.id]);
    expect(holds[0].holdExpiresAt).toBe(AFTERNOON + 15 * 60_000);
    setClock(AFTERNOON + 15 * 60_000);
    holds = getTonight(w.db, w.actors.duty_officer).holds;
    expect(holds.map((h) => h.stayId)).toEqual([second.id]);
  });

  it('a household under the DV protocol appears under its pseudonym, never its name', () => {
    expect.hasAssertions();
    const stay = place({ programme: 'dv_protocol', status: 'hold', household: household('Mme Ferreira et sa fille', 1, 1) });
    const board = getTonight(w.db, w.actors.admin);
    const shown = [...board.arrivals, ...board.holds].filter((s) => s.stayId === stay.id);
    expect(shown).toHaveLength(2);
    for (const s of shown) {
      expect(s.household.confidential).toBe(true);
      expect(s.household.name).toMatch(/^Ménage [A-Z2-9]{4}$/);
      expect(s.household.label).toBeNull();
    }
    expect(JSON.stringify(board)).not.toContain('Ferreira');
  });
});

describe('who sees the board', () => {
  it('admins and duty officers see it; a housing officer and a partner are refused', () => {
    expect.hasAssertions();
    expect(getTonight(w.db, w.actors.admin).night).toBe('2027-03-01');
    expect(getTonight(w.db, w.actors.duty_officer).night).toBe('2027-03-01');
    expectAppError(() => getTonight(w.db, w.actors.housing_officer), 'forbidden');
    expectAppError(() => getTonight(w.db, w.actors.partner), 'forbidden');
  });
});

// The units' calendars behind the board are kept between requests (one query less per page): these
// tests prove the board they give is never stale.
describe('the kept calendars', () => {
  const freeIds = () => getTonight(w.db, w.actors.duty_officer).freeUnits.map((u) => u.unitId);

  it('a write through the services shows at once: a stay, a block, a unit taken out of service', () => {
    expect.hasAssertions();
    expect(freeIds()).toEqual([flat, hotel]);
    place({ start: '2027-03-01', end: '2027-03-03' });
    expect(freeIds()).toEqual([hotel]);
    createBlock(w.db, w.actors.duty_officer, { unitId: hotel, start: '2027-03-03', end: '2027-03-05', reason: 'fuite' });
    expect(getTonight(w.db, w.actors.duty_officer).freeUnits).toMatchObject([{ unitId: hotel, freeUntil: '2027-03-03', freeNights: 2 }]);
    setUnitInService(w.db, w.actors.admin, hotel, false);
    expect(freeIds()).toEqual([]);
  });

  it('a commit by another connection (the CLI, another process) shows at once', () => {
    expect.hasAssertions();
    expect(freeIds()).toEqual([flat, hotel]);
    const other = openDatabase(w.path);
    try {
      placeStay(other, w.actors.duty_officer, { unitId: hotel, start: '2027-03-01', end: '2027-03-02', programme: 'emergency', household: household() });
    } finally {
      other.$client.close();
    }
    expect(freeIds()).toEqual([flat]);
  });

  it('a hold lapsing frees its unit without any write', () => {
    expect.hasAssertions();
    place({ status: 'hold' });
    expect(freeIds()).toEqual([hotel]);
    setClock(AFTERNOON + 15 * 60_000 - 1);
    expect(freeIds()).toEqual([hotel]);
    setClock(AFTERNOON + 15 * 60_000);
    expect(freeIds()).toEqual([flat, hotel]);
  });

  it('the night turning counts from the new night', () => {
    expect.hasAssertions();
    place({ start: '2027-03-02', end: '2027-03-04' });
    expect(getTonight(w.db, w.actors.duty_officer).freeUnits.find((u) => u.unitId === flat)).toMatchObject({ freeUntil: '2027-03-02', freeNights: 1 });
    setClock(at('2027-03-02T14:00:00+01:00'));
    expect(freeIds()).toEqual([hotel]);
    setClock(at('2027-03-04T14:00:00+01:00'));
    expect(getTonight(w.db, w.actors.duty_officer).freeUnits.find((u) => u.unitId === flat)).toMatchObject({ freeUntil: null, freeNights: TONIGHT_HORIZON_NIGHTS });
  });
});
