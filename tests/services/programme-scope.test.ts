// Roles see only their programmes (docs/api.md, "Roles"): a role that does not handle a programme gets
// 403 when it asks to create under it, and 404 for any stay, household or referral it could see
// only through that programme (notes included); such rows leave its lists; the planning shows such a
// stay only as occupied. A household is visible to a role when it has a stay (or is a mission
// applicant) under a programme the role handles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAY_ACTIONS } from '../../src/domain/stay-lifecycle.ts';
import { PROGRAMMES, type Programme, type Role } from '../../src/domain/programmes.ts';
import { allocate } from '../../src/services/allocation.ts';
import { openHousehold, revealHouseholdName, searchHouseholds } from '../../src/services/households.ts';
import { getPlanning } from '../../src/services/planning.ts';
import { createReferral, decideReferral, getReferral, listReferrals } from '../../src/services/referrals.ts';
import { getStaySheet, setStayNote } from '../../src/services/stay-notes.ts';
import { actOnStay, changeStayEnd, getStay, listStays, placeStay, type StayView } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { appErrorOf, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

const KEY_NOTE = 'Clés : boîte à code 4812 derrière la pharmacie';
const STAFF: Role[] = ['admin', 'duty_officer', 'housing_officer'];
/** What each staff role handles (docs/api.md, "Roles"). */
const HANDLES: Record<string, Programme[]> = {
  admin: [...PROGRAMMES],
  duty_officer: [...PROGRAMMES],
  housing_officer: ['social_residence', 'housing_mission']
};

let w: World;
let units: Record<Programme, string>;
let stays: Record<Programme, StayView>;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  units = {
    emergency: makeUnit(w.db, w.actors.admin, { name: 'Marsillargues T2', capacity: 4, programmes: ['emergency'] }),
    dv_protocol: makeUnit(w.db, w.actors.admin, { name: 'Saussines T3', capacity: 4, programmes: ['dv_protocol'], confidential: true }),
    social_residence: makeUnit(w.db, w.actors.admin, { name: 'Résidence 12', capacity: 4, siteKind: 'residence', programmes: ['social_residence'] }),
    housing_mission: makeUnit(w.db, w.actors.admin, { name: 'Logement privé', capacity: 4, siteKind: 'private', programmes: ['housing_mission'] })
  };
  const labels: Record<Programme, string> = { emergency: 'M. Moreau', dv_protocol: 'Mme Rossi', social_residence: 'M. Diallo', housing_mission: 'Famille Ortiz' };
  stays = Object.fromEntries(
    PROGRAMMES.map((p) => [
      p,
      placeStay(w.db, w.actors.admin, { unitId: units[p], start: '2027-03-05', end: '2027-03-10', programme: p, household: household(labels[p], 1, 1), status: 'hold', note: `${KEY_NOTE} (${p})` }).value
    ])
  ) as Record<Programme, StayView>;
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

function stayRow(id: string): unknown {
  return w.db.$client.prepare('SELECT * FROM stays WHERE id = ?').get(id);
}

describe('stays of a programme the role does not handle', () => {
  for (const role of STAFF) {
    for (const programme of PROGRAMMES) {
      const sees = HANDLES[role].includes(programme);
      it(`${role} × a ${programme} stay: ${sees ? 'read, listed, its note shown' : '404 for the stay and its sheet, left out of the list'}`, () => {
        expect.hasAssertions();
        const id = stays[programme].id;
        const listed = listStays(w.db, w.actors[role], { from: '2027-03-01', to: '2027-03-31' }).map((s) => s.id);
        if (sees) {
          expect(getStay(w.db, w.actors[role], id).note).toContain(KEY_NOTE);
          expect(getStaySheet(w.db, w.actors[role], id).stay.id).toBe(id);
          expect(listed).toContain(id);
        } else {
          expectAppError(() => getStay(w.db, w.actors[role], id), 'not_found');
          expectAppError(() => getStaySheet(w.db, w.actors[role], id), 'not_found');
          expect(listed).not.toContain(id);
          expect(JSON.stringify(listStays(w.db, w.actors[role], { from: '2027-03-01', to: '2027-03-31', unitId: units[programme] }))).not.toContain(KEY_NOTE);
        }
      });
    }
  }

  it('every move on a DV stay by a housing officer is 404 (PATCH, each action, the note), and the stay is unchanged', () => {
    expect.hasAssertions();
    const officer = w.actors.housing_officer;
    for (const programme of ['dv_protocol', 'emergency'] as const) {
      const id = stays[programme].id;
      const before = stayRow(id);
      expectAppError(() => changeStayEnd(w.db, officer, id, { end: '2027-03-12' }), 'not_found');
      for (const action of STAY_ACTIONS) expectAppError(() => actOnStay(w.db, officer, id, action), 'not_found');
      expectAppError(() => setStayNote(w.db, officer, id, 'plus de clé'), 'not_found');
      expect(stayRow(id)).toEqual(before);
    }
  });

  it('creating under a programme the role does not handle is 403, and placing a household it cannot see is 404', () => {
    expect.hasAssertions();
    const officer = w.actors.housing_officer;
    for (const programme of ['dv_protocol', 'emergency'] as const) {
      expectAppError(() => placeStay(w.db, officer, { unitId: units[programme], start: '2027-03-20', end: '2027-03-22', programme, household: household() }), 'forbidden');
      expectAppError(() => allocate(w.db, officer, { start: '2027-03-20', end: '2027-03-22', persons: 1, programme, household: household() }), 'forbidden');
    }
    const e = expectAppError(
      () => placeStay(w.db, officer, { unitId: units.social_residence, start: '2027-03-20', end: '2027-03-22', programme: 'social_residence', householdId: stays.dv_protocol.householdId }),
      'not_found'
    );
    expect(e.message).not.toContain('Rossi');
    expect(placeStay(w.db, officer, { unitId: units.social_residence, start: '2027-03-20', end: '2027-03-22', programme: 'social_residence', householdId: stays.social_residence.householdId }).value.householdId).toBe(
      stays.social_residence.householdId
    );
  });
});

describe('households seen only through a programme the role does not handle', () => {
  it('a housing officer neither lists, finds nor opens the DV and emergency households (404); admins and duty officers do', () => {
    expect.hasAssertions();
    const hidden = [stays.dv_protocol.householdId, stays.emergency.householdId];
    const officer = w.actors.housing_officer;
    const listed = searchHouseholds(w.db, officer, { q: '' }).households.map((h) => h.id);
    expect(listed.sort()).toEqual([stays.social_residence.householdId, stays.housing_mission.householdId].sort());
    expect(searchHouseholds(w.db, officer, { q: 'Moreau' }).households).toEqual([]);
    const dvPseudonym = getStay(w.db, w.actors.admin, stays.dv_protocol.id).household!.pseudonym;
    expect(searchHouseholds(w.db, officer, { q: dvPseudonym }).households).toEqual([]);
    for (const id of hidden) expectAppError(() => openHousehold(w.db, officer, id), 'not_found');
    for (const role of ['admin', 'duty_officer'] as const) {
      expect(searchHouseholds(w.db, w.actors[role], { q: '' }).households).toHaveLength(4);
      for (const id of hidden) expect(openHousehold(w.db, w.actors[role], id).id).toBe(id);
    }
  });

  it('a household with a stay the officer handles is visible, but only with those stays (its emergency stay left out)', () => {
    expect.hasAssertions();
    const householdId = stays.social_residence.householdId;
    // The same household, placed later under emergency by the duty officer.
    const later = placeStay(w.db, w.actors.duty_officer, { unitId: units.emergency, start: '2027-03-20', end: '2027-03-25', programme: 'emergency', householdId }).value;
    const officer = w.actors.housing_officer;
    const record = openHousehold(w.db, officer, householdId);
    expect(record.stays.map((s) => s.id)).toEqual([stays.social_residence.id]);
    const found = searchHouseholds(w.db, officer, { q: 'Diallo' }).households;
    expect(found.map((h) => h.id)).toEqual([householdId]);
    expect(found[0].latestStay?.id).toBe(stays.social_residence.id);
    expect(searchHouseholds(w.db, w.actors.duty_officer, { q: 'Diallo' }).households[0].latestStay?.id).toBe(later.id);
  });

  it('revealing the name of a household the role cannot see is refused, and nothing is audited', () => {
    expect.hasAssertions();
    const id = stays.dv_protocol.householdId;
    const audited = () => (w.db.$client.prepare('SELECT count(*) AS n FROM audit_entries WHERE entity_id = ?').get(id) as { n: number }).n;
    const before = audited();
    // 403 (a housing officer reveals no name it cannot see) or 404 (no such household for it): never the name.
    expect(['forbidden', 'not_found']).toContain(appErrorOf(() => revealHouseholdName(w.db, w.actors.housing_officer, id, 'curiosité')).code);
    expect(audited()).toBe(before);
  });
});

describe('referrals of a programme the role does not handle', () => {
  function referral(programme: Programme): string {
    return createReferral(w.db, w.actors.partner, {
      programme,
      urgency: 'immediate',
      requestedStart: '2027-03-05',
      nights: 3,
      household: { adults: 1, children: 1 },
      referrer: { contact: 'Adjudant Roux', phone: '04 67 00 00 00' }
    }).id;
  }

  it('a housing officer gets 404 for a DV or emergency referral, and its list has only the programmes it handles', () => {
    expect.hasAssertions();
    const ids = Object.fromEntries(PROGRAMMES.map((p) => [p, referral(p)])) as Record<Programme, string>;
    const officer = w.actors.housing_officer;
    for (const p of ['dv_protocol', 'emergency'] as const) {
      expectAppError(() => getReferral(w.db, officer, ids[p]), 'not_found');
      expectAppError(() => decideReferral(w.db, officer, ids[p], { outcome: 'accepted' }), 'not_found');
    }
    expect(getReferral(w.db, officer, ids.social_residence).id).toBe(ids.social_residence);
    expect(listReferrals(w.db, officer).map((r) => r.programme).sort()).toEqual(['housing_mission', 'social_residence']);
    expect(listReferrals(w.db, officer, { status: 'received' }).map((r) => r.programme).sort()).toEqual(['housing_mission', 'social_residence']);
    for (const role of ['admin', 'duty_officer'] as const) expect(listReferrals(w.db, w.actors[role])).toHaveLength(4);
  });
});

describe('the planning', () => {
  it('shows a housing officer a DV or emergency stay only as occupied: no household, pseudonym, note, programme nor link', () => {
    expect.hasAssertions();
    const officer = getPlanning(w.db, w.actors.housing_officer);
    const units_ = officer.sites.flatMap((s) => s.units);
    for (const programme of ['dv_protocol', 'emergency'] as const) {
      const bars = units_.find((u) => u.id === units[programme])!.stays;
      expect(bars).toEqual([
        { id: null, start: '2027-03-05', end: '2027-03-10', realStart: '2027-03-05', realEnd: '2027-03-10', status: 'occupied', holdExpiresAt: null, programme: null, household: null }
      ]);
    }
    const text = JSON.stringify(officer);
    for (const programme of ['dv_protocol', 'emergency'] as const) {
      const full = getStay(w.db, w.actors.admin, stays[programme].id);
      expect(text).not.toContain(full.id);
      expect(text).not.toContain(full.household!.pseudonym);
    }
    expect(text).not.toContain('Rossi');
    expect(text).not.toContain('Moreau');
    // Its own programmes, in full.
    expect(units_.find((u) => u.id === units.social_residence)!.stays[0]).toMatchObject({ id: stays.social_residence.id, household: { name: 'M. Diallo' } });
    // Admins and duty officers see every stay in full, whoever asked first (the planning is cached).
    const duty = getPlanning(w.db, w.actors.duty_officer).sites.flatMap((s) => s.units);
    expect(duty.find((u) => u.id === units.dv_protocol)!.stays[0]).toMatchObject({ id: stays.dv_protocol.id, programme: 'dv_protocol' });
    expect(getPlanning(w.db, w.actors.housing_officer)).toEqual(officer);
  });
});
