import { error, fail } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { getDb } from '#db/client.ts';
import { liftConfidentiality, openHousehold, revealHouseholdName } from '#services/households.ts';
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
		const form = await request.formData();
		const reason = String(form.get('reason') ?? '');
		try {
			// The name goes back on this one response only; the load never returns it.
			return { revealed: revealHouseholdName(getDb(), locals.session!.actor, params.id, reason).label };
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			const errors: Record<string, string> = {};
			for (const x of e.errors ?? []) errors[x.path] ??= x.message;
			return fail(e.status, { code: e.code, errors, values: { reason } });
		}
	},
	/** An admin lifts the confidentiality, with a reason (audited by the service). */
	lift: async ({ request, params, locals }) => {
		const form = await request.formData();
		const liftReason = String(form.get('liftReason') ?? '');
		try {
			liftConfidentiality(getDb(), locals.session!.actor, params.id, liftReason);
			return { lifted: true };
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			const errors: Record<string, string> = {};
			for (const x of e.errors ?? []) errors[x.path === 'reason' ? 'liftReason' : x.path] ??= x.message;
			return fail(e.status, { code: e.code, errors, values: { liftReason } });
		}
	}
};
