// The server CPU one page costs, in one process and without the network: the whole service (buildApp
// with the SvelteKit build) answers N requests one after another through Fastify's inject, and the
// process's CPU time (user + system) is divided by N. Sequential and single-threaded, so it is far
// less swayed by other processes on the machine than latencies under load are (a shared core still
// slows it somewhat: say the load with the figures). Needs build/ and the web bench's database
// (made by `npm run bench -- --only web`).
// Usage: tsx bench/page-cpu.ts [path ...]   (default: /planning and the yardstick /bench/planning-table)
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { openDatabase, setSharedDb } from '../db/client.ts';
import { insertSession } from '../db/queries/sessions.ts';
import { buildApp } from '../src/http/app.ts';
import { loadSvelteKitHandler } from '../src/http/sveltekit.ts';
import { nowMs } from '../src/services/clock.ts';
import { getPlanning } from '../src/services/planning.ts';
import { SESSION_COOKIE } from '../src/services/sessions.ts';
import { planningTableHtml } from './planning-html.ts';

const DB = 'bench/out/web-pages-100u.sqlite';
if (!existsSync(DB)) {
  console.error(`${DB} is missing: run \`npm run bench -- --only web\` once first`);
  process.exit(2);
}
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/planning', '/bench/planning-table'];
const N = Number(process.env.PAGES ?? 400);

process.env.DATABASE_PATH = DB;
const db = openDatabase(DB, { synchronous: 'NORMAL' });
setSharedDb(db, DB);
const account = db.$client.prepare("SELECT id FROM accounts WHERE role = 'duty_officer' AND email IS NOT NULL ORDER BY created_at DESC LIMIT 1").pluck().get() as string;
const token = randomBytes(32).toString('base64url');
insertSession(db, createHash('sha256').update(token, 'utf8').digest('hex'), account, nowMs());
const cookie = `${SESSION_COOKIE}=${token}`;

const app = await buildApp({ db, web: await loadSvelteKitHandler() });
const actor = { accountId: account, role: 'duty_officer' as const, organisationId: null };
app.get('/bench/planning-table', (_req, reply) =>
  reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Planning</title></head><body>${planningTableHtml(getPlanning(db, actor), 'fr')}</body></html>`)
);
await app.ready();

for (const path of paths) {
  const get = () => app.inject({ method: 'GET', url: path, headers: { cookie, accept: 'text/html' } });
  const first = await get();
  if (first.statusCode !== 200) throw new Error(`${path} answered ${first.statusCode}`);
  for (let i = 0; i < 50; i++) await get(); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await get();
    const c = process.cpuUsage(c0);
    runs.push((c.user + c.system) / 1000 / N);
  }
  runs.sort((a, b) => a - b);
  console.log(`${path}: ${first.body.length} bytes; server CPU per page over ${N} sequential pages, 3 runs: best ${runs[0].toFixed(2)} ms, median ${runs[1].toFixed(2)} ms`);
}
await app.close();
db.$client.close();
