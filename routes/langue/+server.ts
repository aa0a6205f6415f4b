// The language switch: a plain link, so it works without JavaScript.
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, cookies }) => {
	const to = url.searchParams.get('vers');
	const back = url.searchParams.get('retour') ?? '/';
	if (isLocale(to)) cookies.set('lang', to, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
	// Only a path of this site: never an open redirect.
	redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
