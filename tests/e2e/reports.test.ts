// The staff reports in real Chromium against the real server on the demo territory, at 390 px: a
// period chosen through the page's form (with and without JavaScript), a chart with its data table,
// every table's CSV read back equal to the table on the page, the printable annual report (print
// media: the site's navigation hidden, the CIAS's name, the period and the day drawn up shown; a
// screenshot), axe on every report page; partners refused, the declarations for admins and duty
// officers only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { today } from '../../src/services/clock.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { mainNavigation, newContext, SCREENSHOTS, signedInPage, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
const YEAR = today().slice(0, 4);

async function pageAs(role: 'admin' | 'duty_officer' | 'housing_officer' | 'residence_officer' | 'partner', locale: 'fr-FR' | 'en-GB' = 'fr-FR'): Promise<Page> {
  const context = await newContext(browser, { locale });
  const page = await context.newPage();
  await signIn(page, web.url, role);
  return page;
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: sideways scroll`).toBeLessThanOrEqual(0);
}

/** Every report table on the page: its id and its cells as text, the header row first (no rows at all when it is empty). */
function tablesOf(page: Page): Promise<{ id: string; rows: string[][] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section[data-report-table]')].map((t) => ({
      id: t.getAttribute('data-report-table')!,
      rows: [...t.querySelectorAll('table tr')].map((tr) =>
        [...tr.children].map((cell) => {
          // A key figure's label carries its definition in a disclosure: the label is the summary.
          const summary = cell.querySelector('summary');
          return (summary ? summary.textContent : cell.textContent)!.trim();
        })
      )
    }))
  );
}

beforeAll(async () => {
  web = await startWebApp();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('/rapports: a period chosen through the form', () => {
  it('the year form gives the year’s report, the address names it, at 390 px, axe-clean', async () => {
    const page = await pageAs('admin');
    await page.goto(`${web.url}/rapports`);
    // The default: the last full month.
    await expect(page.locator('#period').textContent()).resolves.toMatch(/^Période : \p{L}+ \d{4}$/u);
    await page.getByLabel('Une année').fill(YEAR);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('annee') === YEAR), page.getByRole('button', { name: /Afficher : Une année/ }).click()]);
    await expect(page.locator('#period').textContent()).resolves.toBe(`Période : année ${YEAR}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Rapport d’activité');
    const sections = ['Nuitées et ménages accueillis', 'Occupation des logements', 'Durée des séjours', 'Sorties', 'Demandes non pourvues', 'Orientations', 'Protocole violences conjugales', 'Mission logement', 'Résidence sociale', 'Le territoire'];
    await expect(page.locator('main h2[id^="s-"]').allTextContents()).resolves.toEqual(sections);
    for (const section of sections) {
      await expect(page.getByRole('heading', { level: 2, name: section }).count(), section).resolves.toBe(1);
    }
    // Twelve months in the nights-by-month table (its header first).
    const tables = await tablesOf(page);
    expect(tables.find((t) => t.id === 'nuitees-par-mois')!.rows).toHaveLength(13);
    // A figure's definition is one tap away, without JavaScript.
    const definition = page.locator('section[aria-labelledby="t-nuitees-par-dispositif"] details.definition');
    await expect(definition.locator('p').isVisible()).resolves.toBe(false);
    await definition.locator('summary').click();
    await expect(definition.locator('p').isVisible()).resolves.toBe(true);
    await expectNoSidewaysScroll(page, '/rapports');
    await expectAxeClean(page, '/rapports at 390 px');
    await page.screenshot({ path: `${SCREENSHOTS}/reports-390.png`, fullPage: true });
    await page.context().close();
  });

  it('without JavaScript, chosen dates give that period, its last night included', async () => {
    const page = await signedInPage(browser, web.url, 'duty_officer', false);
    await page.goto(`${web.url}/rapports`);
    await page.getByLabel('Du (première nuit)').fill(`${YEAR}-03-01`);
    await page.getByLabel('Au (dernière nuit, incluse)').fill(`${YEAR}-03-31`);
    await Promise.all([page.waitForURL(/du=/), page.getByRole('button', { name: /Afficher : Des dates choisies/ }).click()]);
    const url = new URL(page.url());
    expect([url.searchParams.get('du'), url.searchParams.get('au')]).toEqual([`${YEAR}-03-01`, `${YEAR}-03-31`]);
    await expect(page.locator('#period').textContent()).resolves.toBe(`Période : du 1 mars ${YEAR} au 31 mars ${YEAR}`);
    const months = (await tablesOf(page)).find((t) => t.id === 'nuitees-par-mois')!.rows;
    expect(months.slice(1).map((r) => r[0])).toEqual([`mars ${YEAR}`]);
    await page.context().close();
  });

  it('a period that cannot be read says so and shows last month', async () => {
    const page = await pageAs('admin');
    await page.goto(`${web.url}/rapports?mois=${YEAR}-13`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('n’est pas lisible');
    await page.goto(`${web.url}/rapports?du=2015-01-01&au=2024-12-31`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('au plus cinq ans');
    await page.context().close();
  });
});

