// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n';
import type { SessionView } from '#services/sessions.ts';
import type { Db } from '#db/client.ts';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in account, or null. */
			session: SessionView | null;
			/** The caller's address (Fastify's request.ip: X-Forwarded-For when TRUST_PROXY is set). */
			ip: string;
			/** The process's database connection, set once by the hook: pages and actions use it, never open their own. */
			db: Db;
			/** A page's large piece of HTML, put in by the hook after rendering (src/lib/server/deferred-html.ts). */
			deferredHtml?: string;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
