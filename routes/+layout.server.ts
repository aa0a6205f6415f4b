import { accessibilityStatus } from '#services/legal.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	path: url.pathname + url.search,
	user: locals.session ? { name: locals.session.name, role: locals.session.actor.role } : null,
	/** Every page's footer names the accessibility statement by its status. */
	accessibility: accessibilityStatus(locals.db)
});
