import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSvelteKitHandler, mountSvelteKit } from '../../src/http/sveltekit.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';

const screenshots = 'test-output/screenshots';

/** A port the system says is free now; fixed ports collide on shared machines. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

let app: FastifyInstance;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // The handler reads ORIGIN when it is imported, and Fastify cannot add routes once listening:
  // so the port is chosen first, then the handler loaded, then the server started.
  process.env.ORIGIN = origin;
  const handler = await loadSvelteKitHandler();
  app = Fastify();
  await mountSvelteKit(app, { handler });
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the landing page', () => {
  test('says in French what the service is, links to the API docs, and passes axe', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // A CSP that blocks SvelteKit's hydration script shows up here, not in the HTML.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    try {
      const response = await page.goto(`${origin}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');

      const heading = page.getByRole('heading', { level: 1 });
      expect(await heading.textContent()).toContain('hébergement d’urgence');
      expect(await page.getByRole('banner').textContent()).toContain('Hébergement');
      expect(await page.getByRole('banner').textContent()).toContain('CIAS du Pays de Lunel');
      expect(await page.locator('[lang="en"]').first().textContent()).toContain('emergency housing');

      const docs = page.getByRole('main').getByRole('link', { name: 'Documentation de l’API' });
      expect(await docs.getAttribute('href')).toBe('/api/docs');
      expect(await page.getByRole('link', { name: /OpenAPI/ }).getAttribute('href')).toBe('/api/openapi.json');

      // Phone-first: nothing wider than a 360px screen.
      await page.setViewportSize({ width: 360, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await page.setViewportSize({ width: 390, height: 844 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${screenshots}/landing-390.png`, fullPage: true });

      await page.setViewportSize({ width: 1280, height: 800 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${screenshots}/landing-1280.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the catch-all in front of SvelteKit', () => {
  test('an unknown API route answers a problem+json 404, not a page', async () => {
    expect.hasAssertions();
    const response = await fetch(`${origin}/api/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toEqual({
      type: '/problems/not_found',
      title: 'Not Found',
      status: 404,
      detail: 'no such API route',
      code: 'not_found'
    });
  });

  test('an unknown API route answers 404 for a JSON post too, without hanging', async () => {
    expect.hasAssertions();
    const response = await fetch(`${origin}/api/nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ any: 'thing' })
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('the favicon is served from static/', async () => {
    expect.hasAssertions();
    const response = await fetch(`${origin}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  test('an unknown page is SvelteKit’s 404, in HTML', async () => {
    expect.hasAssertions();
    const response = await fetch(`${origin}/nulle-part`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  test('a form post reaches SvelteKit instead of a 415 from Fastify', async () => {
    expect.hasAssertions();
    const response = await fetch(`${origin}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: 'a=1'
    });
    expect(response.status).not.toBe(415);
    // The landing page has no form action: SvelteKit itself says so (405), proving it read the request.
    expect(response.status).toBe(405);
  });
});
