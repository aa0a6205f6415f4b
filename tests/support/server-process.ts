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
  /** Everything the process has written so far on its standard output and error. */
  output: () => { stdout: string; stderr: string };
  /** Resolves once `test` holds for the output (checked at each write of the process), or rejects when it exits first. */
  waitForOutput: (test: (output: { stdout: string; stderr: string }) => boolean) => Promise<void>;
}

const ENTRY = join(process.cwd(), 'tests/support/api-server.ts');

export interface ServerProcessOptions {
  timeoutMs?: number;
  env?: Record<string, string>;
  /** The program to run (default: the API alone, tests/support/api-server.ts). */
  entry?: string;
  /** Modules loaded before it (node --import). */
  preload?: string[];
  /** How the program says it listens; its first group is the port (default: "LISTENING <port>"). */
  ready?: RegExp;
}

/** Starts the API server on `databasePath`; resolves once it listens. */
/**
 * How long a server may take to print LISTENING: quiet, a second or two; on a machine loaded by
 * other work, start-ups of 16-24 s were seen, past the 20 s this once was.
 */
const START_TIMEOUT_MS = 60_000;

export function startServerProcess(databasePath: string, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const preload = (options.preload ?? []).flatMap((m) => ['--import', m]);
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, options.entry ?? ENTRY], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', ...options.env, DATABASE_PATH: databasePath },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const wrote = () => {
    for (const check of [...waiters]) check();
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    wrote();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    wrote();
  });
  const output = () => ({ stdout: out, stderr: err });
  const waitForOutput = (test: (o: { stdout: string; stderr: string }) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!test(output())) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      void exited.then(() => {
        if (!waiters.has(check)) return;
        waiters.delete(check);
        reject(new Error(`the process exited before the output expected\nstdout: ${out}\nstderr: ${err}`));
      });
    });
  const ready = options.ready ?? /LISTENING (\d+)/;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`the server did not start within ${options.timeoutMs ?? START_TIMEOUT_MS} ms\nstdout: ${out}\nstderr: ${err}`));
    }, options.timeoutMs ?? START_TIMEOUT_MS);
    void waitForOutput(({ stdout }) => ready.test(stdout)).then(() => {
      clearTimeout(timer);
      const port = Number(ready.exec(out)![1]);
      resolve({ child, port, url: `http://127.0.0.1:${port}`, kill, output, waitForOutput });
    }, () => undefined);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening (code ${code}, signal ${signal})\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}
