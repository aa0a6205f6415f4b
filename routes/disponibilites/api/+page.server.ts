import { shiftDate } from '$lib/dates';
import { tonight } from '#services/clock.ts';
import { settings } from '#services/config.ts';
import type { PageServerLoad } from './$types';

// Help for partners' scripts: how to get a token and poll the availability API. No data of anyone.
export const load: PageServerLoad = ({ url }) => {
	const from = tonight();
	return {
		origin: url.origin,
		from,
		to: shiftDate(from, 14),
		rateLimit: settings.partnerRateLimit()
	};
};
