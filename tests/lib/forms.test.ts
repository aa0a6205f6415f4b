import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formValues, parseForm, refusedFields } from '../../src/lib/server/forms.ts';

const schema = z.object({
	label: z.string().trim().min(1).max(10),
	adults: z.number().int().min(0).max(20),
	note: z.string().trim().max(5).optional(),
	accessible: z.boolean().optional(),
	needs: z.array(z.string()).optional(),
	household: z.object({ children: z.number().int().max(20) }),
	end: z.string().nullable()
});

function form(entries: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('parseForm', () => {
	it('turns text fields into the schema input: numbers, checkboxes, lists, dotted names, blanks', () => {
		const r = parseForm(schema, form([['label', ' Martin '], ['adults', '2'], ['note', ''], ['accessible', 'on'], ['needs', 'a'], ['needs', 'b'], ['household.children', '3'], ['end', '']]));
		expect(r).toEqual({
			ok: true,
			data: { label: 'Martin', adults: 2, accessible: true, needs: ['a', 'b'], household: { children: 3 }, end: null },
			values: { label: 'Martin', adults: '2', note: '', accessible: 'on', needs: 'a,b', 'household.children': '3', end: '' }
		});
	});

	it('an unticked checkbox is false; extra values win over the form', () => {
		const r = parseForm(schema, form([['label', 'x'], ['adults', '1'], ['household.children', '0']]), { end: '2026-12-05' });
		expect(r.ok && r.data).toMatchObject({ accessible: false, end: '2026-12-05' });
	});

	it('refuses with the schema: each error at its path, worded in French and English', () => {
		const r = parseForm(schema, form([['label', ''], ['adults', '21'], ['note', 'trop long'], ['household.children', 'deux'], ['end', 'x']]));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const byPath = Object.fromEntries(r.errors.map((e) => [e.path, [e.fr, e.en]]));
		expect(byPath).toEqual({
			label: ['à remplir', 'required'],
			adults: ['au plus 20', 'at most 20'],
			note: ['5 caractères au plus', 'at most 5 characters'],
			'household.children': ['un nombre entier', 'a whole number']
		});
		expect(r.values.note).toBe('trop long');
	});

	it('reads fields named otherwise than the schema paths, and gives their errors under the form names', () => {
		const r = parseForm(schema, form([['label', 'x'], ['adults', '1'], ['children', '25'], ['end', '']]), {}, { 'household.children': 'children' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => [e.path, e.en])).toEqual([['children', 'at most 20']]);
		const ok = parseForm(schema, form([['label', 'x'], ['adults', '1'], ['children', '2'], ['end', '']]), {}, { 'household.children': 'children' });
		expect(ok.ok && ok.data.household).toEqual({ children: 2 });
	});

	it('reads a query string as well as a posted form', () => {
		expect(formValues(new URLSearchParams('a=1&b=%20x%20'))).toEqual({ a: '1', b: 'x' });
		const r = parseForm(z.object({ n: z.number().int() }), new URLSearchParams('n=1,5'));
		expect(r.ok).toBe(false);
	});
});

describe('a field taken as typed (verbatim), and the refused fields as a page reads them', () => {
	const login = z.object({ email: z.string().trim().min(1), password: z.string().min(1).meta({ verbatim: true }), code: z.string().optional().meta({ verbatim: true }) });

	it('a verbatim field keeps its spaces; the others are trimmed', () => {
		expect.hasAssertions();
		const r = parseForm(login, form([['email', ' a@b.fr '], ['password', '  deux espaces  ']]));
		expect(r.ok && r.data).toEqual({ email: 'a@b.fr', password: '  deux espaces  ' });
	});

	it('a verbatim field left empty is still missing', () => {
		expect.hasAssertions();
		const r = parseForm(login, form([['email', 'a@b.fr'], ['password', '']]));
		expect(r.ok ? [] : r.errors.map((e) => [e.path, e.en])).toEqual([['password', 'required']]);
	});

	it('refusedFields: the first error of each field, its message and its wording in both languages', () => {
		expect.hasAssertions();
		const r = parseForm(z.object({ a: z.string().min(3).regex(/^\d+$/), b: z.number().int().max(2) }), form([['a', 'x'], ['b', '3']]));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const refused = refusedFields(r.errors);
		expect(Object.keys(refused.errors)).toEqual(['a', 'b']);
		expect(refused.errors.a).toBe(r.errors.find((e) => e.path === 'a')!.message);
		expect(refused.wording).toEqual({ a: { fr: '3 caractères au moins', en: 'at least 3 characters' }, b: { fr: 'au plus 2', en: 'at most 2' } });
	});
});
