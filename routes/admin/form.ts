// Shared by the administration's form actions: read a field, and turn a service's refusal into
// fail(4xx) with the field errors and what was typed, so the form shows both (without JavaScript too).
import { fail } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';

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
	if (!(e instanceof AppError)) throw e;
	const errors: Record<string, string> = {};
	for (const x of e.errors ?? []) errors[x.path] ??= x.message;
	return fail(e.status, { form, target, code: e.code as string, errors, conflicts: e.conflicts ?? [], values });
}

