import { getPathway } from '#services/pathway.ts';
import { pathwayView } from '$lib/server/pathway';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		const actor = locals.session!.actor;
		// Reading a confidential household's pathway is written to the audit log by the service.
		const pathway = getPathway(locals.db, actor, params.id);
		return {
			household: { id: pathway.householdId, pseudonym: pathway.pseudonym, label: pathway.label, confidential: pathway.confidential },
			steps: pathwayView(pathway, actor.role)
		};
	} catch (e) {
		pageErrorFrom(e);
	}
};
