import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { canWriteResidence, getContractView } from '#services/residence/board.ts';
import { amendContract, recordDeparture, recordPayment } from '#services/residence/contracts.ts';
import { formatCents } from '$lib/format';
import { isConfirmed } from '$lib/server/confirm';
import { pageErrorFrom } from '$lib/server/errors';
import {
	parseAmendmentForm,
	parseDepartureForm,
	parsePaymentForm,
	refusedByService,
	refusedForm,
	typedFields,
	type ResidenceFormResult
} from '$lib/server/residence-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	try {
		// A key per page shown: a payment form posted twice (a double tap, a retried post) is recorded once.
		const formKey = randomUUID();
		try {
			return { contract: getContractView(locals.db, actor, params.id, url.searchParams.get('mois')), formKey };
		} catch (e) {
			// A mistyped month shows this month's statement.
			if (e instanceof AppError && e.code === 'invalid') return { contract: getContractView(locals.db, actor, params.id), formKey };
			throw e;
		}
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
};

/** The key a form carries (a UUID the page made), for the use case's Idempotency-Key; none when absent or not one. */
function keyOf(form: FormData, kind: string): string | undefined {
	const k = form.get('key');
	return typeof k === 'string' && /^[0-9a-f-]{36}$/.test(k) ? `${kind}:${k}` : undefined;
}

/** The role is checked before the form is read: a reader of the residence gets 403 whatever it sent. */
function refusedRole(role: Parameters<typeof canWriteResidence>[0], name: string) {
	return canWriteResidence(role) ? null : fail(403, { form: name, code: 'forbidden' } satisfies ResidenceFormResult);
}

async function payment({ request, locals, params }: Parameters<Actions[string]>[0], reversal: boolean) {
	const name = reversal ? 'reversal' : 'payment';
	const refused = refusedRole(locals.session!.actor.role, name);
	if (refused) return refused;
	const form = await request.formData();
	const parsed = parsePaymentForm(form, reversal);
	if (!parsed.ok) return refusedForm(name, parsed.errors, parsed.values);
	try {
		const { value } = recordPayment(locals.db, locals.session!.actor, params.id!, parsed.data, keyOf(form, name));
		return { form: name, done: formatCents(Math.abs(value.amountCents), locals.locale) } satisfies ResidenceFormResult;
	} catch (e) {
		return refusedByService(e, name, parsed.values);
	}
}

export const actions: Actions = {
	payment: (event) => payment(event, false),
	reversal: (event) => payment(event, true),
	amendment: async ({ request, locals, params }) => {
		const refused = refusedRole(locals.session!.actor.role, 'amendment');
		if (refused) return refused;
		const form = await request.formData();
		const parsed = parseAmendmentForm(form);
		if (!parsed.ok) return refusedForm('amendment', parsed.errors, parsed.values);
		try {
			amendContract(locals.db, locals.session!.actor, params.id, parsed.data, keyOf(form, 'amendment'));
			return { form: 'amendment', done: parsed.data.from } satisfies ResidenceFormResult;
		} catch (e) {
			return refusedByService(e, 'amendment', parsed.values);
		}
	},
	/** A departure ends the contract: the first post asks, the confirmed one records it. */
	departure: async ({ request, locals, params }) => {
		const refused = refusedRole(locals.session!.actor.role, 'departure');
		if (refused) return refused;
		const form = await request.formData();
		const parsed = parseDepartureForm(form);
		if (!parsed.ok) return refusedForm('departure', parsed.errors, parsed.values);
		if (!isConfirmed(form)) return { form: 'departure', confirm: typedFields(form) } satisfies ResidenceFormResult;
		try {
			recordDeparture(locals.db, locals.session!.actor, params.id, parsed.data);
			return { form: 'departure', done: parsed.data.date } satisfies ResidenceFormResult;
		} catch (e) {
			return refusedByService(e, 'departure', parsed.values);
		}
	}
};
