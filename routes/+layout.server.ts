import { accessibilityStatus } from '#services/legal.ts';
import { nowMs } from '#services/clock.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	path: url.pathname + url.search,
	user: locals.session ? { name: locals.session.name, role: locals.session.actor.role } : null,
	/** Every page's footer names the accessibility statement by its status. */
	accessibility: accessibilityStatus(locals.db),
	// When the session ends without activity, by the service's clock (the countdown of every signed-in page).
	sessionTime: locals.session ? { endsAt: locals.session.endsAt, extendable: locals.session.extendable, now: nowMs() } : null
});
