// Files that say which process holds a database (a server, a replication): its pid, written beside
// the database, read back to tell whether that process still lives.
import { existsSync, readFileSync } from 'node:fs';

/** The pid written in `file`, when that process is alive (or alive under another user); else null. */
export function livePidIn(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
