// Specification of the housing mission's matching: hard rules, ranking and its reasons
// (docs/domain.md, "The housing mission").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import {
  HARD_RULES,
  excludedBy,
  matchReasons,
  moveInDate,
  rankApplicants,
  rankOffers,
  type Applicant,
  type EnergyRating,
  type ExclusionCode,
  type Offer,
  type Scheme
} from '../../src/domain/matching.ts';

const TODAY = '2027-06-01';

function offer(over: Partial<Offer> = {}): Offer {
  return {
    id: 'o1',
    commune: 'Lunel',
    typology: 'T3',
    capacity: 4,
    accessible: true,
    rentCents: 60_000,
    chargesCents: 5_000,
    availableFrom: '2027-07-01',
    availableUntil: null,
    scheme: 'loc_avantages',
    locAvantagesLevel: 'loc2',
    rentCapCents: 62_000,
    incomeCeilingCents: 3_000_000,
    energyRating: 'C',
    ...over
  };
}

function applicant(over: Partial<Applicant> = {}): Applicant {
  return {
    id: 'a1',
    persons: 4,
    accessibleNeeded: true,
    maxRentCents: 65_000,
    yearlyIncomeCents: 2_500_000,
    communes: ['Lunel'],
    neededFrom: '2027-07-01',
    waitingSince: '2026-01-01',
    situation: 'elsewhere',
    emergencyStayEnd: null,
    ...over
  };
}

describe('the reference pair matches', () => {
  it('an offer and an applicant that meet every rule are not excluded', () => {
    expect.hasAssertions();
    expect(excludedBy(offer(), applicant())).toEqual([]);
    for (const rule of HARD_RULES) expect(rule(offer(), applicant())).toBeNull();
  });
});

