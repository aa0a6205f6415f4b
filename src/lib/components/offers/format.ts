// Small helpers of the housing mission's offer pages: euros typed by a person and read back as
// cents, money and dates as the French write them, and the age of a proposal. Browser-safe.
import type { Locale } from '$lib/i18n';

const tags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * Euros as a person types them (« 650 », « 650,50 », « 650.5 », « 1 200 », « 650 € ») in cents;
 * null for an empty field; NaN when it is not an amount (the service then names the field).
 */
export function parseEuros(text: string): number | null {
	const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
	if (t === '') return null;
	const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(t);
	if (!m) return Number.NaN;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** « 650 € », « 650,50 € », « 1 200 € » from cents. */
export function formatCents(cents: number, locale: Locale): string {
	const whole = cents % 100 === 0;
	return new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}

const days = new Map<Locale, Intl.DateTimeFormat>();

/** « 1 mars 2027 » (a calendar date, which never shifts with the time zone). */
export function formatDay(iso: string, locale: Locale): string {
	let f = days.get(locale);
	if (!f) days.set(locale, (f = new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
	return f.format(new Date(`${iso}T12:00:00Z`));
}

const instants = new Map<Locale, Intl.DateTimeFormat>();

/** « 1 mars 2027 à 14:05 » in Europe/Paris, from epoch ms. */
export function formatInstant(ms: number, locale: Locale): string {
	let f = instants.get(locale);
	if (!f) instants.set(locale, (f = new Intl.DateTimeFormat(tags[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' })));
	return f.format(new Date(ms));
}

/** The ISO timestamp of epoch ms, for a <time datetime>. */
export function isoInstant(ms: number): string {
	return new Date(ms).toISOString();
}
