import { fail } from '@sveltejs/kit';
import { AppError, type ConflictRange } from '#domain/errors.ts';
import { createBlock } from '#services/blocks.ts';
import { getPlanning } from '#services/planning.ts';
import { blockDateErrors, parseBlockForm, parsePlanningQuery, type BlockErrors, type BlockValues } from '$lib/server/planning';
import { assertAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = locals.session!.actor;
	const db = locals.db;
	const query = parsePlanningQuery(url.searchParams);
	if (!query) return { planning: getPlanning(db, actor), queryError: true };
	try {
		return { planning: getPlanning(db, actor, query), queryError: false };
	} catch (e) {
		// A mistyped address still shows a planning: the default window, unfiltered, and says so.
		if (e instanceof AppError && e.code === 'invalid') return { planning: getPlanning(db, actor), queryError: true };
		throw e;
	}
};

function blockFailure(status: number, values: BlockValues, extra: { errors?: BlockErrors; error?: string; conflicts?: ConflictRange[] }) {
	return fail(status, { block: { values, errors: extra.errors ?? {}, error: extra.error ?? null, conflicts: extra.conflicts ?? [] } });
}

export const actions: Actions = {
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
