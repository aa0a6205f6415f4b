import { addTokenAccount, listOrganisations, listTokens, revokeToken } from '#services/admin.ts';
import { field, refused } from '../form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.session!.actor;
	return { tokens: listTokens(locals.db, actor), organisations: listOrganisations(locals.db, actor) };
};

export const actions: Actions = {
	create: async ({ request, locals, setHeaders }) => {
		const f = await request.formData();
		const values = { name: field(f, 'name'), role: field(f, 'role'), organisation: field(f, 'organisation') };
		try {
			const created = addTokenAccount(locals.db, locals.session!.actor, values);
			// The one answer that carries the token: never stored by a cache on the way.
			setHeaders({ 'cache-control': 'no-store' });
			return { form: 'token', done: 'created', target: created.tokenId, name: values.name.trim(), token: created.token };
		} catch (e) {
			return refused(e, 'token', values);
		}
	},
	revoke: async ({ request, locals }) => {
		const f = await request.formData();
		const tokenId = field(f, 'tokenId');
		try {
			const { revoked } = revokeToken(locals.db, locals.session!.actor, tokenId);
			return { form: 'revoke', target: tokenId, done: revoked ? 'revoked' : 'already' };
		} catch (e) {
			return refused(e, 'revoke', {}, tokenId);
		}
	}
};
