// The residence's forms, read on the server: each checked by the schema of its use case (the one the
// API validates with) through parseForm, then by the service's rules. What is page-side only lives
// here: amounts typed in euros become the schema's cents, a reversal's amount typed positive
// becomes negative, and the schema's field names the form's (amountCents → amount…). A refused
// form comes back with what was typed and each field at fault, by the form's names.
import { fail } from '@sveltejs/kit';
import type { FieldError } from '#domain/errors.ts';
import { amendmentInput, contractInput, departureInput, paymentInput } from '#schemas/residence-contracts.ts';
import { parseEuros } from '$lib/components/mission/money';
import { assertAppError } from './errors';
import { formValues, parseForm, type FormValues } from './forms';

/** What a residence form answers: which form, done (its words' parameter) or refused (a code, fields at fault), what was typed. */
export interface ResidenceFormResult {
	form: string;
	done?: string;
	/** The contract signed (the sign form links to it). */
	contractId?: string;
	code?: string;
	errors?: Record<string, string>;
	values?: FormValues;
	/** The fields the confirmation panel posts again (a departure asks first). */
	confirm?: Record<string, string>;
}

function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

/** Euros typed in a field, as cents: left out when blank; the text itself when it is not an amount, for the schema to refuse. */
function centsOf(form: FormData, name: string, sign = 1): number | string | undefined {
	const typed = text(form, name);
	const cents = parseEuros(typed);
	if (cents === null) return undefined;
	return Number.isNaN(cents) ? typed : sign * cents;
}

/** An optional text left out when blank (the schema then says whether it is required). */
function optional(form: FormData, name: string): string | undefined {
	const t = text(form, name);
	return t === '' ? undefined : t;
}

const RENAME: Record<string, string> = { amountCents: 'amount', rentCents: 'rent', chargesCents: 'charges', aplCents: 'apl', depositCents: 'deposit' };

/** Field errors by the form's names: the first segment of each path, renamed (`amountCents` → `amount`). */
export function formErrors(errors: readonly FieldError[] | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of errors ?? []) {
		const first = e.path.split('.')[0] ?? e.path;
		out[RENAME[first] ?? first] ??= e.message;
	}
	return out;
}

/** A form its schema refused: 400 with the fields at fault and what was typed. */
export function refusedForm(name: string, errors: readonly FieldError[], values: FormValues) {
	return fail(400, { form: name, code: 'validation', errors: formErrors(errors), values } satisfies ResidenceFormResult);
}

/** A service's refusal: its status, code and fields at fault, with what was typed; anything but an AppError is thrown on. */
export function refusedByService(e: unknown, name: string, values: FormValues) {
	assertAppError(e);
	return fail(e.status, { form: name, code: e.code as string, errors: formErrors(e.errors), values } satisfies ResidenceFormResult);
}

/** A payment (or, `reversal`, a reversal typed as a positive amount with its reason). */
export function parsePaymentForm(form: FormData, reversal: boolean) {
	return parseForm(paymentInput, form, {
		amountCents: centsOf(form, 'amount', reversal ? -1 : 1),
		reason: reversal ? optional(form, 'reason') : undefined
	});
}

export function parseAmendmentForm(form: FormData) {
	return parseForm(amendmentInput, form, { rentCents: centsOf(form, 'rent'), chargesCents: centsOf(form, 'charges'), aplCents: centsOf(form, 'apl') });
}

/** A departure; `by` left blank is no notice recorded. */
export function parseDepartureForm(form: FormData) {
	return parseForm(departureInput, form, { by: optional(form, 'by'), noticeGivenOn: optional(form, 'noticeGivenOn'), reason: optional(form, 'reason') });
}

export function parseSignForm(form: FormData) {
	return parseForm(contractInput, form, {
		rentCents: centsOf(form, 'rent'),
		chargesCents: centsOf(form, 'charges'),
		aplCents: centsOf(form, 'apl'),
		depositCents: centsOf(form, 'deposit') ?? 0,
		referent: optional(form, 'referent'),
		stayId: optional(form, 'stayId')
	});
}

/** The fields of a form as typed, to post again from a confirmation panel (without `confirm`). */
export function typedFields(form: FormData): Record<string, string> {
	const out = formValues(form);
	delete out.confirm;
	return out;
}
