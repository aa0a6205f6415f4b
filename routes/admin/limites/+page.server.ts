import { stayLimitsInput } from '#schemas/inventory.ts';
import { changeStayLimits, listLimits } from '#services/admin.ts';
import { parseForm } from '$lib/server/forms';
import { invalid, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ limits: listLimits(locals.db, locals.session!.actor) });

export const actions: Actions = {
	// A kind left empty keeps having no limit; the range of the others is the service's rule.
	save: async ({ request, locals }) => {
		const parsed = parseForm(stayLimitsInput, await request.formData());
		const programme = parsed.values.programme ?? '';
		if (!parsed.ok) return invalid(parsed, 'limits', parsed.values, programme);
		try {
			const { changed } = changeStayLimits(locals.db, locals.session!.actor, parsed.data.programme, parsed.data.maxNights);
			return { form: 'limits', target: programme, done: changed ? 'saved' : 'unchanged' };
		} catch (e) {
			return refused(e, 'limits', parsed.values, programme);
		}
	}
};
