import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import type { ConflictRange, FieldError } from '#domain/errors.ts';
import { nowMs, tonight } from '#services/clock.ts';
import { placeProtocolPath } from '#services/protocol.ts';
import { getProtocolPlacing, type ProtocolPlacing } from '#services/referral-desk.ts';
import { getReferral, type StaffReferralView } from '#services/referrals.ts';
import { placerHref } from '$lib/components/referrals/links';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What a refused placement gives back: the error in codes (the page words them) and what was typed. */
export interface PathFailure {
	code: string;
	errors: FieldError[];
	conflicts: ConflictRange[];
	values: Record<string, string>;
}

function text(form: FormData | URLSearchParams, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

function count(raw: string): number {
	return /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	// Placing is staff's work; a partner follows its referral on /orientations/<id>.
	if (actor.role === 'partner') error(403, 'forbidden');
	const db = locals.db;
	const night = tonight();
	let placing: ProtocolPlacing | null = null;
	let referral: StaffReferralView;
	try {
		referral = getReferral(db, actor, params.id) as StaffReferralView;
		if (referral.programme !== 'dv_protocol') {
			return { placing: null, referral, notProtocol: true, otherHref: placerHref(referral, night), key: randomUUID(), now: nowMs() };
		}
		const nights = Number(text(url.searchParams, 'apartmentNights'));
		placing = getProtocolPlacing(db, actor, params.id, { start: text(url.searchParams, 'start') || null, apartmentNights: Number.isInteger(nights) && nights > 0 ? nights : null }, night);
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
	return { placing, referral, notProtocol: false, otherHref: placerHref(referral, night), key: randomUUID(), now: nowMs() };
};

export const actions: Actions = {
	/** Places the hotel nights and, when one is chosen, the apartment that follows; opens the hotel stay. */
	place: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const values = {
			hotelUnitId: text(form, 'hotelUnitId'),
			apartmentUnitId: text(form, 'apartmentUnitId'),
			label: text(form, 'label'),
			adults: text(form, 'adults'),
			children: text(form, 'children'),
			keepApartFrom: text(form, 'keepApartFrom'),
			note: text(form, 'note'),
			budgetOverrideReason: text(form, 'budgetOverrideReason')
		};
		const adults = count(values.adults);
		const children = count(values.children);
		const errors: FieldError[] = [];
		if (!values.hotelUnitId) errors.push({ path: 'hotelUnitId', message: 'choose a room' });
		if (!values.label) errors.push({ path: 'label', message: 'must not be empty' });
		if (Number.isNaN(adults)) errors.push({ path: 'adults', message: 'a whole number' });
		if (Number.isNaN(children)) errors.push({ path: 'children', message: 'a whole number' });
		if (values.note.length > 2000) errors.push({ path: 'note', message: 'at most 2000 characters' });
		if (values.budgetOverrideReason.length > 1000) errors.push({ path: 'budgetOverrideReason', message: 'at most 1000 characters' });
		if (errors.length) return fail(400, { code: 'invalid', errors, conflicts: [], values } satisfies PathFailure);
		const apartmentNights = Number(text(form, 'apartmentNights'));
		let hotelStayId: string;
		try {
			const { value } = placeProtocolPath(
				locals.db,
				actor,
				{
					household: { label: values.label, adults, children, keepApartFrom: values.keepApartFrom || null },
					start: text(form, 'start'),
					hotelUnitId: values.hotelUnitId,
					apartmentUnitId: values.apartmentUnitId || null,
					apartmentNights: Number.isInteger(apartmentNights) && apartmentNights > 0 ? apartmentNights : undefined,
					referralId: params.id,
					note: values.note || null,
					budgetOverrideReason: values.budgetOverrideReason || null
				},
				text(form, 'key') || undefined
			);
			hotelStayId = value.hotel.id;
		} catch (e) {
			assertAppError(e);
			// The budget is the one limit this page can pass, with a reason: say which field.
			const budget = e.code === 'limit_exceeded' && /budget/i.test(e.message);
			const keepApartUnknown = e.code === 'not_found' && /keep apart/i.test(e.message);
			const fieldErrors = [
				...(e.errors ?? []),
				...(budget ? [{ path: 'budgetOverrideReason', message: 'required past the budget' }] : []),
				...(keepApartUnknown ? [{ path: 'keepApartUnknown', message: 'no such household' }] : [])
			];
			return fail(e.status, { code: keepApartUnknown ? 'invalid' : e.code, errors: fieldErrors, conflicts: e.conflicts ?? [], values } satisfies PathFailure);
		}
		redirect(303, `/sejours/${encodeURIComponent(hotelStayId)}`);
	}
};
