import { quarterOf } from '#domain/report-period.ts';
import { today } from '#services/clock.ts';
import { renderOnly } from '$lib/render-only';
import { declarationLinks, loadReport, quarterOptions, quickPeriods } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The report's page is links, details and GET forms: no JavaScript. */
export const csr = false;

export const load: PageServerLoad = ({ locals, url, isDataRequest }) => {
	const actor = locals.session!.actor;
	const day = today();
	const report = loadReport(locals.db, actor, url.searchParams, locals.locale, day);
	const p = report.period;
	return {
		report: renderOnly(isDataRequest, report),
		declarations: declarationLinks(actor.role, p, locals.locale),
		quick: quickPeriods(day, locals.locale),
		quarters: quarterOptions(day, locals.locale),
		// The forms show the period on screen, each in its own terms.
		values: {
			month: p.from.slice(0, 7),
			quarter: `${p.from.slice(0, 4)}-T${quarterOf(p.from)}`,
			year: p.from.slice(0, 4),
			first: p.from,
			last: p.last
		}
	};
};
