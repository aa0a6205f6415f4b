import { getDb } from '#db/client.ts';
import { AUDIT_PAGE, listAuditLog } from '#services/admin.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ entries: listAuditLog(getDb(), locals.session!.actor, AUDIT_PAGE), limit: AUDIT_PAGE });
