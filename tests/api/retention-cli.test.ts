// `npm run cli -- retention run [--dry-run] [--today YYYY-MM-DD]`, run for real as a subprocess:
// a dry run prints counts and changes nothing; --today rehearses on a copy; a bad date is refused.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { setClock } from '../../src/services/clock.ts';
import { makeWorld } from '../services/helpers.ts';
import { buildScenario, everyTableAsText, RUN_TODAY } from '../services/retention-scenario.ts';
import { makeTestDb } from '../support/fixtures.ts';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = join(process.cwd(), 'src/cli/main.ts');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(databasePath: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: process.cwd(), env: { ...process.env, DATABASE_PATH: databasePath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every table of a database file, read without migrating or changing it. */
function tables(path: string): Record<string, string> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return everyTableAsText(db);
  } finally {
    db.close();
  }
}

const labels = (path: string) => tables(path).households;

let dir: string;
let original: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hebergement-retention-cli-'));
  const w = makeWorld();
  buildScenario(w.db, w.actors);
  setClock(null);
  w.db.$client.close();
  original = join(dir, 'live.sqlite');
  copyFileSync(w.path, original);
  w.cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('retention run', () => {
  test('--dry-run --today prints what it would change, by count, and changes nothing', async () => {
    expect.hasAssertions();
    const before = tables(original);
    const r = await cli(original, ['retention', 'run', '--dry-run', '--today', RUN_TODAY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Retention on ${RUN_TODAY} (last contact before 2025-03-01): would pseudonymise 2 household(s)`);
    expect(r.stdout).toMatch(/referrals erased: \d+; applicants: \d+; unmet demand notes: \d+; audit reasons dropped: \d+; remembered referrer contacts: \d+\./);
    expect(r.stdout).toContain('Dry run: nothing was changed.');
    // Counts only: no name, no id.
    expect(r.stdout).not.toMatch(/Oldroyd|Lapsedname|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(tables(original)).toEqual(before);
  });

  test('--today on a copy pseudonymises the copy, not the original', async () => {
    expect.hasAssertions();
    const copy = join(dir, 'rehearsal.sqlite');
    copyFileSync(original, copy);
    const r = await cli(copy, ['retention', 'run', '--today', RUN_TODAY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pseudonymised 2 household(s)');
    expect(r.stdout).not.toContain('Dry run');
    expect(labels(copy)).not.toContain('Oldroyd');
    expect(labels(copy)).toContain('Youngblood');
    expect(labels(original)).toContain('Oldroyd');
    // A rehearsal before anything is two years old finds nothing.
    const early = await cli(copy, ['retention', 'run', '--dry-run', '--today', '2026-01-01']);
    expect(early.stdout).toContain('would pseudonymise 0 household(s)');
  });

  test.each(['2027-02-30', 'demain'])('--today %j is refused with a clear message and a non-zero exit, before any database is made', async (today) => {
    expect.hasAssertions();
    const path = join(dir, `never-${today.replace(/\W/g, '_') || 'empty'}.sqlite`);
    const r = await cli(path, ['retention', 'run', '--today', today]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--today must be a real date written YYYY-MM-DD');
    expect(existsSync(path)).toBe(false);
  });
});

describe('retention run --dry-run on the demo database', () => {
  let demo: string;
  beforeAll(async () => {
    const t = makeTestDb({ synchronous: 'FULL' });
    await seedDemo(t.db);
    t.db.$client.close();
    demo = join(dir, 'demo.sqlite');
    copyFileSync(t.path, demo);
    t.cleanup();
  });

  test('prints the counts it would forget today', async () => {
    expect.hasAssertions();
    const before = tables(demo);
    const r = await cli(demo, ['retention', 'run', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Retention on \d{4}-\d{2}-\d{2} \(last contact before \d{4}-\d{2}-\d{2}\): would pseudonymise \d+ household\(s\); stays with notes erased: \d+; referrals erased: \d+; applicants: \d+; unmet demand notes: \d+; audit reasons dropped: \d+; remembered referrer contacts: \d+\.$/m);
    expect(tables(demo)).toEqual(before);
  });
});
