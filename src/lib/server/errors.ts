// A service refuses with an AppError (its code, status, field errors, conflicts). A page turns it
// into what SvelteKit shows: a refused form (`fail(status, payload)`, the page keeping what was
// typed) or, in a load, the error page (404 for what is not there or not yours). Anything that is
// not an AppError is a fault: it is thrown on, untouched, to the `handleError` hook.
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { AppError, type ErrorCode, type FieldError } from '#domain/errors.ts';

/** Goes on only with the AppError a service threw: anything else is thrown on, untouched. */
export function assertAppError(e: unknown): asserts e is AppError {
	if (!(e instanceof AppError)) throw e;
}

/**
 * A service's refusal as a refused form: `fail(e.status, payload(e))`. The payload is the page's
 * own shape (its `code`, `errors`, `conflicts`, `values`…); anything but an AppError is thrown on.
 */
export function failFrom<P extends Record<string, unknown>>(e: unknown, payload: (e: AppError) => P): ActionFailure<P> {
	assertAppError(e);
	return fail(e.status, payload(e));
}

/**
 * In a load: an AppError whose code is in `codes` (by default `not_found`) becomes the error page
 * with its status and code (`error(404, 'not_found')`, `error(403, 'forbidden')`); anything else
 * is thrown on.
 */
export function pageErrorFrom(e: unknown, codes: readonly ErrorCode[] = ['not_found']): never {
	if (e instanceof AppError && codes.includes(e.code)) error(e.status, e.code);
	throw e;
}

/**
 * The field errors as the forms read them: field name → the first message for it. `rename` maps a
 * service's path to the form's field name where they differ.
 */
export function errorsByField(errors: readonly FieldError[] | undefined, rename: Readonly<Record<string, string>> = {}): Record<string, string> {
	const out: Record<string, string> = {};
	for (const x of errors ?? []) out[rename[x.path] ?? x.path] ??= x.message;
	return out;
}
