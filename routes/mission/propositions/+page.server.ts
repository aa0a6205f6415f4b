import { listProposals, refusalCounts } from '#services/mission/views.ts';
import type { PageServerLoad } from './$types';

/** The proposals in progress, the oldest first, and the refusals counted by who refused and why. */
export const load: PageServerLoad = ({ locals }) => {
	const db = locals.db;
	const actor = locals.session!.actor;
	return {
		proposals: listProposals(db, actor).map((p) => ({
			id: p.id,
			offerId: p.offerId,
			offerSummary: p.offerSummary,
			applicantId: p.applicantId,
			applicantLabel: p.applicantLabel,
			status: p.status,
			nextStep: p.nextStep,
			ageDays: p.ageDays
		})),
		refusals: refusalCounts(db, actor)
	};
};
