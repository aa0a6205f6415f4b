import { blockInput, blockRef } from '#schemas/inventory.ts';
import { liftBlock, listCurrentBlocks, listInventory } from '#services/admin.ts';
import { createBlock } from '#services/blocks.ts';
import { tonight } from '#services/clock.ts';
import { parseForm } from '$lib/server/forms';
import { invalid, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	const db = locals.db;
	const units = listInventory(db, actor).flatMap((s) => s.units.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, site: s.name })));
	return { blocks: listCurrentBlocks(db, actor), units, tonight: tonight() };
};

// A block is created by the same use case, with the same schema, as the API's.
export const actions: Actions = {
	create: async ({ request, locals }) => {
		const parsed = parseForm(blockInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'block', parsed.values);
		try {
			createBlock(locals.db, locals.session!.actor, parsed.data);
			return { form: 'block', done: 'created' };
		} catch (e) {
			return refused(e, 'block', parsed.values);
		}
	},
	lift: async ({ request, locals }) => {
		const parsed = parseForm(blockRef, await request.formData());
		const blockId = parsed.values.blockId ?? '';
		if (!parsed.ok) return invalid(parsed, 'lift', {}, blockId);
		try {
			const result = liftBlock(locals.db, locals.session!.actor, parsed.data.blockId);
			return { form: 'lift', target: blockId, done: result.deleted ? 'lifted' : (result.end ?? 'lifted') };
		} catch (e) {
			return refused(e, 'lift', {}, blockId);
		}
	}
};
