import { redirect } from '@sveltejs/kit';
import { RESIDENCE_ROLES } from '#domain/programmes.ts';
import { APPLICATION_OUTCOMES, nextApplicationStatuses, type ApplicationOutcome } from '#domain/residence-lifecycle.ts';
import { committeeAgenda } from '#services/residence/applications.ts';
import { pageErrorFrom } from '$lib/server/errors';
import { decideFromForm } from '$lib/server/residence-applications';
import type { Actions, PageServerLoad } from './$types';

/** The outcomes a committee gives (a withdrawal is the household's or its referrer's, on the application's page). */
const COMMITTEE_OUTCOMES = APPLICATION_OUTCOMES.filter((o) => o !== 'withdrawn');

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	let agenda;
	try {
		agenda = committeeAgenda(locals.db, actor, params.id);
	} catch (e) {
		pageErrorFrom(e);
	}
	const outcomesFor = (status: 'received' | 'waiting_list' | string): ApplicationOutcome[] =>
		COMMITTEE_OUTCOMES.filter((o) => nextApplicationStatuses(status as 'received').includes(o));
	return {
		agenda,
		canDecide: RESIDENCE_ROLES.includes(actor.role) && agenda.open,
		outcomes: { received: outcomesFor('received'), waiting_list: outcomesFor('waiting_list') },
		done: url.searchParams.get('fait'),
		doneFor: url.searchParams.get('demande')
	};
};

export const actions: Actions = {
	/** A decision of this committee on one application of its agenda; asked to be confirmed first. */
	decide: async ({ request, locals, params }) => {
		const form = await request.formData();
		const applicationId = String(form.get('applicationId') ?? '').slice(0, 100);
		form.set('committeeId', params.id);
		const result = decideFromForm(locals.db, locals.session!.actor, applicationId, form);
		if ('decided' in result) redirect(303, `/residence/commissions/${encodeURIComponent(params.id)}?fait=${result.decided}&demande=${encodeURIComponent(applicationId)}#decisions`);
		return result;
	}
};
