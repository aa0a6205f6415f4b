// The data the reports rely on, entered through the pages in real Chromium at 390 px without
// JavaScript: a partner's referral with the household's commune of origin (chosen by name), a
// household's origin changed on its record, an admin's population refused when negative then saved,
// and a unit put under the ALT grant; then axe on each form that offers the commune of origin.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { signedInPage, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const one = <T>(sql: string, ...params: unknown[]) => web.db.$client.prepare(sql).pluck().get(...params) as T;

describe('the territory data through the pages, without JavaScript', () => {
  it('a partner sends a referral saying where the household comes from', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'partner', false);
    await page.goto(`${web.url}/orientations`);
    const select = page.getByLabel('Commune d’origine (facultatif)');
    expect(await select.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Inconnue', 'Hors du territoire', 'Lunel', 'Marsillargues', 'Saint-Nazaire-de-Pézan'])
    );
    await select.selectOption({ label: 'Marsillargues' });
    await page.getByLabel(/Personne à contacter|contact/i).first().fill('Adjudant Lenoir');
    await page.getByLabel(/Téléphone/i).first().fill('04 67 00 17 18');
    await Promise.all([page.waitForURL(/fait=sent/), page.getByRole('button', { name: 'Envoyer l’orientation' }).click()]);
    expect(one<string>("SELECT origin_commune FROM referrals WHERE referrer_contact = 'Adjudant Lenoir'")).toBe('34151');
    await page.context().close();
  });

  it('staff change a household’s commune of origin on its record', async () => {
    expect.hasAssertions();
    const id = one<string>("SELECT h.id FROM households h JOIN stays s ON s.household_id = h.id WHERE s.programme = 'social_residence' AND h.confidential = 0 LIMIT 1");
    const page = await signedInPage(browser, web.url, 'duty_officer', false);
    await page.goto(`${web.url}/menages/${id}`);
    await page.getByLabel('Commune d’origine (facultatif)').selectOption({ label: 'Hors du territoire' });
    await page.getByRole('button', { name: 'Enregistrer la commune d’origine' }).click();
    await page.getByText('Commune d’origine enregistrée.').waitFor();
    expect(one<string>('SELECT origin_commune FROM households WHERE id = ?', id)).toBe('outside');
    await page.context().close();
  });

  it('an admin’s negative population is refused with its reason, a real one saved; a unit goes under ALT', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'admin', false);
    await page.goto(`${web.url}/admin/territoire`);
    const population = page.getByLabel('Population de Lunel-Viel');
    // The browser's own check (min=0) set aside: the service's rule answers.
    await population.evaluate((el) => el.removeAttribute('min'));
    await population.fill('-3');
    await page.getByRole('button', { name: 'Enregistrer : Lunel-Viel' }).click();
    await page.getByText('un nombre entier, 0 ou plus', { exact: true }).waitFor();
    expect(one<number>("SELECT population FROM communes WHERE insee = '34146'")).toBe(4497);
    await page.getByLabel('Population de Lunel-Viel').fill('4620');
    await page.getByLabel('Année du recensement pour Lunel-Viel').fill('2023');
    await page.getByRole('button', { name: 'Enregistrer : Lunel-Viel' }).click();
    await page.getByText('Population de Lunel-Viel enregistrée.').waitFor();
    expect(web.db.$client.prepare("SELECT population, population_year AS year FROM communes WHERE insee = '34146'").get()).toEqual({ population: 4620, year: 2023 });

    await page.goto(`${web.url}/admin/sites`);
    const unit = 'Maison de Marsillargues — logement 3';
    await page.getByRole('button', { name: `Passer sous l’ALT : ${unit} (à partir de ce soir)` }).click();
    await page.getByText('Logement financé par l’ALT à partir de ce soir.').waitFor();
    expect(one<number>('SELECT alt FROM units WHERE name = ?', unit)).toBe(1);
    await page.context().close();
  });

  it('every form offering the commune of origin passes the accessibility scan', async () => {
    expect.hasAssertions();
    const id = one<string>("SELECT h.id FROM households h JOIN stays s ON s.household_id = h.id WHERE s.programme = 'social_residence' AND h.confidential = 0 LIMIT 1");
    const page = await signedInPage(browser, web.url, 'admin');
    for (const path of ['/orientations', `/menages/${id}`, '/residence/demandes']) {
      await page.goto(`${web.url}${path}`);
      await page.getByLabel('Commune d’origine (facultatif)').first().waitFor();
      expect(describeViolations(await axeScan(page)), path).toEqual([]);
    }
    await page.context().close();
  });
});
