import { SITE_KINDS } from '#domain/programmes.ts';
import { changeStayLimits, listLimits } from '#services/admin.ts';
import { field, numberField, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ limits: listLimits(locals.db, locals.session!.actor) });

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const f = await request.formData();
		const programme = field(f, 'programme');
		const limits: Record<string, number> = {};
		const values: Record<string, string> = {};
		// A kind left empty keeps having no limit; any other value is checked by the service.
		for (const kind of SITE_KINDS) {
			values[kind] = field(f, kind);
			if (values[kind].trim() !== '') limits[kind] = numberField(f, kind);
		}
		try {
			const { changed } = changeStayLimits(locals.db, locals.session!.actor, programme, limits);
			return { form: 'limits', target: programme, done: changed ? 'saved' : 'unchanged' };
		} catch (e) {
			return refused(e, 'limits', values, programme);
		}
	}
};
