import { redirect } from '@sveltejs/kit';
import { today } from '#services/clock.ts';
import { createApplicant, householdForApplicant } from '#services/mission/applicants.ts';
import { blankApplicantForm, readApplicantForm, refusedByService, refusedForm } from '$lib/server/mission-forms';
import { PAYS_DE_LUNEL_COMMUNES } from '$lib/components/mission/communes';
import { pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const blank = blankApplicantForm(today());
	// From a household's record (« Inscrire à la mission logement »): the household already known,
	// its name (or pseudonym) and persons filled in, linked on creation.
	const menage = url.searchParams.get('menage');
	let household: ReturnType<typeof householdForApplicant> | null = null;
	if (menage) {
		try {
			household = householdForApplicant(locals.db, locals.session!.actor, menage);
		} catch (e) {
			pageErrorFrom(e);
		}
		blank.label = household.label;
		blank.persons = String(household.persons);
	}
	return { blank, household, today: today(), communes: [...PAYS_DE_LUNEL_COMMUNES] };
};

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
