// Words on the pages, over real HTTP on the demo: an offer's address names its town once, and the
// blocks the system writes outside a period offer's dates read in the page's language only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { rawRequest, readBeyondLatin1, sessionCookie } from '../support/web-sessions.ts';
import type { Role } from '../../src/domain/programmes.ts';

let web: WebApp;

beforeAll(async () => {
  web = await startWebApp();
});
afterAll(async () => {
  await web?.close();
});

/** What the page shows (and says in its attributes), without the data it carries for hydration: each element's text between bars. */
async function page(role: Role, path: string, lang: 'fr' | 'en'): Promise<string> {
  const res = await rawRequest(web.url, 'GET', path, { headers: { accept: 'text/html', cookie: `${sessionCookie(web.db, role)}; lang=${lang}` } });
  expect(res.status).toBe(200);
  return readBeyondLatin1(res.body).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '|');
}

describe('an offer address names its town once', () => {
  it('the offer page shows « 15 chemin des Vignes, 34400 Lunel-Viel », not followed by the commune again', async () => {
    expect.hasAssertions();
    const offer = web.db.$client.prepare(`SELECT id FROM offers WHERE address = '15 chemin des Vignes, 34400 Lunel-Viel'`).get() as { id: string };
    const html = await page('housing_officer', `/mission/offres/${offer.id}`, 'fr');
    expect(html).toContain('|15 chemin des Vignes, 34400 Lunel-Viel|');
    expect(html).not.toContain('Lunel-Viel, Lunel-Viel');
  });
});

describe('a block the system writes reads in one language at a time', () => {
  it('is stored in French only', () => {
    const reasons = web.db.$client.prepare(`SELECT DISTINCT reason FROM blocks WHERE reason LIKE 'Hors de la période%'`).all() as { reason: string }[];
    expect(reasons.map((r) => r.reason)).toEqual(['Hors de la période de l’offre']);
  });

  it.each([
    { role: 'duty_officer' as const, path: '/planning' },
    { role: 'admin' as const, path: '/admin/blocages' }
  ])('$path in French says « Hors de la période de l’offre », in English « Outside the offer’s period », never both', async ({ role, path }) => {
    expect.hasAssertions();
    const fr = await page(role, path, 'fr');
    expect(fr).toContain('Hors de la période de l’offre');
    expect(fr).not.toMatch(/outside the offer/i);
    const en = await page(role, path, 'en');
    expect(en).toContain('Outside the offer’s period');
    expect(en).not.toMatch(/Hors de la période/);
  });
});
