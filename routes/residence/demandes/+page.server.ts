import { redirect } from '@sveltejs/kit';
import { APPLICATION_STATUSES, RESIDENCE_PUBLICS, type ApplicationStatus } from '#domain/residence-codes.ts';
import { listApplications } from '#services/residence/applications.ts';
import { communeChoices } from '#services/origin.ts';
import { fileFromForm } from '$lib/server/residence-applications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.session!.actor;
	const asked = url.searchParams.get('statut') ?? '';
	const status = (APPLICATION_STATUSES as readonly string[]).includes(asked) ? (asked as ApplicationStatus) : undefined;
	const applications = listApplications(locals.db, actor, status ? { status } : {});
	return {
		view: actor.role === 'partner' ? ('partner' as const) : ('staff' as const),
		applications,
		status: status ?? '',
		statuses: [...APPLICATION_STATUSES],
		publics: [...RESIDENCE_PUBLICS],
		communes: communeChoices(locals.db),
		done: url.searchParams.get('fait')
	};
};

export const actions: Actions = {
	/** Files an application: a partner for its organisation (a new household); staff for a new or a known household. */
	file: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const result = fileFromForm(locals.db, actor, await request.formData());
		if (!('id' in result)) return result;
		if (actor.role === 'partner') redirect(303, `/residence/demandes?fait=filed#demande-${result.id}`);
		redirect(303, `/residence/demandes/${encodeURIComponent(result.id)}?fait=filed`);
	}
};
