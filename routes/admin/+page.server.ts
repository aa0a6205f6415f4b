import { getDb } from '#db/client.ts';
import { getAdminOverview } from '#services/admin.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ counts: getAdminOverview(getDb(), locals.session!.actor) });
