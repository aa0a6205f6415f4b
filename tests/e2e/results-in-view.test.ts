// Every form's answer where the eyes are, in Chromium at 390 px, page family by page family: the
// message (error or success) holds the focus and is inside the viewport; a stale success is gone
// when the next action fails; axe finds nothing on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { placeStay } from '../../src/services/stays.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { focusAndView, signedInPage, startWebApp, type EMAILS, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let admin: Actor;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
  const row = web.db.$client.prepare("SELECT id FROM accounts WHERE email = 'admin@demo.lunel.fr'").get() as { id: string };
  admin = { accountId: row.id, role: 'admin', organisationId: null, ip: null };
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const signedIn = (role: keyof typeof EMAILS) => signedInPage(browser, web.url, role);

async function expectFocusedInView(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => document.querySelector(sel)?.contains(document.activeElement) === true, selector);
  expect(await focusAndView(page, selector)).toEqual({ found: true, focusInside: true, inView: true });
}

async function expectNoViolations(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
}

describe('/placer: the answer to « Prendre en option »', () => {
  it('a hold refused because the unit was just taken: the error is focused and inside the viewport at 390 px; then a hold taken is announced where the eyes are', async () => {
    expect.hasAssertions();
    const page = await signedIn('duty_officer');
    const start = addDays(tonight(), 90);
    await page.goto(`${web.url}/placer?start=${start}&nights=2&adults=1&children=0&programme=emergency`);
    // The last option, far down the page on a phone, is taken by someone else a second earlier.
    const last = page.locator('ol.options > li').last();
    const takenId = await last.getByRole('button').getAttribute('value');
    placeStay(web.db, admin, { unitId: takenId!, start, end: addDays(start, 2), programme: 'emergency', household: { label: 'Famille Plus Rapide', adults: 1, children: 0 } });
    await page.getByLabel('Nom du ménage (personne de référence)').fill('Mme Patiente');
    await last.getByRole('button', { name: /Prendre en option/ }).click();
    const error = '.form-result[role="alert"]';
    await page.locator(error).waitFor();
    await expect(page.locator(error).textContent()).resolves.toContain('Ce logement vient d’être pris');
    await expectFocusedInView(page, error);
    await expectNoViolations(page, '/placer after a refused hold');

    // The next tap holds another unit: the hold's page announces it, focused, in view; the error is gone.
    await Promise.all([page.waitForURL(/\/placer\/option\//), page.locator('ol.options > li').first().getByRole('button', { name: /Prendre en option/ }).click()]);
    const done = '.form-result[role="status"]';
    await expect(page.locator(done).textContent()).resolves.toContain('est retenu pour ce ménage');
    await expect(page.locator(error).count()).resolves.toBe(0);
    await expectFocusedInView(page, done);
    await expectNoViolations(page, '/placer/option/<id>');
    await page.context().close();
  });
});

describe('the referral desk (/orientations/<id>)', () => {
  it('“accepted” is announced; a failing redirect next clears it and its error is focused and in view', async () => {
    expect.hasAssertions();
    const duty = web.db.$client.prepare("SELECT id FROM accounts WHERE email = 'astreinte@demo.lunel.fr'").get() as { id: string };
    const referral = createReferral(web.db, { accountId: duty.id, role: 'duty_officer', organisationId: null }, {
      programme: 'emergency',
      urgency: 'immediate',
      requestedStart: tonight(),
      nights: 1,
      household: { adults: 1, children: 0 },
      referrer: { contact: 'Accueil de jour', phone: '04 67 00 00 01' }
    });
    const page = await signedIn('duty_officer');
    await page.goto(`${web.url}/orientations/${referral.id}`);
    await Promise.all([page.waitForURL(/fait=accepted/), page.getByRole('button', { name: 'Accepter', exact: true }).click()]);
    const done = '.form-result[role="status"]';
    await expect(page.locator(done).textContent()).resolves.toContain('Orientation acceptée.');
    await expectFocusedInView(page, done);
    // Redirect without a reason: refused; the success still in the address is no longer shown.
    // The browser's own check (the reason is required) switched off: the server refuses.
    await page.locator('form:has(#reasonCode)').evaluate((f) => ((f as HTMLFormElement).noValidate = true));
    await page.getByRole('button', { name: 'Réorienter' }).click();
    const error = '.form-result[role="alert"]';
    await page.locator(error).waitFor();
    await expect(page.getByText('Orientation acceptée.').count()).resolves.toBe(0);
    await expectFocusedInView(page, error);
    await expectNoViolations(page, '/orientations/<id> after a refused decision');
    await page.context().close();
  });
});

describe('households (/menages)', () => {
  it('the answer of « retrouver par le nom complet » is focused and in view', async () => {
    expect.hasAssertions();
    const page = await signedIn('duty_officer');
    await page.goto(`${web.url}/menages`);
    await page.getByText('Retrouver un ménage confidentiel par son nom complet').click();
    await page.getByLabel('Nom complet, tel qu’il a été enregistré').fill('Personne Inconnue Du Service');
    await page.getByLabel('Motif de la recherche').fill('Elle rappelle le 115 ce soir.');
    await page.getByRole('button', { name: 'Retrouver par le nom complet' }).click();
    const done = '.form-result[role="status"]';
    await page.locator(done).waitFor();
    await expect(page.locator(done).textContent()).resolves.toContain('Aucun ménage confidentiel ne porte exactement ce nom.');
    await expectFocusedInView(page, done);
    await expectNoViolations(page, '/menages after a search by full name');
    await page.context().close();
  });
});

describe('the account (/compte)', () => {
  it('a wrong current password: the refusal is focused and in view', async () => {
    expect.hasAssertions();
    const page = await signedIn('housing_officer');
    await page.goto(`${web.url}/compte`);
    await page.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
    await page.getByLabel('Nouveau mot de passe (obligatoire)', { exact: true }).fill('une phrase de passe assez longue');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('une phrase de passe assez longue');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    const error = '.form-result[role="alert"]';
    await page.locator(error).waitFor();
    await expect(page.locator(error).textContent()).resolves.toContain('mot de passe actuel incorrect');
    await expectFocusedInView(page, error);
    await expectNoViolations(page, '/compte after a refused password change');
    await page.context().close();
  });
});
