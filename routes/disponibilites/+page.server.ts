import { fail } from '@sveltejs/kit';
import { partnerTotalsCountHidden } from '#domain/availability.ts';
import type { AppError } from '#domain/errors.ts';
import { PROGRAMMES, type Programme } from '#domain/programmes.ts';
import type { Actor } from '#services/actor.ts';
import { getAvailability } from '#services/availability.ts';
import { tonight } from '#services/clock.ts';
import { getSummarySubscription, subscribeSummary } from '#services/summary.ts';
import { nightsBetween, shiftDate } from '$lib/dates';
import { assertAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

const SHORT = 14;
const LONG = 31;
const MAX_PERSONS = 12;

function isProgramme(s: string | null): s is Programme {
	return s !== null && (PROGRAMMES as readonly string[]).includes(s);
}

// The partner's view of availability, for every role that opens this page (staff have the
// planning): nightly totals by programme, where confidential sites count without being listed
// (unless a persons filter would split them: then they are left out), and the units of
// non-confidential sites one by one. The service builds the partner's shape itself.
export const load: PageServerLoad = ({ locals, url }) => {
	const db = locals.db;
	const actor = locals.session!.actor;
	const partnerView: Actor = { ...actor, role: 'partner' };
	const count = url.searchParams.get('nuits') === String(LONG) ? LONG : SHORT;
	const rawPersons = Number.parseInt(url.searchParams.get('personnes') ?? '', 10);
	const persons = Number.isInteger(rawPersons) && rawPersons >= 1 ? Math.min(rawPersons, MAX_PERSONS) : null;
	const rawProgramme = url.searchParams.get('dispositif');
	const programme = isProgramme(rawProgramme) ? rawProgramme : null;
	const from = tonight();
	const to = shiftDate(from, count);
	const q = { from, to, persons: persons ?? undefined };

	const programmes = programme ? [programme] : [...PROGRAMMES];
	const byProgramme = programmes.map((p) => ({
		programme: p,
		nights: getAvailability(db, partnerView, { ...q, programme: p }).nights.map((n) => ({ freePlaces: n.freePlaces, freeUnits: n.freeUnits }))
	}));
	// A programme with no free place on any of these nights is said in one sentence, not as a column of zeros.
	const shown = byProgramme.filter((p) => p.nights.some((n) => n.freePlaces > 0));
	const full = byProgramme.filter((p) => !shown.includes(p)).map((p) => p.programme);
	const nights = Array.from({ length: count }, (_, i) => shiftDate(from, i));

	// Units of non-confidential sites (the partner's answer never lists the others), by commune.
	const units = getAvailability(db, partnerView, { ...q, programme: programme ?? undefined })
		.units.filter((u) => u.free.length > 0)
		.map((u) => ({
			unitId: u.unitId,
			name: u.name,
			commune: u.commune,
			capacity: u.capacity,
			programmes: u.programmes,
			allNights: u.free.length === 1 && u.free[0].start === from && u.free[0].end === to,
			// Ranges are [start, end): the last free night is the day before `end`.
			free: u.free.map((r) => ({ start: r.start, last: shiftDate(r.end, -1), nights: nightsBetween(r.start, r.end) }))
		}));
	const communes = [...new Set(units.map((u) => u.commune))].sort((a, b) => a.localeCompare(b, 'fr'));

	const subscription = actor.role === 'partner' ? getSummarySubscription(db, actor) : null;

	return {
		from,
		to,
		last: shiftDate(to, -1),
		count,
		long: count === LONG,
		filters: { persons, programme },
		// Whether the totals count confidential sites (whole-night counts, never split by a filter).
		countsConfidential: partnerTotalsCountHidden(q),
		allProgrammes: [...PROGRAMMES],
		programmes: shown.map((p) => p.programme),
		full,
		rows: nights.map((date, i) => ({ date, cells: shown.map((p) => p.nights[i]) })),
		communes: communes.map((commune) => ({
			commune,
			units: units.filter((u) => u.commune === commune).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
		})),
		unitCount: units.length,
		subscription: subscription ? { email: subscription.email } : null
	};
};

type SubscriptionError = 'invalid_email' | 'forbidden' | 'not_found' | 'unknown';

function errorCode(e: AppError): SubscriptionError {
	if (e.code === 'validation' || e.code === 'invalid') return 'invalid_email';
	if (e.code === 'forbidden') return 'forbidden';
	if (e.code === 'not_found') return 'not_found';
	return 'unknown';
}

export const actions: Actions = {
	abonnement: async ({ request, locals }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		if (!email) return fail(400, { summary: { error: 'invalid_email' as SubscriptionError, values: { email } } });
		try {
			subscribeSummary(locals.db, locals.session!.actor, email);
			return { summary: { done: 'subscribed' as const } };
		} catch (e) {
			assertAppError(e);
			return fail(e.status === 403 ? 403 : 400, { summary: { error: errorCode(e), values: { email } } });
		}
	},
	desabonnement: async ({ locals }) => {
		try {
			subscribeSummary(locals.db, locals.session!.actor, null);
			return { summary: { done: 'unsubscribed' as const } };
		} catch (e) {
			assertAppError(e);
			return fail(e.status === 403 ? 403 : 400, { summary: { error: errorCode(e), values: { email: '' } } });
		}
	}
};
