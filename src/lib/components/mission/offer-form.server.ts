// The new-offer form of /mission/offres/nouvelle: read once, checked whole before anything is
// written (the landlord typed in the same form is created only when the offer can be too), and
// given back as typed with the field at fault. The rules are the service's (offerErrors); this
// module only turns euros into cents and names the form's fields.
import type { FieldError } from '#domain/errors.ts';
import type { EnergyRating, LocAvantagesLevel, Scheme } from '#domain/matching.ts';
import { offerErrors, type OfferInput } from '#services/mission.ts';
import { field } from './forms.server';
import { centsAsTyped, parseEuros } from './money';

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

/** A field of the form at fault and the key of its message (the field's own name unless told). */
export type OfferFormErrors = Record<string, string>;

export type LandlordChoice = { id: string } | { name: string; phone: string | null };

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

/** The service's paths that are not the form's names. */
const FIELD_OF: Record<string, string> = {
	rentCents: 'rent',
	chargesCents: 'charges',
	rentCapCents: 'rentCap',
	incomeCeilingCents: 'incomeCeiling',
	name: 'landlordName',
	phone: 'landlordPhone'
};

/** The form field a service's error path names. */
export function formField(path: string): string {
	return FIELD_OF[path] ?? path;
}

/** A service's field errors as the form's. */
export function formErrors(errors: readonly FieldError[]): OfferFormErrors {
	const out: OfferFormErrors = {};
	for (const e of errors) {
		const f = formField(e.path);
		out[f] ??= f;
	}
	return out;
}

function whole(text: string): number {
	return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * Reads the offer's own fields (not its landlord): what was typed, the service's input and the
 * fields at fault. The correction form (/mission/offres/<id>/modifier) reads only these.
 */
export function readOfferDetails(form: FormData): { values: OfferFormValues; input: Omit<OfferInput, 'landlordId'>; errors: OfferFormErrors } {
	const get = (name: string) => field(form, name);
	const values: OfferFormValues = {
		landlordId: get('landlordId'),
		landlordName: get('landlordName'),
		landlordPhone: get('landlordPhone'),
		commune: get('commune'),
		address: get('address'),
		typology: get('typology'),
		surfaceM2: get('surfaceM2'),
		capacity: get('capacity'),
		accessible: form.get('accessible') !== null,
		rent: get('rent'),
		charges: get('charges'),
		availableFrom: get('availableFrom'),
		availableUntil: get('availableUntil'),
		scheme: get('scheme'),
		locAvantagesLevel: get('locAvantagesLevel'),
		rentCap: get('rentCap'),
		incomeCeiling: get('incomeCeiling'),
		energyRating: get('energyRating'),
		photoUrl: get('photoUrl')
	};
	const input: Omit<OfferInput, 'landlordId'> = {
		commune: values.commune,
		address: values.address,
		typology: values.typology,
		surfaceM2: whole(values.surfaceM2),
		capacity: whole(values.capacity),
		accessible: values.accessible,
		// An empty rent or charges is not 0: the service refuses NaN and names the field.
		rentCents: parseEuros(values.rent) ?? Number.NaN,
		chargesCents: parseEuros(values.charges) ?? Number.NaN,
		availableFrom: values.availableFrom,
		availableUntil: values.availableUntil || null,
		scheme: values.scheme as Scheme,
		locAvantagesLevel: (values.locAvantagesLevel || null) as LocAvantagesLevel | null,
		rentCapCents: parseEuros(values.rentCap),
		incomeCeilingCents: parseEuros(values.incomeCeiling),
		energyRating: values.energyRating as EnergyRating,
		photoUrl: values.photoUrl || null
	};
	return { values, input, errors: formErrors(offerErrors({ ...input, landlordId: '' })) };
}

/**
 * Reads the new-offer form. `input` is the offer without its landlord; `landlord` is the one chosen
 * or the new one typed. `errors` is empty when both can be written.
 */
export function readOfferForm(form: FormData): { values: OfferFormValues; landlord: LandlordChoice | null; input: Omit<OfferInput, 'landlordId'>; errors: OfferFormErrors } {
	const { values, input, errors: offerFieldErrors } = readOfferDetails(form);
	const errors: OfferFormErrors = {};
	let landlord: LandlordChoice | null = null;
	if (values.landlordId && values.landlordName) errors.landlordName = 'landlordBoth';
	else if (values.landlordId) landlord = { id: values.landlordId };
	else if (!values.landlordName) errors.landlordId = 'landlordId';
	else if (values.landlordName.length > 200) errors.landlordName = 'landlordName';
	else if (values.landlordPhone && (values.landlordPhone.length > 40 || !/\d/.test(values.landlordPhone))) errors.landlordPhone = 'landlordPhone';
	else landlord = { name: values.landlordName, phone: values.landlordPhone || null };
	for (const [f, key] of Object.entries(offerFieldErrors)) errors[f] ??= key;
	return { values, landlord: Object.keys(errors).length ? null : landlord, input, errors };
}
