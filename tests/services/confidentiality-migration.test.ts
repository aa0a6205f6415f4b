// The migration that makes confidentiality follow the household also makes every household that
// already has a stay under dv_protocol or on a confidential site confidential, and its applicants
// carry its pseudonym. Checked on a database migrated up to the migration before it, filled with
// raw rows, then migrated to the end.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';

const MIGRATIONS = join(process.cwd(), 'db/migrations');
const TAG = '0010_confidentiality_follows_household';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hebergement-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A migrations folder holding every migration before `tag` (the journal cut there). */
function migrationsBefore(tag: string): string {
  const folder = join(dir, 'before');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, cut);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(MIGRATIONS, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  expect(readdirSync(folder).filter((f) => f.endsWith('.sql'))).toHaveLength(entries.length);
  return folder;
}

describe(`migration ${TAG}`, () => {
  it('makes every household with a past stay under dv_protocol or on a confidential site confidential; its applicants follow', () => {
    expect.hasAssertions();
    const path = join(dir, 'old.sqlite');
    const old = openDatabase(path, { migrationsFolder: migrationsBefore(TAG) });
    const run = (sql: string, ...args: unknown[]) => old.$client.prepare(sql).run(...args);
    run(`INSERT INTO accounts (id, name, role) VALUES ('acc', 'Admin', 'admin')`);
    run(`INSERT INTO sites (id, name, commune, address, confidential) VALUES ('open-site', 'Foyer', 'Lunel', '1 rue', 0), ('hidden-site', 'Maison', 'Lunel', '2 rue', 1)`);
    run(`INSERT INTO units (id, seq, site_id, name, capacity, programmes) VALUES ('open-unit', 1, 'open-site', 'T3', 4, '["emergency","dv_protocol"]'), ('hidden-unit', 2, 'hidden-site', 'T2', 4, '["emergency"]')`);
    const household = (id: string, label: string, pseudonym: string) =>
      run(`INSERT INTO households (id, label, pseudonym, adults, children, confidential) VALUES (?, ?, ?, 1, 0, 0)`, id, label, pseudonym);
    household('dv', 'Mme Anna Dv', 'Ménage AAAA');
    household('hidden', 'Mme Bea Hidden', 'Ménage BBBB');
    household('plain', 'M. Carl Plain', 'Ménage CCCC');
    const stay = (id: string, unit: string, householdId: string, programme: string, start: string, status = 'ended') =>
      run(
        `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by) VALUES (?, ?, ?, ?, ?, date(?, '+2 days'), ?, 'acc')`,
        id,
        unit,
        householdId,
        programme,
        start,
        start,
        status
      );
    stay('s1', 'open-unit', 'dv', 'emergency', '2026-01-01');
    stay('s2', 'open-unit', 'dv', 'dv_protocol', '2026-02-01', 'cancelled');
    stay('s3', 'hidden-unit', 'hidden', 'emergency', '2026-01-01');
    stay('s4', 'open-unit', 'plain', 'emergency', '2026-03-01');
    const applicant = (id: string, householdId: string, label: string) =>
      run(
        `INSERT INTO applicants (id, household_id, label, persons, max_rent_cents, yearly_income_cents, needed_from, waiting_since, situation) VALUES (?, ?, ?, 1, 50000, 1000000, '2026-04-01', '2026-01-01', 'elsewhere')`,
        id,
        householdId,
        label
      );
    applicant('a-dv', 'dv', 'Mme Anna Dv');
    applicant('a-plain', 'plain', 'M. Carl Plain');
    // Before the migration, nothing is confidential: the defect the migration repairs.
    expect(old.$client.prepare('SELECT count(*) FROM households WHERE confidential = 1').pluck().get()).toBe(0);
    old.$client.close();

    const db = openDatabase(path, { migrationsFolder: MIGRATIONS });
    const confidential = Object.fromEntries((db.$client.prepare('SELECT id, confidential FROM households').all() as { id: string; confidential: number }[]).map((r) => [r.id, r.confidential]));
    expect(confidential).toEqual({ dv: 1, hidden: 1, plain: 0 });
    const labels = Object.fromEntries((db.$client.prepare('SELECT id, label FROM applicants').all() as { id: string; label: string }[]).map((r) => [r.id, r.label]));
    expect(labels).toEqual({ 'a-dv': 'Ménage AAAA', 'a-plain': 'M. Carl Plain' });
    const marks = db.$client.prepare(`SELECT entity_id AS id, detail FROM audit_entries WHERE action = 'household.confidential' ORDER BY entity_id`).all() as { id: string; detail: string }[];
    expect(marks.map((m) => [m.id, JSON.parse(m.detail)])).toEqual([
      ['dv', { cause: 'existing_stay', by: 'migration' }],
      ['hidden', { cause: 'existing_stay', by: 'migration' }]
    ]);
    expect(JSON.stringify(marks)).not.toMatch(/Anna|Bea/);
    db.$client.close();
  });
});
