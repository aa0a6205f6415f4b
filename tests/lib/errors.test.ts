import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from '../../src/domain/errors.ts';
import { assertAppError, errorsByField, failFrom, pageErrorFrom } from '../../src/lib/server/errors.ts';

/** What `fn` threw (fails the test when it throws nothing). */
function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('expected a throw');
}

const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

describe('failFrom: a service refusal as a refused form', () => {
	it.each(codes)('an AppError %s becomes fail(its status, the page payload)', (code) => {
		const e = new AppError(code, 'refused', { errors: [{ path: 'end', message: 'before start' }], conflicts: [{ start: '2026-03-01', end: '2026-03-04', kind: 'stay' }] });
		const failure = failFrom(e, (x) => ({ code: x.code, errors: x.errors ?? [], conflicts: x.conflicts ?? [], values: { end: '2026-02-01' } }));
		expect(isActionFailure(failure)).toBe(true);
		expect(failure.status).toBe(ERROR_STATUS[code]);
		expect(failure.data).toEqual({
			code,
			errors: [{ path: 'end', message: 'before start' }],
			conflicts: [{ start: '2026-03-01', end: '2026-03-04', kind: 'stay' }],
			values: { end: '2026-02-01' }
		});
	});

	it('throws anything that is not an AppError on, untouched, without building a payload', () => {
		const fault = new TypeError('db is closed');
		let built = false;
		expect(thrown(() => failFrom(fault, () => ((built = true), {})))).toBe(fault);
		expect(built).toBe(false);
		expect(thrown(() => failFrom('text', () => ({})))).toBe('text');
	});
});

describe('pageErrorFrom: a refusal in a load as the error page', () => {
	it('not_found becomes a 404 by default', () => {
		const e = thrown(() => pageErrorFrom(new AppError('not_found', 'no stay s-1')));
		expect(isHttpError(e)).toBe(true);
		expect(e).toMatchObject({ status: 404, body: { message: 'not_found' } });
	});

	it('forbidden becomes a 403 only where the page asks for it', () => {
		const forbidden = new AppError('forbidden', 'not yours');
		expect(thrown(() => pageErrorFrom(forbidden))).toBe(forbidden);
		expect(thrown(() => pageErrorFrom(forbidden, ['not_found', 'forbidden']))).toMatchObject({ status: 403, body: { message: 'forbidden' } });
	});

	it.each(codes.filter((c) => c !== 'not_found'))('an AppError %s not listed is thrown on as it was', (code) => {
		const e = new AppError(code, 'refused');
		expect(thrown(() => pageErrorFrom(e))).toBe(e);
	});

	it('a fault is thrown on untouched', () => {
		const fault = new Error('disk full');
		expect(thrown(() => pageErrorFrom(fault, ['not_found', 'forbidden']))).toBe(fault);
	});
});

describe('assertAppError', () => {
	it('lets an AppError through and throws anything else on', () => {
		const e: unknown = new AppError('overlap', 'taken');
		assertAppError(e);
		expect(e.code).toBe('overlap');
		const fault = new RangeError('x');
		expect(thrown(() => assertAppError(fault))).toBe(fault);
	});
});

describe('errorsByField', () => {
	it.each<{ errors: FieldError[] | undefined; rename: Record<string, string>; expected: Record<string, string> }>([
		{ errors: undefined, rename: {}, expected: {} },
		{ errors: [], rename: {}, expected: {} },
		{ errors: [{ path: 'reason', message: 'required' }], rename: {}, expected: { reason: 'required' } },
		// The first message of a field wins.
		{ errors: [{ path: 'email', message: 'taken' }, { path: 'email', message: 'too long' }, { path: 'name', message: 'required' }], rename: {}, expected: { email: 'taken', name: 'required' } },
		// A service's path renamed to the form's field name.
		{ errors: [{ path: 'reason', message: 'at most 500 characters' }], rename: { reason: 'liftReason' }, expected: { liftReason: 'at most 500 characters' } }
	])('$errors with $rename → $expected', ({ errors, rename, expected }) => {
		expect(errorsByField(errors, rename)).toEqual(expected);
	});
});
