// Signing in and landing (docs/api.md, "Pages"): the sign-in page says what the service is; each role lands on
// its own home; tonight shows the demo's free units, with and without JavaScript; five wrong
// passwords are throttled; the language switch; the role guard; the session cookie's flags.
// Real server on a demo database, real Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { DEMO_PASSWORD, EMAILS, mainNavigation, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
const savedDatabasePath = process.env.DATABASE_PATH;

beforeAll(async () => {
  web = await startWebApp();
  // getDb() (db/client.ts) hands out the shared connection only when its path is DATABASE_PATH;
  // without this, the pages would open data/hebergement.sqlite instead of the seeded demo database.
  process.env.DATABASE_PATH = web.test.path;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (savedDatabasePath === undefined) delete process.env.DATABASE_PATH;
  else process.env.DATABASE_PATH = savedDatabasePath;
});

/** Free units of the demo tonight (db/seed/demo.ts): nothing booked on them from tonight on. */
const FREE_TONIGHT = [
  'Maison de Marsillargues — logement 1 (rez-de-chaussée)',
  'Hôtel du Vidourle — chambre 2',
  'Mas des Cigales — chambre 2',
  'Relais des Arènes — chambre 3',
  'Les Tamaris — studio 01'
];
/** Busy tonight in the demo: a stay in place, a hold, a block. */
const BUSY_TONIGHT = ['Appartement T3 de Saussines', 'Maison de Marsillargues — logement 4', 'Les Tamaris — studio 15'];

async function withPage<T>(context: BrowserContext, fn: (page: Page) => Promise<T>): Promise<T> {
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Everything a page logged as an error (a blocked hydration script shows up here). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('the sign-in page', () => {
  test('says in French what the service is, with an English line, links to the API docs, and passes axe', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      const errors = collectErrors(page);
      const response = await page.goto(`${web.url}/connexion`);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain('Réserver l’hébergement d’urgence et la résidence sociale du CIAS du Pays de Lunel');
      expect(await main.locator('[lang="en"]').textContent()).toContain('emergency housing');
      expect(await main.getByRole('link', { name: 'documentation de l’API' }).getAttribute('href')).toBe('/api/docs');
      // The form is still there, with the fields the contract names.
      expect(await page.locator('form input[name="email"]').count()).toBe(1);
      expect(await page.locator('form input[name="password"]').count()).toBe(1);

      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/connexion-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/connexion-1280.png`, fullPage: true });
      expect(errors).toEqual([]);
    });
  });

  test('an anonymous visitor of / is sent to the sign-in page', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await page.goto(`${web.url}/`);
      expect(new URL(page.url()).pathname).toBe('/connexion');
    });
  });
});

describe('a duty officer signs in and lands on tonight', () => {
  test('tonight shows the demo’s free units, each one tap from placing someone there, and passes axe at 390 and 1280 px', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      const errors = collectErrors(page);
      await signIn(page, web.url, 'duty_officer');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce soir');
      // « Nuit du lundi 7 décembre 2026 »: the night written as the French do.
      expect(await page.locator('.night').textContent()).toMatch(/^Nuit du (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+ \d{4}$/);

      const free = page.locator('#libres');
      const freeText = (await free.textContent()) ?? '';
      for (const name of FREE_TONIGHT) expect(freeText, name).toContain(name);
      for (const name of BUSY_TONIGHT) expect(freeText, name).not.toContain(name);

      // One tap from a free unit to placing someone there.
      const place = free.getByRole('link', { name: /Placer ici\s:\sMaison de Marsillargues — logement 1/ }).first();
      const href = new URL((await place.getAttribute('href'))!, web.url);
      expect(href.pathname).toBe('/placer');
      expect(href.searchParams.get('unitId')).toMatch(/\S/);
      // No dates nor persons: the placing page asks them first.
      expect(href.searchParams.get('start')).toBeNull();
      expect(href.searchParams.get('programme')).toBe('emergency');
      const box = await place.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);

      // Holds about to lapse: the demo's two holds, both under their pseudonym only (one under the DV
      // protocol, the other in the confidential house of Marsillargues).
      const holds = (await page.locator('#options').textContent()) ?? '';
      expect(holds).not.toContain('Ndiaye');
      expect(holds.match(/Ménage [A-Z2-9]{4}/g)).toHaveLength(2);
      expect(holds).toMatch(/Expire à \d{2}:\d{2}/);
      expect(await page.content()).not.toContain('Ferreira');
      expect(await page.locator('#options a[href^="/sejours/"]').count()).toBe(2);

      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/tonight-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/tonight-1280.png`, fullPage: true });
      expect(errors).toEqual([]);
    });
  });

  test('tonight works without JavaScript: signing in through the plain form and reading the free units', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await withPage(context, async (page) => {
      await signIn(page, web.url, 'duty_officer');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce soir');
      const freeText = (await page.locator('#libres').textContent()) ?? '';
      for (const name of FREE_TONIGHT) expect(freeText, name).toContain(name);
    });
  });

  test('the session cookie is httpOnly and SameSite=Lax, and a session id set before sign-in is not kept', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    await context.addCookies([{ name: 'session', value: 'fixe-par-un-attaquant', url: web.url }]);
    await withPage(context, async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const cookie = (await context.cookies(web.url)).find((c) => c.name === 'session');
      expect(cookie).toBeDefined();
      expect(cookie!.httpOnly).toBe(true);
      expect(cookie!.sameSite).toBe('Lax');
      expect(cookie!.value).not.toBe('fixe-par-un-attaquant');
      expect(Buffer.from(cookie!.value, 'base64url').length).toBeGreaterThanOrEqual(16);
      // Scripts cannot read it.
      expect(await page.evaluate(() => document.cookie)).not.toContain('session=');
    });
  });

  test('the French and English switch changes the page’s language and texts, and back', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce soir');

      await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('link', { name: 'English' }).click()]);
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tonight');
      expect(await page.locator('.night').textContent()).toMatch(/^Night of (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? \d{1,2} [A-Z][a-z]+ \d{4}$/);
      expect(await page.getByRole('link', { name: /^Place here: / }).count()).toBeGreaterThan(0);
      expect(await (await mainNavigation(page)).getByRole('button', { name: 'Sign out' }).count()).toBe(1);

      await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('link', { name: 'Français' }).click()]);
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce soir');
    });
  });

  test('a duty officer cannot open /admin: the server answers 403', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const response = await page.goto(`${web.url}/admin`);
      expect(response?.status()).toBe(403);
      expect(await page.locator('body').textContent()).toContain('403');
      // A form post to /admin is refused by the same guard, whatever it sends.
      const post = await page.request.post(`${web.url}/admin`, { form: { anything: '1' }, headers: { origin: web.url }, maxRedirects: 0 });
      expect(post.status()).toBe(403);
    });
  });
});

