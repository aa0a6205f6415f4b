import { liftConfidentiality, openHousehold, revealHouseholdName } from '#services/households.ts';
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
		const form = await request.formData();
		const reason = String(form.get('reason') ?? '');
		try {
			// The name goes back on this one response only; the load never returns it.
			return { revealed: revealHouseholdName(locals.db, locals.session!.actor, params.id, reason).label };
		} catch (e) {
			return failFrom(e, (e) => ({ code: e.code, errors: errorsByField(e.errors), values: { reason } }));
		}
	},
	/** An admin lifts the confidentiality, with a reason (audited by the service). */
	lift: async ({ request, params, locals }) => {
		const form = await request.formData();
		const liftReason = String(form.get('liftReason') ?? '');
		try {
			liftConfidentiality(locals.db, locals.session!.actor, params.id, liftReason);
			return { lifted: true };
		} catch (e) {
			return failFrom(e, (e) => ({ code: e.code, errors: errorsByField(e.errors, { reason: 'liftReason' }), values: { liftReason } }));
		}
	}
};
