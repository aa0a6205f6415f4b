// The bench's server processes: spawned through tsx, they report their own pid (tsx runs the
// script in a child node process), which is the one whose peak RSS (VmHWM) is read before the kill.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; null when unreadable. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based, proc(5)).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
  } catch {
    return null;
  }
}

export interface BenchServer {
  url: string;
  /** The pid of the node process that runs the server (not the tsx wrapper). */
  pid: number;
  wrapper: ChildProcess;
  /** Peak resident set size of the server process in MiB, from /proc/<pid>/status (VmHWM). */
  peakRssMiB: () => number | null;
  /** CPU time the server process has used so far, in ms. */
  cpuMs: () => number | null;
  stop: () => Promise<void>;
}

/** The API server (bench/server.ts) on a database, in its own process. */
export function startServer(dbPath: string, synchronous: 'FULL' | 'NORMAL', env: Record<string, string> = {}): Promise<BenchServer> {
  return spawnServer('bench/server.ts', [dbPath, synchronous], env, 30_000);
}

/**
 * Spawns a bench server script through tsx and resolves once it prints "LISTENING <port> <pid>";
 * rejects when it does not within `startTimeoutMs`, or exits first.
 */
export function spawnServer(script: string, args: string[], env: Record<string, string>, startTimeoutMs: number): Promise<BenchServer> {
  const wrapper = spawn('node_modules/.bin/tsx', [script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const exited = new Promise<void>((resolve) => wrapper.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      // tsx runs the script in a child node process: kill it too, not only the wrapper.
      if (wrapper.pid !== undefined) spawnSync('pkill', ['-KILL', '-P', String(wrapper.pid)]);
      wrapper.kill('SIGKILL');
      reject(new Error(`${script} did not start in ${startTimeoutMs / 1000} s\n${out}\n${err}`));
    }, startTimeoutMs);
    wrapper.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    wrapper.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+) (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const pid = Number(m[2]);
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        pid,
        wrapper,
        cpuMs: () => cpuMsOf(pid),
        peakRssMiB: () => {
          try {
            const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
            return kb ? Number(kb[1]) / 1024 : null;
          } catch {
            return null;
          }
        },
        stop: async () => {
          if (wrapper.exitCode === null && wrapper.signalCode === null) {
            try {
              process.kill(pid, 'SIGTERM');
            } catch {
              /* already gone */
            }
            const timeout = setTimeout(() => {
              try {
                process.kill(pid, 'SIGKILL');
              } catch {
                /* gone */
              }
              wrapper.kill('SIGKILL');
            }, 5_000);
            await exited;
            clearTimeout(timeout);
          }
        }
      });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before listening\n${out}\n${err}`));
    });
  });
}
