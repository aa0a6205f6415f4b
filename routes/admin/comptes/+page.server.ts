import { addSignInAccount, changeAccountRole, listAccounts, listOrganisations, setAccountActive } from '#services/admin.ts';
import { listRolesRequiringTotp, requirePasswordChange, resetSecondFactor, setOneTimePassword, setRolesRequiringTotp } from '#services/account-security.ts';
import { field, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	return {
		accounts: listAccounts(locals.db, actor),
		organisations: listOrganisations(locals.db, actor),
		me: actor.accountId,
		totpRoles: listRolesRequiringTotp(locals.db, actor)
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const f = await request.formData();
		// The password is never sent back to the page, even when the form is refused.
		const values = { email: field(f, 'email'), name: field(f, 'name'), role: field(f, 'role'), organisation: field(f, 'organisation') };
		try {
			const created = await addSignInAccount(locals.db, locals.session!.actor, { ...values, password: field(f, 'password') });
			return { form: 'account', done: created.email };
		} catch (e) {
			return refused(e, 'account', values);
		}
	},
	role: async ({ request, locals }) => {
		const f = await request.formData();
		const accountId = field(f, 'accountId');
		try {
			changeAccountRole(locals.db, locals.session!.actor, accountId, field(f, 'role'));
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
			setAccountActive(locals.db, locals.session!.actor, accountId, enabled);
			return { form: 'state', target: accountId, done: enabled ? 'enabled' : 'disabled' };
		} catch (e) {
			return refused(e, 'state', {}, accountId);
		}
	},
	// The second factor required per role: the form sends every checked role.
	totpRoles: async ({ request, locals }) => {
		const f = await request.formData();
		try {
			setRolesRequiringTotp(locals.db, locals.session!.actor, f.getAll('roles').map(String));
			return { form: 'totpRoles', done: 'saved' };
		} catch (e) {
			return refused(e, 'totpRoles');
		}
	},
	requireReset: async ({ request, locals }) => {
		const f = await request.formData();
		const accountId = field(f, 'accountId');
		try {
			requirePasswordChange(locals.db, locals.session!.actor, accountId);
			return { form: 'security', target: accountId, done: 'reset_required' };
		} catch (e) {
			return refused(e, 'security', {}, accountId);
		}
	},
	oneTimePassword: async ({ request, locals }) => {
		const f = await request.formData();
		const accountId = field(f, 'accountId');
		try {
			// The password is never sent back to the page.
			await setOneTimePassword(locals.db, locals.session!.actor, accountId, field(f, 'password'));
			return { form: 'security', target: accountId, done: 'one_time_password' };
		} catch (e) {
			return refused(e, 'security', {}, accountId);
		}
	},
	resetTotp: async ({ request, locals }) => {
		const f = await request.formData();
		const accountId = field(f, 'accountId');
		try {
			resetSecondFactor(locals.db, locals.session!.actor, accountId);
			return { form: 'security', target: accountId, done: 'totp_reset' };
		} catch (e) {
			return refused(e, 'security', {}, accountId);
		}
	}
};
