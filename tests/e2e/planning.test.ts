// The planning page (/planning) in real Chromium, on the demo territory: units × nights, stays as
// bars by status, tonight marked, navigation by week and month, filters, blocking a unit.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { formatDate, formatDayHeader } from '../../src/lib/format.ts';
import { barDate } from '../../src/lib/components/planning/grid.ts';
import { tonight } from '../../src/services/clock.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

/** The number of active units in the demo database, at least the 34 of its sites. */
function activeUnits(): number {
  const n = web.db.$client.prepare('SELECT count(*) FROM units WHERE active = 1').pluck().get() as number;
  expect(n).toBeGreaterThanOrEqual(34);
  return n;
}

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Runs `fn` on a new page signed in as `role`, then closes its context. */
async function withPage(role: keyof typeof EMAILS, fn: (page: Page, context: BrowserContext) => Promise<void>, options: { width?: number } = {}): Promise<void> {
  const context = await newContext(browser, { width: options.width });
  try {
    const page = await context.newPage();
    await signIn(page, web.url, role);
    await fn(page, context);
  } finally {
    await context.close();
  }
}

async function openPlanning(page: Page, query = ''): Promise<void> {
  const response = await page.goto(`${web.url}/planning${query}`);
  expect(response?.status()).toBe(200);
  await page.waitForLoadState('networkidle');
}

/** A date as the bars' tooltips write it (« sam. 5 déc. »). */
function formatDayMonth(iso: string): string {
  return barDate(iso, 'fr', tonight());
}

/** The row of the grid whose header names this unit. */
function unitRow(page: Page, name: string) {
  return page.locator('tbody tr').filter({ has: page.locator('th[scope="row"]', { hasText: name }) });
}

function blockCount(unitName: string): number {
  return (
    web.db.$client
      .prepare('SELECT count(*) AS n FROM blocks b JOIN units u ON u.id = b.unit_id WHERE u.name = ?')
      .get(unitName) as { n: number }
  ).n;
}

