import { error } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { publicReport, publicReportCsv } from '#services/reports/public.ts';
import type { RequestHandler } from './$types';

/** The year's public figures (`?annee=YYYY`) as CSV: an export marked public, « < 3 » where a figure is withheld. */
export const GET: RequestHandler = ({ locals, url }) => {
	try {
		const report = publicReport(locals.db, url.searchParams.get('annee') ?? '');
		return new Response(publicReportCsv(report), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="chiffres-publics-${report.year}.csv"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		if (e instanceof AppError && e.code === 'invalid') error(422, e.code);
		throw e;
	}
};
