// Ranges of nights as the French say them: « du lundi 7 au mercredi 9 décembre 2026 » (the second
// date is the departure day). English likewise: "from Monday 7 to Wednesday, 9 December 2026".
import { formatDate } from '$lib/format';
import type { Locale } from '$lib/i18n';

const tags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

function part(iso: string, locale: Locale, withMonth: boolean): string {
	const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', timeZone: 'UTC', ...(withMonth && { month: 'long' }) };
	return new Intl.DateTimeFormat(tags[locale], options).format(new Date(`${iso}T12:00:00Z`));
}

/** « du lundi 7 au mercredi 9 décembre 2026 »: the year and month said once when they are shared. */
export function formatRange(start: string, end: string, locale: Locale): string {
	const full = formatDate(end, locale);
	const first =
		start.slice(0, 7) === end.slice(0, 7)
			? part(start, locale, false)
			: start.slice(0, 4) === end.slice(0, 4)
				? part(start, locale, true)
				: formatDate(start, locale);
	return locale === 'fr' ? `du ${first} au ${full}` : `from ${first} to ${full}`;
}

/** A query string for the placing form (links that fill it). */
export function placingQuery(q: { start: string; end: string; adults: number | string; children: number | string; programme: string; accessible?: boolean; unitId?: string | null; householdId?: string | null }): string {
	const p = new URLSearchParams({ start: q.start, end: q.end, adults: String(q.adults), children: String(q.children), programme: q.programme });
	if (q.accessible) p.set('accessible', 'on');
	if (q.unitId) p.set('unitId', q.unitId);
	// A household already known stays chosen across the search's changes and a refused action.
	if (q.householdId) p.set('householdId', q.householdId);
	return p.toString();
}
