// Small things said once: pages count nights and step dates with $lib/dates, say plurals with
// $lib/i18n/plural, format euros and phone links with $lib/format, check an address with the one email rule, and
// hide text visually with the one .visually-hidden of app.html.
// A copy written again elsewhere fails here, naming the file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...filesUnder(rel));
    else if (/\.(ts|svelte)$/.test(name)) out.push(rel);
  }
  return out;
}

function hits(dirs: string[], pattern: RegExp, except: string[] = []): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap(filesUnder)) {
    if (except.includes(file.split(path.sep).join('/'))) continue;
    readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

const PAGES = ['routes', 'src/lib'];

describe('one place for each small thing', () => {
  it('no page counts nights or steps dates by milliseconds or Date setters', () => {
    expect.hasAssertions();
    expect(hits(PAGES, /86_?400_?000|864e5|setUTCDate|setDate\(/)).toEqual([]);
  });

  it('no page or dictionary chooses a plural by comparing with 1', () => {
    expect.hasAssertions();
    expect(hits(PAGES, /[\w.)]\s*(>\s*1|===?\s*1|!==?\s*1|<\s*2)\s*\?\s*['`]/)).toEqual([]);
  });

  it('money is formatted by $lib/format only', () => {
    expect.hasAssertions();
    expect(hits([...PAGES, 'src/services'], /currency:\s*'EUR'|toFixed\(2\)/, ['src/lib/format.ts'])).toEqual([]);
  });

  it('no hand-written email pattern: the one rule is zod’s', () => {
    expect.hasAssertions();
    expect(hits(['src', 'routes', 'db'], /\[\^\\s@\]\+@/)).toEqual([]);
  });

  it('a phone number becomes a tel: link through $lib/format only', () => {
    expect.hasAssertions();
    expect(hits(PAGES, /[`'"]tel:/, ['src/lib/format.ts'])).toEqual([]);
  });

  it('visually hidden text uses the page-wide .visually-hidden of app.html, never a copy of its rule', () => {
    expect.hasAssertions();
    // The planning grid hides its bars' tooltips until hovered with a rule of its own (not only text for screen readers).
    const planning = ['PlanningNav', 'PlanningFilters', 'PlanningGrid'].map((n) => `src/lib/components/planning/${n}.svelte`);
    expect(hits(PAGES, /clip:\s*rect\(|clip-path:\s*inset\(/, planning)).toEqual([]);
  });

  it('the patterns catch the copies they are meant to catch', () => {
    expect.hasAssertions();
    const samples: [RegExp, string][] = [
      [/86_?400_?000|864e5|setUTCDate|setDate\(/, 'Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000)'],
      [/[\w.)]\s*(>\s*1|===?\s*1|!==?\s*1|<\s*2)\s*\?\s*['`]/, "`${n} nuit${n > 1 ? 's' : ''}`"],
      [/[\w.)]\s*(>\s*1|===?\s*1|!==?\s*1|<\s*2)\s*\?\s*['`]/, "n === 1 ? '1 unit' : `${n} units`"],
      [/currency:\s*'EUR'|toFixed\(2\)/, "new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })"],
      [/clip:\s*rect\(|clip-path:\s*inset\(/, '\t\tclip-path: inset(50%);'],
      [/clip:\s*rect\(|clip-path:\s*inset\(/, '\t\tclip: rect(0 0 0 0);'],
      [/[`'"]tel:/, "<a href={`tel:${phone.replace(/[^\\d+]/g, '')}`}>"],
      [/\[\^\\s@\]\+@/, 'const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;']
    ];
    for (const [pattern, copy] of samples) expect(pattern.test(copy), copy).toBe(true);
  });
});
