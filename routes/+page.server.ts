import { getTonight } from '#services/tonight.ts';
import { listReferrals } from '#services/referrals.ts';
import { orderQueue } from '#domain/referral-queue.ts';
import { getResidenceReminders } from '#services/residence/board.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	try {
		const actor = locals.session!.actor;
		const { waiting } = orderQueue(listReferrals(locals.db, actor));
		return {
			board: getTonight(locals.db, actor),
			// Referrals waiting, most urgent and oldest first: counts and times only on this page.
			waiting: waiting.slice(0, 10).map((r) => ({ id: r.id, status: r.status, urgency: r.urgency, programme: r.programme, persons: r.adults + r.children, receivedAt: r.receivedAt })),
			waitingCount: waiting.length,
			// The social residence's reminders: counts only, each a link.
			residence: getResidenceReminders(locals.db, actor)
		};
	} catch (e) {
		pageErrorFrom(e, ['forbidden']);
	}
};
