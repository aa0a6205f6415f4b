import { fail } from '@sveltejs/kit';
import { liftConfidentiality, openHousehold, revealHouseholdName } from '#services/households.ts';
import { LIFT_FIELDS, parseLiftForm, parseRevealForm } from '$lib/server/households';
import { failFrom, pageErrorFrom, errorsByField } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		// Opening a confidential household's record is written to the audit log by the service.
		return { household: openHousehold(locals.db, locals.session!.actor, params.id) };
	} catch (e) {
		pageErrorFrom(e);
	}
};

export const actions: Actions = {
	reveal: async ({ request, params, locals }) => {
		const parsed = parseRevealForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values });
		try {
			// The name goes back on this one response only; the load never returns it.
			return { revealed: revealHouseholdName(locals.db, locals.session!.actor, params.id, parsed.data.reason).label };
		} catch (e) {
			return failFrom(e, (e) => ({ code: e.code, errors: errorsByField(e.errors), values }));
		}
	},
	/** An admin lifts the confidentiality, with a reason (audited by the service). */
	lift: async ({ request, params, locals }) => {
		const parsed = parseLiftForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values });
		try {
			liftConfidentiality(locals.db, locals.session!.actor, params.id, parsed.data.reason);
			return { lifted: true };
		} catch (e) {
			return failFrom(e, (e) => ({ code: e.code, errors: errorsByField(e.errors, LIFT_FIELDS), values }));
		}
	}
};
