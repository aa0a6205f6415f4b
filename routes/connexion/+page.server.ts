import { fail, redirect } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { homeOf } from '#domain/pages.ts';
import { sameOriginTarget } from '#domain/redirects.ts';
import { getDb } from '#db/client.ts';
import { SESSION_COOKIE, sessionSettings, signIn, ThrottledError } from '#services/sessions.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.session) redirect(303, homeOf(locals.session.actor.role));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!email || !password) return fail(400, { email, error: 'missing' as const });
		try {
			const { token, actor } = await signIn(getDb(), { email, password, ip: locals.ip, previousToken: cookies.get(SESSION_COOKIE) });
			cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				maxAge: Math.floor(sessionSettings.absoluteMs() / 1000)
			});
			// Where the page asked for before sign-in, only on this site: never an open redirect.
			const suite = form.get('suite');
			redirect(303, sameOriginTarget(suite || homeOf(actor.role), url.origin, homeOf(actor.role)));
		} catch (e) {
			if (e instanceof ThrottledError) return fail(429, { email, error: 'throttled' as const, minutes: Math.ceil(e.retryAfterSeconds / 60) });
			if (e instanceof AppError && e.code === 'unauthorized') return fail(400, { email, error: 'wrong' as const });
			throw e;
		}
	}
};
