// Confidentiality in Chromium, on the demo territory. A woman first sheltered under emergency (who
// named her partner: keep apart), then placed under the DV protocol as the same household, is never
// shown, listed or found by her name: not on /menages, /planning, tonight, her stays' pages; a duty
// officer finds her record by her exact full name with a reason (never by a part of it), without
// JavaScript too; a housing officer has no such form, and reveals her name as his own mission
// applicant with a reason; an admin downloads her access-request export (no trace of the partner)
// and lifts the confidentiality with a reason. Every such act is in the audit log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { READABLE_DETAIL } from '../services/helpers.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

const HER = 'Mme Élodie Fabre-Testeuse';
const HIM = 'M. Yann Fabre-Testeur';
let her: { householdId: string; stayIds: string[]; pseudonym: string; applicantId: string };
let him: { householdId: string; pseudonym: string };

function actor(role: Role): Actor {
  const row = web.db.$client.prepare('SELECT id, organisation_id AS organisationId FROM accounts WHERE email = ?').get(EMAILS[role]) as { id: string; organisationId: string | null };
  return { accountId: row.id, role, organisationId: row.organisationId, ip: '127.0.0.1' };
}

function auditOf(entityId: string): { action: string; detail: string | null; actor: string | null }[] {
  return web.db.$client.prepare(`SELECT action, ${READABLE_DETAIL} AS detail, actor_id AS actor FROM audit_entries WHERE entity_id = ? ORDER BY id`).all(entityId) as { action: string; detail: string | null; actor: string | null }[];
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
  const admin = actor('admin');
  const duty = actor('duty_officer');
  const site = createSite(web.db, admin, { name: 'Foyer des tests', commune: 'Lunel', confidential: false, address: '9 rue des Essais, 34400 Lunel' }).id;
  const unit = (name: string) => createUnit(web.db, admin, { siteId: site, name, capacity: 4, programmes: ['emergency', 'dv_protocol'] }).id;
  const [u1, u2] = [unit('Essai 1'), unit('Essai 2')];
  // He is sheltered elsewhere: she may never share a site with him.
  const elsewhere = createSite(web.db, admin, { name: 'Foyer des tests bis', commune: 'Lunel-Viel', confidential: false, address: '1 rue des Essais, 34400 Lunel-Viel' }).id;
  const u3 = createUnit(web.db, admin, { siteId: elsewhere, name: 'Essai 3', capacity: 2, programmes: ['emergency'] }).id;
  const night = tonight();
  const partner = placeStay(web.db, duty, { unitId: u3, start: night, end: addDays(night, 3), programme: 'emergency', household: { label: HIM, adults: 1, children: 0 } }).value;
  him = { householdId: partner.householdId, pseudonym: partner.household!.pseudonym };
  const first = placeStay(web.db, duty, { unitId: u1, start: night, end: addDays(night, 2), programme: 'emergency', household: { label: HER, adults: 1, children: 1, keepApartFrom: partner.householdId } }).value;
  const applicant = createApplicant(web.db, actor('housing_officer'), {
    householdId: first.householdId,
    label: HER,
    persons: 2,
    accessibleNeeded: false,
    maxRentCents: 65000,
    yearlyIncomeCents: 1300000,
    communes: ['Lunel'],
    neededFrom: addDays(night, 30),
    waitingSince: night,
    situation: 'emergency_stay'
  });
  const dv = placeStay(web.db, duty, { unitId: u2, start: addDays(night, 2), end: addDays(night, 6), programme: 'dv_protocol', householdId: first.householdId }).value;
  her = { householdId: first.householdId, stayIds: [first.id, dv.id], pseudonym: dv.household!.pseudonym, applicantId: applicant.id };
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(describeViolations(await axeScan(page))).toEqual([]);
}

