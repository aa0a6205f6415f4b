// The decision form of a referral, shared by the queue (/orientations, « Accepter » and a partner's
// withdrawal) and a referral's page (/orientations/<id>): read the form with its schema, call the service, and on
// a refusal give back the error in codes (the page words them) with what was typed.
import { fail, redirect } from '@sveltejs/kit';
import type { FieldError } from '#domain/errors.ts';
import type { Outcome } from '#domain/referral-lifecycle.ts';
import type { Actor } from '#services/actor.ts';
import { decideReferral } from '#services/referrals.ts';
import { assertAppError } from '$lib/server/errors';
import { parseDecisionForm } from '$lib/server/referrals';

export interface DecisionFailure {
	kind: 'decision';
	id: string;
	code: string;
	errors: FieldError[];
	values: { outcome: string; reasonCode: string; note: string };
}

function refused(status: number, id: string, code: string, values: DecisionFailure['values'], errors: FieldError[] = []) {
	return fail(status, { kind: 'decision' as const, id, code, errors, values } satisfies DecisionFailure);
}

/**
 * Decides the referral named by `id` (or the form's `id`): accepted (a note at most), declined or
 * redirected (a reason from the list, « Autre » with its note), withdrawn (a reason if given).
 * Redirects to `back(id, outcome)` when done.
 */
export async function decideFromForm(request: Request, db: App.Locals['db'], actor: Actor, back: (id: string, outcome: Outcome) => string, fixedId?: string) {
	const form = await request.formData();
	const id = fixedId ?? String(form.get('id') ?? '').trim();
	const parsed = parseDecisionForm(form);
	const values = { outcome: parsed.values.outcome ?? '', reasonCode: parsed.values.reasonCode ?? '', note: parsed.values.note ?? '' };
	if (!id) return refused(400, id, 'not_found', values);
	if (!parsed.ok) return refused(400, id, 'invalid', values, parsed.errors);
	const outcome = parsed.data.outcome;
	try {
		decideReferral(db, actor, id, parsed.data);
	} catch (e) {
		assertAppError(e);
		return refused(e.status, id, e.code, values, e.errors ?? []);
	}
	redirect(303, back(id, outcome));
}
