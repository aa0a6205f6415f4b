// A household's pathway in Chromium at 390 px: a check-out with its destination on the stay page,
// then the pathway page (vertical timeline, dated steps, links to follow) reached from the household's
// record, axe-clean, no sideways scrolling, without JavaScript too; a residence officer sees the
// steps of other programmes as their date and kind only.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { makeUnit } from '../support/fixtures.ts';
import { insertApplication } from '../support/pathway-world.ts';
import { newContext, SCREENSHOTS, signedInPage, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let admin: Actor;
/** A household placed in an emergency apartment tonight, in place, then a residence stay after it, and a residence application. */
let householdId: string;
let emergencyStayId: string;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
  const adminId = web.db.$client.prepare(`SELECT id FROM accounts WHERE role = 'admin' ORDER BY created_at LIMIT 1`).pluck().get() as string;
  admin = { accountId: adminId, role: 'admin', organisationId: null, ip: '127.0.0.1' };
  const emergency = makeUnit(web.db, admin, { name: 'Parcours urgence', programmes: ['emergency'], capacity: 3 });
  const residence = makeUnit(web.db, admin, { name: 'Parcours résidence', programmes: ['social_residence'], capacity: 3, siteKind: 'residence' });
  const night = tonight();
  const stay = placeStay(web.db, admin, { unitId: emergency, start: night, end: addDays(night, 3), programme: 'emergency', household: { label: 'Mme Chemin et son fils', adults: 1, children: 1 } }).value;
  actOnStay(web.db, admin, stay.id, 'check-in');
  householdId = stay.householdId;
  emergencyStayId = stay.id;
  insertApplication(web.db, admin, householdId, { receivedAt: Date.now() - 86_400_000 });
  placeStay(web.db, admin, { unitId: residence, start: addDays(night, 3), end: addDays(night, 120), programme: 'social_residence', householdId, previousStayId: stay.id });
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function expectAxeClean(page: Page): Promise<void> {
  expect(describeViolations(await axeScan(page))).toEqual([]);
}
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the pathway', () => {
  it('a duty officer checks a stay out with a destination, then follows the household’s pathway from its record', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/sejours/${emergencyStayId}`);
    await page.getByLabel('Où va le ménage ?').selectOption('other_structure');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('fait') === 'check-out'), page.getByRole('button', { name: 'Enregistrer le départ' }).click()]);
    expect(web.db.$client.prepare('SELECT status, destination FROM stays WHERE id = ?').get(emergencyStayId)).toEqual({ status: 'ended', destination: 'other_structure' });

    await page.goto(`${web.url}/menages/${householdId}`);
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/parcours')), page.getByRole('link', { name: 'Parcours', exact: true }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Mme Chemin');
    const steps = page.locator('ol.timeline > li');
    await expect(steps.locator('h2').allTextContents()).resolves.toEqual(['Demande d’admission à la résidence sociale', 'Séjour', 'Départ', 'Séjour']);
    await expect(steps.nth(2).textContent()).resolves.toContain('Autre structure d’hébergement');
    // Each step is dated, and its stays may be followed.
    await expect(steps.locator('time').count()).resolves.toBe(4);
    await expect(steps.nth(1).getByRole('link', { name: 'Ouvrir le séjour', exact: true }).getAttribute('href')).resolves.toBe(`/sejours/${emergencyStayId}`);
    await expect(steps.nth(1).getByRole('link', { name: 'Le séjour qui a suivi' }).count()).resolves.toBe(1);
    const applicationId = web.db.$client.prepare('SELECT id FROM residence_applications WHERE household_id = ?').pluck().get(householdId) as string;
    await expect(steps.nth(0).getByRole('link', { name: 'Ouvrir la demande d’admission' }).getAttribute('href')).resolves.toBe(`/residence/demandes/${applicationId}`);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await expectAxeClean(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'parcours-390.png'), fullPage: true });
    await context.close();
  });

  it('a residence officer sees the steps of the emergency as their date and kind only', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'residence_officer');
    const res = await page.goto(`${web.url}/menages/${householdId}/parcours`);
    expect(res?.status()).toBe(200);
    const steps = page.locator('ol.timeline > li');
    await expect(steps.count()).resolves.toBe(4);
    const texts = await steps.allTextContents();
    const hidden = texts.filter((t) => t.includes('détails réservés'));
    expect(hidden).toHaveLength(2);
    for (const t of hidden) expect(t).not.toMatch(/Urgence|Parcours urgence|Autre structure/);
    await expect(page.locator(`a[href="/sejours/${emergencyStayId}"]`).count()).resolves.toBe(0);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await expectAxeClean(page);
    await page.context().close();
  });

  it('the page needs no JavaScript', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'duty_officer', false);
    const res = await page.goto(`${web.url}/menages/${householdId}/parcours`);
    expect(res?.status()).toBe(200);
    await expect(page.locator('ol.timeline > li h2').allTextContents()).resolves.toContain('Départ');
    await page.context().close();
  });

  it('a resident registers with the housing mission from the household’s record: one household, not two records', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'housing_officer');
    await page.goto(`${web.url}/menages/${householdId}`);
    await Promise.all([page.waitForURL((u) => u.pathname === '/mission/candidats/nouveau'), page.getByRole('link', { name: 'Inscrire à la mission logement' }).click()]);
    await expect(page.getByLabel('Nom ou libellé du ménage').inputValue()).resolves.toBe('Mme Chemin et son fils');
    await page.locator('#f-maxRent').fill('600');
    await page.locator('#f-yearlyIncome').fill('12000');
    await page.locator('input[name="communes"][value="Lunel"]').check();
    const households = web.db.$client.prepare('SELECT count(*) FROM households').pluck().get();
    await Promise.all([page.waitForURL((u) => /^\/mission\/candidats\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('nouveau')), page.getByRole('button', { name: 'Enregistrer le candidat' }).click()]);
    expect(web.db.$client.prepare('SELECT household_id FROM applicants WHERE label = ?').pluck().all('Mme Chemin et son fils')).toEqual([householdId]);
    expect(web.db.$client.prepare('SELECT count(*) FROM households').pluck().get()).toBe(households);
    await page.goto(`${web.url}/menages/${householdId}/parcours`);
    await expect(page.locator('ol.timeline > li h2').allTextContents()).resolves.toContain('Candidat de la mission logement');
    await page.context().close();
  });

  it('a household seen only through another programme is not found to the residence officer', async () => {
    expect.hasAssertions();
    const unit = makeUnit(web.db, admin, { name: 'Autre urgence', programmes: ['emergency'] });
    const other = placeStay(web.db, admin, { unitId: unit, start: tonight(), end: addDays(tonight(), 2), programme: 'emergency', household: { label: 'M. Ailleurs', adults: 1, children: 0 } }).value.householdId;
    const page = await signedInPage(browser, web.url, 'residence_officer');
    const res = await page.goto(`${web.url}/menages/${other}/parcours`);
    expect(res?.status()).toBe(404);
    await page.context().close();
  });
});
