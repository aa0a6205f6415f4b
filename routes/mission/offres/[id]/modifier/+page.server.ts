import { fail, redirect } from '@sveltejs/kit';
import { isLiveOffer } from '#domain/proposal-lifecycle.ts';
import { updateOfferDetails } from '#services/mission/offers.ts';
import { getOffer, listApplicants, listOffers } from '#services/mission/views.ts';
import { formErrors, offerFormValues, readOfferDetails, type OfferFormErrors, type OfferFormValues } from '$lib/server/mission-forms';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export interface OfferEditFailure {
	code: string;
	errors: OfferFormErrors;
	values: OfferFormValues;
}

function offerOr404(db: App.Locals['db'], id: string, actor: Parameters<typeof getOffer>[1]) {
	try {
		return getOffer(db, actor, id);
	} catch (e) {
		pageErrorFrom(e);
	}
}

export const load: PageServerLoad = ({ locals, params }) => {
	const db = locals.db;
	const actor = locals.session!.actor;
	const offer = offerOr404(locals.db, params.id, actor);
	// The communes already known to the mission, offered as suggestions while typing.
	const communes = new Set<string>();
	for (const o of listOffers(db, actor)) communes.add(o.commune);
	for (const a of listApplicants(db, actor)) for (const c of a.communes) communes.add(c);
	return {
		offer: {
			id: offer.id,
			typology: offer.typology,
			commune: offer.commune,
			landlordName: offer.landlordName,
			live: isLiveOffer(offer.status),
			unitFixed: offer.unitId !== null
		},
		values: offerFormValues(offer),
		communes: [...communes].sort((a, b) => a.localeCompare(b, 'fr'))
	};
};

export const actions: Actions = {
	/** The whole offer as corrected; the landlord stays. */
	default: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const { values, input, errors } = readOfferDetails(await request.formData());
		if (!input) return fail(400, { code: 'invalid', errors, values } satisfies OfferEditFailure);
		try {
			updateOfferDetails(locals.db, actor, params.id, input);
		} catch (e) {
			assertAppError(e);
			let code: string = e.code;
			// 409 in words: still open, so its unit fixes place, size and period; else it was let or withdrawn.
			if (e.code === 'invalid_transition') {
				const now = offerOr404(locals.db, params.id, actor);
				code = isLiveOffer(now.status) ? 'unit_fixed' : 'offer_ended';
			}
			return fail(e.status, { code, errors: formErrors(e.errors ?? []), values } satisfies OfferEditFailure);
		}
		redirect(303, `/mission/offres/${encodeURIComponent(params.id)}?fait=edited`);
	}
};
