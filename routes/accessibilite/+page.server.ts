import { legalPage } from '$lib/server/legal';
import type { PageServerLoad } from './$types';

// The accessibility statement: public (no sign-in), its status from the last audit an admin recorded.
export const load: PageServerLoad = ({ locals, url }) => ({ ...legalPage(locals.db), origin: url.origin });
