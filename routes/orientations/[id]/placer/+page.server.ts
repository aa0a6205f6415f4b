import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import type { ConflictRange, FieldError } from '#domain/errors.ts';
import { nowMs, tonight } from '#services/clock.ts';
import { placeProtocolPath } from '#services/protocol.ts';
import { getProtocolPlacing, type ProtocolPlacing } from '#services/referral-desk.ts';
import { getReferral, type StaffReferralView } from '#services/referrals.ts';
import { placerHref } from '$lib/components/referrals/links';
import { parsePathPlacementForm, parsePathQuery } from '$lib/server/protocol';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What a refused placement gives back: the error in codes (the page words them) and what was typed. */
export interface PathFailure {
	code: string;
	errors: FieldError[];
	conflicts: ConflictRange[];
	values: Record<string, string>;
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
		placing = getProtocolPlacing(db, actor, params.id, parsePathQuery(url.searchParams), night);
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
	return { placing, referral, notProtocol: false, otherHref: placerHref(referral, night), key: randomUUID(), now: nowMs() };
};

export const actions: Actions = {
	/** Places the hotel nights and, when one is chosen, the apartment that follows; opens the hotel stay. */
	place: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const parsed = parsePathPlacementForm(await request.formData(), params.id);
		const v = parsed.values;
		const values = {
			hotelUnitId: v.hotelUnitId ?? '',
			apartmentUnitId: v.apartmentUnitId ?? '',
			label: v.label ?? '',
			adults: v.adults ?? '',
			children: v.children ?? '',
			keepApartFrom: v.keepApartFrom ?? '',
			note: v.note ?? '',
			budgetOverrideReason: v.budgetOverrideReason ?? ''
		};
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, conflicts: [], values } satisfies PathFailure);
		let hotelStayId: string;
		try {
			const { value } = placeProtocolPath(locals.db, actor, parsed.data, v.key || undefined);
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
		redirect(303, `/sejours/${encodeURIComponent(hotelStayId)}?fait=placed`);
	}
};
