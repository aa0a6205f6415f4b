// The floor under a 304: a bare node:http server (no framework, no token, no database, no rate
// limit) answering every request 304 with the headers given in BENCH_304_HEADERS (JSON: those the
// real server sends with its 304). What a 304 costs in server CPU here and cannot cost less in Node:
// parsing the request, writing the head to the socket. Prints "LISTENING <port> <pid>".
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const headers = JSON.parse(process.env.BENCH_304_HEADERS ?? '{}') as OutgoingHttpHeaders;
const server = createServer((req, res) => {
  res.writeHead(304, headers);
  res.end();
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${(server.address() as AddressInfo).port} ${process.pid}`));
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
