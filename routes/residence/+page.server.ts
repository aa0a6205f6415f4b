import { AppError } from '#domain/errors.ts';
import { getResidenceBoard } from '#services/residence/board.ts';
import { renderOnly } from '$lib/render-only';
import type { PageServerLoad } from './$types';

/** The residence's page is links and plain forms, like the planning it shows: no JavaScript. */
export const csr = false;

export const load: PageServerLoad = ({ locals, url, isDataRequest }) => {
	const actor = locals.session!.actor;
	try {
		return { board: renderOnly(isDataRequest, getResidenceBoard(locals.db, actor, url.searchParams.get('mois'))), queryError: false };
	} catch (e) {
		// A mistyped month still shows the residence: this month's, and says so.
		if (e instanceof AppError && e.code === 'invalid') return { board: renderOnly(isDataRequest, getResidenceBoard(locals.db, actor)), queryError: true };
		throw e;
	}
};
