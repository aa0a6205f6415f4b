import { AppError } from '#domain/errors.ts';
import { tonight } from '#services/clock.ts';
import { publicReport } from '#services/reports/public.ts';
import type { PageServerLoad } from './$types';

/** Years offered in the choice: the last finished year and the five before (public figures are of finished years only). */
const YEARS_BACK = 5;

// The year's public figures for everyone signed in (partners included): the service applies the
// small-number rule; the page only shows « < 3 » where a figure is withheld.
export const load: PageServerLoad = ({ locals, url }) => {
	const current = Number(tonight().slice(0, 4));
	const raw = url.searchParams.get('annee');
	let report;
	let badYear = false;
	try {
		report = publicReport(locals.db, raw ?? String(current - 1));
	} catch (e) {
		if (!(e instanceof AppError) || e.code !== 'invalid') throw e;
		badYear = true;
		report = publicReport(locals.db, current - 1);
	}
	return {
		report,
		badYear,
		years: Array.from({ length: YEARS_BACK + 1 }, (_, i) => current - 1 - i)
	};
};
