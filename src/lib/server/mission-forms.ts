// The housing mission's forms, read on the server: each checked by the schema of its use case (the
// one the API validates with, src/schemas/mission.ts) through parseForm, then by the service's
// rules. What is page-side only lives here: amounts typed in euros (« 650 », « 650,50 », « 1 200 »)
// become the schema's cents, a date typed JJ/MM/AAAA its YYYY-MM-DD, the communes ticked and typed
// one list, and the schema's field names the form's (maxRentCents → maxRent…). A refused form
// comes back with what was typed and each field at fault, by the form's names.
import { fail } from '@sveltejs/kit';
import type { FieldError } from '#domain/errors.ts';
import { applicantInput, applicantUpdateInput, landlordInput, offerUpdateInput } from '#schemas/mission.ts';
import { offerErrors, type ApplicantInput, type LandlordInput, type OfferInput } from '#services/mission/validation.ts';
import { centsAsTyped, parseEuros } from '$lib/components/mission/money';
import { assertAppError } from './errors';
import { parseForm } from './forms';

/** A text field of a form, trimmed ('' when absent). */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

/**
 * Euros typed in a field, as the schema's cents: left out when blank (the schema says whether it
 * is required); the text itself when it is not an amount, for the schema to refuse.
 */
function centsOf(form: FormData, name: string): number | string | undefined {
	const text = field(form, name);
	const cents = parseEuros(text);
	if (cents === null) return undefined;
	return Number.isNaN(cents) ? text : cents;
}

/** A date as an <input type="date"> sends it (YYYY-MM-DD), or typed by hand (JJ/MM/AAAA); blank: left out. */
function dateOf(form: FormData, name: string): string | undefined {
	const text = field(form, name);
	if (text === '') return undefined;
	const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : text;
}

/** The form's name of a schema's or a service's path: its first segment (`communes.3` → `communes`), renamed where the form differs. */
function formPath(path: string, rename: Readonly<Record<string, string>>): string {
	const first = path.split('.')[0] ?? path;
	return rename[first] ?? first;
}

function renamed(errors: readonly FieldError[], rename: Readonly<Record<string, string>>): FieldError[] {
	return errors.map((e) => ({ path: formPath(e.path, rename), message: e.message }));
}

// ---------------------------------------------------------------------------------------------
// Applicants (/mission/candidats/nouveau, /mission/candidats/<id>/modifier)

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

/** The schema's and the service's names that are not the applicant form's. */
const APPLICANT_FIELDS: Record<string, string> = { maxRentCents: 'maxRent', yearlyIncomeCents: 'yearlyIncome' };

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

/**
 * Reads the applicant form, new (`applicantInput`) or corrected (`applicantUpdateInput`): the
 * service's input, or the fields at fault by the form's names. The end of an emergency stay is
 * read only for a household in one (the form shows the field for that situation only).
 */
export function readApplicantForm(form: FormData, use: 'create' | 'update'): { input: ApplicantInput | null; errors: FieldError[]; values: ApplicantFormValues } {
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
	const typed = values.otherCommunes.split(',').map((c) => c.trim());
	const communes = [...new Set([...values.communes.map((c) => c.trim()), ...typed].filter((c) => c !== ''))];
	const extra = {
		maxRentCents: centsOf(form, 'maxRent'),
		yearlyIncomeCents: centsOf(form, 'yearlyIncome'),
		communes,
		neededFrom: dateOf(form, 'neededFrom'),
		waitingSince: dateOf(form, 'waitingSince'),
		emergencyStayEnd: values.situation === 'emergency_stay' ? (dateOf(form, 'emergencyStayEnd') ?? null) : null
	};
	const parsed = use === 'create' ? parseForm(applicantInput, form, extra) : parseForm(applicantUpdateInput, form, extra);
	if (!parsed.ok) return { input: null, errors: renamed(parsed.errors, APPLICANT_FIELDS), values };
	return { input: parsed.data, errors: [], values };
}

// ---------------------------------------------------------------------------------------------
// Landlords (/mission/bailleurs)

export interface LandlordFormValues {
	name: string;
	phone: string;
	email: string;
	notes: string;
}

