// The journal filters by every kind of object the services write to the audit log: the kinds are
// read here from the source itself (every `audit(…)` call's entity, through the TypeScript parser),
// so a service that starts writing a new kind without adding it to the one list fails here, naming
// the file and line; and every kind of the list has its French and English name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ENTITIES } from '../../src/domain/audit-entities.ts';
import { messages } from '../../src/lib/i18n/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...tsFilesUnder(rel));
    else if (name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

interface Write {
  where: string;
  /** The entity written, or the expression's text when it is not a string literal. */
  entity: string;
  literal: boolean;
}

/** Every audit write under `dirs`: calls of `audit(tx, actor, action, entity, …)` and direct `insertAuditEntry(db, { entity })`. */
function auditWrites(dirs: string[]): Write[] {
  const writes: Write[] = [];
  for (const file of dirs.flatMap(tsFilesUnder)) {
    const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${file.split(path.sep).join('/')}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        let arg: ts.Expression | undefined;
        if (n.expression.text === 'audit') arg = n.arguments[3];
        if (n.expression.text === 'insertAuditEntry' && n.arguments[1] && ts.isObjectLiteralExpression(n.arguments[1])) {
          const prop = n.arguments[1].properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'entity');
          // `{ entity }` passed through from audit()'s own parameter: that one is typed by the list.
          if (prop && ts.isPropertyAssignment(prop)) arg = prop.initializer;
        }
        if (arg) writes.push(ts.isStringLiteralLike(arg) ? { where: where(n), entity: arg.text, literal: true } : { where: where(n), entity: arg.getText(), literal: false });
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return writes;
}

const writes = auditWrites(['src', 'db']);

describe('the kinds of object in the audit log', () => {
  it('the source writes audit entries (the reader finds them)', () => {
    expect.hasAssertions();
    expect(writes.length).toBeGreaterThan(50);
  });

  it('every kind a service writes is in the journal’s filter list', () => {
    expect.hasAssertions();
    const listed = new Set<string>(AUDIT_ENTITIES);
    expect(writes.filter((w) => w.literal && !listed.has(w.entity)).map((w) => `${w.where}: '${w.entity}'`)).toEqual([]);
    // A kind computed at the call cannot be checked here: write it as a literal.
    expect(writes.filter((w) => !w.literal).map((w) => `${w.where}: ${w.entity}`)).toEqual([]);
  });

  it('every kind of the list is written by some service (no filter that finds nothing)', () => {
    expect.hasAssertions();
    const written = new Set(writes.map((w) => w.entity));
    expect(AUDIT_ENTITIES.filter((e) => !written.has(e))).toEqual([]);
  });

  it.each(['fr', 'en'] as const)('every kind has its name in %s', (locale) => {
    expect.hasAssertions();
    const names = messages(locale).admin.audit.entities as Record<string, string>;
    expect(Object.keys(names).sort()).toEqual([...AUDIT_ENTITIES].sort());
    expect(Object.values(names).every((n) => n.trim().length > 0)).toBe(true);
  });
});
