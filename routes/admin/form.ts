// Shared by the administration's form actions: a form refused by its schema, and a service's
// refusal, both answered with fail(4xx), the field errors and what was typed, so the form shows
// both (without JavaScript too). Parsing itself is parseForm's, with the use case's schema.
import { fail } from '@sveltejs/kit';
import { errorsByField, failFrom } from '$lib/server/errors';
import { refusedFields, type FormFieldError, type FormValues } from '$lib/server/forms';

/** What was typed, without the fields never sent back (a password). */
export function kept(values: FormValues, ...omit: string[]): FormValues {
	return Object.fromEntries(Object.entries(values).filter(([k]) => !omit.includes(k)));
}

/** A form its schema refused: 400, each field at fault with its wording in French and English. */
export function invalid(parsed: { errors: readonly FormFieldError[] }, form: string, values: FormValues = {}, target: string | null = null) {
	return fail(400, { form, target, code: 'validation', ...refusedFields(parsed.errors), conflicts: [], values });
}

/**
 * The answer to a refused action: `form` names the form (and `target` the row) the errors belong
 * to; `errors` maps each field to a short key the dictionary says in words.
 */
export function refused(e: unknown, form: string, values: FormValues = {}, target: string | null = null) {
	return failFrom(e, (e) => ({ form, target, code: e.code as string, errors: errorsByField(e.errors), conflicts: e.conflicts ?? [], values }));
}