describe('hard rules: each excludes exactly what it should', () => {
  it.each<{ rule: string; o?: Partial<Offer>; a?: Partial<Applicant>; code: ExclusionCode }>([
    { rule: 'rent plus charges over what the household can bear is excluded', a: { maxRentCents: 64_999 }, code: 'rent_over_budget' },
    { rule: 'charges count: rent within budget but rent + charges over is excluded', o: { chargesCents: 5_001 }, code: 'rent_over_budget' },
    { rule: "rent over the scheme's cap is excluded", o: { rentCents: 62_001, chargesCents: 0 }, code: 'rent_over_cap' },
    { rule: "income over the scheme's ceiling is excluded", a: { yearlyIncomeCents: 3_000_001 }, code: 'income_over_ceiling' },
    { rule: "energy rating F under Loc'Avantages in 2027 is excluded", o: { energyRating: 'F' }, code: 'energy_rating_too_low' },
    { rule: "energy rating G under Loc'Avantages in 2027 is excluded", o: { energyRating: 'G' }, code: 'energy_rating_too_low' },
    {
      rule: "energy rating E under Loc'Avantages for an offer available 2028-03-01 is excluded (D required from 2028)",
      o: { energyRating: 'E', availableFrom: '2028-03-01' },
      a: { neededFrom: '2028-03-01' },
      code: 'energy_rating_too_low'
    },
    {
      rule: "energy rating E under Loc'Avantages for an offer available 2028-01-01 is excluded (the first day of the D rule)",
      o: { energyRating: 'E', availableFrom: '2028-01-01' },
      code: 'energy_rating_too_low'
    },
    { rule: 'a dwelling too small for the household is excluded', a: { persons: 5 }, code: 'capacity_too_small' },
    { rule: 'a dwelling not accessible is excluded when accessibility is needed', o: { accessible: false }, code: 'not_accessible' },
    {
      rule: 'an offer for a period that ends before the need is excluded',
      o: { availableFrom: '2027-05-01', availableUntil: '2027-06-30' },
      code: 'dates_not_available'
    },
    {
      rule: 'an offer for a period that ends on the day of the need is excluded (until is exclusive)',
      o: { availableFrom: '2027-05-01', availableUntil: '2027-07-01' },
      code: 'dates_not_available'
    },
    {
      rule: 'a need after the end of the period is excluded',
      o: { availableUntil: '2027-12-31' },
      a: { neededFrom: '2028-01-15' },
      code: 'dates_not_available'
    }
  ])('$rule', ({ o, a, code }) => {
    expect.hasAssertions();
    expect(excludedBy(offer(o), applicant(a))).toEqual([code]);
    const ranked = rankApplicants(offer(o), [applicant(a)], TODAY);
    expect(ranked.matches).toEqual([]);
    expect(ranked.excluded.map((e) => e.codes)).toEqual([[code]]);
    expect(ranked.excluded[0]!.reasons.map((r) => r.code)).toEqual([code]);
  });

  it.each<{ rule: string; o?: Partial<Offer>; a?: Partial<Applicant> }>([
    { rule: 'rent plus charges exactly at what the household can bear is kept', a: { maxRentCents: 65_000 } },
    { rule: "rent exactly at the scheme's cap is kept", o: { rentCents: 62_000, chargesCents: 3_000 } },
    { rule: 'no rent cap: any rent within the budget is kept', o: { rentCapCents: null, rentCents: 64_000, chargesCents: 1_000 } },
    { rule: "income exactly at the scheme's ceiling is kept", a: { yearlyIncomeCents: 3_000_000 } },
    { rule: 'no income ceiling: any income is kept', o: { incomeCeilingCents: null }, a: { yearlyIncomeCents: 99_000_000 } },
    { rule: "energy rating E under Loc'Avantages in 2027 is kept", o: { energyRating: 'E' } },
    { rule: "energy rating E under Loc'Avantages available 2027-12-31 is kept", o: { energyRating: 'E', availableFrom: '2027-12-31' } },
    { rule: "energy rating D under Loc'Avantages available 2028-03-01 is kept", o: { energyRating: 'D', availableFrom: '2028-03-01' } },
    { rule: 'energy rating G outside Loc\'Avantages is not judged by the scheme rule', o: { energyRating: 'G', scheme: 'solibail', locAvantagesLevel: null } },
    { rule: 'a dwelling larger than the household is kept', a: { persons: 2 } },
    { rule: 'a dwelling not accessible is kept when accessibility is not needed', o: { accessible: false }, a: { accessibleNeeded: false } },
    { rule: 'an offer available before the need is kept (move in on the need)', o: { availableFrom: '2027-03-01' } },
    { rule: 'an offer available after the need is kept (move in when it is available)', o: { availableFrom: '2027-09-01' } },
    { rule: 'an offer for a period ending the day after the need is kept', o: { availableFrom: '2027-05-01', availableUntil: '2027-07-02' } }
  ])('$rule', ({ o, a }) => {
    expect.hasAssertions();
    expect(excludedBy(offer(o), applicant(a))).toEqual([]);
    expect(rankOffers(applicant(a), [offer(o)], TODAY).matches).toHaveLength(1);
  });

  it('every failed rule is reported, in the order of the rules', () => {
    expect.hasAssertions();
    const o = offer({ capacity: 2, accessible: false, rentCents: 70_000, energyRating: 'G', availableUntil: '2027-07-01' });
    const a = applicant({ yearlyIncomeCents: 4_000_000 });
    expect(excludedBy(o, a)).toEqual([
      'capacity_too_small',
      'not_accessible',
      'rent_over_budget',
      'rent_over_cap',
      'income_over_ceiling',
      'energy_rating_too_low',
      'dates_not_available'
    ]);
  });

  it.each([
    { rule: 'move in on the need when the offer is available before it', o: { availableFrom: '2027-03-01' }, date: '2027-07-01' },
    { rule: 'move in on the availability when it is after the need', o: { availableFrom: '2027-09-01' }, date: '2027-09-01' }
  ])('$rule', ({ o, date }) => {
    expect.hasAssertions();
    expect(moveInDate(offer(o), applicant())).toBe(date);
  });
});

