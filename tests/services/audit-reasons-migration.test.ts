// The migration that puts the audit log's free text beside it: reasons already written move to
// audit_reasons, the entries keep `true` in their place, and the log is append-only again after.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';

const RETENTION_MIGRATION = 12;
let dir: string;

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder as it was before the retention migration. */
function migrationsBefore(): string {
  const folder = join(dir, 'migrations');
  cpSync(join(process.cwd(), 'db/migrations'), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < RETENTION_MIGRATION);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('migrating an audit log written before audit_reasons', () => {
  it('moves every text reason and override reason to audit_reasons, keeps the rest, and keeps the log append-only', () => {
    expect.hasAssertions();
    dir = mkdtempSync(join(tmpdir(), 'hebergement-migration-'));
    const path = join(dir, 'old.sqlite');
    const old = openDatabase(path, { migrationsFolder: migrationsBefore() });
    const insert = old.$client.prepare(`INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail) VALUES (1, NULL, ?, 'household', 'h', NULL, ?)`);
    const details = [
      JSON.stringify({ reason: 'Appel de la gendarmerie pour Mme Zorglub' }),
      JSON.stringify({ from: 'received', reason: 'hors secteur' }),
      JSON.stringify({ previousEnd: '2027-03-13', end: '2027-03-15', overrideReason: 'sortie d’hôpital' }),
      JSON.stringify({ reason: null, n: 3 }),
      JSON.stringify({ unitId: 'u1' }),
      null
    ];
    details.forEach((d, i) => insert.run(`test.${i}`, d));
    old.$client.close();

    const db = openDatabase(path, { migrationsFolder: join(process.cwd(), 'db/migrations') });
    const rows = db.$client.prepare('SELECT id, detail FROM audit_entries ORDER BY id').all() as { id: number; detail: string | null }[];
    expect(rows.map((r) => (r.detail === null ? null : JSON.parse(r.detail)))).toEqual([
      { reason: true },
      { from: 'received', reason: true },
      { previousEnd: '2027-03-13', end: '2027-03-15', overrideReason: true },
      { reason: null, n: 3 },
      { unitId: 'u1' },
      null
    ]);
    expect(db.$client.prepare('SELECT audit_id AS id, key, text FROM audit_reasons ORDER BY audit_id').all()).toEqual([
      { id: rows[0].id, key: 'reason', text: 'Appel de la gendarmerie pour Mme Zorglub' },
      { id: rows[1].id, key: 'reason', text: 'hors secteur' },
      { id: rows[2].id, key: 'overrideReason', text: 'sortie d’hôpital' }
    ]);
    expect(() => db.$client.prepare('UPDATE audit_entries SET detail = NULL').run()).toThrow(/append-only/);
    expect(() => db.$client.prepare('DELETE FROM audit_entries').run()).toThrow(/append-only/);
    db.$client.close();
  });
});
