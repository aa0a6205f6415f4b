// Results a screen reader hears, in Chromium at 390 px: after an action that opens a new page (a hold
// taken, a stay confirmed, a landlord recorded), the focus is on the page's status message, whose words
// say the result; an ordinary visit to the same pages leaves the focus alone. Each step of placing has
// its own title and heading, « Étape N sur 4 : … » (« Step N of 4: … » in English). Required fields say
// so in their labels, with the note at the top of the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import { tonight } from '../../src/services/clock.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, signIn, signedInPage, startWebApp, type WebApp } from './_web.ts';

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

/** The focused element: its tag, role and words. */
function focused(page: Page): Promise<{ tag: string; role: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', role: el?.getAttribute('role') ?? null, text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
}

/** The page's title and its first heading. */
function titles(page: Page): Promise<{ title: string; h1: string }> {
  return page.evaluate(() => ({ title: document.title, h1: (document.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim() }));
}

/** Waits until the focus rests on a status message (SvelteKit moves it to the body first, then the page to its result). */
async function statusFocused(page: Page): Promise<{ tag: string; role: string | null; text: string }> {
  // Polled from the test (a page without JavaScript runs no waitForFunction).
  for (let i = 0; i < 50; i++) {
    const now = await focused(page);
    if (now.role === 'status') return now;
    await page.waitForTimeout(200);
  }
  return focused(page);
}

describe('placing a household: each step titled, each result focused', () => {
  it.each([true, false])('with JavaScript %s: need, unit, hold, confirmed', async (javaScript) => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'duty_officer', javaScript);
    const start = addDays(tonight(), javaScript ? 30 : 33);

    await page.goto(`${web.url}/placer`);
    await page.waitForLoadState('networkidle');
    let t = await titles(page);
    expect(t.title).toMatch(/^Étape 1 sur 4 : le besoin — Placer un ménage/);
    expect(t.h1).toContain('Étape 1 sur 4 : le besoin');
    // An ordinary visit: the focus is left where the browser puts it.
    expect((await focused(page)).tag).toBe('BODY');

    await page.goto(`${web.url}/placer?start=${start}&nights=2&adults=1&children=0&programme=emergency`);
    await page.waitForLoadState('networkidle');
    t = await titles(page);
    expect(t.title).toMatch(/^Étape 2 sur 4 : choisir un logement — /);
    expect(t.h1).toContain('Étape 2 sur 4 : choisir un logement');
    // axe runs in the page's script: with JavaScript only.
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);

    await page.getByLabel('Nom du ménage (personne de référence)').fill(`Mme Entendue ${javaScript}`);
    await Promise.all([page.waitForURL(/\/placer\/option\//), page.locator('ol.options > li').first().getByRole('button', { name: /Prendre en option/ }).click()]);
    await page.waitForLoadState('networkidle');
    t = await titles(page);
    expect(t.title).toMatch(/^Étape 3 sur 4 : option posée, à confirmer — /);
    expect(t.h1).toContain('Étape 3 sur 4 : option posée, à confirmer');
    const hold = await statusFocused(page);
    expect(hold.role).toBe('status');
    expect(hold.text).toContain('est retenu pour ce ménage');
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);

    await Promise.all([page.waitForURL(/\/sejours\/[^/?]+\?fait=confirm/), page.getByRole('button', { name: 'Confirmer le séjour' }).click()]);
    await page.waitForLoadState('networkidle');
    t = await titles(page);
    expect(t.title).toMatch(/^Étape 4 sur 4 : séjour confirmé — /);
    expect(t.h1).toContain('Étape 4 sur 4 : séjour confirmé');
    const confirmed = await statusFocused(page);
    expect(confirmed.role).toBe('status');
    expect(confirmed.text).toContain('Séjour confirmé');
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);

    // The same stay's page visited again, without the result: no step, the focus left alone.
    await page.goto(page.url().replace(/\?.*$/, ''));
    await page.waitForLoadState('networkidle');
    t = await titles(page);
    expect(t.title).not.toContain('Étape');
    expect((await focused(page)).tag).toBe('BODY');
    await page.context().close();
  });

  it('in English: « Step 2 of 4: choose a unit »', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer?start=${addDays(tonight(), 36)}&nights=2&adults=1&children=0&programme=emergency`);
    const t = await titles(page);
    expect(t.title).toMatch(/^Step 2 of 4: choose a unit — Place a household/);
    expect(t.h1).toContain('Step 2 of 4: choose a unit');
    // Required fields say so in English too, with the note.
    await expect(page.getByLabel('Household name (reference person) (required)').count()).resolves.toBe(1);
    await expect(page.getByText('Fields marked “(required)” must be filled in.').count()).resolves.toBeGreaterThan(0);
    await context.close();
  });
});

describe('a form saved on a new page: its result is focused', () => {
  it('a landlord recorded: /mission/bailleurs/<id> focuses « recorded »', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/bailleurs`);
    await page.waitForLoadState('networkidle');
    const summary = page.locator('details:has(#l-name) > summary');
    if (await summary.count()) await page.locator('details:has(#l-name)').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.locator('#l-name').fill('M. Entendu');
    await Promise.all([page.waitForURL(/\/mission\/bailleurs\/[^/?]+\?fait=cree/), page.locator('form:has(#l-name)').getByRole('button').last().click()]);
    const result = await statusFocused(page);
    expect(result.role).toBe('status');
    expect(result.text.length).toBeGreaterThan(0);
    expect(describeViolations(await axeScan(page))).toEqual([]);
    await page.context().close();
  });
});

describe('required fields are said in words', () => {
  it('sign-in: « (obligatoire) » in each label, the note above the form', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    await expect(page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Mot de passe (obligatoire)', { exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('form .required-note').first().textContent()).resolves.toBe('Les champs marqués « (obligatoire) » doivent être remplis.');
    await context.close();
  });
});
