import { error } from '@sveltejs/kit';
import { canSeeConfidentialAddress } from '#domain/programmes.ts';
import { nowMs } from '#services/clock.ts';
import { getStaySheet } from '#services/stay-notes.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

// The placement sheet: what the household needs to arrive (unit, site, address, keys, dates), to
// show on a phone or print. It may hold a confidential address, so it is for admins and duty
// officers only, whatever the site: the page guard lets every staff role into /sejours.
export const load: PageServerLoad = ({ locals, params }) => {
	const actor = locals.session!.actor;
	if (!canSeeConfidentialAddress(actor.role)) error(403, 'forbidden');
	try {
		const sheet = getStaySheet(locals.db, actor, params.id);
		return {
			stay: {
				id: sheet.stay.id,
				start: sheet.stay.start,
				end: sheet.stay.end,
				status: sheet.stay.status,
				programme: sheet.stay.programme,
				note: sheet.stay.note,
				pseudonym: sheet.stay.household.pseudonym,
				adults: sheet.stay.household.adults,
				children: sheet.stay.household.children
			},
			unit: sheet.unit,
			site: sheet.site,
			now: nowMs()
		};
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
};
