import { legalPage } from '$lib/server/legal';
import type { PageServerLoad } from './$types';

// The legal notice: public (no sign-in), the publisher and host as an admin filled them in.
export const load: PageServerLoad = ({ locals }) => legalPage(locals.db);
