import { redirect } from '@sveltejs/kit';
import { homeOf } from '#domain/pages.ts';
import { sameOriginTarget } from '#domain/redirects.ts';
import { FORM_STASH_COOKIE, takeStashedForm } from '#services/form-stash.ts';
import type { PageServerLoad } from './$types';

/**
 * A form sent after its session ended, given back once its account has signed in again: the
 * service drops it as it is read (the values are then only on this page, never cached), and the
 * person sends it again by a tap, to the page it was sent to, or opens that page to do it again.
 */
export const load: PageServerLoad = ({ locals, cookies, url, setHeaders }) => {
	const session = locals.session!;
	const home = homeOf(session.actor.role);
	const kept = takeStashedForm(locals.db, session.actor.accountId, cookies.get(FORM_STASH_COOKIE));
	cookies.delete(FORM_STASH_COOKIE, { path: '/' });
	if (!kept) redirect(303, home);
	setHeaders({ 'cache-control': 'no-store' });
	const target = sameOriginTarget(kept.target, url.origin, home);
	return { target, page: target.split('?')[0], fields: kept.fields };
};
