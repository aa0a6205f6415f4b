// The referrals pages (/orientations): the intake form read once with the field at fault, the
// organisations a duty officer may pick for a phone referral, the staff queue in the order a
// duty officer works it, and the protocol path with what a person needs to choose (unit, site,
// cost, budget). The rules themselves are the referrals and protocol services': this module only
// reads around them.
import { countNights, isValidDate, MAX_STAY_NIGHTS, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { canSeeConfidentialAddress, PROGRAMMES, type Programme } from '#domain/programmes.ts';
import { isEmail } from '#schemas/common.ts';
import { canCreateReferral, URGENCIES, type ReferralStatus, type Urgency } from '#domain/referral-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { listOrganisations } from '#db/queries/organisations.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import type { Actor } from './actor.ts';
import { smtpUrl } from './notifications.ts';
import { suggestProtocolPath, type PathSuggestion } from './protocol.ts';
import { getReferral, type ReferralInput, type StaffReferralView } from './referrals.ts';

/** The needs a referral form offers as boxes to tick (stored as these words). */
export const REFERRAL_NEEDS = ['accessibility', 'pets', 'interpreter'] as const;
export const MAX_PERSONS = 20;
export const NOTES_MAX = 2000;

/** Whether referral decisions are emailed (SMTP_URL set); the page says so when they are not. */
export function isEmailEnabled(): boolean {
  return smtpUrl() !== null;
}

/** The organisations a duty officer may attach a phone referral to (or none). */
export function listReferralOrganisations(db: Db, actor: Actor): { id: string; name: string }[] {
  if (actor.role === 'partner' || !canCreateReferral(actor.role)) throw new AppError('forbidden', `the role ${actor.role} may not enter a referral taken by phone`);
  return listOrganisations(db).map((o) => ({ id: o.id, name: o.name }));
}

// ---------------------------------------------------------------------------------------------
// The intake form.
// ---------------------------------------------------------------------------------------------

/** The fields as typed, so that a refused form gives them back. */
export interface ReferralFormValues {
  programme: string;
  urgency: string;
  requestedStart: string;
  nights: string;
  adults: string;
  children: string;
  needs: string[];
  organisation: string;
  organisationOther: string;
  contact: string;
  phone: string;
  email: string;
  notes: string;
}

type Fields = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

export function emptyReferralForm(tonight: IsoDate): ReferralFormValues {
  return {
    programme: 'emergency',
    urgency: 'immediate',
    requestedStart: tonight,
    nights: '1',
    adults: '1',
    children: '0',
    needs: [],
    organisation: '',
    organisationOther: '',
    contact: '',
    phone: '',
    email: '',
    notes: ''
  };
}

function whole(raw: string, min: number, max: number): number | null {
  if (!/^\d{1,4}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}


/**
 * Reads the referral form. Error paths name the form's fields. A partner's organisation is its
 * account's (the service decides it); a duty officer picks one from the list or types who called.
 */
export function parseReferralForm(fields: Fields, actor: Actor, tonight: IsoDate): { values: ReferralFormValues; input: ReferralInput | null; errors: FieldError[] } {
  const get = (name: string) => {
    const v = fields.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  const values: ReferralFormValues = {
    programme: get('programme'),
    urgency: get('urgency'),
    requestedStart: get('requestedStart'),
    nights: get('nights'),
    adults: get('adults'),
    children: get('children') || '0',
    needs: fields.getAll('needs').filter((v): v is string => typeof v === 'string' && (REFERRAL_NEEDS as readonly string[]).includes(v)),
    organisation: get('organisation'),
    organisationOther: get('organisationOther'),
    contact: get('contact'),
    phone: get('phone'),
    email: get('email'),
    notes: get('notes')
  };
  const errors: FieldError[] = [];
  if (!(PROGRAMMES as readonly string[]).includes(values.programme)) errors.push({ path: 'programme', message: 'choose a programme' });
  if (!(URGENCIES as readonly string[]).includes(values.urgency)) errors.push({ path: 'urgency', message: 'choose an urgency' });
  if (!isValidDate(values.requestedStart)) errors.push({ path: 'requestedStart', message: 'not a date' });
  else if (values.requestedStart < tonight) errors.push({ path: 'requestedStart', message: `from tonight (${tonight}) on` });
  const nights = whole(values.nights, 1, MAX_STAY_NIGHTS);
  if (nights === null) errors.push({ path: 'nights', message: `a whole number from 1 to ${MAX_STAY_NIGHTS}` });
  const adults = whole(values.adults, 0, MAX_PERSONS);
  const children = whole(values.children, 0, MAX_PERSONS);
  if (adults === null) errors.push({ path: 'adults', message: `a whole number from 0 to ${MAX_PERSONS}` });
  if (children === null) errors.push({ path: 'children', message: `a whole number from 0 to ${MAX_PERSONS}` });
  if (adults !== null && children !== null && adults + children < 1) errors.push({ path: 'adults', message: 'at least one person' });
  if (!values.contact || values.contact.length > 200) errors.push({ path: 'contact', message: '1 to 200 characters' });
  if (!values.phone || values.phone.length > 40 || !/\d/.test(values.phone)) errors.push({ path: 'phone', message: 'a phone number' });
  if (values.email && (values.email.length > 200 || !isEmail(values.email))) errors.push({ path: 'email', message: 'an email address' });
  if (values.notes.length > NOTES_MAX) errors.push({ path: 'notes', message: `at most ${NOTES_MAX} characters` });
  const organisation = actor.role === 'partner' ? undefined : (values.organisation || values.organisationOther).slice(0, 200) || undefined;
  if (errors.length || nights === null || adults === null || children === null) return { values, input: null, errors };
  return {
    values,
    errors,
    input: {
      programme: values.programme as Programme,
      urgency: values.urgency as Urgency,
      requestedStart: values.requestedStart,
      nights,
      household: { adults, children, needs: values.needs },
      referrer: { organisation, contact: values.contact, phone: values.phone, ...(values.email && { email: values.email }) },
      ...(values.notes && { notes: values.notes })
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The protocol path from a referral.
// ---------------------------------------------------------------------------------------------

export interface PathUnit {
  unitId: string;
  unitName: string;
  siteName: string;
  commune: string;
  confidential: boolean;
  /** Null for a confidential site unless the caller may see its address. */
  address: string | null;
  capacity: number;
  accessible: boolean;
  nightlyCost: number | null;
  /** The cost of this leg's nights on this unit, in euros (hotel rooms). */
  cost: number | null;
  /** Whether this unit's nights would pass what is left of the year's budget. */
  wouldExceedBudget: boolean;
}

export interface ProtocolPlacing {
  referral: StaffReferralView;
  /** Whether the referral may still be placed (received or accepted). */
  placeable: boolean;
  start: IsoDate;
  tonight: IsoDate;
  hotelNights: number;
  apartmentNights: number;
  maxApartmentNights: number;
  persons: number;
  accessible: boolean;
  suggestion: PathSuggestion;
  hotel: { start: IsoDate; end: IsoDate; options: PathUnit[] };
  apartment: { start: IsoDate; end: IsoDate; options: PathUnit[] };
}

/**
 * What the protocol page shows for a referral: the hotel nights first (at most the hotel limit),
 * the apartment stay that follows, each option with its site and cost, and the year's budget.
 * Starts on the requested night, or tonight when that night has passed.
 */
export function getProtocolPlacing(db: Db, actor: Actor, referralId: string, query: { start?: string | null; apartmentNights?: number | null }, tonight: IsoDate): ProtocolPlacing {
  const referral = getReferral(db, actor, referralId);
  if (!('referrer' in referral)) throw new AppError('not_found', 'no such referral');
  if (referral.programme !== 'dv_protocol') throw new AppError('invalid', 'the protocol path is for referrals of the domestic-violence protocol', { errors: [{ path: 'programme', message: 'not dv_protocol' }] });
  const requested = referral.requestedStart < tonight ? tonight : referral.requestedStart;
  const start = query.start && isValidDate(query.start) && query.start >= tonight ? query.start : requested;
  const maxApartmentNights = findStayLimit(db, 'dv_protocol', 'apartment') ?? 92;
  const apartmentNights = query.apartmentNights && Number.isInteger(query.apartmentNights) && query.apartmentNights >= 1 && query.apartmentNights <= maxApartmentNights ? query.apartmentNights : maxApartmentNights;
  const persons = Math.max(1, referral.adults + referral.children);
  const accessible = referral.needs.includes('accessibility');
  const suggestion = suggestProtocolPath(db, actor, { start, persons, accessible, apartmentNights });
  const mayAddress = canSeeConfidentialAddress(actor.role);
  const describe = (o: PathSuggestion['hotel']['options'][number], legStart: IsoDate, legEnd: IsoDate): PathUnit | null => {
    const unit = findUnitWithSite(db, o.unitId);
    if (!unit) return null;
    const cost = o.nightlyCost === null ? null : Math.round(o.nightlyCost * 100 * countNights(legStart, legEnd)) / 100;
    return {
      unitId: unit.id,
      unitName: unit.name,
      siteName: unit.site.name,
      commune: unit.site.commune,
      confidential: unit.site.confidential,
      address: !unit.site.confidential || mayAddress ? unit.site.address : null,
      capacity: unit.capacity,
      accessible: unit.accessible,
      nightlyCost: o.nightlyCost,
      cost,
      wouldExceedBudget: cost !== null && Math.round(cost * 100) > suggestion.budget.remainingCents
    };
  };
  const legOf = (leg: PathSuggestion['hotel']) => ({ start: leg.start, end: leg.end, options: leg.options.map((o) => describe(o, leg.start, leg.end)).filter((u): u is PathUnit => u !== null) });
  return {
    referral,
    placeable: referral.status === 'received' || referral.status === 'accepted',
    start,
    tonight,
    hotelNights: countNights(suggestion.hotel.start, suggestion.hotel.end),
    apartmentNights,
    maxApartmentNights,
    persons,
    accessible,
    suggestion,
    hotel: legOf(suggestion.hotel),
    apartment: legOf(suggestion.apartment)
  };
}
