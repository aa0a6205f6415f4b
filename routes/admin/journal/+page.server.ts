import { error } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { getDb } from '#db/client.ts';
import { AUDIT_PAGE, listAuditLog } from '#services/admin.ts';
import type { PageServerLoad } from './$types';

const FIELDS = ['action', 'entity', 'entityId', 'from', 'to'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const filter = Object.fromEntries(FIELDS.map((f) => [f, url.searchParams.get(f)?.trim() ?? ''])) as Record<(typeof FIELDS)[number], string>;
	try {
		return { entries: listAuditLog(getDb(), locals.session!.actor, AUDIT_PAGE, filter), limit: AUDIT_PAGE, filter, invalid: false };
	} catch (e) {
		if (e instanceof AppError && e.code === 'invalid') return { entries: [], limit: AUDIT_PAGE, filter, invalid: true };
		if (e instanceof AppError && e.code === 'forbidden') error(403, 'forbidden');
		throw e;
	}
};
