// The pages the law asks for, in Chromium at a phone's width (390 px): every page's footer — signed
// in or not, the sign-in page and the error pages too — names the accessibility statement by its
// status and links it, the legal notice and the privacy notice; the three pages open without signing
// in and for every role, in French and in English, axe-clean and without sideways scrolling; the
// privacy notice states the durations the code holds; an admin's settings show on them at once.
// Real server on a demo database, real Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LEGAL_PAGES } from '../../src/domain/pages.ts';
import { ROLES } from '../../src/domain/programmes.ts';
import { RETENTION_YEARS } from '../../src/domain/retention.ts';
import { settings } from '../../src/services/config.ts';
import { count } from '../../src/lib/i18n/plural.ts';
import { messages } from '../../src/lib/i18n/index.ts';
import { DEMO_LEGAL_SETTINGS } from '../../db/seed/demo.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, SCREENSHOTS, signedInPage, startWebApp, type WebApp } from './_web.ts';

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

const TITLES: Record<(typeof LEGAL_PAGES)[number], { fr: string; en: string }> = {
  '/accessibilite': { fr: 'Déclaration d’accessibilité', en: 'Accessibility statement' },
  '/mentions-legales': { fr: 'Mentions légales', en: 'Legal notice' },
  '/confidentialite': { fr: 'Vos données personnelles', en: 'Your personal data' }
};

/** The footer's links to the three pages, as a list of [text, href]; the first names the status. */
async function footerLinks(page: Page): Promise<[string, string][]> {
  const footer = page.getByRole('contentinfo');
  const nav = footer.getByRole('navigation', { name: /Informations légales|Legal information/ });
  return nav.locator('a').evaluateAll((as) => as.map((a) => [a.textContent!.trim(), a.getAttribute('href')!] as [string, string]));
}

const FOOTER_FR = (status: string): [string, string][] => [
  [`Accessibilité : ${status}`, '/accessibilite'],
  ['Mentions légales', '/mentions-legales'],
  ['Données personnelles', '/confidentialite']
];

