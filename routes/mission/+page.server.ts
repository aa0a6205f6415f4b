import { listOffers } from '#services/mission/views.ts';
import { OFFER_STATUSES } from '$lib/components/mission/options';
import type { PageServerLoad } from './$types';

/** The offers board: every offer, by status, the newest first within each. */
export const load: PageServerLoad = ({ locals }) => {
	const offers = listOffers(locals.db, locals.session!.actor);
	return {
		sections: OFFER_STATUSES.map((status) => ({
			status,
			offers: offers
				.filter((o) => o.status === status)
				.map((o) => ({
					id: o.id,
					typology: o.typology,
					commune: o.commune,
					capacity: o.capacity,
					rentCents: o.rentCents,
					chargesCents: o.chargesCents,
					scheme: o.scheme,
					locAvantagesLevel: o.locAvantagesLevel,
					availableFrom: o.availableFrom,
					availableUntil: o.availableUntil,
					accessible: o.accessible,
					landlordName: o.landlordName,
					openProposals: o.openProposals
				}))
		}))
	};
};
