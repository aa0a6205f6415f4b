import { addSite, addUnit, listInventory, setUnitInService } from '#services/admin.ts';
import { checked, field, numberField, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ sites: listInventory(locals.db, locals.session!.actor) });

export const actions: Actions = {
	createSite: async ({ request, locals }) => {
		const f = await request.formData();
		const values = { name: field(f, 'name'), commune: field(f, 'commune'), address: field(f, 'address'), kind: field(f, 'kind'), confidential: checked(f, 'confidential') };
		try {
			const site = addSite(locals.db, locals.session!.actor, values);
			return { form: 'site', done: site.name };
		} catch (e) {
			return refused(e, 'site', values);
		}
	},
	createUnit: async ({ request, locals }) => {
		const f = await request.formData();
		const values = {
			siteId: field(f, 'siteId'),
			name: field(f, 'name'),
			capacity: field(f, 'capacity'),
			typology: field(f, 'typology'),
			programmes: f.getAll('programmes').filter((p): p is string => typeof p === 'string'),
			accessible: checked(f, 'accessible'),
			nightlyCost: field(f, 'nightlyCost')
		};
		try {
			const unit = addUnit(locals.db, locals.session!.actor, {
				siteId: values.siteId,
				name: values.name,
				capacity: numberField(f, 'capacity'),
				typology: values.typology,
				programmes: values.programmes,
				accessible: values.accessible,
				nightlyCost: values.nightlyCost.trim() === '' ? null : numberField(f, 'nightlyCost')
			});
			return { form: 'unit', done: unit.name };
		} catch (e) {
			return refused(e, 'unit', values);
		}
	},
	service: async ({ request, locals }) => {
		const f = await request.formData();
		const unitId = field(f, 'unitId');
		const active = field(f, 'active') === '1';
		try {
			setUnitInService(locals.db, locals.session!.actor, unitId, active);
			return { form: 'service', target: unitId, done: active ? 'activated' : 'deactivated' };
		} catch (e) {
			return refused(e, 'service', {}, unitId);
		}
	}
};
