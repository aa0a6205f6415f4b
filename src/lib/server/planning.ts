// The planning page's inputs (/planning): its window (a GET query with French names, so that a
// planning is a link) and the form that blocks a unit, read with their use cases' schemas. What
// stays here is the page's own: which of its messages (block.errors) each refused field shows.
import type { FieldError } from '#domain/errors.ts';
import { blockInput } from '#schemas/inventory.ts';
import { planningQuery } from '#schemas/stays.ts';
import type { PlanningQuery } from '#services/planning.ts';
import { parseForm } from './forms.ts';

/** The planning's window from the address (`debut`, `nuits`, `site`, `programme`); null when it is not one. */
export function parsePlanningQuery(query: URLSearchParams): PlanningQuery | null {
	const parsed = parseForm(planningQuery, query, {}, { start: 'debut', nights: 'nuits', siteId: 'site' });
	return parsed.ok ? parsed.data : null;
}

export interface BlockValues {
	unitId: string;
	start: string;
	end: string;
	reason: string;
}

/** Field errors by field name; the values are keys of the page's dictionary (block.errors). */
export type BlockErrors = Partial<Record<keyof BlockValues, string>>;

const BLOCK_FIELDS = ['unitId', 'start', 'end', 'reason'] as const;

/** Reads the block form; a refused field is named by its message key (required, date, reason). */
export function parseBlockForm(form: FormData) {
	const parsed = parseForm(blockInput, form);
	const values: BlockValues = { unitId: parsed.values.unitId ?? '', start: parsed.values.start ?? '', end: parsed.values.end ?? '', reason: parsed.values.reason ?? '' };
	if (parsed.ok) return { ok: true as const, data: parsed.data, values };
	const errors: BlockErrors = {};
	for (const e of parsed.errors) {
		const field = BLOCK_FIELDS.find((f) => f === e.path);
		if (!field || errors[field]) continue;
		errors[field] = values[field] === '' ? 'required' : field === 'reason' ? 'reason' : field === 'unitId' ? 'unit' : 'date';
	}
	return { ok: false as const, errors, values };
}

/** The message key of the service's refusal of a date: not a real date, before the first night, or too far. */
export function blockDateErrors(errors: readonly FieldError[] | undefined): BlockErrors {
	const out: BlockErrors = {};
	for (const f of errors ?? []) {
		if (f.path !== 'start' && f.path !== 'end') continue;
		out[f.path] = /calendar date/.test(f.message) ? 'date' : /must be after/.test(f.message) ? 'order' : f.path;
	}
	return out;
}
