// /compte in Chromium at a phone's width: an admin turns on the second factor in a minute (QR code
// drawn on the server, the otpauth URI and the key as text, a first code, recovery codes shown
// once), without JavaScript; then signs in again with a code through the second step of
// /connexion; an admin removes a lost second factor of a duty officer from /admin/comptes.
// Real server on a demo database, real Chromium, every page scanned by axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/services/accounts.ts';
import { totpCodeAt } from '../../src/services/totp.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { DEMO_PASSWORD, EMAILS, mainNavigation, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
const savedDatabasePath = process.env.DATABASE_PATH;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (savedDatabasePath === undefined) delete process.env.DATABASE_PATH;
  else process.env.DATABASE_PATH = savedDatabasePath;
});

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function expectClean(page: Page): Promise<void> {
  expect(describeViolations(await axeScan(page))).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
}

describe('the second factor from /compte', () => {
  test('an admin turns it on without JavaScript, then signs in with a code', async () => {
    expect.hasAssertions();
    // Without JavaScript: every step is a plain form post (axe and the width checks, which run
    // scripts in the page, are in the next test).
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(EMAILS.admin);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: 'Se connecter' }).click()]);

    // The navigation leads to the account page.
    await Promise.all([page.waitForURL(/\/compte$/), (await mainNavigation(page, 'Navigation principale')).getByRole('link', { name: 'Mon compte' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mon compte');

    await page.getByRole('button', { name: 'Activer le second facteur' }).click();
    await page.waitForSelector('.qr svg');
    const uri = (await page.locator('code.uri').first().textContent())!;
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
    const secret = new URL(uri).searchParams.get('secret')!;
    await page.screenshot({ path: `${SCREENSHOTS}/compte-enrol-390.png`, fullPage: true });

    await page.getByLabel('2. Saisissez le code à 6 chiffres affiché par l’application :').fill(totpCodeAt(secret, Date.now()));
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForSelector('text=Second facteur activé.');
    const codes = await page.locator('.codes code').allTextContents();
    expect(codes).toHaveLength(10);
    await page.screenshot({ path: `${SCREENSHOTS}/compte-codes-390.png`, fullPage: true });
    expect(await page.locator('main').textContent()).toContain('10 codes de secours restants.');

    // Sign out, sign in again: the password, then the code.
    await (await mainNavigation(page)).getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    await page.getByLabel('Adresse e-mail').fill(EMAILS.admin);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('input[name="code"]');
    expect(await page.getByRole('heading', { level: 2, name: 'Code de vérification' }).count()).toBe(1);
    await page.getByLabel('Code (obligatoire)', { exact: true }).fill(totpCodeAt(secret, Date.now() + 30_000));
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Valider' }).click()]);
    await context.close();
  });

  test('an admin removes a duty officer’s lost second factor from /admin/comptes; the officer then signs in with the password alone', async () => {
    expect.hasAssertions();
    // The duty officer enrols (with JavaScript this time).
    const officerContext = await newContext(browser);
    const officer = await officerContext.newPage();
    await signIn(officer, web.url, 'duty_officer');
    await officer.goto(`${web.url}/compte`);
    await officer.waitForLoadState('networkidle');
    await expectClean(officer);
    await officer.getByRole('button', { name: 'Activer le second facteur' }).click();
    await officer.waitForSelector('.qr svg');
    await expectClean(officer);
    const uri = (await officer.locator('code.uri').first().textContent())!;
    const secret = new URL(uri).searchParams.get('secret')!;
    await officer.getByLabel(/Saisissez le code à 6 chiffres/).fill(totpCodeAt(secret, Date.now()));
    await officer.getByRole('button', { name: 'Confirmer' }).click();
    await officer.waitForSelector('.codes code');
    await expectClean(officer);
    // The code step of the sign-in, at 390 px.
    await (await mainNavigation(officer)).getByRole('button', { name: 'Se déconnecter' }).click();
    await officer.waitForURL(/\/connexion/);
    await officer.waitForLoadState('networkidle');
    await officer.getByLabel('Adresse e-mail').fill(EMAILS.duty_officer);
    await officer.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await officer.getByRole('button', { name: 'Se connecter' }).click();
    await officer.waitForSelector('input[name="code"]');
    await expectClean(officer);
    await officer.screenshot({ path: `${SCREENSHOTS}/connexion-code-390.png`, fullPage: true });
    await officerContext.close();

    // Another admin (the demo's has a second factor since the test above, its codes of this minute used).
    await createUser(web.db, { email: 'seconde-admin@demo.lunel.fr', role: 'admin', password: 'Seconde-admin-Vidourle-7', name: 'Seconde admin' });
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await admin.goto(`${web.url}/connexion`);
    await admin.waitForLoadState('networkidle');
    await admin.getByLabel('Adresse e-mail').fill('seconde-admin@demo.lunel.fr');
    await admin.getByLabel('Mot de passe').fill('Seconde-admin-Vidourle-7');
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.waitForURL((u) => u.pathname === '/');
    await admin.goto(`${web.url}/admin/comptes`);
    await admin.waitForLoadState('networkidle');
    const card = admin.locator('li', { has: admin.getByText(EMAILS.duty_officer, { exact: true }) });
    expect(await card.textContent()).toContain('second facteur activé');
    await card.locator('summary', { hasText: 'Sécurité' }).click();
    await card.getByRole('button', { name: /Retirer le second facteur/ }).click();
    await admin.waitForSelector('text=Second facteur retiré : ses sessions sont fermées.');
    expect(await admin.locator('li', { has: admin.getByText(EMAILS.duty_officer, { exact: true }) }).textContent()).toContain('sans second facteur');
    await expectClean(admin);
    await admin.screenshot({ path: `${SCREENSHOTS}/admin-comptes-security-390.png`, fullPage: true });
    await adminContext.close();

    // The officer signs in with the password alone.
    const againContext = await newContext(browser);
    const again = await againContext.newPage();
    await signIn(again, web.url, 'duty_officer');
    expect(new URL(again.url()).pathname).toBe('/');
    await againContext.close();
  });
});
