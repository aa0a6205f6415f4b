// Form markup, read from the source of every page and component: a field a person must fill says so
// in words (« (obligatoire) » through <Required /> in its label, or in its aria-label), not only by the
// `required` attribute; a form with such a field has the note explaining the word; and a field marked
// invalid names its own message (aria-describedby, or the fieldAria helper that adds it).
// A new form that forgets fails here, naming the file and the field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldAria } from '../../src/lib/components/form/field-aria.ts';

const root = path.resolve(import.meta.dirname, '../..');

function svelteFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...svelteFiles(rel));
    else if (name.endsWith('.svelte')) out.push(rel.split(path.sep).join('/'));
  }
  return out;
}

const FILES = [...svelteFiles('routes'), ...svelteFiles('src/lib/components')];

// An element's opening tag, its attributes possibly holding {expressions} (one level of nested braces).
const FIELD = /<(input|select|textarea)\b((?:[^<>{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*?)\/?>/gs;
const isRequired = (attrs: string) => /(^|\s)(required|\{required\})(\s|$|=\{|\/)/.test(attrs);
const isTyped = (attrs: string) => !/type="(hidden|checkbox|radio)"/.test(attrs);

/** The fields of a file's source with a `required` attribute, by their id as written (literal or expression). */
function requiredFields(source: string): { id: string | null; attrs: string }[] {
  return [...source.matchAll(FIELD)]
    .filter((m) => isRequired(m[2]) && isTyped(m[2]))
    .map((m) => {
      const id = /\bid=("[^"]*"|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})/.exec(m[2])?.[1] ?? (/(^|\s)\{id\}/.test(m[2]) ? '{id}' : null);
      return { id, attrs: m[2] };
    });
}

/** What is wrong with one file's required fields: a field whose label does not say « required » in words. */
function unsaidRequired(file: string, source: string): string[] {
  const out: string[] = [];
  for (const { id, attrs } of requiredFields(source)) {
    if (/aria-label=/.test(attrs)) {
      if (!/aria-label=[^\n]*form\.required/.test(attrs)) out.push(`${file}: ${id}: its aria-label does not say it is required`);
      continue;
    }
    if (id === null) {
      out.push(`${file}: a required field without an id (its label cannot name it)`);
      continue;
    }
    const at = source.indexOf(`for=${id}`);
    const label = at < 0 ? '' : source.slice(at, source.indexOf('</label>', at));
    if (!label.includes('<Required')) out.push(`${file}: ${id}: its label has no <Required /> (« (obligatoire) »)`);
  }
  return out;
}

describe('required fields are said in words', () => {
  it('every required field of every page and component has « (obligatoire) » in its label', () => {
    expect.hasAssertions();
    const found = FILES.flatMap((file) => unsaidRequired(file, readFileSync(path.join(root, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('every file with a required field shows the note that explains the word', () => {
    expect.hasAssertions();
    const missing = FILES.filter((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      // ReasonForm shows the note at the top of the form it wraps.
      return requiredFields(source).length > 0 && !source.includes('<RequiredNote') && !source.includes('<ReasonForm');
    });
    expect(missing).toEqual([]);
  });

  it.each([
    ['a label with the marker', '<label for="x">Nom<Required /></label><input id="x" name="x" required />', []],
    ['a label without it', '<label for="x">Nom</label><input id="x" name="x" required />', ['f: "x": its label has no <Required /> (« (obligatoire) »)']],
    ['an expression id', '<label for={`a-${i}`}>A<Required /></label><input id={`a-${i}`} required value={v} />', []],
    ['an aria-label that says it', '<input id="y" required aria-label={`${t} (${c.form.required})`} />', []],
    ['an aria-label that does not', '<input id="y" required aria-label={t} />', ['f: "y": its aria-label does not say it is required']],
    ['not required', '<label for="x">Nom</label><input id="x" name="x" />', []],
    ['a hidden field', '<input type="hidden" name="k" required />', []]
  ])('the check itself: %s', (_, source, expected) => {
    expect(unsaidRequired('f', source)).toEqual(expected);
  });
});

describe('an invalid field names its own message', () => {
  it('no page marks a field invalid by hand without aria-describedby on the same element', () => {
    expect.hasAssertions();
    const found: string[] = [];
    for (const file of FILES) {
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const m of source.matchAll(FIELD)) {
        if (/aria-invalid=/.test(m[2]) && !/aria-describedby=/.test(m[2]) && !/type="radio"/.test(m[2])) found.push(`${file}: ${m[0].slice(0, 90).replace(/\s+/g, ' ')}`);
      }
    }
    expect(found).toEqual([]);
  });

  it.each([
    ['no error, no hint', 'x', null, [], { 'aria-invalid': undefined, 'aria-describedby': undefined }],
    ['no error, a hint', 'x', undefined, ['x-hint'], { 'aria-invalid': undefined, 'aria-describedby': 'x-hint' }],
    ['an error', 'x', 'à remplir', [], { 'aria-invalid': 'true', 'aria-describedby': 'x-error' }],
    ['an error and a hint', 'x', true, ['x-hint'], { 'aria-invalid': 'true', 'aria-describedby': 'x-hint x-error' }],
    ['an empty hint left out', 'x', 'faux', ['', null, false], { 'aria-invalid': 'true', 'aria-describedby': 'x-error' }]
  ] as const)('fieldAria: %s', (_, id, error, hints, expected) => {
    expect(fieldAria(id, error, ...hints)).toEqual(expected);
  });
});
