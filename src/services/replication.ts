// Continuous replication of the SQLite file with Litestream 0.3.13, whose binary comes from npm
// (@flydotio/litestream-linux-x64, the Linux x64 package of @flydotio/litestream, an optional
// dependency; on another platform a `litestream` on the PATH is used): when REPLICA_URL is set, the server runs `litestream replicate` beside it,
// which copies each committed WAL frame to the replica within a second (a file folder or an
// S3-compatible bucket). The replica is restored with `litestream restore` (the restore drill), and
// its lag read with `litestream generations` (`cli replica status`).
//
// Litestream never outlives the server: it runs under a small shell that waits on a pipe from the
// server and stops Litestream when the pipe closes, which happens however the server ends (even by
// SIGKILL). While it runs, its pid is written beside the database, and `cli restore` refuses.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { livePidIn } from './pid-files.ts';

const run = promisify(execFile);

/**
 * The Litestream binary: this platform's npm package, else `litestream` on the PATH; a clear error
 * when neither is there.
 */
export function litestreamBinary(): string {
  const pkg = `@flydotio/litestream-${process.platform}-${process.arch}`;
  try {
    const dir = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    const bin = join(dir, 'litestream');
    if (existsSync(bin)) return bin;
  } catch {
    // Not installed for this platform: look on the PATH.
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'litestream'))) return join(dir, 'litestream');
  }
  throw new Error(`Litestream is not installed: npm install brings it on Linux x64 (${pkg}); elsewhere install Litestream 0.3 on the PATH`);
}

/** The replica URL Litestream is given, and the S3-compatible endpoint taken out of its query, if any. */
function splitReplicaUrl(replicaUrl: string): { url: string; endpoint: string | null } {
  const u = new URL(replicaUrl);
  const endpoint = u.searchParams.get('endpoint');
  u.searchParams.delete('endpoint');
  return { url: u.toString().replace(/\?$/, ''), endpoint };
}

/**
 * The Litestream configuration for one database and its replica: the WAL looked at and its new
 * pages shipped every 200 ms (Litestream's defaults, a second each, let the replica fall up to two
 * seconds behind under a storm of placements; at 200 ms it stayed under 0.6 s), a snapshot a day, a
 * week of snapshots and WAL kept (deploy/litestream.yml is the same, documented). Shipping only
 * happens when the WAL has changed, so a quiet night costs nothing more.
 */
export function litestreamConfig(databasePath: string, replicaUrl: string): string {
  const { url, endpoint } = splitReplicaUrl(replicaUrl);
  const lines = [
    'dbs:',
    `  - path: ${JSON.stringify(resolve(databasePath))}`,
    '    monitor-interval: 200ms',
    '    replicas:',
    `      - url: ${JSON.stringify(url)}`,
    '        sync-interval: 200ms',
    '        snapshot-interval: 24h',
    '        retention: 168h'
  ];
  if (endpoint) lines.push(`        endpoint: ${JSON.stringify(endpoint)}`, '        force-path-style: true');
  return `${lines.join('\n')}\n`;
}

/** Where the configuration for a database is written (beside it). */
export function litestreamConfigPath(databasePath: string): string {
  return `${resolve(databasePath)}.litestream.yml`;
}

/** The file holding the pid of the replication running for a database. */
export function replicationLockPath(databasePath: string): string {
  return `${resolve(databasePath)}.replica-pid`;
}

/** The pid of a replication running for the database, or null. */
export function runningReplicationPid(databasePath: string): number | null {
  return livePidIn(replicationLockPath(databasePath));
}

function writeConfig(databasePath: string, replicaUrl: string): string {
  const path = litestreamConfigPath(databasePath);
  writeFileSync(path, litestreamConfig(databasePath, replicaUrl), { mode: 0o600 });
  return path;
}

export interface Replication {
  child: ChildProcess;
  /** Stops Litestream (it syncs what it has first) and resolves once it has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts replicating the database to `replicaUrl`. Litestream's own log lines (positions, no data)
 * go to `log`; credentials for S3 come from the environment (LITESTREAM_ACCESS_KEY_ID…).
 */
export function startReplication(databasePath: string, replicaUrl: string, log: (line: string) => void = () => {}): Replication {
  const config = writeConfig(databasePath, replicaUrl);
  const bin = litestreamBinary();
  // The shell starts Litestream in the background and reads its standard input, a pipe from this
  // process: when this process ends, however it ends, the read returns and Litestream is stopped.
  const script = `"$0" replicate -config "$1" & p=$!; trap 'kill -TERM $p 2>/dev/null' TERM INT; read _; kill -TERM $p 2>/dev/null; wait $p`;
  const child = spawn('/bin/sh', ['-c', script, bin, config], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lock = replicationLockPath(databasePath);
  writeFileSync(lock, String(child.pid));
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) log(line);
    });
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => rmSync(lock, { force: true }));
  return {
    child,
    stop: async () => {
      child.stdin!.end();
      await exited;
    }
  };
}

export interface ReplicaGeneration {
  replica: string;
  generation: string;
  /** How far the replica is behind the database, as Litestream says it (e.g. "812ms", "2s"). */
  lag: string;
  start: string;
  end: string;
}

/** The replica's generations and lag (`litestream generations`); empty when nothing was replicated yet. */
export async function replicaStatus(databasePath: string, replicaUrl: string): Promise<ReplicaGeneration[]> {
  const config = writeConfig(databasePath, replicaUrl);
  const { stdout } = await run(litestreamBinary(), ['generations', '-config', config, resolve(databasePath)]);
  return stdout
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5)
    .map(([replica, generation, lag, start, end]) => ({ replica, generation, lag, start, end }));
}

/** Restores the latest state of the replica into `outputPath` (a new file); throws when there is nothing to restore. */
export async function restoreReplica(replicaUrl: string, outputPath: string): Promise<void> {
  if (existsSync(outputPath)) throw new Error(`${outputPath} already exists: restore into a new file`);
  const { url } = splitReplicaUrl(replicaUrl);
  const { endpoint } = splitReplicaUrl(replicaUrl);
  if (endpoint) {
    // An S3-compatible endpoint needs the configuration file form.
    const config = `${resolve(outputPath)}.litestream.yml`;
    writeFileSync(config, litestreamConfig(outputPath, replicaUrl), { mode: 0o600 });
    try {
      await run(litestreamBinary(), ['restore', '-config', config, '-o', resolve(outputPath), resolve(outputPath)]);
    } finally {
      rmSync(config, { force: true });
    }
  } else {
    await run(litestreamBinary(), ['restore', '-o', resolve(outputPath), url]);
  }
  if (!existsSync(outputPath)) throw new Error(`the replica at ${url} held nothing to restore`);
}

/** Litestream's lines into the server's log: errors as errors, the rest at debug (positions and timings only). */
export function replicationLog(log: { error: (o: object, msg: string) => void; debug: (o: object, msg: string) => void }): (line: string) => void {
  return (line) => {
    if (/level=(ERROR|WARN)/.test(line)) log.error({ litestream: line }, 'replication');
    else log.debug({ litestream: line }, 'replication');
  };
}
