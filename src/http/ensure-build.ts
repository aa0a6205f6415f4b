import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What the SvelteKit build is made from. Code imported by routes (domain, services, db queries)
 * is bundled into build/server as well, so a change there makes the build stale too.
 */
const sources = [
  'routes',
  'src/lib',
  'src/app.html',
  'src/hooks.server.ts',
  'src/hooks.client.ts',
  'src/hooks.ts',
  'src/domain',
  'src/services',
  'db/schema.ts',
  'db/client.ts',
  'db/queries',
  'svelte.config.js',
  'vite.config.ts',
  'static'
];

/** Newest modification time (ms) of a file, or of any file below a folder; 0 when absent. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's mtime
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when build/handler.js is missing or older than anything it is built from. */
export function isBuildStale(): boolean {
  const handler = join(root, 'build', 'handler.js');
  if (!existsSync(handler)) return true;
  const built = statSync(handler).mtimeMs;
  return sources.some((source) => newestMtime(join(root, source)) > built);
}

/** Runs `vite build` when the web app's build is missing or stale; resolves once it is fresh. */
export async function ensureBuild(): Promise<void> {
  if (!isBuildStale()) return;
  console.log('Building the web app…');
  const vite = join(root, 'node_modules', '.bin', 'vite');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(vite, ['build'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
