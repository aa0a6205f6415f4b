// The whole service for browser tests: a fresh SQLite file seeded with the demo territory, the
// real Fastify server with the SvelteKit build, on a free port; and signing in through the form.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setSharedDb, type Db } from '../../db/client.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadSvelteKitHandler } from '../../src/http/sveltekit.ts';
import { makeTestDb, type TestDb } from '../support/fixtures.ts';

export const SCREENSHOTS = 'test-output/screenshots';
export const DEMO_PASSWORD = 'demo-lunel-2026';
export const EMAILS = {
  admin: 'admin@demo.lunel.fr',
  duty_officer: 'astreinte@demo.lunel.fr',
  housing_officer: 'logement@demo.lunel.fr',
  residence_officer: 'residence@demo.lunel.fr',
  partner: 'gendarmerie@demo.lunel.fr'
} as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface WebApp {
  url: string;
  db: Db;
  app: FastifyInstance;
  test: TestDb;
  close: () => Promise<void>;
}

/** Starts the service on a new demo database. One per test file (each file runs in its own process). */
export async function startWebApp(): Promise<WebApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // adapter-node reads ORIGIN when its handler is imported: set it first.
  process.env.ORIGIN = url;
  const test = makeTestDb();
  process.env.DATABASE_PATH = test.path;
  setSharedDb(test.db, test.path);
  await seedDemo(test.db);
  const web = await loadSvelteKitHandler();
  const app = await buildApp({ db: test.db, web });
  await app.listen({ host: '127.0.0.1', port });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    db: test.db,
    app,
    test,
    close: async () => {
      await app.close();
      test.cleanup();
    }
  };
}

/** A new French (or English) browser context at a phone's width unless told otherwise. */
export async function newContext(browser: Browser, options: { locale?: 'fr-FR' | 'en-GB'; width?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: options.locale ?? 'fr-FR', viewport: { width: options.width ?? 390, height: 844 } });
  // CI runs two browser files at once on two cores: give a slow machine time before calling it a failure.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/** Signs in through the real form; resolves when the role's home has loaded. */
export async function signIn(page: Page, url: string, role: keyof typeof EMAILS): Promise<void> {
  await page.goto(`${url}/connexion`);
  // Let the page hydrate first: a click while SvelteKit attaches use:enhance can lose the submit.
  await page.waitForLoadState('networkidle');
  await page.getByLabel(/e-mail|email/i).fill(EMAILS[role]);
  await page.getByLabel(/mot de passe|password/i).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: /se connecter|sign in/i }).click()]);
  await page.waitForLoadState('networkidle');
}

/**
 * The main navigation: on a phone it sits in the header's menu (a disclosure), opened first when
 * its button shows; on a wide screen it is in view already.
 */
export async function mainNavigation(page: Page, name: string | RegExp = /Navigation principale|Main navigation/) {
  const button = page.locator('header details.menu > summary');
  if ((await button.isVisible()) && (await page.locator('header details.menu[open]').count()) === 0) await button.click();
  return page.getByRole('navigation', { name });
}

/**
 * A new 390 px page signed in as `role`; without JavaScript, the session is made through the form
 * in a page with JavaScript and its cookie handed over.
 */
export async function signedInPage(browser: Browser, url: string, role: keyof typeof EMAILS, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: javaScript });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  if (javaScript) await signIn(page, url, role);
  else {
    const js = await newContext(browser);
    const p = await js.newPage();
    await signIn(p, url, role);
    await context.addCookies(await js.cookies());
    await js.close();
  }
  return page;
}

/** Whether `selector`'s element holds the focus and is inside the viewport (a form's result where the eyes are). */
export function focusAndView(page: Page, selector: string): Promise<{ found: boolean; focusInside: boolean; inView: boolean }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { found: false, focusInside: false, inView: false };
    const r = el.getBoundingClientRect();
    return { found: true, focusInside: el.contains(document.activeElement), inView: r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.height > 0 };
  }, selector);
}
