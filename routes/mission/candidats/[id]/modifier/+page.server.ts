import { redirect } from '@sveltejs/kit';
import { today } from '#services/clock.ts';
import { updateApplicantDetails } from '#services/mission/applicants.ts';
import { getApplicant } from '#services/mission/views.ts';
import { applicantFormValues, readApplicantForm, refusedByService, refusedForm } from '$lib/server/mission-forms';
import { PAYS_DE_LUNEL_COMMUNES } from '$lib/components/mission/communes';
import { pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	let a: ReturnType<typeof getApplicant>;
	try {
		// Opening an applicant linked to a confidential household is audited by the service.
		a = getApplicant(locals.db, locals.session!.actor, params.id);
	} catch (e) {
		pageErrorFrom(e);
	}
	const communes = [...PAYS_DE_LUNEL_COMMUNES];
	return {
		applicant: { id: a.id, label: a.label, confidential: a.confidential, housed: a.housedAt != null },
		values: applicantFormValues(a, communes),
		today: today(),
		communes
	};
};

export const actions: Actions = {
	/** The need as corrected; a confidential household's applicant keeps its pseudonym (the service sees to it). */
	default: async ({ request, locals, params }) => {
		const parsed = readApplicantForm(await request.formData(), 'update');
		if (!parsed.input) return refusedForm(400, 'invalid', parsed.errors, parsed.values);
		try {
			updateApplicantDetails(locals.db, locals.session!.actor, params.id, parsed.input);
		} catch (e) {
			return refusedByService(e, parsed.values);
		}
		redirect(303, `/mission/candidats/${encodeURIComponent(params.id)}?fait=corrige`);
	}
};