describe('ranking of applicants for an offer', () => {
  // One offer in Lunel for 4 persons; applicants differing by urgency, commune, time waited, size.
  const O = offer({ capacity: 4 });
  const base = { communes: [] as string[], persons: 4, waitingSince: '2027-01-01' };
  const urgentLateComer = applicant({
    ...base,
    id: 'urgent',
    communes: ['Sète'],
    waitingSince: '2027-05-20',
    situation: 'emergency_stay',
    emergencyStayEnd: addDays(TODAY, 14)
  });
  const stayEndsLater = applicant({ ...base, id: 'stay-later', situation: 'emergency_stay', emergencyStayEnd: addDays(TODAY, 15), communes: ['Sète'], waitingSince: '2020-01-01' });
  const wantsLunelRecent = applicant({ ...base, id: 'lunel-recent', communes: ['Lunel', 'Mauguio'], waitingSince: '2027-04-01' });
  const anyCommuneOld = applicant({ ...base, id: 'any-old', communes: [], waitingSince: '2026-01-01' });
  const anyCommuneOldSmaller = applicant({ ...base, id: 'any-old-small', communes: [], waitingSince: '2026-01-01', persons: 2 });
  const sameAsAnyOldButLaterId = applicant({ ...base, id: 'any-old-z', communes: [], waitingSince: '2026-01-01' });
  const tooBig = applicant({ ...base, id: 'too-big', persons: 6, situation: 'emergency_stay', emergencyStayEnd: TODAY });
  const poor = applicant({ ...base, id: 'budget', maxRentCents: 50_000 });

  it('orders by urgency, then commune wanted, then time waited, then size fit, then id; excluded ones apart', () => {
    expect.hasAssertions();
    const all = [poor, sameAsAnyOldButLaterId, anyCommuneOldSmaller, stayEndsLater, tooBig, wantsLunelRecent, anyCommuneOld, urgentLateComer];
    const r = rankApplicants(O, all, TODAY);
    expect(r.matches.map((m) => m.applicant.id)).toEqual([
      'urgent', // emergency stay ending within 14 days: first, though it does not want Lunel and waited least
      'any-old', // any commune counts as wanted; waited since 2026-01-01; exact size; id before any-old-z
      'any-old-z',
      'any-old-small', // same wait, 2 spare places
      'lunel-recent', // wants Lunel but waited less
      'stay-later' // stay ends in 15 days: not urgent; Lunel not wanted: last despite the longest wait
    ]);
    expect(r.excluded.map((e) => [e.applicant.id, e.codes])).toEqual([
      ['budget', ['rent_over_budget']],
      ['too-big', ['capacity_too_small']]
    ]);
  });

  it.each([
    { rule: 'an emergency stay ending today is urgent', end: TODAY, urgent: true },
    { rule: 'an emergency stay ending in 14 days is urgent', end: addDays(TODAY, 14), urgent: true },
    { rule: 'an emergency stay that ended already is urgent', end: addDays(TODAY, -3), urgent: true },
    { rule: 'an emergency stay ending in 15 days is not urgent', end: addDays(TODAY, 15), urgent: false }
  ])('$rule', ({ end, urgent }) => {
    expect.hasAssertions();
    const a = applicant({ id: 'a', situation: 'emergency_stay', emergencyStayEnd: end, waitingSince: '2027-05-31' });
    const b = applicant({ id: 'b', waitingSince: '2020-01-01' });
    const ids = rankApplicants(offer(), [b, a], TODAY).matches.map((m) => m.applicant.id);
    expect(ids).toEqual(urgent ? ['a', 'b'] : ['b', 'a']);
  });

  it('a household in the residence with an end date recorded is not urgent', () => {
    expect.hasAssertions();
    const a = applicant({ id: 'a', situation: 'residence', emergencyStayEnd: TODAY, waitingSince: '2027-05-31' });
    const b = applicant({ id: 'b', waitingSince: '2020-01-01' });
    expect(rankApplicants(offer(), [a, b], TODAY).matches.map((m) => m.applicant.id)).toEqual(['b', 'a']);
  });

  it('gives its reasons as codes with their params (src/lib/i18n/match-reasons.ts words them)', () => {
    expect.hasAssertions();
    const r = rankApplicants(O, [urgentLateComer, anyCommuneOldSmaller], TODAY);
    expect(r.matches[0]!.reasons).toEqual([
      { code: 'emergency_stay_ending', params: { end: '2027-06-15', daysLeft: 14 } },
      { code: 'commune_not_wanted', params: { commune: 'Lunel' } },
      { code: 'waited', params: { since: '2027-05-20', days: 12 } },
      { code: 'exact_size', params: { capacity: 4, persons: 4 } },
      { code: 'move_in', params: { date: '2027-07-01' } }
    ]);
    expect(r.matches[1]!.reasons).toEqual([
      { code: 'any_commune', params: { commune: 'Lunel' } },
      { code: 'waited', params: { since: '2026-01-01', days: 516 } },
      { code: 'larger_than_needed', params: { capacity: 4, persons: 2, spare: 2 } },
      { code: 'move_in', params: { date: '2027-07-01' } }
    ]);
    expect(matchReasons(O, wantsLunelRecent, TODAY)[0]).toEqual({ code: 'commune_wanted', params: { commune: 'Lunel' } });
  });

  it('gives the reasons of an exclusion as codes with their params', () => {
    expect.hasAssertions();
    const r = rankApplicants(offer({ energyRating: 'E', availableFrom: '2028-03-01' }), [applicant({ maxRentCents: 60_000 })], TODAY);
    expect(r.excluded[0]!.reasons).toEqual([
      { code: 'rent_over_budget', params: { totalCents: 65_000, maxCents: 60_000 } },
      { code: 'energy_rating_too_low', params: { rating: 'E', worst: 'D', date: '2028-03-01' } }
    ]);
  });

  it('refuses a today that is not a date', () => {
    expect.hasAssertions();
    expect(() => rankApplicants(offer(), [applicant()], '2027-02-30')).toThrow(/today/);
  });
});

