import { error } from '@sveltejs/kit';
import { today } from '#services/clock.ts';
import { allTables, loadReport, tableCsv } from '$lib/server/reports';
import type { RequestHandler } from './$types';

/**
 * One table of the report as CSV (UTF-8 with a BOM, `;` separators): the same header and rows as
 * the page shows for the same period query, numbers without grouping. An unknown table is 404.
 */
export const GET: RequestHandler = ({ locals, url, params }) => {
	const report = loadReport(locals.db, locals.session!.actor, url.searchParams, locals.locale, today());
	// A period the page would not take is refused here rather than answered with another period's figures.
	if (report.problem) error(400, `invalid period (${report.problem}): use mois=YYYY-MM, trimestre=YYYY-Tn, annee=YYYY or du=YYYY-MM-DD&au=YYYY-MM-DD`);
	const table = allTables(report).find((t) => t.id === params.table);
	if (!table) error(404, 'not_found');
	return new Response(tableCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${table.id}-${report.period.from}-${report.period.last}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
