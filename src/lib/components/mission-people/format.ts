// Money and dates for the mission's pages: « 650,50 € », « 7 déc. 2026 », « 7 déc. 2026, 14:05 ».
// Browser-safe: no server import.
import type { Locale } from '$lib/i18n';

const tags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Cents as euros, without decimals when the amount is whole: « 650 € », « 650,50 € ». */
export function euros(cents: number, locale: Locale): string {
	const whole = cents % 100 === 0;
	return new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** A calendar date YYYY-MM-DD, short with its year: « 7 déc. 2026 » (at noon UTC: it never shifts). */
export function shortDate(iso: string, locale: Locale): string {
	return new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
}

/** An instant (epoch ms) in Europe/Paris: « 7 déc. 2026, 14:05 ». */
export function shortDateTime(ms: number, locale: Locale): string {
	return new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(ms));
}

/** The calendar date of an instant in Europe/Paris, short: « 7 déc. 2026 ». */
export function shortDay(ms: number, locale: Locale): string {
	return new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(ms));
}
