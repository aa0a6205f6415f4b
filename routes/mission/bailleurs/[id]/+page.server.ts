import { getLandlord } from '#services/mission/views.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	let landlord: ReturnType<typeof getLandlord>;
	try {
		landlord = getLandlord(locals.db, locals.session!.actor, params.id);
	} catch (e) {
		pageErrorFrom(e);
	}
	return {
		landlord: {
			id: landlord.id,
			name: landlord.name,
			phone: landlord.phone,
			email: landlord.email,
			notes: landlord.notes,
			createdAt: landlord.createdAt
		},
		offers: landlord.offers.map((o) => {
			// When it ended: the step that let or withdrew it.
			const end = [...o.steps].reverse().find((s) => s.status === o.status && (o.status === 'let' || o.status === 'withdrawn'));
			return {
				id: o.id,
				typology: o.typology,
				commune: o.commune,
				address: o.address,
				capacity: o.capacity,
				rentCents: o.rentCents,
				chargesCents: o.chargesCents,
				scheme: o.scheme,
				locAvantagesLevel: o.locAvantagesLevel,
				availableFrom: o.availableFrom,
				availableUntil: o.availableUntil,
				status: o.status,
				statusReason: o.statusReason,
				openProposals: o.openProposals,
				createdAt: o.createdAt,
				endedAt: end?.at ?? null,
				letTo: o.letTo,
				steps: o.steps
			};
		}),
		done: url.searchParams.get('fait')
	};
};
