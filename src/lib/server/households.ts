// The households pages' reason forms (/menages, /menages/<id>): finding a confidential household
// by its exact name, revealing a name, lifting a confidentiality, each read with its schema. The
// page words a refused field by a code of its dictionary (households.errors).
import type { FieldError } from '#domain/errors.ts';
import { reasonBody } from '#schemas/common.ts';
import { findByNameInput } from '#schemas/households.ts';
import { parseForm, type FieldNames, type FormFieldError } from './forms.ts';

/** A refused field's code in the page's dictionary: required (name_required for the name), too_long. */
function codeOf(e: FieldError & { en?: string }): string {
	if (e.message === 'required' || e.en === 'required') return e.path === 'name' ? 'name_required' : 'required';
	if (e.message === 'too_long' || e.en?.startsWith('at most')) return 'too_long';
	return e.message;
}

/** Field errors as the page shows them (a schema's or a service's): the first code of each field, under the form's names. */
export function errorCodes(errors: readonly (FieldError & { en?: string })[] | undefined, names: FieldNames = {}): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of errors ?? []) out[names[e.path] ?? e.path] ??= codeOf(e);
	return out;
}

function read<T>(parsed: { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FormFieldError[]; values: Record<string, string> }, fields: readonly string[]) {
	const values = Object.fromEntries(fields.map((f) => [f, parsed.values[f] ?? '']));
	return parsed.ok ? { ok: true as const, data: parsed.data, values } : { ok: false as const, errors: errorCodes(parsed.errors), values };
}

export function parseFindForm(form: FormData) {
	return read(parseForm(findByNameInput, form), ['name', 'reason']);
}

export function parseRevealForm(form: FormData) {
	return read(parseForm(reasonBody, form), ['reason']);
}

/** The lift form names its reason `liftReason` (the page has the reveal's reason too). */
export const LIFT_FIELDS = { reason: 'liftReason' };

export function parseLiftForm(form: FormData) {
	return read(parseForm(reasonBody, form, {}, LIFT_FIELDS), ['liftReason']);
}
