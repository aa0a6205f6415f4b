import { error } from '@sveltejs/kit';
import { AppError } from '#domain/errors.ts';
import { getDb } from '#db/client.ts';
import { getTonight } from '#services/tonight.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	try {
		return { board: getTonight(getDb(), locals.session!.actor) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'forbidden') error(403, 'forbidden');
		throw e;
	}
};
