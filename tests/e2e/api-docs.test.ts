// The API's documentation page (/api/docs, swagger-ui) under the same Content-Security-Policy as
// the web app's pages: no inline script, nothing from another origin, no framing; and it still
// loads and shows the API in Chromium without a single CSP violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { newContext, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** A CSP header as directive → sorted sources. */
function directives(header: string | null): Record<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  const out: Record<string, string[]> = {};
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = sources.sort();
  }
  return out;
}

describe('/api/docs', () => {
  it('every answer of the docs carries the pages\u2019 policy: the same directives, with no inline script and no other origin', async () => {
    expect.hasAssertions();
    const page = directives((await fetch(`${web.url}/connexion`)).headers.get('content-security-policy'));
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/static/swagger-initializer.js', '/api/docs/static/swagger-ui.css', '/api/docs/static/index.html']) {
      const res = await fetch(`${web.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBeLessThan(400);
      const docs = directives(res.headers.get('content-security-policy'));
      // The pages' script-src adds the hashes of SvelteKit's own inline script; nothing else differs.
      expect(docs['script-src'], path).toEqual(['\'self\'']);
      expect({ ...docs, 'script-src': [] }, path).toEqual({ ...page, 'script-src': [] });
      for (const sources of Object.values(docs)) {
        expect(sources.filter((s) => s.includes('unsafe-eval') || s.startsWith('http') || s === '*' || s === 'https:'), path).toEqual([]);
      }
    }
  });

  it('loads in Chromium and shows the API, with no CSP violation', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const res = await page.goto(`${web.url}/api/docs`);
    expect(res?.status()).toBe(200);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Hébergement API' }).waitFor();
    // Operations are listed and one opens (React renders them, styles and all, under the policy).
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/stays' }).first().click();
    await page.locator('.opblock-body').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await context.close();
  });
});
