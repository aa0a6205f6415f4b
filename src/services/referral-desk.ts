// The referrals pages (/orientations): the organisations a duty officer may pick for a phone
// referral, and the protocol path with what a person needs to choose (unit, site, cost, budget).
// The rules themselves are the referrals and protocol services': this module only reads around them.
import { countNights, isValidDate, type IsoDate } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { canSeeConfidentialAddress } from '#domain/programmes.ts';
import { canCreateReferral } from '#domain/referral-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { listOrganisations } from '#db/queries/organisations.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import type { Actor } from './actor.ts';
import { smtpUrl } from './notifications.ts';
import { suggestProtocolPath, type PathSuggestion } from './protocol.ts';
import { getReferral, type StaffReferralView } from './referrals.ts';

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
