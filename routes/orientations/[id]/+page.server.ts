import { canHandleProgramme, canSeeConfidentialAddress, type Programme } from '#domain/programmes.ts';
import { canDecide, canPlaceForReferral, isFinal, type ReferralStatus } from '#domain/referral-lifecycle.ts';
import { nowMs, tonight } from '#services/clock.ts';
import { isEmailEnabled } from '#services/referral-desk.ts';
import { getReferral, type PartnerReferralView, type StaffReferralView } from '#services/referrals.ts';
import { decideFromForm, REASON_CODES } from '$lib/components/referrals/decision.server';
import { placingHref } from '$lib/components/referrals/links';
import { pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	let view: PartnerReferralView | StaffReferralView;
	try {
		view = getReferral(locals.db, actor, params.id);
	} catch (e) {
		// Another organisation's referral is « not found », exactly like one that does not exist.
		pageErrorFrom(e);
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
		reasonCodes: [...REASON_CODES]
	};
};

export const actions: Actions = {
	/** accepted, declined, redirected (a reason from the list), withdrawn. */
	decide: async ({ request, locals, params }) => {
		return decideFromForm(request, locals.db, locals.session!.actor, (id, outcome) => `/orientations/${encodeURIComponent(id)}?fait=${outcome}`, params.id);
	}
};
