// Shared by the administration's form actions: read a field, and turn a service's refusal into
// fail(4xx) with the field errors and what was typed, so the form shows both (without JavaScript too).
import { failFrom, errorsByField } from '$lib/server/errors';

/** A text field of a form ('' when absent). */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

/** A checkbox: checked when sent. */
export function checked(form: FormData, name: string): boolean {
	return form.get(name) !== null;
}

/** A number field: NaN when empty or not a number (the service says which). */
export function numberField(form: FormData, name: string): number {
	const v = field(form, name).trim().replace(',', '.');
	return v === '' ? Number.NaN : Number(v);
}

export type FormValues = Record<string, string | boolean | string[]>;

/**
 * The answer to a refused action: `form` names the form (and `target` the row) the errors belong
 * to; `errors` maps each field to a short key the dictionary says in words.
 */
export function refused(e: unknown, form: string, values: FormValues = {}, target: string | null = null) {
	return failFrom(e, (e) => ({ form, target, code: e.code as string, errors: errorsByField(e.errors), conflicts: e.conflicts ?? [], values }));
}

