// The restore drill: the replica (REPLICA_URL) is restored into a new file, checked, and the service
// is started on it as `npm start` would start it, then asked for its health; what the restored
// database holds is printed as counts. Nothing of the live database is touched: this is how the
// CIAS checks, before the day it needs it, that the replica can stand in for a lost disk.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkIntegrity } from '#services/backup.ts';
import { restoreReplica } from '#services/replication.ts';

export interface DrillResult {
  file: string;
  /** Restored stays by status, and the newest stay's creation time (epoch ms, null when none). */
  stays: Record<string, number>;
  households: number;
  newestStayAt: number | null;
  /** The service's health answer on the restored file. */
  health: number;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Counts only: no row of a household leaves the restored file. */
function countsOf(file: string): Pick<DrillResult, 'stays' | 'households' | 'newestStayAt'> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const stays = Object.fromEntries(
      (db.prepare('SELECT status, count(*) AS n FROM stays GROUP BY status ORDER BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n])
    );
    const households = db.prepare('SELECT count(*) FROM households').pluck().get() as number;
    const newestStayAt = db.prepare('SELECT max(created_at) FROM stays').pluck().get() as number | null;
    return { stays, households, newestStayAt };
  } finally {
    db.close();
  }
}

/**
 * Restores the replica into `into` (default: a new temporary folder), checks its integrity, starts
 * the service on it (src/http/start.ts, its own port, no replication of its own), waits for its
 * health, stops it, and returns what it found. Throws with the reason when any step fails.
 */
export async function restoreDrill(replicaUrl: string, options: { into?: string; progress?: (line: string) => void } = {}): Promise<DrillResult> {
  const say = options.progress ?? (() => {});
  const file = options.into ?? join(mkdtempSync(join(tmpdir(), 'hebergement-drill-')), 'restored.sqlite');
  say(`Restoring the replica into ${file}…`);
  await restoreReplica(replicaUrl, file);
  const problems = checkIntegrity(file);
  if (problems.length) throw new Error(`the restored database failed its integrity check: ${problems.join('; ')}`);
  say('Integrity ok. Starting the service on the restored file…');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: file, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, REPLICA_URL: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/http/start.ts'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let health = 0;
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the service stopped on the restored file (exit ${child.exitCode}): ${output.trim().split('\n').slice(-3).join(' / ')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        health = res.status;
        if (health === 200) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (health !== 200) throw new Error(`the service on the restored file did not answer its health check in time (last: ${health || 'no answer'})`);
    say(`The service answered its health check on port ${port}.`);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
  return { file, ...countsOf(file), health };
}
