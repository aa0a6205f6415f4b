// The decision form of a referral, shared by the queue (/orientations, « Accepter » and a partner's
// withdrawal) and a referral's page (/orientations/<id>): read the form, call the service, and on
// a refusal give back the error in codes (the page words them) with what was typed.
import { fail, redirect } from '@sveltejs/kit';
import type { FieldError } from '#domain/errors.ts';
import { OUTCOMES, type Outcome } from '#domain/referral-lifecycle.ts';
import type { Actor } from '#services/actor.ts';
import { decideReferral } from '#services/referrals.ts';
import { messages } from '$lib/i18n';
import { assertAppError } from '$lib/server/errors';

export const REASON_CODES = ['no_place_tonight', 'no_place_of_size', 'out_of_scope', 'redirected_115', 'redirected_service', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

function isReasonCode(code: string): code is ReasonCode {
	return (REASON_CODES as readonly string[]).includes(code);
}

export const DECISION_NOTE_MAX = 800;

export interface DecisionFailure {
	kind: 'decision';
	id: string;
	code: string;
	errors: FieldError[];
	values: { outcome: string; reasonCode: string; note: string };
}

function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

function refused(status: number, id: string, code: string, values: DecisionFailure['values'], errors: FieldError[] = []) {
	return fail(status, { kind: 'decision' as const, id, code, errors, values } satisfies DecisionFailure);
}

/**
 * The reason stored with a decision: « <label of the list>: <note> », the label in French, the
 * working language of the records, whatever the language of the page.
 */
export function composeReason(code: string, note: string): string | null {
	const label = isReasonCode(code) ? messages('fr').referrals.reasons[code] : '';
	if (label && note) return `${label}: ${note}`;
	return label || note || null;
}

/**
 * Decides the referral named by `id` (or the form's `id`): accepted (a note at most), declined or
 * redirected (a reason from the list, « Autre » with its note), withdrawn (a reason if given).
 * Redirects to `back(id, outcome)` when done.
 */
export async function decideFromForm(request: Request, db: App.Locals['db'], actor: Actor, back: (id: string, outcome: Outcome) => string, fixedId?: string) {
	const form = await request.formData();
	const id = fixedId ?? text(form, 'id');
	const values = { outcome: text(form, 'outcome'), reasonCode: text(form, 'reasonCode'), note: text(form, 'note') };
	const errors: FieldError[] = [];
	if (!id) return refused(400, id, 'not_found', values);
	if (!(OUTCOMES as readonly string[]).includes(values.outcome)) errors.push({ path: 'outcome', message: 'unknown outcome' });
	const needsReason = values.outcome === 'declined' || values.outcome === 'redirected';
	if (values.reasonCode && !(REASON_CODES as readonly string[]).includes(values.reasonCode)) errors.push({ path: 'reasonCode', message: 'not in the list' });
	else if (needsReason && !values.reasonCode) errors.push({ path: 'reasonCode', message: 'required' });
	if (values.reasonCode === 'other' && !values.note) errors.push({ path: 'note', message: 'required for other' });
	if (values.note.length > DECISION_NOTE_MAX) errors.push({ path: 'note', message: `at most ${DECISION_NOTE_MAX} characters` });
	if (errors.length) return refused(400, id, 'invalid', values, errors);
	const outcome = values.outcome as Outcome;
	try {
		decideReferral(db, actor, id, { outcome, reason: composeReason(values.reasonCode, values.note) });
	} catch (e) {
		assertAppError(e);
		return refused(e.status, id, e.code, values, e.errors ?? []);
	}
	redirect(303, back(id, outcome));
}
