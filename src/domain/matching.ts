// Matching of the housing mission: private landlords' offers and the households who need a home
// (docs/domain.md, "The housing mission").
// Pure rules: no I/O, no clock (`today` is an argument), dates are YYYY-MM-DD compared as text.
import { AppError } from './errors.ts';
import { addDays, countNights, isValidDate, type IsoDate } from './dates.ts';

/** The rental schemes an offer can be let under. */
export const SCHEMES = ['none', 'intermediation_lease', 'intermediation_sublease', 'solibail', 'loc_avantages'] as const;
export type Scheme = (typeof SCHEMES)[number];
/** Loc'Avantages' three levels of rent reduction. */
export const LOC_AVANTAGES_LEVELS = ['loc1', 'loc2', 'loc3'] as const;
export type LocAvantagesLevel = (typeof LOC_AVANTAGES_LEVELS)[number];
/** The energy ratings, best first (compared as text: 'A' < 'G'). */
export const ENERGY_RATINGS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type EnergyRating = (typeof ENERGY_RATINGS)[number];
/** Where an applicant lives while waiting. */
export const SITUATIONS = ['emergency_stay', 'residence', 'elsewhere'] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface Offer {
  id: string;
  commune: string;
  /** 'T1', 'T2'… */
  typology: string;
  /** Persons the dwelling can house. */
  capacity: number;
  accessible: boolean;
  rentCents: number;
  chargesCents: number;
  availableFrom: IsoDate;
  /** Exclusive: the first day the dwelling is no longer available; null = open-ended. */
  availableUntil: IsoDate | null;
  scheme: Scheme;
  locAvantagesLevel: LocAvantagesLevel | null;
  /** The scheme's rent cap (rent without charges); null when none. */
  rentCapCents: number | null;
  /** The scheme's tenant income ceiling per year; null when none. */
  incomeCeilingCents: number | null;
  energyRating: EnergyRating;
}

export interface Applicant {
  id: string;
  persons: number;
  accessibleNeeded: boolean;
  /** Rent + charges the household can bear, per month. */
  maxRentCents: number;
  yearlyIncomeCents: number;
  /** Communes wanted; empty = any. */
  communes: readonly string[];
  neededFrom: IsoDate;
  waitingSince: IsoDate;
  situation: Situation;
  emergencyStayEnd: IsoDate | null;
}

// ---------------------------------------------------------------------------------------------
// Hard rules: each returns null when the pair passes, or the code of the reason that excludes it.

export type ExclusionCode =
  | 'capacity_too_small'
  | 'not_accessible'
  | 'rent_over_budget'
  | 'rent_over_cap'
  | 'income_over_ceiling'
  | 'energy_rating_too_low'
  | 'dates_not_available';

/** The dwelling houses at least the household's persons. */
export function capacityRule(offer: Offer, applicant: Applicant): ExclusionCode | null {
  return offer.capacity >= applicant.persons ? null : 'capacity_too_small';
}

/** A household that needs an accessible dwelling gets only accessible ones. */
export function accessibilityRule(offer: Offer, applicant: Applicant): ExclusionCode | null {
  return !applicant.accessibleNeeded || offer.accessible ? null : 'not_accessible';
}

/** Rent plus charges within what the household can bear. */
export function rentRule(offer: Offer, applicant: Applicant): ExclusionCode | null {
  return offer.rentCents + offer.chargesCents <= applicant.maxRentCents ? null : 'rent_over_budget';
}

/** The rent (without charges) within the scheme's cap, when it has one. */
export function rentCapRule(offer: Offer, _applicant?: Applicant): ExclusionCode | null {
  return offer.rentCapCents === null || offer.rentCents <= offer.rentCapCents ? null : 'rent_over_cap';
}

/** The household's yearly income within the scheme's ceiling, when it has one. */
export function incomeCeilingRule(offer: Offer, applicant: Applicant): ExclusionCode | null {
  return offer.incomeCeilingCents === null || applicant.yearlyIncomeCents <= offer.incomeCeilingCents
    ? null
    : 'income_over_ceiling';
}

/** From this date, Loc'Avantages requires an energy rating of D or better (E or better before). */
export const LOC_AVANTAGES_D_FROM: IsoDate = '2028-01-01';

/** The worst energy rating Loc'Avantages accepts for a dwelling available from `date`. */
export function worstLocAvantagesRating(date: IsoDate): EnergyRating {
  return date < LOC_AVANTAGES_D_FROM ? 'E' : 'D';
}

