import { redirect } from '@sveltejs/kit';
import { createLandlord } from '#services/mission/landlords.ts';
import { listLandlords } from '#services/mission/views.ts';
import { blankLandlordForm, readLandlordForm, refusedByService, refusedForm } from '$lib/server/mission-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	landlords: listLandlords(locals.db, locals.session!.actor).map((l) => ({ id: l.id, name: l.name, phone: l.phone, email: l.email, offers: l.offers })),
	blank: blankLandlordForm()
});

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const parsed = readLandlordForm(await request.formData());
		if (!parsed.input) return refusedForm(400, 'invalid', parsed.errors, parsed.values);
		let id: string;
		try {
			id = createLandlord(locals.db, locals.session!.actor, parsed.input).id;
		} catch (e) {
			return refusedByService(e, parsed.values);
		}
		redirect(303, `/mission/bailleurs/${encodeURIComponent(id)}?fait=cree`);
	}
};
