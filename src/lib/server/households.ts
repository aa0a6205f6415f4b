// The households pages' reason forms (/menages, /menages/<id>): finding a confidential household
// by its exact name, revealing a name, lifting a confidentiality, each read with its schema. The
// page words a refused field by a code of its dictionary (households.errors).
import { fail } from '@sveltejs/kit';
import { reasonBody } from '#schemas/common.ts';
import { findByNameInput, householdOriginInput, mergeFormInput } from '#schemas/households.ts';
import type { Actor } from '#services/actor.ts';
import { findConfidentialHousehold } from '#services/households.ts';
import { errorsByField, failFrom } from './errors.ts';
import { parseForm, type FormFieldError } from './forms.ts';

/** A field the schema refused, as the code of the page's dictionary: required (name_required for the name), too_long. */
function codeOf(e: FormFieldError): string {
	if (e.en === 'required') return e.path === 'name' ? 'name_required' : 'required';
	if (e.en.startsWith('at most')) return 'too_long';
	return e.message;
}

function codes(errors: readonly FormFieldError[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of errors) out[e.path] ??= codeOf(e);
	return out;
}

function read<T>(parsed: { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FormFieldError[]; values: Record<string, string> }, fields: readonly string[]) {
	const values = Object.fromEntries(fields.map((f) => [f, parsed.values[f] ?? '']));
	return parsed.ok ? { ok: true as const, data: parsed.data, values } : { ok: false as const, errors: codes(parsed.errors), values };
}

export function parseFindForm(form: FormData) {
	return read(parseForm(findByNameInput, form), ['name', 'reason']);
}

/**
 * The form action finding a confidential household by its exact full name, with a reason (audited by
 * the service), for every page that offers it: posted, so the name stays out of URLs and logs; the
 * answer carries the households found (pseudonyms), never the name unless it is given back to correct.
 */
export function findByExactName(db: App.Locals['db'], actor: Actor, form: FormData) {
	const parsed = parseFindForm(form);
	const { values } = parsed;
	if (!parsed.ok) return fail(400, { code: 'invalid', errors: parsed.errors, values });
	try {
		return { found: findConfidentialHousehold(db, actor, parsed.data).households };
	} catch (e) {
		return failFrom(e, (e) => {
			const errors = errorsByField(e.errors);
			if (errors.name === 'required') errors.name = 'name_required';
			return { code: e.code, errors, values };
		});
	}
}

export function parseRevealForm(form: FormData) {
	return read(parseForm(reasonBody, form), ['reason']);
}

/** The lift form names its reason `liftReason` (the page has the reveal's reason too). */
export const LIFT_FIELDS = { reason: 'liftReason' };

export function parseLiftForm(form: FormData) {
	return read(parseForm(reasonBody, form, {}, LIFT_FIELDS), ['liftReason']);
}

/** The merge form names its reason `mergeReason` (the page has the reveal's reason too). */
export const MERGE_FIELDS = { reason: 'mergeReason', duplicateId: 'duplicate' };

export function parseMergeForm(form: FormData) {
	return read(parseForm(mergeFormInput, form, {}, MERGE_FIELDS), ['duplicate', 'mergeReason']);
}

/** The household page's origin form: the commune the household comes from (empty: unknown). */
export function parseOriginForm(form: FormData) {
	return read(parseForm(householdOriginInput, form), ['originCommune']);
}
