import { AppError } from '#domain/errors.ts';
import { getContractView } from '#services/residence/board.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	try {
		try {
			return { contract: getContractView(locals.db, actor, params.id, url.searchParams.get('mois')) };
		} catch (e) {
			// A mistyped month shows this month's statement.
			if (e instanceof AppError && e.code === 'invalid') return { contract: getContractView(locals.db, actor, params.id) };
			throw e;
		}
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
};
