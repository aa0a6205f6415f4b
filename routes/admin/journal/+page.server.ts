import { AppError } from '#domain/errors.ts';
import { AUDIT_PAGE, listAuditLog } from '#services/admin.ts';
import { pageErrorFrom } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

const FIELDS = ['action', 'entity', 'entityId', 'from', 'to'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const filter = Object.fromEntries(FIELDS.map((f) => [f, url.searchParams.get(f)?.trim() ?? ''])) as Record<(typeof FIELDS)[number], string>;
	try {
		return { entries: listAuditLog(locals.db, locals.session!.actor, AUDIT_PAGE, filter), limit: AUDIT_PAGE, filter, invalid: false };
	} catch (e) {
		if (e instanceof AppError && e.code === 'invalid') return { entries: [], limit: AUDIT_PAGE, filter, invalid: true };
		pageErrorFrom(e, ['forbidden']);
	}
};
