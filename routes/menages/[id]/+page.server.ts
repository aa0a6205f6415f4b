import { error, fail } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { getDb } from '#db/client.ts';
import { liftConfidentiality, openHousehold, revealHouseholdName } from '#services/households.ts';
import { errorCodes, LIFT_FIELDS, parseLiftForm, parseRevealForm } from '$lib/server/households';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		// Opening a confidential household's record is written to the audit log by the service.
		return { household: openHousehold(getDb(), locals.session!.actor, params.id) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'not_found') error(404, 'not_found');
		throw e;
	}
};

export const actions: Actions = {
	reveal: async ({ request, params, locals }) => {
		const parsed = parseRevealForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values });
		try {
			// The name goes back on this one response only; the load never returns it.
			return { revealed: revealHouseholdName(getDb(), locals.session!.actor, params.id, parsed.data.reason).label };
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			return fail(e.status, { code: e.code, errors: errorCodes(e.errors), values });
		}
	},
	/** An admin lifts the confidentiality, with a reason (audited by the service). */
	lift: async ({ request, params, locals }) => {
		const parsed = parseLiftForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values });
		try {
			liftConfidentiality(getDb(), locals.session!.actor, params.id, parsed.data.reason);
			return { lifted: true };
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			return fail(e.status, { code: e.code, errors: errorCodes(e.errors, LIFT_FIELDS), values });
		}
	}
};