async function expectClean(page: Page): Promise<void> {
  expect(describeViolations(await axeScan(page))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('signed out', () => {
  test('the three pages open without signing in, axe-clean at 390 px, with the footer’s links', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of LEGAL_PAGES) {
      const answer = await page.goto(`${web.url}${path}`);
      expect(answer?.status(), path).toBe(200);
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLES[path].fr);
      expect((await footerLinks(page)).slice(0, 3)).toEqual(FOOTER_FR('non conforme'));
      await expectClean(page);
      await page.screenshot({ path: `${SCREENSHOTS}/legal${path.replace('/', '-')}-390.png`, fullPage: true });
    }
    await context.close();
  });

  test('the sign-in page’s footer links them, and each link leads to its page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    expect((await footerLinks(page)).slice(0, 3)).toEqual(FOOTER_FR('non conforme'));
    await Promise.all([page.waitForURL(/\/accessibilite$/), page.getByRole('link', { name: 'Accessibilité : non conforme' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Déclaration d’accessibilité');
    await context.close();
  });

  test('in English: the footer and the pages', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    for (const path of LEGAL_PAGES) {
      await page.goto(`${web.url}${path}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLES[path].en);
      expect((await footerLinks(page)).slice(0, 3)).toEqual([
        ['Accessibility: not compliant', '/accessibilite'],
        ['Legal notice', '/mentions-legales'],
        ['Personal data', '/confidentialite']
      ]);
      await expectClean(page);
    }
    await context.close();
  });
});

describe('signed in', () => {
  test('every role: the footer on its home, an error page and the three pages', async () => {
    for (const role of ROLES) {
      const page = await signedInPage(browser, web.url, role);
      expect((await footerLinks(page)).slice(0, 3), `${role} home`).toEqual(FOOTER_FR('non conforme'));
      // An error page (a page that does not exist) keeps the footer.
      const missing = await page.goto(`${web.url}/nexiste-pas`);
      expect(missing?.status()).toBe(404);
      expect((await footerLinks(page)).slice(0, 3), `${role} 404`).toEqual(FOOTER_FR('non conforme'));
      for (const path of LEGAL_PAGES) {
        const answer = await page.goto(`${web.url}${path}`);
        expect(answer?.status(), `${role} ${path}`).toBe(200);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLES[path].fr);
        expect((await footerLinks(page)).slice(0, 3)).toEqual(FOOTER_FR('non conforme'));
        await expectClean(page);
      }
      await page.context().close();
    }
  });

  test('a page a role may not open (403): the static error page links the three pages too', async () => {
    // The role guard refuses before any page is built: SvelteKit answers with its static page
    // (src/error.html), which cannot read the status and sends to the statement for it.
    const page = await signedInPage(browser, web.url, 'partner');
    const answer = await page.goto(`${web.url}/planning`);
    expect(answer?.status()).toBe(403);
    expect(await footerLinks(page)).toEqual([
      ['Accessibilité : voir le statut dans la déclaration', '/accessibilite'],
      ['Mentions légales', '/mentions-legales'],
      ['Données personnelles', '/confidentialite']
    ]);
    await expectClean(page);
    await page.context().close();
  });
});

describe('what the pages say', () => {
  test('the statement: not compliant because no audit exists; the Défenseur des droits; the contact', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/accessibilite`);
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA)');
    expect(text).toContain('aucun audit de conformité au RGAA n’a encore été réalisé');
    expect(text).toContain('Libre réponse 71120');
    expect(text).toContain('75342 Paris CEDEX 07');
    expect(text).toContain(DEMO_LEGAL_SETTINGS.accessibilityContact);
    expect(await page.getByRole('link', { name: /formulaire en ligne/ }).getAttribute('href')).toBe('https://formulaire.defenseurdesdroits.fr/');
    await context.close();
  });

  test('the privacy notice: the durations the code holds, every role, the DPO, the CNIL', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/confidentialite`);
    const text = (await page.locator('main').textContent())!;
    const years = count('fr', RETENTION_YEARS, 'an', 'ans');
    expect(text).toContain(`Personnes hébergées : ${years} après votre dernier contact avec le CIAS`);
    expect(text).toContain(`une session se ferme après ${count('fr', settings.sessionIdleMinutes(), 'minute', 'minutes')} sans activité`);
    expect(text).toContain('article 6-1-e');
    expect(text).toContain(DEMO_LEGAL_SETTINGS.dpoContact);
    expect(text).toContain('3 place de Fontenoy');
    // Who sees what: one entry for each role of the service, by its name.
    expect(await page.locator('main dl dt').allTextContents()).toEqual(ROLES.map((r) => messages('fr').common.roles[r]));
    await context.close();
  });

  test('the legal notice: the demo’s values, visibly placeholders', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/mentions-legales`);
    const text = (await page.locator('main').textContent())!;
    for (const value of [DEMO_LEGAL_SETTINGS.publisherName, DEMO_LEGAL_SETTINGS.publicationDirector, DEMO_LEGAL_SETTINGS.hostName]) {
      expect(text).toContain(value);
      expect(value).toMatch(/exemple|à compléter/);
    }
    await context.close();
  });
});

describe('an admin fills in the settings', () => {
  test('a bad rate is refused with its field marked; an audit changes the footer of every page', async () => {
    const page = await signedInPage(browser, web.url, 'admin');
    await page.goto(`${web.url}/admin/mentions`);
    await expectClean(page);
    await page.getByLabel('Taux de conformité du dernier audit RGAA (en %)').fill('120');
    await page.getByLabel('Date de cet audit').fill('2026-11-20');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('[role="alert"]');
    expect(await page.locator('#auditRate').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#auditRate-error').textContent()).toContain('un taux entre 0 et 100');
    await expectClean(page);

    await page.getByLabel('Taux de conformité du dernier audit RGAA (en %)').fill('72,5');
    await page.getByLabel('Nom de l’hébergeur').fill('Hébergeur public de test');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('text=Enregistré : les pages publiques le disent désormais.');
    await page.context().close();

    // Signed out: every page says so now.
    const context = await newContext(browser);
    const anon = await context.newPage();
    await anon.goto(`${web.url}/connexion`);
    expect((await footerLinks(anon)).slice(0, 3)).toEqual(FOOTER_FR('partiellement conforme'));
    await anon.goto(`${web.url}/accessibilite`);
    const statement = (await anon.locator('main').textContent())!;
    expect(statement).toContain('est partiellement conforme avec');
    expect(statement).toContain('révèle que 72,5 % des critères du RGAA sont respectés');
    expect(statement).not.toContain('aucun audit de conformité au RGAA n’a encore été réalisé');
    await anon.goto(`${web.url}/mentions-legales`);
    expect(await anon.locator('main').textContent()).toContain('Hébergeur public de test');
    await context.close();
  });
});
