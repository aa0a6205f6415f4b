// A minimal server process for tests that kill it: the real API (buildApp) over the real
// database file (openDatabase: WAL, synchronous=FULL), without the web build.
// Env: DATABASE_PATH (required), PORT (default 0: any free port), REPLICA_URL (optional: Litestream
// replicates the file there). Prints "LISTENING <port>".
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { startReplication } from '../../src/services/replication.ts';

const path = process.env.DATABASE_PATH;
if (!path) {
  console.error('DATABASE_PATH is required');
  process.exit(2);
}
const db = openDatabase(path);
// Replication as `npm start` runs it, when the test asks for it.
if (process.env.REPLICA_URL) startReplication(path, process.env.REPLICA_URL);
const app = await buildApp({ db });
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const { port } = app.server.address() as AddressInfo;
console.log(`LISTENING ${port}`);
