// The listening entry point: `npm start` (DATABASE_PATH, never seeded) and `npm run demo`
// (a new demo database of the Pays de Lunel, its logins printed).
import { rmSync, writeFileSync } from 'node:fs';
import { openDatabase, setSharedDb } from '#db/client.ts';
import { runningServerPid, serverLockPath } from '#services/backup.ts';
import { readSettings, settings } from '#services/config.ts';
import { startMailer } from '#services/notifications.ts';
import { replicationLog, startReplication } from '#services/replication.ts';
import { startContractHorizon } from '#services/residence/contracts.ts';
import { startRetention } from '#services/retention.ts';
import { startSummaries } from '#services/summary.ts';
import { buildApp } from './app.ts';
import { ensureBuild } from './ensure-build.ts';
import { loadSvelteKitHandler } from './sveltekit.ts';

const demo = process.argv.includes('--demo');

async function main(): Promise<void> {
  // Every setting is checked before anything starts: a bad value stops here, naming the variable.
  readSettings();
  // The demo never touches DATABASE_PATH: a shell that exports the real path must not wipe it.
  if (demo) process.env.DATABASE_PATH = settings.demoDatabasePath();
  const path = settings.databasePath();
  if (demo && runningServerPid(path) !== null) throw new Error(`a server (pid ${runningServerPid(path)}) is using ${path}: stop it first`);
  const host = settings.host();
  const port = settings.port();
  process.env.ORIGIN = settings.origin();

  await ensureBuild();
  if (demo) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const db = openDatabase(path);
  setSharedDb(db, path);
  let logins: string[] = [];
  if (demo) {
    const { seedDemo } = await import('#db/seed/demo.ts');
    logins = await seedDemo(db);
  }

  const web = await loadSvelteKitHandler();
  const app = await buildApp({ db, web, logger: { level: settings.logLevel() } });
  await app.listen({ host, port });
  // Emails of referral decisions: sent after each commit, and retried here until they go.
  startMailer(db);
  // Each subscribed partner organisation's nightly summary of free places, once per night.
  startSummaries(db);
  // Retention (2 years after the last contact), once per operational night; counts only in the log.
  startRetention(db, { info: (msg) => app.log.info(msg), error: (msg) => app.log.error(msg) });
  // The residence's active contracts keep their stays six months ahead of tonight.
  startContractHorizon(db, { info: (msg) => app.log.info(msg), error: (msg) => app.log.error(msg) });
  const lock = serverLockPath(path);
  writeFileSync(lock, String(process.pid));
  // Continuous replication of the database (never of the demo's, new at each start).
  const replicaUrl = demo ? null : settings.replicaUrl();
  const replication = replicaUrl ? startReplication(path, replicaUrl, replicationLog(app.log)) : null;

  const address = settings.origin();
  const smtp = settings.smtpUrl();
  console.log(`\nHébergement is listening on ${address} (database ${path})`);
  console.log(`  API docs: ${address}/api/docs   health: ${address}/api/v1/health`);
  if (replicaUrl) console.log(`  Replica: ${replicaUrl.replace(/\/\/[^@/]*@/, '//…@')} (Litestream, every second; npm run cli -- replica status)`);
  console.log(smtp ? `  Emails: through ${smtp.replace(/\/\/[^@]*@/, '//…@')}` : '  Emails: none (SMTP_URL is not set)');
  if (demo) {
    console.log('\nDemo logins (the demo database is new at each start):');
    for (const line of logins) console.log(`  ${line}`);
  }

  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    // Litestream syncs what it has, then stops, before the database closes.
    await replication?.stop();
    rmSync(lock, { force: true });
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
