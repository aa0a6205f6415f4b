import { fail, redirect } from '@sveltejs/kit';
import { nowMs } from '#services/clock.ts';
import { getStay, actOnStay, extendHold, holdExtensionsLeftFor } from '#services/stays.ts';
import { settings } from '#services/config.ts';
import { STAY_NOTE_MAX } from '#domain/input-limits.ts';
import { getStaySheet, setStayNote } from '#services/stay-notes.ts';
import { placingQuery } from '$lib/components/place/dates';
import { parseStayNoteForm } from '$lib/server/stays';
import { assertAppError, pageErrorFrom } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

function stayPath(id: string, done?: string): string {
	return `/sejours/${encodeURIComponent(id)}${done ? `?fait=${done}` : ''}`;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = locals.session!.actor;
	let sheet;
	try {
		sheet = getStaySheet(locals.db, actor, params.id);
	} catch (e) {
		pageErrorFrom(e, ['not_found', 'forbidden']);
	}
	const { stay } = sheet;
	// Past the hold, the stay has its own page.
	if (stay.status !== 'hold' && stay.status !== 'lapsed' && stay.status !== 'cancelled') redirect(303, stayPath(stay.id));
	return {
		sheet,
		searchAgain: placingQuery({
			start: stay.start < sheet.tonight ? sheet.tonight : stay.start,
			end: stay.end,
			adults: stay.household.adults,
			children: stay.household.children,
			programme: stay.programme
		}),
		noteMax: STAY_NOTE_MAX,
		now: nowMs(),
		holdMinutes: settings.holdMinutes(),
		extensionsLeft: holdExtensionsLeftFor(locals.db, actor, stay.id),
		extended: url.searchParams.get('fait') === 'prolongee'
	};
};

export const actions: Actions = {
	/** Confirms the hold, with the practical note when one was typed, and opens the stay's page. */
	confirm: async ({ request, locals, params }) => {
		const actor = locals.session!.actor;
		const form = await request.formData();
		const parsed = parseStayNoteForm(form);
		const note = parsed.values.note ?? '';
		if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, note });
		const db = locals.db;
		try {
			actOnStay(db, actor, params.id, 'confirm');
		} catch (e) {
			assertAppError(e);
			// A second tap on « Confirmer » finds the stay confirmed already: that is the answer it wanted.
			if (e.code === 'invalid_transition' && getStay(db, actor, params.id).status === 'confirmed') redirect(303, stayPath(params.id));
			return fail(e.status, { code: e.code, errors: e.errors ?? [], note });
		}
		if (parsed.data.note) setStayNote(db, actor, params.id, parsed.data.note);
		redirect(303, stayPath(params.id, 'confirm'));
	},

	/** Keeps the unit one more hold period (a few times at most); a hold that lapsed is not taken again. */
	extendHold: async ({ locals, params }) => {
		const actor = locals.session!.actor;
		try {
			extendHold(locals.db, actor, params.id);
		} catch (e) {
			assertAppError(e);
			if (e.code !== 'invalid_transition') return fail(e.status, { code: e.code, errors: e.errors ?? [], note: '' });
			const status = getStay(locals.db, actor, params.id).status;
			const code = status === 'lapsed' ? 'hold_lapsed' : status === 'hold' ? 'hold_extension_limit' : e.code;
			return fail(e.status, { code, errors: [], note: '' });
		}
		redirect(303, `/placer/option/${encodeURIComponent(params.id)}?fait=prolongee`);
	},

	/** Lets the unit go and goes back to the same search, to choose another. */
	cancel: async ({ locals, params }) => {
		const actor = locals.session!.actor;
		const db = locals.db;
		let back = '/placer';
		try {
			const stay = getStay(db, actor, params.id);
			actOnStay(db, actor, params.id, 'cancel');
			back = `/placer?${placingQuery({ start: stay.start, end: stay.end, adults: stay.household?.adults ?? 1, children: stay.household?.children ?? 0, programme: stay.programme })}#resultat`;
		} catch (e) {
			assertAppError(e);
			return fail(e.status, { code: e.code, errors: e.errors ?? [], note: '' });
		}
		redirect(303, back);
	}
};