export function blankLandlordForm(): LandlordFormValues {
	return { name: '', phone: '', email: '', notes: '' };
}

/** Reads the new-landlord form by the landlord schema: a name is required; phone, email and notes are optional. */
export function readLandlordForm(form: FormData): { input: LandlordInput | null; errors: FieldError[]; values: LandlordFormValues } {
	const values: LandlordFormValues = { name: field(form, 'name'), phone: field(form, 'phone'), email: field(form, 'email'), notes: field(form, 'notes') };
	const parsed = parseForm(landlordInput, form);
	if (!parsed.ok) return { input: null, errors: renamed(parsed.errors, {}), values };
	return { input: parsed.data, errors: [], values };
}

// ---------------------------------------------------------------------------------------------
// A refused applicant or landlord form

/** A refused form: fail(4xx) with the code, the fields at fault (form names) and what was typed. */
export function refusedForm<V>(status: number, code: string, errors: readonly FieldError[], values: V) {
	return fail(status, { code, errors: renamed(errors, APPLICANT_FIELDS), values });
}

/** The service refused: its AppError as a refused form; anything else is thrown on. */
export function refusedByService<V>(e: unknown, values: V) {
	assertAppError(e);
	return refusedForm(e.status, e.code, e.errors ?? [], values);
}

// ---------------------------------------------------------------------------------------------
// Offers (/mission/offres/nouvelle, /mission/offres/<id>/modifier)

/** The fields as typed, so that a refused form gives them back. */
export interface OfferFormValues {
	landlordId: string;
	landlordName: string;
	landlordPhone: string;
	commune: string;
	address: string;
	typology: string;
	surfaceM2: string;
	capacity: string;
	accessible: boolean;
	rent: string;
	charges: string;
	availableFrom: string;
	availableUntil: string;
	scheme: string;
	locAvantagesLevel: string;
	rentCap: string;
	incomeCeiling: string;
	energyRating: string;
	photoUrl: string;
}

/** A field of the form at fault and the key of its message (the field's own name unless told). */
export type OfferFormErrors = Record<string, string>;

export type LandlordChoice = { id: string } | { name: string; phone: string | null };

/** The schema's and the service's names that are not the offer form's. */
const OFFER_FIELDS: Record<string, string> = {
	rentCents: 'rent',
	chargesCents: 'charges',
	rentCapCents: 'rentCap',
	incomeCeilingCents: 'incomeCeiling',
	name: 'landlordName',
	phone: 'landlordPhone'
};

/** An offer as the form shows it, to be corrected: amounts in euros as a person types them. */
export function offerFormValues(o: Omit<OfferInput, 'scheme' | 'locAvantagesLevel' | 'energyRating'> & { scheme: string; locAvantagesLevel?: string | null; energyRating: string }): OfferFormValues {
	const euros = (cents: number | null | undefined) => (cents == null ? '' : centsAsTyped(cents));
	return {
		landlordId: o.landlordId,
		landlordName: '',
		landlordPhone: '',
		commune: o.commune,
		address: o.address,
		typology: o.typology,
		surfaceM2: String(o.surfaceM2),
		capacity: String(o.capacity),
		accessible: o.accessible,
		rent: euros(o.rentCents),
		charges: euros(o.chargesCents),
		availableFrom: o.availableFrom,
		availableUntil: o.availableUntil ?? '',
		scheme: o.scheme,
		locAvantagesLevel: o.locAvantagesLevel ?? '',
		rentCap: euros(o.rentCapCents),
		incomeCeiling: euros(o.incomeCeilingCents),
		energyRating: o.energyRating,
		photoUrl: o.photoUrl ?? ''
	};
}

export function blankOfferForm(today: string, landlordId = ''): OfferFormValues {
	return {
		landlordId,
		landlordName: '',
		landlordPhone: '',
		commune: '',
		address: '',
		typology: '',
		surfaceM2: '',
		capacity: '',
		accessible: false,
		rent: '',
		charges: '',
		availableFrom: today,
		availableUntil: '',
		scheme: 'none',
		locAvantagesLevel: '',
		rentCap: '',
		incomeCeiling: '',
		energyRating: '',
		photoUrl: ''
	};
}

