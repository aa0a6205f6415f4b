// The housing mission: offers proposed to applicants and followed to a signed lease. A signed lease
// lets the offer and closes the other proposals of the offer and of the applicant; one lease per offer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { matchesForApplicant, matchesForOffer } from '../../src/services/mission/matching.ts';
import { createOffer, openOffer, withdrawOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import type { ApplicantInput, OfferInput } from '../../src/services/mission/validation.ts';
import { auditEntriesFor, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let landlordId: string;

// today() is 2027-03-01 under the fixed clock.
function offer(over: Partial<OfferInput> = {}): string {
  const o = createOffer(w.db, w.actors.housing_officer, {
    landlordId,
    commune: 'Rennes',
    address: '3 rue des Lilas',
    typology: 'T3',
    surfaceM2: 62,
    capacity: 4,
    accessible: false,
    rentCents: 60000,
    chargesCents: 5000,
    availableFrom: '2027-03-15',
    availableUntil: null,
    scheme: 'none',
    energyRating: 'C',
    ...over
  });
  return openOffer(w.db, w.actors.housing_officer, o.id).id;
}

function applicant(label: string, over: Partial<ApplicantInput> = {}): string {
  return createApplicant(w.db, w.actors.housing_officer, {
    label,
    persons: 3,
    accessibleNeeded: false,
    maxRentCents: 80000,
    yearlyIncomeCents: 1800000,
    communes: ['Rennes'],
    neededFrom: '2027-03-01',
    waitingSince: '2026-09-01',
    situation: 'elsewhere',
    ...over
  }).id;
}

function status(table: 'proposals' | 'offers', id: string): string {
  return (w.db.$client.prepare(`SELECT status FROM ${table} WHERE id = ?`).get(id) as { status: string }).status;
}

beforeEach(() => {
  fixClock();
  w = makeWorld();
  landlordId = createLandlord(w.db, w.actors.housing_officer, { name: 'M. Durand', phone: '0600000000' }).id;
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('the proposal lifecycle', () => {
  it('a proposal goes proposed → visit → accepted → lease_signed, each step audited', () => {
    expect.hasAssertions();
    const p = propose(w.db, w.actors.housing_officer, offer(), applicant('Famille A'));
    expect(p.status).toBe('proposed');
    expect(moveProposal(w.db, w.actors.housing_officer, p.id, 'visit').status).toBe('visit');
    expect(moveProposal(w.db, w.actors.housing_officer, p.id, 'accepted').status).toBe('accepted');
    expect(moveProposal(w.db, w.actors.admin, p.id, 'lease_signed').status).toBe('lease_signed');
    expect(auditEntriesFor(w, p.id).map((e) => e.action)).toEqual([
      'proposal.create',
      'proposal.visit',
      'proposal.accepted',
      'proposal.lease_signed'
    ]);
  });

  it('skipping a step or closing by hand is an invalid transition (409)', () => {
    expect.hasAssertions();
    const p = propose(w.db, w.actors.housing_officer, offer(), applicant('Famille A'));
    expect(expectAppError(() => moveProposal(w.db, w.actors.housing_officer, p.id, 'lease_signed'), 'invalid_transition').status).toBe(409);
    expectAppError(() => moveProposal(w.db, w.actors.housing_officer, p.id, 'closed'), 'invalid_transition');
    expect(status('proposals', p.id)).toBe('proposed');
  });

  it('a refusal without a reason is refused (422); with one, the reason is kept', () => {
    expect.hasAssertions();
    const p = propose(w.db, w.actors.housing_officer, offer(), applicant('Famille A'));
    moveProposal(w.db, w.actors.housing_officer, p.id, 'visit');
    expect(expectAppError(() => moveProposal(w.db, w.actors.housing_officer, p.id, 'refused_by_household', '  '), 'invalid').status).toBe(422);
    const refused = moveProposal(w.db, w.actors.housing_officer, p.id, 'refused_by_landlord', 'prefers a couple');
    expect(refused).toMatchObject({ status: 'refused_by_landlord', reason: 'prefers a couple' });
    expectAppError(() => moveProposal(w.db, w.actors.housing_officer, p.id, 'visit'), 'invalid_transition');
  });

  it('an offer still in draft or withdrawn cannot be proposed; a withdrawal needs a reason', () => {
    expect.hasAssertions();
    const draft = createOffer(w.db, w.actors.housing_officer, {
      landlordId, commune: 'Rennes', address: 'x', typology: 'T2', surfaceM2: 40, capacity: 3, accessible: false,
      rentCents: 50000, chargesCents: 0, availableFrom: '2027-03-01', scheme: 'none', energyRating: 'D'
    });
    const a = applicant('Famille A');
    expectAppError(() => propose(w.db, w.actors.housing_officer, draft.id, a), 'invalid_transition');
    expectAppError(() => withdrawOffer(w.db, w.actors.housing_officer, draft.id, ''), 'invalid');
    expect(withdrawOffer(w.db, w.actors.housing_officer, draft.id, 'sold').status).toBe('withdrawn');
    expectAppError(() => openOffer(w.db, w.actors.housing_officer, draft.id), 'invalid_transition');
  });
});

describe('a signed lease', () => {
  it("lets the offer and closes the offer's other proposals and the applicant's other proposals", () => {
    expect.hasAssertions();
    const o1 = offer();
    const o2 = offer({ address: '5 rue Haute' });
    const a = applicant('Famille A');
    const b = applicant('Famille B');
    const signed = propose(w.db, w.actors.housing_officer, o1, a);
    const sameOffer = propose(w.db, w.actors.housing_officer, o1, b);
    const sameApplicant = propose(w.db, w.actors.housing_officer, o2, a);
    const unrelated = propose(w.db, w.actors.housing_officer, o2, b);
    moveProposal(w.db, w.actors.housing_officer, sameOffer.id, 'visit');
    for (const to of ['visit', 'accepted', 'lease_signed'] as const) moveProposal(w.db, w.actors.housing_officer, signed.id, to);

    expect(status('offers', o1)).toBe('let');
    expect(status('proposals', sameOffer.id)).toBe('closed');
    expect(status('proposals', sameApplicant.id)).toBe('closed');
    expect(status('proposals', unrelated.id)).toBe('proposed');
    expect(status('offers', o2)).toBe('open');
    expect(auditEntriesFor(w, sameOffer.id).at(-1)?.action).toBe('proposal.closed');
    expect(auditEntriesFor(w, o1).at(-1)?.action).toBe('offer.let');
  });

  it('a second lease on one offer is refused (409), and the unique index refuses it too', () => {
    expect.hasAssertions();
    const o = offer();
    const first = propose(w.db, w.actors.housing_officer, o, applicant('Famille A'));
    for (const to of ['visit', 'accepted', 'lease_signed'] as const) moveProposal(w.db, w.actors.housing_officer, first.id, to);
    // A proposal left accepted on the let offer (as if written around the service).
    const b = applicant('Famille B');
    w.db.$client
      .prepare(`INSERT INTO proposals (id, offer_id, applicant_id, status, created_by) VALUES ('p2', ?, ?, 'accepted', ?)`)
      .run(o, b, w.actors.admin.accountId);
    expect(expectAppError(() => moveProposal(w.db, w.actors.housing_officer, 'p2', 'lease_signed'), 'invalid_transition').status).toBe(409);
    expect(() => w.db.$client.prepare(`UPDATE proposals SET status = 'lease_signed' WHERE id = 'p2'`).run()).toThrow(/UNIQUE/);
    expect(status('proposals', 'p2')).toBe('accepted');
  });
});

describe('proposing', () => {
  it('an applicant excluded by a hard rule cannot be proposed (422 with the reason codes)', () => {
    expect.hasAssertions();
    const o = offer({ capacity: 2, rentCents: 90000 });
    const a = applicant('Famille nombreuse', { persons: 5 });
    const e = expectAppError(() => propose(w.db, w.actors.housing_officer, o, a), 'invalid');
    expect(e.status).toBe(422);
    expect(e.errors?.map((x) => x.message)).toEqual(['capacity_too_small', 'rent_over_budget']);
  });
});

describe('roles', () => {
  it('duty officers and partners can do nothing in the housing mission', () => {
    expect.hasAssertions();
    const o = offer();
    const a = applicant('Famille A');
    const p = propose(w.db, w.actors.admin, o, a);
    for (const role of ['duty_officer', 'partner'] as const) {
      const actor = w.actors[role];
      expectAppError(() => createLandlord(w.db, actor, { name: 'X' }), 'forbidden');
      expectAppError(() => openOffer(w.db, actor, o), 'forbidden');
      expectAppError(() => withdrawOffer(w.db, actor, o, 'x'), 'forbidden');
      expectAppError(() => createApplicant(w.db, actor, { label: 'Y', persons: 1, accessibleNeeded: false, maxRentCents: 1, yearlyIncomeCents: 1, communes: [], neededFrom: '2027-03-01', waitingSince: '2027-03-01', situation: 'elsewhere' }), 'forbidden');
      expectAppError(() => propose(w.db, actor, o, a), 'forbidden');
      expectAppError(() => moveProposal(w.db, actor, p.id, 'visit'), 'forbidden');
      expectAppError(() => matchesForOffer(w.db, actor, o), 'forbidden');
      expectAppError(() => matchesForApplicant(w.db, actor, a), 'forbidden');
    }
    expect(status('proposals', p.id)).toBe('proposed');
  });
});

describe('matching', () => {
  it('ranks an offer’s applicants (urgency, commune, time waited) and lists the excluded with reasons', () => {
    expect.hasAssertions();
    const o = offer();
    const waitedLong = applicant('Attend depuis longtemps', { waitingSince: '2025-01-01' });
    const urgent = applicant('Mise à l’abri finissante', { situation: 'emergency_stay', emergencyStayEnd: '2027-03-10', waitingSince: '2027-02-01' });
    const elsewhere = applicant('Veut Brest', { communes: ['Brest'], waitingSince: '2024-01-01' });
    const tooMany = applicant('Trop nombreux', { persons: 6 });
    const r = matchesForOffer(w.db, w.actors.housing_officer, o);
    expect(r.matches.map((m) => m.applicant.id)).toEqual([urgent, waitedLong, elsewhere]);
    expect(r.matches[0].reasons[0].code).toBe('emergency_stay_ending');
    expect(r.excluded.map((x) => [x.applicant.id, x.codes])).toEqual([[tooMany, ['capacity_too_small']]]);
  });

  it('ranks the open offers for an applicant, the wanted commune first', () => {
    expect.hasAssertions();
    const brest = offer({ commune: 'Brest' });
    const rennes = offer({ commune: 'Rennes' });
    const tooDear = offer({ rentCents: 100000 });
    const a = applicant('Famille A');
    const r = matchesForApplicant(w.db, w.actors.admin, a);
    expect(r.matches.map((m) => m.offer.id)).toEqual([rennes, brest]);
    expect(r.excluded.map((x) => [x.offer.id, x.codes])).toEqual([[tooDear, ['rent_over_budget']]]);
  });
});
