// Loaded before a server process (node --import) by the tests that read the server's own
// connection: on SIGUSR2 it prints the pragmas of the process's shared connection (the one the
// server opened and gave to setSharedDb) as one line "PRAGMAS {json}".
const SHARED = Symbol.for('hebergement.db');

process.on('SIGUSR2', () => {
  const shared = (globalThis as unknown as Record<symbol, { db: { $client: { pragma: (p: string, o: { simple: true }) => unknown } } } | undefined>)[SHARED];
  const client = shared?.db.$client;
  const pragmas = client
    ? {
        synchronous: client.pragma('synchronous', { simple: true }),
        journal_mode: client.pragma('journal_mode', { simple: true }),
        foreign_keys: client.pragma('foreign_keys', { simple: true })
      }
    : null;
  console.log(`PRAGMAS ${JSON.stringify(pragmas)}`);
});
