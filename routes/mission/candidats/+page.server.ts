import { nightsBetween } from '$lib/dates';
import { isUrgent } from '#domain/matching.ts';
import { today } from '#services/clock.ts';
import { toMatchingApplicant } from '#services/mission/matching.ts';
import { listApplicants } from '#services/mission/views.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const day = today();
	const rows = listApplicants(locals.db, locals.session!.actor).map((a) => {
		const urgent = a.housedAt == null && isUrgent(toMatchingApplicant(a), day);
		return {
			id: a.id,
			label: a.label,
			persons: a.persons,
			accessibleNeeded: a.accessibleNeeded,
			maxRentCents: a.maxRentCents,
			communes: a.communes,
			neededFrom: a.neededFrom,
			waitingSince: a.waitingSince,
			daysWaited: a.daysWaited,
			situation: a.situation,
			emergencyStayEnd: a.emergencyStayEnd,
			urgent,
			daysLeft: urgent && a.emergencyStayEnd ? nightsBetween(day, a.emergencyStayEnd) : null,
			openProposals: a.openProposals,
			housedAt: a.housedAt
		};
	});
	// Those whose emergency stay is ending come first (the soonest end first), then the longest waiting.
	const waiting = rows
		.filter((a) => a.housedAt == null)
		.sort((a, b) => Number(b.urgent) - Number(a.urgent) || (a.urgent && b.urgent ? (a.daysLeft ?? 0) - (b.daysLeft ?? 0) : 0) || b.daysWaited - a.daysWaited);
	const housed = rows.filter((a) => a.housedAt != null).sort((a, b) => (b.housedAt ?? 0) - (a.housedAt ?? 0));
	return { waiting, housed };
};
