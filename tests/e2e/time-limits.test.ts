// Time limits that warn, in real Chromium at 390 px with the service's clock set close to the end:
// a hold says its deadline in words (with and without JavaScript), warns two minutes before it
// lapses in a live region, and its button extends it by one more period; a lapsed hold is not
// extended. axe stays clean on the warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import { MAX_HOLD_EXTENSIONS } from '../../src/domain/time-limits.ts';
import type { Actor } from '../../src/services/actor.ts';
import { suggest } from '../../src/services/allocation.ts';
import { setClock, tonight } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import { getStay, placeStay } from '../../src/services/stays.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, newContext, SCREENSHOTS, signedInPage, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let officer: Actor;
const MINUTE = 60_000;
// A fixed moment for the whole file (the pages and the API read the same service clock).
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE;

beforeAll(async () => {
  setClock(T0);
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  const id = (web.db.$client.prepare('SELECT id FROM accounts WHERE email = ?').get(EMAILS.duty_officer) as { id: string }).id;
  officer = { accountId: id, role: 'duty_officer', organisationId: null };
});

afterAll(async () => {
  setClock(null);
  await browser?.close();
  await web?.close();
});

let serial = 0;
/** A new hold taken at `at` on a free emergency unit for tonight; its id and expiry. */
function holdAt(at: number): { id: string; expiresAt: number } {
  setClock(at);
  const night = tonight();
  const unitId = suggest(web.db, officer, { start: night, end: addDays(night, 1), persons: 1, programme: 'emergency' }).options[0].unitId;
  const { value } = placeStay(web.db, officer, { unitId, start: night, end: addDays(night, 1), programme: 'emergency', household: { label: `Ménage minuté ${++serial}`, adults: 1, children: 0 }, status: 'hold' });
  return { id: value.id, expiresAt: Date.parse(value.holdExpiresAt!) };
}

function expiryInDb(id: string): number {
  return (web.db.$client.prepare('SELECT hold_expires_at FROM stays WHERE id = ?').get(id) as { hold_expires_at: number }).hold_expires_at;
}

/** « 21 h 47 », independently of the page's own formatting. */
function spoken(ms: number): string {
  const [h, m] = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' }).format(new Date(ms)).split(':');
  return `${Number(h)}\u00a0h\u00a0${m}`;
}

const liveRegion = (page: Page) => page.locator('.hold-timer [role="status"][aria-live="polite"]');
const deadline = (page: Page) => page.locator('.hold-timer .deadline');

