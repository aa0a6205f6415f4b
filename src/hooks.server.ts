// Every request to a page: the locale, the session, and the role check on the server, for pages
// and their form actions alike (docs/api.md, "Pages").
import { error, redirect, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { ACCOUNT_PAGE, canOpenPage, homeOf, isPublicPath } from '#domain/pages.ts';
import { getDb } from '#db/client.ts';
import { readSession, SESSION_COOKIE } from '#services/sessions.ts';
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

export const handle: Handle = async ({ event, resolve }) => {
	// The one connection every load, action and endpoint uses (`locals.db`): pages never open the database.
	event.locals.db = getDb();
	event.locals.ip = clientAddress(event);
	const locale = pickLocale(event.cookies.get('lang'), event.request.headers.get('accept-language'));
	event.locals.locale = locale;
	const path = event.url.pathname;
	const isAsset = path.startsWith('/_app/') || path === '/favicon.svg' || path === '/robots.txt';
	event.locals.session = isAsset ? null : readSession(event.locals.db, event.cookies.get(SESSION_COOKIE), event.locals.ip);

	// The role is checked on the route the router chose (`/%70lacer` and `/placer` are one page),
	// never on the path as spelt; a path that reaches no route is left to the router's 404.
	const route = event.route.id;
	if (!isAsset && !(route !== null && isPublicPath(route))) {
		const session = event.locals.session;
		if (!session) {
			if (event.request.method !== 'GET') error(401, 'not signed in');
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
