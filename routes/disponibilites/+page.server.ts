import { addDays } from '#domain/dates.ts';
import { PROGRAMMES } from '#domain/programmes.ts';
import { getDb } from '#db/client.ts';
import { getAvailability } from '#services/availability.ts';
import { tonight } from '#services/clock.ts';
import type { PageServerLoad } from './$types';

const NIGHTS = 14;

// The partner's view of availability (also open to staff): nightly totals only, so the units of
// confidential sites count in the figures without ever being listed.
export const load: PageServerLoad = ({ locals }) => {
	const db = getDb();
	const actor = locals.session!.actor;
	const from = tonight();
	const to = addDays(from, NIGHTS);
	const byProgramme = PROGRAMMES.map((programme) => ({
		programme,
		nights: getAvailability(db, actor, { from, to, programme }).nights.map((n) => ({ freePlaces: n.freePlaces, freeUnits: n.freeUnits }))
	}));
	// A programme with no free place on any of these nights is said in one sentence, not as a column of zeros.
	const shown = byProgramme.filter((p) => p.nights.some((n) => n.freePlaces > 0));
	const full = byProgramme.filter((p) => !shown.includes(p)).map((p) => p.programme);
	const nights = Array.from({ length: NIGHTS }, (_, i) => addDays(from, i));
	return {
		from,
		last: addDays(to, -1),
		programmes: shown.map((p) => p.programme),
		full,
		rows: nights.map((date, i) => ({ date, cells: shown.map((p) => p.nights[i]) }))
	};
};
