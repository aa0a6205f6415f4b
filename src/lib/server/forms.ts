// A form posted by a page is checked by the same zod schema as the API route of its use case.
// This helper turns the form's text fields into that schema's input (numbers, checkboxes, lists,
// nested objects by dotted names, empty optional fields left out), and the schema's issues into
// field errors the page can show, each worded in French and English. The rules themselves (limits,
// "from tonight on"…) stay in the schema, the service or the domain: nothing is re-checked here.
import type { z } from 'zod';
import type { FieldError } from '#domain/errors.ts';
import { errorsByField } from './errors.ts';

/** A field error as a page shows it: the API's path and message, with its wording in both languages. */
export interface FormFieldError extends FieldError {
	fr: string;
	en: string;
}

/** What was typed, as text, to put back in the form when it is refused. */
export type FormValues = Record<string, string>;

export type ParsedForm<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; errors: FormFieldError[]; values: FormValues };

type Fields = FormData | URLSearchParams;

/** Every field of a form as trimmed text (a repeated field: its values joined by a comma). */
export function formValues(form: Fields): FormValues {
	const out: FormValues = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string').map((v) => v.trim());
		out[key] = all.join(',');
	}
	return out;
}

// zod 4 keeps each schema's definition in `def`; this is all the helper reads of it.
interface Def {
	type: string;
	innerType?: z.ZodType;
	in?: z.ZodType;
	shape?: Record<string, z.ZodType>;
	element?: z.ZodType;
	entries?: Record<string, unknown>;
	values?: unknown[];
	options?: z.ZodType[];
}
const def = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/** The schema under optional / nullable / default / pipe wrappers, and whether a blank field may be left out. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; nullable: boolean } {
	let s = schema;
	let optional = false;
	let nullable = false;
	for (;;) {
		const d = def(s);
		if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') optional = true;
		else if (d.type === 'nullable') nullable = true;
		else if (d.type === 'pipe' && d.in) {
			s = d.in;
			continue;
		} else return { inner: s, optional, nullable };
		s = d.innerType!;
	}
}

const CHECKED = new Set(['on', 'true', '1', 'yes', 'oui']);

/**
 * A field taken exactly as typed, spaces included (a password): its schema says so with
 * `.meta({ verbatim: true })`, written last so that the meta stays on the field's schema.
 */
function isVerbatim(schema: z.ZodType): boolean {
	for (let s: z.ZodType | undefined = schema; s; ) {
		if ((s.meta() as { verbatim?: boolean } | undefined)?.verbatim) return true;
		const d = def(s);
		s = d.type === 'pipe' ? d.in : d.innerType;
	}
	return false;
}

/** One field's text turned into what its schema expects; a text that cannot be is passed as is, for zod to refuse. */
function convert(schema: z.ZodType, raw: string[], present: boolean): unknown {
	const { inner, optional, nullable } = unwrap(schema);
	const d = def(inner);
	if (d.type === 'string' && present && isVerbatim(schema)) return raw[0] ?? '';
	if (d.type === 'boolean') return raw.some((v) => CHECKED.has(v.trim().toLowerCase()));
	if (d.type === 'array') {
		const items = raw.map((v) => v.trim()).filter((v) => v !== '');
		if (!items.length && optional) return undefined;
		return items.map((v) => convert(d.element!, [v], true));
	}
	const text = (raw[0] ?? '').trim();
	if (!present || text === '') {
		if (optional) return undefined;
		if (nullable) return null;
		return d.type === 'string' || d.type === 'enum' ? text : undefined;
	}
	if (d.type === 'number' || d.type === 'int') {
		// French writing too: "12,5"; a stray word stays text so zod says "expected a number".
		const n = Number(text.replace(/\s/g, '').replace(',', '.'));
		return Number.isFinite(n) && /\d/.test(text) ? n : text;
	}
	return text;
}

