import { error } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { arrearsCsv, listArrears } from '#services/residence/board.ts';
import type { RequestHandler } from './$types';

/** The accountant's monthly arrears list (`?mois=YYYY-MM`, this month by default) as CSV: UTF-8 with a BOM, `;` separators. */
export const GET: RequestHandler = ({ locals, url }) => {
	try {
		const { month, lines } = listArrears(locals.db, locals.session!.actor, url.searchParams.get('mois'));
		return new Response(arrearsCsv(lines), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="impayes-${month}.csv"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		if (e instanceof AppError && (e.code === 'invalid' || e.code === 'forbidden')) error(e.status, e.code);
		throw e;
	}
};
