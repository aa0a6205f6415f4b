// `npm run dev`: one port, with reloading. Vite runs in middleware mode inside Fastify and serves
// the SvelteKit app with hot reload; tsx watch restarts the process when API or service code changes.
import { createServer, type ViteDevServer } from 'vite';
import { openDatabase, setSharedDb } from '#db/client.ts';
import { serverLockPath } from '#services/backup.ts';
import { readSettings, settings } from '#services/config.ts';
import { startMailer } from '#services/notifications.ts';
import { rmSync, writeFileSync } from 'node:fs';
import { buildApp, type NodeHandler } from './app.ts';

async function main(): Promise<void> {
  // A bad setting stops the start here, naming the variable.
  readSettings();
  const path = settings.databasePath();
  const host = settings.host();
  const port = settings.port();
  const db = openDatabase(path);
  setSharedDb(db, path);
  let vite: ViteDevServer | null = null;
  const web: NodeHandler = (req, res) =>
    vite!.middlewares(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  const app = await buildApp({ db, web, logger: { level: settings.logLevel() } });
  // Hot reload's websocket shares Fastify's HTTP server: one port for everything.
  vite = await createServer({ server: { middlewareMode: true, hmr: { server: app.server } }, appType: 'custom' });
  await app.listen({ host, port });
  // Emails of referral decisions: sent after each commit, and retried here until they go.
  startMailer(db);
  const lock = serverLockPath(path);
  writeFileSync(lock, String(process.pid));
  console.log(`\nHébergement (dev) on http://${host}:${port} — database ${path}; API docs at /api/docs`);
  const stop = async () => {
    await app.close();
    rmSync(lock, { force: true });
    await vite!.close();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
