import { json } from '@sveltejs/kit';
import { nowMs } from '#services/clock.ts';
import { keepSessionAlive, SESSION_COOKIE } from '#services/sessions.ts';
import type { RequestHandler } from './$types';

// The session's countdown on every signed-in page: GET says when the session ends (asking is not
// activity: the hook neither extends nor ends it), POST is « Stay signed in » (activity now).
// The times are the service's clock, so that a device set wrong counts right.

const noStore = { 'cache-control': 'no-store' };

export const GET: RequestHandler = ({ locals }) => {
	const s = locals.session!;
	return json({ endsAt: s.endsAt, extendable: s.extendable, now: nowMs() }, { headers: noStore });
};

export const POST: RequestHandler = ({ locals, cookies }) => {
	const s = keepSessionAlive(locals.db, cookies.get(SESSION_COOKIE), locals.ip);
	if (!s) return json({ ended: true }, { status: 401, headers: noStore });
	return json({ endsAt: s.endsAt, extendable: s.extendable, now: nowMs() }, { headers: noStore });
};
