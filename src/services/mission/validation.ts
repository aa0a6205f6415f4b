// The housing mission's inputs and their rules, checked by the services before any write (and by the
// offer form before it creates a landlord): what the schemas cannot say (real dates, dates in order,
// Loc'Avantages' level, a wait that has begun), and the shapes again for callers without a schema.
import { isValidDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { ENERGY_RATINGS as RATINGS, LOC_AVANTAGES_LEVELS as LEVELS, SCHEMES, SITUATIONS, type EnergyRating, type LocAvantagesLevel, type Scheme, type Situation } from '#domain/matching.ts';
import { today } from '../clock.ts';

/** Refuses with 422 invalid and the fields at fault, when there are any. */
export function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

export interface LandlordInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
}

export interface OfferInput {
  landlordId: string;
  commune: string;
  address: string;
  typology: string;
  surfaceM2: number;
  capacity: number;
  accessible: boolean;
  rentCents: number;
  chargesCents: number;
  availableFrom: string;
  availableUntil?: string | null;
  scheme: Scheme;
  locAvantagesLevel?: LocAvantagesLevel | null;
  rentCapCents?: number | null;
  incomeCeilingCents?: number | null;
  energyRating: EnergyRating;
  /** An optional link to photos of the dwelling. */
  photoUrl?: string | null;
}

/** The field errors of an offer input (empty when valid): the pages check a whole form before writing anything. */
export function offerErrors(i: OfferInput): FieldError[] {
  const e: FieldError[] = [];
  for (const k of ['commune', 'address', 'typology'] as const) if (!i[k]?.trim()) e.push({ path: k, message: 'required' });
  if (!Number.isInteger(i.capacity) || i.capacity < 1) e.push({ path: 'capacity', message: 'a whole number of at least 1' });
  if (!Number.isInteger(i.surfaceM2) || i.surfaceM2 < 1) e.push({ path: 'surfaceM2', message: 'a whole number of at least 1' });
  for (const k of ['rentCents', 'chargesCents'] as const)
    if (!Number.isInteger(i[k]) || i[k] < 0) e.push({ path: k, message: 'a whole number of cents, not negative' });
  if (!isValidDate(i.availableFrom)) e.push({ path: 'availableFrom', message: 'a date YYYY-MM-DD' });
  if (i.availableUntil != null && (!isValidDate(i.availableUntil) || i.availableUntil <= i.availableFrom))
    e.push({ path: 'availableUntil', message: 'a date after availableFrom' });
  if (!SCHEMES.includes(i.scheme)) e.push({ path: 'scheme', message: `one of ${SCHEMES.join(', ')}` });
  if (i.locAvantagesLevel != null && !LEVELS.includes(i.locAvantagesLevel)) e.push({ path: 'locAvantagesLevel', message: `one of ${LEVELS.join(', ')}` });
  if (!RATINGS.includes(i.energyRating)) e.push({ path: 'energyRating', message: 'A to G' });
  if (i.scheme === 'loc_avantages' && i.locAvantagesLevel == null) e.push({ path: 'locAvantagesLevel', message: 'required under Loc\'Avantages (loc1, loc2 or loc3)' });
  for (const k of ['rentCapCents', 'incomeCeilingCents'] as const)
    if (i[k] != null && (!Number.isInteger(i[k]) || (i[k] as number) < 0)) e.push({ path: k, message: 'a whole number of cents, not negative' });
  if (i.photoUrl != null && i.photoUrl !== '' && !/^https?:\/\/\S+$/.test(i.photoUrl)) e.push({ path: 'photoUrl', message: 'a link starting with http:// or https://' });
  return e;
}

export interface ApplicantInput {
  householdId?: string | null;
  label: string;
  persons: number;
  accessibleNeeded: boolean;
  maxRentCents: number;
  yearlyIncomeCents: number;
  communes: string[];
  neededFrom: string;
  waitingSince: string;
  situation: Situation;
  emergencyStayEnd?: string | null;
}

export function applicantErrors(i: ApplicantInput): FieldError[] {
  const e: FieldError[] = [];
  if (!i.label?.trim()) e.push({ path: 'label', message: 'required' });
  if (!Number.isInteger(i.persons) || i.persons < 1) e.push({ path: 'persons', message: 'a whole number of at least 1' });
  for (const k of ['maxRentCents', 'yearlyIncomeCents'] as const)
    if (!Number.isInteger(i[k]) || i[k] < 0) e.push({ path: k, message: 'a whole number of cents, not negative' });
  for (const k of ['neededFrom', 'waitingSince'] as const) if (!isValidDate(i[k])) e.push({ path: k, message: 'a date YYYY-MM-DD' });
  // Time waited counts from waitingSince: a day still to come would be a wait that has not begun.
  if (isValidDate(i.waitingSince) && i.waitingSince > today()) e.push({ path: 'waitingSince', message: 'not after today' });
  if (!SITUATIONS.includes(i.situation)) e.push({ path: 'situation', message: `one of ${SITUATIONS.join(', ')}` });
  if (i.emergencyStayEnd != null && !isValidDate(i.emergencyStayEnd)) e.push({ path: 'emergencyStayEnd', message: 'a date YYYY-MM-DD' });
  if (!Array.isArray(i.communes)) e.push({ path: 'communes', message: 'a list of communes' });
  return e;
}
