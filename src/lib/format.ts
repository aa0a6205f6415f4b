// Dates as the French write them (lundi 7 décembre 2026), in Europe/Paris; English likewise; and
// amounts in euros: the one place a page formats money.
import type { Locale } from './i18n';

const tags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
	const k = `${locale}|${key}`;
	let f = cache.get(k);
	if (!f) cache.set(k, (f = new Intl.DateTimeFormat(tags[locale], options)));
	return f;
}

// A calendar date is formatted at noon UTC with the UTC zone: the date never shifts.
function calendar(iso: string): Date {
	return new Date(`${iso}T12:00:00Z`);
}

/** « lundi 7 décembre 2026 » */
export function formatDate(iso: string, locale: Locale): string {
	return formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }, 'long').format(calendar(iso));
}

/** « lun. 7 déc. » */
export function formatShortDate(iso: string, locale: Locale): string {
	return formatter(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }, 'short').format(calendar(iso));
}

/** « 7 » and « lun. » for a planning column header. */
export function formatDayHeader(iso: string, locale: Locale): { day: string; weekday: string } {
	const d = calendar(iso);
	return {
		day: formatter(locale, { day: 'numeric', timeZone: 'UTC' }, 'day').format(d),
		weekday: formatter(locale, { weekday: 'short', timeZone: 'UTC' }, 'wd').format(d)
	};
}

/** « 23:40 » in Europe/Paris, from an ISO timestamp or epoch ms. */
export function formatTime(instant: string | number, locale: Locale): string {
	return formatter(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }, 'time').format(new Date(instant));
}

/** A time as it is said: « 21 h 47 » in French, “21:47” in English, in Europe/Paris. */
export function formatTimeSpoken(instant: string | number, locale: Locale): string {
	if (locale === 'en') return formatTime(instant, locale);
	const parts = formatter(locale, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' }, 'spoken').formatToParts(new Date(instant));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${Number(part('hour'))}\u00a0h\u00a0${part('minute')}`;
}

/** « lundi 7 décembre 2026 à 23:40 » in Europe/Paris. */
export function formatDateTime(instant: string | number, locale: Locale): string {
	return formatter(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' }, 'dt').format(new Date(instant));
}

/** « 7 décembre 2026 »: a calendar date with its year, without the weekday. */
export function formatDay(iso: string, locale: Locale): string {
	return formatter(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }, 'dayLong').format(calendar(iso));
}

/** « décembre 2026 »: a month (YYYY-MM). */
export function formatMonth(month: string, locale: Locale): string {
	return formatter(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }, 'month').format(calendar(`${month}-15`));
}

/** « nov. » or, with its year, « nov. 26 »: a month under a chart's column. */
export function formatShortMonth(month: string, locale: Locale, withYear = false): string {
	const name = formatter(locale, { month: 'short', timeZone: 'UTC' }, 'monthShort').format(calendar(`${month}-15`));
	return withYear ? `${name} ${month.slice(2, 4)}` : name;
}

/** « 7 décembre 2026 »: the calendar date of an instant (epoch ms) in Europe/Paris. */
export function formatDayOf(ms: number, locale: Locale): string {
	return formatter(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }, 'dayOf').format(new Date(ms));
}

/** « 7 décembre 2026 à 23:40 » in Europe/Paris, from epoch ms. */
export function formatInstant(ms: number, locale: Locale): string {
	return formatter(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }, 'instant').format(new Date(ms));
}

/** The ISO timestamp of epoch ms, for a <time datetime>. */
export function isoInstant(ms: number): string {
	return new Date(ms).toISOString();
}

const money = new Map<string, Intl.NumberFormat>();

/** Euros, without decimals when the amount is whole: « 2 000 € », « 186 € », « 62,50 € ». */
export function formatEuros(amount: number, locale: Locale): string {
	const digits = Number.isInteger(amount) ? 0 : 2;
	const k = `${locale}|${digits}`;
	let f = money.get(k);
	if (!f) money.set(k, (f = new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: 2 })));
	return f.format(amount);
}

/**
 * Cents as plain text that programs read too (the API's matching reasons): no thousands separator
 * and ordinary spaces: « 1000 € », « 650,50 € », « €650.50 ».
 */
export function formatPlainCents(cents: number, locale: Locale): string {
	const amount = cents / 100;
	const digits = Number.isInteger(amount) ? 0 : 2;
	const k = `${locale}|${digits}|plain`;
	let f = money.get(k);
	if (!f) money.set(k, (f = new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: 2, useGrouping: false })));
	return f.format(amount).replace(/[\u00a0\u202f]/g, ' ');
}

/** Whole cents (how amounts are stored) as euros: « 650 € », « 62,50 € », « 1 200,50 € ». */
export function formatCents(cents: number, locale: Locale): string {
	return formatEuros(cents / 100, locale);
}

/**
 * The `tel:` link a phone can call for a number as people write it (« 04 67 00 00 00 »,
 * « +33 4 67… »): its digits, with a leading plus kept. Null when there is no digit to call (an
 * empty number, one erased by retention, a word).
 */
export function telHref(phone: string | null | undefined): string | null {
	const trimmed = (phone ?? '').trim();
	const digits = trimmed.replace(/\D/g, '');
	if (!digits) return null;
	return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

const numbers = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, digits: number, grouping: boolean): Intl.NumberFormat {
	const k = `${locale}|${digits}|${grouping}`;
	let f = numbers.get(k);
	if (!f) numbers.set(k, (f = new Intl.NumberFormat(tags[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping })));
	return f;
}

/** A count as people read it: « 12 345 » (French), “12,345” (English). */
export function formatCount(n: number, locale: Locale): string {
	return numberFormat(locale, 0, true).format(n);
}

/**
 * A decimal with a fixed number of digits and the language's decimal mark, without grouping, so a
 * spreadsheet of that language reads it as a number: « 75,6 », “75.6”.
 */
export function formatDecimal(n: number, locale: Locale, digits = 1): string {
	return numberFormat(locale, digits, false).format(n);
}
