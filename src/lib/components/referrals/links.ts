// Where « Placer » leads from a referral: the protocol path for the domestic-violence protocol,
// the usual placing form (filled in, with the referral's id) for every other programme.
import { shiftDate } from '$lib/dates';

interface Placeable {
	id: string;
	programme: string;
	requestedStart: string;
	nights: number;
	adults: number;
	children: number;
	needs?: string[];
}

/** The page that places this referral; a requested night already past starts tonight. */
export function placingHref(r: Placeable, tonight: string): string {
	if (r.programme === 'dv_protocol') return `/orientations/${encodeURIComponent(r.id)}/placer`;
	return placerHref(r, tonight);
}

/** The usual placing form (/placer), filled in from the referral and carrying its id. */
export function placerHref(r: Placeable, tonight: string): string {
	const start = r.requestedStart < tonight ? tonight : r.requestedStart;
	const q = new URLSearchParams({
		start,
		end: shiftDate(start, Math.max(1, r.nights)),
		adults: String(r.adults),
		children: String(r.children),
		persons: String(r.adults + r.children),
		programme: r.programme,
		referralId: r.id
	});
	if (r.needs?.includes('accessibility')) q.set('accessible', 'on');
	return `/placer?${q}`;
}
