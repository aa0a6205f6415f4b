// The year's public figures (/rapports/public) in real Chromium at 390 px: a partner sees the table
// by programme with « < 3 » where a DV figure of 1 or 2 is withheld (and the totals with it), the
// rule explained, nothing that names a confidential site; the year is chosen without JavaScript.
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { DEMO_PASSWORD, EMAILS, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
/** A past year the demo leaves empty: one confidential stay and three others are placed in it. */
let year: number;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  year = Number(tonight().slice(0, 4)) - 3;
  const adminId = web.db.$client.prepare(`SELECT id FROM accounts WHERE role = 'admin' ORDER BY created_at LIMIT 1`).pluck().get() as string;
  const admin: Actor = { accountId: adminId, role: 'admin', organisationId: null, ip: '127.0.0.1' };
  const hidden = makeUnit(web.db, admin, { name: 'Abri discret E2E', confidential: true, commune: 'Galargues', address: '9 chemin discret', programmes: ['emergency', 'dv_protocol'] });
  const open = makeUnit(web.db, admin, { name: 'Studio public E2E', programmes: ['emergency'] });
  placeStay(web.db, admin, { unitId: hidden, programme: 'dv_protocol', start: `${year}-05-02`, end: `${year}-05-04`, household: { label: 'Mme Secrète E2E', adults: 1, children: 0 } });
  for (const [i, day] of ['03-01', '04-01', '06-01'].entries()) {
    placeStay(web.db, admin, { unitId: open, programme: 'emergency', start: `${year}-${day}`, end: `${year}-${day.slice(0, 3)}11`, household: { label: `Foyer public ${i}`, adults: 1, children: 1 } });
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function checkTable(page: Page): Promise<void> {
  const table = page.getByRole('table', { name: `Accueil en ${year}, par dispositif` });
  expect(await table.locator('thead th[scope="col"]').allTextContents()).toEqual([
    'Dispositif', 'Nuitées (ménages)', 'Nuitées (personnes)', 'Séjours commencés', 'Séjours terminés', 'Ménages accueillis', 'Personnes accueillies'
  ]);
  const row = async (name: string) => (await table.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').allTextContents()).map((s) => s.trim());
  expect(await row('Urgence')).toEqual(['30', '60', '3', '3', '3', '6']);
  // 2 nights of 1 person: every figure of the DV row is withheld…
  expect(await row('Violences conjugales')).toEqual(['< 3', '< 3', '< 3', '< 3', '< 3', '< 3']);
  // …and so is every total that would give it back.
  expect(await row('Total')).toEqual(['< 3', '< 3', '< 3', '< 3', '< 3', '< 3']);
  const html = await page.content();
  for (const secret of ['Abri discret', 'Galargues', 'chemin discret', 'Mme Secrète', 'Foyer public']) expect(html).not.toContain(secret);
}

describe('/rapports/public', () => {
  test('a partner at 390 px: the table, « < 3 » linked to the rule, no confidential site, axe clean, no sideways scroll of the page', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await signIn(page, web.url, 'partner');
      // The partner's menu leads here.
      expect(await page.locator('nav a[href="/rapports/public"]').count()).toBe(1);
      await page.goto(`${web.url}/rapports/public?annee=${year}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Chiffres publics ${year}`);
      await checkTable(page);
      expect(await page.getByRole('link', { name: 'moins de 3, chiffre masqué' }).first().getAttribute('href')).toBe('#regle');
      expect(await page.getByRole('heading', { name: 'Pourquoi « < 3 » ?' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/rapports-public-partner-390.png`, fullPage: true });

      // The CSV behind the link, read back, holds the page's table.
      const href = await page.getByRole('link', { name: 'Télécharger ces chiffres (CSV)' }).getAttribute('href');
      const answer = await context.request.get(`${web.url}${href}`);
      expect(answer.headers()['content-type']).toMatch(/^text\/csv/);
      const csv = parse(await answer.text(), { bom: true, delimiter: ';' }) as string[][];
      const table = page.getByRole('table', { name: `Accueil en ${year}, par dispositif` });
      const pageRows = await table.locator('tbody tr, tfoot tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
      expect(csv.slice(1).map((r) => r.slice(2))).toEqual(pageRows);
    } finally {
      await context.close();
    }
  });

  test('the year is chosen without JavaScript; a year that is not one falls back to last year with a notice', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    context.setDefaultTimeout(60_000);
    try {
      const page = await context.newPage();
      await page.goto(`${web.url}/connexion`);
      await page.getByLabel(/e-mail/i).fill(EMAILS.partner);
      await page.getByLabel(/mot de passe/i).fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL((u) => u.pathname === '/disponibilites'), page.getByRole('button', { name: /se connecter/i }).click()]);
      await page.goto(`${web.url}/rapports/public`);
      await page.getByLabel('Année', { exact: true }).selectOption(String(year));
      await Promise.all([page.waitForURL(new RegExp(`annee=${year}`)), page.getByRole('button', { name: 'Afficher' }).click()]);
      await checkTable(page);
      await page.goto(`${web.url}/rapports/public?annee=demain`);
      expect(await page.getByRole('status').textContent()).toContain('n’est pas disponible');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Chiffres publics ${Number(tonight().slice(0, 4)) - 1}`);
    } finally {
      await context.close();
    }
  });

  test('in English, the same figures', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, web.url, 'duty_officer');
      await page.goto(`${web.url}/rapports/public?annee=${year}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Public figures ${year}`);
      const table = page.getByRole('table', { name: `Shelter in ${year}, by programme` });
      expect(await table.getByRole('row', { name: /^Emergency/ }).locator('td').first().textContent()).toBe('30');
      expect(await page.getByRole('heading', { name: 'Why “< 3”?' }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
