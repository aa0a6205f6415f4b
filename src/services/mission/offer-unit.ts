// The bridge to the booking core: a period offer becomes a unit with nights under housing_mission,
// through the inventory's and the blocks' own writes, in one transaction.
import { OUTSIDE_OFFER_PERIOD_REASON } from '#domain/block-reasons.ts';
import { AppError } from '#domain/errors.ts';
import type { Db } from '#db/client.ts';
import { findLandlord } from '#db/queries/landlords.ts';
import { findOffer, updateOffer, type OfferRow } from '#db/queries/offers.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { writeBlock } from '../blocks.ts';
import { nowMs } from '../clock.ts';
import { writeSite, writeUnit } from '../sites.ts';
import { writeTransaction } from '../transaction.ts';
import { assertMissionStaff, recordStep } from './access.ts';

/** Far bounds of the blocks that close a period unit outside its offer's period. */
const BEFORE_ALL = '2000-01-01';
const AFTER_ALL = '2100-01-01';

/**
 * Makes a period offer (one with availableUntil) bookable through the booking core: a site of kind
 * private at the offer's address and a unit under housing_mission, closed by two blocks outside
 * [availableFrom, availableUntil), in one transaction. The overlap triggers then guard its nights
 * like any unit's; partners never see private sites.
 */
export function createOfferUnit(db: Db, actor: Actor, offerId: string): OfferRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    if (offer.availableUntil == null) {
      throw new AppError('invalid', 'only an offer for a period (with availableUntil) becomes a unit with nights', {
        errors: [{ path: 'availableUntil', message: 'required for a unit with nights' }]
      });
    }
    if (offer.status === 'withdrawn' || offer.status === 'let') throw new AppError('invalid_transition', `the offer is ${offer.status}`);
    if (offer.unitId) throw new AppError('invalid_transition', 'this offer already has its unit');
    const landlord = findLandlord(tx, offer.landlordId);
    const at = nowMs();
    // Through the inventory's and the blocks' own writes, each with its audit entry, in this one transaction.
    const site = writeSite(tx, actor, {
      name: `${offer.typology} ${offer.commune} (${landlord?.name ?? 'bailleur'})`,
      commune: offer.commune,
      address: offer.address,
      confidential: false,
      kind: 'private'
    });
    const unit = writeUnit(tx, actor, {
      siteId: site.id,
      name: `${offer.typology} ${offer.commune}`,
      capacity: offer.capacity,
      typology: offer.typology,
      accessible: offer.accessible,
      programmes: ['housing_mission'],
      nightlyCost: null
    });
    for (const [start, end] of [
      [BEFORE_ALL, offer.availableFrom],
      [offer.availableUntil, AFTER_ALL]
    ] as const) {
      if (start < end) writeBlock(tx, actor, { unitId: unit.id, start, end, reason: OUTSIDE_OFFER_PERIOD_REASON }, 'outside_offer_period');
    }
    const row = updateOffer(tx, offerId, { unitId: unit.id, updatedAt: at });
    recordStep(tx, actor, offerId, null, 'unit_created', null, at);
    audit(tx, actor, 'offer.unit_create', 'offer', offerId, { unitId: unit.id, siteId: site.id });
    return row;
  });
}
