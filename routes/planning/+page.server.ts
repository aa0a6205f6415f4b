import { fail } from '@sveltejs/kit';
import { isValidDate } from '#domain/dates.ts';
import { AppError, type ConflictRange } from '#domain/errors.ts';
import { createBlock } from '#services/blocks.ts';
import { getPlanning, type PlanningQuery } from '#services/planning.ts';
import { assertAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

function queryOf(url: URL): PlanningQuery {
	const p = url.searchParams;
	const nuits = p.get('nuits');
	return {
		start: p.get('debut') || null,
		nights: nuits ? (/^\d{1,3}$/.test(nuits) ? Number(nuits) : NaN) : null,
		siteId: p.get('site') || null,
		programme: p.get('programme') || null
	};
}

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.session!.actor;
	const db = locals.db;
	try {
		return { planning: getPlanning(db, actor, queryOf(url)), queryError: false };
	} catch (e) {
		// A mistyped address still shows a planning: the default window, unfiltered, and says so.
		if (e instanceof AppError && e.code === 'invalid') return { planning: getPlanning(db, actor), queryError: true };
		throw e;
	}
};

export interface BlockValues {
	unitId: string;
	start: string;
	end: string;
	reason: string;
}

/** Field errors by field name; the values are keys of the page's dictionary (block.errors). */
export type BlockErrors = Partial<Record<keyof BlockValues, string>>;

function blockFailure(status: number, values: BlockValues, extra: { errors?: BlockErrors; error?: string; conflicts?: ConflictRange[] }) {
	return fail(status, { block: { values, errors: extra.errors ?? {}, error: extra.error ?? null, conflicts: extra.conflicts ?? [] } });
}

export const actions: Actions = {
	block: async ({ request, locals }) => {
		const form = await request.formData();
		const values: BlockValues = {
			unitId: String(form.get('unitId') ?? '').trim(),
			start: String(form.get('start') ?? '').trim(),
			end: String(form.get('end') ?? '').trim(),
			reason: String(form.get('reason') ?? '').trim()
		};
		// The shape of each field here; every rule (tonight, the longest block, overlaps) in the service.
		const errors: BlockErrors = {};
		if (!values.unitId) errors.unitId = 'required';
		if (!values.start) errors.start = 'required';
		else if (!isValidDate(values.start)) errors.start = 'date';
		if (!values.end) errors.end = 'required';
		else if (!isValidDate(values.end)) errors.end = 'date';
		else if (!errors.start && values.end <= values.start) errors.end = 'order';
		if (!values.reason) errors.reason = 'required';
		else if (values.reason.length > 200) errors.reason = 'reason';
		if (Object.keys(errors).length) return blockFailure(400, values, { errors });

		try {
			const block = createBlock(locals.db, locals.session!.actor, values);
			return { block: { done: { id: block.id, unitId: block.unitId, start: block.start, end: block.end } } };
		} catch (e) {
			assertAppError(e);
			switch (e.code) {
				case 'overlap':
					return blockFailure(409, values, { error: 'overlap', conflicts: e.conflicts ?? [] });
				case 'invalid':
				case 'validation': {
					const fieldErrors: BlockErrors = {};
					for (const f of e.errors ?? []) if (f.path === 'start' || f.path === 'end') fieldErrors[f.path] = f.path;
					return blockFailure(422, values, Object.keys(fieldErrors).length ? { errors: fieldErrors } : { error: 'unexpected' });
				}
				case 'not_found':
					return blockFailure(404, values, { errors: { unitId: 'unit' } });
				case 'forbidden':
					return blockFailure(403, values, { error: 'forbidden' });
				case 'busy':
					return blockFailure(503, values, { error: 'busy' });
				default:
					return blockFailure(e.status, values, { error: 'unexpected' });
			}
		}
	}
};
