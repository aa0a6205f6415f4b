import { fail } from '@sveltejs/kit';
import { passwordChangeInput, totpCodeInput } from '#schemas/accounts.ts';
import { changeOwnPassword, confirmTotpEnrolment, getAccountView, renewRecoveryCodes, startTotpEnrolment } from '#services/account-security.ts';
import { SESSION_COOKIE, ThrottledError } from '#services/sessions.ts';
import { errorsByField, failFrom } from '$lib/server/errors';
import { parseForm, refusedFields } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const session = locals.session!;
	return {
		account: await getAccountView(locals.db, session.actor),
		mustChangePassword: session.mustChangePassword,
		mustEnrolTotp: session.mustEnrolTotp
	};
};

/** A form its schema refused: each field's message (a dictionary key, such as 'mismatch') and its wording. Nothing typed is sent back. */
function invalid(form: 'password' | 'totp', parsed: { errors: Parameters<typeof refusedFields>[0] }) {
	return fail(400, { form, ...refusedFields(parsed.errors), minutes: 0 });
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
		const parsed = parseForm(passwordChangeInput, await request.formData());
		if (!parsed.ok) return invalid('password', parsed);
		try {
			const r = await changeOwnPassword(locals.db, locals.session!.actor, cookies.get(SESSION_COOKIE) ?? null, parsed.data);
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
		const parsed = parseForm(totpCodeInput, await request.formData());
		if (!parsed.ok) return invalid('totp', parsed);
		try {
			const { recoveryCodes } = confirmTotpEnrolment(locals.db, locals.session!.actor, parsed.data.code);
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
