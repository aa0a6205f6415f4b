import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	path: url.pathname + url.search,
	user: locals.session ? { name: locals.session.name, role: locals.session.actor.role } : null
});
