import { redirect } from '@sveltejs/kit';
import { today } from '#services/clock.ts';
import { createApplicant } from '#services/mission/applicants.ts';
import { blankApplicantForm, readApplicantForm, refusedByService, refusedForm } from '$lib/server/mission-forms';
import { PAYS_DE_LUNEL_COMMUNES } from '$lib/components/mission/communes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ blank: blankApplicantForm(today()), today: today(), communes: [...PAYS_DE_LUNEL_COMMUNES] });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const parsed = readApplicantForm(await request.formData(), 'create');
		if (!parsed.input) return refusedForm(400, 'invalid', parsed.errors, parsed.values);
		let id: string;
		try {
			id = createApplicant(locals.db, locals.session!.actor, parsed.input).id;
		} catch (e) {
			return refusedByService(e, parsed.values);
		}
		redirect(303, `/mission/candidats/${encodeURIComponent(id)}?fait=cree`);
	}
};
