import { canFindByExactName } from '#domain/confidentiality.ts';
import { SEARCH_LIMIT, searchHouseholds } from '#services/households.ts';
import { findByExactName } from '$lib/server/households';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	// A search longer than the service accepts is cut rather than refused: nobody types 100 characters.
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const actor = locals.session!.actor;
	return { ...searchHouseholds(locals.db, actor, { q }), limit: SEARCH_LIMIT, canFind: canFindByExactName(actor.role) };
};

export const actions: Actions = {
	/** A confidential household by its exact full name, with a reason (audited by the service). */
	find: async ({ request, locals }) => findByExactName(locals.db, locals.session!.actor, await request.formData())
};
