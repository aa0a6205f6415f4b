import { committeeMinutes } from '#services/residence/applications.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	try {
		return { minutes: committeeMinutes(locals.db, locals.session!.actor, params.id) };
	} catch (e) {
		pageErrorFrom(e);
	}
};