describe('other roles land on their own home', () => {
  test('a housing officer lands on /mission, and is sent there from /', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'housing_officer');
      expect(new URL(page.url()).pathname).toBe('/mission');
      await page.goto(`${web.url}/`);
      expect(new URL(page.url()).pathname).toBe('/mission');
    });
  });

  test('a partner lands on /disponibilites and sees a table of free places by night and programme, nothing confidential, and it passes axe', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      const errors = collectErrors(page);
      await signIn(page, web.url, 'partner');
      expect(new URL(page.url()).pathname).toBe('/disponibilites');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Places disponibles');

      // The first table is the nightly totals by programme; the others list free units by commune.
      const tables = page.getByRole('table');
      expect(await tables.count()).toBeGreaterThanOrEqual(1);
      const table = tables.first();
      const columns = await table.locator('thead th[scope="col"]').allTextContents();
      // The demo has no unit of the housing mission: said in words, not as a column of zeros.
      expect(columns).toEqual(['Nuit', 'Urgence', 'Violences conjugales', 'Résidence sociale']);
      expect(await page.getByRole('main').textContent()).toMatch(/Mission logement\s:\saucune place libre/);
      expect(await table.locator('tbody th[scope="row"]').count()).toBe(14);
      const first = table.locator('tbody tr').first();
      expect(await first.locator('th').textContent()).toContain('ce soir');
      expect(await table.locator('tbody td').count()).toBe(14 * 3);
      // Tonight, the emergency programme has free places in the demo (free units listed on tonight's page).
      expect(Number(await first.locator('td .places').first().textContent())).toBeGreaterThan(0);

      // No unit, address or household of a confidential site: only totals.
      const html = await page.content();
      for (const secret of ['Saussines', 'Saint-Christol', 'impasse des Oliviers', 'Ménage ', 'Rossi']) expect(html, secret).not.toContain(secret);

      // A partner may not open tonight: it is sent home. Placing is refused by the server.
      await page.goto(`${web.url}/`);
      expect(new URL(page.url()).pathname).toBe('/disponibilites');
      expect((await page.request.get(`${web.url}/placer`, { maxRedirects: 0 })).status()).toBe(403);
      await page.goto(`${web.url}/disponibilites`);

      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // The table fits a phone without scrolling sideways inside its region either.
      expect(await page.locator('.scroll').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/disponibilites-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(describeViolations(await axeScan(page))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/disponibilites-1280.png`, fullPage: true });
      expect(errors).toEqual([]);
    });
  });
});

describe('throttling', () => {
  // The admin's login is used by no other test of this file: locking it here disturbs nothing.
  test('five wrong passwords, then the right one is refused with the throttling message in French', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await page.goto(`${web.url}/connexion`);
      await page.waitForLoadState('networkidle');
      const alert = page.getByRole('alert');
      const tryWith = async (password: string) => {
        await page.getByLabel('Adresse e-mail').fill(EMAILS.admin);
        await page.getByLabel('Mot de passe').fill(password);
        const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/connexion');
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await answered;
        await page.waitForLoadState('networkidle');
      };
      for (let i = 1; i <= 5; i++) {
        await tryWith(`pas-le-bon-${i}`);
        expect(await alert.textContent(), `try ${i}`).toContain('E-mail ou mot de passe incorrect.');
      }
      await tryWith(DEMO_PASSWORD);
      // The form is enhanced: the page applies the answer a moment after it arrives, so wait for
      // the new message rather than read the previous one.
      await alert.filter({ hasText: 'Trop d’essais' }).waitFor({ timeout: 15_000 });
      expect(await alert.textContent()).toMatch(/Trop d’essais depuis cet appareil : réessayez dans \d+ min\./);
      expect(new URL(page.url()).pathname).toBe('/connexion');
      expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(EMAILS.admin);
      expect(describeViolations(await axeScan(page))).toEqual([]);
    });
  });
});
