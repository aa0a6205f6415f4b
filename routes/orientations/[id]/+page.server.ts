import { error } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { canHandleProgramme, canSeeConfidentialAddress, type Programme } from '#domain/programmes.ts';
import { canDecide, canPlaceForReferral, DECISION_REASONS, isFinal, type ReferralStatus } from '#domain/referral-lifecycle.ts';
import { getDb } from '#db/client.ts';
import { nowMs, tonight } from '#services/clock.ts';
import { isEmailEnabled } from '#services/referral-desk.ts';
import { getReferral, type PartnerReferralView, type StaffReferralView } from '#services/referrals.ts';
import { decideFromForm } from '$lib/components/referrals/decision.server';
import { placingHref } from '$lib/components/referrals/links';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	let view: PartnerReferralView | StaffReferralView;
	try {
		view = getReferral(getDb(), actor, params.id);
	} catch (e) {
		// Another organisation's referral is « not found », exactly like one that does not exist.
		if (e instanceof AppError && e.code === 'not_found') error(404, 'not_found');
		throw e;
	}
	const done = url.searchParams.get('fait');
	const final = isFinal(view.status as ReferralStatus);
	if (actor.role === 'partner' || !('referrer' in view)) {
		return { view: 'partner' as const, referral: view as PartnerReferralView, final, done, now: nowMs() };
	}
	const night = tonight();
	const waiting = view.status === 'received' || view.status === 'accepted';
	return {
		view: 'staff' as const,
		referral: view,
		final,
		done,
		now: nowMs(),
		canDecide: canDecide(actor.role, 'accepted'),
		placeHref: waiting && canPlaceForReferral(actor.role) && canHandleProgramme(actor.role, view.programme as Programme) ? placingHref(view, night) : null,
		canSeeSheet: canSeeConfidentialAddress(actor.role),
		emailEnabled: isEmailEnabled(),
		reasonCodes: [...DECISION_REASONS]
	};
};

export const actions: Actions = {
	/** accepted, declined, redirected (a reason from the list), withdrawn. */
	decide: async ({ request, locals, params }) => {
		return decideFromForm(request, locals.session!.actor, (id, outcome) => `/orientations/${encodeURIComponent(id)}?fait=${outcome}`, params.id);
	}
};