describe('ranking of offers for an applicant', () => {
  it('orders by commune wanted, then size fit, then id; excluded ones with their reasons', () => {
    expect.hasAssertions();
    const a = applicant({ persons: 2, communes: ['Lunel'] });
    const offers = [
      offer({ id: 'sete-exact', commune: 'Sète', capacity: 2 }),
      offer({ id: 'lunel-big', capacity: 5 }),
      offer({ id: 'lunel-exact-b', capacity: 2 }),
      offer({ id: 'lunel-exact-a', capacity: 2 }),
      offer({ id: 'lunel-capped', rentCents: 63_000, chargesCents: 0 }),
      offer({ id: 'lunel-f', energyRating: 'F' })
    ];
    const r = rankOffers(a, offers, TODAY);
    expect(r.matches.map((m) => m.offer.id)).toEqual(['lunel-exact-a', 'lunel-exact-b', 'lunel-big', 'sete-exact']);
    expect(r.excluded.map((e) => [e.offer.id, e.codes])).toEqual([
      ['lunel-capped', ['rent_over_cap']],
      ['lunel-f', ['energy_rating_too_low']]
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the ranked pass every hard rule, the excluded fail at least one, and nothing is lost.

const day = fc.integer({ min: 0, max: 5 * 365 }).map((n) => addDays('2025-01-01', n));
const rating = fc.constantFrom<EnergyRating>('A', 'B', 'C', 'D', 'E', 'F', 'G');
const scheme = fc.constantFrom<Scheme>('none', 'intermediation_lease', 'intermediation_sublease', 'solibail', 'loc_avantages');
const communes = fc.constantFrom('Lunel', 'Sète', 'Mauguio', 'Marsillargues');
const money = fc.integer({ min: 20_000, max: 120_000 });

const offerArb = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    commune: communes,
    capacity: fc.integer({ min: 1, max: 7 }),
    accessible: fc.boolean(),
    rentCents: money,
    chargesCents: fc.integer({ min: 0, max: 20_000 }),
    availableFrom: day,
    length: fc.option(fc.integer({ min: 1, max: 800 })),
    scheme,
    rentCapCents: fc.option(money),
    incomeCeilingCents: fc.option(fc.integer({ min: 1_000_000, max: 5_000_000 })),
    energyRating: rating
  })
  .map(({ length, ...o }): Offer => ({
    ...o,
    typology: `T${Math.max(1, o.capacity - 1)}`,
    availableUntil: length === null ? null : addDays(o.availableFrom, length),
    locAvantagesLevel: o.scheme === 'loc_avantages' ? 'loc1' : null
  }));

const applicantArb = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    persons: fc.integer({ min: 1, max: 7 }),
    accessibleNeeded: fc.boolean(),
    maxRentCents: money,
    yearlyIncomeCents: fc.integer({ min: 500_000, max: 5_000_000 }),
    communes: fc.uniqueArray(communes, { maxLength: 3 }),
    neededFrom: day,
    waitingSince: day,
    situation: fc.constantFrom<Applicant['situation']>('emergency_stay', 'residence', 'elsewhere'),
    emergencyStayEnd: fc.option(day)
  })
  .map((a): Applicant => a);

describe('property', () => {
  it('every ranked applicant passes every hard rule and every excluded one fails at least one', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(offerArb, fc.array(applicantArb, { maxLength: 12 }), day, (o, applicants, today) => {
        const r = rankApplicants(o, applicants, today);
        expect(r.matches.length + r.excluded.length).toBe(applicants.length);
        for (const m of r.matches) for (const rule of HARD_RULES) expect(rule(o, m.applicant)).toBeNull();
        for (const e of r.excluded) {
          expect(e.codes.length).toBeGreaterThan(0);
          expect(HARD_RULES.some((rule) => rule(o, e.applicant) !== null)).toBe(true);
        }
        // The same pairs, the other way round, agree.
        for (const a of applicants) {
          const back = rankOffers(a, [o], today);
          expect(back.matches.length).toBe(excludedBy(o, a).length === 0 ? 1 : 0);
        }
      }),
      { numRuns: 300 }
    );
  });
});
