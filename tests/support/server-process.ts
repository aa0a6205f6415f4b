// Runs the API in a child process (tests/support/api-server.ts) so that a test can kill it for real.
// The child is node itself (node --import tsx), not a tsx wrapper: a SIGKILL reaches the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Sends `signal` and resolves once the process has exited. */
  kill: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ENTRY = join(process.cwd(), 'tests/support/api-server.ts');

/** Starts the API server on `databasePath`; resolves once it listens. */
export function startServerProcess(databasePath: string, options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: process.cwd(),
    env: { ...process.env, ...options.env, DATABASE_PATH: databasePath, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`the server did not start within ${options.timeoutMs ?? 20_000} ms\nstdout: ${out}\nstderr: ${err}`));
    }, options.timeoutMs ?? 20_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({ child, port, url: `http://127.0.0.1:${port}`, kill });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening (code ${code}, signal ${signal})\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}
