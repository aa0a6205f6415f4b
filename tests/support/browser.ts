import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Result } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags verified with Debian's chromium on the build machines (headless, in a container, as root). */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

/** Launches the system Chromium; playwright gives each launch a new, empty temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs
  });
}

let axeSource: string | undefined;

function readAxeSource(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations.
 * axe is injected with page.evaluate, which the page's Content-Security-Policy does not govern
 * (an inline <script> tag would be blocked by SvelteKit's CSP).
 */
export async function axeScan(page: Page): Promise<Result[]> {
  const injected = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.evaluate(readAxeSource());
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and node, for a readable assertion failure. */
export function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')}`));
}
