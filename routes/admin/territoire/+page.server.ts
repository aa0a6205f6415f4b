import { communePopulationInput, organisationInput, organisationKindInput, protocolBudgetInput } from '#schemas/territory.ts';
import { tonight } from '#services/clock.ts';
import {
	createOrganisation,
	listCommunesForAdmin,
	listOrganisationsWithKinds,
	listProtocolBudgetsForAdmin,
	setCommunePopulation,
	setOrganisationKind,
	setProtocolBudget
} from '#services/territory.ts';
import { parseForm } from '$lib/server/forms';
import { invalid, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

// The territory's data the reports rely on: the communes' legal populations, the referring
// organisations and their kinds, the DV protocol's budget for each year. Each use case checks
// the role and the rules, and writes the audit log.
export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	return {
		communes: listCommunesForAdmin(locals.db, actor),
		organisations: listOrganisationsWithKinds(locals.db, actor),
		budgets: listProtocolBudgetsForAdmin(locals.db, actor),
		year: Number(tonight().slice(0, 4))
	};
};

export const actions: Actions = {
	/** A commune's legal population, its census year and its source. */
	population: async ({ request, locals }) => {
		const parsed = parseForm(communePopulationInput, await request.formData());
		const insee = parsed.values.insee ?? '';
		if (!parsed.ok) return invalid(parsed, 'population', parsed.values, insee);
		try {
			const c = setCommunePopulation(locals.db, locals.session!.actor, parsed.data);
			return { form: 'population', target: insee, done: c.name };
		} catch (e) {
			return refused(e, 'population', parsed.values, insee);
		}
	},
	/** A new referring organisation, of a kind. */
	organisation: async ({ request, locals }) => {
		const parsed = parseForm(organisationInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'organisation', parsed.values);
		try {
			const o = createOrganisation(locals.db, locals.session!.actor, parsed.data);
			return { form: 'organisation', done: o.name };
		} catch (e) {
			return refused(e, 'organisation', parsed.values);
		}
	},
	/** The kind of an organisation (the source its referrals are counted by). */
	kind: async ({ request, locals }) => {
		const parsed = parseForm(organisationKindInput, await request.formData());
		const id = parsed.values.organisationId ?? '';
		if (!parsed.ok) return invalid(parsed, 'kind', parsed.values, id);
		try {
			const o = setOrganisationKind(locals.db, locals.session!.actor, parsed.data.organisationId, parsed.data.kind);
			return { form: 'kind', target: id, done: o.name };
		} catch (e) {
			return refused(e, 'kind', parsed.values, id);
		}
	},
	/** The DV protocol's budget for a year, in euros. */
	budget: async ({ request, locals }) => {
		const parsed = parseForm(protocolBudgetInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'budget', parsed.values);
		try {
			const b = setProtocolBudget(locals.db, locals.session!.actor, { year: parsed.data.year, budgetCents: Math.round(parsed.data.budget * 100) });
			return { form: 'budget', done: String(b.year) };
		} catch (e) {
			return refused(e, 'budget', parsed.values);
		}
	}
};
