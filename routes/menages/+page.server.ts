import { getDb } from '#db/client.ts';
import { SEARCH_LIMIT, searchHouseholds } from '#services/households.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	// A search longer than the service accepts is cut rather than refused: nobody types 100 characters.
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	return { ...searchHouseholds(getDb(), locals.session!.actor, { q }), limit: SEARCH_LIMIT };
};
