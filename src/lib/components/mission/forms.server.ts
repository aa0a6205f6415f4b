// The forms of the housing mission's pages, read on the server: a text field, a date, a new
// applicant and a new landlord.
// Amounts are typed in euros (« 650 », « 650,50 », « 1 200 ») and go to the service in cents; a
// refusal comes back with each field at fault, by the form's field names, and what was typed.
import { fail } from '@sveltejs/kit';
import { isValidDate } from '#domain/dates.ts';
import type { FieldError } from '#domain/errors.ts';
import { SITUATIONS } from '#domain/matching.ts';
import { isEmail } from '#schemas/common.ts';
import type { ApplicantInput, LandlordInput } from '#services/mission.ts';
import { centsAsTyped, parseEuros } from './money';
import { assertAppError } from '$lib/server/errors';

/** A text field of a form, trimmed ('' when absent). */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

/** Euros typed in a required field, in cents; null when empty or not an amount. */
function requiredEuros(text: string): number | null {
	const cents = parseEuros(text);
	return cents === null || Number.isNaN(cents) ? null : cents;
}

/** A date as an <input type="date"> sends it (YYYY-MM-DD), or as typed by hand (JJ/MM/AAAA). */
export function parseDate(text: string): string | null {
	const t = text.trim();
	const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
	const iso = fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : t;
	return isValidDate(iso) ? iso : null;
}

export interface ApplicantFormValues {
	label: string;
	persons: string;
	accessibleNeeded: boolean;
	maxRent: string;
	yearlyIncome: string;
	communes: string[];
	otherCommunes: string;
	neededFrom: string;
	waitingSince: string;
	situation: string;
	emergencyStayEnd: string;
}

export function blankApplicantForm(today: string): ApplicantFormValues {
	return {
		label: '',
		persons: '1',
		accessibleNeeded: false,
		maxRent: '',
		yearlyIncome: '',
		communes: [],
		otherCommunes: '',
		neededFrom: today,
		waitingSince: today,
		situation: 'elsewhere',
		emergencyStayEnd: ''
	};
}

/**
 * An applicant as the form shows it, to be corrected: the communes of the list ticked, the others
 * typed; amounts in euros as a person types them.
 */
export function applicantFormValues(a: Omit<ApplicantInput, 'householdId' | 'situation'> & { situation: string }, listed: readonly string[]): ApplicantFormValues {
	return {
		label: a.label,
		persons: String(a.persons),
		accessibleNeeded: a.accessibleNeeded,
		maxRent: centsAsTyped(a.maxRentCents),
		yearlyIncome: centsAsTyped(a.yearlyIncomeCents),
		communes: a.communes.filter((c) => listed.includes(c)),
		otherCommunes: a.communes.filter((c) => !listed.includes(c)).join(', '),
		neededFrom: a.neededFrom,
		waitingSince: a.waitingSince,
		situation: a.situation,
		emergencyStayEnd: a.emergencyStayEnd ?? ''
	};
}

