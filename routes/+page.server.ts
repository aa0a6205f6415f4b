import { error } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { getDb } from '#db/client.ts';
import { getTonight } from '#services/tonight.ts';
import { listReferrals } from '#services/referrals.ts';
import { orderQueue } from '#domain/referral-queue.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	try {
		const actor = locals.session!.actor;
		const { waiting } = orderQueue(listReferrals(getDb(), actor));
		return {
			board: getTonight(getDb(), actor),
			// Referrals waiting, most urgent and oldest first: counts and times only on this page.
			waiting: waiting.slice(0, 10).map((r) => ({ id: r.id, status: r.status, urgency: r.urgency, programme: r.programme, persons: r.adults + r.children, receivedAt: r.receivedAt })),
			waitingCount: waiting.length
		};
	} catch (e) {
		if (e instanceof AppError && e.code === 'forbidden') error(403, 'forbidden');
		throw e;
	}
};
