// The API server for the HTTP benches: the real buildApp (API only, no web) over a given SQLite
// file opened by openDatabase with the given synchronous mode. Prints "LISTENING <port> <pid>".
// Usage: tsx bench/server.ts <db path> [FULL|NORMAL]
// With BENCH_STATS_FILE=<file>, the group commit's counts are written there when it stops.
// With BENCH_CPU_PROFILE=<file>, a V8 CPU profile of the whole run is written there when it stops
// (node's --cpu-prof is not allowed in NODE_OPTIONS, and tsx runs the script in a child process).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/client.ts';
import { buildApp } from '../src/http/app.ts';
import { groupStats } from '../src/services/transaction.ts';

const [path, mode = 'FULL'] = process.argv.slice(2);
if (!path || (mode !== 'FULL' && mode !== 'NORMAL')) {
  console.error('usage: tsx bench/server.ts <db path> [FULL|NORMAL]');
  process.exit(2);
}
const db = openDatabase(path, { synchronous: mode });
const app = await buildApp({ db });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;
// Profiled from the first request on (not the start-up).
const profileFile = process.env.BENCH_CPU_PROFILE;
const profiler = profileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 250 });
  await profiler.post('Profiler.start');
}
const stop = () => {
  void app.close().finally(async () => {
    if (profiler && profileFile) {
      const { profile } = await profiler.post('Profiler.stop');
      mkdirSync(dirname(profileFile), { recursive: true });
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    // How many transactions the grouped placements took (group commit), for the bench's table.
    if (process.env.BENCH_STATS_FILE) writeFileSync(process.env.BENCH_STATS_FILE, JSON.stringify(groupStats(db)));
    db.$client.close();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
console.log(`LISTENING ${port} ${process.pid}`);