describe('a hold about to lapse', () => {
  it('warns in a live region two minutes before; the button extends it by one period; axe clean', async () => {
    expect.hasAssertions();
    const hold = holdAt(T0);
    const page = await (await newContext(browser)).newPage();
    await signIn(page, web.url, 'duty_officer');
    // 90 seconds left.
    setClock(hold.expiresAt - 90_000);
    await page.goto(`${web.url}/placer/option/${hold.id}`);
    await page.waitForLoadState('networkidle');
    await expect(deadline(page).textContent()).resolves.toBe(`Cette option expire à ${spoken(hold.expiresAt)} (dans 2 minutes).`);
    // At once: 90 seconds are inside the two minutes.
    await liveRegion(page).filter({ hasText: 'Attention : l’option expire dans moins de 2 minutes.' }).waitFor({ timeout: 5000 });
    expect(describeViolations(await axeScan(page)), 'the warning').toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/hold-warning-390.png`, fullPage: true });

    await Promise.all([page.waitForURL(/fait=prolongee/), page.getByRole('button', { name: 'Prolonger l’option de 15 minutes' }).click()]);
    await page.waitForLoadState('networkidle');
    const extended = hold.expiresAt + settings.holdMinutes() * MINUTE;
    expect(expiryInDb(hold.id)).toBe(extended);
    await expect(deadline(page).textContent()).resolves.toBe(`Cette option expire à ${spoken(extended)} (dans 17 minutes).`);
    await expect(page.locator('main [role="status"]', { hasText: `Option prolongée : elle expire maintenant à ${spoken(extended)}.` }).count()).resolves.toBe(1);
    expect(((await liveRegion(page).textContent()) ?? '').trim()).toBe('');
    await expect(page.locator('.hold-timer').textContent()).resolves.toContain(`Encore ${MAX_HOLD_EXTENSIONS - 1} prolongations possibles.`);
    await page.context().close();
  });

  it('with JavaScript, the count goes on in the page: the warning comes when two minutes are left, then the lapse is said', async () => {
    expect.hasAssertions();
    const hold = holdAt(T0 + 60 * MINUTE);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    setClock(hold.expiresAt - 3 * MINUTE);
    await page.clock.install();
    await page.goto(`${web.url}/placer/option/${hold.id}`);
    await page.waitForLoadState('networkidle');
    await page.clock.runFor(1000);
    expect(((await liveRegion(page).textContent()) ?? '').trim()).toBe('');
    await page.clock.runFor(65_000);
    await liveRegion(page).filter({ hasText: 'Attention : l’option expire dans moins de 2 minutes.' }).waitFor({ timeout: 3000 });
    await page.clock.runFor(2 * MINUTE);
    await liveRegion(page).filter({ hasText: 'L’option vient d’expirer' }).waitFor({ timeout: 3000 });
    await expect(page.getByRole('button', { name: /Prolonger/ }).count()).resolves.toBe(0);
    await context.close();
  });

  it('without JavaScript, the deadline is said in words and the button extends it; at the limit, no more button', async () => {
    expect.hasAssertions();
    const hold = holdAt(T0 + 120 * MINUTE);
    const page = await signedInPage(browser, web.url, 'duty_officer', false);
    await page.goto(`${web.url}/placer/option/${hold.id}`);
    await expect(deadline(page).textContent()).resolves.toBe(`Cette option expire à ${spoken(hold.expiresAt)} (dans 15 minutes).`);
    for (let i = 1; i <= MAX_HOLD_EXTENSIONS; i++) {
      await Promise.all([page.waitForURL(/fait=prolongee/), page.getByRole('button', { name: 'Prolonger l’option de 15 minutes' }).click()]);
      expect(expiryInDb(hold.id)).toBe(hold.expiresAt + i * settings.holdMinutes() * MINUTE);
    }
    await expect(deadline(page).textContent()).resolves.toBe(`Cette option expire à ${spoken(hold.expiresAt + 45 * MINUTE)} (dans 60 minutes).`);
    await expect(page.getByRole('button', { name: /Prolonger/ }).count()).resolves.toBe(0);
    await expect(page.locator('.hold-timer').textContent()).resolves.toContain('Plus de prolongation possible');
    await page.context().close();
  });

  it('in English without JavaScript, the same deadline in words', async () => {
    expect.hasAssertions();
    const hold = holdAt(T0 + 180 * MINUTE);
    const page = await signedInPage(browser, web.url, 'duty_officer', false);
    await page.context().addCookies([{ name: 'lang', value: 'en', url: web.url }]);
    setClock(hold.expiresAt - 90_000);
    await page.goto(`${web.url}/placer/option/${hold.id}`);
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(hold.expiresAt));
    await expect(deadline(page).textContent()).resolves.toBe(`This hold lapses at ${time} (in 2 minutes).`);
    // Without JavaScript, the warning is on the page as the server wrote it.
    await expect(liveRegion(page).textContent()).resolves.toContain('Careful: the hold lapses in less than 2 minutes.');
    await page.context().close();
  });

  it('a hold that lapsed before the button was pressed is not extended: a clear message, the unit not held again', async () => {
    expect.hasAssertions();
    const hold = holdAt(T0 + 240 * MINUTE);
    const page = await (await newContext(browser)).newPage();
    await signIn(page, web.url, 'duty_officer');
    setClock(hold.expiresAt - 60_000);
    await page.goto(`${web.url}/placer/option/${hold.id}`);
    await page.waitForLoadState('networkidle');
    // The service's clock passes the expiry while the page still offers the button.
    setClock(hold.expiresAt + 1000);
    await page.getByRole('button', { name: 'Prolonger l’option de 15 minutes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Trop tard : l’option avait expiré et n’a pas été prolongée.' }).waitFor();
    expect(expiryInDb(hold.id)).toBe(hold.expiresAt);
    expect(getStay(web.db, officer, hold.id).status).toBe('lapsed');
    await page.context().close();
  });
});

describe('the session’s idle limit', () => {
  const IDLE = () => settings.sessionIdleMinutes() * MINUTE;
  const sessionRegion = (page: Page) => page.locator('.session-time .live[aria-live="polite"]');

  it('says when it ends; two minutes before, warns in a live region, and « Rester connecté » extends it', async () => {
    expect.hasAssertions();
    const S = T0 + 300 * MINUTE;
    setClock(S);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.clock.install();
    await signIn(page, web.url, 'duty_officer');
    // A page with JavaScript (the planning ships none: there the end is said in words only).
    await page.goto(`${web.url}/menages`);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.session-time .deadline').textContent()).resolves.toBe(`Sans activité, votre session se termine à ${spoken(S + IDLE())}.`);
    expect(((await sessionRegion(page).textContent()) ?? '').trim()).toBe('');
    // Nothing happens for 28 and a half minutes, on the service's clock and the device's alike.
    setClock(S + IDLE() - 90_000);
    await page.clock.runFor(IDLE() - 90_000);
    await sessionRegion(page).filter({ hasText: 'Votre session se termine dans moins de 2 minutes faute d’activité.' }).waitFor({ timeout: 5000 });
    expect(describeViolations(await axeScan(page)), 'the session warning').toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/session-warning-390.png` });
    await page.getByRole('button', { name: 'Rester connecté' }).click();
    await sessionRegion(page).filter({ hasText: `Session prolongée jusqu’à ${spoken(S + IDLE() - 90_000 + IDLE())}.` }).waitFor({ timeout: 5000 });
    // The session was extended on the service: a page 29 minutes after the first limit still opens.
    setClock(S + IDLE() + 5 * MINUTE);
    await page.goto(`${web.url}/menages`);
    expect(new URL(page.url()).pathname).toBe('/menages');
    await context.close();
  });

  it('a form sent after the session ended leads to sign-in; once signed in, the typed values come back and are sent again', async () => {
    expect.hasAssertions();
    const S = T0 + 400 * MINUTE;
    setClock(S);
    const night = tonight();
    const unitId = suggest(web.db, officer, { start: night, end: addDays(night, 2), persons: 1, programme: 'emergency' }).options[0].unitId;
    const stay = placeStay(web.db, officer, { unitId, start: night, end: addDays(night, 2), programme: 'emergency', household: { label: 'Ménage de la note', adults: 1, children: 0 } }).value;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/sejours/${stay.id}`);
    await page.waitForLoadState('networkidle');
    const note = 'Clés chez la gardienne, bâtiment B ; rappeler Mme R. avant 22 h.';
    await page.getByRole('textbox', { name: 'Note pratique' }).fill(note);
    // The person is called away; the session ends while the note waits.
    setClock(S + IDLE() + MINUTE);
    await Promise.all([page.waitForURL(/\/connexion/), page.getByRole('button', { name: 'Enregistrer la note' }).click()]);
    await page.waitForLoadState('networkidle');
    // Nothing typed is in the address, nor stored readable on the service.
    expect(page.url()).not.toContain('gardienne');
    const kept = web.db.$client.prepare('SELECT sealed FROM form_stashes').all() as { sealed: string }[];
    expect(kept).toHaveLength(1);
    expect(kept[0].sealed).not.toContain('gardienne');
    expect(Buffer.from(kept[0].sealed, 'base64url').toString('latin1')).not.toContain('gardienne');
    await page.getByRole('status').filter({ hasText: 'Ce que vous aviez saisi est gardé 15 minutes' }).waitFor({ timeout: 5000 });

    await page.getByLabel(/e-mail/i).fill(EMAILS.duty_officer);
    await page.getByLabel(/mot de passe/i).fill('demo-lunel-2026');
    await Promise.all([page.waitForURL(/\/reprise/), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('table').textContent()).resolves.toContain(note);
    // Given back once: the service keeps nothing more.
    expect(web.db.$client.prepare('SELECT count(*) AS n FROM form_stashes').get()).toEqual({ n: 0 });
    expect(describeViolations(await axeScan(page)), 'the page that gives the form back').toEqual([]);
    await Promise.all([page.waitForURL(new RegExp(`/sejours/${stay.id}`)), page.getByRole('button', { name: 'Envoyer à nouveau' }).click()]);
    expect((web.db.$client.prepare('SELECT note FROM stays WHERE id = ?').get(stay.id) as { note: string }).note).toBe(note);
    await context.close();
  });
});