/** Builds the schema's input from the form: a nested object's fields are named with dots ("household.label"). */
function inputOf(schema: z.ZodType, form: Fields, prefix: string): Record<string, unknown> {
	const { inner } = unwrap(schema);
	const shape = def(inner).shape ?? {};
	const out: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(shape)) {
		const name = prefix + key;
		const fieldInner = unwrap(field).inner;
		if (def(fieldInner).type === 'object') {
			out[key] = inputOf(field, form, `${name}.`);
			continue;
		}
		const raw = form.getAll(name).filter((v): v is string => typeof v === 'string');
		const value = convert(field, raw, form.has(name));
		if (value !== undefined) out[key] = value;
	}
	return out;
}

/**
 * Checks a posted form (or a query string) against the schema of its use case. `extra` adds what the
 * page knows and the form does not carry (a route parameter, tonight); it wins over the form.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: Fields, extra: Record<string, unknown> = {}): ParsedForm<z.output<S>> {
	const values = formValues(form);
	// reportInput: tells a missing field ("required") from a wrong one ("a whole number").
	const result = schema.safeParse({ ...inputOf(schema, form, ''), ...extra }, { reportInput: true });
	if (result.success) return { ok: true, data: result.data, values };
	return { ok: false, errors: result.error.issues.map(toFieldError), values };
}

type Issue = z.core.$ZodIssue;

/** One zod issue as a page's field error, worded in French and English. */
export function toFieldError(issue: Issue): FormFieldError {
	const path = issue.path.map(String).join('.');
	const { fr, en } = wording(issue);
	return { path, message: issue.message, fr, en };
}

function wording(issue: Issue): { fr: string; en: string } {
	const i = issue as Issue & { maximum?: number | bigint; minimum?: number | bigint; origin?: string; expected?: string; input?: unknown };
	switch (i.code) {
		case 'too_big':
			if (i.origin === 'string') return { fr: `${i.maximum} caractères au plus`, en: `at most ${i.maximum} characters` };
			if (i.origin === 'array' || i.origin === 'set') return { fr: `${i.maximum} au plus`, en: `at most ${i.maximum}` };
			return { fr: `au plus ${i.maximum}`, en: `at most ${i.maximum}` };
		case 'too_small':
			if (i.origin === 'string') return Number(i.minimum) <= 1 ? { fr: 'à remplir', en: 'required' } : { fr: `${i.minimum} caractères au moins`, en: `at least ${i.minimum} characters` };
			if (i.origin === 'array' || i.origin === 'set') return { fr: 'en choisir au moins un', en: 'choose at least one' };
			return { fr: `au moins ${i.minimum}`, en: `at least ${i.minimum}` };
		case 'invalid_type':
			if (i.input === undefined) return { fr: 'à remplir', en: 'required' };
			if (i.expected === 'number' || i.expected === 'int') return { fr: 'un nombre entier', en: 'a whole number' };
			return { fr: 'valeur non valable', en: 'not a valid value' };
		case 'invalid_value':
			return { fr: 'choisir une des valeurs proposées', en: 'choose one of the values offered' };
		case 'invalid_format':
			if ((i as { format?: string }).format === 'email') return { fr: 'une adresse e-mail', en: 'an email address' };
			if ((i as { format?: string }).format === 'regex' && /YYYY-MM-DD/.test(i.message)) return { fr: 'une date (AAAA-MM-JJ)', en: 'a date (YYYY-MM-DD)' };
			return { fr: 'format non valable', en: 'not in the expected format' };
		default:
			return { fr: 'valeur non valable', en: 'not a valid value' };
	}
}

/** A form its schema refused, as a page reads it back: per field, the first error's message and its wording. */
export interface RefusedFields {
	/** The message of the first error of each field (a page may know it as a dictionary key). */
	errors: Record<string, string>;
	/** Its wording in French and English. */
	wording: Record<string, { fr: string; en: string }>;
}

/** The first error of each field, keyed by its path, for a `fail(400, …)` answer. */
export function refusedFields(errors: readonly FormFieldError[]): RefusedFields {
	const wording: RefusedFields['wording'] = {};
	for (const e of errors) wording[e.path] ??= { fr: e.fr, en: e.en };
	return { errors: errorsByField(errors), wording };
}
