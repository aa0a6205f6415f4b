import { redirect } from '@sveltejs/kit';
import { getDb } from '#db/client.ts';
import { SESSION_COOKIE, signOut } from '#services/sessions.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies }) => {
	signOut(getDb(), cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/connexion');
};
