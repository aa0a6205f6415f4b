// The social residence's staff pages in real Chromium against the real server on the demo
// territory, at 390 px: the reminders on the staff home page (counts that are links), the residents
// with the month's planning, a contract with its statement, payments and departure, the departures;
// a contract signed for an admitted application and its stay on the residence's planning; a payment
// recorded and the balance updated. axe on every page; no sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Actor } from '../../src/services/actor.ts';
import { addDays } from '../../src/domain/dates.ts';
import { tonight } from '../../src/services/clock.ts';
import { createApplication, decideApplication } from '../../src/services/residence/applications.ts';
import { getContractView, getResidenceReminders } from '../../src/services/residence/board.ts';
import { formatCents } from '../../src/lib/format.ts';
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
    // The demo has one of each: a review due, a resident in arrears, a departure announced, applications waiting.
    expect(Math.min(want.reviewsDue, want.arrears, want.departuresAnnounced, want.applicationsWaiting)).toBeGreaterThan(0);
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

describe('a contract signed, a payment recorded, a departure confirmed', () => {
  const LABEL = 'Mme Testeuse-Résidence';

  it('signs the contract of an admitted application: its stay is on the residence planning', async () => {
    const filed = createApplication(web.db, officer, {
      household: { label: LABEL, adults: 1, children: 0 },
      monthlyIncomeCents: 95_000,
      public: 'young_worker',
      referrer: { organisation: 'Mission Locale', contact: 'M. Ferrand', phone: '04 67 00 40 50' }
    }).value;
    decideApplication(web.db, officer, filed.id, { outcome: 'admitted' });

    const page = await pageAs('residence_officer');
    // From the admitted application's page, one link leads to the signing form with it chosen.
    await page.goto(`${web.url}/residence/demandes/${filed.id}`);
    await Promise.all([page.waitForURL(/\/residence\?demande=/), page.getByRole('link', { name: 'Signer le contrat d’occupation' }).click()]);
    const form = page.locator('#signer form');
    expect(await form.getByLabel('Demande admise').inputValue()).toBe(filed.id);
    await form.getByLabel('Logement (obligatoire)', { exact: true }).selectOption({ label: 'Les Tamaris — studio 01 · T1' });
    await form.getByLabel('Équivalent loyer (€ par mois)').fill('380');
    await form.getByLabel('Charges (€ par mois)').fill('60');
    await form.getByLabel('APL versée à la résidence (€ par mois)').fill('200');
    await form.getByLabel('Dépôt de garantie (€)').fill('380');
    await form.getByLabel('Travailleur social référent').fill('Mme Sabatier');
    await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: 'Signer le contrat' }).click()]);
    await expect(page.locator('#signer [role="status"]').textContent()).resolves.toContain('Contrat signé');

    const contract = row<{ id: string; stay_id: string; start_date: string }>(
      `SELECT c.id, c.stay_id, c.start_date FROM residence_contracts c JOIN households h ON h.id = c.household_id WHERE h.label = ?`,
      LABEL
    );
    expect(contract.start_date).toBe(tonight());
    // Its stay is a social_residence stay on studio 01, shown on the month's planning of the residence.
    const stay = row<{ programme: string; unit: string }>(`SELECT s.programme, u.name AS unit FROM stays s JOIN units u ON u.id = s.unit_id WHERE s.id = ?`, contract.stay_id);
    expect(stay).toEqual({ programme: 'social_residence', unit: 'Les Tamaris — studio 01' });
    await page.goto(`${web.url}/residence`);
    const unitRow = page.locator('#planning tr', { hasText: 'Les Tamaris — studio 01' });
    await expect(unitRow.textContent()).resolves.toContain(LABEL);
    await expectNoSidewaysScroll(page, '/residence after signing');
    await page.context().close();
  });

  it('records a payment and the balance goes down by it; a reversal puts it back; axe-clean at 390 px', async () => {
    const id = row<{ id: string }>(`SELECT c.id FROM residence_contracts c JOIN households h ON h.id = c.household_id WHERE h.label = ?`, LABEL).id;
    const before = getContractView(web.db, officer, id).statement.balanceCents;
    const page = await pageAs('residence_officer');
    await page.goto(`${web.url}/residence/contrats/${id}`);
    await expect(page.locator('[data-field="balance"]').textContent()).resolves.toBe(formatCents(before, 'fr'));
    await expectNoSidewaysScroll(page, 'contract page');
    await expectNoSeriousViolations(page, 'contract page');
    await page.screenshot({ path: `${SCREENSHOTS}/residence-contract-390.png`, fullPage: true });

    const pay = page.locator('form[action="?/payment"]');
    await pay.getByLabel('Montant (€)').fill('150');
    await pay.getByLabel('Moyen de paiement').selectOption('cheque');
    await Promise.all([page.waitForLoadState('load'), pay.getByRole('button', { name: 'Enregistrer le paiement' }).click()]);
    await expect(page.locator('form[action="?/payment"] [role="status"]').textContent()).resolves.toContain('150');
    const after = getContractView(web.db, officer, id).statement.balanceCents;
    expect(after).toBe(before - 15_000);
    await expect(page.locator('[data-field="balance"]').textContent()).resolves.toBe(formatCents(after, 'fr'));

    const reverse = page.locator('form[action="?/reversal"]');
    await reverse.getByLabel('Montant rejeté (€)').fill('150');
    await reverse.getByLabel('Motif du rejet').fill('Chèque impayé');
    await Promise.all([page.waitForLoadState('load'), reverse.getByRole('button', { name: 'Enregistrer le rejet' }).click()]);
    expect(getContractView(web.db, officer, id).statement.balanceCents).toBe(before);
    await expect(page.locator('[data-field="balance"]').textContent()).resolves.toBe(formatCents(before, 'fr'));
    await expectNoSeriousViolations(page, 'contract page after a reversal');

    // A payment refused by its form keeps what was typed and records nothing.
    const count = () => row<{ n: number }>(`SELECT count(*) AS n FROM residence_payments WHERE contract_id = ?`, id).n;
    const n = count();
    await pay.getByLabel('Montant (€)').fill('beaucoup');
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action="?/payment"]').getByRole('button', { name: 'Enregistrer le paiement' }).click()]);
    await expect(page.locator('form[action="?/payment"] [role="alert"]').count()).resolves.toBe(1);
    await expect(page.locator('form[action="?/payment"]').getByLabel('Montant (€)').inputValue()).resolves.toBe('beaucoup');
    expect(count()).toBe(n);
    await page.context().close();
  });

  it('asks before recording a departure, then frees the unit from its date', async () => {
    const id = row<{ id: string }>(`SELECT c.id FROM residence_contracts c JOIN households h ON h.id = c.household_id WHERE h.label = ?`, LABEL).id;
    const date = addDays(tonight(), 10);
    const page = await pageAs('residence_officer');
    await page.goto(`${web.url}/residence/contrats/${id}#depart`);
    const form = page.locator('#depart form');
    await form.getByLabel('Date de départ (première nuit libre)').fill(date);
    await form.getByLabel('Destination').selectOption('private_rental');
    await form.getByLabel('Par le résident (préavis de 8 jours)').check();
    await form.getByLabel('Préavis donné le').fill(tonight());
    await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: 'Enregistrer le départ' }).click()]);
    // Nothing recorded yet: the page asks.
    expect(row<{ status: string }>(`SELECT status FROM residence_contracts WHERE id = ?`, id).status).toBe('active');
    await expectNoSeriousViolations(page, 'departure confirmation');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Oui, enregistrer le départ' }).click()]);
    await expect(page.locator('#depart [role="status"]').textContent()).resolves.toContain('libre');
    expect(row<{ status: string; end_date: string }>(`SELECT status, end_date FROM residence_contracts WHERE id = ?`, id)).toEqual({ status: 'ended', end_date: date });
    const stay = row<{ end_date: string; destination: string }>(`SELECT s.end_date, s.destination FROM stays s JOIN residence_contracts c ON c.stay_id = s.id WHERE c.id = ?`, id);
    expect(stay).toEqual({ end_date: date, destination: 'private_rental' });
    await page.goto(`${web.url}/residence/departs`);
    await expect(page.locator('#annonces').textContent()).resolves.toContain(LABEL);
    await page.context().close();
  });
});
