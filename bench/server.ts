// The API server for the HTTP benches: the real buildApp (API only, no web) over a given SQLite
// file opened by openDatabase with the given synchronous mode. Prints "LISTENING <port> <pid>".
// Usage: tsx bench/server.ts <db path> [FULL|NORMAL]
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/client.ts';
import { buildApp } from '../src/http/app.ts';

const [path, mode = 'FULL'] = process.argv.slice(2);
if (!path || (mode !== 'FULL' && mode !== 'NORMAL')) {
  console.error('usage: tsx bench/server.ts <db path> [FULL|NORMAL]');
  process.exit(2);
}
const db = openDatabase(path, { synchronous: mode });
const app = await buildApp({ db });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;
const stop = () => {
  void app.close().finally(() => {
    db.$client.close();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
console.log(`LISTENING ${port} ${process.pid}`);