/** A schema's or a service's field errors as the offer form's. */
export function formErrors(errors: readonly FieldError[]): OfferFormErrors {
	const out: OfferFormErrors = {};
	for (const e of errors) {
		const f = formPath(e.path, OFFER_FIELDS);
		out[f] ??= f;
	}
	return out;
}

/**
 * Reads the offer's own fields (not its landlord) by the offer schema, then by the service's rules
 * (dates in order, Loc'Avantages' level…) so that nothing is written unless the whole form can be:
 * what was typed, the service's input, and the fields at fault. The correction form
 * (/mission/offres/<id>/modifier) reads only these.
 */
export function readOfferDetails(form: FormData): { values: OfferFormValues; input: Omit<OfferInput, 'landlordId'> | null; errors: OfferFormErrors } {
	const values: OfferFormValues = {
		landlordId: field(form, 'landlordId'),
		landlordName: field(form, 'landlordName'),
		landlordPhone: field(form, 'landlordPhone'),
		commune: field(form, 'commune'),
		address: field(form, 'address'),
		typology: field(form, 'typology'),
		surfaceM2: field(form, 'surfaceM2'),
		capacity: field(form, 'capacity'),
		accessible: form.get('accessible') !== null,
		rent: field(form, 'rent'),
		charges: field(form, 'charges'),
		availableFrom: field(form, 'availableFrom'),
		availableUntil: field(form, 'availableUntil'),
		scheme: field(form, 'scheme'),
		locAvantagesLevel: field(form, 'locAvantagesLevel'),
		rentCap: field(form, 'rentCap'),
		incomeCeiling: field(form, 'incomeCeiling'),
		energyRating: field(form, 'energyRating'),
		photoUrl: field(form, 'photoUrl')
	};
	const parsed = parseForm(offerUpdateInput, form, {
		rentCents: centsOf(form, 'rent'),
		chargesCents: centsOf(form, 'charges'),
		rentCapCents: centsOf(form, 'rentCap'),
		incomeCeilingCents: centsOf(form, 'incomeCeiling')
	});
	if (!parsed.ok) return { values, input: null, errors: formErrors(parsed.errors) };
	const ruled = formErrors(offerErrors({ ...parsed.data, landlordId: '' }));
	return { values, input: Object.keys(ruled).length ? null : parsed.data, errors: ruled };
}

/** The landlord of the new-offer form: one chosen in the list, or a new one typed (checked by the landlord schema). */
function readLandlordChoice(values: OfferFormValues): { landlord: LandlordChoice | null; errors: OfferFormErrors } {
	if (values.landlordId && values.landlordName) return { landlord: null, errors: { landlordName: 'landlordBoth' } };
	if (values.landlordId) return { landlord: { id: values.landlordId }, errors: {} };
	if (!values.landlordName) return { landlord: null, errors: { landlordId: 'landlordId' } };
	const parsed = parseForm(landlordInput.pick({ name: true, phone: true }), new URLSearchParams({ name: values.landlordName, phone: values.landlordPhone }));
	if (!parsed.ok) return { landlord: null, errors: formErrors(parsed.errors) };
	return { landlord: { name: parsed.data.name, phone: parsed.data.phone ?? null }, errors: {} };
}

/**
 * Reads the new-offer form. `input` is the offer without its landlord; `landlord` is the one chosen
 * or the new one typed; both are null unless the whole form can be written.
 */
export function readOfferForm(form: FormData): { values: OfferFormValues; landlord: LandlordChoice | null; input: Omit<OfferInput, 'landlordId'> | null; errors: OfferFormErrors } {
	const details = readOfferDetails(form);
	const choice = readLandlordChoice(details.values);
	const errors: OfferFormErrors = { ...choice.errors };
	for (const [f, key] of Object.entries(details.errors)) errors[f] ??= key;
	const whole = Object.keys(errors).length === 0;
	return { values: details.values, landlord: whole ? choice.landlord : null, input: whole ? details.input : null, errors };
}
