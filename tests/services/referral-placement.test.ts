// Only those who decide referrals can close one (docs/api.md, "Referrals"): a stay or an allocation may
// carry a referralId only for an admin or a duty officer (403 otherwise), and only under the
// referral's programme, emergency and dv_protocol standing for each other (422 otherwise). A refused
// placement leaves the referral, and everything else, exactly as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROGRAMMES, type Programme, type Role } from '../../src/domain/programmes.ts';
import { allocate } from '../../src/services/allocation.ts';
import { placeProtocolPath } from '../../src/services/protocol.ts';
import { createReferral, decideReferral, getReferral } from '../../src/services/referrals.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
/** One unit for each programme (the emergency one serves dv_protocol too), and a hotel room. */
let units: Record<Programme, string>;
let hotel: string;

beforeEach(() => {
  fixClock();
  w = makeWorld();
  units = {
    emergency: makeUnit(w.db, w.actors.admin, { name: 'Saussines', capacity: 4, programmes: ['emergency', 'dv_protocol'] }),
    dv_protocol: makeUnit(w.db, w.actors.admin, { name: 'Refuge', capacity: 4, programmes: ['dv_protocol'], confidential: true }),
    social_residence: makeUnit(w.db, w.actors.admin, { name: 'Résidence 12', capacity: 4, siteKind: 'residence', programmes: ['social_residence'] }),
    housing_mission: makeUnit(w.db, w.actors.admin, { name: 'Logement privé', capacity: 4, siteKind: 'private', programmes: ['housing_mission'] })
  };
  hotel = makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 1', capacity: 4, siteKind: 'hotel', programmes: ['emergency', 'dv_protocol'] });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

/** A referral sent by the gendarmerie, received (or accepted when asked). */
function referral(programme: Programme, accepted = false): string {
  const r = createReferral(w.db, w.actors.partner, {
    programme,
    urgency: 'immediate',
    requestedStart: '2027-03-10',
    nights: 3,
    household: { adults: 1, children: 1 },
    referrer: { contact: 'Adjudant Roux', phone: '04 67 00 00 00' }
  });
  if (accepted) decideReferral(w.db, w.actors.duty_officer, r.id, { outcome: 'accepted' });
  return r.id;
}

/** Every column of the referral, as stored: a refused placement must leave it exactly so. */
function referralRow(id: string): unknown {
  return w.db.$client.prepare('SELECT * FROM referrals WHERE id = ?').get(id);
}

function counts(): { stays: number; households: number; outbox: number } {
  const n = (table: string) => (w.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { stays: n('stays'), households: n('households'), outbox: n('outbox') };
}

type Entry = 'POST /stays' | 'POST /allocations';

function placeWith(entry: Entry, role: Role, programme: Programme, referralId: string, status: 'hold' | 'confirmed' = 'confirmed') {
  const actor = w.actors[role];
  if (entry === 'POST /stays') {
    return placeStay(w.db, actor, { unitId: units[programme], start: '2027-03-10', end: '2027-03-13', programme, household: household('Mme Lambert', 1, 1), status, referralId }).value;
  }
  return allocate(w.db, actor, { start: '2027-03-10', end: '2027-03-13', persons: 2, programme, household: household('Mme Lambert', 1, 1), status, referralId }).value;
}

describe('who may place for a referral', () => {
  const ENTRIES: Entry[] = ['POST /stays', 'POST /allocations'];
  for (const entry of ENTRIES) {
    it(`${entry}: a housing officer's social_residence placement cannot close a gendarmerie DV referral (403, referral unchanged)`, () => {
      expect.hasAssertions();
      const id = referral('dv_protocol');
      const before = referralRow(id);
      const counted = counts();
      expectAppError(() => placeWith(entry, 'housing_officer', 'social_residence', id), 'forbidden');
      expect(referralRow(id)).toEqual(before);
      expect(counts()).toEqual(counted);
    });

    it(`${entry}: a housing officer is refused even under the referral's own programme (403), and even for a hold`, () => {
      expect.hasAssertions();
      for (const status of ['confirmed', 'hold'] as const) {
        const id = referral('social_residence', status === 'hold');
        const before = referralRow(id);
        const counted = counts();
        expectAppError(() => placeWith(entry, 'housing_officer', 'social_residence', id, status), 'forbidden');
        expect(referralRow(id)).toEqual(before);
        expect(counts()).toEqual(counted);
      }
    });

    it(`${entry}: a housing officer learns nothing of whether the referral exists (403 before 404)`, () => {
      expect.hasAssertions();
      expectAppError(() => placeWith(entry, 'housing_officer', 'social_residence', 'no-such-referral'), 'forbidden');
      expectAppError(() => placeWith(entry, 'duty_officer', 'social_residence', 'no-such-referral'), 'not_found');
    });

    for (const role of ['admin', 'duty_officer'] as const) {
      it(`${entry}: ${role} places a referral under its programme and it becomes placed`, () => {
        expect.hasAssertions();
        const id = referral('social_residence');
        const stay = placeWith(entry, role, 'social_residence', id);
        expect(getReferral(w.db, w.actors.admin, id)).toMatchObject({ status: 'placed', stayId: stay.id });
      });
    }
  }
});

describe('under which programme a referral may be placed', () => {
  // emergency and dv_protocol stand for each other; every other pair is refused.
  const allowed = (referralProgramme: Programme, stayProgramme: Programme) =>
    referralProgramme === stayProgramme || (['emergency', 'dv_protocol'].includes(referralProgramme) && ['emergency', 'dv_protocol'].includes(stayProgramme));
  for (const referralProgramme of PROGRAMMES) {
    for (const stayProgramme of PROGRAMMES) {
      const ok = allowed(referralProgramme, stayProgramme);
      it(`a ${referralProgramme} referral placed under ${stayProgramme}: ${ok ? 'placed' : '422, the referral unchanged'}`, () => {
        expect.hasAssertions();
        const id = referral(referralProgramme);
        const before = referralRow(id);
        const counted = counts();
        if (ok) {
          const stay = placeWith('POST /stays', 'duty_officer', stayProgramme, id);
          expect(getReferral(w.db, w.actors.admin, id)).toMatchObject({ status: 'placed', stayId: stay.id });
        } else {
          for (const entry of ['POST /stays', 'POST /allocations'] as const) {
            const e = expectAppError(() => placeWith(entry, 'duty_officer', stayProgramme, id), 'invalid');
            expect(e.status).toBe(422);
            expect(e.errors?.map((x) => x.path)).toEqual(['referralId']);
            expect(e.message).toContain(referralProgramme);
          }
          expect(referralRow(id)).toEqual(before);
          expect(counts()).toEqual(counted);
        }
      });
    }
  }
});

describe('the protocol path and a confirmed hold follow the same rule', () => {
  it('the protocol path refuses a social_residence referral (422) and leaves it as it was', () => {
    expect.hasAssertions();
    const id = referral('social_residence');
    const before = referralRow(id);
    const counted = counts();
    const e = expectAppError(
      () => placeProtocolPath(w.db, w.actors.duty_officer, { household: household('Mme Lambert', 1, 1), start: '2027-03-10', hotelUnitId: hotel, apartmentUnitId: units.dv_protocol, referralId: id }),
      'invalid'
    );
    expect(e.errors?.map((x) => x.path)).toEqual(['referralId']);
    expect(referralRow(id)).toEqual(before);
    expect(counts()).toEqual(counted);
  });

  it('the protocol path places an emergency referral (emergency stands for dv_protocol)', () => {
    expect.hasAssertions();
    const id = referral('emergency');
    const { hotel: stay } = placeProtocolPath(w.db, w.actors.duty_officer, { household: household('Mme Lambert', 1, 1), start: '2027-03-10', hotelUnitId: hotel, referralId: id }).value;
    expect(getReferral(w.db, w.actors.admin, id)).toMatchObject({ status: 'placed', stayId: stay.id });
  });

  it('a housing officer cannot confirm a hold taken for a referral (403): neither the stay nor the referral moves', () => {
    expect.hasAssertions();
    const id = referral('social_residence');
    const hold = placeWith('POST /stays', 'duty_officer', 'social_residence', id, 'hold');
    const before = referralRow(id);
    expect(getReferral(w.db, w.actors.admin, id).status).toBe('accepted');
    expectAppError(() => actOnStay(w.db, w.actors.housing_officer, hold.id, 'confirm'), 'forbidden');
    expect(referralRow(id)).toEqual(before);
    expect((w.db.$client.prepare('SELECT status FROM stays WHERE id = ?').get(hold.id) as { status: string }).status).toBe('hold');
    actOnStay(w.db, w.actors.duty_officer, hold.id, 'confirm');
    expect(getReferral(w.db, w.actors.admin, id)).toMatchObject({ status: 'placed', stayId: hold.id });
  });
});

describe('a retry of a placement for a referral', () => {
  it('with the same Idempotency-Key returns the first answer, for a stay, an allocation and the protocol path', () => {
    expect.hasAssertions();
    const duty = w.actors.duty_officer;
    const id1 = referral('social_residence');
    const input = { unitId: units.social_residence, start: '2027-03-10', end: '2027-03-13', programme: 'social_residence' as const, household: household('Mme Lambert', 1, 1), referralId: id1 };
    const first = placeStay(w.db, duty, input, 'retry-stay');
    expect(placeStay(w.db, duty, input, 'retry-stay')).toEqual({ replayed: true, value: first.value });
    const id2 = referral('emergency');
    const alloc = { start: '2027-03-20', end: '2027-03-22', persons: 2, programme: 'emergency' as const, household: household('M. Roux', 1, 1), referralId: id2 };
    const placed = allocate(w.db, duty, alloc, 'retry-allocation');
    expect(allocate(w.db, duty, alloc, 'retry-allocation')).toEqual({ replayed: true, value: placed.value });
    const id3 = referral('dv_protocol');
    const path = { household: household('Mme Faure', 1, 1), start: '2027-04-01', hotelUnitId: hotel, referralId: id3 };
    const both = placeProtocolPath(w.db, duty, path, 'retry-path');
    expect(placeProtocolPath(w.db, duty, path, 'retry-path')).toEqual({ replayed: true, value: both.value });
    // Without the key, a placed referral cannot be placed again.
    expectAppError(() => placeStay(w.db, duty, { ...input, start: '2027-03-14', end: '2027-03-16' }), 'already_decided');
    expectAppError(() => allocate(w.db, duty, { ...alloc, start: '2027-03-24', end: '2027-03-26' }), 'already_decided');
  });
});
