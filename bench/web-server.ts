// The whole service for the page benches: the real buildApp with the SvelteKit build mounted, over
// a given SQLite file opened by openDatabase with the given synchronous mode and shared with the
// pages. Prints "LISTENING <port> <pid>". Needs build/ (npm run build).
// Usage: tsx bench/web-server.ts <db path> [FULL|NORMAL]
import { createServer } from 'node:net';
import { openDatabase, setSharedDb } from '../db/client.ts';
import { buildApp } from '../src/http/app.ts';
import { loadSvelteKitHandler } from '../src/http/sveltekit.ts';
import { getPlanning } from '../src/services/planning.ts';
import type { Actor } from '../src/services/actor.ts';
import { planningTableHtml } from './planning-html.ts';

const [path, mode = 'FULL'] = process.argv.slice(2);
if (!path || (mode !== 'FULL' && mode !== 'NORMAL')) {
  console.error('usage: tsx bench/web-server.ts <db path> [FULL|NORMAL]');
  process.exit(2);
}

/** A port the system says is free now: ORIGIN must name it before the handler is imported. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const port = await freePort();
// adapter-node reads ORIGIN when its handler is imported (form posts are refused otherwise); the
// the hook's getDb() hands pages (locals.db) the connection set below (DATABASE_PATH names the same file, for anything else).
process.env.ORIGIN = `http://127.0.0.1:${port}`;
process.env.DATABASE_PATH = path;
const db = openDatabase(path, { synchronous: mode });
setSharedDb(db, path);
const web = await loadSvelteKitHandler();
const app = await buildApp({ db, web });
// The yardstick beside /planning: the same service answer as the same table, written as one template
// string (bench/planning-html.ts) in a bare document, for the bench's duty officer (no session, no layout).
let benchActor: Actor | null = null;
app.get('/bench/planning-table', (_req, reply) => {
  benchActor ??= { accountId: db.$client.prepare("SELECT id FROM accounts WHERE role = 'duty_officer' ORDER BY created_at DESC LIMIT 1").pluck().get() as string, role: 'duty_officer', organisationId: null };
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Planning</title></head><body>${planningTableHtml(getPlanning(db, benchActor), 'fr')}</body></html>`;
  return reply.type('text/html; charset=utf-8').send(html);
});
await app.listen({ host: '127.0.0.1', port });
const stop = () => {
  void app.close().finally(() => {
    db.$client.close();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
console.log(`LISTENING ${port} ${process.pid}`);
