import { tokenAccountInput, tokenRef } from '#schemas/accounts.ts';
import { addTokenAccount, listOrganisations, listTokens, revokeToken } from '#services/admin.ts';
import { parseForm } from '$lib/server/forms';
import { invalid, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	return { tokens: listTokens(locals.db, actor), organisations: listOrganisations(locals.db, actor) };
};

export const actions: Actions = {
	create: async ({ request, locals, setHeaders }) => {
		const parsed = parseForm(tokenAccountInput, await request.formData());
		if (!parsed.ok) return invalid(parsed, 'token', parsed.values);
		try {
			const created = addTokenAccount(locals.db, locals.session!.actor, parsed.data);
			// The one answer that carries the token: never stored by a cache on the way.
			setHeaders({ 'cache-control': 'no-store' });
			return { form: 'token', done: 'created', target: created.tokenId, name: parsed.data.name, token: created.token };
		} catch (e) {
			return refused(e, 'token', parsed.values);
		}
	},
	revoke: async ({ request, locals }) => {
		const parsed = parseForm(tokenRef, await request.formData());
		const tokenId = parsed.values.tokenId ?? '';
		if (!parsed.ok) return invalid(parsed, 'revoke', {}, tokenId);
		try {
			const { revoked } = revokeToken(locals.db, locals.session!.actor, parsed.data.tokenId);
			return { form: 'revoke', target: tokenId, done: revoked ? 'revoked' : 'already' };
		} catch (e) {
			return refused(e, 'revoke', {}, tokenId);
		}
	}
};
