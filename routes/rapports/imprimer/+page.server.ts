import { today } from '#services/clock.ts';
import { renderOnly } from '$lib/render-only';
import { loadReport } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The board's activity report, to print or save as PDF: the same report, every definition written out. */
export const csr = false;

export const load: PageServerLoad = ({ locals, url, isDataRequest }) => {
	const day = today();
	return { report: renderOnly(isDataRequest, loadReport(locals.db, locals.session!.actor, url.searchParams, locals.locale, day)), today: day };
};
