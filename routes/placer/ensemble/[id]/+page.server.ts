import { getTogetherStays } from '#services/stays.ts';
import { getStaySheet } from '#services/stay-notes.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

/** A household placed in several units on the same nights: every stay, with its unit and address. */
export const load: PageServerLoad = ({ locals, params }) => {
	const actor = locals.session!.actor;
	try {
		const sheets = getTogetherStays(locals.db, actor, params.id).map((s) => getStaySheet(locals.db, actor, s.id));
		return { sheets };
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
};
