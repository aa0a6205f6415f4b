import { getDb } from '#db/client.ts';
import { addSignInAccount, changeAccountRole, listAccounts, listOrganisations, setAccountActive } from '#services/admin.ts';
import { field, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	return { accounts: listAccounts(getDb(), actor), organisations: listOrganisations(getDb(), actor), me: actor.accountId };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const f = await request.formData();
		// The password is never sent back to the page, even when the form is refused.
		const values = { email: field(f, 'email'), name: field(f, 'name'), role: field(f, 'role'), organisation: field(f, 'organisation') };
		try {
			const created = await addSignInAccount(getDb(), locals.session!.actor, { ...values, password: field(f, 'password') });
			return { form: 'account', done: created.email };
		} catch (e) {
			return refused(e, 'account', values);
		}
	},
	role: async ({ request, locals }) => {
		const f = await request.formData();
		const accountId = field(f, 'accountId');
		try {
			changeAccountRole(getDb(), locals.session!.actor, accountId, field(f, 'role'));
			return { form: 'role', target: accountId, done: 'changed' };
		} catch (e) {
			return refused(e, 'role', {}, accountId);
		}
	},
	state: async ({ request, locals }) => {
		const f = await request.formData();
		const accountId = field(f, 'accountId');
		const enabled = field(f, 'enabled') === '1';
		try {
			setAccountActive(getDb(), locals.session!.actor, accountId, enabled);
			return { form: 'state', target: accountId, done: enabled ? 'enabled' : 'disabled' };
		} catch (e) {
			return refused(e, 'state', {}, accountId);
		}
	}
};
