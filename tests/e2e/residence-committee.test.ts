// The social residence's applications and admission committee in real Chromium at 390 px, against
// the real server on the demo territory: a partner files an application and follows it (status and
// dates only, never another organisation's); the residence officer creates a committee, opens its
// agenda (the waiting list ranked with its reasons in words), admits the partner's application from
// it after a confirmation, and the minutes say so; the partner then sees « Admise ». axe on each new
// page, and no sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import { createApplication, decideApplication } from '../../src/services/residence/applications.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, newContext, SCREENSHOTS, signedInPage, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let officer: Actor;
let partnerPage: Page;
let officerPage: Page;

const APPLICANT = 'Lucie Testeuse-Apprentie';
const WAITING_DV = 'Mme Attente-Confidentielle';
const WAITING_OLD = 'M. Attente-Ancienne';

async function expectClean(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), what).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${what}: no sideways scrolling`).toBeLessThanOrEqual(0);
}

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** Waits until the element shows the text (the answer of a form, a list after a decision). */
async function shows(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}
async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  const id = (web.db.$client.prepare('SELECT id FROM accounts WHERE email = ?').get(EMAILS.residence_officer) as { id: string }).id;
  officer = { accountId: id, role: 'residence_officer', organisationId: null };
  // Two households already on the waiting list: an old application, and a DV one filed later (which ranks first).
  const file = (label: string, pub: 'dv' | 'other') =>
    createApplication(web.db, officer, { household: { label, adults: 1, children: 1 }, monthlyIncomeCents: 70_000, public: pub, referrer: { organisation: 'SIAO 34', contact: 'Écoutante', phone: '115' } }).value.id;
  setClock(Date.now() - 40 * 86_400_000);
  const old = file(WAITING_OLD, 'other');
  setClock(null);
  const dv = file(WAITING_DV, 'dv');
  decideApplication(web.db, officer, old, { outcome: 'waiting_list' });
  decideApplication(web.db, officer, dv, { outcome: 'waiting_list' });
  partnerPage = await (await newContext(browser)).newPage();
  officerPage = await (await newContext(browser)).newPage();
  await Promise.all([signIn(partnerPage, web.url, 'partner'), signIn(officerPage, web.url, 'residence_officer')]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('a partner files and follows its application; the committee admits it from its agenda', () => {
  let applicationUrl = '';

  it('a partner files an application (a refused form first keeps what was typed) and sees it received, with its date', async () => {
    const page = partnerPage;
    // The demo has applications of its own: a refused form must add none to them.
    const applications = () => web.db.$client.prepare('SELECT count(*) AS n FROM residence_applications').get();
    const before = applications();
    await page.goto(`${web.url}/residence/demandes`);
    await expectClean(page, '/residence/demandes (partner)');
    await page.getByLabel('Nom du ménage (ou du demandeur)').fill(APPLICANT);
    await page.getByLabel('Public').selectOption('young_worker');
    await page.getByLabel('Ressources mensuelles (€)').fill('neuf cents');
    await page.getByLabel('Situation et projet (emploi, formation)').fill('Apprentie en CAP cuisine à Lunel');
    await page.getByLabel('Personne à contacter').fill('Mme Conseillère');
    await page.getByLabel('Téléphone').fill('04 67 00 00 00');
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    await shows(page.getByRole('alert'), 'Ressources mensuelles : un montant en euros.');
    expect(await page.getByLabel('Nom du ménage (ou du demandeur)').inputValue()).toBe(APPLICANT);
    expect(applications()).toEqual(before);
    await page.getByLabel('Ressources mensuelles (€)').fill('900');
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    await page.waitForURL(/fait=filed/);
    await shows(page.getByRole('status'), 'Demande déposée.');
    // Its own only: the staff's two applications are not listed, and no name at all.
    const text = await mainText(page);
    expect(text).toContain('Reçue');
    expect(text).not.toContain(WAITING_OLD);
    expect(text).not.toContain(WAITING_DV);
    expect(text).toContain('1 demande');
    const link = page.locator('ul.cards a').first();
    applicationUrl = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForURL(/\/residence\/demandes\/[^/?]+$/);
    await expectClean(page, '/residence/demandes/[id] (partner)');
    expect(await mainText(page)).toMatch(/Reçue — .*2026|Reçue — .*20\d\d/);
    // The rest of the residence is not the partner's.
    const other = await page.goto(`${web.url}/residence/commissions`);
    expect(other?.status()).toBe(403);
  });

  it('the residence officer creates a committee, sees its agenda with the waiting list ranked in words, and admits the application after confirming', async () => {
    const page = officerPage;
    await page.goto(`${web.url}/residence/demandes`);
    await expectClean(page, '/residence/demandes (staff)');
    expect(await mainText(page)).toContain(APPLICANT);
    await page.goto(`${web.url}/residence/commissions`);
    await expectClean(page, '/residence/commissions');
    await page.getByLabel('Note (présents…)').fill('Direction, intervenante sociale, Mission Locale');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.waitForURL(/\/residence\/commissions\/[^/?]+\?fait=created/);
    await expectClean(page, '/residence/commissions/[id]');
    // The waiting list: the DV household first (by its pseudonym only), then the oldest wait, each with its reasons.
    const waiting = page.locator('section', { has: page.getByRole('heading', { name: 'Liste d’attente', exact: true }) });
    const cards = waiting.locator('li.card');
    // The demo's own waiting list is there too: every DV household (by its pseudonym only) ranks before the old wait.
    const texts = await cards.allTextContents();
    const oldAt = texts.findIndex((t) => t.includes(WAITING_OLD));
    const dvAt = texts.flatMap((t, i) => (t.includes('Ménage victime de violences conjugales.') ? [i] : []));
    expect(dvAt.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...dvAt)).toBeLessThan(oldAt);
    expect(texts.join('\n')).not.toContain(WAITING_DV);
    await shows(cards.nth(oldAt), /Attend depuis 4\d jours/);
    // The new application, admitted from the agenda.
    const received = page.locator('section', { has: page.getByRole('heading', { name: 'Nouvelles demandes' }) }).locator('li.card', { hasText: APPLICANT });
    await received.getByLabel('Décision').selectOption('admitted');
    await received.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const confirm = page.locator('#confirm-decision');
    await shows(confirm, `Confirmer : Admission ? — ${APPLICANT}`);
    await confirm.getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForURL(/fait=admitted/);
    await shows(page.getByRole('status'), 'Décision enregistrée. Admise');
    await shows(page.locator('#decisions'), `${APPLICANT} — Admise`);
    await page.screenshot({ path: `${SCREENSHOTS}/residence-committee-390.png`, fullPage: true });
    // The minutes, printable.
    await page.getByRole('link', { name: 'Procès-verbal imprimable' }).click();
    await page.waitForURL(/proces-verbal$/);
    await expectClean(page, '/residence/commissions/[id]/proces-verbal');
    await shows(page.locator('table'), APPLICANT);
    await shows(page.locator('main'), 'Direction, intervenante sociale, Mission Locale');
    // The step carries the committee on the application's page.
    await page.goto(`${web.url}${applicationUrl}`);
    await expectClean(page, '/residence/demandes/[id] (staff)');
    expect(await mainText(page)).toMatch(/Admise — .*\(commission du /);
  });

  it('the partner sees its application admitted, with the date, and nothing of the committee', async () => {
    const page = partnerPage;
    await page.goto(`${web.url}${applicationUrl}`);
    const text = await mainText(page);
    expect(text).toContain('Admise');
    expect(text).not.toContain('commission');
    expect(text).not.toContain(APPLICANT);
  });

  it('an urgent decision between committees says so, and a refusal without a reason is refused in words', async () => {
    const page = officerPage;
    const id = createApplication(web.db, officer, { household: { label: 'M. Urgent-Testeur', adults: 1, children: 0 }, monthlyIncomeCents: 50_000, public: 'other', referrer: { contact: 'X', phone: '04' } }).value.id;
    await page.goto(`${web.url}/residence/demandes/${id}`);
    await page.getByLabel('Décision').selectOption('refused');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await shows(page.getByRole('alert'), 'Un refus ou une réorientation se motive.');
    await page.getByLabel('Décision').selectOption('admitted');
    await page.getByLabel('Commission').selectOption('');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await shows(page.locator('#confirm-decision'), 'Sans commission, la décision sera enregistrée comme urgente.');
    await page.locator('#confirm-decision').getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForURL(/fait=admitted/);
    expect(await mainText(page)).toContain('décision urgente, hors commission');
  });

  it('without JavaScript, a partner files an application and withdraws it after confirming', async () => {
    const page = await signedInPage(browser, web.url, 'partner', false);
    await page.goto(`${web.url}/residence/demandes`);
    await page.getByLabel('Nom du ménage (ou du demandeur)').fill('M. Sans-Script');
    await page.getByLabel('Ressources mensuelles (€)').fill('650,50');
    await page.getByLabel('Personne à contacter').fill('Mme Conseillère');
    await page.getByLabel('Téléphone').fill('04 67 00 00 00');
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    await page.waitForURL(/fait=filed/);
    await shows(page.getByRole('status'), 'Demande déposée.');
    const row = web.db.$client.prepare("SELECT id, monthly_income_cents AS cents FROM residence_applications ORDER BY received_at DESC LIMIT 1").get() as { id: string; cents: number };
    expect(row.cents).toBe(65_050);
    await page.goto(`${web.url}/residence/demandes/${row.id}`);
    await page.getByRole('button', { name: 'Retirer la demande' }).click();
    await shows(page.locator('#confirm-decision'), 'Confirmer : Retrait ?');
    expect(web.db.$client.prepare('SELECT status FROM residence_applications WHERE id = ?').get(row.id)).toEqual({ status: 'received' });
    await page.locator('#confirm-decision').getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForURL(/fait=withdrawn/);
    await shows(page.locator('main'), 'Retirée');
    expect(web.db.$client.prepare('SELECT status FROM residence_applications WHERE id = ?').get(row.id)).toEqual({ status: 'withdrawn' });
    await page.context().close();
  });
});
