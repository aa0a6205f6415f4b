// The language switch: a plain link, so it works without JavaScript.
import { redirect } from '@sveltejs/kit';
import { homeOf } from '#domain/pages.ts';
import { sameOriginTarget } from '#domain/redirects.ts';
import { isLocale } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, cookies, locals }) => {
	const to = url.searchParams.get('vers');
	if (isLocale(to)) cookies.set('lang', to, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
	// Back where the link was, only on this site: never an open redirect.
	const home = locals.session ? homeOf(locals.session.actor.role) : '/';
	redirect(303, sameOriginTarget(url.searchParams.get('retour') ?? home, url.origin, home));
};
