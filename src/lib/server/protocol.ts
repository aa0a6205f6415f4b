// The protocol path page's inputs (/orientations/<id>/placer): its search (another first night,
// another apartment length) and the placing form, read with the use case's schemas (the API's).
import { pathPlacementInput, pathQuery } from '#schemas/protocol.ts';
import { parseForm } from './forms.ts';

/** The search from the address; a value that is not one is left out (the page starts from the referral's night). */
export function parsePathQuery(query: URLSearchParams): { start: string | null; apartmentNights: number | null } {
	const start = parseForm(pathQuery.pick({ start: true }), query);
	const nights = parseForm(pathQuery.pick({ apartmentNights: true }), query);
	return { start: (start.ok && start.data.start) || null, apartmentNights: (nights.ok && nights.data.apartmentNights) || null };
}

/** The placing form names the household's fields without their "household." prefix. */
const PATH_FIELDS = { 'household.label': 'label', 'household.adults': 'adults', 'household.children': 'children', 'household.keepApartFrom': 'keepApartFrom' };

/** Reads the placing form of the protocol path for the referral `referralId`. */
export function parsePathPlacementForm(form: FormData, referralId: string) {
	return parseForm(pathPlacementInput, form, { referralId }, PATH_FIELDS);
}
