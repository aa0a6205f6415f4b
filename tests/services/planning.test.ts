// Specification of the planning (units × nights) through the service, on a real SQLite file.
// The clock is fixed at 1 March 2027, 14:00 in Paris: tonight is the night of 1 March.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { createBlock, writeBlock } from '../../src/services/blocks.ts';
import { writeTransaction } from '../../src/services/transaction.ts';
import { setClock } from '../../src/services/clock.ts';
import { getPlanning, type Planning, type PlanningUnit } from '../../src/services/planning.ts';
import { actOnStay, getStay, placeStay, type PlaceStayInput } from '../../src/services/stays.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { openDatabase } from '../../db/client.ts';
import { makeUnit } from '../support/fixtures.ts';
import { gridBodyHtml, keptGridBodyHtml } from '../../src/lib/components/planning/grid-html.ts';
import { at, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let flat: string; // Saussines, confidential site, emergency + dv_protocol, 4 places
let hotelRoom: string; // Lunel hotel, emergency + dv_protocol, 2 places
let studio: string; // residence, social_residence only

beforeEach(() => {
  fixClock();
  w = makeWorld();
  flat = makeUnit(w.db, w.actors.admin, { name: 'Saussines T3', capacity: 4, confidential: true, commune: 'Saussines' });
  hotelRoom = makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 2', capacity: 2, siteKind: 'hotel', commune: 'Lunel' });
  studio = makeUnit(w.db, w.actors.admin, { name: 'Tamaris studio 01', capacity: 1, siteKind: 'residence', programmes: ['social_residence'] });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function place(over: Partial<PlaceStayInput> = {}, actor = w.actors.admin) {
  return placeStay(w.db, actor, { unitId: flat, start: '2027-03-10', end: '2027-03-15', programme: 'emergency', household: household(), ...over }).value;
}

function unitOf(p: Planning, unitId: string): PlanningUnit {
  const u = p.sites.flatMap((s) => s.units).find((x) => x.id === unitId);
  if (!u) throw new Error(`unit ${unitId} not on the planning`);
  return u;
}

const unitIds = (p: Planning) => p.sites.flatMap((s) => s.units.map((u) => u.id));

describe('the window', () => {
  it('by default shows the 31 nights from tonight’s night, and marks tonight', () => {
    expect.hasAssertions();
    const p = getPlanning(w.db, w.actors.duty_officer);
    expect(p.start).toBe('2027-03-01');
    expect(p.end).toBe('2027-04-01');
    expect(p.nights).toHaveLength(31);
    expect(p.nights[0]).toBe('2027-03-01');
    expect(p.nights[30]).toBe('2027-03-31');
    expect(p.tonight).toBe('2027-03-01');
  });

  it('before noon, tonight is still the night of the previous day', () => {
    expect.hasAssertions();
    setClock(at('2027-03-02T02:00:00+01:00'));
    const p = getPlanning(w.db, w.actors.duty_officer);
    expect(p.start).toBe('2027-03-01');
    expect(p.tonight).toBe('2027-03-01');
  });

  it('starts on the chosen night and shows from 7 to 62 nights', () => {
    expect.hasAssertions();
    const p = getPlanning(w.db, w.actors.duty_officer, { start: '2027-02-20', nights: 7 });
    expect(p.nights).toEqual(['2027-02-20', '2027-02-21', '2027-02-22', '2027-02-23', '2027-02-24', '2027-02-25', '2027-02-26']);
    expect(p.end).toBe('2027-02-27');
    expect(getPlanning(w.db, w.actors.duty_officer, { nights: 62 }).nights).toHaveLength(62);
  });

  it('refuses fewer than 7 or more than 62 nights, and a date that does not exist, naming the field', () => {
    expect.hasAssertions();
    expect(expectAppError(() => getPlanning(w.db, w.actors.duty_officer, { nights: 6 }), 'invalid').errors?.[0].path).toBe('nuits');
    expect(expectAppError(() => getPlanning(w.db, w.actors.duty_officer, { nights: 63 }), 'invalid').errors?.[0].path).toBe('nuits');
    expect(expectAppError(() => getPlanning(w.db, w.actors.duty_officer, { nights: Number.NaN }), 'invalid').errors?.[0].path).toBe('nuits');
    expect(expectAppError(() => getPlanning(w.db, w.actors.duty_officer, { start: '2027-02-30' }), 'invalid').errors?.[0].path).toBe('debut');
  });

  it('clips a stay to the window and keeps its real range', () => {
    expect.hasAssertions();
    const before = place({ start: '2027-02-25', end: '2027-03-04' }); // recorded by an admin, begun before the window
    const after = place({ start: '2027-03-28', end: '2027-04-10' });
    const u = unitOf(getPlanning(w.db, w.actors.duty_officer), flat);
    expect(u.stays).toHaveLength(2);
    expect(u.stays.find((s) => s.id === before.id)).toMatchObject({ start: '2027-03-01', end: '2027-03-04', realStart: '2027-02-25', realEnd: '2027-03-04' });
    expect(u.stays.find((s) => s.id === after.id)).toMatchObject({ start: '2027-03-28', end: '2027-04-01', realStart: '2027-03-28', realEnd: '2027-04-10' });
  });

  it('leaves out a stay that ends on the window’s first day (a departure is not a night)', () => {
    expect.hasAssertions();
    place({ start: '2027-02-25', end: '2027-03-01' });
    expect(unitOf(getPlanning(w.db, w.actors.duty_officer), flat).stays).toEqual([]);
    expect(unitOf(getPlanning(w.db, w.actors.duty_officer, { start: '2027-02-22', nights: 7 }), flat).stays).toHaveLength(1);
  });

  it('shows blocks with their reason, clipped to the window', () => {
    expect.hasAssertions();
    const b = createBlock(w.db, w.actors.duty_officer, { unitId: hotelRoom, start: '2027-03-29', end: '2027-04-05', reason: 'Fuite : plombier attendu' });
    const u = unitOf(getPlanning(w.db, w.actors.housing_officer), hotelRoom);
    expect(u.blocks).toEqual([{ id: b.id, start: '2027-03-29', end: '2027-04-01', realStart: '2027-03-29', realEnd: '2027-04-05', reason: 'Fuite : plombier attendu', system: null }]);
    expect(u.stays).toEqual([]);
  });

  it('marks the blocks the system writes (a mission unit outside its offer’s period) by their flag, not by their reason’s text', () => {
    expect.hasAssertions();
    // The mission's write flags its block; a person typing the same reason gets a block of their own.
    writeTransaction(w.db, (tx) => writeBlock(tx, w.actors.admin, { unitId: hotelRoom, start: '2027-03-10', end: '2027-03-12', reason: 'Hors de la période de l’offre' }, 'outside_offer_period'));
    for (const [reason, start] of [
      ['Hors de la période de l’offre', '2027-03-20'],
      ["Hors de la période de l'offre / outside the offer's period", '2027-03-25']
    ] as const) {
      createBlock(w.db, w.actors.admin, { unitId: hotelRoom, start, end: addDays(start, 2), reason });
    }
    const u = unitOf(getPlanning(w.db, w.actors.duty_officer), hotelRoom);
    expect(u.blocks.map((b) => [b.start, b.system])).toEqual([
      ['2027-03-10', 'outside_offer_period'],
      ['2027-03-20', null],
      ['2027-03-25', null]
    ]);
  });
});

describe('statuses on the planning', () => {
  it('shows a live hold as a hold with its expiry, and no longer once it has lapsed', () => {
    expect.hasAssertions();
    const hold = place({ status: 'hold' });
    const live = unitOf(getPlanning(w.db, w.actors.duty_officer), flat).stays;
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ id: hold.id, status: 'hold' });
    expect(live[0].holdExpiresAt).toMatch(/^2027-03-01T14:15:00/);
    setClock(at('2027-03-01T14:16:00+01:00')); // past HOLD_MINUTES; the row still says 'hold'
    expect(unitOf(getPlanning(w.db, w.actors.duty_officer), flat).stays).toEqual([]);
  });

  it('shows confirmed, in-place and ended stays; never cancelled, lapsed or no-show ones', () => {
    expect.hasAssertions();
    const confirmed = place({ unitId: flat, start: '2027-03-01', end: '2027-03-03' });
    const cancelled = place({ unitId: flat, start: '2027-03-05', end: '2027-03-07' });
    actOnStay(w.db, w.actors.duty_officer, cancelled.id, 'cancel');
    const noShow = place({ unitId: hotelRoom, start: '2027-03-01', end: '2027-03-02' });
    actOnStay(w.db, w.actors.duty_officer, noShow.id, 'no-show');
    const inPlace = place({ unitId: hotelRoom, start: '2027-03-02', end: '2027-03-04' });
    actOnStay(w.db, w.actors.duty_officer, inPlace.id, 'check-in');
    const ended = place({ unitId: studio, programme: 'social_residence', start: '2027-02-10', end: '2027-03-20' });
    actOnStay(w.db, w.actors.admin, ended.id, 'check-in');
    setClock(at('2027-03-05T10:00:00+01:00'));
    actOnStay(w.db, w.actors.admin, ended.id, 'check-out'); // leaves early, on the 5th: the stay now ends that day
    const p = getPlanning(w.db, w.actors.duty_officer, { start: '2027-03-01' });
    expect(unitOf(p, flat).stays.map((s) => [s.id, s.status])).toEqual([[confirmed.id, 'confirmed']]);
    expect(unitOf(p, hotelRoom).stays.map((s) => [s.id, s.status])).toEqual([[inPlace.id, 'in_place']]);
    expect(unitOf(p, studio).stays.map((s) => [s.id, s.status, s.realEnd])).toEqual([[ended.id, 'ended', '2027-03-05']]);
    expect(JSON.stringify(p)).not.toContain(cancelled.id);
    expect(JSON.stringify(p)).not.toContain(noShow.id);
  });
});

describe('households on the planning', () => {
  it('shows a confidential household by its pseudonym to admins and duty officers, never its name', () => {
    expect.hasAssertions();
    const dv = place({ programme: 'dv_protocol', household: household('Mme Rossi et ses deux enfants', 1, 2) });
    const pseudonym = getStay(w.db, w.actors.admin, dv.id).household!.pseudonym;
    for (const actor of [w.actors.admin, w.actors.duty_officer]) {
      const p = getPlanning(w.db, actor);
      expect(unitOf(p, flat).stays[0].household).toEqual({ name: pseudonym, confidential: true, persons: 3 });
      expect(JSON.stringify(p)).not.toContain('Rossi');
    }
  });

  it('a housing officer reads every unit, but a DV stay only as occupied: no household, no pseudonym, no link', () => {
    expect.hasAssertions();
    const dv = place({ programme: 'dv_protocol', household: household('Mme Haddad', 1, 0) });
    const p = getPlanning(w.db, w.actors.housing_officer);
    expect(unitIds(p)).toEqual([flat, hotelRoom, studio]);
    expect(unitOf(p, flat).stays[0]).toMatchObject({ id: null, status: 'occupied', household: null, programme: null });
    expect(JSON.stringify(p)).not.toContain(getStay(w.db, w.actors.admin, dv.id).household!.pseudonym);
    expect(JSON.stringify(p)).not.toContain('Haddad');
    expect(p.canBlock).toBe(false);
  });

  it('shows the name of a household that is not confidential to staff who handle its programme', () => {
    expect.hasAssertions();
    place({ unitId: hotelRoom, start: '2027-03-02', end: '2027-03-04', household: household('M. et Mme Martin', 2, 0) });
    const s = unitOf(getPlanning(w.db, w.actors.duty_officer), hotelRoom).stays[0];
    expect(s.household).toEqual({ name: 'M. et Mme Martin', confidential: false, persons: 2 });
    // An emergency stay is not the housing officer's: occupied, and nothing more.
    expect(unitOf(getPlanning(w.db, w.actors.housing_officer), hotelRoom).stays[0]).toMatchObject({ id: null, household: null });
  });

  it('never carries a site’s address', () => {
    expect.hasAssertions();
    const p = getPlanning(w.db, w.actors.admin);
    expect(JSON.stringify(p)).not.toContain('place de la Mairie');
  });

  it('is refused to a partner', () => {
    expect.hasAssertions();
    expectAppError(() => getPlanning(w.db, w.actors.partner), 'forbidden');
  });
});

describe('filters and grouping', () => {
  it('groups units by site, sites in the order of their first unit, units in the order they were created', () => {
    expect.hasAssertions();
    const site = createSite(w.db, w.actors.admin, { name: 'Maison de Marsillargues', commune: 'Marsillargues', confidential: true, address: '18 chemin des Canaux' });
    const one = createUnit(w.db, w.actors.admin, { siteId: site.id, name: 'logement 1', capacity: 2, programmes: ['emergency'] }).id;
    const two = createUnit(w.db, w.actors.admin, { siteId: site.id, name: 'logement 2', capacity: 3, programmes: ['dv_protocol'] }).id;
    const p = getPlanning(w.db, w.actors.duty_officer);
    expect(p.sites.map((s) => [s.commune, s.units.map((u) => u.id)])).toEqual([
      ['Saussines', [flat]],
      ['Lunel', [hotelRoom]],
      ['Lunel', [studio]],
      ['Marsillargues', [one, two]]
    ]);
    expect(p.sites[3]).toMatchObject({ name: 'Maison de Marsillargues', confidential: true });
    expect(p.filters.sites.map((s) => s.id)).toEqual(p.sites.map((s) => s.id));
    expect(p.canBlock).toBe(true);
  });

  it('filters by site and by programme served, and keeps every site in the filter list', () => {
    expect.hasAssertions();
    place({ unitId: studio, programme: 'social_residence', start: '2027-03-02', end: '2027-03-30' });
    place({ unitId: flat, start: '2027-03-02', end: '2027-03-04' });
    const all = getPlanning(w.db, w.actors.duty_officer);
    const studioSite = all.sites.find((s) => s.units.some((u) => u.id === studio))!.id;

    const bySite = getPlanning(w.db, w.actors.duty_officer, { siteId: studioSite });
    expect(unitIds(bySite)).toEqual([studio]);
    expect(bySite.siteId).toBe(studioSite);
    expect(bySite.filters.sites).toHaveLength(3);

    const byProgramme = getPlanning(w.db, w.actors.duty_officer, { programme: 'dv_protocol' });
    expect(unitIds(byProgramme)).toEqual([flat, hotelRoom]);
    expect(unitOf(byProgramme, flat).stays).toHaveLength(1);

    expect(unitIds(getPlanning(w.db, w.actors.duty_officer, { siteId: studioSite, programme: 'emergency' }))).toEqual([]);
  });

  it('a site’s planning shows exactly what the whole planning shows of that site: stays, holds and blocks, unit by unit', () => {
    expect.hasAssertions();
    // Two more sites of two units each, created between the others so that a site's units are not
    // consecutive in the calendar's numbering.
    const extra = ['Maison A', 'Maison B'].map((name) => createSite(w.db, w.actors.admin, { name, commune: 'Lunel-Viel', confidential: false, address: `1 rue ${name}` }).id);
    const units = [0, 1, 0, 1].map((k, i) => createUnit(w.db, w.actors.admin, { siteId: extra[k], name: `u${i}`, capacity: 2, programmes: ['emergency'] }).id);
    place({ unitId: flat, start: '2027-02-25', end: '2027-03-03' });
    place({ unitId: units[0], start: '2027-03-05', end: '2027-03-09' });
    place({ unitId: units[2], start: '2027-03-01', end: '2027-03-02', status: 'hold' });
    place({ unitId: units[3], start: '2027-03-20', end: '2027-04-20' });
    place({ unitId: hotelRoom, start: '2027-03-30', end: '2027-04-02' });
    createBlock(w.db, w.actors.duty_officer, { unitId: units[1], start: '2027-03-10', end: '2027-03-12', reason: 'Peinture' });
    createBlock(w.db, w.actors.duty_officer, { unitId: units[2], start: '2027-03-15', end: '2027-03-16', reason: 'Serrure' });
    const all = getPlanning(w.db, w.actors.duty_officer);
    expect(all.sites.flatMap((s) => s.units).reduce((n, u) => n + u.stays.length + u.blocks.length, 0)).toBe(7);
    for (const site of all.sites) {
      const one = getPlanning(w.db, w.actors.duty_officer, { siteId: site.id });
      expect(one.sites, site.name).toEqual([site]);
    }
  });

  it('refuses an unknown site or programme, naming the field', () => {
    expect.hasAssertions();
    expect(expectAppError(() => getPlanning(w.db, w.actors.duty_officer, { siteId: 'nope' }), 'invalid').errors?.[0].path).toBe('site');
    expect(expectAppError(() => getPlanning(w.db, w.actors.duty_officer, { programme: 'holiday' }), 'invalid').errors?.[0].path).toBe('programme');
  });
});

describe('a planning asked again', () => {
  it('shows at once a stay placed by another process on the same file, a block, and the night turning', () => {
    expect.hasAssertions();
    const first = getPlanning(w.db, w.actors.duty_officer);
    expect(unitOf(first, flat).stays).toEqual([]);
    const other = openDatabase(w.path); // another connection: the CLI, or a second server process
    try {
      const s = placeStay(other, w.actors.admin, { unitId: flat, start: '2027-03-03', end: '2027-03-05', programme: 'emergency', household: household() }).value;
      expect(unitOf(getPlanning(w.db, w.actors.duty_officer), flat).stays.map((x) => x.id)).toEqual([s.id]);
    } finally {
      other.$client.close();
    }
    createBlock(w.db, w.actors.duty_officer, { unitId: hotelRoom, start: '2027-03-02', end: '2027-03-03', reason: 'Clé perdue' });
    expect(unitOf(getPlanning(w.db, w.actors.duty_officer), hotelRoom).blocks).toHaveLength(1);
    setClock(at('2027-03-02T12:30:00+01:00')); // the night turns at noon
    const next = getPlanning(w.db, w.actors.duty_officer);
    expect([next.start, next.tonight]).toEqual(['2027-03-02', '2027-03-02']);
  });

  it('says whether the caller may block, whoever asked first', () => {
    expect.hasAssertions();
    expect(getPlanning(w.db, w.actors.housing_officer).canBlock).toBe(false);
    expect(getPlanning(w.db, w.actors.duty_officer).canBlock).toBe(true);
    expect(getPlanning(w.db, w.actors.housing_officer).canBlock).toBe(false);
  });
});

describe('the grid text kept with the kept answer', () => {
  const Q = { start: '2027-03-10', nights: 7 };

  it('is the fresh text of the answer; a placement, a block, a commit elsewhere show at once', () => {
    expect.hasAssertions();
    const grid = (actor = w.actors.duty_officer) => keptGridBodyHtml(getPlanning(w.db, actor, Q), 'fr');
    expect(grid()).toBe(gridBodyHtml(getPlanning(w.db, w.actors.duty_officer, Q), 'fr'));
    expect(grid()).not.toContain('Famille Kept');
    place({ unitId: hotelRoom, end: '2027-03-12', household: household('Famille Kept') });
    expect(grid()).toContain('Famille Kept');
    createBlock(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-03-11', end: '2027-03-12', reason: 'fuite kept' });
    expect(grid()).toContain('fuite kept');
    const before = grid();
    const other = openDatabase(w.path);
    try {
      placeStay(other, w.actors.admin, { unitId: flat, start: '2027-03-13', end: '2027-03-15', programme: 'emergency', household: household('Famille Ailleurs') });
    } finally {
      other.$client.close();
    }
    expect(grid()).not.toBe(before);
    expect(grid()).toBe(gridBodyHtml(getPlanning(w.db, w.actors.duty_officer, Q), 'fr'));
  });

  it('is kept per locale and per right to block, never one for the other', () => {
    expect.hasAssertions();
    createBlock(w.db, w.actors.duty_officer, { unitId: hotelRoom, start: '2027-03-11', end: '2027-03-12', reason: 'fuite' });
    const officer = getPlanning(w.db, w.actors.duty_officer, Q);
    const housing = getPlanning(w.db, w.actors.housing_officer, Q);
    expect(officer.canBlock).toBe(true);
    expect(housing.canBlock).toBe(false);
    expect(keptGridBodyHtml(officer, 'fr')).toBe(gridBodyHtml(officer, 'fr'));
    expect(keptGridBodyHtml(officer, 'en')).toBe(gridBodyHtml(officer, 'en'));
    expect(keptGridBodyHtml(officer, 'en')).not.toBe(keptGridBodyHtml(officer, 'fr'));
    expect(keptGridBodyHtml(housing, 'fr')).toBe(gridBodyHtml(housing, 'fr'));
    expect(keptGridBodyHtml(officer, 'fr')).toContain('href="#lever-');
    expect(keptGridBodyHtml(housing, 'fr')).not.toContain('href="#lever-');
    // The same answer read by a role of the same programmes without the right to block.
    expect(keptGridBodyHtml({ ...officer, canBlock: false }, 'fr')).not.toContain('href="#lever-');
  });
});
