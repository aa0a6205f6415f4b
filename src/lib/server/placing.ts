// The placing page's forms (/placer): the search (a GET query, so that a search is a link and works
// without JavaScript), the hold and the unmet demand, each read with its use case's schema. What
// stays here is the page's own: the defaults a blank search starts from, and which field to mark.
import { addDays, countNights, MAX_STAY_NIGHTS, type IsoDate } from '#domain/dates.ts';
import { canHandleProgramme, programmesOf } from '#domain/programmes.ts';
import { allocationInput, placingSearch, unmetDemandInput } from '#schemas/allocation.ts';
import { stayInput } from '#schemas/stays.ts';
import type { Actor } from '#services/actor.ts';
import type { PlacingRequest } from '#services/placing.ts';
import { parseForm, type FormFieldError } from './forms.ts';

/** The fields of the search as typed (strings), so that the page can give them back. */
export interface PlacingValues {
	start: string;
	nights: string;
	end: string;
	adults: string;
	children: string;
	programme: string;
	accessible: boolean;
	unitId: string;
}

export interface ParsedPlacingSearch {
	values: PlacingValues;
	/** The request, when every field is right. */
	request: PlacingRequest | null;
	errors: FormFieldError[];
}

const CHECKED = ['on', '1', 'true'];

/**
 * Reads the placing search. The departure date, when given, wins over the number of nights;
 * `persons` (a link from Tonight) stands for that many adults when adults and children are not
 * given. Error paths name the form's fields.
 */
export function parsePlacingSearch(query: URLSearchParams, actor: Actor, tonight: IsoDate): ParsedPlacingSearch {
	const get = (name: string) => (query.get(name) ?? '').trim();
	const allowed = programmesOf(actor.role);
	const persons = get('persons');
	const values: PlacingValues = {
		start: get('start') || tonight,
		nights: get('nights') || (get('end') ? '' : '1'),
		end: get('end'),
		adults: get('adults') || (get('children') ? '0' : persons || '1'),
		children: get('children') || '0',
		programme: get('programme') || allowed[0] || '',
		accessible: CHECKED.includes(get('accessible')),
		unitId: get('unitId')
	};
	// The search as the schema reads it: the defaults filled in, the nights left out when a departure date is given.
	const form = new URLSearchParams({ start: values.start, adults: values.adults, children: values.children, programme: values.programme });
	if (values.end) form.set('end', values.end);
	else form.set('nights', values.nights);
	if (values.accessible) form.set('accessible', 'on');
	if (values.unitId) form.set('unitId', values.unitId);
	const parsed = parseForm(placingSearch, form);
	if (!parsed.ok) return { values, request: null, errors: parsed.errors };

	const q = parsed.data;
	const errors: FormFieldError[] = [];
	let end = q.end ?? addDays(q.start, q.nights ?? 1);
	if (q.end) {
		const n = countNights(q.start, q.end);
		if (n < 1) errors.push({ path: 'end', message: 'must be after start', fr: 'après l’arrivée', en: 'after the arrival' });
		else if (n > MAX_STAY_NIGHTS) errors.push({ path: 'end', message: `at most ${MAX_STAY_NIGHTS} nights`, fr: `${MAX_STAY_NIGHTS} nuits au plus`, en: `at most ${MAX_STAY_NIGHTS} nights` });
		else values.nights = String(n);
		end = q.end;
	}
	if (q.adults + q.children < 1) errors.push({ path: 'adults', message: 'at least one person', fr: 'au moins une personne', en: 'at least one person' });
	if (!canHandleProgramme(actor.role, q.programme)) errors.push({ path: 'programme', message: 'not a programme this role handles', fr: 'un dispositif de votre rôle', en: 'a programme of your role' });
	if (errors.length) return { values, request: null, errors };
	return {
		values,
		errors,
		request: { start: q.start, end, persons: q.adults + q.children, adults: q.adults, children: q.children, programme: q.programme, accessible: !!q.accessible, unitId: q.unitId || null }
	};
}

/** The hold form names the household's fields without their "household." prefix. */
const HOLD_FIELDS = { 'household.label': 'label', 'household.adults': 'adults', 'household.children': 'children' };

/** Reads the hold form (the chosen unit, the search's dates and programme, the household typed beside it) as a stay placed on hold. */
export function parseHoldForm(form: FormData) {
	const parsed = parseForm(stayInput, form, { status: 'hold' }, HOLD_FIELDS);
	if (!parsed.ok) return parsed;
	const needs = CHECKED.includes(parsed.values.accessible ?? '') ? ['accessibility'] : [];
	return { ...parsed, data: { ...parsed.data, household: parsed.data.household && { ...parsed.data.household, needs } } };
}

/**
 * Reads the form of a `together` option (the units shown, the search, the household typed beside
 * it) as an allocation placed together, confirmed at once.
 */
export function parseTogetherForm(form: FormData) {
	const parsed = parseForm(allocationInput, form, { together: true, status: 'confirmed' }, HOLD_FIELDS);
	if (!parsed.ok) return parsed;
	const needs = CHECKED.includes(parsed.values.accessible ?? '') ? ['accessibility'] : [];
	return { ...parsed, data: { ...parsed.data, household: { ...parsed.data.household, needs } } };
}

/** Reads the unmet demand form (the search, the reason chosen, its note). */
export function parseUnmetForm(form: FormData) {
	return parseForm(unmetDemandInput, form);
}
