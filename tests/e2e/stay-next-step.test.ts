// The stay page in Chromium at 390 px: a hotel stay extended through its next step (the extension
// refused for the limit, the apartment offered, one tap, the new stay's page linked to the hotel
// stay), with JavaScript and without; the referral it carries with a tel: link; every form result
// focused and in view, a stale success cleared by the next failure; axe on the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import { today, tonight } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { runRetention } from '../../src/services/retention.ts';
import { placeStay } from '../../src/services/stays.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { focusAndView, signedInPage, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** A demo hotel room free for 8 nights from tonight + `offset`, and an emergency stay of 2 nights on it carrying a referral. */
function hotelStayWithReferral(label: string, offset: number): { id: string; end: string } {
  const t = addDays(tonight(), offset);
  const room = web.db.$client
    .prepare(
      `SELECT u.id FROM units u JOIN sites s ON s.id = u.site_id
        WHERE s.kind = 'hotel' AND u.active = 1 AND u.programmes LIKE '%"emergency"%'
          AND u.id NOT IN (SELECT unit_id FROM stays WHERE status IN ('hold', 'confirmed', 'in_place') AND start_date < ? AND end_date > ?)
          AND u.id NOT IN (SELECT unit_id FROM blocks WHERE start_date < ? AND end_date > ?)
        ORDER BY u.capacity DESC LIMIT 1`
    )
    .get(addDays(t, 8), t, addDays(t, 8), t) as { id: string };
  const admin = web.db.$client.prepare(`SELECT id FROM accounts WHERE role = 'admin' ORDER BY created_at LIMIT 1`).get() as { id: string };
  const actor = { accountId: admin.id, role: 'admin' as const, organisationId: null };
  const referral = createReferral(web.db, actor, {
    programme: 'emergency',
    urgency: 'immediate',
    requestedStart: tonight(),
    nights: 2,
    household: { adults: 1, children: 1 },
    referrer: { organisation: 'Gendarmerie de Lunel', contact: 'Adjudante Roux', phone: '04 67 71 00 17' }
  });
  const stay = placeStay(web.db, actor, { unitId: room.id, start: t, end: addDays(t, 2), programme: 'emergency', household: { label, adults: 1, children: 1 }, referralId: referral.id }).value;
  return { id: stay.id, end: stay.end };
}

