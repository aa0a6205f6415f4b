import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { AppError, type ConflictRange, type FieldError } from '#domain/errors.ts';
import { programmesOf, type Programme } from '#domain/programmes.ts';
import { tonight } from '#services/clock.ts';
import { parsePlacingForm, recordUnmetDemand, suggestPlacement, type PlacingSuggestion, type UnmetReason } from '#services/placing.ts';
import { placeStay } from '#services/stays.ts';
import { assertAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What a failed action gives back: the error in codes (the page words them) and what was typed. */
export interface PlaceFailure {
	action: 'hold' | 'unmet';
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

function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

function count(raw: string): number {
	return /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.session!.actor;
	const night = tonight();
	const searched = url.searchParams.has('start');
	const parsed = parsePlacingForm(url.searchParams, actor, night);
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
		recorded: url.searchParams.get('demande') === 'enregistree',
		// Placing for a referral (from /orientations): the stay is linked to it.
		referralId: url.searchParams.get('referralId') || null,
		// A new key for each form shown: a double tap sends the same key and places nobody twice.
		idempotencyKey: randomUUID()
	};
};

export const actions: Actions = {
	/** Takes the chosen unit as a hold for the household typed on the same step. */
	hold: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const values = {
			unitId: text(form, 'unitId'),
			label: text(form, 'label'),
			adults: text(form, 'adults'),
			children: text(form, 'children')
		};
		const adults = count(values.adults);
		const children = count(values.children);
		const errors: FieldError[] = [];
		if (!values.unitId) errors.push({ path: 'unitId', message: 'choose a unit' });
		if (!values.label) errors.push({ path: 'household.label', message: 'must not be empty' });
		if (Number.isNaN(adults)) errors.push({ path: 'adults', message: 'a whole number' });
		if (Number.isNaN(children)) errors.push({ path: 'children', message: 'a whole number' });
		if (errors.length) return failure(400, 'hold', 'invalid', values, { errors });
		try {
			const { value } = placeStay(
				locals.db,
				actor,
				{
					unitId: values.unitId,
					start: text(form, 'start'),
					end: text(form, 'end'),
					programme: text(form, 'programme') as Programme,
					household: { label: values.label, adults, children, needs: text(form, 'accessible') ? ['accessibility'] : [] },
					status: 'hold',
					referralId: text(form, 'referralId') || null
				},
				text(form, 'key') || undefined
			);
			redirect(303, `/placer/option/${encodeURIComponent(value.id)}`);
		} catch (e) {
			// Placing for a referral is for those who decide referrals: say so rather than blame the programme.
			if (e instanceof AppError && e.code === 'forbidden' && text(form, 'referralId')) return failure(403, 'hold', 'forbidden_referral', values);
			return fromAppError(e, 'hold', values);
		}
	},

	/** Records the demand nobody could be placed for, with its reason. */
	unmet: async ({ request, locals }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const values = { reason: text(form, 'reason'), note: text(form, 'note') };
		try {
			recordUnmetDemand(
				locals.db,
				actor,
				{
					programme: text(form, 'programme') as Programme,
					start: text(form, 'start'),
					end: text(form, 'end'),
					persons: count(text(form, 'persons')),
					accessible: !!text(form, 'accessible'),
					reason: values.reason as UnmetReason,
					note: values.note || null
				},
				text(form, 'key') || undefined
			);
		} catch (e) {
			return fromAppError(e, 'unmet', values);
		}
		redirect(303, '/placer?demande=enregistree');
	}
};
