import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { AppError, type ConflictRange, type FieldError } from '#domain/errors.ts';
import { programmesOf, type Programme } from '#domain/programmes.ts';
import { tonight } from '#services/clock.ts';
import { recordUnmetDemand, suggestPlacement, unitAskedFor, type PlacingSuggestion } from '#services/placing.ts';
import { placeStay } from '#services/stays.ts';
import { allocateTogether } from '#services/allocation.ts';
import { canFindByExactName } from '#domain/confidentiality.ts';
import { searchHouseholds } from '#services/households.ts';
import { communeChoices } from '#services/origin.ts';
import { getReferral } from '#services/referrals.ts';
import { parseHoldForm, parsePlacingSearch, parseTogetherForm, parseUnmetForm, readKnownHousehold, type KnownHousehold } from '$lib/server/placing';
import { findByExactName } from '$lib/server/households';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What a failed action gives back: the error in codes (the page words them) and what was typed. */
export interface PlaceFailure {
	action: 'hold' | 'unmet' | 'together';
	code: string;
	errors: FieldError[];
	conflicts: ConflictRange[];
	values: Record<string, string>;
}

function failure(status: number, action: PlaceFailure['action'], code: string, values: Record<string, string>, extra: { errors?: FieldError[]; conflicts?: ConflictRange[] } = {}) {
	return fail(status, { action, code, errors: extra.errors ?? [], conflicts: extra.conflicts ?? [], values } satisfies PlaceFailure);
}

function fromAppError(e: unknown, action: PlaceFailure['action'], values: Record<string, string>) {
	assertAppError(e);
	return failure(e.status, action, e.code, values, { errors: e.errors, conflicts: e.conflicts });
}

/** The commune of origin a referral gave, to start the placing form from (nothing for a referral the caller cannot read). */
function referralOrigin(db: App.Locals['db'], actor: Parameters<typeof getReferral>[1], referralId: string | null): string | null {
	if (!referralId) return null;
	try {
		const r = getReferral(db, actor, referralId);
		return 'originCommune' in r ? r.originCommune : null;
	} catch (e) {
		assertAppError(e);
		return null;
	}
}

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.session!.actor;
	const night = tonight();
	const searched = url.searchParams.has('start');
	// A household already known, chosen by a search below or from its record ("Placer à nouveau").
	const householdId = url.searchParams.get('householdId');
	let known: KnownHousehold | null = null;
	if (householdId) {
		try {
			known = readKnownHousehold(locals.db, actor, householdId);
		} catch (e) {
			pageErrorFrom(e);
		}
	}
	// The search for a known household (a GET, so it works without JavaScript): by name, or by pseudonym for a confidential one.
	const q = known ? '' : (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const parsed = parsePlacingSearch(url.searchParams, actor, night, known);
	let suggestion: PlacingSuggestion | null = null;
	let searchError: { code: string; errors: FieldError[] } | null = null;
	if (searched && parsed.request) {
		try {
			suggestion = suggestPlacement(locals.db, actor, parsed.request);
		} catch (e) {
			assertAppError(e);
			searchError = { code: e.code, errors: e.errors ?? [] };
		}
	}
	return {
		tonight: night,
		programmes: [...programmesOf(actor.role)] as Programme[],
		values: parsed.values,
		request: parsed.request,
		searched,
		errors: searched ? [...parsed.errors, ...(searchError?.errors ?? [])] : [],
		searchError: searchError?.code ?? null,
		suggestion,
		// A link from Tonight names a unit and no search yet: the persons and nights are asked first.
		askedUnit: !searched && parsed.values.unitId ? unitAskedFor(locals.db, actor, parsed.values.unitId) : null,
		recorded: url.searchParams.get('demande') === 'enregistree',
		// Placing for a referral (from /orientations): the stay is linked to it.
		referralId: url.searchParams.get('referralId') || null,
		known,
		knownSearch: q ? searchHouseholds(locals.db, actor, { q }) : null,
		// The placing search's own fields, kept across the known household's search and choice.
		keep: [...url.searchParams].filter(([name]) => !['q', 'householdId', 'demande'].includes(name)),
		canFind: canFindByExactName(actor.role),
		// The household's commune of origin, offered beside its name (a referral's, when placing for one).
		communes: searched ? communeChoices(locals.db) : [],
		referralOrigin: referralOrigin(locals.db, actor, url.searchParams.get('referralId')),
		// A new key for each form shown: a double tap sends the same key and places nobody twice.
		idempotencyKey: randomUUID()
	};
};

export const actions: Actions = {
	/** Takes the chosen unit as a hold for the household typed on the same step. */
	hold: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const parsed = parseHoldForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return failure(400, 'hold', 'invalid', values, { errors: parsed.errors });
		try {
			const { value } = placeStay(locals.db, actor, parsed.data, values.key || undefined);
			redirect(303, `/placer/option/${encodeURIComponent(value.id)}`);
		} catch (e) {
			// Placing for a referral is for those who decide referrals: say so rather than blame the programme.
			if (e instanceof AppError && e.code === 'forbidden' && parsed.data.referralId) return failure(403, 'hold', 'forbidden_referral', values);
			return fromAppError(e, 'hold', values);
		}
	},

	/** Places the household in the units of the `together` option shown, all in one transaction or none. */
	together: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const parsed = parseTogetherForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return failure(400, 'together', 'invalid', values, { errors: parsed.errors });
		try {
			const { value } = allocateTogether(locals.db, actor, parsed.data, values.key || undefined);
			redirect(303, `/placer/ensemble/${encodeURIComponent(value.stays[0].id)}`);
		} catch (e) {
			if (e instanceof AppError && e.code === 'forbidden' && parsed.data.referralId) return failure(403, 'together', 'forbidden_referral', values);
			return fromAppError(e, 'together', values);
		}
	},

	/** A confidential household by its exact full name, with a reason (audited by the service); it is then chosen by its id. */
	find: async ({ request, locals }) => findByExactName(locals.db, locals.session!.actor, await request.formData()),

	/** Records the demand nobody could be placed for, with its reason. */
	unmet: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const parsed = parseUnmetForm(await request.formData());
		const values = { reason: parsed.values.reason ?? '', note: parsed.values.note ?? '' };
		if (!parsed.ok) return failure(400, 'unmet', 'invalid', values, { errors: parsed.errors });
		try {
			recordUnmetDemand(locals.db, actor, parsed.data, parsed.values.key || undefined);
		} catch (e) {
			return fromAppError(e, 'unmet', values);
		}
		redirect(303, '/placer?demande=enregistree');
	}
};
