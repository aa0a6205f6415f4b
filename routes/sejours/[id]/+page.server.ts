import { error, fail, redirect } from '@sveltejs/kit';
import type { ConflictRange, FieldError } from '#domain/errors.ts';
import { STAY_ACTIONS, type StayAction } from '#domain/stay-lifecycle.ts';
import { nowMs } from '#services/clock.ts';
import { getStaySheet, NOTE_MAX, setStayNote } from '#services/stay-notes.ts';
import { actOnStay, changeStayEnd, getStay } from '#services/stays.ts';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What a failed action gives back: which form, the error in codes (the page words them), what was typed. */
export interface StayFailure {
	form: 'act' | 'end' | 'note';
	code: string;
	errors: FieldError[];
	conflicts: ConflictRange[];
	values: Record<string, string>;
}

function failed(e: unknown, form: StayFailure['form'], values: Record<string, string>) {
	assertAppError(e);
	return fail(e.status, { form, code: e.code, errors: e.errors ?? [], conflicts: e.conflicts ?? [], values } satisfies StayFailure);
}

function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

function done(id: string, what: string): string {
	return `/sejours/${encodeURIComponent(id)}?fait=${encodeURIComponent(what)}`;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	try {
		const sheet = getStaySheet(locals.db, locals.session!.actor, params.id);
		return { sheet, done: url.searchParams.get('fait'), now: nowMs(), noteMax: NOTE_MAX };
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
};

export const actions: Actions = {
	/** confirm, check-in, check-out, cancel, no-show: the button pressed names the move. */
	act: async ({ request, locals, params }) => {
		const form = await request.formData();
		const action = text(form, 'action');
		if (!(STAY_ACTIONS as readonly string[]).includes(action)) {
			return fail(400, { form: 'act', code: 'invalid', errors: [{ path: 'action', message: 'unknown action' }], conflicts: [], values: {} } satisfies StayFailure);
		}
		try {
			actOnStay(locals.db, locals.session!.actor, params.id, action as StayAction);
		} catch (e) {
			return failed(e, 'act', {});
		}
		redirect(303, done(params.id, action));
	},

	/** Extends or shorten the stay; an overlap comes back with the conflicting ranges. */
	end: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const values = { end: text(form, 'end').trim(), overrideReason: text(form, 'overrideReason').trim() };
		const db = locals.db;
		let what: string;
		try {
			const before = getStay(db, actor, params.id).end;
			const after = changeStayEnd(db, actor, params.id, { end: values.end, overrideReason: values.overrideReason || null });
			what = after.end > before ? 'extend' : after.end < before ? 'shorten' : 'unchanged';
		} catch (e) {
			return failed(e, 'end', values);
		}
		redirect(303, done(params.id, what));
	},

	/** Replaces the practical note. */
	note: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = { note: text(form, 'note') };
		try {
			setStayNote(locals.db, locals.session!.actor, params.id, values.note);
		} catch (e) {
			return failed(e, 'note', values);
		}
		redirect(303, done(params.id, 'note'));
	}
};
