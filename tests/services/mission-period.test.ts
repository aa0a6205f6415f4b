// The housing mission's period offers as units with nights, the history of every step, and what
// the mission's lists show: a period offer is booked through the booking core (same overlap
// guarantee), partners never see it, housed applicants leave the matching.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAvailability } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { createApplicant, updateApplicantDetails } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { matchesForApplicant, matchesForOffer } from '../../src/services/mission/matching.ts';
import { createOfferUnit } from '../../src/services/mission/offer-unit.ts';
import { createOffer, openOffer, updateOfferDetails, withdrawOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import type { OfferInput } from '../../src/services/mission/validation.ts';
import { getApplicant, getLandlord, getOffer, listProposals, refusalCounts } from '../../src/services/mission/views.ts';
import { listUnits } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { auditEntriesFor, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let landlordId: string;

// today() is 2027-03-01 under the fixed clock.
function periodOffer(over: Partial<OfferInput> = {}) {
  return createOffer(w.db, w.actors.housing_officer, {
    landlordId,
    commune: 'Lunel',
    address: '12 rue Lakanal',
    typology: 'T2',
    surfaceM2: 45,
    capacity: 3,
    accessible: false,
    rentCents: 50000,
    chargesCents: 4000,
    availableFrom: '2027-03-10',
    availableUntil: '2027-09-10',
    scheme: 'solibail',
    energyRating: 'D',
    ...over
  });
}

function applicant(label: string, persons = 2) {
  return createApplicant(w.db, w.actors.housing_officer, {
    label,
    persons,
    accessibleNeeded: false,
    maxRentCents: 70000,
    yearlyIncomeCents: 1500000,
    communes: ['Lunel'],
    neededFrom: '2027-03-01',
    waitingSince: '2026-10-01',
    situation: 'elsewhere'
  }).id;
}

beforeEach(() => {
  fixClock();
  w = makeWorld();
  landlordId = createLandlord(w.db, w.actors.housing_officer, { name: 'Mme Roux', phone: '0611111111' }).id;
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('a period offer as a unit with nights', () => {
  it('a housing officer turns a period offer into a private unit under housing_mission', () => {
    expect.hasAssertions();
    const o = periodOffer();
    const withUnit = createOfferUnit(w.db, w.actors.housing_officer, o.id);
    expect(withUnit.unitId).toBeTruthy();
    const site = w.db.$client.prepare('SELECT s.kind, s.address, u.programmes FROM units u JOIN sites s ON s.id = u.site_id WHERE u.id = ?').get(withUnit.unitId) as {
      kind: string;
      address: string;
      programmes: string;
    };
    expect(site).toEqual({ kind: 'private', address: '12 rue Lakanal', programmes: '["housing_mission"]' });
    expect(auditEntriesFor(w, o.id).map((e) => e.action)).toContain('offer.unit_create');
    // Only once, and only for a period offer.
    expectAppError(() => createOfferUnit(w.db, w.actors.housing_officer, o.id), 'invalid_transition');
    const open = periodOffer({ availableUntil: null });
    expectAppError(() => createOfferUnit(w.db, w.actors.housing_officer, open.id), 'invalid');
    expectAppError(() => createOfferUnit(w.db, w.actors.duty_officer, open.id), 'forbidden');
  });

  it('its site, unit and blocks are written by the site, unit and block services, each with its audit entry', () => {
    expect.hasAssertions();
    const o = periodOffer();
    const unitId = createOfferUnit(w.db, w.actors.housing_officer, o.id).unitId!;
    const { siteId } = w.db.$client.prepare('SELECT site_id AS siteId FROM units WHERE id = ?').get(unitId) as { siteId: string };
    const blocks = w.db.$client.prepare('SELECT id, start_date AS start, end_date AS "end" FROM blocks WHERE unit_id = ? ORDER BY start_date').all(unitId) as { id: string; start: string; end: string }[];
    // Closed outside [availableFrom, availableUntil): one block before, one after.
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      ['2000-01-01', '2027-03-10'],
      ['2027-09-10', '2100-01-01']
    ]);
    const officer = w.actors.housing_officer.accountId;
    const entries = [siteId, unitId, ...blocks.map((b) => b.id), o.id].flatMap((id) => auditEntriesFor(w, id));
    expect(entries.map((e) => [e.action, e.entity, e.actor_id])).toEqual([
      ['site.create', 'site', officer],
      ['unit.create', 'unit', officer],
      ['block.create', 'block', officer],
      ['block.create', 'block', officer],
      ['offer.create', 'offer', officer],
      ['offer.unit_create', 'offer', officer]
    ]);
  });

  // A test-only trigger makes the last write (the offer's own audit entry) fail: the site, the unit,
  // the blocks and their audit entries written before it must be undone with it.
  it('a failure at its last write leaves no site, unit, block or audit entry behind, and the offer without a unit', () => {
    expect.hasAssertions();
    const o = periodOffer();
    const TABLES = ['sites', 'units', 'blocks', 'audit_entries', 'mission_events'] as const;
    const counts = () => Object.fromEntries(TABLES.map((t) => [t, (w.db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
    const before = counts();
    w.db.$client.exec(
      "CREATE TRIGGER test_refuse_unit_create BEFORE INSERT ON audit_entries WHEN NEW.action = 'offer.unit_create' BEGIN SELECT RAISE(ABORT, 'test: offer.unit_create refused'); END"
    );
    try {
      expect(() => createOfferUnit(w.db, w.actors.housing_officer, o.id)).toThrow('test: offer.unit_create refused');
    } finally {
      w.db.$client.exec('DROP TRIGGER test_refuse_unit_create');
    }
    expect(counts()).toEqual(before);
    expect(getOffer(w.db, w.actors.housing_officer, o.id).unitId).toBeNull();
    // The trigger gone, the same offer becomes its unit whole.
    createOfferUnit(w.db, w.actors.housing_officer, o.id);
    expect(counts()).toEqual({ ...before, sites: before.sites + 1, units: before.units + 1, blocks: before.blocks + 2, audit_entries: before.audit_entries + 5, mission_events: before.mission_events + 1 });
  });

  it('booked through the booking core, its nights cannot overlap another stay, nor lie outside the period', () => {
    expect.hasAssertions();
    const unitId = createOfferUnit(w.db, w.actors.housing_officer, periodOffer().id).unitId!;
    const first = placeStay(w.db, w.actors.housing_officer, {
      unitId,
      start: '2027-03-10',
      end: '2027-06-10',
      programme: 'housing_mission',
      household: household('Famille Ben Ali', 2, 1)
    }).value;
    expect(first.status).toBe('confirmed');
    // Another household on overlapping nights: refused by the booking core.
    expectAppError(
      () =>
        placeStay(w.db, w.actors.housing_officer, {
          unitId,
          start: '2027-06-01',
          end: '2027-07-01',
          programme: 'housing_mission',
          household: household('Famille Ortiz', 1, 1)
        }),
      'overlap'
    );
    // After the period ends, or before it starts: closed by the offer's period.
    for (const [start, end] of [
      ['2027-09-01', '2027-09-20'],
      ['2027-03-05', '2027-03-12']
    ]) {
      expectAppError(
        () => placeStay(w.db, w.actors.housing_officer, { unitId, start: start!, end: end!, programme: 'housing_mission', household: household('Famille Ortiz', 1, 1) }),
        'overlap'
      );
    }
    // The nights just after the first stay, inside the period, are free.
    const second = placeStay(w.db, w.actors.housing_officer, {
      unitId,
      start: '2027-06-10',
      end: '2027-09-10',
      programme: 'housing_mission',
      household: household('Famille Ortiz', 1, 1)
    }).value;
    expect(second.status).toBe('confirmed');
    const overlaps = w.db.$client
      .prepare(
        `SELECT count(*) AS n FROM stays a JOIN stays b ON a.unit_id = b.unit_id AND a.id < b.id
          WHERE a.status IN ('hold','confirmed','in_place') AND b.status IN ('hold','confirmed','in_place')
            AND a.start_date < b.end_date AND b.start_date < a.end_date`
      )
      .get() as { n: number };
    expect(overlaps.n).toBe(0);
  });

  it('partners neither see nor count it; staff do', () => {
    expect.hasAssertions();
    const unitId = createOfferUnit(w.db, w.actors.housing_officer, periodOffer().id).unitId!;
    const q = { from: '2027-03-10', to: '2027-03-17' };
    const partner = getAvailability(w.db, w.actors.partner, q);
    const staff = getAvailability(w.db, w.actors.housing_officer, q);
    expect(partner.units.map((u) => u.unitId)).not.toContain(unitId);
    expect(staff.units.map((u) => u.unitId)).toContain(unitId);
    expect(JSON.stringify(partner)).not.toContain('Lakanal');
    expect(listUnits(w.db, w.actors.partner).map((u) => u.id)).not.toContain(unitId);
    // The partner's nightly totals are the staff's minus this unit's capacity.
    const staffFree = staff.nights[0]!.freePlaces;
    const partnerFree = partner.nights[0]!.freePlaces;
    expect(staffFree - partnerFree).toBe(3);
  });

  it('withdrawing the offer takes its unit out and closes its proposals', () => {
    expect.hasAssertions();
    const o = periodOffer();
    const unitId = createOfferUnit(w.db, w.actors.housing_officer, o.id).unitId!;
    openOffer(w.db, w.actors.housing_officer, o.id);
    const p = propose(w.db, w.actors.housing_officer, o.id, applicant('Famille Diallo'));
    withdrawOffer(w.db, w.actors.housing_officer, o.id, 'Le propriétaire vend le logement');
    const unit = w.db.$client.prepare('SELECT active FROM units WHERE id = ?').get(unitId) as { active: number };
    expect(unit.active).toBe(0);
    const view = getOffer(w.db, w.actors.housing_officer, o.id);
    expect(view.proposals.map((x) => [x.id, x.status, x.reason])).toEqual([[p.id, 'closed', 'offer_withdrawn']]);
    expect(view.steps.map((s) => s.status)).toEqual(['draft', 'unit_created', 'open', 'withdrawn']);
  });
});

describe('the system flag of the blocks outside an offer’s period', () => {
  /** The statements of migration 0015 after its ALTER TABLE: the backfill of the blocks written before the flag. */
  const backfill = () => readFileSync('db/migrations/0015_block_system_flag.sql', 'utf8').split('--> statement-breakpoint').slice(1);
  const flags = () => w.db.$client.prepare('SELECT system FROM blocks ORDER BY start_date').pluck().all();

  it('the mission’s write flags its blocks; migration 0015 flags the old ones from their words, on the offers’ units only', () => {
    expect.hasAssertions();
    createOfferUnit(w.db, w.actors.housing_officer, periodOffer().id);
    // A person, on an ordinary unit, types the very words (in each stored wording): their blocks stay theirs.
    const unitId = makeUnit(w.db, w.actors.admin);
    createBlock(w.db, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-04', reason: 'Hors de la période de l’offre' });
    createBlock(w.db, w.actors.admin, { unitId, start: '2027-03-05', end: '2027-03-06', reason: "Hors de la période de l'offre / outside the offer's period" });
    expect(flags()).toEqual(['outside_offer_period', null, null, 'outside_offer_period']);

    // As before the flag: nothing flagged, the mission's blocks in their old two-language wording.
    w.db.$client.prepare("UPDATE blocks SET system = NULL, reason = 'Hors de la période de l''offre / outside the offer''s period' WHERE system IS NOT NULL").run();
    for (const statement of backfill()) w.db.$client.prepare(statement).run();
    expect(flags()).toEqual(['outside_offer_period', null, null, 'outside_offer_period']);
  });
});

describe('dated steps, history and counts', () => {
  it('every step of a proposal is dated; a signed lease houses the applicant, who leaves the matching', () => {
    expect.hasAssertions();
    const o = openOffer(w.db, w.actors.housing_officer, periodOffer({ availableUntil: null }).id);
    const other = openOffer(w.db, w.actors.housing_officer, periodOffer({ availableUntil: null, address: '1 place de la Mairie' }).id);
    const a = applicant('Famille Nguyen');
    const b = applicant('Famille Petit');
    expect(matchesForOffer(w.db, w.actors.housing_officer, o.id).matches.map((m) => m.applicant.id).sort()).toEqual([a, b].sort());
    const p = propose(w.db, w.actors.housing_officer, o.id, a);
    const q = propose(w.db, w.actors.housing_officer, other.id, a);
    moveProposal(w.db, w.actors.housing_officer, p.id, 'visit');
    moveProposal(w.db, w.actors.housing_officer, p.id, 'accepted');
    moveProposal(w.db, w.actors.housing_officer, p.id, 'lease_signed');
    const view = getApplicant(w.db, w.actors.housing_officer, a);
    expect(view.housedAt).not.toBeNull();
    const mine = view.proposals.find((x) => x.id === p.id)!;
    expect(mine.steps.map((s) => s.status)).toEqual(['proposed', 'visit', 'accepted', 'lease_signed']);
    expect(mine.steps.every((s) => typeof s.at === 'number' && s.at > 0)).toBe(true);
    expect(view.proposals.find((x) => x.id === q.id)!.status).toBe('closed');
    // The housed applicant is no longer matched with any offer, nor proposed again.
    expect(matchesForOffer(w.db, w.actors.housing_officer, other.id).matches.map((m) => m.applicant.id)).toEqual([b]);
    expect(matchesForApplicant(w.db, w.actors.housing_officer, a).matches).toEqual([]);
    expectAppError(() => propose(w.db, w.actors.housing_officer, other.id, a), 'invalid_transition');
    // In progress: only the ones not ended.
    expect(listProposals(w.db, w.actors.housing_officer).map((x) => x.id)).toEqual([]);
  });

  it("a landlord's history lists each offer and how it ended", () => {
    expect.hasAssertions();
    const let_ = openOffer(w.db, w.actors.housing_officer, periodOffer({ availableUntil: null }).id);
    const withdrawn = openOffer(w.db, w.actors.housing_officer, periodOffer({ availableUntil: null, typology: 'T3', capacity: 4 }).id);
    const draft = periodOffer({ availableUntil: null, typology: 'Studio', capacity: 1 });
    const p = propose(w.db, w.actors.housing_officer, let_.id, applicant('Famille Garcia'));
    moveProposal(w.db, w.actors.housing_officer, p.id, 'visit');
    moveProposal(w.db, w.actors.housing_officer, p.id, 'accepted');
    moveProposal(w.db, w.actors.housing_officer, p.id, 'lease_signed');
    withdrawOffer(w.db, w.actors.housing_officer, withdrawn.id, 'Travaux à faire');
    const history = getLandlord(w.db, w.actors.admin, landlordId);
    const byId = new Map(history.offers.map((o) => [o.id, o]));
    expect(byId.get(let_.id)).toMatchObject({ status: 'let', letTo: 'Famille Garcia' });
    expect(byId.get(withdrawn.id)).toMatchObject({ status: 'withdrawn', statusReason: 'Travaux à faire', letTo: null });
    expect(byId.get(draft.id)).toMatchObject({ status: 'draft' });
    expect(byId.get(withdrawn.id)!.steps.map((s) => s.status)).toEqual(['draft', 'open', 'withdrawn']);
    expectAppError(() => getLandlord(w.db, w.actors.partner, landlordId), 'forbidden');
    expectAppError(() => getLandlord(w.db, w.actors.duty_officer, landlordId), 'forbidden');
  });

  it('refusals keep their reason and are counted by who refused and why', () => {
    expect.hasAssertions();
    const o = openOffer(w.db, w.actors.housing_officer, periodOffer({ availableUntil: null }).id);
    const refuse = (label: string, status: 'refused_by_household' | 'refused_by_landlord', reason: string) => {
      const p = propose(w.db, w.actors.housing_officer, o.id, applicant(label));
      moveProposal(w.db, w.actors.housing_officer, p.id, status, reason);
    };
    refuse('A', 'refused_by_household', 'Trop loin du travail');
    refuse('B', 'refused_by_household', 'Trop loin du travail');
    refuse('C', 'refused_by_landlord', 'Garanties insuffisantes');
    expect(refusalCounts(w.db, w.actors.housing_officer)).toEqual([
      { status: 'refused_by_household', reason: 'Trop loin du travail', count: 2 },
      { status: 'refused_by_landlord', reason: 'Garanties insuffisantes', count: 1 }
    ]);
  });

  it('an applicant from a confidential household is known by its pseudonym; opening it is audited', () => {
    expect.hasAssertions();
    const stay = placeStay(w.db, w.actors.duty_officer, {
      unitId: makeUnit(w.db, w.actors.admin, { confidential: true }),
      start: '2027-03-01',
      end: '2027-03-04',
      programme: 'dv_protocol',
      household: household('Mme Canari-Secret', 1, 2)
    }).value;
    const hh = w.db.$client.prepare('SELECT id, pseudonym FROM households WHERE id = ?').get(stay.householdId) as { id: string; pseudonym: string };
    const id = createApplicant(w.db, w.actors.housing_officer, {
      householdId: hh.id,
      label: 'Mme Canari-Secret',
      persons: 3,
      accessibleNeeded: false,
      maxRentCents: 60000,
      yearlyIncomeCents: 1200000,
      communes: [],
      neededFrom: '2027-03-04',
      waitingSince: '2027-03-01',
      situation: 'emergency_stay',
      emergencyStayEnd: '2027-03-04'
    }).id;
    const row = w.db.$client.prepare('SELECT label FROM applicants WHERE id = ?').get(id) as { label: string };
    expect(row.label).toBe(hh.pseudonym);
    const view = getApplicant(w.db, w.actors.housing_officer, id);
    expect(JSON.stringify(view)).not.toContain('Canari');
    expect(view.confidential).toBe(true);
    expect(auditEntriesFor(w, id).map((e) => e.action)).toContain('applicant.open');
  });
});

describe('corrections', () => {
  const edit = (o: ReturnType<typeof periodOffer>, over: Partial<OfferInput>) => {
    const { landlordId: _l, id: _i, status: _s, statusReason: _r, unitId: _u, createdAt: _c, updatedAt: _up, ...rest } = o;
    return updateOfferDetails(w.db, w.actors.housing_officer, o.id, { ...rest, ...over } as Omit<OfferInput, 'landlordId'>);
  };

  it('an offer in draft or open is corrected, the fields changed dated as a step; a let or withdrawn one is not', () => {
    expect.hasAssertions();
    const o = periodOffer({ availableUntil: null });
    const fixed = edit(o, { rentCents: 48000, address: '12 bis rue Lakanal' });
    expect([fixed.rentCents, fixed.address]).toEqual([48000, '12 bis rue Lakanal']);
    const steps = getOffer(w.db, w.actors.housing_officer, o.id).steps;
    expect(steps.at(-1)).toMatchObject({ status: 'edited', reason: 'address, rentCents' });
    expect(auditEntriesFor(w, o.id).map((e) => e.action)).toContain('offer.update');
    // Nothing changed: no step recorded.
    edit(fixed, {});
    expect(getOffer(w.db, w.actors.housing_officer, o.id).steps).toHaveLength(steps.length);
    // The same checks as at creation; a refused correction changes nothing.
    expectAppError(() => edit(fixed, { capacity: 0 }), 'invalid');
    expect(getOffer(w.db, w.actors.housing_officer, o.id).capacity).toBe(3);
    withdrawOffer(w.db, w.actors.housing_officer, o.id, 'Vendu');
    expectAppError(() => edit(fixed, { rentCents: 40000 }), 'invalid_transition');
    expectAppError(() => updateOfferDetails(w.db, w.actors.duty_officer, o.id, {} as Omit<OfferInput, 'landlordId'>), 'forbidden');
  });

  it("once a period offer has its unit, its place, size and period are fixed; its rent may still change", () => {
    expect.hasAssertions();
    const o = createOfferUnit(w.db, w.actors.housing_officer, periodOffer().id);
    expectAppError(() => edit(o, { availableUntil: '2027-12-10' }), 'invalid_transition');
    expectAppError(() => edit(o, { capacity: 5 }), 'invalid_transition');
    expect(edit(o, { rentCents: 45000 }).rentCents).toBe(45000);
  });

  it("an applicant's need is corrected while they wait; the matching follows; a housed applicant is not", () => {
    expect.hasAssertions();
    const o = openOffer(w.db, w.actors.housing_officer, periodOffer({ availableUntil: null }).id);
    const id = applicant('Famille Mercier', 4);
    expect(matchesForOffer(w.db, w.actors.housing_officer, o.id).matches.map((m) => m.applicant.id)).toEqual([]);
    const input = {
      label: 'Famille Mercier',
      persons: 3,
      accessibleNeeded: false,
      maxRentCents: 70000,
      yearlyIncomeCents: 1500000,
      communes: ['Lunel'],
      neededFrom: '2027-03-01',
      waitingSince: '2026-10-01',
      situation: 'elsewhere' as const
    };
    expect(updateApplicantDetails(w.db, w.actors.housing_officer, id, input).persons).toBe(3);
    expect(matchesForOffer(w.db, w.actors.housing_officer, o.id).matches.map((m) => m.applicant.id)).toEqual([id]);
    expectAppError(() => updateApplicantDetails(w.db, w.actors.housing_officer, id, { ...input, persons: 0 }), 'invalid');
    expectAppError(() => updateApplicantDetails(w.db, w.actors.partner, id, input), 'forbidden');
    const p = propose(w.db, w.actors.housing_officer, o.id, id);
    for (const step of ['visit', 'accepted', 'lease_signed'] as const) moveProposal(w.db, w.actors.housing_officer, p.id, step);
    expectAppError(() => updateApplicantDetails(w.db, w.actors.housing_officer, id, input), 'invalid_transition');
  });
});
