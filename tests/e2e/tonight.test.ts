// Tonight (« Ce soir ») on a 390 px phone, in real Chromium on the demo territory: the board fits
// in two screens down to the first referral waiting, the header is short with the navigation in a
// menu (keyboard, no JavaScript), the free units come once each with a programme filter, a household
// placed together is one row, and « Placer ici » asks the persons and nights first, then shows the
// choice numbered without gaps. axe on every state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { allocateTogether } from '../../src/services/allocation.ts';
import { tonight } from '../../src/services/clock.ts';
import { suggestPlacement } from '../../src/services/placing.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, mainNavigation, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

const PHONE = { width: 390, height: 844 };
/** Two phone screens: the board down to its first referral waiting fits in them. */
const TWO_SCREENS = 2 * PHONE.height;
/** The site header on a phone, at most. */
const HEADER_MAX = 120;

let web: WebApp;
let browser: Browser;
let night: string;

function actorOf(role: keyof typeof EMAILS): Actor {
  const row = web.db.$client.prepare('SELECT id, organisation_id AS organisationId FROM accounts WHERE email = ?').get(EMAILS[role]) as { id: string; organisationId: string | null };
  return { accountId: row.id, role, organisationId: row.organisationId, ip: '127.0.0.1' };
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  night = tonight();
  // The demo has no referral waiting: the gendarmerie sends two, as on a night shift.
  const partner = actorOf('partner');
  for (const [adults, children] of [
    [1, 2],
    [2, 0]
  ]) {
    createReferral(web.db, partner, {
      programme: 'emergency',
      urgency: 'immediate',
      requestedStart: night,
      nights: 2,
      household: { adults, children },
      referrer: { contact: 'Adjudante Martin, brigade de Lunel', phone: '04 67 00 00 00' }
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function withPage<T>(context: BrowserContext, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
}

/** The top of an element in the document, in CSS pixels. */
function documentTop(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

/** The names of the free units listed, in order. */
function freeUnitNames(page: Page): Promise<string[]> {
  return page.locator('#libres .units-free li.unit .who').allTextContents();
}

describe('tonight fits in two phone screens', () => {
  it('on the demo, the content down to the first referral waiting fits in 2 × 844 px at 390 px, the header in 120 px; each free unit once; axe clean', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      expect(new URL(page.url()).pathname).toBe('/');

      const header = (await page.locator('header.site-header').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(HEADER_MAX);

      // The referrals waiting: a tile at the top that leads down to them, and the first section below the tiles.
      const tile = page.getByRole('navigation', { name: 'Résumé de la nuit' }).getByRole('link', { name: '2 orientations en attente' });
      expect(await tile.getAttribute('href')).toBe('#orientations');
      const firstReferral = page.locator('#orientations ul.waiting > li').first();
      expect(await firstReferral.textContent()).toMatch(/immédiate · Urgence · 3 personnes/);
      const bottom = await firstReferral.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`tonight at 390 px on the demo: first referral ends at ${Math.round(bottom)} px, free units end at ${Math.round(await documentTop(page, '#options'))} px, page ${total} px, header ${Math.round(header.height)} px`);
      expect(bottom).toBeLessThanOrEqual(TWO_SCREENS);
      const order = await page.locator('main section[id]').evaluateAll((els) => els.map((e) => e.id));
      expect(order[0]).toBe('orientations');

      // One list of free units: each unit once, with its programmes as tags.
      const names = await freeUnitNames(page);
      expect(names.length).toBeGreaterThan(3);
      expect(new Set(names).size).toBe(names.length);
      const dual = page.locator('#libres li.unit', { has: page.locator('.tag.prog', { hasText: 'Protocole violences conjugales' }) }).first();
      await expect(dual.locator('.tag.prog', { hasText: 'Urgence' }).count()).resolves.toBe(1);

      await expectNoSeriousViolations(page, 'tonight at 390 px');
      await page.screenshot({ path: `${SCREENSHOTS}/tonight-board-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await expectNoSeriousViolations(page, 'tonight at 1280 px');
    });
  });
});

describe('the header’s menu', () => {
  it('on a phone the navigation is behind « Menu »: opened and followed with the keyboard, closed by Escape; axe clean open and closed', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const planning = page.getByRole('link', { name: 'Planning', exact: true });
      await expect(planning.isVisible()).resolves.toBe(false);

      const menu = page.locator('header details.menu > summary');
      await menu.focus();
      await page.keyboard.press('Enter');
      await expect(planning.isVisible()).resolves.toBe(true);
      await expectNoSeriousViolations(page, 'menu open');
      const header = (await page.locator('header.site-header').boundingBox())!;
      await page.screenshot({ path: `${SCREENSHOTS}/tonight-menu-390.png` });
      // Opened, it pushes the page down rather than hiding it; shut, the header is short again.
      expect(header.height).toBeGreaterThan(HEADER_MAX);

      // Tab walks into the menu: « Ce soir » first, then « Placer », « Planning ».
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Ce soir');
      await page.keyboard.press('Escape');
      await expect(planning.isVisible()).resolves.toBe(false);
      await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('SUMMARY');
      await expectNoSeriousViolations(page, 'menu closed');

      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Planning');
      await Promise.all([page.waitForURL(/\/planning$/), page.keyboard.press('Enter')]);
      // After the navigation the menu is shut again.
      await expect(page.getByRole('link', { name: 'Ménages', exact: true }).isVisible()).resolves.toBe(false);
      expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(HEADER_MAX);
    });
  });

  it('works without JavaScript: the menu opens with a tap and its links lead on', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: PHONE, javaScriptEnabled: false });
    await withPage(context, async (page) => {
      await signIn(page, web.url, 'duty_officer');
      expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(HEADER_MAX);
      const nav = await mainNavigation(page);
      await Promise.all([page.waitForURL(/\/menages$/), nav.getByRole('link', { name: 'Ménages' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Ménages/);
    });
  });

  it('on a laptop the navigation stays in view, without a menu button', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser, { width: 1280 }), async (page) => {
      await signIn(page, web.url, 'admin');
      await expect(page.locator('header details.menu > summary').isVisible()).resolves.toBe(false);
      await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).click()]);
      await expectNoSeriousViolations(page, 'header at 1280 px');
    });
  });
});

describe('the programme filter', () => {
  it('with JavaScript, a tap keeps the units of one programme; the filter is a link in the address', async () => {
    expect.hasAssertions();
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const all = await freeUnitNames(page);
      const filters = page.getByRole('navigation', { name: 'Filtrer par dispositif' });
      const dv = filters.getByRole('link', { name: /^Protocole violences conjugales \(\d+\)$/ });
      const count = Number(/\((\d+)\)/.exec((await dv.textContent())!)![1]);
      await Promise.all([page.waitForURL((u) => u.searchParams.get('programme') === 'dv_protocol'), dv.click()]);
      await expect(dv.getAttribute('aria-current')).resolves.toBe('true');
      const kept = await freeUnitNames(page);
      expect(kept).toHaveLength(count);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(all.length);
      for (const tags of await page.locator('#libres li.unit').evaluateAll((els) => els.map((e) => e.textContent ?? ''))) expect(tags).toContain('Protocole violences conjugales');
      // « Placer ici » carries the programme filtered.
      const place = new URL((await page.locator('#libres a.place').first().getAttribute('href'))!, web.url);
      expect(place.searchParams.get('programme')).toBe('dv_protocol');
      await expectNoSeriousViolations(page, 'filtered');
      await Promise.all([page.waitForURL((u) => !u.searchParams.has('programme')), filters.getByRole('link', { name: /^Tous/ }).click()]);
      expect(await freeUnitNames(page)).toEqual(all);
    });
  });

  it('without JavaScript, the same filter is a GET parameter the server applies', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: PHONE, javaScriptEnabled: false });
    await withPage(context, async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const all = await freeUnitNames(page);
      await page.getByRole('link', { name: /^Protocole violences conjugales \(\d+\)$/ }).click();
      await page.waitForURL((u) => u.searchParams.get('programme') === 'dv_protocol');
      const kept = await freeUnitNames(page);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(all.length);
    });
  });
});

describe('« Placer ici » asks first', () => {
  it('asks the persons and nights, prefilled and a tap from the next value, then shows the choice numbered without gaps; axe clean', async () => {
    expect.hasAssertions();
    // A unit the allocation ranks third or lower for a mother and two children, one night, with
    // others after it: shown first as the unit asked for, it must not leave a gap in the numbers.
    const request = { start: night, end: addDays(night, 1), persons: 3, adults: 1, children: 2, programme: 'emergency' as const, accessible: false, unitId: null };
    const ranked = suggestPlacement(web.db, actorOf('duty_officer'), request).options;
    expect(ranked.length).toBeGreaterThanOrEqual(4);
    const asked = ranked[2];

    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      await Promise.all([page.waitForURL(/\/placer\?/), page.getByRole('link', { name: `Placer ici : ${asked.unitName}` }).click()]);
      await page.waitForLoadState('networkidle');

      // Asked first: no results yet; one adult, no child, one night, prefilled.
      expect(await page.getByRole('heading', { level: 2, name: `Placer à ${asked.unitName}` }).count()).toBe(1);
      expect(await page.locator('#resultat').count()).toBe(0);
      const adults = page.getByLabel('Adultes (obligatoire)', { exact: true }).first();
      const children = page.getByLabel('Enfants (obligatoire)', { exact: true }).first();
      const nights = page.getByLabel('Nombre de nuits (obligatoire)', { exact: true }).first();
      expect([await adults.inputValue(), await children.inputValue(), await nights.inputValue()]).toEqual(['1', '0', '1']);
      await expectNoSeriousViolations(page, 'the ask step');
      await page.screenshot({ path: `${SCREENSHOTS}/placer-ask-390.png`, fullPage: true });

      // Two children: two taps.
      const more = page.getByRole('button', { name: 'Enfants : un de plus' });
      await more.click();
      await more.click();
      expect(await children.inputValue()).toBe('2');
      await Promise.all([page.waitForURL(/\/placer\?.*start=/), page.getByRole('button', { name: 'Voir le choix' }).click()]);
      await page.waitForLoadState('networkidle');

      expect(await page.locator('.search-summary').textContent()).toContain('3 personnes');
      const badges = await page.locator('ol.options .badge').allTextContents();
      expect(badges.length).toBe(ranked.length);
      expect(await page.locator('ol.options h3').first().textContent()).toBe(asked.unitName);
      expect(badges).toEqual(['Logement demandé', ...badges.slice(1).map((_, i) => `Choix nº ${i + 2}`)]);
      await expectNoSeriousViolations(page, 'the choice');
      await page.screenshot({ path: `${SCREENSHOTS}/placer-asked-choice-390.png`, fullPage: true });
    });
  });

  it('without JavaScript the persons and nights are typed, and the choice follows', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: PHONE, javaScriptEnabled: false });
    await withPage(context, async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const place = page.locator('#libres a.place').first();
      await Promise.all([page.waitForURL(/\/placer\?/), place.click()]);
      expect(await page.getByRole('button', { name: 'Enfants : un de plus' }).count()).toBe(0);
      await page.getByLabel('Enfants (obligatoire)', { exact: true }).first().fill('1');
      await page.getByLabel('Nombre de nuits (obligatoire)', { exact: true }).first().fill('2');
      await Promise.all([page.waitForURL(/\/placer\?.*start=/), page.getByRole('button', { name: 'Voir le choix' }).click()]);
      const summary = (await page.locator('.search-summary').textContent()) ?? '';
      expect(summary).toContain('2 personnes');
      expect(summary).toContain('2 nuits');
    });
  });
});

describe('a household placed together', () => {
  it('arrives on one row with its units, not a row per unit', async () => {
    expect.hasAssertions();
    const label = 'Famille Ensemble-Testeuse';
    allocateTogether(web.db, actorOf('duty_officer'), {
      start: night,
      end: addDays(night, 2),
      persons: 7,
      programme: 'emergency',
      household: { label, adults: 2, children: 5, needs: [] },
      together: true,
      status: 'confirmed'
    });
    await withPage(await newContext(browser), async (page) => {
      await signIn(page, web.url, 'duty_officer');
      const rows = page.locator('#arrivees li.card', { hasText: label });
      await expect(rows.count()).resolves.toBe(1);
      await expect(rows.getByRole('list', { name: 'Logements' }).getByRole('listitem').count()).resolves.toBe(2);
      expect(await rows.textContent()).toContain('7 personnes');
      await expectNoSeriousViolations(page, 'arrivals together');
    });
  });
});
