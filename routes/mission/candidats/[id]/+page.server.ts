import { fail, redirect } from '@sveltejs/kit';
import { nightsBetween } from '$lib/dates';
import { isUrgent } from '#domain/matching.ts';
import { isOpenProposal } from '#domain/proposal-lifecycle.ts';
import { today } from '#services/clock.ts';
import { revealApplicantName } from '#services/mission/applicants.ts';
import { matchesForApplicant, toMatchingApplicant } from '#services/mission/matching.ts';
import { propose } from '#services/mission/proposals.ts';
import { getApplicant, listOffers, type OfferView } from '#services/mission/views.ts';
import { proposalInput } from '#schemas/mission.ts';
import { parseForm } from '$lib/server/forms';
import { field } from '$lib/server/mission-forms';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import { reasonSentence } from '$lib/i18n/match-reasons';
import type { Actions, PageServerLoad } from './$types';

function offerFacts(o: OfferView) {
	return {
		id: o.id,
		typology: o.typology,
		commune: o.commune,
		capacity: o.capacity,
		surfaceM2: o.surfaceM2,
		accessible: o.accessible,
		rentCents: o.rentCents,
		chargesCents: o.chargesCents,
		availableFrom: o.availableFrom,
		availableUntil: o.availableUntil,
		scheme: o.scheme,
		locAvantagesLevel: o.locAvantagesLevel,
		energyRating: o.energyRating,
		landlordName: o.landlordName
	};
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const db = locals.db;
	const actor = locals.session!.actor;
	const locale = locals.locale;
	let applicant: ReturnType<typeof getApplicant>;
	try {
		// Opening an applicant linked to a confidential household is audited by the service.
		applicant = getApplicant(db, actor, params.id);
	} catch (e) {
		pageErrorFrom(e);
	}
	const day = today();
	const urgent = applicant.housedAt == null && isUrgent(toMatchingApplicant(applicant), day);
	const result = matchesForApplicant(db, actor, applicant.id);
	const open = new Map(listOffers(db, actor, { status: 'open' }).map((o) => [o.id, o]));
	const inProgress = new Map(applicant.proposals.filter((p) => isOpenProposal(p.status)).map((p) => [p.offerId, p.status]));
	const matches = result.matches.flatMap((match) => {
		const o = open.get(match.offer.id);
		return o ? [{ offer: offerFacts(o), reasons: match.reasons.map((r) => reasonSentence(r, locale)), inProgress: inProgress.get(o.id) ?? null }] : [];
	});
	const excluded = result.excluded.flatMap((x) => {
		const o = open.get(x.offer.id);
		return o ? [{ offer: offerFacts(o), reasons: x.reasons.map((r) => reasonSentence(r, locale)) }] : [];
	});
	return {
		applicant: {
			id: applicant.id,
			label: applicant.label,
			confidential: applicant.confidential,
			canReveal: applicant.canReveal,
			persons: applicant.persons,
			accessibleNeeded: applicant.accessibleNeeded,
			maxRentCents: applicant.maxRentCents,
			yearlyIncomeCents: applicant.yearlyIncomeCents,
			communes: applicant.communes,
			neededFrom: applicant.neededFrom,
			waitingSince: applicant.waitingSince,
			daysWaited: applicant.daysWaited,
			situation: applicant.situation,
			emergencyStayEnd: applicant.emergencyStayEnd,
			housedAt: applicant.housedAt,
			urgent,
			daysLeft: urgent && applicant.emergencyStayEnd ? nightsBetween(day, applicant.emergencyStayEnd) : null
		},
		matches,
		excluded,
		// The latest first: the one in progress is usually the one to work on.
		proposals: [...applicant.proposals].reverse(),
		done: url.searchParams.get('fait')
	};
};

export const actions: Actions = {
	/** The real name of an applicant linked to a confidential household, with a reason (audited by the service); on this answer only. */
	reveal: async ({ request, locals, params }) => {
		const reason = field(await request.formData(), 'reason');
		try {
			return { revealed: revealApplicantName(locals.db, locals.session!.actor, params.id, reason).label };
		} catch (e) {
			assertAppError(e);
			return fail(e.status, { revealCode: e.errors?.[0]?.message ?? e.code, reason });
		}
	},
	/** « Proposer »: this open offer to this applicant. */
	propose: async ({ request, locals, params }) => {
		const form = await request.formData();
		const offerId = field(form, 'offerId');
		const parsed = parseForm(proposalInput, form, { applicantId: params.id });
		if (!parsed.ok) return fail(400, { offerId, code: 'validation' });
		let proposalId: string;
		try {
			proposalId = propose(locals.db, locals.session!.actor, parsed.data.offerId, parsed.data.applicantId).id;
		} catch (e) {
			assertAppError(e);
			// 422 « invalid » here means a hard rule now excludes the pair (the offer changed meanwhile).
			return fail(e.status, { offerId, code: e.code === 'invalid' ? 'excluded' : e.code });
		}
		redirect(303, `/mission/candidats/${encodeURIComponent(params.id)}?fait=propose#proposition-${proposalId}`);
	}
};
