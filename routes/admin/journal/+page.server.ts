import { AppError } from '#domain/errors.ts';
import { auditQuery } from '#schemas/accounts.ts';
import { AUDIT_PAGE, listAuditLog } from '#services/admin.ts';
import { toAuditLogEntries, type AuditLogEntry } from '$lib/server/audit-log';
import { pageErrorFrom } from '$lib/server/errors';
import { parseForm } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const FIELDS = ['action', 'entity', 'entityId', 'from', 'to'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const parsed = parseForm(auditQuery, url.searchParams);
	// What was typed goes back into the filter form as it was.
	const filter = Object.fromEntries(FIELDS.map((f) => [f, parsed.values[f] ?? ''])) as Record<(typeof FIELDS)[number], string>;
	// The page guard lets admins only here; a filter its schema refuses shows nothing and says why.
	if (!parsed.ok) return { entries: [] as AuditLogEntry[], limit: AUDIT_PAGE, filter, invalid: true };
	try {
		// The detail as named fields: the page never shows the stored JSON.
		return { entries: toAuditLogEntries(listAuditLog(locals.db, locals.session!.actor, AUDIT_PAGE, parsed.data)), limit: AUDIT_PAGE, filter, invalid: false };
	} catch (e) {
		if (e instanceof AppError && e.code === 'invalid') return { entries: [] as AuditLogEntry[], limit: AUDIT_PAGE, filter, invalid: true };
		pageErrorFrom(e, ['forbidden']);
	}
};
