// How a field says it is at fault: aria-invalid, and aria-describedby naming its own message (the
// FieldError beside it, whose id is the field's id + "-error") after any hint it already has.
// Spread on the field: <input id="x" {...fieldAria('x', error, 'x-hint')} />.

/** The id of a field's error message. */
export const errorId = (fieldId: string): string => `${fieldId}-error`;

export function fieldAria(fieldId: string, error: unknown, ...hints: (string | null | undefined | false)[]): { 'aria-invalid': 'true' | undefined; 'aria-describedby': string | undefined } {
	const ids = [...hints, error ? errorId(fieldId) : null].filter((x): x is string => typeof x === 'string' && x !== '');
	return { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': ids.length ? ids.join(' ') : undefined };
}
