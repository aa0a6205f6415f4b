// The partners' page of free places (/disponibilites) and its API help (/disponibilites/api), in
// real Chromium on the demo territory: totals by night and programme, units of non-confidential
// sites by commune, filters that work without JavaScript, the summary subscription, no personal data.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { DEMO_PASSWORD, EMAILS, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Runs `fn` on a new page signed in as `role`, then closes its context. */
async function withPage(role: keyof typeof EMAILS, fn: (page: Page, context: BrowserContext) => Promise<void>, options: { width?: number } = {}): Promise<void> {
  const context = await newContext(browser, { width: options.width });
  try {
    const page = await context.newPage();
    await signIn(page, web.url, role);
    await fn(page, context);
  } finally {
    await context.close();
  }
}

/** A phone without JavaScript: the sign-in form and every filter are plain HTML forms. */
async function withoutJs(fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  try {
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    // Let the page hydrate first: a click while SvelteKit attaches use:enhance can lose the submit.
    await page.waitForLoadState('networkidle');
    await page.getByLabel(/e-mail/i).fill(EMAILS.partner);
    await page.getByLabel(/mot de passe/i).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/disponibilites'), page.getByRole('button', { name: /se connecter/i }).click()]);
    await fn(page);
  } finally {
    await context.close();
  }
}

/** Everything a partner must never see: household names and the confidential sites' addresses, names and communes. */
function secrets(): string[] {
  const client = web.db.$client;
  const households = (client.prepare('SELECT label FROM households').all() as { label: string }[]).map((r) => r.label);
  const sites = client.prepare('SELECT name, address, commune FROM sites WHERE confidential = 1').all() as { name: string; address: string; commune: string }[];
  const units = (client.prepare('SELECT u.name FROM units u JOIN sites s ON s.id = u.site_id WHERE s.confidential = 1').all() as { name: string }[]).map((r) => r.name);
  const publicCommunes = new Set((client.prepare('SELECT commune FROM sites WHERE confidential = 0').all() as { commune: string }[]).map((r) => r.commune));
  return [...households, ...sites.flatMap((s) => [s.name, s.address, ...(publicCommunes.has(s.commune) ? [] : [s.commune])]), ...units].filter((s) => s.length > 3);
}

function expectNoSecret(html: string): void {
  const found = secrets().filter((s) => html.includes(s));
  expect(found, 'personal or confidential data on a partner page').toEqual([]);
}

