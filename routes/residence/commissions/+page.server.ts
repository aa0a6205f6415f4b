import { redirect } from '@sveltejs/kit';
import { RESIDENCE_ROLES } from '#domain/programmes.ts';
import { today } from '#services/clock.ts';
import { listCommittees } from '#services/residence/applications.ts';
import { committeeFromForm } from '$lib/server/residence-applications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	return { committees: listCommittees(locals.db, actor), canCreate: RESIDENCE_ROLES.includes(actor.role), today: today() };
};

export const actions: Actions = {
	/** A new meeting of the admission committee (admins, the residence officer). */
	create: async ({ request, locals }) => {
		const result = committeeFromForm(locals.db, locals.session!.actor, await request.formData());
		if (!('id' in result)) return result;
		redirect(303, `/residence/commissions/${encodeURIComponent(result.id)}?fait=created`);
	}
};
