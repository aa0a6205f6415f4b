// Small helpers of the referrals pages: money as the French write it, and how long ago.
import type { Locale } from '$lib/i18n';

const tags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** « 2 000 € », « 186 € », « 62,50 € » */
export function formatEuros(amount: number, locale: Locale): string {
	const whole = Number.isInteger(amount);
	return new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(amount);
}

/** Whole minutes from an ISO timestamp to `now` (epoch ms); never negative. */
export function minutesSince(iso: string, now: number): number {
	return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** Whole minutes between two ISO timestamps. */
export function minutesBetween(from: string, to: string): number {
	return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000));
}

/** The reference a person reads out on the phone: the first 8 characters of the id, upper case. */
export function shortRef(id: string): string {
	return id.slice(0, 8).toUpperCase();
}
