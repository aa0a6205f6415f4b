import { fail } from '@sveltejs/kit';
import { changeOwnPassword, confirmTotpEnrolment, getAccountView, renewRecoveryCodes, startTotpEnrolment } from '#services/account-security.ts';
import { SESSION_COOKIE, ThrottledError } from '#services/sessions.ts';
import { failFrom, errorsByField } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const session = locals.session!;
	return {
		account: await getAccountView(locals.db, session.actor),
		mustChangePassword: session.mustChangePassword,
		mustEnrolTotp: session.mustEnrolTotp
	};
};

function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

/** A refusal as the page shows it: which form, and a short key per field. Passwords and codes are never sent back. */
function refused(e: unknown, form: 'password' | 'totp') {
	if (e instanceof ThrottledError) return fail(429, { form, errors: {} as Record<string, string>, minutes: Math.ceil(e.retryAfterSeconds / 60) });
	return failFrom(e, (e) => {
		const errors = errorsByField(e.errors);
		if (!Object.keys(errors).length) errors.form = 'unexpected';
		return { form, errors, minutes: 0 };
	});
}

export const actions: Actions = {
	password: async ({ request, locals, cookies }) => {
		const f = await request.formData();
		const current = text(f, 'current');
		const next = text(f, 'next');
		if (next !== text(f, 'confirm')) return fail(400, { form: 'password' as const, errors: { confirm: 'mismatch' } as Record<string, string>, minutes: 0 });
		try {
			const r = await changeOwnPassword(locals.db, locals.session!.actor, cookies.get(SESSION_COOKIE) ?? null, { current, next });
			return { form: 'password' as const, done: true, otherSessionsEnded: r.otherSessionsEnded };
		} catch (e) {
			return refused(e, 'password');
		}
	},
	totpStart: async ({ locals }) => {
		try {
			startTotpEnrolment(locals.db, locals.session!.actor);
			return { form: 'totp' as const, started: true };
		} catch (e) {
			return refused(e, 'totp');
		}
	},
	totpConfirm: async ({ request, locals }) => {
		const f = await request.formData();
		try {
			const { recoveryCodes } = confirmTotpEnrolment(locals.db, locals.session!.actor, text(f, 'code'));
			return { form: 'totp' as const, done: true, recoveryCodes };
		} catch (e) {
			return refused(e, 'totp');
		}
	},
	recoveryCodes: async ({ locals }) => {
		try {
			const { recoveryCodes } = renewRecoveryCodes(locals.db, locals.session!.actor);
			return { form: 'totp' as const, renewed: true, recoveryCodes };
		} catch (e) {
			return refused(e, 'totp');
		}
	}
};
