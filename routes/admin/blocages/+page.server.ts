import { addBlock, liftBlock, listCurrentBlocks, listInventory } from '#services/admin.ts';
import { tonight } from '#services/clock.ts';
import { field, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	const db = locals.db;
	const units = listInventory(db, actor).flatMap((s) => s.units.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, site: s.name })));
	return { blocks: listCurrentBlocks(db, actor), units, tonight: tonight() };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const f = await request.formData();
		const values = { unitId: field(f, 'unitId'), start: field(f, 'start'), end: field(f, 'end'), reason: field(f, 'reason') };
		try {
			addBlock(locals.db, locals.session!.actor, values);
			return { form: 'block', done: 'created' };
		} catch (e) {
			return refused(e, 'block', values);
		}
	},
	lift: async ({ request, locals }) => {
		const f = await request.formData();
		const blockId = field(f, 'blockId');
		try {
			const result = liftBlock(locals.db, locals.session!.actor, blockId);
			return { form: 'lift', target: blockId, done: result.deleted ? 'lifted' : (result.end ?? 'lifted') };
		} catch (e) {
			return refused(e, 'lift', {}, blockId);
		}
	}
};
