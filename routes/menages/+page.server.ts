import { canFindByExactName } from '#domain/confidentiality.ts';
import { findConfidentialHousehold, SEARCH_LIMIT, searchHouseholds } from '#services/households.ts';
import { failFrom, errorsByField } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	// A search longer than the service accepts is cut rather than refused: nobody types 100 characters.
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const actor = locals.session!.actor;
	return { ...searchHouseholds(locals.db, actor, { q }), limit: SEARCH_LIMIT, canFind: canFindByExactName(actor.role) };
};

export const actions: Actions = {
	/** A confidential household by its exact full name, with a reason (audited by the service). Posted, so the name stays out of URLs and logs. */
	find: async ({ request, locals }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		const reason = String(form.get('reason') ?? '');
		try {
			return { found: findConfidentialHousehold(locals.db, locals.session!.actor, { name, reason }).households };
		} catch (e) {
			return failFrom(e, (e) => {
				const errors = errorsByField(e.errors);
				if (errors.name === 'required') errors.name = 'name_required';
				return { code: e.code, errors, values: { name, reason } };
			});
		}
	}
};
