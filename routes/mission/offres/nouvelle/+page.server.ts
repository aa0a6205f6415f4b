import { fail, redirect } from '@sveltejs/kit';
import { today } from '#services/clock.ts';
import { createLandlord } from '#services/mission/landlords.ts';
import { createOffer, openOffer } from '#services/mission/offers.ts';
import { listApplicants, listLandlords, listOffers } from '#services/mission/views.ts';
import { blankOfferForm, formErrors, readOfferForm, type OfferFormErrors, type OfferFormValues } from '$lib/server/mission-forms';
import { assertAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export interface OfferFailure {
	code: string;
	errors: OfferFormErrors;
	values: OfferFormValues;
	/** The name of the landlord created by this form when the offer itself was then refused. */
	landlordCreated: string | null;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const db = locals.db;
	const actor = locals.session!.actor;
	const landlords = listLandlords(db, actor).map((l) => ({ id: l.id, name: l.name, phone: l.phone }));
	// The communes already known to the mission, offered as suggestions while typing.
	const communes = new Set<string>();
	for (const o of listOffers(db, actor)) communes.add(o.commune);
	for (const a of listApplicants(db, actor)) for (const c of a.communes) communes.add(c);
	const chosen = url.searchParams.get('bailleur') ?? '';
	return {
		landlords,
		communes: [...communes].sort((a, b) => a.localeCompare(b, 'fr')),
		blank: blankOfferForm(today(), landlords.some((l) => l.id === chosen) ? chosen : '')
	};
};

export const actions: Actions = {
	/** A new offer in draft, opened at once with « Enregistrer et ouvrir »; a new landlord first if typed. */
	default: async ({ request, locals }) => {
		const db = locals.db;
		const actor = locals.session!.actor;
		const form = await request.formData();
		const open = form.get('then') === 'open';
		const { values, landlord, input, errors } = readOfferForm(form);
		if (!landlord || !input) return fail(400, { code: 'invalid', errors, values, landlordCreated: null } satisfies OfferFailure);
		let landlordId = '';
		let created: string | null = null;
		let offerId: string;
		try {
			if ('id' in landlord) landlordId = landlord.id;
			else {
				landlordId = createLandlord(db, actor, { name: landlord.name, phone: landlord.phone }).id;
				created = landlord.name;
			}
			offerId = createOffer(db, actor, { ...input, landlordId }).id;
		} catch (e) {
			assertAppError(e);
			// A landlord created just before stays chosen: sending the form again does not create it twice.
			const kept = created ? { ...values, landlordId, landlordName: '', landlordPhone: '' } : values;
			const fieldErrors = e.code === 'not_found' ? { landlordId: 'landlordId' } : formErrors(e.errors ?? []);
			return fail(e.status, { code: e.code, errors: fieldErrors, values: kept, landlordCreated: created } satisfies OfferFailure);
		}
		if (open) openOffer(db, actor, offerId);
		redirect(303, `/mission/offres/${encodeURIComponent(offerId)}?fait=${open ? 'opened' : 'created'}`);
	}
};
