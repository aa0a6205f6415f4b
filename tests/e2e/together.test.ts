// A family too large for any one unit, in real Chromium at 390 px on the demo territory: the family
// of 7 (2 adults, 5 children) tonight is offered several units on the same nights in words that say
// who sleeps where, placed in one tap, landing on a page with every stay; the same without
// JavaScript, in English; axe clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import { tonight } from '../../src/services/clock.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let night: string;

beforeAll(async () => {
  web = await startWebApp();
  browser = await launchChromium();
  night = tonight();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
}

function staysOf(label: string) {
  return web.db.$client
    .prepare(
      `SELECT s.id, s.unit_id AS unitId, u.name AS unitName, s.status, s.start_date AS start, s.end_date AS "end", s.adults, s.children, s.together_group AS grp, h.adults AS hAdults, h.children AS hChildren
         FROM stays s JOIN households h ON h.id = s.household_id JOIN units u ON u.id = s.unit_id WHERE h.label = ? ORDER BY s.created_at, s.id`
    )
    .all(label) as { id: string; unitId: string; unitName: string; status: string; start: string; end: string; adults: number; children: number; grp: string | null; hAdults: number; hChildren: number }[];
}

describe('the family of 7 tonight, across two units', () => {
  it('is offered two units in words, placed in one tap, and lands on a page with both stays (390 px, axe clean)', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer?start=${night}&nights=1&adults=2&children=5&programme=emergency#resultat`);
    await page.waitForLoadState('networkidle');
    const offer = page.locator('p.together');
    await expect(offer.textContent()).resolves.toMatch(/^2 logements pour les mêmes nuits \(.+\) à .+ : .+ \(1 adulte, \d enfants\) et .+ \(1 adulte, \d enfants\)\.$/);
    await expectNoSeriousViolations(page, 'the together option');
    await page.screenshot({ path: `${SCREENSHOTS}/together-offer-390.png`, fullPage: true });

    await page.getByLabel('Nom du ménage').fill('Famille Sept');
    await Promise.all([page.waitForURL(/\/placer\/ensemble\//), page.getByRole('button', { name: 'Placer dans ces 2 logements' }).click()]);
    await page.waitForLoadState('networkidle');

    const stays = staysOf('Famille Sept');
    expect(stays).toHaveLength(2);
    expect(stays.every((s) => s.status === 'confirmed' && s.start === night && s.end === addDays(night, 1))).toBe(true);
    expect(stays[0].grp).toBeTruthy();
    expect(stays[1].grp).toBe(stays[0].grp);
    expect(stays.reduce((a, s) => a + s.adults, 0)).toBe(2);
    expect(stays.reduce((a, s) => a + s.children, 0)).toBe(5);
    expect([stays[0].hAdults, stays[0].hChildren]).toEqual([2, 5]);
    // The words offered were exactly what was placed.
    const words = (await page.locator('h2').allTextContents()).map((t) => t.trim());
    expect(words).toEqual(expect.arrayContaining(stays.map((s) => s.unitName)));
    for (const s of stays) await expect(page.getByRole('link', { name: new RegExp(s.unitName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).count()).resolves.toBe(1);
    await expectNoSeriousViolations(page, 'the stays placed together');
    // Each stay's page says who sleeps in its unit and leads back to all of them.
    await page.goto(`${web.url}/sejours/${stays[1].id}`);
    await expect(page.getByText(`Dans ce logement : 1 adulte, ${stays[1].children} enfants.`, { exact: false }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Voir tous ses logements' }).getAttribute('href')).resolves.toBe(`/placer/ensemble/${stays[1].id}`);
    await expectNoSeriousViolations(page, 'a stay placed together');
    await page.goBack();
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/together-placed-390.png`, fullPage: true });
    await context.close();
  });

  it('works without JavaScript, in English', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    await page.getByLabel(/e-mail|email/i).fill('astreinte@demo.lunel.fr');
    await page.getByLabel(/mot de passe|password/i).fill('demo-lunel-2026');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: /se connecter|sign in/i }).click()]);
    const start = addDays(night, 2);
    await page.goto(`${web.url}/placer?start=${start}&nights=1&adults=3&children=4&programme=emergency`);
    const text = await page.locator('p.together').textContent();
    expect(text).toMatch(/^\d units for the same nights \(.+\)( at .+)?: .+ \(\d adults?(, \d (child|children))?\)( and|,) .+\.$/);
    const units = Number(text!.match(/^(\d) units/)![1]);
    await page.getByLabel('Household name').fill('Family Seven');
    await Promise.all([page.waitForURL(/\/placer\/ensemble\//), page.getByRole('button', { name: `Place in these ${units} units` }).click()]);
    const stays = staysOf('Family Seven');
    expect(stays).toHaveLength(units);
    expect(new Set(stays.map((s) => s.grp)).size).toBe(1);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Household placed in several units/);
    await context.close();
  });
});
