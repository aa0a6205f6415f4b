import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE, signOut } from '#services/sessions.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies, locals }) => {
	signOut(locals.db, cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/connexion');
};
