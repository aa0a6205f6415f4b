import { fail } from '@sveltejs/kit';
import { AppError, type ConflictRange } from '#domain/errors.ts';
import { blockRef } from '#schemas/inventory.ts';
import { liftBlock } from '#services/admin.ts';
import { createBlock } from '#services/blocks.ts';
import { getPlanning, type Planning } from '#services/planning.ts';
import { blockDateErrors, parseBlockForm, parsePlanningQuery, type BlockErrors, type BlockValues } from '$lib/server/planning';
import { assertAppError } from '$lib/server/errors';
import { parseForm } from '$lib/server/forms';
import { renderOnly } from '$lib/render-only';
import { deferHtml } from '$lib/server/deferred-html';
import { keptGridBodyHtml } from '$lib/components/planning/grid-html';
import type { Actions, PageServerLoad } from './$types';

/**
 * The planning is links and plain forms: it needs no JavaScript, so it ships none. Without it, the
 * grid's data is not embedded a second time in the page for hydration (a month of a hundred units
 * would otherwise cost as much again to serialise, send and parse on a phone). SvelteKit would still
 * serialise it and throw the text away: renderOnly spares that walk over every bar on a page render
 * (a client-side navigation from another page still gets the data).
 */
export const csr = false;

export const load: PageServerLoad = ({ locals, url, isDataRequest }) => {
	const actor = locals.session!.actor;
	const db = locals.db;
	// On a page render the grid's body (one string, grid-html.ts) is put into the page by the hook
	// after rendering (src/lib/server/deferred-html.ts): the page renders a marker in its place. A data
	// request (a client-side navigation) leaves the component to write it.
	const answer = (planning: Planning, queryError: boolean) => ({
		planning: renderOnly(isDataRequest, planning),
		gridBody: isDataRequest ? null : deferHtml(locals, keptGridBodyHtml(planning, locals.locale)),
		queryError
	});
	const query = parsePlanningQuery(url.searchParams);
	if (!query) return answer(getPlanning(db, actor), true);
	try {
		return answer(getPlanning(db, actor, query), false);
	} catch (e) {
		// A mistyped address still shows a planning: the default window, unfiltered, and says so.
		if (e instanceof AppError && e.code === 'invalid') return answer(getPlanning(db, actor), true);
		throw e;
	}
};

function blockFailure(status: number, values: BlockValues, extra: { errors?: BlockErrors; error?: string; conflicts?: ConflictRange[] }) {
	return fail(status, { block: { values, errors: extra.errors ?? {}, error: extra.error ?? null, conflicts: extra.conflicts ?? [] } });
}

export const actions: Actions = {
	/** Lifts a block a person wrote; the service refuses the mission's blocks outside an offer's period (409). */
	lift: async ({ request, locals }) => {
		const parsed = parseForm(blockRef, await request.formData());
		const blockId = parsed.values.blockId ?? '';
		if (!parsed.ok) return fail(400, { lift: { blockId, error: 'not_found' } });
		try {
			const done = liftBlock(locals.db, locals.session!.actor, parsed.data.blockId);
			return { lift: { blockId, done: { deleted: done.deleted, end: done.end, unitId: done.unitId } } };
		} catch (e) {
			assertAppError(e);
			const error =
				e.code === 'invalid_transition' ? 'system' : e.code === 'invalid' ? 'past' : e.code === 'not_found' || e.code === 'forbidden' || e.code === 'busy' ? e.code : 'unexpected';
			return fail(e.status, { lift: { blockId, error } });
		}
	},
	block: async ({ request, locals }) => {
		const parsed = parseBlockForm(await request.formData());
		const { values } = parsed;
		if (!parsed.ok) return blockFailure(400, values, { errors: parsed.errors });

		try {
			const block = createBlock(locals.db, locals.session!.actor, parsed.data);
			return { block: { done: { id: block.id, unitId: block.unitId, start: block.start, end: block.end } } };
		} catch (e) {
			assertAppError(e);
			switch (e.code) {
				case 'overlap':
					return blockFailure(409, values, { error: 'overlap', conflicts: e.conflicts ?? [] });
				case 'invalid':
				case 'validation': {
					const fieldErrors = blockDateErrors(e.errors);
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
