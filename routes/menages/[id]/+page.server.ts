import { fail } from '@sveltejs/kit';
import { assertMayMerge, mergeHouseholds, previewMerge } from '#services/household-merge.ts';
import { liftConfidentiality, openHousehold, revealHouseholdName, setHouseholdOriginCommune } from '#services/households.ts';
import { communeChoices } from '#services/origin.ts';
import { LIFT_FIELDS, MERGE_FIELDS, parseLiftForm, parseMergeForm, parseOriginForm, parseRevealForm } from '$lib/server/households';
import { isConfirmed } from '$lib/server/confirm';
import { failFrom, pageErrorFrom, errorsByField } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		// Opening a confidential household's record is written to the audit log by the service.
		return { household: openHousehold(locals.db, locals.session!.actor, params.id), communes: communeChoices(locals.db) };
	} catch (e) {
		pageErrorFrom(e);
	}
};

export const actions: Actions = {
	/** Staff who see the household say where it comes from (audited by the service). */
	origin: async ({ request, params, locals }) => {
		const parsed = parseOriginForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values, origin: true });
		try {
			setHouseholdOriginCommune(locals.db, locals.session!.actor, params.id, parsed.data.originCommune ?? null);
			return { originSaved: true };
		} catch (e) {
			return failFrom(e, (e) => ({ code: e.code, errors: errorsByField(e.errors), values, origin: true }));
		}
	},
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
	},
	/**
	 * An admin merges another record of the same household into this one, with a reason: the first
	 * post only asks (the other record shown by its pseudonym), the confirmed one merges (audited by
	 * the service). The other record is then removed.
	 */
	merge: async ({ request, params, locals }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const parsed = parseMergeForm(form);
		const { values } = parsed;
		try {
			// The role before the form: a caller who may not merge is refused whatever it sent.
			assertMayMerge(actor);
			if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values, merge: true });
			const preview = previewMerge(locals.db, actor, params.id, { duplicate: parsed.data.duplicate, reason: parsed.data.reason });
			if (!isConfirmed(form)) return { mergeConfirm: { ...preview, reason: parsed.data.reason } };
			mergeHouseholds(locals.db, actor, params.id, { duplicateId: preview.duplicate.id, reason: parsed.data.reason });
			return { merged: preview.duplicate.pseudonym };
		} catch (e) {
			return failFrom(e, (e) => ({ code: e.code, errors: errorsByField(e.errors, MERGE_FIELDS), values, merge: true }));
		}
	}
};