/**
 * Loc'Avantages: energy rating E or better (A..E) for an offer available before 2028-01-01, D or
 * better from that day; judged at the offer's availableFrom. Other schemes: no requirement here.
 */
export function energyRatingRule(offer: Offer, _applicant?: Applicant): ExclusionCode | null {
  if (offer.scheme !== 'loc_avantages') return null;
  return offer.energyRating <= worstLocAvantagesRating(offer.availableFrom) ? null : 'energy_rating_too_low';
}

/** The day the household can move in: the later of its need and the offer's availability. */
export function moveInDate(offer: Offer, applicant: Applicant): IsoDate {
  return applicant.neededFrom > offer.availableFrom ? applicant.neededFrom : offer.availableFrom;
}

/**
 * Dates: the household moves in on max(neededFrom, availableFrom); when the offer is for a period,
 * that day must be before availableUntil (exclusive). An offer available later than the need is
 * kept (the household moves in later); an offer whose period ends on or before the need is not.
 */
export function datesRule(offer: Offer, applicant: Applicant): ExclusionCode | null {
  if (offer.availableUntil === null) return null;
  return moveInDate(offer, applicant) < offer.availableUntil ? null : 'dates_not_available';
}

export const HARD_RULES: readonly ((offer: Offer, applicant: Applicant) => ExclusionCode | null)[] = [
  capacityRule,
  accessibilityRule,
  rentRule,
  rentCapRule,
  incomeCeilingRule,
  energyRatingRule,
  datesRule
];

