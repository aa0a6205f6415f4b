// The social residence's forms (/residence/demandes, /residence/commissions), read on the server with
// the schemas of their use cases (the API's). What is page-side only lives here: the monthly resources
// typed in euros become the schema's cents, a known household's id replaces the new household's
// fields, and a decision is asked to be confirmed before it is made (the first post only asks).
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { FieldError } from '#domain/errors.ts';
import { needsReason } from '#domain/residence-lifecycle.ts';
import { applicationDecisionInput, applicationInput, committeeInput, type ApplicationDecisionInput } from '#schemas/residence-applications.ts';
import type { Actor } from '#services/actor.ts';
import { createApplication, createCommittee, decideApplication, mayDecide } from '#services/residence/applications.ts';
import { parseEuros } from '$lib/components/mission/money';
import { isConfirmed } from './confirm';
import { assertAppError } from './errors';
import { parseForm, type FormValues } from './forms';

/** A refused form: the service's code, the fields at fault (by the form's names), what was typed. */
export interface ResidenceFormFailure {
	kind: 'file' | 'decide' | 'committee';
	code: string;
	errors: FieldError[];
	values: FormValues;
	/** The application a decision was about (the agenda has one form per application). */
	applicationId?: string;
}

/** A decision to confirm: the same fields, posted again with confirm=1. */
export interface DecisionToConfirm {
	kind: 'confirm';
	applicationId: string;
	outcome: ApplicationDecisionInput['outcome'];
	urgent: boolean;
	fields: Record<string, string>;
}

function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
}

/** Euros typed (« 950 », « 950,50 ») as cents; blank: left out; not an amount: the text, for the schema to refuse. */
function centsOf(form: FormData, name: string): number | string | undefined {
	const typed = text(form, name);
	const cents = parseEuros(typed);
	if (cents === null) return undefined;
	return Number.isNaN(cents) ? typed : cents;
}

const FORM_NAMES: Record<string, string> = { monthlyIncomeCents: 'income' };
const formErrors = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ path: FORM_NAMES[e.path] ?? e.path, message: e.message }));

/**
 * Files an application from the form: a partner's for a new household; staff may give the id of a
 * known household instead. Returns the new application's id, or the refused form.
 */
export function fileFromForm(db: App.Locals['db'], actor: Actor, form: FormData): { id: string } | ActionFailure<ResidenceFormFailure> {
	const known = actor.role === 'partner' ? '' : text(form, 'householdId');
	const extra: Record<string, unknown> = { monthlyIncomeCents: centsOf(form, 'income') };
	if (known) Object.assign(extra, { householdId: known, household: undefined });
	if (actor.role === 'partner') extra.householdId = undefined;
	const parsed = parseForm(applicationInput, form, extra);
	if (!parsed.ok) return fail(400, { kind: 'file' as const, code: 'validation', errors: formErrors(parsed.errors), values: parsed.values });
	try {
		return { id: createApplication(db, actor, parsed.data).value.id };
	} catch (e) {
		assertAppError(e);
		return fail(e.status, { kind: 'file' as const, code: e.code, errors: formErrors(e.errors ?? []), values: parsed.values });
	}
}

/**
 * A decision from a form: checked by the API's schema; the first post asks for confirmation (with the
 * reason a refusal needs already checked), the confirmed one decides. `applicationId` comes from the
 * route or, on the agenda, from the form.
 */
export function decideFromForm(db: App.Locals['db'], actor: Actor, applicationId: string, form: FormData): DecisionToConfirm | { decided: string } | ActionFailure<ResidenceFormFailure> {
	const parsed = parseForm(applicationDecisionInput, form);
	const refuse = (status: number, code: string, errors: FieldError[]) => fail(status, { kind: 'decide' as const, code, errors, values: parsed.values, applicationId });
	if (!parsed.ok) return refuse(400, 'validation', parsed.errors);
	const input = actor.role === 'partner' ? { outcome: parsed.data.outcome } : parsed.data;
	// The role first: a caller who may not decide is refused before being asked to confirm.
	if (!mayDecide(actor, input.outcome)) return refuse(403, 'forbidden', []);
	if (needsReason(input.outcome) && !input.reason) return refuse(422, 'validation', [{ path: 'reason', message: 'required' }]);
	if (!isConfirmed(form)) {
		const fields: Record<string, string> = { applicationId, outcome: input.outcome };
		if (input.reason) fields.reason = input.reason;
		if (input.committeeId) fields.committeeId = input.committeeId;
		return { kind: 'confirm', applicationId, outcome: input.outcome, urgent: actor.role !== 'partner' && !input.committeeId && input.outcome !== 'withdrawn', fields };
	}
	try {
		decideApplication(db, actor, applicationId, input);
		return { decided: input.outcome };
	} catch (e) {
		assertAppError(e);
		return refuse(e.status, e.code, e.errors ?? []);
	}
}

/** A new committee from its form; its id, or the refused form. */
export function committeeFromForm(db: App.Locals['db'], actor: Actor, form: FormData): { id: string } | ActionFailure<ResidenceFormFailure> {
	const parsed = parseForm(committeeInput, form);
	if (!parsed.ok) return fail(400, { kind: 'committee' as const, code: 'validation', errors: parsed.errors, values: parsed.values });
	try {
		return { id: createCommittee(db, actor, parsed.data).id };
	} catch (e) {
		assertAppError(e);
		return fail(e.status, { kind: 'committee' as const, code: e.code, errors: e.errors ?? [], values: parsed.values });
	}
}
