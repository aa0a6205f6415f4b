// The access request's download: everything held about one household, as a JSON file, for an
// admin (the service refuses anyone else before reading anything, and audits the export). A POST,
// so that no link preloading or crawler ever writes an export to the audit log.
import { exportHousehold } from '#services/household-export.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, locals }) => {
	try {
		const value = exportHousehold(locals.db, locals.session!.actor, params.id);
		return new Response(JSON.stringify(value, null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="menage-${value.household.pseudonym.replace(/[^A-Za-z0-9-]+/g, '-')}.json"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		pageErrorFrom(e, ['forbidden', 'not_found']);
	}
};
