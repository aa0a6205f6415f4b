// The referral pages' forms (/orientations): the intake form and the decision form, each read with
// its use case's schema (the API's). What stays here is the page's own: the blank form, the names
// of the form's fields, and the reason a decision stores, composed from the list and the note.
import type { IsoDate } from '#domain/dates.ts';
import { DECISION_REASONS, REFERRAL_NEEDS, type DecisionReason } from '#domain/referral-lifecycle.ts';
import { decisionForm, decisionInput, referralInput } from '#schemas/referrals.ts';
import type { Actor } from '#services/actor.ts';
import type { ReferralFormValues } from '$lib/components/referrals/form-values';
import { messages } from '$lib/i18n';
import { parseForm, renamed, toFieldError, type FormFieldError } from './forms.ts';

export type { ReferralFormValues };

export function emptyReferralForm(tonight: IsoDate): ReferralFormValues {
	return { programme: 'emergency', urgency: 'immediate', requestedStart: tonight, nights: '1', adults: '1', children: '0', needs: [], organisation: '', organisationOther: '', contact: '', phone: '', email: '', notes: '', originCommune: '' };
}

/** The referral form names its fields without the schema's "household." and "referrer." prefixes. */
const REFERRAL_FIELDS = {
	'household.adults': 'adults',
	'household.children': 'children',
	'household.needs': 'needs',
	'referrer.organisation': 'organisationName',
	'referrer.contact': 'contact',
	'referrer.phone': 'phone',
	'referrer.email': 'email'
};

/**
 * Reads the referral form. A partner's organisation is its account's (the service decides it); a
 * duty officer picks one from the list or types who called. The rules (from tonight on, at least
 * one person) are the service's: its refusal names the same fields.
 */
export function parseReferralForm(form: FormData, actor: Actor) {
	const fields = new FormData();
	for (const [k, v] of form) if (typeof v === 'string') fields.append(k, v);
	const get = (name: string) => String(form.get(name) ?? '').trim();
	if (actor.role !== 'partner') fields.set('organisationName', (get('organisation') || get('organisationOther')).slice(0, 200));
	else fields.delete('organisationName');
	const parsed = parseForm(referralInput, fields, {}, REFERRAL_FIELDS);
	const all = parsed.values;
	const values: ReferralFormValues = {
		...emptyReferralForm(''),
		...Object.fromEntries(Object.keys(emptyReferralForm('')).map((k) => [k, all[k] ?? ''])),
		children: all.children || '0',
		needs: form.getAll('needs').filter((v): v is string => typeof v === 'string' && (REFERRAL_NEEDS as readonly string[]).includes(v))
	};
	return { ...parsed, values };
}

/**
 * The reason stored with a decision: « <label of the list>: <note> », the label in French, the
 * working language of the records, whatever the language of the page.
 */
export function composeReason(code: string, note: string): string | null {
	const label = (DECISION_REASONS as readonly string[]).includes(code) ? messages('fr').referrals.reasons[code as DecisionReason] : '';
	if (label && note) return `${label}: ${note}`;
	return label || note || null;
}

/**
 * Reads a decision form: the outcome, a reason from the list, a note. The reason it stores (the
 * list's label and the note) is checked by the API's own schema, its errors shown on the note.
 */
export function parseDecisionForm(form: FormData) {
	const parsed = parseForm(decisionForm, form);
	if (!parsed.ok) return parsed;
	const reason = composeReason(parsed.data.reasonCode ?? '', parsed.data.note ?? '');
	const checked = decisionInput.safeParse({ outcome: parsed.data.outcome, ...(reason !== null && { reason }), ...(parsed.data.reasonCode && { reasonCode: parsed.data.reasonCode }) });
	if (!checked.success) {
		const errors: FormFieldError[] = checked.error.issues.map((i) => renamed(toFieldError(i), { reason: 'note' }));
		return { ok: false as const, errors, values: parsed.values };
	}
	return { ok: true as const, data: checked.data, values: parsed.values };
}
