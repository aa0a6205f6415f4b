// Run by `npm test` before vitest: the browser tests need a Chromium, and playwright-core never
// downloads one here. Debian's package is the one this project is tested with.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const configured = process.env.CHROMIUM_PATH;
const chromium = configured ?? '/usr/bin/chromium';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  });
  return result.status === 0;
}

if (existsSync(chromium)) process.exit(0);

if (configured) {
  console.error(`CHROMIUM_PATH is set to ${configured}, which does not exist: fix it, or unset it to use /usr/bin/chromium.`);
  process.exit(1);
}

const isRoot = process.getuid?.() === 0;
if (isRoot && onPath('apt-get')) {
  console.log("Chromium not found: installing Debian's chromium for the browser tests (apt-get install -y chromium)…");
  if (!run('apt-get', ['update'])) {
    console.error('apt-get update failed: Chromium was not installed.');
    process.exit(1);
  }
  if (!run('apt-get', ['install', '-y', 'chromium'])) {
    console.error('apt-get install -y chromium failed: Chromium was not installed.');
    process.exit(1);
  }
  if (!existsSync(chromium)) {
    console.error(`apt-get installed chromium, but ${chromium} is still missing.`);
    process.exit(1);
  }
  process.exit(0);
}

console.error('Chromium is needed for the browser tests and was not found at /usr/bin/chromium. Install it with:');
console.error('');
console.error('    sudo apt-get install -y chromium');
console.error('');
console.error('(or set CHROMIUM_PATH to a Chromium or Chrome executable), then run `npm test` again.');
process.exit(1);
