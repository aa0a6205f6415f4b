// The migration that brings the social residence rebuilds the accounts table (its role check now
// admits residence_officer) and adds checked columns to stays and units. Checked on a database
// migrated up to the migration before it, filled with rows that point at accounts, then migrated
// to the end: nothing is lost, every key and trigger still holds.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';

const MIGRATIONS = join(process.cwd(), 'db/migrations');
const TAG = '0016_residence';

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
  return folder;
}

describe(`migration ${TAG}`, () => {
  it('keeps every account and every row pointing at one; keys, checks and the overlap triggers still hold', () => {
    const path = join(dir, 'old.sqlite');
    const old = openDatabase(path, { migrationsFolder: migrationsBefore(TAG) });
    const run = (sql: string, ...args: unknown[]) => old.$client.prepare(sql).run(...args);
    run(`INSERT INTO organisations (id, name) VALUES ('org', 'Gendarmerie')`);
    run(`INSERT INTO accounts (id, name, email, role) VALUES ('acc', 'Admin', 'a@x.fr', 'admin')`);
    run(`INSERT INTO accounts (id, name, email, role, organisation_id) VALUES ('part', 'Partenaire', 'p@x.fr', 'partner', 'org')`);
    run(`INSERT INTO sessions (digest, account_id, created_at, last_seen_at) VALUES ('d1', 'acc', 1, 1)`);
    run(`INSERT INTO sites (id, name, commune, address) VALUES ('site', 'Foyer', 'Lunel', '1 rue')`);
    run(`INSERT INTO units (id, seq, site_id, name, capacity, programmes) VALUES ('unit', 1, 'site', 'T3', 4, '["emergency"]')`);
    run(`INSERT INTO households (id, label, pseudonym, adults, children) VALUES ('h', 'M. Test', 'Ménage TTTT', 1, 0)`);
    run(
      `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by) VALUES ('s1', 'unit', 'h', 'emergency', '2026-01-01', '2026-01-05', 'confirmed', 'acc')`
    );
    old.$client.close();

    const db = openDatabase(path);
    const sqlite = db.$client;
    const all = (sql: string) => sqlite.prepare(sql).all();
    expect(all(`SELECT id, role, organisation_id FROM accounts ORDER BY id`)).toEqual([
      { id: 'acc', role: 'admin', organisation_id: null },
      { id: 'part', role: 'partner', organisation_id: 'org' }
    ]);
    expect(all(`SELECT account_id FROM sessions`)).toEqual([{ account_id: 'acc' }]);
    expect(all(`SELECT id, created_by, destination FROM stays`)).toEqual([{ id: 's1', created_by: 'acc', destination: null }]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(all(`PRAGMA foreign_key_check`)).toEqual([]);

    // The new role is admitted, a made-up one is not, and the partner rule still holds.
    sqlite.prepare(`INSERT INTO accounts (id, name, role) VALUES ('res', 'Résidence', 'residence_officer')`).run();
    expect(() => sqlite.prepare(`INSERT INTO accounts (id, name, role) VALUES ('bad', 'X', 'janitor')`).run()).toThrow(/CHECK constraint failed/);
    expect(() => sqlite.prepare(`INSERT INTO accounts (id, name, role) VALUES ('bad', 'X', 'partner')`).run()).toThrow(/CHECK constraint failed/);
    // Keys to accounts are still enforced after the rebuild.
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by) VALUES ('s2', 'unit', 'h', 'emergency', '2026-02-01', '2026-02-03', 'confirmed', 'nobody')`
        )
        .run()
    ).toThrow(/FOREIGN KEY constraint failed/);
    // The overlap trigger on stays survived (the columns were added, the table not rebuilt).
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, created_by) VALUES ('s3', 'unit', 'h', 'emergency', '2026-01-03', '2026-01-07', 'confirmed', 'acc')`
        )
        .run()
    ).toThrow(/overlap/i);
    // The new columns carry their closed lists.
    expect(() => sqlite.prepare(`UPDATE stays SET destination = 'moon' WHERE id = 's1'`).run()).toThrow(/CHECK constraint failed/);
    sqlite.prepare(`UPDATE stays SET destination = 'social_housing' WHERE id = 's1'`).run();
    expect(() => sqlite.prepare(`UPDATE units SET reserved_for = 'retirees' WHERE id = 'unit'`).run()).toThrow(/CHECK constraint failed/);
    sqlite.prepare(`UPDATE units SET reserved_for = 'young_worker' WHERE id = 'unit'`).run();
    sqlite.close();
  });
});
