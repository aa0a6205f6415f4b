import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { canWriteResidence, getResidenceBoard } from '#services/residence/board.ts';
import { createContract } from '#services/residence/contracts.ts';
import { renderOnly } from '$lib/render-only';
import { parseSignForm, refusedByService, refusedForm, type ResidenceFormResult } from '$lib/server/residence-forms';
import type { Actions, PageServerLoad } from './$types';

/** The residence's page is links and plain forms, like the planning it shows: no JavaScript. */
export const csr = false;

export const load: PageServerLoad = ({ locals, url, isDataRequest }) => {
	const actor = locals.session!.actor;
	try {
		return {
			board: renderOnly(isDataRequest, getResidenceBoard(locals.db, actor, url.searchParams.get('mois'))),
			queryError: false,
			formKey: randomUUID(),
			// Coming from an admitted application's page: that application is the one chosen for signing.
			chosenApplication: url.searchParams.get('demande')
		};
	} catch (e) {
		// A mistyped month still shows the residence: this month's, and says so.
		if (e instanceof AppError && e.code === 'invalid') return { board: renderOnly(isDataRequest, getResidenceBoard(locals.db, actor)), queryError: true, formKey: randomUUID(), chosenApplication: url.searchParams.get('demande') };
		throw e;
	}
};

export const actions: Actions = {
	/** Signs the contract of an admitted application: its stay is placed on the unit from its start. */
	sign: async ({ request, locals }) => {
		// The role first: a reader of the residence gets 403 whatever it sent.
		if (!canWriteResidence(locals.session!.actor.role)) return fail(403, { form: 'sign', code: 'forbidden' } satisfies ResidenceFormResult);
		const form = await request.formData();
		const parsed = parseSignForm(form);
		if (!parsed.ok) return refusedForm('sign', parsed.errors, parsed.values);
		const key = form.get('key');
		try {
			const { value } = createContract(locals.db, locals.session!.actor, parsed.data, typeof key === 'string' && /^[0-9a-f-]{36}$/.test(key) ? `sign:${key}` : undefined);
			return { form: 'sign', done: value.start, contractId: value.id } satisfies ResidenceFormResult;
		} catch (e) {
			return refusedByService(e, 'sign', parsed.values);
		}
	}
};