/** Reads the applicant form (new or corrected): the service's input, or the fields at fault (by form field name). */
export function parseApplicantForm(form: FormData, today: string): { input: ApplicantInput | null; errors: FieldError[]; values: ApplicantFormValues } {
	const values: ApplicantFormValues = {
		label: field(form, 'label'),
		persons: field(form, 'persons'),
		accessibleNeeded: form.get('accessibleNeeded') !== null,
		maxRent: field(form, 'maxRent'),
		yearlyIncome: field(form, 'yearlyIncome'),
		communes: form.getAll('communes').filter((c): c is string => typeof c === 'string'),
		otherCommunes: field(form, 'otherCommunes'),
		neededFrom: field(form, 'neededFrom'),
		waitingSince: field(form, 'waitingSince'),
		situation: field(form, 'situation'),
		emergencyStayEnd: field(form, 'emergencyStayEnd')
	};
	const errors: FieldError[] = [];
	const label = values.label.trim();
	if (label === '' || label.length > 200) errors.push({ path: 'label', message: 'required' });
	const persons = /^\s*\d{1,2}\s*$/.test(values.persons) ? Number(values.persons) : Number.NaN;
	if (!(persons >= 1)) errors.push({ path: 'persons', message: 'whole_number' });
	const maxRentCents = requiredEuros(values.maxRent);
	if (maxRentCents === null) errors.push({ path: 'maxRent', message: 'euros' });
	const yearlyIncomeCents = requiredEuros(values.yearlyIncome);
	if (yearlyIncomeCents === null) errors.push({ path: 'yearlyIncome', message: 'euros' });
	const others = values.otherCommunes.split(',').map((c) => c.trim()).filter((c) => c !== '');
	if (others.some((c) => c.length > 100)) errors.push({ path: 'communes', message: 'too_long' });
	const communes = [...new Set([...values.communes.map((c) => c.trim()).filter((c) => c !== ''), ...others])];
	const neededFrom = parseDate(values.neededFrom);
	if (!neededFrom) errors.push({ path: 'neededFrom', message: 'date' });
	const waitingSince = parseDate(values.waitingSince);
	if (!waitingSince || waitingSince > today) errors.push({ path: 'waitingSince', message: 'date_not_future' });
	const situation = SITUATIONS.find((x) => x === values.situation);
	if (!situation) errors.push({ path: 'situation', message: 'choice' });
	// The end of an emergency stay only means something for a household in one.
	let emergencyStayEnd: string | null = null;
	if (situation === 'emergency_stay' && values.emergencyStayEnd.trim() !== '') {
		emergencyStayEnd = parseDate(values.emergencyStayEnd);
		if (!emergencyStayEnd) errors.push({ path: 'emergencyStayEnd', message: 'date' });
	}
	if (errors.length > 0) return { input: null, errors, values };
	return {
		input: {
			label,
			persons,
			accessibleNeeded: values.accessibleNeeded,
			maxRentCents: maxRentCents!,
			yearlyIncomeCents: yearlyIncomeCents!,
			communes,
			neededFrom: neededFrom!,
			waitingSince: waitingSince!,
			situation: situation!,
			emergencyStayEnd
		},
		errors,
		values
	};
}

export interface LandlordFormValues {
	name: string;
	phone: string;
	email: string;
	notes: string;
}

export function blankLandlordForm(): LandlordFormValues {
	return { name: '', phone: '', email: '', notes: '' };
}

/** Reads the new-landlord form: a name is required; phone, email and notes are optional. */
export function parseLandlordForm(form: FormData): { input: LandlordInput | null; errors: FieldError[]; values: LandlordFormValues } {
	const values: LandlordFormValues = { name: field(form, 'name'), phone: field(form, 'phone'), email: field(form, 'email'), notes: field(form, 'notes') };
	const errors: FieldError[] = [];
	const name = values.name.trim();
	const phone = values.phone.trim();
	const email = values.email.trim();
	const notes = values.notes.trim();
	if (name === '' || name.length > 200) errors.push({ path: 'name', message: 'required' });
	if (phone !== '' && !/^\+?[\d\s.()-]{6,30}$/.test(phone)) errors.push({ path: 'phone', message: 'phone' });
	if (email !== '' && (email.length > 200 || !isEmail(email))) errors.push({ path: 'email', message: 'email' });
	if (notes.length > 2000) errors.push({ path: 'notes', message: 'too_long' });
	if (errors.length > 0) return { input: null, errors, values };
	return { input: { name, phone: phone || null, email: email || null, notes: notes || null }, errors, values };
}

/** The service's field names, as the forms name them. */
const FORM_FIELDS: Record<string, string> = { maxRentCents: 'maxRent', yearlyIncomeCents: 'yearlyIncome' };

/** A refused form: fail(4xx) with the code, the fields at fault (form names) and what was typed. */
export function refusedForm<V>(status: number, code: string, errors: readonly FieldError[], values: V) {
	return fail(status, { code, errors: errors.map((e) => ({ path: FORM_FIELDS[e.path] ?? e.path, message: e.message })), values });
}

/** The service refused: its AppError as a refused form; anything else is thrown on. */
export function refusedByService<V>(e: unknown, values: V) {
	assertAppError(e);
	return refusedForm(e.status, e.code, e.errors ?? [], values);
}
