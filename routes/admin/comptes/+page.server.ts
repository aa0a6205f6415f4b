import { accountRef, accountRoleInput, accountStateInput, oneTimePasswordInput, signInAccountInput, totpRolesInput } from '#schemas/accounts.ts';
import { addSignInAccount, changeAccountRole, listAccounts, listOrganisations, setAccountActive } from '#services/admin.ts';
import { listRolesRequiringTotp, requirePasswordChange, resetSecondFactor, setOneTimePassword, setRolesRequiringTotp } from '#services/account-security.ts';
import { parseForm } from '$lib/server/forms';
import { invalid, kept, refused } from '../form.ts';
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
		const parsed = parseForm(signInAccountInput, await request.formData());
		// The password is never sent back to the page, even when the form is refused.
		const values = kept(parsed.values, 'password');
		if (!parsed.ok) return invalid(parsed, 'account', values);
		try {
			const created = await addSignInAccount(locals.db, locals.session!.actor, parsed.data);
			return { form: 'account', done: created.email };
		} catch (e) {
			return refused(e, 'account', values);
		}
	},
	role: async ({ request, locals }) => {
		const parsed = parseForm(accountRoleInput, await request.formData());
		const accountId = parsed.values.accountId ?? '';
		if (!parsed.ok) return invalid(parsed, 'role', {}, accountId);
		try {
			changeAccountRole(locals.db, locals.session!.actor, parsed.data.accountId, parsed.data.role);
			return { form: 'role', target: accountId, done: 'changed' };
		} catch (e) {
			return refused(e, 'role', {}, accountId);
		}
	},
	state: async ({ request, locals }) => {
		const parsed = parseForm(accountStateInput, await request.formData());
		const accountId = parsed.values.accountId ?? '';
		if (!parsed.ok) return invalid(parsed, 'state', {}, accountId);
		try {
			setAccountActive(locals.db, locals.session!.actor, parsed.data.accountId, parsed.data.enabled);
			return { form: 'state', target: accountId, done: parsed.data.enabled ? 'enabled' : 'disabled' };
		} catch (e) {
			return refused(e, 'state', {}, accountId);
		}
	},
	// The second factor required per role: the form sends every checked role.
	totpRoles: async ({ request, locals }) => {
		const parsed = parseForm(totpRolesInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'totpRoles');
		try {
			setRolesRequiringTotp(locals.db, locals.session!.actor, parsed.data.roles);
			return { form: 'totpRoles', done: 'saved' };
		} catch (e) {
			return refused(e, 'totpRoles');
		}
	},
	requireReset: async ({ request, locals }) => {
		const parsed = parseForm(accountRef, await request.formData());
		const accountId = parsed.values.accountId ?? '';
		if (!parsed.ok) return invalid(parsed, 'security', {}, accountId);
		try {
			requirePasswordChange(locals.db, locals.session!.actor, parsed.data.accountId);
			return { form: 'security', target: accountId, done: 'reset_required' };
		} catch (e) {
			return refused(e, 'security', {}, accountId);
		}
	},
	oneTimePassword: async ({ request, locals }) => {
		const parsed = parseForm(oneTimePasswordInput, await request.formData());
		const accountId = parsed.values.accountId ?? '';
		// The password is never sent back to the page.
		if (!parsed.ok) return invalid(parsed, 'security', {}, accountId);
		try {
			await setOneTimePassword(locals.db, locals.session!.actor, parsed.data.accountId, parsed.data.password);
			return { form: 'security', target: accountId, done: 'one_time_password' };
		} catch (e) {
			return refused(e, 'security', {}, accountId);
		}
	},
	resetTotp: async ({ request, locals }) => {
		const parsed = parseForm(accountRef, await request.formData());
		const accountId = parsed.values.accountId ?? '';
		if (!parsed.ok) return invalid(parsed, 'security', {}, accountId);
		try {
			resetSecondFactor(locals.db, locals.session!.actor, parsed.data.accountId);
			return { form: 'security', target: accountId, done: 'totp_reset' };
		} catch (e) {
			return refused(e, 'security', {}, accountId);
		}
	}
};
