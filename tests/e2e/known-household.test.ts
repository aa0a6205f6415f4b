// A household we already know, placed again, in real Chromium at 390 px on the demo: from its
// record (« Placer à nouveau ») and from the placing page's search, the new stay is the same
// household's, as recorded, following its last stay; the search works without JavaScript; the
// search's answer takes focus in view; axe clean on the pages changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { makeUnit } from '../support/fixtures.ts';
import { newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let night: string;
let admin: Actor;

beforeAll(async () => {
  web = await startWebApp();
  browser = await launchChromium();
  night = tonight();
  const a = web.db.$client.prepare("SELECT id FROM accounts WHERE role = 'admin' AND email IS NOT NULL ORDER BY created_at LIMIT 1").get() as { id: string };
  admin = { accountId: a.id, role: 'admin', organisationId: null };
  // Units of our own, free on the nights asked, so the tests do not depend on the demo's bookings.
  for (const name of ['Retour 1', 'Retour 2']) makeUnit(web.db, admin, { name, capacity: 3, programmes: ['emergency'] });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
}

/** A household known from a stay that ends on `end` (an admin records a stay that began before tonight). */
function knownHousehold(label: string, start: string, end: string): { householdId: string; stayId: string } {
  const unitId = makeUnit(web.db, admin, { name: `Ancien ${label}`, capacity: 3, programmes: ['emergency'] });
  const stay = placeStay(web.db, admin, { unitId, start, end, programme: 'emergency', household: { label, adults: 1, children: 2 } }).value;
  return { householdId: stay.householdId, stayId: stay.id };
}

function staysOf(householdId: string) {
  return web.db.$client.prepare('SELECT id, status, start_date AS start, previous_stay_id AS previousStayId FROM stays WHERE household_id = ? ORDER BY created_at, id').all(householdId) as {
    id: string;
    status: string;
    start: string;
    previousStayId: string | null;
  }[];
}

/** Holds the best unit shown (the known household is placed as recorded: no name to type). */
async function holdFirst(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Logements proposés' }).isVisible()).resolves.toBe(true);
  await expect(page.getByLabel('Nom du ménage (personne de référence)').count()).resolves.toBe(0);
  const first = page.locator('ol.options > li').first();
  await Promise.all([page.waitForURL(/\/placer\/option\//), first.getByRole('button', { name: /Prendre en option/ }).click()]);
  await expect(page.getByRole('heading', { level: 1, name: 'Option posée' }).isVisible()).resolves.toBe(true);
}

describe('a household we already know, placed again', () => {
  it('from its record: « Placer à nouveau » opens the placing page with it chosen and its composition; the stay follows the last one (390 px, axe clean)', async () => {
    expect.hasAssertions();
    const known = knownHousehold('Mme Revenante', addDays(night, -2), night);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages/${known.householdId}`);
    await expectNoSeriousViolations(page, 'the household record with « Placer à nouveau »');
    await Promise.all([page.waitForURL(/\/placer\?householdId=/), page.getByRole('link', { name: 'Placer à nouveau' }).click()]);
    await page.waitForLoadState('networkidle');
    const chosen = page.locator('#menage-connu');
    await expect(chosen.textContent()).resolves.toMatch(/Ménage choisi\s*Mme Revenante.*1 adulte, 2 enfants/s);
    // Its composition as recorded: not asked again.
    await expect(page.getByLabel('Adultes').count()).resolves.toBe(0);
    await expectNoSeriousViolations(page, '/placer with a known household chosen');
    await Promise.all([page.waitForURL(/start=/), page.getByRole('button', { name: 'Voir les logements libres' }).click()]);
    await page.waitForLoadState('networkidle');
    await expectNoSeriousViolations(page, '/placer, the suggestions for a known household');
    await page.screenshot({ path: `${SCREENSHOTS}/known-household-390.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await holdFirst(page);
    const stays = staysOf(known.householdId);
    expect(stays).toHaveLength(2);
    expect(stays[1]).toEqual({ id: expect.any(String), status: 'hold', start: night, previousStayId: known.stayId });
    await context.close();
  });

  it("from the placing page's search: the answer takes focus in view, « Choisir », then placed (390 px, axe clean)", async () => {
    expect.hasAssertions();
    const known = knownHousehold('Mme Cherchée Trouvée', addDays(night, -3), addDays(night, -1));
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer`);
    await page.waitForLoadState('networkidle');
    await page.getByText('Un ménage déjà connu ?').click();
    await page.getByLabel('Nom ou pseudonyme').fill('cherchee trouvee');
    await Promise.all([page.waitForURL(/q=cherchee/), page.getByRole('button', { name: 'Rechercher' }).click()]);
    await page.waitForLoadState('networkidle');
    const answer = page.locator('#known-results');
    await expect(answer.textContent()).resolves.toContain('1 ménage pour « cherchee trouvee »');
    // The answer is where the eyes are: focused and inside the viewport.
    const where = await page.evaluate(() => {
      const el = document.getElementById('known-results')!;
      const r = el.getBoundingClientRect();
      return { focused: el.contains(document.activeElement), inView: r.top >= 0 && r.bottom <= window.innerHeight };
    });
    expect(where).toEqual({ focused: true, inView: true });
    await expectNoSeriousViolations(page, "/placer, the known household's search");
    await page.screenshot({ path: `${SCREENSHOTS}/known-household-search-390.png`, fullPage: true });
    await Promise.all([page.waitForURL(/householdId=/), page.getByRole('link', { name: 'Choisir Mme Cherchée Trouvée' }).click()]);
    await page.waitForLoadState('networkidle');
    await Promise.all([page.waitForURL(/start=/), page.getByRole('button', { name: 'Voir les logements libres' }).click()]);
    await page.waitForLoadState('networkidle');
    await holdFirst(page);
    const stays = staysOf(known.householdId);
    expect(stays).toHaveLength(2);
    // A night between the two stays: not the one it follows.
    expect(stays[1]).toMatchObject({ status: 'hold', start: night, previousStayId: null });
    await context.close();
  });

  it('without JavaScript, in English: search, choose, place', async () => {
    expect.hasAssertions();
    const known = knownHousehold('Ms Without Script', addDays(night, -2), night);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    await page.getByLabel(/e-mail|email/i).fill('astreinte@demo.lunel.fr');
    await page.getByLabel(/password|mot de passe/i).fill('demo-lunel-2026');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: /sign in|se connecter/i }).click()]);
    await page.goto(`${web.url}/placer?q=${encodeURIComponent('without script')}`);
    await expect(page.locator('#known-results').textContent()).resolves.toContain('1 household for “without script”');
    await Promise.all([page.waitForURL(/householdId=/), page.getByRole('link', { name: 'Choose Ms Without Script' }).click()]);
    await expect(page.locator('#menage-connu').textContent()).resolves.toMatch(/Household chosen\s*Ms Without Script/);
    await Promise.all([page.waitForURL(/start=/), page.getByRole('button', { name: 'Show the free units' }).click()]);
    const first = page.locator('ol.options > li').first();
    await Promise.all([page.waitForURL(/\/placer\/option\//), first.getByRole('button').click()]);
    const stays = staysOf(known.householdId);
    expect(stays[1]).toMatchObject({ status: 'hold', start: night, previousStayId: stays[0].id });
    await context.close();
  });
});
