import { siteInput, unitAltForm, unitInput, unitReservationInput, unitServiceInput } from '#schemas/inventory.ts';
import { listInventory, setUnitAltGrant, setUnitInService, setUnitReservation } from '#services/admin.ts';
import { createSite, createUnit } from '#services/sites.ts';
import { isConfirmed } from '$lib/server/confirm';
import { parseForm } from '$lib/server/forms';
import { invalid, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ sites: listInventory(locals.db, locals.session!.actor) });

// Sites and units are created by the same use cases, with the same schemas, as the API's.
export const actions: Actions = {
	createSite: async ({ request, locals }) => {
		const parsed = parseForm(siteInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'site', parsed.values);
		try {
			const site = createSite(locals.db, locals.session!.actor, parsed.data);
			return { form: 'site', done: site.name };
		} catch (e) {
			return refused(e, 'site', parsed.values);
		}
	},
	createUnit: async ({ request, locals }) => {
		const parsed = parseForm(unitInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'unit', parsed.values);
		try {
			const unit = createUnit(locals.db, locals.session!.actor, parsed.data);
			return { form: 'unit', done: unit.name };
		} catch (e) {
			return refused(e, 'unit', parsed.values);
		}
	},
	service: async ({ request, locals }) => {
		const form = await request.formData();
		const parsed = parseForm(unitServiceInput, form);
		const unitId = parsed.values.unitId ?? '';
		if (!parsed.ok) return invalid(parsed, 'service', {}, unitId);
		// Taking a unit out of service is asked first; the second post, confirmed, does it.
		if (!parsed.data.active && !isConfirmed(form)) return { form: 'service', target: unitId, confirm: true };
		try {
			setUnitInService(locals.db, locals.session!.actor, parsed.data.unitId, parsed.data.active);
			return { form: 'service', target: unitId, done: parsed.data.active ? 'activated' : 'deactivated' };
		} catch (e) {
			return refused(e, 'service', {}, unitId);
		}
	},
	/** Puts a unit under the ALT grant, or takes it out, from tonight on (its dated periods follow). */
	alt: async ({ request, locals }) => {
		const parsed = parseForm(unitAltForm, await request.formData());
		const unitId = parsed.values.unitId ?? '';
		if (!parsed.ok) return invalid(parsed, 'alt', {}, unitId);
		try {
			const done = setUnitAltGrant(locals.db, locals.session!.actor, parsed.data.unitId, parsed.data.alt);
			return { form: 'alt', target: unitId, done: done.alt ? 'alt_on' : 'alt_off' };
		} catch (e) {
			return refused(e, 'alt', {}, unitId);
		}
	},
	/** Reserves a social residence unit for a public (or lifts it): its waiting list ranks that public first. */
	reserve: async ({ request, locals }) => {
		const parsed = parseForm(unitReservationInput, await request.formData());
		const unitId = parsed.values.unitId ?? '';
		if (!parsed.ok) return invalid(parsed, 'reserve', {}, unitId);
		try {
			setUnitReservation(locals.db, locals.session!.actor, parsed.data.unitId, parsed.data.reservedFor ?? null);
			return { form: 'reserve', target: unitId, done: 'reserved' };
		} catch (e) {
			return refused(e, 'reserve', {}, unitId);
		}
	}
};