/** Every hard rule the pair fails, in the order of HARD_RULES; empty when the pair matches. */
export function excludedBy(offer: Offer, applicant: Applicant): ExclusionCode[] {
  const out: ExclusionCode[] = [];
  for (const rule of HARD_RULES) {
    const code = rule(offer, applicant);
    if (code !== null) out.push(code);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reasons: a code and its params. The domain says no sentence: src/lib/i18n/match-reasons.ts words
// them in French and English for the pages and the API.

export type Reason =
  | { code: 'emergency_stay_ending'; params: { end: IsoDate; daysLeft: number } }
  | { code: 'commune_wanted'; params: { commune: string } }
  | { code: 'any_commune'; params: { commune: string } }
  | { code: 'commune_not_wanted'; params: { commune: string } }
  | { code: 'waited'; params: { since: IsoDate; days: number } }
  | { code: 'exact_size'; params: { capacity: number; persons: number } }
  | { code: 'larger_than_needed'; params: { capacity: number; persons: number; spare: number } }
  | { code: 'move_in'; params: { date: IsoDate } }
  | { code: ExclusionCode; params: Record<string, string | number> };
export type ReasonCode = Reason['code'];

/** An emergency stay ending within this many days of today makes the household urgent. */
export const URGENCY_DAYS = 14;

export interface MatchScore {
  /** In an emergency stay ending on or before today + URGENCY_DAYS (an end already past counts). */
  urgent: boolean;
  communeWanted: boolean;
  /** Days since waitingSince, as of today (0 when waitingSince is after today). */
  daysWaited: number;
  /** capacity - persons: 0 is the best fit. */
  spare: number;
}

export interface Match {
  offer: Offer;
  applicant: Applicant;
  moveIn: IsoDate;
  score: MatchScore;
  reasons: Reason[];
}

export interface Exclusion {
  offer: Offer;
  applicant: Applicant;
  codes: ExclusionCode[];
  reasons: Reason[];
}

export interface MatchResult {
  matches: Match[];
  excluded: Exclusion[];
}

function assertToday(today: IsoDate): void {
  if (!isValidDate(today)) throw new AppError('validation', `today is not a date: ${String(today)}`);
}

export function isUrgent(applicant: Applicant, today: IsoDate): boolean {
  return (
    applicant.situation === 'emergency_stay' &&
    applicant.emergencyStayEnd !== null &&
    applicant.emergencyStayEnd <= addDays(today, URGENCY_DAYS)
  );
}

export function communeWanted(offer: Offer, applicant: Applicant): boolean {
  return applicant.communes.length === 0 || applicant.communes.includes(offer.commune);
}

export function scoreMatch(offer: Offer, applicant: Applicant, today: IsoDate): MatchScore {
  return {
    urgent: isUrgent(applicant, today),
    communeWanted: communeWanted(offer, applicant),
    daysWaited: Math.max(0, countNights(applicant.waitingSince, today)),
    spare: offer.capacity - applicant.persons
  };
}

/** The reasons of a match's rank, in the order of the ranking. */
export function matchReasons(offer: Offer, applicant: Applicant, today: IsoDate): Reason[] {
  const s = scoreMatch(offer, applicant, today);
  const out: Reason[] = [];
  if (s.urgent) {
    const end = applicant.emergencyStayEnd as IsoDate;
    out.push({ code: 'emergency_stay_ending', params: { end, daysLeft: countNights(today, end) } });
  }
  if (applicant.communes.length === 0) out.push({ code: 'any_commune', params: { commune: offer.commune } });
  else if (s.communeWanted) out.push({ code: 'commune_wanted', params: { commune: offer.commune } });
  else out.push({ code: 'commune_not_wanted', params: { commune: offer.commune } });
  out.push({ code: 'waited', params: { since: applicant.waitingSince, days: s.daysWaited } });
  if (s.spare === 0) out.push({ code: 'exact_size', params: { capacity: offer.capacity, persons: applicant.persons } });
  else
    out.push({
      code: 'larger_than_needed',
      params: { capacity: offer.capacity, persons: applicant.persons, spare: s.spare }
    });
  out.push({ code: 'move_in', params: { date: moveInDate(offer, applicant) } });
  return out;
}

/** The params of an exclusion, for its sentence. */
export function exclusionReason(code: ExclusionCode, offer: Offer, applicant: Applicant): Reason {
  switch (code) {
    case 'capacity_too_small':
      return { code, params: { capacity: offer.capacity, persons: applicant.persons } };
    case 'not_accessible':
      return { code, params: {} };
    case 'rent_over_budget':
      return { code, params: { totalCents: offer.rentCents + offer.chargesCents, maxCents: applicant.maxRentCents } };
    case 'rent_over_cap':
      return { code, params: { rentCents: offer.rentCents, capCents: offer.rentCapCents ?? 0 } };
    case 'income_over_ceiling':
      return { code, params: { incomeCents: applicant.yearlyIncomeCents, ceilingCents: offer.incomeCeilingCents ?? 0 } };
    case 'energy_rating_too_low':
      return {
        code,
        params: { rating: offer.energyRating, worst: worstLocAvantagesRating(offer.availableFrom), date: offer.availableFrom }
      };
    case 'dates_not_available':
      return { code, params: { moveIn: moveInDate(offer, applicant), until: offer.availableUntil ?? '' } };
  }
}

/**
 * Ranking order: urgency first, then commune wanted, then time waited (longest first), then size
 * fit (least spare first), then applicant id, then offer id.
 */
export function compareMatches(a: Match, b: Match): number {
  return (
    Number(b.score.urgent) - Number(a.score.urgent) ||
    Number(b.score.communeWanted) - Number(a.score.communeWanted) ||
    b.score.daysWaited - a.score.daysWaited ||
    a.score.spare - b.score.spare ||
    cmp(a.applicant.id, b.applicant.id) ||
    cmp(a.offer.id, b.offer.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function judge(offer: Offer, applicant: Applicant, today: IsoDate): Match | Exclusion {
  const codes = excludedBy(offer, applicant);
  if (codes.length > 0) {
    return { offer, applicant, codes, reasons: codes.map((c) => exclusionReason(c, offer, applicant)) };
  }
  return {
    offer,
    applicant,
    moveIn: moveInDate(offer, applicant),
    score: scoreMatch(offer, applicant, today),
    reasons: matchReasons(offer, applicant, today)
  };
}

function collect(pairs: [Offer, Applicant][], today: IsoDate, byId: (e: Exclusion) => string): MatchResult {
  assertToday(today);
  const matches: Match[] = [];
  const excluded: Exclusion[] = [];
  for (const [o, a] of pairs) {
    const r = judge(o, a, today);
    if ('codes' in r) excluded.push(r);
    else matches.push(r);
  }
  matches.sort(compareMatches);
  excluded.sort((x, y) => cmp(byId(x), byId(y)));
  return { matches, excluded };
}

/** For an offer: the applicants it suits, best first, and those it excludes with their reasons. */
export function rankApplicants(offer: Offer, applicants: readonly Applicant[], today: IsoDate): MatchResult {
  return collect(
    applicants.map((a) => [offer, a]),
    today,
    (e) => e.applicant.id
  );
}

/** For an applicant: the offers that suit it, best first, and those excluded with their reasons. */
export function rankOffers(applicant: Applicant, offers: readonly Offer[], today: IsoDate): MatchResult {
  return collect(
    offers.map((o) => [o, applicant]),
    today,
    (e) => e.offer.id
  );
}
