import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import type { ConflictRange, FieldError } from '#domain/errors.ts';
import { STAY_NOTE_MAX } from '#domain/input-limits.ts';
import { nowMs } from '#services/clock.ts';
import { getStaySheet, setStayNote } from '#services/stay-notes.ts';
import { actOnStay, changeStayEnd, getStay } from '#services/stays.ts';
import { placeFollowingStay, suggestFollowingStay, type FollowingSuggestion } from '#services/protocol.ts';
import type { Actor } from '#services/actor.ts';
import { parseFollowingQuery, parseStayActForm, parseStayEndForm, parseStayFollowingForm, parseStayNoteForm } from '$lib/server/stays';
import { isConfirmed } from '$lib/server/confirm';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** What a failed action gives back: which form, the error in codes (the page words them), what was typed. */
export interface StayFailure {
	form: 'act' | 'end' | 'note' | 'following';
	code: string;
	errors: FieldError[];
	conflicts: ConflictRange[];
	values: Record<string, string>;
	/** After an extension refused for the limit, or a next step refused: the apartments that could follow now. */
	following?: FollowingSuggestion | null;
}

function failed(e: unknown, form: StayFailure['form'], values: Record<string, string>, following: FollowingSuggestion | null = null) {
	assertAppError(e);
	return fail(e.status, { form, code: e.code, errors: e.errors ?? [], conflicts: e.conflicts ?? [], values, following } satisfies StayFailure);
}

/** The apartments that could follow a hotel stay, or null when it has no next step now (not a hotel, already followed…). */
function followingChoice(db: App.Locals['db'], actor: Actor, id: string, end: string | null): FollowingSuggestion | null {
	try {
		return suggestFollowingStay(db, actor, id, { end });
	} catch (e) {
		assertAppError(e);
		// Nights that cannot be (past the longest stay, a departure before the arrival): the default ones.
		if (end !== null && (e.code === 'invalid' || e.code === 'validation')) return followingChoice(db, actor, id, null);
		return null;
	}
}

function done(id: string, what: string): string {
	return `/sejours/${encodeURIComponent(id)}?fait=${encodeURIComponent(what)}`;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	try {
		const actor = locals.session!.actor;
		const sheet = getStaySheet(locals.db, actor, params.id);
		// A hotel stay at its limit offers its next step at once: the apartment that follows.
		const wanted = parseFollowingQuery(url.searchParams);
		const following = sheet.canPlaceFollowing && (sheet.atLimit || wanted) ? followingChoice(locals.db, actor, params.id, wanted) : null;
		return { sheet, following, key: randomUUID(), done: url.searchParams.get('fait'), now: nowMs(), noteMax: STAY_NOTE_MAX };
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
		// The destination's list is beside the check-out button only: the other moves never send one.
		const destination = action === 'check-out' ? (parsed.data.destination ?? null) : null;
		try {
			actOnStay(locals.db, locals.session!.actor, params.id, action, { destination });
		} catch (e) {
			return failed(e, 'act', { destination: destination ?? '' });
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
			// Refused for the limit: the next step instead, the apartments free from the hotel's last morning to the end wanted.
			assertAppError(e);
			const following = e.code === 'limit_exceeded' ? followingChoice(db, actor, params.id, parsed.data.end) : null;
			return failed(e, 'end', values, following);
		}
		redirect(303, done(params.id, what));
	},

	/** Places the stay that follows a hotel stay in the apartment chosen, and opens it. */
	following: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const parsed = parseStayFollowingForm(form);
		const values = { unitId: parsed.values.unitId ?? '', end: parsed.values.end ?? '' };
		const key = String(form.get('key') ?? '') || undefined;
		if (!parsed.ok) return fail(400, { form: 'following', code: 'invalid', errors: parsed.errors, conflicts: [], values } satisfies StayFailure);
		let nextId: string;
		try {
			nextId = placeFollowingStay(locals.db, actor, params.id, parsed.data, key).value.id;
		} catch (e) {
			// The apartment taken meanwhile: the choice again, as it is now.
			return failed(e, 'following', values, followingChoice(locals.db, actor, params.id, parsed.data.end ?? null));
		}
		redirect(303, done(nextId, 'following'));
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