describe('the planning', () => {
  test('shows the demo’s units as rows, nights as columns and stays as bars that link to the stay', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Planning');
      const table = page.getByRole('table');
      expect(await table.locator('caption').textContent()).toContain(`du ${formatDate(tonight(), 'fr')}`);
      expect(await table.locator('thead tr.days th[scope="col"]').count()).toBe(32); // the unit column and 31 nights
      // Every active unit of the demo: its sites' and the mission's Solibail period offer.
      expect(await table.locator('th[scope="row"]').count()).toBe(activeUnits());
      // Its 7 sites and the private site of the mission's period offer.
      expect(await table.locator('th[scope="rowgroup"]').count()).toBe(8);
      const bars = table.locator('td.bar a[href^="/sejours/"]');
      expect(await bars.count()).toBeGreaterThanOrEqual(20);
      // A stay of a household that is not confidential shows its name and its status in words.
      const martin = unitRow(page, 'Mas des Cigales — chambre 1').locator('td.bar');
      expect(await martin.textContent()).toContain('M. et Mme Martin');
      expect(await martin.textContent()).toContain('présent');
      // A household under the DV protocol appears under its pseudonym, never its name.
      const rossi = unitRow(page, 'Appartement T3 de Saussines').locator('td.bar a');
      expect(await rossi.textContent()).toMatch(/Ménage [A-Z2-9]{4}/);
      expect(await page.content()).not.toContain('Rossi');
      // A bar spans its nights: the Saint-Christol stay starts tomorrow for 28 nights, one cell.
      expect(await unitRow(page, 'Appartement T3 de Saint-Christol').locator('td.bar').getAttribute('colspan')).toBe('28');
      // Confidential addresses are never on the planning.
      expect(await page.content()).not.toContain('impasse des Oliviers');
    });
  });

  test('reached from the header of a page that runs JavaScript (a client-side navigation), shows its grid, not an error', async () => {
    expect.hasAssertions();
    await withPage(
      'duty_officer',
      async (page) => {
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${web.url}/`);
        await page.waitForLoadState('networkidle');
        await Promise.all([page.waitForURL(/\/planning$/), page.getByRole('link', { name: 'Planning', exact: true }).click()]);
        await page.waitForLoadState('networkidle');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Planning');
        expect(await page.getByRole('table').locator('th[scope="row"]').count()).toBe(activeUnits());
        expect(errors).toEqual([]);
      },
      { width: 1280 }
    );
  });

  test('marks a hold as provisional in words and with a dashed border, not only by colour', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      const holds = page.locator('td.bar.hold');
      expect(await holds.count()).toBe(2); // the demo's two holds (Relais des Arènes 1, Marsillargues 4)
      const hold = unitRow(page, 'Maison de Marsillargues — logement 4').locator('td.bar.hold');
      expect(await hold.locator('small').textContent()).toBe('option');
      expect(await hold.locator('a').textContent()).toContain('Option (provisoire)');
      expect(await hold.locator('a').textContent()).toMatch(/option provisoire jusqu’à \d\d:\d\d/);
      expect(await hold.locator('a').evaluate((a) => getComputedStyle(a).borderTopStyle)).toBe('dashed');
    });
  });

  test('marks tonight’s column for sight and for screen readers', async () => {
    expect.hasAssertions();
    await withPage('housing_officer', async (page) => {
      await openPlanning(page);
      const current = page.locator('th[aria-current="date"]');
      expect(await current.count()).toBe(1);
      const { day, weekday } = formatDayHeader(tonight(), 'fr');
      const text = await current.textContent();
      expect(text).toContain(day);
      expect(text).toContain(weekday);
      expect(text).toContain('ce soir');
      // It is the first night column by default; the free nights under it are tinted, each on its own.
      expect(await page.locator('thead tr.days th').nth(1).getAttribute('aria-current')).toBe('date');
      const tonightCells = page.locator('tbody td.t');
      expect(await tonightCells.count()).toBeGreaterThan(0);
      expect(await tonightCells.evaluateAll((tds) => tds.every((td) => (td as HTMLTableCellElement).colSpan === 1))).toBe(true);
      const tint = await tonightCells.first().evaluate((td) => getComputedStyle(td).backgroundColor);
      const plain = await page.locator('tbody td:not(.bar):not(.t)').first().evaluate((td) => getComputedStyle(td).backgroundColor);
      expect(tint).not.toBe(plain);
    });
  });

  test('a click on a stay opens its page at /sejours/<id>', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      const bar = unitRow(page, 'Appartement T3 de Saint-Christol').locator('td.bar a');
      const href = await bar.getAttribute('href');
      expect(href).toMatch(/^\/sejours\/[0-9a-f-]{36}$/);
      await Promise.all([page.waitForURL((u) => u.pathname === href), bar.click()]);
      expect(new URL(page.url()).pathname).toBe(href);
    });
  });

  test('moves by week and by month, and back to tonight', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      const night = tonight();
      const range = page.locator('p.range');
      const firstDay = () => page.locator('thead tr.days th').nth(1).locator('b').textContent();
      const periods = page.getByRole('navigation', { name: 'Changer de période' });

      await Promise.all([page.waitForURL(/debut=/), periods.getByRole('link', { name: 'Semaine suivante' }).click()]);
      expect(new URL(page.url()).searchParams.get('debut')).toBe(addDays(night, 7));
      await page.waitForFunction((d) => document.querySelector('p.range')?.textContent?.includes(d), formatDate(addDays(night, 7), 'fr'));
      expect(await range.textContent()).toContain(formatDate(addDays(night, 7), 'fr'));
      expect(await firstDay()).toBe(formatDayHeader(addDays(night, 7), 'fr').day);
      expect(await page.locator('th[aria-current="date"]').count()).toBe(0); // tonight is no longer on screen

      await Promise.all([page.waitForURL((u) => u.searchParams.get('debut') === addDays(night, 38)), periods.getByRole('link', { name: 'Mois suivant' }).click()]);
      await page.waitForFunction((d) => document.querySelector('p.range')?.textContent?.includes(d), formatDate(addDays(night, 38), 'fr'));
      expect(await range.textContent()).toContain(`au ${formatDate(addDays(night, 68), 'fr')}`);

      await Promise.all([page.waitForURL((u) => u.searchParams.get('debut') === addDays(night, 7)), periods.getByRole('link', { name: 'Mois précédent' }).click()]);
      await Promise.all([page.waitForURL((u) => u.searchParams.get('debut') === night), periods.getByRole('link', { name: 'Semaine précédente' }).click()]);
      await page.waitForFunction((d) => document.querySelector('p.range')?.textContent?.includes(d), formatDate(night, 'fr'));
      expect(await firstDay()).toBe(formatDayHeader(night, 'fr').day);

      await openPlanning(page, `?debut=${addDays(night, 20)}`);
      await Promise.all([page.waitForURL((u) => u.pathname === '/planning' && !u.search), periods.getByRole('link', { name: 'Ce soir' }).click()]);
      await page.waitForFunction(() => document.querySelector('th[aria-current="date"]') !== null);
      expect(await page.locator('th[aria-current="date"]').count()).toBe(1);
    });
  });

  test('a duty officer blocks a unit from the planning and sees the block on it', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      const unit = 'Hôtel du Vidourle — chambre 2';
      const form = page.getByRole('region', { name: 'Bloquer un logement' });
      await form.getByLabel('Logement').selectOption({ label: unit });
      await form.getByLabel('Première nuit bloquée').fill(addDays(tonight(), 10));
      await form.getByLabel('Remise en service le').fill(addDays(tonight(), 13));
      await form.getByLabel('Motif').fill('Peinture de la chambre (test)');
      await form.getByRole('button', { name: 'Bloquer ce logement' }).click();
      await form.getByRole('status').filter({ hasText: 'est bloqué' }).waitFor();
      expect(await form.getByRole('status').textContent()).toContain(
        `${unit} est bloqué du ${formatDate(addDays(tonight(), 10), 'fr')} au ${formatDate(addDays(tonight(), 13), 'fr')}`
      );
      const block = unitRow(page, unit).locator('td.bar.block');
      await block.waitFor();
      expect(await block.getAttribute('colspan')).toBe('3');
      expect(await block.textContent()).toContain('bloqué');
      expect(await block.textContent()).toContain('Peinture de la chambre (test)');
      expect(blockCount(unit)).toBe(1);
    });
  });

  test('a block over an existing stay is refused with the conflicting nights in words, and keeps what was typed', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      const unit = 'Appartement T3 de Saint-Christol'; // the Benali family: from tomorrow, 28 nights
      const form = page.getByRole('region', { name: 'Bloquer un logement' });
      await form.getByLabel('Logement').selectOption({ label: unit });
      await form.getByLabel('Première nuit bloquée').fill(addDays(tonight(), 3));
      await form.getByLabel('Remise en service le').fill(addDays(tonight(), 5));
      await form.getByLabel('Motif').fill('Chauffe-eau en panne');
      await form.getByRole('button', { name: 'Bloquer ce logement' }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      const text = await alert.textContent();
      expect(text).toContain('Le blocage n’a pas été enregistré.');
      expect(text).toContain('Ces nuits sont déjà occupées sur ce logement');
      expect(text).toContain(`un séjour du ${formatDate(addDays(tonight(), 1), 'fr')} au ${formatDate(addDays(tonight(), 29), 'fr')}`);
      expect(await form.getByLabel('Motif').inputValue()).toBe('Chauffe-eau en panne');
      expect(await form.getByLabel('Première nuit bloquée').inputValue()).toBe(addDays(tonight(), 3));
      expect(await form.getByLabel('Logement').locator('option:checked').textContent()).toBe(unit);
      expect(blockCount(unit)).toBe(0);
      const violations = await axeScan(page);
      expect(describeViolations(violations)).toEqual([]);
    });
  });

  test('a housing officer reads the planning without the block form, and the block action refuses it', async () => {
    expect.hasAssertions();
    await withPage('housing_officer', async (page, context) => {
      await openPlanning(page);
      expect(await page.locator('td.bar').count()).toBeGreaterThan(0);
      expect(await page.getByRole('region', { name: 'Bloquer un logement' }).count()).toBe(0);
      const unitId = (web.db.$client.prepare("SELECT id FROM units WHERE name = 'Hôtel du Vidourle — chambre 3'").get() as { id: string }).id;
      const response = await context.request.post(`${web.url}/planning?/block`, {
        headers: { origin: web.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        data: new URLSearchParams({ unitId, start: addDays(tonight(), 20), end: addDays(tonight(), 22), reason: 'essai' }).toString()
      });
      expect(response.status()).toBe(403);
      expect(blockCount('Hôtel du Vidourle — chambre 3')).toBe(1); // the demo's own block only
    });
  });

  test('has no serious or critical accessibility violation, on a phone and on a desktop, a tooltip open', async () => {
    expect.hasAssertions();
    for (const width of [390, 1366]) {
      await withPage(
        'duty_officer',
        async (page) => {
          await openPlanning(page);
          await page.locator('details.legend summary').click();
          await page.locator('details.filters summary').click();
          if (width > 600) await unitRow(page, 'Mas des Cigales — chambre 1').locator('td.bar a').focus();
          const violations = await axeScan(page);
          expect(describeViolations(violations), `at ${width} px`).toEqual([]);
        },
        { width }
      );
    }
  });

  test('on a laptop the date row stays at the top and the unit column at the left while the grid scrolls', async () => {
    expect.hasAssertions();
    await withPage(
      'duty_officer',
      async (page) => {
        await page.setViewportSize({ width: 1366, height: 658 }); // a 1366 × 768 screen, less the browser's bars
        await openPlanning(page, '?nuits=62'); // two months: wider than the screen
        const scroller = page.locator('.scroller');
        await scroller.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        const box = (await scroller.boundingBox())!;
        const dateRow = page.locator('thead tr.days th').nth(5);
        const firstUnit = page.locator('tbody th[scope="row"]').first();
        const unitBefore = (await firstUnit.boundingBox())!;
        // Down: the rows go up under the date row, which stays at the box's top.
        await scroller.evaluate((el) => el.scrollBy(0, 400));
        const scrolledDown = await scroller.evaluate((el) => el.scrollTop);
        expect(scrolledDown).toBeGreaterThanOrEqual(300);
        expect(Math.abs((await dateRow.boundingBox())!.y - box.y)).toBeLessThanOrEqual(2);
        expect((await firstUnit.boundingBox())!.y).toBeLessThan(unitBefore.y - 300);
        // Sideways: the nights go left under the unit column, which stays at the box's left.
        await scroller.evaluate((el) => el.scrollBy(500, 0));
        expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThanOrEqual(200);
        const unitHeaders = page.locator('tbody th[scope="row"]');
        const shown = await unitHeaders.evaluateAll((ths, top) => {
          const visible = ths.map((th) => th.getBoundingClientRect()).filter((r) => r.top >= top && r.bottom <= window.innerHeight);
          return visible.map((r) => r.left);
        }, box.y);
        expect(shown.length).toBeGreaterThan(0);
        for (const left of shown) expect(Math.abs(left - box.x - 1)).toBeLessThanOrEqual(2);
        // The date row is still there too, over the units.
        expect(Math.abs((await page.locator('thead .unit-head').boundingBox())!.y - box.y)).toBeLessThanOrEqual(2);
      },
      { width: 1366 }
    );
  });

  test('shows about twenty units at once on a laptop screen', async () => {
    expect.hasAssertions();
    for (const viewport of [
      { width: 1366, height: 658 }, // 1366 × 768 less the browser's bars
      { width: 1280, height: 690 } // 1280 × 800 likewise
    ]) {
      await withPage(
        'duty_officer',
        async (page) => {
          await page.setViewportSize(viewport);
          await openPlanning(page);
          const scroller = page.locator('.scroller');
          await scroller.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          const inView = await page.locator('tbody th[scope="row"]').evaluateAll((ths) => {
            const box = document.querySelector('.scroller')!.getBoundingClientRect();
            return ths.filter((th) => {
              const r = th.getBoundingClientRect();
              return r.top >= box.top && r.bottom <= Math.min(box.bottom, window.innerHeight);
            }).length;
          });
          expect(inView, `${viewport.width} × ${viewport.height}`).toBeGreaterThanOrEqual(20);
        },
        { width: viewport.width }
      );
    }
  });

  test('a bar shows its full label and dates on keyboard focus and on hover', async () => {
    expect.hasAssertions();
    await withPage(
      'duty_officer',
      async (page) => {
        await openPlanning(page);
        // The Martins' 2-night stay: too short a bar for the name, « M. … » on screen.
        const bar = unitRow(page, 'Mas des Cigales — chambre 1').locator('td.bar a');
        const tip = bar.locator('.tip');
        const hidden = (await tip.boundingBox())!;
        expect(hidden.width).toBeLessThanOrEqual(1);
        // Keyboard: Tab from the link before the grid's first bar reaches the bars.
        await page.locator('.scroller').focus();
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.closest('td.bar') !== null)).toBe(true);
        await bar.focus();
        const shown = (await tip.boundingBox())!;
        expect(shown.width).toBeGreaterThan(150);
        const text = await tip.textContent();
        expect(text).toContain('M. et Mme Martin — Présent');
        expect(text).toMatch(/du \S+ \d+ \S+ au \S+ \d+ \S+/);
        // It is on top: the point in its middle is the tooltip, not a neighbouring cell.
        expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.tip') !== null, { x: shown.x + shown.width / 2, y: shown.y + shown.height / 2 })).toBe(true);
        // Its accessible name is the same whole text.
        expect(await bar.evaluate((a) => a.textContent)).toContain('M. et Mme Martin — Présent, du');
        await page.locator('h1').click();
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        expect((await tip.boundingBox())!.width).toBeLessThanOrEqual(1);
        await bar.hover();
        expect((await tip.boundingBox())!.width).toBeGreaterThan(150);
      },
      { width: 1366 }
    );
  });

  test('the mission’s unit outside its offer’s period says so, with no lift button', async () => {
    expect.hasAssertions();
    const unit = web.db.$client.prepare("SELECT u.name FROM units u JOIN sites s ON s.id = u.site_id WHERE s.kind = 'private'").pluck().get() as string;
    await withPage(
      'duty_officer',
      async (page) => {
        await openPlanning(page);
        const bar = unitRow(page, unit).locator('td.bar.block.sys');
        expect(await bar.count()).toBe(1); // the offer's period starts in 3 nights: the block before it is in the window
        expect((await bar.locator('.l').textContent())?.trim()).toBe('hors période');
        const label = await bar.locator('[role="img"]').getAttribute('aria-label');
        expect(label).toContain('Hors de la période de l’offre');
        expect(label).toContain(`à partir du ${formatDayMonth(addDays(tonight(), 3))}`);
        // Never « bloqué » with a range of thousands of nights from the year 2000, and nothing to lift.
        expect(await bar.textContent()).not.toContain('2000');
        expect(await bar.textContent()).not.toContain('bloqué');
        expect(await bar.locator('a, button, form').count()).toBe(0);
        const lifts = page.getByRole('region', { name: 'Blocages sur la période' });
        expect(await lifts.getByRole('button', { name: /Lever/ }).count()).toBeGreaterThan(0);
        expect(await lifts.getByRole('button', { name: new RegExp(unit) }).count()).toBe(0);
        expect(await lifts.textContent()).not.toContain(unit);
        await bar.locator('[role="img"]').focus();
        expect(await bar.locator('.tip').evaluate((t) => t.getBoundingClientRect().width)).toBeGreaterThan(150);
      },
      { width: 1366 }
    );
  });

  test('on a 390 px phone it is a list by unit with its coming nights in words, not a sideways grid', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const scroller = page.locator('.scroller');
      expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      expect(await page.locator('thead').isVisible()).toBe(false);
      // Each unit's stays read in full: name, status, nights, persons.
      const martin = unitRow(page, 'Mas des Cigales — chambre 1').locator('td.bar a');
      expect(await martin.isVisible()).toBe(true);
      expect(await martin.innerText()).toMatch(/^M\. et Mme Martin — Présent, du .+ au .+, \d personnes?/);
      const box = (await martin.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThan(300);
      // The unit's name above its nights, not beside them.
      const head = (await unitRow(page, 'Mas des Cigales — chambre 1').locator('th[scope="row"]').boundingBox())!;
      expect(head.y + head.height).toBeLessThanOrEqual(box.y + 1);
      // Free nights take no room.
      expect(await page.locator('tbody td:not(.bar):empty').first().isVisible()).toBe(false);
      // A unit free over the whole window says so, in a window where the demo's hotels are free.
      await openPlanning(page, `?debut=${addDays(tonight(), 200)}`);
      expect(await page.getByText('libre toute la période').first().isVisible()).toBe(true);
    });
  });

  test('a block a person wrote is lifted from its bar, the answer focused and in view on a phone', async () => {
    expect.hasAssertions();
    await withPage('duty_officer', async (page) => {
      await openPlanning(page, `?debut=${addDays(tonight(), 30)}`);
      const unit = 'Hôtel du Vidourle — chambre 1';
      const form = page.getByRole('region', { name: 'Bloquer un logement' });
      await form.getByLabel('Logement').selectOption({ label: unit });
      await form.getByLabel('Première nuit bloquée').fill(addDays(tonight(), 40));
      await form.getByLabel('Remise en service le').fill(addDays(tonight(), 42));
      await form.getByLabel('Motif').fill('Vitre cassée (à lever)');
      await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Bloquer ce logement' }).click()]);
      // The answer is focused and on screen, without any script of the page's.
      const inView = () =>
        page.evaluate(() => {
          const el = document.activeElement!;
          const r = el.getBoundingClientRect();
          return { text: el.textContent ?? '', inside: r.top >= 0 && r.bottom <= window.innerHeight };
        });
      // The browser focuses and scrolls to the autofocused answer as the page settles: wait for it.
      await page.waitForFunction(() => document.activeElement?.textContent?.includes('est bloqué'));
      await expect.poll(async () => (await inView()).inside, { timeout: 10_000 }).toBe(true);
      const created = await inView();
      expect(created.text).toContain('est bloqué');
      expect(blockCount(unit)).toBe(1);
      // The bar leads to its lift button.
      const bar = unitRow(page, unit).locator('td.bar.block a');
      const href = await bar.getAttribute('href');
      expect(href).toMatch(/^#lever-/);
      const item = page.locator(href!);
      await item.getByRole('button', { name: /Lever le blocage de Hôtel du Vidourle — chambre 1/ }).click();
      await page.waitForLoadState('load');
      await page.waitForFunction(() => document.activeElement?.textContent?.includes('Blocage levé'));
      await expect.poll(async () => (await inView()).inside, { timeout: 10_000 }).toBe(true);
      const lifted = await inView();
      expect(lifted.text).toContain('Blocage levé sur Hôtel du Vidourle — chambre 1');
      expect(blockCount(unit)).toBe(0);
    });
  });

  test('works without JavaScript: the grid, the filters and the block form', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, web.url, 'admin');
      await openPlanning(page);
      expect(await page.locator('th[scope="row"]').count()).toBe(activeUnits());
      expect(await page.locator('td.bar a[href^="/sejours/"]').count()).toBeGreaterThanOrEqual(20);

      await page.locator('details.filters summary').click();
      await page.getByLabel('Programme').selectOption('social_residence');
      await Promise.all([page.waitForURL(/programme=social_residence/), page.getByRole('button', { name: 'Afficher' }).click()]);
      const units = await page.locator('th[scope="row"]').allTextContents();
      expect(units).toHaveLength(20);
      expect(units.every((u) => u.startsWith('Les Tamaris'))).toBe(true);
      expect(await page.locator('th[scope="rowgroup"]').count()).toBe(1);

      const form = page.getByRole('region', { name: 'Bloquer un logement' });
      await form.getByLabel('Logement').selectOption({ label: 'Les Tamaris — studio 01' });
      await form.getByLabel('Première nuit bloquée').fill(addDays(tonight(), 2));
      await form.getByLabel('Remise en service le').fill(addDays(tonight(), 4));
      await form.getByLabel('Motif').fill('Serrure changée (sans JavaScript)');
      await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Bloquer ce logement' }).click()]);
      expect(await page.getByRole('status').filter({ hasText: 'est bloqué' }).count()).toBe(1);
      expect(await unitRow(page, 'Les Tamaris — studio 01').locator('td.bar.block').textContent()).toContain('Serrure changée');
      // The answer shows the same filtered window it was posted from.
      expect(await page.locator('th[scope="row"]').count()).toBe(20);
    } finally {
      await context.close();
    }
  });

  test('screenshots at 390 and 1280 px', async () => {
    expect.hasAssertions();
    for (const width of [390, 1280]) {
      await withPage(
        'duty_officer',
        async (page) => {
          await openPlanning(page);
          const path = `${SCREENSHOTS}/planning-${width}.png`;
          await page.screenshot({ path, fullPage: true });
          expect(path).toContain(String(width));
        },
        { width }
      );
    }
  });
});
