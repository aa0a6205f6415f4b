import { legalSettingsInput } from '#schemas/legal.ts';
import { getLegalSettingsForAdmin, setLegalSettings } from '#services/legal.ts';
import { parseForm } from '$lib/server/forms';
import { invalid, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

// What the public legal notice, privacy notice and accessibility statement say that an admin fills
// in. The rules (a rate of 0 to 100, an audit's date, a rate and a date together) are the service's.
export const load: PageServerLoad = ({ locals }) => ({ settings: getLegalSettingsForAdmin(locals.db, locals.session!.actor) });

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const parsed = parseForm(legalSettingsInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'legal', parsed.values);
		try {
			const { changed } = setLegalSettings(locals.db, locals.session!.actor, parsed.data);
			return { form: 'legal', done: changed.length ? 'saved' : 'unchanged' };
		} catch (e) {
			return refused(e, 'legal', parsed.values);
		}
	}
};
