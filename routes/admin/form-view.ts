// Reading an action's answer back in a page: what was typed and which field is at fault, in words.
// Browser-safe: no server import.
import { entry, type Locale } from '$lib/i18n';

/** What a page reads back from any of its actions (success or refusal), loosely typed. */
export interface FormResult {
	form?: string;
	target?: string | null;
	code?: string;
	errors?: Record<string, string>;
	/** A schema's wording of each field error, in both languages. */
	wording?: Record<string, { fr: string; en: string }>;
	conflicts?: { start: string; end: string; kind: 'stay' | 'block' }[];
	values?: Record<string, unknown>;
	done?: string;
	/** The irreversible move of `target` is asked for: the page shows its confirmation. */
	confirm?: boolean;
	token?: string;
	name?: string;
}

/** The value typed in a field of the refused form `name`, as text ('' otherwise). */
export function typed(result: FormResult | null | undefined, name: string, key: string, fallback = ''): string {
	if (result?.form !== name || !result.code) return fallback;
	const v = result.values?.[key];
	return typeof v === 'string' ? v : fallback;
}

/** Whether a checkbox of the refused form `name` was ticked (`fallback` otherwise). */
export function ticked(result: FormResult | null | undefined, name: string, key: string, fallback = false): boolean {
	if (result?.form !== name || !result.code) return fallback;
	const v = result.values?.[key];
	return typeof v === 'boolean' ? v : typeof v === 'string' ? v !== '' : Array.isArray(v) ? v.length > 0 : fallback;
}

/** The boxes ticked in a group of checkboxes of the refused form `name`. */
export function tickedAll(result: FormResult | null | undefined, name: string, key: string): string[] {
	if (result?.form !== name || !result.code) return [];
	const v = result.values?.[key];
	// A repeated field comes back as its values joined by commas.
	if (typeof v === 'string') return v.split(',').filter((x) => x !== '');
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The error key of a field of the refused form `name` (and row `target`), if any. */
export function fieldError(result: FormResult | null | undefined, name: string, path: string, target: string | null = null): string | undefined {
	if (result?.form !== name || !result.code) return undefined;
	if (target !== null && result.target !== target) return undefined;
	return result.errors?.[path];
}

/**
 * A field error in words: the dictionary's words for a service's key, else the schema's wording in
 * the reader's language, else « value not recognised ».
 */
export function errorText(result: FormResult | null | undefined, path: string, fields: Record<string, string> & { invalid: string }, locale: Locale): string {
	const key = result?.errors?.[path];
	return entry(fields, key) ?? result?.wording?.[path]?.[locale] ?? fields.invalid;
}

/** The error of a field of the refused form `name` (and row `target`) in words, if any. */
export function fieldErrorText(
	result: FormResult | null | undefined,
	name: string,
	path: string,
	fields: Record<string, string> & { invalid: string },
	locale: Locale,
	target: string | null = null
): string | null {
	return fieldError(result, name, path, target) === undefined ? null : errorText(result, path, fields, locale);
}
