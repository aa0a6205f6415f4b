import { redirect } from '@sveltejs/kit';
import { RESIDENCE_ROLES } from '#domain/programmes.ts';
import { isFinalApplication, nextApplicationStatuses, APPLICATION_OUTCOMES, type ApplicationOutcome } from '#domain/residence-lifecycle.ts';
import { getApplication, listCommittees } from '#services/residence/applications.ts';
import { today } from '#services/clock.ts';
import { pageErrorFrom } from '$lib/server/errors';
import { decideFromForm } from '$lib/server/residence-applications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	let application;
	try {
		application = getApplication(locals.db, actor, params.id);
	} catch (e) {
		// Another organisation's application is « not found », exactly like one that does not exist.
		pageErrorFrom(e);
	}
	const next = nextApplicationStatuses(application.status);
	const outcomes = APPLICATION_OUTCOMES.filter((o): o is ApplicationOutcome => next.includes(o));
	const canDecide = RESIDENCE_ROLES.includes(actor.role);
	const day = today();
	return {
		view: 'household' in application ? ('staff' as const) : ('partner' as const),
		application,
		final: isFinalApplication(application.status),
		outcomes: canDecide ? outcomes : [],
		canWithdraw: actor.role === 'partner' && next.includes('withdrawn'),
		// An admitted application's contract is signed on the residence's page, this application chosen.
		canSign: canDecide && application.status === 'admitted',
		// The committees that have met (their decisions are recorded from their date), the latest first.
		committees: canDecide ? listCommittees(locals.db, actor).filter((c) => c.meetsOn <= day).slice(0, 12) : [],
		done: url.searchParams.get('fait')
	};
};

export const actions: Actions = {
	/** A decision (admins, the residence officer) or a partner's withdrawal; asked to be confirmed first. */
	decide: async ({ request, locals, params }) => {
		const result = decideFromForm(locals.db, locals.session!.actor, params.id, await request.formData());
		if ('decided' in result) redirect(303, `/residence/demandes/${encodeURIComponent(params.id)}?fait=${result.decided}`);
		return result;
	}
};