describe('a hotel stay extended through its next step', () => {
  it.each([true, false])('with JavaScript %s: refused past the limit, the apartment offered, one tap, the new stay linked to the hotel stay', async (javaScript) => {
    expect.hasAssertions();
    // Each run on nights of its own: the demo has one free apartment for two on these nights.
    const stay = hotelStayWithReferral(`Famille Suite-${javaScript ? 'Js' : 'Html'}`, javaScript ? 0 : 10);
    const page = await signedInPage(browser, web.url, 'duty_officer', javaScript);
    await page.goto(`${web.url}/sejours/${stay.id}`);

    // The referral: who referred, a tap calls them, its status, the link to it.
    const call = page.getByRole('link', { name: 'Appeler le 04 67 71 00 17' });
    expect(await call.getAttribute('href')).toBe('tel:0467710017');
    await page.getByText('Gendarmerie de Lunel').first().waitFor();
    await page.getByText('Adjudante Roux').waitFor();
    await page.getByRole('link', { name: 'Voir l’orientation' }).waitFor();
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);

    // One more night at the hotel: within the limit, done; the success takes focus.
    await page.getByLabel('Nouvelle date de départ').fill(addDays(stay.end, 1));
    await page.getByRole('button', { name: 'Changer la date de départ' }).click();
    await page.getByText('Séjour prolongé.').waitFor();
    if (javaScript) {
      await page.waitForFunction(() => document.activeElement?.closest('.form-result[role="status"]') !== null);
      expect(await focusAndView(page, '.form-result[role="status"]')).toEqual({ found: true, focusInside: true, inView: true });
    }
    // At its limit now: the next step is offered at once, with the hotel's limit said.
    await page.getByRole('heading', { name: 'Étape suivante : un appartement' }).waitFor();
    await page.getByText('(3 nuits au plus)', { exact: false }).waitFor();

    // Two nights more: refused for the limit; the stale success is gone, the error is focused and in view.
    const wanted = addDays(stay.end, 3);
    await page.getByLabel('Nouvelle date de départ').fill(wanted);
    await page.getByRole('button', { name: 'Changer la date de départ' }).click();
    await page.locator('#end-error', { hasText: 'Cette durée dépasse la limite du dispositif sur ce type de site.' }).waitFor();
    expect(await page.getByText('Séjour prolongé.').count()).toBe(0);
    if (javaScript) {
      await page.waitForFunction(() => document.activeElement?.closest('.form-result[role="alert"]') !== null);
      expect(await focusAndView(page, '.form-result[role="alert"]')).toEqual({ found: true, focusInside: true, inView: true });
    }
    await page.getByText('Prolonger à l’hôtel n’est pas possible.', { exact: false }).waitFor();
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);

    // One tap on the first apartment offered: the new stay's page, its notice, the link to the hotel stay.
    const first = page.locator('#suite button[name="unitId"]').first();
    const unitName = (await page.locator('#suite .apartments li .big').first().textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/sejours\/[^/?]+\?fait=following/);
    const nextId = new URL(page.url()).pathname.split('/').pop()!;
    expect(nextId).not.toBe(stay.id);
    await page.getByText('Suite placée', { exact: false }).waitFor();
    if (javaScript) {
      await page.waitForFunction(() => document.activeElement?.closest('.form-result[role="status"]') !== null);
      expect(await focusAndView(page, '.form-result[role="status"]')).toEqual({ found: true, focusInside: true, inView: true });
    }
    await page.getByRole('heading', { name: unitName, exact: true }).or(page.getByText(unitName, { exact: true })).first().waitFor();
    const back = page.locator(`a[href="/sejours/${stay.id}"]`);
    expect(await back.count()).toBe(1);
    const row = web.db.$client.prepare('SELECT start_date AS start, end_date AS end, previous_stay_id AS previous FROM stays WHERE id = ?').get(nextId);
    expect(row).toEqual({ start: addDays(stay.end, 1), end: wanted, previous: stay.id });
    // The referral is carried on to the apartment's stay too.
    expect(await page.getByRole('link', { name: 'Appeler le 04 67 71 00 17' }).count()).toBe(1);
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);

    // The hotel stay now names what follows it, and offers no second next step.
    await back.click();
    await page.waitForURL(new RegExp(`/sejours/${stay.id}$`));
    expect(await page.locator(`a[href="/sejours/${nextId}"]`).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Étape suivante : un appartement' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('the next step when the hotel has no limit', () => {
  it('offers the apartment without saying a limit (never « 0 nuits au plus »)', async () => {
    expect.hasAssertions();
    const limits = web.db.$client.prepare(`SELECT * FROM stay_limits WHERE programme = 'emergency' AND site_kind = 'hotel'`).all() as Record<string, unknown>[];
    web.db.$client.prepare(`DELETE FROM stay_limits WHERE programme = 'emergency' AND site_kind = 'hotel'`).run();
    try {
      const stay = hotelStayWithReferral('Famille Sans-Limite', 20);
      const page = await signedInPage(browser, web.url, 'duty_officer', false);
      // Asked for through the page's own form (no JavaScript): the next step up to a chosen date.
      await page.goto(`${web.url}/sejours/${stay.id}?suite=${addDays(stay.end, 7)}`);
      const section = page.locator('#suite');
      await page.getByRole('heading', { name: 'Étape suivante : un appartement' }).waitFor();
      const lead = (await section.locator('p').first().textContent()) ?? '';
      expect(lead).toMatch(/^Le ménage peut continuer dans un appartement à partir du .+, en un seul geste ; les deux séjours restent liés\.$/);
      expect(await section.textContent()).not.toMatch(/au plus|à sa limite/);
      await page.close();
    } finally {
      const insert = web.db.$client.prepare(`INSERT INTO stay_limits (${Object.keys(limits[0] ?? {}).join(', ')}) VALUES (${Object.keys(limits[0] ?? {}).map(() => '?').join(', ')})`);
      for (const row of limits) insert.run(...Object.values(row));
    }
  });
});

// Last in this file: retention erases every referrer's contact of the demo.
describe('the referral card once retention has erased the referrer’s contact', () => {
  it('says the contact was erased, with no empty name and no call link to nothing', async () => {
    expect.hasAssertions();
    const stay = hotelStayWithReferral('Famille Effacée', 30);
    runRetention(web.db, { today: addDays(today(), 3 * 366) });
    const page = await signedInPage(browser, web.url, 'duty_officer', true);
    await page.goto(`${web.url}/sejours/${stay.id}`);
    const card = page.locator('section[aria-labelledby="referral-title"]');
    await card.getByText('Contact effacé (conservation des données : deux ans)').waitFor();
    await card.getByText('Gendarmerie de Lunel').waitFor();
    expect(await page.locator('a[href^="tel:"]').count()).toBe(0);
    expect(await card.textContent()).not.toMatch(/Appeler le|Adjudante Roux/);
    expect(await card.locator('p', { hasText: /^Contact\s*$/ }).count()).toBe(0);
    expect(describeViolations(await axeScan(page))).toEqual([]);
    await page.close();
  });
});
