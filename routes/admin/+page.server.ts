import { getAdminOverview } from '#services/admin.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ counts: getAdminOverview(locals.db, locals.session!.actor) });