describe('the availability page for partners', () => {
  test('a partner sees the totals by night and programme and the free units of non-confidential sites by commune, and nothing personal', async () => {
    expect.hasAssertions();
    await withPage('partner', async (page) => {
      const response = await page.goto(`${web.url}/disponibilites`);
      expect(response?.status()).toBe(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Places disponibles');

      // The totals: one row per night for 14 nights, programmes as column headers.
      const totals = page.getByRole('table', { name: /par nuit et par dispositif/ });
      expect(await totals.locator('tbody tr').count()).toBe(14);
      expect(await totals.locator('thead th[scope="col"]').first().textContent()).toBe('Nuit');
      expect(await totals.locator('tbody th[scope="row"]').first().textContent()).toContain('ce soir');

      // The units by commune: the public sites' communes, each with its own table with headers.
      const section = page.getByRole('region', { name: 'Logements libres, par commune' });
      const communes = (await section.getByRole('heading', { level: 3 }).allTextContents()).map((t) => t.replace(/\s*\(.*\)$/, ''));
      expect(communes).toEqual(expect.arrayContaining(['Lunel', 'Lunel-Viel', 'Marsillargues']));
      expect(communes).not.toContain('Saussines');
      expect(communes).not.toContain('Saint-Christol');
      const lunel = page.getByRole('table', { name: 'Logements libres à Lunel', exact: true });
      expect(await lunel.locator('thead th[scope="col"]').allTextContents()).toEqual(['Logement', 'Places', 'Nuits libres']);
      expect(await lunel.locator('tbody th[scope="row"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Les Tamaris — studio')]));

      // A referral can be sent from here; the API help is one link away.
      expect(await page.getByRole('link', { name: 'Envoyer une orientation' }).getAttribute('href')).toBe('/orientations');
      expect(await page.getByRole('link', { name: /API de disponibilités/ }).getAttribute('href')).toBe('/disponibilites/api');

      expectNoSecret(await page.content());

      const violations = await axeScan(page);
      expect(describeViolations(violations)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/disponibilites-partner-390.png`, fullPage: true });
    });
  });

  test('the filters by programme, persons and period work without JavaScript', async () => {
    expect.hasAssertions();
    await withoutJs(async (page) => {
      // The filters are folded on a phone; a <details> opens without JavaScript.
      expect(await page.getByLabel('Dispositif', { exact: true }).isVisible()).toBe(false);
      await page.locator('summary', { hasText: 'Filtrer' }).click();
      await page.getByLabel('Dispositif', { exact: true }).selectOption('emergency');
      await page.getByLabel('Personnes à accueillir').selectOption('4');
      await Promise.all([page.waitForURL(/dispositif=emergency/), page.getByRole('button', { name: 'Afficher' }).click()]);
      const url = new URL(page.url());
      expect(url.searchParams.get('personnes')).toBe('4');

      // Only the emergency column in the totals.
      const totals = page.getByRole('table', { name: /par nuit et par dispositif/ });
      expect(await totals.locator('thead th[scope="col"]').allTextContents()).toEqual(['Nuit', 'Urgence']);
      // Only units of 4 places or more, none of the social residence's studios.
      const html = await page.content();
      expect(html).not.toContain('Les Tamaris');
      const capacities = (await page.locator('.units-table tbody td.num').allTextContents()).map(Number);
      expect(capacities.length).toBeGreaterThan(0);
      for (const c of capacities) expect(c).toBeGreaterThanOrEqual(4);
      expect(await page.getByRole('status').first().textContent()).toContain('au moins 4 places');
      expectNoSecret(html);

      // 31 nights on request.
      await page.getByLabel('Période', { exact: true }).selectOption('31');
      await Promise.all([page.waitForURL(/nuits=31/), page.getByRole('button', { name: 'Afficher' }).click()]);
      expect(await page.getByRole('table', { name: /par nuit et par dispositif/ }).locator('tbody tr').count()).toBe(31);
      await page.screenshot({ path: `${SCREENSHOTS}/disponibilites-filters-nojs-360.png`, fullPage: true });
    });
  });

  test('a partner subscribes its organisation to the nightly summary and unsubscribes, without JavaScript', async () => {
    expect.hasAssertions();
    const summaryEmail = () =>
      (web.db.$client.prepare('SELECT o.summary_email AS e FROM organisations o JOIN accounts a ON a.organisation_id = o.id WHERE a.email = ?').get(EMAILS.partner) as { e: string | null }).e;
    await withoutJs(async (page) => {
      const input = page.getByLabel('Adresse e-mail de l’organisation');
      await input.fill('permanence@gendarmerie.test');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Recevoir le résumé' }).click()]);
      expect(await page.getByRole('status').last().textContent()).toContain('le résumé partira chaque soir');
      expect(summaryEmail()).toBe('permanence@gendarmerie.test');
      await page.goto(`${web.url}/disponibilites`);
      expect(await page.getByText('Votre organisation le reçoit à l’adresse permanence@gendarmerie.test.').count()).toBe(1);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ne plus le recevoir' }).click()]);
      expect(summaryEmail()).toBeNull();
    });
  });

  test('the API help page explains the token, ETag and limit, with a curl line on this server', async () => {
    expect.hasAssertions();
    await withPage('partner', async (page) => {
      const response = await page.goto(`${web.url}/disponibilites/api`);
      expect(response?.status()).toBe(200);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('affiché qu’une seule fois');
      expect(text).toContain('If-None-Match');
      expect(text).toContain('Retry-After');
      const curl = (await page.locator('pre code').first().textContent()) ?? '';
      expect(curl).toMatch(new RegExp(`^curl -i -H "Authorization: Bearer VOTRE_JETON" "${web.url.replace(/\./g, '\\.')}/api/v1/availability\\?from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}"$`));
      expect(await page.getByRole('link', { name: /Documentation complète/ }).getAttribute('href')).toBe('/api/docs');
      const violations = await axeScan(page);
      expect(describeViolations(violations)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/disponibilites-api-390.png`, fullPage: true });
    });
  });
});
