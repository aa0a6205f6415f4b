// The report's sections beyond the activity core, against small worlds whose every figure is
// counted by hand (each literal says how): outcomes, referrals by source, the DV protocol's budget,
// the housing mission, the social residence, the territory; and who sees which section.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertProtocolBudget } from '../../db/queries/protocol-budgets.ts';
import { setUnitActive } from '../../db/queries/units.ts';
import type { Programme } from '../../src/domain/programmes.ts';
import type { DepartureDestination } from '../../src/domain/residence-codes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import { reportSections, type ReportSections } from '../../src/services/reports/sections.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { insertApplication, insertContract } from '../support/residence-rows.ts';
import { at, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock(at('2027-01-01T14:00:00+01:00'));
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

let n = 0;
const sql = (text: string, ...args: unknown[]) => w.db.$client.prepare(text).run(...args);

/** A stay placed by an admin (past stays allowed), then given the status and destination it ended with. */
function stay(
  unitId: string,
  start: string,
  end: string,
  programme: Programme,
  opts: { householdId?: string; status?: 'confirmed' | 'ended' | 'cancelled'; destination?: DepartureDestination; together?: string; previousStayId?: string } = {}
): { id: string; householdId: string } {
  const placed = placeStay(w.db, w.actors.admin, {
    unitId,
    start,
    end,
    programme,
    ...(opts.householdId ? { householdId: opts.householdId } : { household: household(`Ménage ${++n}`, 1, 0) }),
    status: 'confirmed',
    ...(opts.previousStayId && { previousStayId: opts.previousStayId }),
    ...(opts.together && { together: { group: opts.together, adults: 1, children: 0 } })
  }).value;
  if (opts.status && opts.status !== 'confirmed') sql(`UPDATE stays SET status = ? WHERE id = ?`, opts.status, placed.id);
  if (opts.destination) sql(`UPDATE stays SET destination = ? WHERE id = ?`, opts.destination, placed.id);
  return { id: placed.id, householdId: placed.householdId };
}

/** A lease the housing mission signs: an offer opened at `openedAt`, proposed, visited, accepted and signed at `signedAt`. */
function lease(householdId: string | null, openedAt: string, signedAt: string, scheme: 'solibail' | 'loc_avantages' | 'none' = 'none'): void {
  const officer = w.actors.housing_officer;
  setClock(at(openedAt));
  const landlord = createLandlord(w.db, officer, { name: `Bailleur ${++n}` }).id;
  const offer = createOffer(w.db, officer, {
    landlordId: landlord,
    commune: 'Lunel',
    address: `${n} rue Lakanal`,
    typology: 'T2',
    surfaceM2: 40,
    capacity: 3,
    accessible: false,
    rentCents: 45000,
    chargesCents: 3000,
    availableFrom: '2027-01-01',
    scheme,
    ...(scheme === 'loc_avantages' && { locAvantagesLevel: 'loc2' as const, rentCapCents: 60000, incomeCeilingCents: 5_000_000 }),
    energyRating: 'C'
  }).id;
  openOffer(w.db, officer, offer);
  const applicant = newApplicant(householdId);
  setClock(at(signedAt));
  const proposal = propose(w.db, officer, offer, applicant).id;
  for (const to of ['visit', 'accepted', 'lease_signed'] as const) moveProposal(w.db, officer, proposal, to);
}

function newApplicant(householdId: string | null): string {
  return createApplicant(w.db, w.actors.housing_officer, {
    householdId,
    label: `Candidat ${++n}`,
    persons: 1,
    accessibleNeeded: false,
    maxRentCents: 60000,
    yearlyIncomeCents: 1_200_000,
    communes: ['Lunel'],
    neededFrom: '2027-01-01',
    waitingSince: '2027-01-01',
    situation: 'elsewhere'
  }).id;
}

const read = (actor: Actor, from: string, to: string): ReportSections => reportSections(w.db, actor, { from, to });

// ---------------------------------------------------------------------------------------------

describe('outcomes: departures, exits to housing, time to housing, returns', () => {
  /**
   * Q2 2027 = [2027-04-01, 2027-07-01). Tonight is 2029-06-01 (returns are followed).
   *  H1 emergency 03-20 → 04-10 (the DST change of 03-28 in between), out to social_housing; back in an
   *     emergency stay exactly 730 days after 04-10 (2029-04-09): a return.
   *  H2 DV hotel 04-02 → 04-05 then the DV apartment that follows it 04-05 → 05-01 (the hotel's end is
   *     no departure), out to private_rental; back 731 days after 05-01 (2029-05-01): not a return.
   *  H3 emergency 02-01 → 03-01 (out to another structure: before the period), the residence from
   *     03-01; a lease signed on 19 May at 00:30 Paris time (18 May in UTC), then its residence
   *     departure on 06-01 to private_rental: one exit, dated 05-19.
   *  H4 emergency 04-01 → 04-15 out to family_or_friends.
   *  H5 placed together in two units 05-01 → 05-10, both checked out to the street: one departure.
   *  H6 a mission applicant with no household: a lease signed on 06-10.
   *  H7 emergency 04-15 → 04-20 ended with no destination said: a departure to 'unknown'.
   *  H8 emergency 06-01 → 07-01 out to private_rental on 07-01: after the period.
   */
  function world() {
    const a = makeUnit(w.db, w.actors.admin, { name: 'A', programmes: ['emergency', 'dv_protocol'] });
    const b = makeUnit(w.db, w.actors.admin, { name: 'B', programmes: ['emergency', 'dv_protocol'] });
    const c = makeUnit(w.db, w.actors.admin, { name: 'C', programmes: ['emergency', 'dv_protocol'] });
    const hotel = makeUnit(w.db, w.actors.admin, { name: 'Hôtel', siteKind: 'hotel', programmes: ['dv_protocol'], nightlyCost: 50 });
    const res = makeUnit(w.db, w.actors.admin, { name: 'R1', siteKind: 'residence', programmes: ['social_residence'] });
    const h1 = stay(a, '2027-03-20', '2027-04-10', 'emergency', { status: 'ended', destination: 'social_housing' }).householdId;
    stay(a, '2029-04-09', '2029-04-12', 'emergency', { householdId: h1, status: 'ended' });
    const h2Hotel = stay(hotel, '2027-04-02', '2027-04-05', 'dv_protocol', { status: 'ended' });
    const h2 = h2Hotel.householdId;
    stay(b, '2027-04-05', '2027-05-01', 'dv_protocol', { householdId: h2, status: 'ended', destination: 'private_rental', previousStayId: h2Hotel.id });
    stay(b, '2029-05-01', '2029-05-05', 'emergency', { householdId: h2, status: 'ended' });
    const h3 = insertContract(w.db, w.actors.admin, { unitId: res, label: 'H3', start: '2027-03-01', stayEnd: '2027-09-01', rentCents: 40000, chargesCents: 5000, departure: { date: '2027-06-01', destination: 'private_rental' } }).householdId;
    stay(c, '2027-02-01', '2027-03-01', 'emergency', { householdId: h3, status: 'ended', destination: 'other_structure' });
    lease(h3, '2027-05-01T10:00:00+02:00', '2027-05-19T00:30:00+02:00', 'loc_avantages');
    stay(c, '2027-04-01', '2027-04-15', 'emergency', { status: 'ended', destination: 'family_or_friends' });
    const h5 = stay(a, '2027-05-01', '2027-05-10', 'emergency', { status: 'ended', destination: 'street', together: 'g5' }).householdId;
    stay(b, '2027-05-01', '2027-05-10', 'emergency', { householdId: h5, status: 'ended', destination: 'street', together: 'g5' });
    lease(null, '2027-04-10T10:00:00+02:00', '2027-06-10T15:00:00+02:00', 'solibail');
    stay(c, '2027-04-15', '2027-04-20', 'emergency', { status: 'ended' });
    stay(a, '2027-06-01', '2027-07-01', 'emergency', { status: 'ended', destination: 'private_rental' });
    setClock(at('2029-06-01T14:00:00+02:00'));
  }

  it('counts each departure once, each exit to housing once, the share, the median time to housing and the returns', () => {
    world();
    const o = read(w.actors.admin, '2027-04-01', '2027-07-01').outcomes;
    expect(o.departures).toEqual([
      { destination: 'private_rental', count: 2 }, // H2 05-01, H3 06-01 (H8's 07-01 is after the period)
      { destination: 'social_housing', count: 1 }, // H1
      { destination: 'family_or_friends', count: 1 }, // H4
      { destination: 'other_structure', count: 0 }, // H3's of 03-01 is before the period
      { destination: 'hospital_or_care', count: 0 },
      { destination: 'street', count: 1 }, // H5, once for its two units
      { destination: 'unknown', count: 1 } // H7; H2's hotel nights are followed by its apartment: no departure
    ]);
    expect(o.departuresTotal).toBe(6); // 2 + 1 + 1 + 1 + 1
    expect(o.leasesSigned).toBe(2); // H3 (05-19), H6 (06-10)
    expect(o.exitsToHousing).toBe(4); // H1, H2, H3 (its lease and its departure: one exit), H6
    expect(o.exits).toBe(7); // the 4 to housing + H4 + H5 + H7
    expect(o.shareToHousing).toBe(0.571); // 4 ÷ 7
    // H1 03-20 → 04-10 = 21 days (across the DST change); H2 04-02 → 05-01 = 29; H3 02-01 → 05-19 =
    // 28 + 31 + 30 + 18 = 107 (the lease's Paris day, not UTC's 05-18); H6 has no household: median 29.
    expect(o.timeToHousing).toEqual({ households: 3, medianDays: 29 });
    // H1 back on day 730: a return; H2 back on day 731: not; H3 not back. 1 ÷ 3.
    expect(o.returns).toEqual({ housed: 3, returned: 1, share: 0.333, windowDays: 730, complete: false });
  });

  it('dates a lease by its day in Paris: signed at 00:30 on 1 April (still 31 March in UTC), it counts in April', () => {
    const a = makeUnit(w.db, w.actors.admin, { name: 'A' });
    const h = stay(a, '2027-03-20', '2027-03-31', 'emergency', { status: 'ended' }).householdId;
    lease(h, '2027-03-01T10:00:00+01:00', '2027-04-01T00:30:00+02:00');
    setClock(at('2027-05-01T14:00:00+02:00'));
    expect(read(w.actors.admin, '2027-03-01', '2027-04-01').outcomes.leasesSigned).toBe(0);
    const april = read(w.actors.admin, '2027-04-01', '2027-05-01').outcomes;
    expect(april.leasesSigned).toBe(1);
    expect(april.timeToHousing).toEqual({ households: 1, medianDays: 12 }); // 03-20 → 04-01
  });
});

// ---------------------------------------------------------------------------------------------

describe('referrals by source', () => {
  /** A referral row as the referrals' use cases leave it, received and (maybe) decided at instants of Paris. */
  function referral(kind: string | null, receivedAt: string, status: string, decidedAt: string | null, programme: Programme = 'emergency', origin: string | null = null): void {
    let org: string | null = null;
    if (kind) {
      org = `org-${kind}`;
      sql(`INSERT OR IGNORE INTO organisations (id, name, kind) VALUES (?, ?, ?)`, org, `Organisation ${kind}`, kind);
    }
    sql(
      `INSERT INTO referrals (id, organisation_id, programme, urgency, requested_start, nights, adults, children, origin_commune, referrer_organisation, referrer_contact, referrer_phone, status, received_at, decided_at, created_by)
       VALUES (?, ?, ?, 'immediate', '2027-03-01', 3, 1, 0, ?, 'Org', 'Contact', '0400000000', ?, ?, ?, ?)`,
      `ref-${++n}`,
      org,
      programme,
      origin,
      status,
      at(receivedAt),
      decidedAt === null ? null : at(decidedAt),
      w.actors.duty_officer.accountId
    );
  }

  it('counts by organisation kind and outcome; median and 90th percentile (nearest rank) of hours to decision, withdrawals left out', () => {
    // March 2027 (the clocks go forward on the 28th).
    referral('siao_115', '2027-03-01T00:30:00+01:00', 'placed', '2027-03-01T01:30:00+01:00'); // 1 h (received 28 Feb in UTC: still March in Paris)
    referral('siao_115', '2027-03-02T10:00:00+01:00', 'declined', '2027-03-02T12:00:00+01:00'); // 2 h
    referral('siao_115', '2027-03-03T10:00:00+01:00', 'accepted', '2027-03-03T13:00:00+01:00'); // 3 h
    referral('siao_115', '2027-03-04T10:00:00+01:00', 'received', null); // undecided
    referral('police', '2027-03-05T10:00:00+01:00', 'accepted', '2027-03-05T14:00:00+01:00'); // 4 h
    referral('police', '2027-03-06T10:00:00+01:00', 'redirected', '2027-03-06T15:00:00+01:00'); // 5 h
    referral('hospital', '2027-03-07T10:00:00+01:00', 'placed', '2027-03-07T16:00:00+01:00'); // 6 h
    referral('hospital', '2027-03-08T10:00:00+01:00', 'declined', '2027-03-08T17:00:00+01:00'); // 7 h
    referral('mission_locale', '2027-03-09T10:00:00+01:00', 'accepted', '2027-03-09T18:00:00+01:00'); // 8 h
    referral('association', '2027-03-27T22:00:00+01:00', 'placed', '2027-03-28T08:00:00+02:00'); // 9 h (10 on the wall clock: the night lost an hour)
    referral('ccas', '2027-03-10T10:00:00+01:00', 'declined', '2027-03-14T14:00:00+01:00'); // 100 h
    referral(null, '2027-03-11T10:00:00+01:00', 'withdrawn', '2027-03-11T10:30:00+01:00'); // no organisation; a withdrawal: no time
    referral('other', '2027-04-01T00:30:00+02:00', 'placed', '2027-04-01T01:00:00+02:00'); // April in Paris (31 March in UTC): out
    referral('ccas', '2027-02-28T23:30:00+01:00', 'declined', '2027-03-01T01:00:00+01:00'); // February: out
    setClock(at('2027-04-15T14:00:00+02:00'));
    const r = read(w.actors.admin, '2027-03-01', '2027-04-01').referralsBySource;
    expect(r.received).toBe(12); // 4 SIAO + 2 police + 2 hospital + 1 ML + 1 association + 1 CCAS + 1 unknown
    expect(r.decided).toBe(10); // 12 − the undecided − the withdrawal
    expect(r.medianHoursToDecision).toBe(5.5); // [1 … 9, 100]: (5 + 6) ÷ 2
    expect(r.p90HoursToDecision).toBe(9); // the ⌈0.9 × 10⌉ = 9th value
    const siao = r.sources.find((s) => s.source === 'siao_115')!;
    expect(siao.received).toBe(4);
    expect(siao.byOutcome.filter((b) => b.count > 0)).toEqual([
      { outcome: 'received', count: 1 },
      { outcome: 'accepted', count: 1 },
      { outcome: 'declined', count: 1 },
      { outcome: 'placed', count: 1 }
    ]);
    expect([siao.medianHoursToDecision, siao.p90HoursToDecision]).toEqual([2, 3]); // [1, 2, 3]: median 2, ⌈2.7⌉ = 3rd
    expect(r.sources.find((s) => s.source === 'association')!.medianHoursToDecision).toBe(9);
    const unknown = r.sources.find((s) => s.source === 'unknown')!;
    expect([unknown.received, unknown.medianHoursToDecision, unknown.byOutcome.find((b) => b.outcome === 'withdrawn')!.count]).toEqual([1, null, 1]);
    expect(r.sources.find((s) => s.source === 'other')!.received).toBe(0);
    expect(r.sources.map((s) => s.source)).toEqual(['siao_115', 'police', 'hospital', 'mission_locale', 'ccas', 'association', 'other', 'unknown']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the DV protocol', () => {
  /**
   * 2027's budget: 1,000 €. Hotel room at 50 € a night, then 60 €, then 90 € (changed after placing).
   *  - 2026-12-30 → 2027-01-02 at 50 €: 1 night in January 2027 (50 €).
   *  - 2027-01-10 → 01-13 at 60 € (the price when placed; 90 € since): 3 nights, 180 €.
   *  - 2027-02-05 → 02-07 placed at 90 €: 2 nights, 180 €.
   *  - apartment 2027-01-13 → 02-02: 19 nights in January, 1 in February.
   *  - a cancelled hotel stay 2027-02-10 → 02-12: nothing.
   */
  function world() {
    const room = makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 1', capacity: 2, siteKind: 'hotel', programmes: ['dv_protocol'], nightlyCost: 50 });
    const flat = makeUnit(w.db, w.actors.admin, { name: 'Appartement', capacity: 3, siteKind: 'apartment', programmes: ['dv_protocol'] });
    upsertProtocolBudget(w.db, 2027, 100_000, w.actors.admin.accountId, Date.now());
    setClock(at('2026-12-30T14:00:00+01:00'));
    placeStay(w.db, w.actors.duty_officer, { unitId: room, start: '2026-12-30', end: '2027-01-02', programme: 'dv_protocol', household: household('Mme A') });
    sql(`UPDATE units SET nightly_cost_cents = 6000 WHERE id = ?`, room);
    setClock(at('2027-01-10T14:00:00+01:00'));
    placeStay(w.db, w.actors.duty_officer, { unitId: room, start: '2027-01-10', end: '2027-01-13', programme: 'dv_protocol', household: household('Mme B') });
    placeStay(w.db, w.actors.duty_officer, { unitId: flat, start: '2027-01-13', end: '2027-02-02', programme: 'dv_protocol', household: household('Mme C') });
    sql(`UPDATE units SET nightly_cost_cents = 9000 WHERE id = ?`, room);
    setClock(at('2027-02-05T14:00:00+01:00'));
    placeStay(w.db, w.actors.duty_officer, { unitId: room, start: '2027-02-05', end: '2027-02-07', programme: 'dv_protocol', household: household('Mme D') });
    const cancelled = placeStay(w.db, w.actors.duty_officer, { unitId: room, start: '2027-02-10', end: '2027-02-12', programme: 'dv_protocol', household: household('Mme E') }).value;
    sql(`UPDATE stays SET status = 'cancelled' WHERE id = ?`, cancelled.id);
    setClock(at('2027-03-15T14:00:00+01:00'));
  }

  it('counts hotel nights at the cost frozen when placed, month by month against the year\'s budget, and apartment nights', () => {
    world();
    const dv = read(w.actors.duty_officer, '2027-01-01', '2027-03-01').dvProtocol!;
    expect(dv.months).toEqual([
      // 1 × 50 € + 3 × 60 € = 230 € (not 3 × 90 €: the price changed after placing)
      { month: '2027-01', hotelNights: 4, costCents: 23_000, apartmentNights: 19, budgetCents: 100_000, cumulativeCostCents: 23_000, budgetUsed: 0.23 },
      // 2 × 90 € = 180 €; 230 + 180 = 410 € of 1,000 €
      { month: '2027-02', hotelNights: 2, costCents: 18_000, apartmentNights: 1, budgetCents: 100_000, cumulativeCostCents: 41_000, budgetUsed: 0.41 }
    ]);
    expect([dv.hotelNights, dv.hotelCostCents, dv.apartmentNights]).toEqual([6, 41_000, 20]);
    expect(dv.years).toEqual([{ year: 2027, budgetCents: 100_000, costCents: 41_000, budgetUsed: 0.41 }]);
  });

  it('a period starting in February still counts the budget used since the 1st of January', () => {
    world();
    const dv = read(w.actors.admin, '2027-02-01', '2027-03-01').dvProtocol!;
    expect(dv.months).toEqual([{ month: '2027-02', hotelNights: 2, costCents: 18_000, apartmentNights: 1, budgetCents: 100_000, cumulativeCostCents: 41_000, budgetUsed: 0.41 }]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the housing mission', () => {
  it('counts offers by scheme and status, leases signed, the median days from offer to lease, and refusals by reason', () => {
    // Q2 2027. Offer 1 (Loc'Avantages) opened 05-01, let 05-19: 18 days. Offer 2 (Solibail) opened
    // 04-10, let 06-10: 61 days. Median (18 + 61) ÷ 2 = 39.5.
    lease(null, '2027-05-01T10:00:00+02:00', '2027-05-19T10:00:00+02:00', 'loc_avantages');
    lease(null, '2027-04-10T10:00:00+02:00', '2027-06-10T10:00:00+02:00', 'solibail');
    const officer = w.actors.housing_officer;
    // Offer 3 (no scheme), created in March: not an offer of the period, but refused in the period.
    setClock(at('2027-03-15T10:00:00+01:00'));
    const landlord = createLandlord(w.db, officer, { name: 'Bailleur refus' }).id;
    const offer3 = createOffer(w.db, officer, {
      landlordId: landlord,
      commune: 'Lunel',
      address: '1 rue',
      typology: 'T2',
      surfaceM2: 40,
      capacity: 3,
      accessible: false,
      rentCents: 45000,
      chargesCents: 3000,
      availableFrom: '2027-01-01',
      scheme: 'none',
      energyRating: 'C'
    }).id;
    openOffer(w.db, officer, offer3);
    const refuse = (when: string, status: 'refused_by_household' | 'refused_by_landlord', reason: string) => {
      setClock(at(when));
      const p = propose(w.db, officer, offer3, newApplicant(null)).id;
      moveProposal(w.db, officer, p, status, reason);
    };
    refuse('2027-04-20T10:00:00+02:00', 'refused_by_household', 'Trop loin du travail');
    refuse('2027-05-02T10:00:00+02:00', 'refused_by_household', 'Trop loin du travail');
    refuse('2027-06-30T23:30:00+02:00', 'refused_by_landlord', 'Revenus insuffisants');
    refuse('2027-07-01T00:30:00+02:00', 'refused_by_landlord', 'Revenus insuffisants'); // July in Paris (30 June in UTC): out
    refuse('2027-03-31T23:30:00+02:00', 'refused_by_household', 'Trop petit'); // March: out
    // Offer 4 (no scheme), created in June, still a draft.
    setClock(at('2027-06-20T10:00:00+02:00'));
    createOffer(w.db, officer, { landlordId: landlord, commune: 'Lunel', address: '4 rue', typology: 'T1', surfaceM2: 25, capacity: 1, accessible: false, rentCents: 40000, chargesCents: 0, availableFrom: '2027-07-01', scheme: 'none', energyRating: 'D' });
    setClock(at('2027-07-15T10:00:00+02:00'));
    const m = read(officer, '2027-04-01', '2027-07-01').mission!;
    const counts = (scheme: string) => Object.fromEntries(m.offers.find((o) => o.scheme === scheme)!.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]));
    expect(counts('loc_avantages')).toEqual({ let: 1 });
    expect(counts('solibail')).toEqual({ let: 1 });
    expect(counts('none')).toEqual({ draft: 1 }); // offer 4; offer 3 was created in March
    expect(m.offersTotal).toBe(3);
    expect(m.leasesSigned).toBe(2);
    expect(m.medianDaysOfferToLease).toBe(39.5);
    expect(m.refusals).toEqual([
      { status: 'refused_by_household', reason: 'Trop loin du travail', count: 2 },
      { status: 'refused_by_landlord', reason: 'Revenus insuffisants', count: 1 }
    ]);
    expect(m.refusalsTotal).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the social residence', () => {
  it('counts its occupancy, admissions, move-ins, the waiting list and the arrears by the statements', () => {
    setClock(at('2027-03-01T14:00:00+01:00'));
    const ua = makeUnit(w.db, w.actors.admin, { name: 'R-A', siteKind: 'residence', programmes: ['social_residence'], capacity: 2 });
    const ub = makeUnit(w.db, w.actors.admin, { name: 'R-B', siteKind: 'residence', programmes: ['social_residence'], capacity: 2 });
    // An emergency flat elsewhere: not the residence's.
    makeUnit(w.db, w.actors.admin, { name: 'Urgence', programmes: ['emergency'] });
    sql(`INSERT INTO blocks (id, unit_id, start_date, end_date, reason, created_by) VALUES ('b1', ?, '2027-04-01', '2027-04-06', 'travaux', ?)`, ua, w.actors.admin.accountId);
    insertContract(w.db, w.actors.admin, {
      unitId: ua,
      label: 'Résident A',
      start: '2027-04-06',
      stayEnd: '2027-10-06',
      rentCents: 40_000,
      chargesCents: 5_000,
      payments: [{ date: '2027-04-10', amountCents: 30_000 }]
    });
    stay(ub, '2027-04-10', '2027-04-18', 'social_residence');
    setUnitActive(w.db, ub, false, '2027-04-21');
    const application = (receivedAt: string, status: 'admitted' | 'waiting_list' | 'housed', stepAt: string | null) => {
      const h = stay(makeUnit(w.db, w.actors.admin, { name: `x${++n}`, programmes: ['emergency'] }), '2027-01-01', '2027-01-02', 'emergency').householdId;
      const id = insertApplication(w.db, w.actors.admin, h, { status, receivedAt: at(receivedAt) });
      if (stepAt) sql(`INSERT INTO residence_application_events (application_id, status, at) VALUES (?, ?, ?)`, id, status, at(stepAt));
    };
    application('2027-03-20T10:00:00+01:00', 'admitted', '2027-04-03T10:00:00+02:00'); // 14 days
    application('2027-04-01T10:00:00+02:00', 'admitted', '2027-04-11T10:00:00+02:00'); // 10 days
    application('2027-04-20T10:00:00+02:00', 'admitted', '2027-05-01T00:30:00+02:00'); // admitted in May (Paris): out
    application('2027-04-20T10:00:00+02:00', 'waiting_list', '2027-04-25T10:00:00+02:00'); // waited 20 days on 05-10
    application('2027-05-01T10:00:00+02:00', 'waiting_list', null); // 9 days
    application('2027-03-10T10:00:00+01:00', 'waiting_list', null); // 61 days
    setClock(at('2027-05-10T14:00:00+02:00'));
    const r = read(w.actors.residence_officer, '2027-04-01', '2027-05-01').residence!;
    expect(r.units).toBe(2);
    // Open: R-A 30 − 5 blocked = 25; R-B in service until 04-21 = 20. Occupied: R-A 04-06 → 05-01 = 25; R-B 04-10 → 04-18 = 8.
    expect([r.openUnitNights, r.occupiedUnitNights, r.occupancy]).toEqual([45, 33, 0.733]);
    expect([r.admissions, r.medianDaysToAdmission]).toEqual([2, 12]); // (14 + 10) ÷ 2
    expect(r.moveIns).toBe(1);
    expect(r.waitingList).toEqual({ count: 3, medianDaysWaited: 20, asOf: '2027-05-10' }); // [9, 20, 61]
    // April: 25 nights of 30 at 450 € = 375 € due, 300 € paid: 75 € owed.
    expect(r.arrears).toEqual({ month: '2027-04', contracts: 1, totalCents: 7_500 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('the territory', () => {
  it('counts demands and placements by commune of origin, per 1,000 inhabitants where the population is known', () => {
    sql(`UPDATE communes SET population = NULL WHERE insee = '34048'`); // Campagne: no population
    const ref = (origin: string | null, receivedAt: string, programme: Programme = 'emergency') =>
      sql(
        `INSERT INTO referrals (id, programme, urgency, requested_start, nights, adults, children, origin_commune, referrer_organisation, referrer_contact, referrer_phone, status, received_at, created_by)
         VALUES (?, ?, 'immediate', '2027-04-01', 3, 1, 0, ?, 'Org', 'Contact', '0400000000', 'received', ?, ?)`,
        `ref-${++n}`,
        programme,
        origin,
        at(receivedAt),
        w.actors.duty_officer.accountId
      );
    for (let i = 0; i < 3; i++) ref('34145', '2027-04-02T10:00:00+02:00'); // Lunel ×3
    ref('34145', '2027-03-31T10:00:00+02:00'); // March: out
    ref('34296', '2027-04-03T10:00:00+02:00'); // Saussines
    ref('outside', '2027-04-04T10:00:00+02:00');
    ref('30189', '2027-04-05T10:00:00+02:00'); // Nîmes: a commune outside the territory
    ref(null, '2027-04-06T10:00:00+02:00'); // unknown
    const a = makeUnit(w.db, w.actors.admin, { name: 'A' });
    const b = makeUnit(w.db, w.actors.admin, { name: 'B' });
    const placed = (origin: string | null, start: string, end: string, householdId?: string) => {
      const s = stay(householdId ? b : a, start, end, 'emergency', { householdId });
      sql(`UPDATE households SET origin_commune = ? WHERE id = ?`, origin, s.householdId);
      return s.householdId;
    };
    placed('34145', '2027-04-01', '2027-04-03');
    const twice = placed('34145', '2027-04-05', '2027-04-07');
    placed('34145', '2027-04-10', '2027-04-12', twice); // the same household again: placed once
    placed('34145', '2027-03-25', '2027-03-28'); // March: out
    placed('34296', '2027-04-15', '2027-04-18');
    placed(null, '2027-04-20', '2027-04-22');
    const residents = (origin: string, receivedAt: string) => {
      const h = stay(makeUnit(w.db, w.actors.admin, { name: `x${++n}` }), '2027-01-01', '2027-01-02', 'emergency').householdId;
      const id = insertApplication(w.db, w.actors.admin, h, { receivedAt: at(receivedAt) });
      sql(`UPDATE residence_applications SET origin_commune = ? WHERE id = ?`, origin, id);
    };
    residents('34145', '2027-04-08T10:00:00+02:00'); // Lunel
    residents('34048', '2027-04-09T10:00:00+02:00'); // Campagne
    setClock(at('2027-05-10T14:00:00+02:00'));
    const t = read(w.actors.admin, '2027-04-01', '2027-05-01').territory;
    const line = (origin: string) => t.lines.find((l) => l.origin === origin)!;
    // Lunel (26,380): 3 referrals + 1 application = 4 demands → 4,000 ÷ 26,380 = 0.15; 2 households placed → 0.08.
    expect(line('34145')).toEqual({ origin: '34145', name: 'Lunel', population: 26380, demands: 4, placements: 2, demandsPer1000: 0.15, placementsPer1000: 0.08 });
    // Saussines (992): 1 and 1 → 1,000 ÷ 992 = 1.01.
    expect(line('34296')).toEqual({ origin: '34296', name: 'Saussines', population: 992, demands: 1, placements: 1, demandsPer1000: 1.01, placementsPer1000: 1.01 });
    expect(line('34048')).toEqual({ origin: '34048', name: 'Campagne', population: null, demands: 1, placements: 0, demandsPer1000: null, placementsPer1000: null });
    expect(line('outside')).toMatchObject({ demands: 2, placements: 0, demandsPer1000: null }); // 'outside' and Nîmes
    expect(line('unknown')).toMatchObject({ demands: 1, placements: 1 });
    expect(t.lines).toHaveLength(16); // 14 communes + outside + unknown
    expect([t.demands, t.placements]).toEqual([9, 4]); // 4 + 1 + 1 + 2 + 1; 2 + 1 + 1
    expect(t.populationYear).toBe(2022);
    // A residence officer counts only the residence: its 2 applications, no emergency placement.
    const theirs = read(w.actors.residence_officer, '2027-04-01', '2027-05-01').territory;
    expect([theirs.demands, theirs.placements]).toEqual([2, 0]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('who sees which section', () => {
  it('admins and duty officers see every section; a housing officer neither the DV protocol nor the emergency pathways; a residence officer only the residence; a partner nothing', () => {
    const shape = (s: ReportSections) => ({
      dv: s.dvProtocol !== null,
      mission: s.mission !== null,
      residence: s.residence !== null,
      timeToHousing: s.outcomes.timeToHousing !== null,
      returns: s.outcomes.returns !== null,
      leases: s.outcomes.leasesSigned !== null
    });
    const all = { dv: true, mission: true, residence: true, timeToHousing: true, returns: true, leases: true };
    expect(shape(read(w.actors.admin, '2027-01-01', '2027-02-01'))).toEqual(all);
    expect(shape(read(w.actors.duty_officer, '2027-01-01', '2027-02-01'))).toEqual(all);
    expect(shape(read(w.actors.housing_officer, '2027-01-01', '2027-02-01'))).toEqual({ dv: false, mission: true, residence: true, timeToHousing: false, returns: false, leases: true });
    expect(shape(read(w.actors.residence_officer, '2027-01-01', '2027-02-01'))).toEqual({ dv: false, mission: false, residence: true, timeToHousing: false, returns: false, leases: false });
    expectAppError(() => read(w.actors.partner, '2027-01-01', '2027-02-01'), 'forbidden');
  });

  it('a residence officer counts only the residence\'s departures; a housing officer no emergency referral', () => {
    const a = makeUnit(w.db, w.actors.admin, { name: 'A' });
    const res = makeUnit(w.db, w.actors.admin, { name: 'R', siteKind: 'residence', programmes: ['social_residence'] });
    stay(a, '2027-01-02', '2027-01-10', 'emergency', { status: 'ended', destination: 'street' });
    insertContract(w.db, w.actors.admin, { unitId: res, label: 'R', start: '2027-01-02', stayEnd: '2027-07-01', rentCents: 1, chargesCents: 0, departure: { date: '2027-01-20', destination: 'social_housing' } });
    sql(
      `INSERT INTO referrals (id, programme, urgency, requested_start, nights, adults, children, referrer_organisation, referrer_contact, referrer_phone, status, received_at, created_by)
       VALUES ('r1', 'emergency', 'immediate', '2027-01-05', 3, 1, 0, 'Org', 'C', '0', 'received', ?, ?)`,
      at('2027-01-05T10:00:00+01:00'),
      w.actors.duty_officer.accountId
    );
    setClock(at('2027-02-10T14:00:00+01:00'));
    expect(read(w.actors.admin, '2027-01-01', '2027-02-01').outcomes.departuresTotal).toBe(2);
    const residence = read(w.actors.residence_officer, '2027-01-01', '2027-02-01');
    expect([residence.outcomes.departuresTotal, residence.outcomes.exitsToHousing]).toEqual([1, 1]); // the residence's, to social housing
    expect(read(w.actors.admin, '2027-01-01', '2027-02-01').referralsBySource.received).toBe(1);
    expect(read(w.actors.housing_officer, '2027-01-01', '2027-02-01').referralsBySource.received).toBe(0);
  });
});

describe('the period', () => {
  it.each([
    ['2027-13-01', '2027-02-01', 'invalid'],
    ['2027-01-01', 'demain', 'invalid'],
    ['2027-02-01', '2027-02-01', 'invalid'],
    ['2027-02-01', '2027-01-01', 'invalid'],
    ['2020-01-01', '2025-01-02', 'invalid']
  ] as const)('from %s to %s → %s', (from, to, code) => {
    expectAppError(() => read(w.actors.admin, from, to), code);
  });

  it('five years exactly is accepted', () => {
    expect(read(w.actors.admin, '2020-01-01', '2025-01-01').from).toBe('2020-01-01');
  });
});
