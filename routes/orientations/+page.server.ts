import { fail, redirect } from '@sveltejs/kit';
import type { FieldError } from '#domain/errors.ts';
import { canHandleProgramme, type Programme } from '#domain/programmes.ts';
import { canCreateReferral, canDecide, canPlaceForReferral } from '#domain/referral-lifecycle.ts';
import { nowMs, tonight } from '#services/clock.ts';
import { orderQueue } from '#domain/referral-queue.ts';
import { isEmailEnabled, listReferralOrganisations } from '#services/referral-desk.ts';
import { communeChoices } from '#services/origin.ts';
import { createReferral, listReferrals, rememberedReferrer, type PartnerReferralView, type StaffReferralView } from '#services/referrals.ts';
import { decideFromForm } from '$lib/components/referrals/decision.server';
import { placingHref } from '$lib/components/referrals/links';
import { emptyReferralForm, parseReferralForm, type ReferralFormValues } from '$lib/server/referrals';
import { assertAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** The most decided referrals the staff list shows under the queue. */
const OTHERS_SHOWN = 50;

export interface CreateFailure {
	kind: 'create';
	code: string;
	errors: FieldError[];
	values: ReferralFormValues;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.session!.actor;
	const db = locals.db;
	const night = tonight();
	const done = url.searchParams.get('fait');
	if (actor.role === 'partner') {
		const remembered = rememberedReferrer(db, actor);
		return {
			view: 'partner' as const,
			referrals: listReferrals(db, actor) as PartnerReferralView[],
			// Its contact and phone of last time, which it may change.
			blank: { ...emptyReferralForm(night), ...remembered },
			remembered: remembered !== null,
			communes: communeChoices(db),
			tonight: night,
			now: nowMs(),
			done
		};
	}
	const { waiting, others } = orderQueue(listReferrals(db, actor) as StaffReferralView[]);
	const canEnter = canCreateReferral(actor.role);
	return {
		view: 'staff' as const,
		waiting: waiting.map((r) => ({
			...r,
			placeHref: canPlaceForReferral(actor.role) && canHandleProgramme(actor.role, r.programme as Programme) ? placingHref(r, night) : null
		})),
		others: others.slice(0, OTHERS_SHOWN),
		othersTotal: others.length,
		canEnter,
		canDecide: canDecide(actor.role, 'accepted'),
		organisations: canEnter ? listReferralOrganisations(db, actor) : [],
		emailEnabled: isEmailEnabled(),
		blank: emptyReferralForm(night),
		communes: canEnter ? communeChoices(db) : [],
		tonight: night,
		now: nowMs(),
		done
	};
};

export const actions: Actions = {
	/** A partner sends a referral; a duty officer enters one taken by phone. */
	create: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const parsed = parseReferralForm(form, actor);
		if (!parsed.ok) return fail(400, { kind: 'create' as const, code: 'invalid', errors: parsed.errors, values: parsed.values } satisfies CreateFailure);
		let id: string;
		try {
			id = createReferral(locals.db, actor, parsed.data).id;
		} catch (e) {
			assertAppError(e);
			return fail(e.status, { kind: 'create' as const, code: e.code, errors: e.errors ?? [], values: parsed.values } satisfies CreateFailure);
		}
		// A partner follows it in its list; a duty officer goes on to decide and place it.
		if (actor.role === 'partner') redirect(303, `/orientations?fait=sent#ref-${id}`);
		redirect(303, `/orientations/${encodeURIComponent(id)}?fait=created`);
	},

	/** « Accepter » from the queue, or a partner withdrawing its own referral. */
	decide: async ({ request, locals }) => {
		return decideFromForm(request, locals.db, locals.session!.actor, (id, outcome) => `/orientations?fait=${outcome}#ref-${id}`);
	}
};
