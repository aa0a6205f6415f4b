// The activity report against figures counted by hand. The world below is built through the
// services, event by event at the clock of each event, over two months: the period is
// [2027-03-01, 2027-05-01), 61 nights (31 in March + 30 in April), with the DST change of Sunday
// 28 March 2027 inside it. Every expected figure is a literal with its count beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, allocateTogether } from '../../src/services/allocation.ts';
import { setUnitInService } from '../../src/services/admin.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { recordUnmetDemand } from '../../src/services/placing.ts';
import { createReferral, decideReferral } from '../../src/services/referrals.ts';
import { activityReport, type ActivityReport } from '../../src/services/reports/activity.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import type { Programme, SiteKind } from '../../src/domain/programmes.ts';
import { at, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

const PERIOD = { from: '2027-03-01', to: '2027-05-01' };

let w: World;
const ids: Record<string, string> = {};
let report: ActivityReport;

function site(name: string, kind: SiteKind, confidential = false): string {
  return createSite(w.db, w.actors.admin, { name, commune: 'Lunel', confidential, address: '1 rue des Tests', kind }).id;
}
function unit(siteId: string, name: string, capacity: number, programmes: Programme[]): string {
  return createUnit(w.db, w.actors.admin, { siteId, name, capacity, programmes, accessible: false }).id;
}
const household = (label: string, adults: number, children: number) => ({ label, adults, children });
/** Places a confirmed stay as an admin; returns its id. */
function stay(name: string, unitId: string, programme: Programme, start: string, end: string, who: { household?: ReturnType<typeof household>; householdId?: string; previousStayId?: string }, status: 'confirmed' | 'hold' = 'confirmed'): string {
  ids[name] = placeStay(w.db, w.actors.admin, { unitId, programme, start, end, status, ...who }).value.id;
  return ids[name];
}
const act = (name: string, action: 'check-in' | 'check-out' | 'cancel', destination?: string) => actOnStay(w.db, w.actors.admin, ids[name], action, destination ? { destination } : {});
const referral = (programme: Programme, requestedStart: string) =>
  createReferral(w.db, w.actors.duty_officer, { programme, urgency: 'immediate', requestedStart, nights: 3, household: { adults: 1, children: 0 }, referrer: { organisation: 'Gendarmerie', contact: 'Adjudant', phone: '17' } }).id;

beforeAll(() => {
  w = makeWorld();
  // 15 February, 15:00: the units open (their 'active' period starts tonight), the block, every stay placed.
  fixClock(at('2027-02-15T15:00:00+01:00'));
  const saussines = site('Saussines', 'apartment');
  ids.A1 = unit(saussines, 'A1', 4, ['emergency', 'dv_protocol']);
  ids.A2 = unit(saussines, 'A2', 4, ['emergency']);
  const hotel = site('Hôtel partenaire', 'hotel', true);
  ids.B1 = unit(hotel, 'B1', 3, ['dv_protocol']);
  const residence = site('Résidence', 'residence');
  ids.C1 = unit(residence, 'C1', 2, ['social_residence', 'housing_mission']);
  ids.C2 = unit(residence, 'C2', 3, ['social_residence', 'housing_mission']);
  Object.assign(ids, { saussines, hotel, residence });

  createBlock(w.db, w.actors.admin, { unitId: ids.A2, start: '2027-03-01', end: '2027-03-11', reason: 'travaux' });
  // A1: S1 crosses the period's start; S2 planned to 24 March, leaves early on the 20th; S3 covers the DST weekend.
  stay('S1', ids.A1, 'emergency', '2027-02-20', '2027-03-05', { household: household('H1', 1, 2) });
  stay('S2', ids.A1, 'emergency', '2027-03-10', '2027-03-24', { household: household('H2', 2, 0) });
  stay('S3', ids.A1, 'emergency', '2027-03-26', '2027-04-02', { household: household('H3', 1, 1) });
  // A2: S4 crosses the period's end; S5 a hold (lapsed by the time of the report), S6 cancelled: neither counts.
  stay('S4', ids.A2, 'emergency', '2027-04-20', '2027-05-10', { household: household('H4', 1, 0) });
  stay('S5', ids.A2, 'emergency', '2027-03-15', '2027-03-20', { household: household('H5 hold', 2, 2) }, 'hold');
  stay('S6', ids.A2, 'emergency', '2027-03-20', '2027-03-25', { household: household('H6 cancelled', 1, 3) });
  act('S6', 'cancel');
  // The DV household: 3 hotel nights on the confidential site, then the apartment A1 that follows.
  stay('DVhotel', ids.B1, 'dv_protocol', '2027-04-05', '2027-04-08', { household: household('Mme DV', 1, 2) });
  const dvHousehold = placeStayHousehold('DVhotel');
  stay('DVflat', ids.A1, 'dv_protocol', '2027-04-08', '2027-04-20', { householdId: dvHousehold, previousStayId: ids.DVhotel });
  // A household of 5 placed together across C1 and C2 on the same nights.
  const together = allocateTogether(w.db, w.actors.admin, {
    start: '2027-03-05',
    end: '2027-03-15',
    persons: 5,
    programme: 'social_residence',
    household: household('Famille Together', 2, 3),
    together: true,
    unitIds: [ids.C1, ids.C2]
  }).value as { stays: { id: string; unitId: string }[] };
  ids.T1 = together.stays.find((s) => s.unitId === ids.C1)!.id;
  ids.T2 = together.stays.find((s) => s.unitId === ids.C2)!.id;
  stay('S8', ids.C2, 'social_residence', '2027-03-20', '2027-04-10', { household: household('H7', 1, 0) });

  // Then each event at its own time.
  fixClock(at('2027-02-20T15:00:00+01:00'));
  act('S1', 'check-in');
  // R5, received before the period and declined in it: neither the referral nor its unmet demand (first night 25 Feb) counts.
  fixClock(at('2027-02-25T10:00:00+01:00'));
  ids.R5 = referral('emergency', '2027-02-25');
  fixClock(at('2027-03-01T10:00:00+01:00'));
  decideReferral(w.db, w.actors.duty_officer, ids.R5, { outcome: 'declined', reason: 'no_place_tonight' });
  fixClock(at('2027-03-02T10:00:00+01:00'));
  ids.R1 = referral('emergency', '2027-03-02');
  fixClock(at('2027-03-02T13:00:00+01:00'));
  decideReferral(w.db, w.actors.duty_officer, ids.R1, { outcome: 'declined', reason: 'no_place_tonight' });
  fixClock(at('2027-03-05T15:00:00+01:00'));
  act('S1', 'check-out', 'family_or_friends');
  act('T1', 'check-in');
  act('T2', 'check-in');
  fixClock(at('2027-03-10T15:00:00+01:00'));
  act('S2', 'check-in');
  fixClock(at('2027-03-15T15:00:00+01:00'));
  act('T1', 'check-out', 'private_rental');
  act('T2', 'check-out', 'private_rental');
  // A request for 6 persons that no unit holds, asked twice by the same duty officer: one unmet demand.
  for (let i = 0; i < 2; i++) {
    expectAppError(() => allocate(w.db, w.actors.duty_officer, { start: '2027-03-15', end: '2027-03-18', persons: 6, programme: 'emergency', household: household('Grande famille', 2, 4) }), 'no_availability');
  }
  fixClock(at('2027-03-20T15:00:00+01:00'));
  act('S2', 'check-out', 'social_housing'); // early: the stay now ends on 20 March
  act('S8', 'check-in');
  fixClock(at('2027-03-26T15:00:00+01:00'));
  act('S3', 'check-in');
  fixClock(at('2027-03-27T20:00:00+01:00'));
  ids.R2 = referral('emergency', '2027-03-27');
  fixClock(at('2027-03-28T10:00:00+02:00')); // after the change to summer time: 13 hours later, not 14
  decideReferral(w.db, w.actors.duty_officer, ids.R2, { outcome: 'redirected', reason: 'out_of_scope' });
  fixClock(at('2027-04-02T15:00:00+02:00'));
  act('S3', 'check-out'); // no destination said
  fixClock(at('2027-04-04T12:00:00+02:00'));
  recordUnmetDemand(w.db, w.actors.admin, { programme: 'dv_protocol', start: '2027-04-04', end: '2027-04-07', persons: 2, reason: 'other', note: 'hôtel complet' });
  fixClock(at('2027-04-04T22:00:00+02:00'));
  ids.R6 = referral('dv_protocol', '2027-04-05');
  fixClock(at('2027-04-05T00:30:00+02:00'));
  decideReferral(w.db, w.actors.duty_officer, ids.R6, { outcome: 'accepted' });
  fixClock(at('2027-04-05T15:00:00+02:00'));
  act('DVhotel', 'check-in');
  fixClock(at('2027-04-08T15:00:00+02:00'));
  act('DVhotel', 'check-out');
  act('DVflat', 'check-in');
  fixClock(at('2027-04-10T09:00:00+02:00'));
  ids.R3 = referral('emergency', '2027-04-10');
  fixClock(at('2027-04-10T10:00:00+02:00'));
  decideReferral(w.db, w.actors.duty_officer, ids.R3, { outcome: 'withdrawn' });
  fixClock(at('2027-04-10T15:00:00+02:00'));
  act('S8', 'check-out', 'social_housing');
  fixClock(at('2027-04-12T09:00:00+02:00'));
  ids.R4 = referral('emergency', '2027-04-12');
  fixClock(at('2027-04-12T15:00:00+02:00'));
  decideReferral(w.db, w.actors.duty_officer, ids.R4, { outcome: 'accepted' });
  fixClock(at('2027-04-15T09:00:00+02:00'));
  ids.R7 = referral('social_residence', '2027-04-15');
  fixClock(at('2027-04-16T15:00:00+02:00'));
  setUnitInService(w.db, w.actors.admin, ids.C2, false); // C2's active period ends: open 1 March – 15 April
  fixClock(at('2027-04-20T15:00:00+02:00'));
  act('DVflat', 'check-out', 'other_structure');
  act('S4', 'check-in');
  recordUnmetDemand(w.db, w.actors.admin, { programme: 'social_residence', start: '2027-04-20', end: '2027-04-25', persons: 1, reason: 'no_place' });
  fixClock(at('2027-05-02T15:00:00+02:00'));
  recordUnmetDemand(w.db, w.actors.admin, { programme: 'emergency', start: '2027-05-03', end: '2027-05-05', persons: 1, reason: 'no_place' }); // after the period
  // A hold still live when the report is made: its nights do not count either.
  stay('S9', ids.A2, 'emergency', '2027-04-01', '2027-04-05', { household: household('H9 hold', 1, 0) }, 'hold');
  report = activityReport(w.db, w.actors.admin, PERIOD);
});

function placeStayHousehold(name: string): string {
  return (w.db.$client.prepare('SELECT household_id FROM stays WHERE id = ?').pluck().get(ids[name]) as string);
}

afterAll(() => {
  resetClock();
  w.cleanup();
});

describe('the fixture is as the hand count assumes', () => {
  it('the together placement gives C1 1 adult + 1 child and C2 1 adult + 2 children; S2 ended on 20 March; C2 closed on 16 April', () => {
    const row = (id: string) => w.db.$client.prepare('SELECT adults, children, end_date AS end, status FROM stays WHERE id = ?').get(id);
    expect(row(ids.T1)).toEqual({ adults: 1, children: 1, end: '2027-03-15', status: 'ended' });
    expect(row(ids.T2)).toEqual({ adults: 1, children: 2, end: '2027-03-15', status: 'ended' });
    expect(row(ids.S2)).toMatchObject({ end: '2027-03-20', status: 'ended' });
    expect(row(ids.S5)).toMatchObject({ status: 'lapsed' });
    expect(row(ids.S9)).toMatchObject({ status: 'hold' });
    expect(row(ids.S6)).toMatchObject({ status: 'cancelled' });
    expect(w.db.$client.prepare(`SELECT start_date, end_date FROM unit_periods WHERE unit_id = ? AND kind = 'active'`).all(ids.C2)).toEqual([{ start_date: '2027-02-15', end_date: '2027-04-16' }]);
  });
});

describe('the activity report of [2027-03-01, 2027-05-01) equals the hand count (admin)', () => {
  it('nights by programme', () => {
    expect(report.programmes).toEqual([
      {
        programme: 'emergency',
        householdNights: 32, // S1 4 (1–4 Mar) + S2 10 (10–19 Mar) + S3 7 (26 Mar–1 Apr, across DST) + S4 11 (20–30 Apr)
        personNights: 57, // 4×3 + 10×2 + 7×2 + 11×1
        staysStarted: 3, // S2, S3, S4 (S1 began on 20 Feb)
        staysEnded: 3, // S1 (5 Mar), S2 (20 Mar, early), S3 (2 Apr); S4 leaves on 10 May
        households: 4, // H1, H2, H3, H4 (not the hold's nor the cancelled stay's)
        persons: 8, // 3 + 2 + 2 + 1
        adults: 5, // 1 + 2 + 1 + 1
        children: 3 // 2 + 0 + 1 + 0
      },
      {
        programme: 'dv_protocol',
        householdNights: 15, // hotel 3 (5–7 Apr) + apartment 12 (8–19 Apr)
        personNights: 45, // 15 × 3
        staysStarted: 2, // hotel, apartment
        staysEnded: 2, // 8 Apr, 20 Apr
        households: 1,
        persons: 3,
        adults: 1,
        children: 2
      },
      {
        programme: 'social_residence',
        householdNights: 31, // together 10 (5–14 Mar, once for both units) + S8 21 (20 Mar–9 Apr)
        personNights: 71, // 10×2 (C1) + 10×3 (C2) + 21×1
        staysStarted: 3, // the two stays placed together, S8
        staysEnded: 3, // the two on 15 Mar, S8 on 10 Apr
        households: 2,
        persons: 6, // 5 + 1
        adults: 3, // 2 + 1
        children: 3 // 3 + 0
      },
      { programme: 'housing_mission', householdNights: 0, personNights: 0, staysStarted: 0, staysEnded: 0, households: 0, persons: 0, adults: 0, children: 0 }
    ]);
    expect(report.totals).toEqual({ householdNights: 78, personNights: 173, staysStarted: 8, staysEnded: 8, households: 7, persons: 17, adults: 9, children: 8 });
  });

  it('occupancy by site: active units, blocked nights and a closed unit left out', () => {
    expect(report.sites).toEqual([
      {
        siteId: ids.hotel,
        name: 'Hôtel partenaire', // confidential, named for staff
        commune: 'Lunel',
        confidential: true,
        openUnitNights: 61, // B1 all 61 nights
        occupiedUnitNights: 3, // the DV hotel nights
        occupancy: 0.049, // 3 / 61 = 0.04918
        householdNights: 3,
        personNights: 9
      },
      {
        siteId: ids.residence,
        name: 'Résidence',
        commune: 'Lunel',
        confidential: false,
        openUnitNights: 107, // C1 61 + C2 46 (1 Mar – 15 Apr: 31 + 15)
        occupiedUnitNights: 41, // C1 10 (together) + C2 10 (together) + 21 (S8)
        occupancy: 0.383, // 41 / 107 = 0.38318
        householdNights: 31, // the household placed together once a night: 10 + 21
        personNights: 71
      },
      {
        siteId: ids.saussines,
        name: 'Saussines',
        commune: 'Lunel',
        confidential: false,
        openUnitNights: 112, // A1 61 + A2 51 (61 − 10 blocked, 1–10 Mar)
        occupiedUnitNights: 44, // A1 4 + 10 + 7 + 12 (DV apartment) = 33; A2 11 (S4; not the hold nor the cancelled)
        occupancy: 0.393, // 44 / 112 = 0.39286
        householdNights: 44,
        personNights: 93 // 12 + 20 + 14 + 36 + 11
      }
    ]);
  });

  it('occupancy by unit and month, and by programme (a unit counts in each programme it serves)', () => {
    const unit = (id: string) => report.occupancy.units.find((u) => u.unitId === id)!;
    const months = (id: string) => unit(id).months.map((m) => [m.month, m.openUnitNights, m.occupiedUnitNights]);
    expect(report.occupancy.months).toEqual(['2027-03', '2027-04']);
    expect(months(ids.A1)).toEqual([['2027-03', 31, 20], ['2027-04', 30, 13]]); // Mar: 4 + 10 + 6; Apr: 1 + 12
    expect(months(ids.A2)).toEqual([['2027-03', 21, 0], ['2027-04', 30, 11]]); // 31 − 10 blocked
    expect(months(ids.B1)).toEqual([['2027-03', 31, 0], ['2027-04', 30, 3]]);
    expect(months(ids.C1)).toEqual([['2027-03', 31, 10], ['2027-04', 30, 0]]);
    expect(months(ids.C2)).toEqual([['2027-03', 31, 22], ['2027-04', 15, 9]]); // Mar: 10 + 12 (20–31); Apr: 1–9, closed from the 16th
    expect(unit(ids.C2)).toMatchObject({ openUnitNights: 46, occupiedUnitNights: 31, occupancy: 0.674 }); // 31 / 46 = 0.67391
    expect(report.occupancy.programmes.map((p) => [p.programme, p.openUnitNights, p.occupiedUnitNights, p.occupancy])).toEqual([
      ['emergency', 112, 44, 0.393], // A1 + A2
      ['dv_protocol', 122, 36, 0.295], // A1 61 + B1 61; 33 + 3 = 36 / 122 = 0.29508
      ['social_residence', 107, 41, 0.383], // C1 + C2
      ['housing_mission', 107, 41, 0.383] // the same units, counted again
    ]);
    expect(report.occupancy.unitCountsInEachProgramme).toBe(true);
    const site = (id: string) => report.occupancy.sites.find((s) => s.siteId === id)!;
    expect(site(ids.saussines).months.map((m) => [m.month, m.openUnitNights, m.occupiedUnitNights, m.occupancy])).toEqual([
      ['2027-03', 52, 20, 0.385], // 31 + 21; 20 / 52 = 0.38462
      ['2027-04', 60, 24, 0.4] // 30 + 30; 13 + 11
    ]);
  });

  it('nights by month', () => {
    const cells = report.nightsByMonth.filter((c) => c.householdNights || c.personNights).map((c) => [c.month, c.programme, c.householdNights, c.personNights]);
    expect(cells).toEqual([
      ['2027-03', 'emergency', 20, 44], // S1 4×3, S2 10×2, S3 6×2 (26–31 Mar)
      ['2027-03', 'social_residence', 22, 62], // together 10 (50 person-nights) + S8 12 (20–31 Mar)
      ['2027-04', 'emergency', 12, 13], // S3 1×2, S4 11×1
      ['2027-04', 'dv_protocol', 15, 45],
      ['2027-04', 'social_residence', 9, 9] // S8 1–9 Apr
    ]);
  });

  it('unmet demand: each refused request once, by its code', () => {
    expect(report.unmet).toEqual([
      { reason: 'no_place', count: 2 }, // R1 declined (no place tonight), the residence's demand of 20 Apr
      { reason: 'no_place_of_that_size', count: 1 }, // 6 persons, asked twice by the same person the same day
      { reason: 'out_of_scope', count: 1 }, // R2 redirected
      { reason: 'other', count: 1 } // the DV demand of 4 Apr (the one of 3 May is after the period)
    ]);
  });

  it('the share of demand left unmet: unmet ÷ (unmet + placements)', () => {
    expect(report.unmetShare).toEqual([
      { programme: 'emergency', unmet: 3, placements: 3, share: 0.5 }, // R1, R2, the 6 persons; S2, S3, S4
      { programme: 'dv_protocol', unmet: 1, placements: 1, share: 0.5 }, // the 4 Apr demand; the hotel (the apartment follows it)
      { programme: 'social_residence', unmet: 1, placements: 2, share: 0.333 }, // 20 Apr; the household placed together once, S8
      { programme: 'housing_mission', unmet: 0, placements: 0, share: null },
      { programme: 'all', unmet: 5, placements: 6, share: 0.455 } // 5 / 11 = 0.4545
    ]);
  });

  it('referrals: received in the period, by status; the median time to decision leaves withdrawals out', () => {
    expect(report.referrals).toEqual({
      received: 6, // R1, R2, R3, R4, R6, R7
      byOutcome: [
        { outcome: 'received', count: 1 }, // R7
        { outcome: 'accepted', count: 2 }, // R4, R6
        { outcome: 'declined', count: 1 }, // R1
        { outcome: 'redirected', count: 1 }, // R2
        { outcome: 'withdrawn', count: 1 }, // R3
        { outcome: 'placed', count: 0 }
      ],
      medianHoursToDecision: 4.5 // R6 2.5, R1 3, R4 6, R2 13 (across DST): (3 + 6) / 2; R3's 1 hour left out
    });
  });

  it('exits by destination: the hotel night followed by the apartment is no exit; a household placed together leaves once', () => {
    expect(report.exits).toEqual([
      { destination: 'private_rental', count: 1 }, // the household placed together
      { destination: 'social_housing', count: 2 }, // S2, S8
      { destination: 'family_or_friends', count: 1 }, // S1
      { destination: 'other_structure', count: 1 }, // the DV apartment
      { destination: 'hospital_or_care', count: 0 },
      { destination: 'street', count: 0 },
      { destination: 'unknown', count: 1 } // S3
    ]);
  });

  it('length of stay of the stays that end in the period', () => {
    const los = report.lengthOfStay.map(({ programme, stays, medianNights, meanNights, buckets }) => ({ programme, stays, medianNights, meanNights, buckets: buckets.filter((b) => b.count).map((b) => [b.bucket, b.count]) }));
    expect(los).toEqual([
      { programme: 'emergency', stays: 3, medianNights: 10, meanNights: 10, buckets: [['4-7', 1], ['8-14', 2]] }, // S1 13, S2 10, S3 7
      { programme: 'dv_protocol', stays: 2, medianNights: 7.5, meanNights: 7.5, buckets: [['2-3', 1], ['8-14', 1]] }, // hotel 3, apartment 12
      { programme: 'social_residence', stays: 2, medianNights: 15.5, meanNights: 15.5, buckets: [['8-14', 1], ['15-30', 1]] }, // together 10 (once), S8 21
      { programme: 'housing_mission', stays: 0, medianNights: null, meanNights: null, buckets: [] }
    ]);
  });
});

describe('who sees what', () => {
  it('a housing officer sees only the social residence and the housing mission', () => {
    const r = activityReport(w.db, w.actors.housing_officer, PERIOD);
    expect(r.programmes.map((p) => p.programme)).toEqual(['social_residence', 'housing_mission']);
    expect(r.programmes[0]).toMatchObject({ householdNights: 31, personNights: 71 });
    expect(r.sites.map((s) => [s.name, s.openUnitNights, s.occupiedUnitNights])).toEqual([['Résidence', 107, 41]]);
    expect(r.unmet).toEqual([
      { reason: 'no_place', count: 1 },
      { reason: 'no_place_of_that_size', count: 0 },
      { reason: 'out_of_scope', count: 0 },
      { reason: 'other', count: 0 }
    ]);
    expect(r.referrals.received).toBe(1); // R7
    expect(r.referrals.medianHoursToDecision).toBeNull();
    expect(r.exits.filter((e) => e.count)).toEqual([
      { destination: 'private_rental', count: 1 },
      { destination: 'social_housing', count: 1 }
    ]);
    expect(r.totals.households).toBe(2);
  });

  it('a duty officer sees every programme, the same figures as an admin', () => {
    expect(activityReport(w.db, w.actors.duty_officer, PERIOD)).toEqual(report);
  });

  it('a partner is refused (403)', () => {
    expectAppError(() => activityReport(w.db, w.actors.partner, PERIOD), 'forbidden');
  });
});

describe('the period', () => {
  it.each([
    ['not dates', { from: 'yesterday', to: '2027-05-01' }, 'from and to are calendar dates'],
    ['a date that is not on the calendar', { from: '2027-02-30', to: '2027-05-01' }, 'from and to are calendar dates'],
    ['missing', {}, 'from and to are calendar dates'],
    ['from equal to to', { from: '2027-03-01', to: '2027-03-01' }, 'from must be before to'],
    ['from after to', { from: '2027-05-01', to: '2027-03-01' }, 'from must be before to'],
    ['more than 5 years', { from: '2022-01-01', to: '2027-01-02' }, 'at most 5 years']
  ])('%s: 422 with a clear message', (_label, q, message) => {
    expect(expectAppError(() => activityReport(w.db, w.actors.admin, q), 'invalid').message).toContain(message);
  });

  it('exactly 5 years is allowed (the 366-night cap of queries does not apply)', () => {
    expect(activityReport(w.db, w.actors.admin, { from: '2022-05-01', to: '2027-05-01' }).totals.householdNights).toBe(87); // 78 + S1's 9 February nights (20–28 Feb)
  });

  it('one month alone gives the month’s share', () => {
    expect(activityReport(w.db, w.actors.admin, { from: '2027-04-01', to: '2027-05-01' }).programmes.map((p) => p.householdNights)).toEqual([12, 15, 9, 0]);
  });
});

describe('a stay recorded on nights its unit was not open', () => {
  it('counts as household-nights, not as occupied unit-nights: occupancy never passes 1', () => {
    const v = makeWorld();
    try {
      // The unit is created (and opens) on 1 March; an admin then records a stay of 20–28 February on it.
      fixClock(at('2027-03-01T15:00:00+01:00'));
      const siteId = createSite(v.db, v.actors.admin, { name: 'Neuf', commune: 'Lunel', confidential: false, address: '2 rue', kind: 'apartment' }).id;
      const unitId = createUnit(v.db, v.actors.admin, { siteId, name: 'N1', capacity: 2, programmes: ['emergency'], accessible: false }).id;
      placeStay(v.db, v.actors.admin, { unitId, programme: 'emergency', start: '2027-02-20', end: '2027-03-03', household: household('Passé', 1, 0) });
      const r = activityReport(v.db, v.actors.admin, { from: '2027-02-01', to: '2027-04-01' });
      expect(r.programmes[0]).toMatchObject({ householdNights: 11 }); // 20 Feb – 2 Mar
      expect(r.sites[0]).toMatchObject({ openUnitNights: 31, occupiedUnitNights: 2, occupancy: 0.065 }); // open 1–31 Mar; occupied 1–2 Mar; 2 / 31
    } finally {
      v.cleanup();
      fixClock(at('2027-05-02T15:00:00+02:00'));
    }
  });
});

describe('the same unmet request recorded again', () => {
  it('by the same person on the same Paris day is one request; on another day, or by another person, another', () => {
    const v = makeWorld();
    try {
      const ask = { programme: 'emergency' as const, start: '2027-03-10', end: '2027-03-12', persons: 2, reason: 'no_place' as const };
      fixClock(at('2027-03-09T08:00:00+01:00'));
      recordUnmetDemand(v.db, v.actors.duty_officer, ask);
      fixClock(at('2027-03-09T23:30:00+01:00')); // the same Paris day (22:30 UTC)
      recordUnmetDemand(v.db, v.actors.duty_officer, ask);
      fixClock(at('2027-03-10T00:30:00+01:00')); // the next Paris day (23:30 UTC the day before)
      recordUnmetDemand(v.db, v.actors.duty_officer, ask);
      recordUnmetDemand(v.db, v.actors.admin, ask); // another person
      const r = activityReport(v.db, v.actors.admin, { from: '2027-03-01', to: '2027-04-01' });
      expect(r.unmet.find((u) => u.reason === 'no_place')!.count).toBe(3); // 9 Mar (twice: once), 10 Mar duty officer, 10 Mar admin
    } finally {
      v.cleanup();
      fixClock(at('2027-05-02T15:00:00+02:00'));
    }
  });
});
