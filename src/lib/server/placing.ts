// The placing page's forms (/placer): the search (a GET query, so that a search is a link and works
// without JavaScript), the hold and the unmet demand, each read with its use case's schema. What
// stays here is the page's own: the defaults a blank search starts from, and which field to mark.
import { addDays, countNights, MAX_STAY_NIGHTS, type IsoDate } from '#domain/dates.ts';
import { canHandleProgramme, programmesOf, type Programme } from '#domain/programmes.ts';
import { allocationInput, placingSearch, unmetDemandInput } from '#schemas/allocation.ts';
import { stayInput } from '#schemas/stays.ts';
import type { Actor } from '#services/actor.ts';
import { openHousehold } from '#services/households.ts';
import type { PlacingRequest } from '#services/placing.ts';
import { parseForm, type FormFieldError } from './forms.ts';

/** A household already known, chosen to be placed again: what the placing page shows of it. */
export interface KnownHousehold {
	id: string;
	/** Its name; its pseudonym for a confidential household. */
	name: string;
	pseudonym: string;
	confidential: boolean;
	adults: number;
	children: number;
	/** The programme of its latest stay the caller sees, the search's default. */
	programme: Programme | null;
}

/**
 * The household chosen on the placing page (`householdId` in its address), read through its record:
 * a confidential one's reading is audited by the service, and one the caller may not see is 404.
 */
export function readKnownHousehold(db: App.Locals['db'], actor: Actor, id: string): KnownHousehold {
	const h = openHousehold(db, actor, id);
	return { id: h.id, name: h.label ?? h.pseudonym, pseudonym: h.pseudonym, confidential: h.confidential, adults: h.adults, children: h.children, programme: h.stays[0]?.programme ?? null };
}

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
export function parsePlacingSearch(query: URLSearchParams, actor: Actor, tonight: IsoDate, known: KnownHousehold | null = null): ParsedPlacingSearch {
	const get = (name: string) => (query.get(name) ?? '').trim();
	const allowed = programmesOf(actor.role);
	const persons = get('persons');
	const values: PlacingValues = {
		start: get('start') || tonight,
		nights: get('nights') || (get('end') ? '' : '1'),
		end: get('end'),
		// A known household is placed as recorded: its composition, whatever the address says.
		adults: known ? String(known.adults) : get('adults') || (get('children') ? '0' : persons || '1'),
		children: known ? String(known.children) : get('children') || '0',
		programme: get('programme') || (known?.programme && allowed.includes(known.programme) ? known.programme : allowed[0]) || '',
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
		request: {
			start: q.start,
			end,
			persons: q.adults + q.children,
			adults: q.adults,
			children: q.children,
			programme: q.programme,
			accessible: !!q.accessible,
			unitId: q.unitId || null,
			householdId: known?.id ?? null
		}
	};
}

/** The hold form names the household's fields without their "household." prefix. */
const HOLD_FIELDS = { 'household.label': 'label', 'household.adults': 'adults', 'household.children': 'children', 'household.originCommune': 'originCommune' };

/** Reads the hold form (the chosen unit, the search's dates and programme, the household typed beside it) as a stay placed on hold. */
export function parseHoldForm(form: FormData) {
	const parsed = parseForm(stayInput, form, { status: 'hold', ...forKnown(form) }, HOLD_FIELDS);
	if (!parsed.ok) return parsed;
	const needs = CHECKED.includes(parsed.values.accessible ?? '') ? ['accessibility'] : [];
	return { ...parsed, data: { ...parsed.data, household: parsed.data.household && { ...parsed.data.household, needs } } };
}

/**
 * Reads the form of a `together` option (the units shown, the search, the household typed beside
 * it) as an allocation placed together, confirmed at once.
 */
export function parseTogetherForm(form: FormData) {
	const parsed = parseForm(allocationInput, form, { together: true, status: 'confirmed', ...forKnown(form) }, HOLD_FIELDS);
	if (!parsed.ok) return parsed;
	const needs = CHECKED.includes(parsed.values.accessible ?? '') ? ['accessibility'] : [];
	return { ...parsed, data: { ...parsed.data, household: parsed.data.household && { ...parsed.data.household, needs } } };
}

/** A form that names a known household (`householdId`) places it as recorded: no new household is read from it. */
function forKnown(form: FormData): { household?: undefined } {
	return form.get('householdId') ? { household: undefined } : {};
}

/** Reads the unmet demand form (the search, the reason chosen, its note). */
export function parseUnmetForm(form: FormData) {
	return parseForm(unmetDemandInput, form);
}
