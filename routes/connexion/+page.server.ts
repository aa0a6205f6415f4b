import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { ACCOUNT_PAGE, homeOf } from '#domain/pages.ts';
import type { Role } from '#domain/programmes.ts';
import { sameOriginTarget } from '#domain/redirects.ts';
import { signInCodeInput, signInInput } from '#schemas/accounts.ts';
import { beginSignIn, CHALLENGE_MS, ChallengeExpiredError, completeSignIn, readSession, SESSION_COOKIE, sessionSettings, ThrottledError } from '#services/sessions.ts';
import { FORM_STASH_MS } from '#domain/form-stash.ts';
import { FORM_STASH_COOKIE, hasStashedForm, hasStashedFormFor } from '#services/form-stash.ts';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

// The code step's cookie holds only a random id; the account it stands for, and its 5 minutes,
// are kept on the server (sign_in_challenges): the browser cannot choose whom it completes.
const CHALLENGE_COOKIE = 'signin_challenge';

/** Where a form kept across the sign-in is given back. */
const REPRISE_PAGE = '/reprise';

export const load: PageServerLoad = ({ locals, cookies }) => {
	if (locals.session) redirect(303, homeOf(locals.session.actor.role));
	// A form sent after the session ended is kept: the page says so (its content stays sealed until sign-in).
	return { codeStep: Boolean(cookies.get(CHALLENGE_COOKIE)), formKept: hasStashedForm(locals.db, cookies.get(FORM_STASH_COOKIE)), formKeptMinutes: FORM_STASH_MS / 60_000 };
};

function openSession(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: Math.floor(sessionSettings.absoluteMs() / 1000)
	});
}

/** Where a signed-in account goes: /compte first when it must change its password or enrol; else where it asked, on this site only. */
function landing(token: string, role: Role, suite: string | undefined, url: URL, locals: App.Locals, cookies: Cookies): string {
	const session = readSession(locals.db, token, locals.ip);
	if (session?.mustChangePassword || session?.mustEnrolTotp) return ACCOUNT_PAGE;
	// A form this account sent after its session ended: given back first.
	if (session && hasStashedFormFor(locals.db, session.actor.accountId, cookies.get(FORM_STASH_COOKIE))) return REPRISE_PAGE;
	// Where the page asked for before sign-in, only on this site: never an open redirect.
	return sameOriginTarget(suite || homeOf(role), url.origin, homeOf(role));
}

export const actions: Actions = {
	// One action for both steps (the contract's form posts email and password to /connexion):
	// a `code` field is the second step, `restart` drops a pending second step.
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const secure = url.protocol === 'https:';
		if (form.get('restart') !== null) {
			cookies.delete(CHALLENGE_COOKIE, { path: '/connexion' });
			return { restarted: true };
		}
		if (form.get('code') !== null) {
			const challenge = cookies.get(CHALLENGE_COOKIE) ?? '';
			const parsed = parseForm(signInCodeInput, form);
			if (!parsed.ok) return fail(400, { email: '', step: 'code' as const, error: parsed.values.code ? ('codeWrong' as const) : ('codeMissing' as const) });
			try {
				const { token, actor } = completeSignIn(locals.db, { challenge, code: parsed.data.code, ip: locals.ip, previousToken: cookies.get(SESSION_COOKIE) });
				cookies.delete(CHALLENGE_COOKIE, { path: '/connexion' });
				openSession(cookies, url, token);
				redirect(303, landing(token, actor.role, parsed.data.suite, url, locals, cookies));
			} catch (e) {
				if (e instanceof ChallengeExpiredError) {
					cookies.delete(CHALLENGE_COOKIE, { path: '/connexion' });
					return fail(400, { email: '', error: 'codeExpired' as const });
				}
				if (e instanceof ThrottledError) return fail(429, { email: '', step: 'code' as const, error: 'codeThrottled' as const, minutes: Math.ceil(e.retryAfterSeconds / 60) });
				if (e instanceof AppError && e.code === 'unauthorized') return fail(400, { email: '', step: 'code' as const, error: 'codeWrong' as const });
				throw e;
			}
		}
		const parsed = parseForm(signInInput, form);
		const email = parsed.values.email ?? '';
		// A field left empty is « missing »; one too long to be anybody's is a wrong email or password.
		// Which fields were left empty, each marked on the page with its own message.
		const empty = (['email', 'password'] as const).filter((name) => !parsed.values[name]);
		if (!parsed.ok) return fail(400, { email, error: empty.length ? ('missing' as const) : ('wrong' as const), empty });
		const { password, suite } = parsed.data;
		try {
			const step = await beginSignIn(locals.db, { email: parsed.data.email, password, ip: locals.ip, previousToken: cookies.get(SESSION_COOKIE) });
			if (step.step === 'second_factor') {
				cookies.set(CHALLENGE_COOKIE, step.challenge, { path: '/connexion', httpOnly: true, sameSite: 'strict', secure, maxAge: Math.floor(CHALLENGE_MS / 1000) });
				return { step: 'code' as const };
			}
			openSession(cookies, url, step.token);
			redirect(303, landing(step.token, step.actor.role, suite, url, locals, cookies));
		} catch (e) {
			if (e instanceof ThrottledError) return fail(429, { email, error: 'throttled' as const, minutes: Math.ceil(e.retryAfterSeconds / 60) });
			if (e instanceof AppError && e.code === 'unauthorized') return fail(400, { email, error: 'wrong' as const });
			throw e;
		}
	}
};
