// Every request to a page: the locale, the session, and the role check on the server, for pages
// and their form actions alike (docs/api.md, "Pages").
import { error, redirect, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { ACCOUNT_PAGE, canOpenPage, homeOf, isPublicPath } from '#domain/pages.ts';
import { getDb } from '#db/client.ts';
import { readSessionFull, SESSION_COOKIE } from '#services/sessions.ts';
import { FORM_STASH_COOKIE, stashForm } from '#services/form-stash.ts';
import { FORM_STASH_MS } from '#domain/form-stash.ts';
import { spliceDeferredHtml } from '$lib/server/deferred-html';
import { pickLocale } from '$lib/i18n';

/**
 * The caller's address, one notion for the API and the pages: Fastify's `request.ip`, which honours
 * TRUST_PROXY (X-Forwarded-For behind a proxy), left on the raw request by src/http/sveltekit.ts.
 * Without it (the Vite dev server), the socket's address.
 */
function clientAddress(event: RequestEvent): string {
	const req = (event.platform as { req?: Record<symbol, unknown> } | undefined)?.req;
	const ip = req?.[Symbol.for('hebergement.clientAddress')];
	return typeof ip === 'string' && ip ? ip : event.getClientAddress();
}

/** The route that says how long the session has left: asking is not activity. */
const SESSION_ROUTE = '/session';

/**
 * A form posted after its session ended: its fields (never a secret) are kept, sealed, for the
 * account whose session it was, and the browser holds the key (src/services/form-stash.ts). True
 * when something was kept. Only a form of a page, sent as a form: SvelteKit's origin check has
 * already refused one sent from another site.
 */
async function keepPostedForm(event: RequestEvent, accountId: string): Promise<boolean> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return false;
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch {
		return false;
	}
	// Files are not kept: they are chosen again.
	const fields = [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string');
	const cookie = stashForm(event.locals.db, accountId, event.url.pathname + event.url.search, fields);
	if (!cookie) return false;
	event.cookies.set(FORM_STASH_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:', maxAge: Math.floor(FORM_STASH_MS / 1000) });
	return true;
}

export const handle: Handle = async ({ event, resolve }) => {
	// The one connection every load, action and endpoint uses (`locals.db`): pages never open the database.
	event.locals.db = getDb();
	event.locals.ip = clientAddress(event);
	const locale = pickLocale(event.cookies.get('lang'), event.request.headers.get('accept-language'));
	event.locals.locale = locale;
	const path = event.url.pathname;
	const isAsset = path.startsWith('/_app/') || path === '/favicon.svg' || path === '/robots.txt';
	// Asking how long the session has left (the page's countdown) neither extends nor ends it.
	const asksTimeLeft = event.route.id === SESSION_ROUTE && event.request.method === 'GET';
	const read = isAsset ? null : readSessionFull(event.locals.db, event.cookies.get(SESSION_COOKIE), event.locals.ip, { touch: !asksTimeLeft });
	event.locals.session = read?.session ?? null;

	// The role is checked on the route the router chose (`/%70lacer` and `/placer` are one page),
	// never on the path as spelt; a path that reaches no route is left to the router's 404.
	const route = event.route.id;
	if (!isAsset && !(route !== null && isPublicPath(route))) {
		const session = event.locals.session;
		if (!session) {
			if (event.request.method !== 'GET') {
				// A form sent just after the session ended is kept for its account: sign in again, and it is given back.
				if (read?.endedAccountId && event.request.method === 'POST' && (await keepPostedForm(event, read.endedAccountId))) redirect(303, `/connexion?suite=${encodeURIComponent(path)}`);
				error(401, 'not signed in');
			}
			// The countdown asking after an ended session is told so, not sent to the sign-in page.
			if (route === SESSION_ROUTE) error(401, 'not signed in');
			redirect(303, `/connexion${path === '/' ? '' : `?suite=${encodeURIComponent(path + event.url.search)}`}`);
		}
		// An account that must choose a new password or enrol its second factor does that first.
		if ((session.mustChangePassword || session.mustEnrolTotp) && route !== ACCOUNT_PAGE) {
			if (event.request.method === 'GET') redirect(303, ACCOUNT_PAGE);
			error(403, 'forbidden');
		}
		if (route !== null && !canOpenPage(session.actor.role, route)) {
			if (route === '/' && event.request.method === 'GET') redirect(303, homeOf(session.actor.role));
			error(403, 'forbidden');
		}
	}
	// A page's large deferred piece (the planning's grid) goes in last, around a page kept one byte a
	// character (src/lib/server/deferred-html.ts): the language is set on the small page, not on a copy of the whole.
	return resolve(event, { transformPageChunk: ({ html }) => spliceDeferredHtml(html.replace('%lang%', locale), event.locals.deferredHtml) });
};

// Never show the text of an unexpected error: it may hold data, and it helps nobody at 23:40.
export const handleError: HandleServerError = ({ error: e, status }) => {
	// A database locked past the request's bound is not a fault: the page says to try again.
	if (e instanceof AppError && e.code === 'busy') return { message: 'busy' };
	if (status >= 500) console.error('unexpected error in a page:', e instanceof Error ? e.message : 'unknown');
	return { message: status === 404 ? 'not_found' : 'unexpected' };
};