describe('a household that became confidential', () => {
  it('is never shown by her name to a duty officer: /menages (found by her name: nothing), /planning, tonight, her stays and their sheet', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages?q=${encodeURIComponent('Fabre-Testeuse')}`);
    await expect(page.getByText('Aucun ménage pour « Fabre-Testeuse ».').isVisible()).resolves.toBe(true);
    for (const path of ['/menages', '/planning', '/', `/menages/${her.householdId}`, ...her.stayIds.flatMap((id) => [`/sejours/${id}`, `/sejours/${id}/fiche`])]) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await page.content(), path).not.toContain('Élodie');
    }
    await context.close();
  });

  it('a duty officer finds her record by her exact full name with a reason, never by a part of it; without JavaScript', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages`);
    await page.getByText('Retrouver un ménage confidentiel par son nom complet').click();
    const find = async (name: string, reason: string) => {
      await page.getByLabel('Nom complet, tel qu’il a été enregistré').fill(name);
      await page.getByLabel('Motif de la recherche').fill(reason);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Retrouver par le nom complet' }).click()]);
    };
    await find('Fabre-Testeuse', 'Elle rappelle le 115');
    await expect(page.getByText('Aucun ménage confidentiel ne porte exactement ce nom.').isVisible()).resolves.toBe(true);
    await find('  mme élodie   FABRE-TESTEUSE ', 'Elle rappelle le 115 ce soir');
    await expect(page.getByText('1 ménage confidentiel porte ce nom :').isVisible()).resolves.toBe(true);
    const findSection = page.getByRole('region', { name: 'Retrouver un ménage confidentiel par son nom complet' });
    await expect(findSection.getByRole('link', { name: her.pseudonym }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'menages-find-390.png'), fullPage: true });
    // The name typed never comes back on the page once found, nor goes to the audit log.
    expect(await page.content()).not.toContain('Élodie');
    const found = auditOf(her.householdId).filter((e) => e.action === 'household.find');
    expect(found.map((e) => JSON.parse(e.detail!))).toEqual([{ reason: 'Elle rappelle le 115 ce soir', found: 1 }]);
    await Promise.all([page.waitForURL(`${web.url}/menages/${her.householdId}`), findSection.getByRole('link', { name: her.pseudonym }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(her.pseudonym);
    await context.close();
  });

  it('a housing officer has no such form (and a post by hand is refused), and sees her as a pseudonym', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/menages`);
    await expect(page.getByRole('button', { name: 'Retrouver par le nom complet' }).count()).resolves.toBe(0);
    const posted = await page.request.post(`${web.url}/menages?/find`, {
      form: { name: HER, reason: 'curiosité' },
      headers: { origin: web.url, accept: 'application/json', 'x-sveltekit-action': 'true' }
    });
    const text = await posted.text();
    expect(text).toContain('forbidden');
    expect(text).not.toContain(her.householdId);
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it("a housing officer reveals his own applicant's name with a reason, once, audited", async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/candidats/${her.applicantId}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(her.pseudonym);
    expect(await page.content()).not.toContain('Élodie');
    await page.getByText('Révéler le nom').first().click();
    await page.getByLabel('Motif de la révélation').fill('Signature du bail chez le bailleur');
    await page.getByRole('button', { name: 'Révéler le nom' }).click();
    await page.getByRole('heading', { name: 'Nom révélé' }).waitFor();
    await expect(page.getByText(HER, { exact: true }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'candidat-revealed-390.png'), fullPage: true });
    const reveal = auditOf(her.applicantId).filter((e) => e.action === 'applicant.reveal');
    expect(reveal.map((e) => JSON.parse(e.detail!))).toEqual([{ householdId: her.householdId, reason: 'Signature du bail chez le bailleur' }]);
    await page.reload();
    expect(await page.content()).not.toContain('Élodie');
    await context.close();
  });

  it('an admin downloads her export (no trace of the partner), then lifts the confidentiality with a reason', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'admin');
    await page.goto(`${web.url}/menages/${her.householdId}`);
    await expectNoSeriousViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger l’export (JSON)' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const body = JSON.parse(text);
    expect(body.household).toMatchObject({ id: her.householdId, label: HER, confidential: true });
    expect(body.stays).toHaveLength(2);
    for (const trace of [him.householdId, him.pseudonym, HIM, 'Yann', 'keepApart']) expect(text, trace).not.toContain(trace);
    expect(auditOf(her.householdId).filter((e) => e.action === 'household.export')).toHaveLength(1);

    await page.getByLabel('Motif de la levée').fill('Demande de la personne, danger écarté');
    await page.getByRole('button', { name: 'Lever la confidentialité' }).click();
    await page.getByText('La confidentialité est levée ; la levée est inscrite au journal.').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(HER);
    const lift = auditOf(her.householdId).filter((e) => e.action === 'household.unconfidential');
    expect(lift.map((e) => JSON.parse(e.detail!))).toEqual([{ reason: 'Demande de la personne, danger écarté' }]);
    await page.screenshot({ path: join(SCREENSHOTS, 'menage-lifted-390.png'), fullPage: true });
    await context.close();
  });

  it('a duty officer has neither the export nor the lift on the record, and a post by hand is refused', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/menages/${him.householdId}`);
    await expect(page.getByRole('button', { name: 'Télécharger l’export (JSON)' }).count()).resolves.toBe(0);
    const posted = await page.request.post(`${web.url}/menages/${him.householdId}/export`, { headers: { origin: web.url } });
    expect(posted.status()).toBe(403);
    expect(await posted.text()).not.toContain('Yann');
    await context.close();
  });
});
