// Households in Chromium: search, a confidential household's record under its pseudonym, the name
// revealed with a reason (audited) to a duty officer, never to a housing officer.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';
import { addDays } from '../../src/domain/dates.ts';
import { today } from '../../src/services/clock.ts';
import { runRetention } from '../../src/services/retention.ts';
import { READABLE_DETAIL } from '../services/helpers.ts';

let web: WebApp;
let browser: Browser;

const ROSSI = 'Mme Rossi et ses deux enfants';

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  // The pages' getDb() shares the test's connection only when DATABASE_PATH names the same file;
  // startWebApp does not set it (reported), so without this the pages would open data/hebergement.sqlite.
  process.env.DATABASE_PATH = web.test.path;
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

function confidentialHousehold(): { id: string; pseudonym: string } {
  return web.db.$client.prepare('SELECT id, pseudonym FROM households WHERE label = ?').get(ROSSI) as { id: string; pseudonym: string };
}

function auditActions(householdId: string): { action: string; detail: string | null }[] {
  return web.db.$client.prepare(`SELECT action, ${READABLE_DETAIL} AS detail FROM audit_entries WHERE entity_id = ? ORDER BY id`).all(householdId) as { action: string; detail: string | null }[];
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await axeScan(page);
  expect(describeViolations(violations)).toEqual([]);
}

async function search(page: Page, q: string): Promise<void> {
  await page.getByLabel('Pseudonyme ou nom').fill(q);
  await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === q), page.getByRole('button', { name: 'Rechercher' }).click()]);
}

describe('households', () => {
  it('a duty officer finds a household by its name, and a confidential household never by its name', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages`);
    await expect(page.getByRole('heading', { level: 1, name: 'Ménages' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Ménages récents' }).isVisible()).resolves.toBe(true);
    // The list shows confidential households by their pseudonym only.
    await expect(page.content()).resolves.not.toContain('Rossi');
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'menages-390.png'), fullPage: true });

    await search(page, 'moreau');
    const results = page.getByRole('heading', { level: 2 });
    await expect(results.first().textContent()).resolves.toContain('2 ménages pour « moreau »');
    await expect(page.getByRole('link', { name: 'M. Moreau et sa fille' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Mme Moreau' }).isVisible()).resolves.toBe(true);

    await search(page, 'Rossi');
    await expect(page.getByText('Aucun ménage pour « Rossi ».').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('a duty officer opens a confidential household under its pseudonym, then reveals its name with a reason, once', async () => {
    expect.hasAssertions();
    const { id, pseudonym } = confidentialHousehold();
    const before = auditActions(id).length;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages`);
    await search(page, pseudonym.slice(-4));
    await Promise.all([page.waitForURL(`${web.url}/menages/${id}`), page.getByRole('link', { name: pseudonym }).click()]);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(pseudonym);
    await expect(page.getByText('Ménage confidentiel : nom masqué').isVisible()).resolves.toBe(true);
    await expect(page.content()).resolves.not.toContain('Rossi');
    await expect(page.getByRole('link', { name: /^Ouvrir le séjour du / }).count()).resolves.toBe(1);
    expect(auditActions(id).slice(before).map((e) => e.action)).toEqual(['household.open']);
    await expectNoSeriousViolations(page);

    // A reason of blanks is refused by the server, in words, and nothing is revealed.
    await page.getByLabel('Motif de la révélation').fill('   ');
    await page.getByRole('button', { name: 'Révéler le nom' }).click();
    await page.getByText('Indiquez un motif.').waitFor();
    await expect(page.content()).resolves.not.toContain('Rossi');
    expect(auditActions(id).map((e) => e.action)).not.toContain('household.reveal');

    await page.getByLabel('Motif de la révélation').fill('Appel de la gendarmerie : dépôt de plainte');
    await page.getByRole('button', { name: 'Révéler le nom' }).click();
    await page.getByRole('heading', { name: 'Nom révélé' }).waitFor();
    await expect(page.getByText(ROSSI, { exact: true }).isVisible()).resolves.toBe(true);
    const reveal = auditActions(id).find((e) => e.action === 'household.reveal');
    expect(JSON.parse(reveal!.detail!)).toEqual({ reason: 'Appel de la gendarmerie : dépôt de plainte' });
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'menage-revealed-390.png'), fullPage: true });

    // Shown once: the record opened again shows the pseudonym only.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(pseudonym);
    await expect(page.content()).resolves.not.toContain('Rossi');
    await context.close();
  });

  it('a housing officer does not open a DV household it does not handle (404), and cannot reveal its name', async () => {
    expect.hasAssertions();
    const { id, pseudonym } = confidentialHousehold();
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    const response = await page.goto(`${web.url}/menages/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.content()).resolves.not.toContain(pseudonym);
    await expect(page.getByRole('button', { name: 'Révéler le nom' }).count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain('Rossi');
    // A reveal posted by hand is refused on the server too.
    const posted = await page.request.post(`${web.url}/menages/${id}?/reveal`, {
      form: { reason: 'curiosité' },
      headers: { origin: web.url, accept: 'application/json', 'x-sveltekit-action': 'true' }
    });
    expect(await posted.text()).not.toContain('Rossi');
    expect(auditActions(id).filter((e) => e.action === 'household.reveal')).toHaveLength(1);
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'menage-housing-officer-1280.png'), fullPage: true });
    await context.close();
  });

  it('the search and a record work without JavaScript, in English too', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, web.url, 'admin');
    await page.goto(`${web.url}/menages`);
    await page.getByLabel('Pseudonym or name').fill('martin');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'martin'), page.getByRole('button', { name: 'Search' }).click()]);
    await Promise.all([page.waitForURL(/\/menages\/[^/?]+$/), page.getByRole('link', { name: 'M. et Mme Martin' }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('M. et Mme Martin');
    await expect(page.getByText('2 adults').isVisible()).resolves.toBe(true);
    // (No axe scan here: axe runs as a script, and this context runs none.)
    await context.close();
  });

  // Last in this file: it pseudonymises every household of the demo.
  it('after retention, a record says its data were erased and no longer shows the name', async () => {
    expect.hasAssertions();
    const { id } = web.db.$client.prepare('SELECT id FROM households WHERE label = ?').get('M. Moreau et sa fille') as { id: string };
    runRetention(web.db, { today: addDays(today(), 3 * 366) });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages/${id}`);
    await expect(page.getByRole('note').textContent()).resolves.toMatch(/^Données effacées le .+ : deux ans après le dernier contact/);
    await expect(page.getByText('Données effacées', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.content()).resolves.not.toContain('Moreau');
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'menage-erased-390.png'), fullPage: true });
    await context.close();
  });
});
