// The housing mission's offers: a new one in draft, opened, withdrawn (its unit out of service, its
// proposals closed), corrected while draft or open; each write in one transaction with its audit
// entry and its dated step.
import { AppError } from '#domain/errors.ts';
import { decideOfferMove, isLiveOffer, type OfferStatus } from '#domain/proposal-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { setUnitActive } from '#db/queries/units.ts';
import { findLandlord } from '#db/queries/landlords.ts';
import { findOffer, insertOffer, updateOffer, type OfferRow } from '#db/queries/offers.ts';
import { listOpenProposalsOfOffer, updateProposal } from '#db/queries/proposals.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs, tonight } from '../clock.ts';
import { newId, writeTransaction } from '../transaction.ts';
import { assertMissionStaff, recordStep } from './access.ts';
import { offerErrors, refuse, type OfferInput } from './validation.ts';

/** An offer's terms as stored: texts trimmed, what is left out null. */
function termsOf(input: Omit<OfferInput, 'landlordId'>) {
  return {
    commune: input.commune.trim(),
    address: input.address.trim(),
    typology: input.typology.trim(),
    surfaceM2: input.surfaceM2,
    capacity: input.capacity,
    accessible: input.accessible,
    rentCents: input.rentCents,
    chargesCents: input.chargesCents,
    availableFrom: input.availableFrom,
    availableUntil: input.availableUntil ?? null,
    scheme: input.scheme,
    locAvantagesLevel: input.locAvantagesLevel ?? null,
    rentCapCents: input.rentCapCents ?? null,
    incomeCeilingCents: input.incomeCeilingCents ?? null,
    energyRating: input.energyRating,
    photoUrl: input.photoUrl?.trim() || null
  };
}

/** A new offer, in draft. */
export function createOffer(db: Db, actor: Actor, input: OfferInput): OfferRow {
  assertMissionStaff(actor);
  refuse(offerErrors(input));
  return writeTransaction(db, (tx) => {
    if (!findLandlord(tx, input.landlordId)) throw new AppError('not_found', `no landlord ${input.landlordId}`);
    const at = nowMs();
    const row = insertOffer(tx, {
      id: newId(),
      landlordId: input.landlordId,
      ...termsOf(input),
      status: 'draft',
      statusReason: null,
      createdAt: at,
      updatedAt: at
    });
    recordStep(tx, actor, row.id, null, 'draft', null, at);
    audit(tx, actor, 'offer.create', 'offer', row.id, { landlordId: input.landlordId });
    return row;
  });
}

function moveOffer(db: Db, actor: Actor, offerId: string, to: OfferStatus, reason?: string): OfferRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    const decided = decideOfferMove(offer.status, to, reason);
    const at = nowMs();
    const row = updateOffer(tx, offerId, { status: to, statusReason: decided.reason, updatedAt: at });
    recordStep(tx, actor, offerId, null, to, decided.reason, at);
    audit(tx, actor, `offer.${to}`, 'offer', offerId, { from: offer.status, reason: decided.reason });
    if (to === 'withdrawn') {
      // A withdrawn offer's nights are no longer offered; stays already placed there remain.
      if (offer.unitId) setUnitActive(tx, offer.unitId, false, tonight());
      for (const p of listOpenProposalsOfOffer(tx, offerId, '')) {
        updateProposal(tx, p.id, { status: 'closed', reason: 'offer_withdrawn', updatedAt: at });
        recordStep(tx, actor, offerId, p.id, 'closed', 'offer_withdrawn', at);
        audit(tx, actor, 'proposal.closed', 'proposal', p.id, { from: p.status, reason: 'offer_withdrawn' });
      }
    }
    return row;
  });
}

export function openOffer(db: Db, actor: Actor, offerId: string): OfferRow {
  return moveOffer(db, actor, offerId, 'open');
}

export function withdrawOffer(db: Db, actor: Actor, offerId: string, reason: string): OfferRow {
  return moveOffer(db, actor, offerId, 'withdrawn', reason);
}

/** What an offer's unit with nights fixes: once the unit exists, these no longer change. */
const UNIT_FIELDS = ['commune', 'address', 'typology', 'capacity', 'accessible', 'availableFrom', 'availableUntil'] as const;

/**
 * Corrects an offer in draft or open (a typo, a new rent): the whole offer as entered, checked as
 * at creation; the fields that changed are recorded as a dated step (names only). Once a period
 * offer has its unit with nights, its place, size and period are fixed (409). Proposals already
 * made stay as they are; new proposals follow the corrected terms.
 */
export function updateOfferDetails(db: Db, actor: Actor, offerId: string, input: Omit<OfferInput, 'landlordId'>): OfferRow {
  assertMissionStaff(actor);
  return writeTransaction(db, (tx) => {
    const offer = findOffer(tx, offerId);
    if (!offer) throw new AppError('not_found', `no offer ${offerId}`);
    if (!isLiveOffer(offer.status)) throw new AppError('invalid_transition', `the offer is ${offer.status}: it can no longer be changed`);
    refuse(offerErrors({ ...input, landlordId: offer.landlordId }));
    const next = termsOf(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== offer[k]);
    if (changed.length === 0) return offer;
    const fixed = changed.filter((k) => (UNIT_FIELDS as readonly string[]).includes(k));
    if (offer.unitId && fixed.length > 0) {
      throw new AppError('invalid_transition', `the offer already has its unit with nights: ${fixed.join(', ')} can no longer change`);
    }
    const at = nowMs();
    const row = updateOffer(tx, offerId, { ...next, updatedAt: at });
    recordStep(tx, actor, offerId, null, 'edited', changed.join(', '), at);
    audit(tx, actor, 'offer.update', 'offer', offerId, { fields: changed });
    return row;
  });
}
