// The administration in Chromium: the inventory, tokens shown once and revoked, limits, blocks
// without JavaScript, accounts; a duty officer refused; every page scanned by axe.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import { findStayLimit } from '../../db/queries/stay-limits.ts';
import { tonight } from '../../src/services/clock.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, mainNavigation, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

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

const PAGES = ['/admin', '/admin/sites', '/admin/limites', '/admin/territoire', '/admin/blocages', '/admin/comptes', '/admin/jetons', '/admin/journal', '/admin/mentions'];

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(describeViolations(await axeScan(page))).toEqual([]);
}

async function adminPage(width = 390): Promise<Page> {
  const context = await newContext(browser, { width });
  const page = await context.newPage();
  await signIn(page, web.url, 'admin');
  return page;
}

function availability(token: string): Promise<Response> {
  const from = tonight();
  return fetch(`${web.url}/api/v1/availability?from=${from}&to=${addDays(from, 2)}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('administration', () => {
  it.each([390, 1280])('every administration page passes the accessibility scan at %i px wide', async (width) => {
    expect.hasAssertions();
    const page = await adminPage(width);
    for (const path of PAGES) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(200);
      // Forms folded away are scanned open too.
      for (const summary of await page.locator('details.add > summary').all()) await summary.click();
      expect(describeViolations(await axeScan(page)), `${path} at ${width} px`).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `admin${path.replace('/admin', '').replace('/', '-')}-${width}.png`), fullPage: true });
    }
    await page.context().close();
  });

  it('an admin creates a site and a unit on it, and sees them in the inventory', async () => {
    expect.hasAssertions();
    const page = await adminPage();
    await page.goto(`${web.url}/admin/sites`);
    await page.getByText('Ajouter un site', { exact: true }).first().click();
    await page.getByLabel('Nom du site').fill('Appartement de Lunel-Viel');
    await page.getByLabel('Commune').fill('Lunel-Viel');
    await page.getByLabel('Adresse', { exact: true }).fill('12 rue des Écoles, 34400 Lunel-Viel');
    await page.getByLabel('Type de site').selectOption({ label: 'Appartement' });
    await page.getByLabel('Site confidentiel (adresse cachée aux partenaires)').check();
    await page.getByRole('button', { name: 'Ajouter un site' }).click();
    await page.getByText('Site « Appartement de Lunel-Viel » ajouté.').waitFor();
    const site = page.getByRole('region', { name: 'Appartement de Lunel-Viel' });
    await expect(site.getByText('Confidentiel').isVisible()).resolves.toBe(true);

    await page.getByText('Ajouter un logement', { exact: true }).first().click();
    await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Appartement de Lunel-Viel (Lunel-Viel)' });
    await page.getByLabel('Nom du logement').fill('T2 de Lunel-Viel');
    await page.getByLabel('Capacité (personnes)').fill('3');
    await page.getByLabel('Typologie (T1, T2…)').fill('T2');
    await page.getByRole('checkbox', { name: 'Urgence', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Protocole violences conjugales', exact: true }).check();
    await page.getByRole('button', { name: 'Ajouter un logement' }).click();
    await page.getByText('Logement « T2 de Lunel-Viel » ajouté.').waitFor();
    await expect(site.getByRole('heading', { name: 'T2 de Lunel-Viel' }).isVisible()).resolves.toBe(true);
    await expect(site.getByText('Urgence, Protocole violences conjugales').isVisible()).resolves.toBe(true);
    const row = web.db.$client.prepare(`SELECT capacity, programmes, typology FROM units WHERE name = 'T2 de Lunel-Viel'`).get();
    expect(row).toEqual({ capacity: 3, programmes: '["emergency","dv_protocol"]', typology: 'T2' });
    await page.context().close();
  });

  it('a token is shown once when created, opens the API, and stops at once when revoked', async () => {
    expect.hasAssertions();
    const page = await adminPage();
    await page.goto(`${web.url}/admin/jetons`);
    await page.getByText('Créer un jeton', { exact: true }).first().click();
    await page.getByLabel('Nom du jeton (à quoi il sert)').fill('Tableau de bord du CCAS');
    await page.getByLabel('Rôle').selectOption({ label: 'partenaire' });
    await page.getByLabel('Organisation').fill('CCAS de Lunel');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    await page.getByText('Copiez-le maintenant : il ne sera plus jamais affiché.').waitFor();
    const token = await page.getByLabel('Jeton', { exact: true }).inputValue();
    expect(token).toMatch(/^heb_[A-Za-z0-9_-]{43}$/);
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-jeton-cree-390.png'), fullPage: true });
    expect((await availability(token)).status).toBe(200);

    // Shown once: the page opened again lists the token, never its value.
    await page.goto(`${web.url}/admin/jetons`);
    await expect(page.content()).resolves.not.toContain(token);
    await expect(page.getByRole('heading', { name: 'Tableau de bord du CCAS' }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Révoquer le jeton Tableau de bord du CCAS' }).click();
    await page.getByText('Jeton révoqué : il ne donne plus accès.').waitFor();
    expect((await availability(token)).status).toBe(401);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Tableau de bord du CCAS' }) });
    await expect(card.getByText('Révoqué', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole('button', { name: /Révoquer/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('an admin changes a stay limit; the rule the services apply changes with it', async () => {
    expect.hasAssertions();
    expect(findStayLimit(web.db, 'emergency', 'hotel')).toBe(3);
    const page = await adminPage();
    await page.goto(`${web.url}/admin/limites`);
    const emergency = page.getByRole('region', { name: 'Urgence' });
    await emergency.getByLabel('Hôtel partenaire : nuits au plus').fill('5');
    await emergency.getByRole('button', { name: 'Enregistrer : Urgence' }).click();
    await page.getByText('Durées de « Urgence » enregistrées.').waitFor();
    expect(findStayLimit(web.db, 'emergency', 'hotel')).toBe(5);
    // A value out of range is refused in words and kept in the field.
    await emergency.getByLabel('Appartement : nuits au plus').fill('5000');
    await emergency.getByLabel('Appartement : nuits au plus').evaluate((el) => el.removeAttribute('max'));
    await emergency.getByRole('button', { name: 'Enregistrer : Urgence' }).click();
    await emergency.getByText('hors des valeurs permises').first().waitFor();
    await expect(emergency.getByLabel('Appartement : nuits au plus').inputValue()).resolves.toBe('5000');
    expect(findStayLimit(web.db, 'emergency', 'apartment')).toBe(92);
    await expectNoSeriousViolations(page);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Urgence' }).getByLabel('Hôtel partenaire : nuits au plus').inputValue()).resolves.toBe('5');
    const audit = web.db.$client.prepare(`SELECT detail FROM audit_entries WHERE action = 'limit.change' AND entity_id = 'emergency/hotel'`).all();
    expect(audit).toEqual([{ detail: JSON.stringify({ previous: 3, maxNights: 5 }) }]);
    await page.context().close();
  });

  it('blocks work without JavaScript: block a unit, see a conflict in words, lift the block', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, web.url, 'admin');
    await page.goto(`${web.url}/admin/blocages`);
    const start = addDays(tonight(), 2);
    const end = addDays(tonight(), 4);

    // Over a stay: refused, with the stay's nights said in words, and the form keeps what was typed.
    await page.getByText('Bloquer un logement', { exact: true }).first().click();
    await page.getByLabel('Logement', { exact: true }).selectOption({ label: 'Les Tamaris — studio 02 — Résidence sociale Les Tamaris' });
    await page.getByLabel('Première nuit bloquée').fill(start);
    await page.getByLabel('Jour de remise en service').fill(end);
    await page.getByLabel('Motif').fill('Changement de la serrure');
    await Promise.all([page.waitForURL(/\/admin\/blocages/), page.getByRole('button', { name: 'Bloquer un logement' }).click()]);
    await expect(page.getByText('Ces nuits sont déjà prises sur ce logement :').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/^Séjour du \w+ \d+ \w+ \d{4} au \w+ \d+ \w+ \d{4}$/).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Motif').inputValue()).resolves.toBe('Changement de la serrure');

    // On a free studio: recorded, listed.
    await page.getByLabel('Logement', { exact: true }).selectOption({ label: 'Les Tamaris — studio 01 — Résidence sociale Les Tamaris' });
    await Promise.all([page.waitForURL(/\/admin\/blocages/), page.getByRole('button', { name: 'Bloquer un logement' }).click()]);
    await expect(page.getByText('Blocage enregistré.').isVisible()).resolves.toBe(true);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Les Tamaris — studio 01' }) });
    await expect(card.getByText('Changement de la serrure').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-blocages-sans-js-390.png'), fullPage: true });

    await Promise.all([page.waitForURL(/\/admin\/blocages/), card.getByRole('button', { name: /^Lever/ }).click()]);
    await expect(page.getByText('Blocage levé : les nuits à venir sont libres.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Les Tamaris — studio 01' }).count()).resolves.toBe(0);
    const actions = web.db.$client.prepare(`SELECT action FROM audit_entries WHERE entity = 'block' ORDER BY id DESC LIMIT 2`).all();
    expect(actions).toEqual([{ action: 'block.lift' }, { action: 'block.create' }]);
    await context.close();
  });

  it('an account form refused keeps what was typed and says why; disabling an account ends its session', async () => {
    expect.hasAssertions();
    const page = await adminPage();
    await page.goto(`${web.url}/admin/comptes`);
    await page.getByText('Créer un compte de connexion', { exact: true }).first().click();
    await page.getByLabel('Adresse e-mail').fill(EMAILS.housing_officer);
    await page.getByLabel('Nom affiché').fill('Doublon');
    await page.getByLabel('Mot de passe initial').fill('un mot de passe assez long');
    await page.getByRole('button', { name: 'Créer un compte de connexion' }).click();
    await page.getByText('Le formulaire n’a pas été enregistré :').waitFor();
    await expect(page.getByText('un compte utilise déjà cette adresse').first().isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Nom affiché').inputValue()).resolves.toBe('Doublon');
    await expectNoSeriousViolations(page);

    // The housing officer is signed in elsewhere; the admin disables the account.
    const other = await newContext(browser);
    const officer = await other.newPage();
    await signIn(officer, web.url, 'housing_officer');
    await page.getByRole('button', { name: 'Désactiver le compte Mission logement (démo)', exact: true }).click();
    await page.getByText('Compte désactivé : ses sessions sont fermées.').waitFor();
    await officer.goto(`${web.url}/planning`);
    expect(new URL(officer.url()).pathname).toBe('/connexion');
    // And enables it again: the account signs in anew.
    await page.getByRole('button', { name: 'Réactiver le compte Mission logement (démo)', exact: true }).click();
    await page.getByText('Compte réactivé.').waitFor();
    await signIn(officer, web.url, 'housing_officer');
    expect(new URL(officer.url()).pathname).toBe('/mission');
    await other.close();
    await page.context().close();
  });

  it('a duty officer gets 403 on every administration page and form', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    for (const path of PAGES) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(403);
    }
    // Nor is the administration in the duty officer's navigation.
    await page.goto(`${web.url}/menages`);
    const nav = await mainNavigation(page);
    await expect(nav.getByRole('link', { name: 'Ménages' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: 'Administration' }).count()).resolves.toBe(0);
    const before = (web.db.$client.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n;
    const posted = await page.request.post(`${web.url}/admin/jetons?/create`, { form: { name: 'intrus', role: 'admin' }, headers: { origin: web.url } });
    expect(posted.status()).toBe(403);
    expect((web.db.$client.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n).toBe(before);
    await context.close();
  });
});
