import { fail, redirect } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import type { Reason } from '#domain/matching.ts';
import { isLiveOffer, isOpenProposal } from '#domain/proposal-lifecycle.ts';
import { proposalInput, proposalMoveInput, withdrawInput } from '#schemas/mission.ts';
import { matchesForOffer } from '#services/mission/matching.ts';
import { createOfferUnit } from '#services/mission/offer-unit.ts';
import { openOffer, withdrawOffer } from '#services/mission/offers.ts';
import { moveProposal, propose } from '#services/mission/proposals.ts';
import { getOffer, getProposal, listApplicants } from '#services/mission/views.ts';
import { isConfirmed } from '$lib/server/confirm';
import { field } from '$lib/server/mission-forms';
import { reasonSentence } from '$lib/i18n/match-reasons';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import { parseForm, type ParsedForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** What the page reads back from a refused action: which form, on which row, and why. */
export interface OfferActionFailure {
	form: 'open' | 'withdraw' | 'unit' | 'propose' | 'move';
	/** The proposal moved or the applicant proposed to. */
	target: string | null;
	code: string;
	/** Fields at fault (reason). */
	fields: string[];
	/** The hard rules that exclude an applicant, when a proposal is refused for them. */
	exclusions: string[];
	values: { reason: string; to: string };
}

function refused(e: unknown, form: OfferActionFailure['form'], target: string | null, values: OfferActionFailure['values'] = { reason: '', to: '' }) {
	assertAppError(e);
	const errors = e.errors ?? [];
	// A 422 on a proposal names the hard rules that exclude the applicant.
	const exclusions = form === 'propose' && e.code === 'invalid' ? errors.filter((x) => x.path === 'applicantId').map((x) => x.message) : [];
	const fields = errors.filter((x) => !(form === 'propose' && x.path === 'applicantId')).map((x) => x.path);
	return fail(e.status, { form, target, code: e.code as string, fields, exclusions, values } satisfies OfferActionFailure);
}

/** The form's data by its use case's schema, or the schema's refusal (400) as a service's would be. */
function checked<T>(parsed: ParsedForm<T>): T {
	if (!parsed.ok) throw new AppError('validation', 'the form is not valid', { errors: parsed.errors.map(({ path, message }) => ({ path, message })) });
	return parsed.data;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const db = locals.db;
	const actor = locals.session!.actor;
	let offer: ReturnType<typeof getOffer>;
	try {
		offer = getOffer(db, actor, params.id);
	} catch (e) {
		pageErrorFrom(e);
	}
	const sentence = (r: Reason) => reasonSentence(r, locals.locale);
	let ranking = null;
	// The ranking matters while the offer may still be proposed; a let or withdrawn offer has none.
	if (isLiveOffer(offer.status)) {
		const result = matchesForOffer(db, actor, offer.id);
		const applicants = new Map(listApplicants(db, actor, { waitingOnly: true }).map((a) => [a.id, a]));
		const proposedTo = new Set(offer.proposals.filter((p) => isOpenProposal(p.status)).map((p) => p.applicantId));
		ranking = {
			matches: result.matches.map((x) => ({
				applicantId: x.applicant.id,
				label: applicants.get(x.applicant.id)?.label ?? '',
				persons: x.applicant.persons,
				maxRentCents: x.applicant.maxRentCents,
				situation: x.applicant.situation,
				urgent: x.score.urgent,
				reasons: x.reasons.map(sentence),
				proposed: proposedTo.has(x.applicant.id)
			})),
			excluded: result.excluded.map((x) => ({
				applicantId: x.applicant.id,
				label: applicants.get(x.applicant.id)?.label ?? '',
				persons: x.applicant.persons,
				reasons: x.reasons.map(sentence)
			}))
		};
	}
	return { offer, ranking, done: url.searchParams.get('fait') };
};

export const actions: Actions = {
	open: async ({ locals, params }) => {
		try {
			openOffer(locals.db, locals.session!.actor, params.id);
		} catch (e) {
			return refused(e, 'open', null);
		}
		redirect(303, `/mission/offres/${encodeURIComponent(params.id)}?fait=opened`);
	},

	withdraw: async ({ request, locals, params }) => {
		const form = await request.formData();
		const reason = field(form, 'reason');
		try {
			// The service requires the reason (422 without); the schema bounds its length.
			withdrawOffer(locals.db, locals.session!.actor, params.id, checked(parseForm(withdrawInput, form)).reason ?? '');
		} catch (e) {
			return refused(e, 'withdraw', null, { reason, to: 'withdrawn' });
		}
		redirect(303, `/mission/offres/${encodeURIComponent(params.id)}?fait=withdrawn`);
	},

	/** A period offer becomes a unit with nights in the planning. */
	unit: async ({ locals, params }) => {
		try {
			createOfferUnit(locals.db, locals.session!.actor, params.id);
		} catch (e) {
			return refused(e, 'unit', null);
		}
		redirect(303, `/mission/offres/${encodeURIComponent(params.id)}?fait=unit`);
	},

	propose: async ({ request, locals, params }) => {
		const form = await request.formData();
		const applicantId = field(form, 'applicantId');
		let id: string;
		try {
			const input = checked(parseForm(proposalInput, form, { offerId: params.id }));
			id = propose(locals.db, locals.session!.actor, input.offerId, input.applicantId).id;
		} catch (e) {
			return refused(e, 'propose', applicantId);
		}
		redirect(303, `/mission/offres/${encodeURIComponent(params.id)}?fait=proposed#prop-${id}`);
	},

	/** A step of one of this offer's proposals: visit, accepted, lease signed, or a refusal with its reason. */
	move: async ({ request, locals, params }) => {
		const form = await request.formData();
		const proposalId = field(form, 'proposalId');
		const values = { reason: field(form, 'reason'), to: field(form, 'to') };
		const db = locals.db;
		const actor = locals.session!.actor;
		try {
			if (getProposal(db, actor, proposalId).offerId !== params.id) throw new AppError('not_found', `no proposal ${proposalId} on this offer`);
			// A signed lease closes every other proposal: it is asked first, made on the confirmed post.
			if (values.to === 'lease_signed' && !isConfirmed(form)) return { confirm: { proposalId, to: values.to } };
			// The form names the move `to`; the schema (the API's) names it `status`.
			const parsed = parseForm(proposalMoveInput, new URLSearchParams({ status: values.to, reason: values.reason }));
			const move = checked(parsed.ok ? parsed : { ...parsed, errors: parsed.errors.map((x) => (x.path === 'status' ? { ...x, path: 'to' } : x)) });
			moveProposal(db, actor, proposalId, move.status, move.reason || undefined);
		} catch (e) {
			return refused(e, 'move', proposalId, values);
		}
		redirect(303, `/mission/offres/${encodeURIComponent(params.id)}?fait=${values.to}#prop-${proposalId}`);
	}
};
