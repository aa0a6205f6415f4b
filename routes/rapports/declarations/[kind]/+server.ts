import { error } from '@sveltejs/kit';
import { altStatementCsv, protocolYearCsv, protocolYearReport, siaoDeclarationCsv } from '#services/reports/declarations.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/**
 * The declarations for a signed-in browser, as CSV files (the API's routes need a token): the SIAO's
 * month (`/rapports/declarations/siao?month=YYYY-MM`), the ALT statement and the DV protocol's year
 * (`alt` and `protocole`, `?year=YYYY`). Admins and duty officers only: the services refuse anyone
 * else (403); a malformed or impossible month or year is 400; an unknown declaration 404.
 */
export const GET: RequestHandler = ({ locals, url, params }) => {
	const actor = locals.session!.actor;
	const month = url.searchParams.get('month') ?? '';
	const year = url.searchParams.get('year') ?? '';
	try {
		if (params.kind === 'siao') return csv(`declaration-siao-${month}.csv`, siaoDeclarationCsv(locals.db, actor, month));
		if (params.kind === 'alt') return csv(`etat-alt-${year}.csv`, altStatementCsv(locals.db, actor, year));
		if (params.kind === 'protocole') {
			const report = protocolYearReport(locals.db, actor, year);
			return csv(`protocole-${report.year}.csv`, protocolYearCsv(report));
		}
	} catch (e) {
		pageErrorFrom(e, ['forbidden', 'validation', 'invalid']);
	}
	error(404, 'not_found');
};

function csv(filename: string, body: string): Response {
	return new Response(body, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }
	});
}
