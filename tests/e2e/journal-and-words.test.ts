// In Chromium at 390 px: the audit log reads as cards (no sideways scrolling, no raw JSON) and
// filters by a housing-mission object named in French; the referral form speaks to who types it (a
// partner is « vous », a duty officer writes down a third party). axe on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { signedInPage, startWebApp, type EMAILS, type WebApp } from './_web.ts';

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

const signedIn = (role: keyof typeof EMAILS) => signedInPage(browser, web.url, role);

describe('the audit log on a phone (/admin/journal)', () => {
  it('shows cards with named fields, fits 390 px, and filters by a mission object (offers)', async () => {
    expect.hasAssertions();
    const offers = (web.db.$client.prepare("SELECT count(*) AS n FROM audit_entries WHERE entity = 'offer'").get() as { n: number }).n;
    expect(offers).toBeGreaterThan(0);
    const page = await signedIn('admin');
    await page.goto(`${web.url}/admin/journal`);
    await expect(page.locator('table').count()).resolves.toBe(0);
    await expect(page.locator('li.entry').count()).resolves.toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // No stored JSON on the page: its details are a definition list.
    expect(await page.locator('main').textContent()).not.toMatch(/[{[]"[a-zA-Z]+":/);
    expect(describeViolations(await axeScan(page)), '/admin/journal').toEqual([]);

    await page.getByLabel('Objet', { exact: true }).selectOption({ label: 'Offre de logement' });
    await Promise.all([page.waitForURL(/entity=offer/), page.getByRole('button', { name: 'Filtrer', exact: true }).click()]);
    const cards = page.locator('li.entry');
    await expect(cards.count()).resolves.toBe(Math.min(offers, 200));
    const kinds = await cards.locator('dt:text-is("Objet") + dd').allTextContents();
    expect(new Set(kinds.map((k) => k.trim()))).toEqual(new Set(['Offre de logement']));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(describeViolations(await axeScan(page)), '/admin/journal?entity=offer').toEqual([]);
    await page.context().close();
  });
});

describe('the referral form’s words fit who types', () => {
  it('a partner is the referrer: « Personne à contacter (vous) », the answer to its organisation’s accounts', async () => {
    expect.hasAssertions();
    const page = await signedIn('partner');
    await page.goto(`${web.url}/orientations`);
    await expect(page.getByLabel('Personne à contacter (vous)').count()).resolves.toBe(1);
    await expect(page.locator('#f-email-hint').textContent()).resolves.toContain('aux comptes de votre organisme');
    expect(describeViolations(await axeScan(page)), '/orientations, partner').toEqual([]);
    await page.context().close();
  });

  it('a duty officer on the phone writes down a third party: « Personne qui oriente », no « vous »', async () => {
    expect.hasAssertions();
    const page = await signedIn('duty_officer');
    await page.goto(`${web.url}/orientations#saisie`);
    const form = page.locator('#saisie');
    await expect(form.getByLabel('Personne qui oriente (obligatoire)', { exact: true }).count()).resolves.toBe(1);
    await expect(form.getByLabel('Téléphone de la personne qui oriente (obligatoire)', { exact: true }).count()).resolves.toBe(1);
    const text = (await form.textContent()) ?? '';
    expect(text).not.toContain('(vous)');
    expect(text).not.toContain('votre organisme');
    await expect(page.locator('#f-email-hint').textContent()).resolves.toContain('l’organisme choisi dans la liste');
    expect(describeViolations(await axeScan(page)), '/orientations, duty officer').toEqual([]);
    await page.context().close();
  });
});
