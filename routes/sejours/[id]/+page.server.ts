import { fail, redirect } from '@sveltejs/kit';
import type { ConflictRange, FieldError } from '#domain/errors.ts';
import { STAY_NOTE_MAX } from '#domain/input-limits.ts';
import { nowMs } from '#services/clock.ts';
import { getStaySheet, setStayNote } from '#services/stay-notes.ts';
import { actOnStay, changeStayEnd, getStay } from '#services/stays.ts';
import { parseStayActForm, parseStayEndForm, parseStayNoteForm } from '$lib/server/stays';
import { isConfirmed } from '$lib/server/confirm';
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

function done(id: string, what: string): string {
	return `/sejours/${encodeURIComponent(id)}?fait=${encodeURIComponent(what)}`;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	try {
		const sheet = getStaySheet(locals.db, locals.session!.actor, params.id);
		return { sheet, done: url.searchParams.get('fait'), now: nowMs(), noteMax: STAY_NOTE_MAX };
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
};

export const actions: Actions = {
	/** confirm, check-in, check-out, cancel, no-show: the button pressed names the move. */
	act: async ({ request, locals, params }) => {
		const form = await request.formData();
		const parsed = parseStayActForm(form);
		if (!parsed.ok) return fail(400, { form: 'act', code: 'invalid', errors: parsed.errors, conflicts: [], values: {} } satisfies StayFailure);
		const { action } = parsed.data;
		// A no-show frees the nights and cannot be undone: it is asked first, made on the confirmed post.
		if (action === 'no-show' && !isConfirmed(form)) return { confirm: action };
		try {
			actOnStay(locals.db, locals.session!.actor, params.id, action);
		} catch (e) {
			return failed(e, 'act', {});
		}
		redirect(303, done(params.id, action));
	},

	/** Extends or shorten the stay; an overlap comes back with the conflicting ranges. */
	end: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const parsed = parseStayEndForm(await request.formData());
		const values = { end: parsed.values.end ?? '', overrideReason: parsed.values.overrideReason ?? '' };
		if (!parsed.ok) return fail(400, { form: 'end', code: 'invalid', errors: parsed.errors, conflicts: [], values } satisfies StayFailure);
		const db = locals.db;
		let what: string;
		try {
			const before = getStay(db, actor, params.id).end;
			const after = changeStayEnd(db, actor, params.id, parsed.data);
			what = after.end > before ? 'extend' : after.end < before ? 'shorten' : 'unchanged';
		} catch (e) {
			return failed(e, 'end', values);
		}
		redirect(303, done(params.id, what));
	},

	/** Replaces the practical note. */
	note: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = { note: String(form.get('note') ?? '') };
		const parsed = parseStayNoteForm(form);
		if (!parsed.ok) return fail(400, { form: 'note', code: 'invalid', errors: parsed.errors, conflicts: [], values } satisfies StayFailure);
		try {
			setStayNote(locals.db, locals.session!.actor, params.id, parsed.data.note ?? '');
		} catch (e) {
			return failed(e, 'note', values);
		}
		redirect(303, done(params.id, 'note'));
	}
};