describe('charts', () => {
  it('nights by month: an SVG named by its title and summary, one column a month, and its data table beside it', async () => {
    const page = await pageAs('admin');
    await page.goto(`${web.url}/rapports?annee=${YEAR}`);
    const section = page.locator('section[aria-labelledby="t-nuitees-par-mois"]');
    const svg = section.locator('figure svg[role="img"]');
    await expect(svg.count()).resolves.toBe(1);
    // Its accessible name is its title and its summary.
    const labelledBy = (await svg.getAttribute('aria-labelledby'))!.split(' ');
    const names = await Promise.all(labelledBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(names[0]).toBe('Nuitées ménage par mois');
    const rows = (await tablesOf(page)).find((t) => t.id === 'nuitees-par-mois')!.rows.slice(1);
    const values = rows.map((r) => Number(r[1]!.replace(/\s/g, '')));
    const best = values.indexOf(Math.max(...values));
    if (values[best]! > 0) expect(names[1]).toBe(`Le mois le plus chargé : ${rows[best]![0]}, avec ${rows[best]![1]} nuitées ménage.`);
    // One column per month, drawn without JavaScript (the page ships none), fitting the phone.
    await expect(svg.locator('rect[fill="#0b5c55"]').count()).resolves.toBe(12);
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(box.width).toBeGreaterThan(300);
    // The table is there for screen readers and the eyes alike.
    await expect(section.locator('table').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('exits to housing are told by a hatch pattern and a legend, not by colour alone', async () => {
    const page = await pageAs('admin');
    await page.goto(`${web.url}/rapports?annee=${YEAR}`);
    const section = page.locator('section[aria-labelledby="t-sorties-par-destination"]');
    const marked = await section.locator('figure svg[role="img"] rect[fill^="url(#"]').count();
    const rows = (await tablesOf(page)).find((t) => t.id === 'sorties-par-destination')!.rows.slice(1);
    const housing = rows.filter((r) => r[0] === 'Logement locatif privé' || r[0] === 'Logement social').length;
    expect(marked).toBe(housing);
    if (marked > 0) await expect(section.locator('.legend').textContent()).resolves.toContain('Sortie vers le logement');
    await page.context().close();
  });
});

describe('CSV', () => {
  it('every table’s CSV, read back, is the table on the page (BOM, ; separators)', async () => {
    const page = await pageAs('admin');
    await page.goto(`${web.url}/rapports?annee=${YEAR}`);
    const tables = await tablesOf(page);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    const links = await page.locator('a[href*=".csv?"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(links).toHaveLength(tables.length);
    for (const t of tables) {
      const href = links.find((l) => l.startsWith(`/rapports/${t.id}.csv?`));
      expect(href, t.id).toBe(`/rapports/${t.id}.csv?annee=${YEAR}`);
      const res = await page.request.get(`${web.url}${href}`);
      expect(res.status(), t.id).toBe(200);
      expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
      const body = await res.body();
      expect([...body.subarray(0, 3)], `${t.id}: BOM`).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      if (t.rows.length) expect(text.split('\r\n')[0], `${t.id}: ; separators`).toBe(t.rows[0]!.join(';'));
      const parsed = parse(text, { delimiter: ';', relax_column_count: false }) as string[][];
      // A table with no row shows no table on the page: its CSV is its header alone.
      if (t.rows.length === 0) {
        expect(parsed, t.id).toHaveLength(1);
        continue;
      }
      // The page writes whole numbers with the language's grouping and an empty cell as a dash.
      const shown = t.rows.map((r) => r.map((c) => (c === '—' ? '' : /^[\d\s\u202f\u00a0]+$/.test(c) ? c.replace(/[\s\u202f\u00a0]/g, '') : c)));
      expect(parsed, t.id).toEqual(shown);
    }
    await page.context().close();
  });
});

describe('the printable annual report', () => {
  it('printed: the navigation hidden, the CIAS’s name, the period and the day drawn up, charts included; a screenshot', async () => {
    const page = await pageAs('admin');
    await page.goto(`${web.url}/rapports`);
    await Promise.all([page.waitForURL(/\/rapports\/imprimer/), page.getByRole('link', { name: 'Version imprimable (rapport annuel)' }).click()]);
    await page.goto(`${web.url}/rapports/imprimer?annee=${YEAR}`);
    await expectAxeClean(page, '/rapports/imprimer on screen');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('footer.site-footer').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Rapport d’activité — CIAS du Pays de Lunel');
    await expect(page.locator('.report-head .period').textContent()).resolves.toBe(`Période : année ${YEAR}`);
    const drawn = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today()}T12:00:00Z`));
    await expect(page.locator('.report-head .drawn').textContent()).resolves.toBe(`Établi le ${drawn}`);
    await expect(page.locator('.report-head .internal').textContent()).resolves.toMatch(/^Document interne — ne pas diffuser/);
    await expect(page.locator('.report-head .drawn').isVisible()).resolves.toBe(true);
    // The definitions are written out, the links to CSV gone, the charts there.
    await expect(page.locator('main details').count()).resolves.toBe(0);
    await expect(page.locator('a[href*=".csv"]').count()).resolves.toBe(0);
    expect(await page.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByText('Pour l’imprimer').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/reports-print.png`, fullPage: true });
    // And /rapports itself prints without the navigation and the period picker.
    await page.goto(`${web.url}/rapports?annee=${YEAR}`);
    await expect(page.locator('header.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.picker').isVisible()).resolves.toBe(false);
    await page.context().close();
  });
});

describe('who sees what', () => {
  it('a partner gets the 403 page on every staff report page and CSV', async () => {
    const page = await pageAs('partner');
    for (const path of ['/rapports', `/rapports/imprimer?annee=${YEAR}`, `/rapports/nuitees-par-dispositif.csv?annee=${YEAR}`]) {
      const res = await page.goto(`${web.url}${path}`).catch(() => null);
      // A download is not a navigation: ask for it directly then.
      const status = res ? res.status() : (await page.request.get(`${web.url}${path}`)).status();
      expect(status, path).toBe(403);
    }
    await page.goto(`${web.url}/rapports`);
    await expect(page.getByText('Cette page n’est pas ouverte à votre rôle').isVisible()).resolves.toBe(true);
    // No link to the staff reports in the partner's navigation.
    await expect((await mainNavigation(page)).getByRole('link', { name: 'Rapports' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('nobody signed in is sent to sign in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/rapports?annee=${YEAR}`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await context.close();
  });

  it('declarations for admins and duty officers only; a housing officer sees its programmes only', async () => {
    const admin = await pageAs('duty_officer');
    await admin.goto(`${web.url}/rapports?annee=${YEAR}`);
    await expect((await mainNavigation(admin)).getByRole('link', { name: 'Rapports' }).count()).resolves.toBe(1);
    const declarations = admin.locator('section[aria-labelledby="declarations-title"] a');
    await expect(declarations.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual([
      `/rapports/declarations/siao?month=${YEAR}-12`,
      `/rapports/declarations/alt?year=${YEAR}`,
      `/rapports/declarations/protocole?year=${Number(YEAR) - 1}`
    ]);
    await admin.context().close();

    const officer = await pageAs('housing_officer');
    await officer.goto(`${web.url}/rapports?annee=${YEAR}`);
    await expect(officer.locator('section[aria-labelledby="declarations-title"]').count()).resolves.toBe(0);
    const programmes = (await tablesOf(officer)).find((t) => t.id === 'nuitees-par-dispositif')!.rows.slice(1).map((r) => r[0]);
    expect(programmes).toEqual(['Résidence sociale', 'Mission logement']);
    // Sections of programmes it does not handle are not there at all.
    await expect(officer.locator('main h2[id^="s-"]').allTextContents()).resolves.toEqual([
      'Nuitées et ménages accueillis',
      'Occupation des logements',
      'Durée des séjours',
      'Sorties',
      'Demandes non pourvues',
      'Orientations',
      'Mission logement',
      'Résidence sociale',
      'Le territoire'
    ]);
    await expectAxeClean(officer, '/rapports as a housing officer');
    await officer.context().close();
  });

  it('the public report, linked from /rapports, is axe-clean for staff and partners alike', async () => {
    const admin = await pageAs('admin');
    await admin.goto(`${web.url}/rapports`);
    await Promise.all([admin.waitForURL((u) => u.pathname === '/rapports/public'), admin.getByRole('link', { name: 'Chiffres publics (pour les partenaires)' }).click()]);
    await expectNoSidewaysScroll(admin, '/rapports/public as admin');
    await expectAxeClean(admin, '/rapports/public as admin');
    await admin.context().close();
    const partner = await pageAs('partner');
    const res = await partner.goto(`${web.url}/rapports/public`);
    expect(res!.status()).toBe(200);
    await expectAxeClean(partner, '/rapports/public as a partner');
    await partner.context().close();
  });

  it('the report speaks English when asked', async () => {
    const page = await pageAs('residence_officer', 'en-GB');
    await page.goto(`${web.url}/langue?vers=en&retour=${encodeURIComponent(`/rapports?trimestre=${YEAR}-T1`)}`);
    await expect(page.locator('#period').textContent()).resolves.toBe(`Period: Q1 ${YEAR}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Occupancy of the units' }).count()).resolves.toBe(1);
    await expectAxeClean(page, '/rapports in English');
    await page.context().close();
  });
});
