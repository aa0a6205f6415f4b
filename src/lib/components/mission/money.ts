// Money on the housing mission's forms: euros as a person types them, read as cents, and cents
// written back the way a person types them (display: formatCents in $lib/format). Browser-safe.

/**
 * Euros as a person types them (« 650 », « 650,50 », « 650.5 », « 1 200 », « 650 € ») in whole
 * cents; null for an empty field; NaN for anything that is not an amount (a sign, more than two
 * decimals, letters, more than seven digits of euros): the form or the service then names the field.
 */
export function parseEuros(text: string): number | null {
	const t = text.replace(/[\s\u00a0\u202f]/g, '');
	if (t === '') return null;
	const m = /^(\d{1,7})(?:[.,](\d{1,2}))?€?$/.exec(t);
	if (!m) return Number.NaN;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Cents as a person would type them back into a form: « 650 », « 650,50 » (what parseEuros reads). */
export function centsAsTyped(cents: number): string {
	const euros = Math.floor(cents / 100);
	const rest = cents % 100;
	return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}
