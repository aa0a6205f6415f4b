// Corrections on the housing mission's pages in real Chromium against the real server: a housing
// officer corrects an open offer's rent from its page (the form prefilled in euros, the landlord
// shown only), sees the dated step « Corrigée : loyer » and the ranking follow the new rent (an
// applicant excluded as the rent was over their budget is ranked once it is lowered); a bad value
// is refused in words beside its field with everything typed kept and nothing written; without
// JavaScript, a period offer whose unit has its nights refuses a new commune in words (409); an
// applicant's persons are corrected from their record. axe scans both edit pages; a screenshot of
// the offer edit page at 390 px. The offers and applicants are entered through the service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { today } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOfferUnit } from '../../src/services/mission/offer-unit.ts';
import { createOffer, openOffer, withdrawOffer } from '../../src/services/mission/offers.ts';
import type { ApplicantInput, OfferInput } from '../../src/services/mission/validation.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let officer: Actor;
let day: string;
let landlordId: string;

const COMMUNE = 'Villetelle';
const LANDLORD = 'M. Bailleur-Correcteur';
const MODEST = 'Famille Budget-Serré-Testeuse';

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(describeViolations(violations), what).toEqual([]);
}

function row<T>(sql: string, ...params: unknown[]): T {
  return web.db.$client.prepare(sql).get(...params) as T;
}

function offer(over: Partial<OfferInput> = {}): string {
  return createOffer(web.db, officer, {
    landlordId,
    commune: COMMUNE,
    address: '3 rue des Corrections, 34400 Villetelle',
    typology: 'T3',
    surfaceM2: 62,
    capacity: 4,
    accessible: false,
    rentCents: 90_000,
    chargesCents: 5_000,
    availableFrom: addDays(day, 7),
    availableUntil: null,
    scheme: 'none',
    energyRating: 'C',
    ...over
  }).id;
}

function applicant(label: string, over: Partial<ApplicantInput> = {}): string {
  return createApplicant(web.db, officer, {
    label,
    persons: 2,
    accessibleNeeded: false,
    maxRentCents: 70_000,
    yearlyIncomeCents: 1_800_000,
    communes: [COMMUNE],
    neededFrom: day,
    waitingSince: '2023-03-01',
    situation: 'elsewhere',
    ...over
  }).id;
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  day = today();
  const id = row<{ id: string }>('SELECT id FROM accounts WHERE email = ?', EMAILS.housing_officer).id;
  officer = { accountId: id, role: 'housing_officer', organisationId: null };
  landlordId = createLandlord(web.db, officer, { name: LANDLORD, phone: '06 00 00 00 01' }).id;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the mission: correcting an offer and an applicant', () => {
  it('a housing officer lowers an open offer’s rent: the step says so and the ranking follows', async () => {
    expect.hasAssertions();
    const offerId = offer();
    openOffer(web.db, officer, offerId);
    const modest = applicant(MODEST);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/offres/${offerId}`);
    await page.waitForLoadState('networkidle');
    // 950 € a month in all is over the 700 € the household can pay: excluded, not ranked.
    await expect(page.locator(`#cand-${modest}`).count()).resolves.toBe(0);
    await expect(page.locator('details.excluded').textContent()).resolves.toContain(MODEST);

    await Promise.all([page.waitForURL(/\/modifier$/), page.getByRole('link', { name: 'Corriger l’offre' }).click()]);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Corriger l’offre');
    // Prefilled from the offer, amounts in euros; the landlord shown, not a field.
    await expect(page.getByLabel('Loyer mensuel hors charges (€)').inputValue()).resolves.toBe('900');
    await expect(page.getByLabel('Charges mensuelles (€)').inputValue()).resolves.toBe('50');
    await expect(page.getByLabel('Commune').inputValue()).resolves.toBe(COMMUNE);
    await expect(page.getByLabel('Typologie').inputValue()).resolves.toBe('T3');
    await expect(page.getByLabel('Étiquette énergie (DPE)').inputValue()).resolves.toBe('C');
    await expect(page.locator('form.offer-form').textContent()).resolves.toContain(LANDLORD);
    await expect(page.locator('[name="landlordId"], [name="landlordName"]').count()).resolves.toBe(0);
    await expectNoSeriousViolations(page, '/mission/offres/<id>/modifier');
    await page.screenshot({ path: `${SCREENSHOTS}/mission-offer-edit-390.png`, fullPage: true });

    await page.getByLabel('Loyer mensuel hors charges (€)').fill('600');
    await Promise.all([page.waitForURL(/\/mission\/offres\/[^/?]+\?fait=edited$/), page.getByRole('button', { name: 'Enregistrer la correction' }).click()]);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Offre corrigée');
    await expect(page.getByRole('list', { name: 'Statut et étapes' }).textContent()).resolves.toContain('Corrigée\u00a0: loyer');
    expect(row<{ rent_cents: number; charges_cents: number }>('SELECT rent_cents, charges_cents FROM offers WHERE id = ?', offerId)).toEqual({ rent_cents: 60_000, charges_cents: 5_000 });
    // 650 € in all: now within the household's budget, ranked and ready to be proposed.
    await page.locator(`#cand-${modest}`).waitFor();
    await expect(page.locator(`#cand-${modest}`).textContent()).resolves.toContain(MODEST);
    await context.close();
  });

  it('a bad value is refused in words beside its field, what was typed kept and nothing written', async () => {
    expect.hasAssertions();
    const offerId = offer({ typology: 'T2', capacity: 2, rentCents: 55_000 });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/offres/${offerId}/modifier`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Loyer mensuel hors charges (€)').fill('cinq cents');
    await page.getByLabel('Adresse').fill('8 avenue Nouvelle');
    await page.getByLabel('Surface (m²)').fill('48');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('La correction n’est pas enregistrée');
    await expect(page.locator('#f-rent-error').textContent()).resolves.toContain('Indiquez le loyer en euros');
    await expect(page.getByLabel('Loyer mensuel hors charges (€)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Loyer mensuel hors charges (€)').inputValue()).resolves.toBe('cinq cents');
    await expect(page.getByLabel('Adresse').inputValue()).resolves.toBe('8 avenue Nouvelle');
    await expect(page.getByLabel('Surface (m²)').inputValue()).resolves.toBe('48');
    expect(row<{ rent_cents: number; address: string; surface_m2: number }>('SELECT rent_cents, address, surface_m2 FROM offers WHERE id = ?', offerId)).toEqual({
      rent_cents: 55_000,
      address: '3 rue des Corrections, 34400 Villetelle',
      surface_m2: 62
    });
    expect(row<{ n: number }>("SELECT count(*) AS n FROM mission_events WHERE offer_id = ? AND status = 'edited'", offerId).n).toBe(0);
    await expectNoSeriousViolations(page, '/mission/offres/<id>/modifier, refused');
    await context.close();
  });

  it('without JavaScript, a period offer whose unit has its nights refuses a new commune in words; its charges still change', async () => {
    expect.hasAssertions();
    const offerId = offer({ availableFrom: addDays(day, 3), availableUntil: addDays(day, 40) });
    createOfferUnit(web.db, officer, offerId);
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/offres/${offerId}/modifier`);
    await expect(page.locator('form.offer-form').textContent()).resolves.toContain('ne peuvent plus changer');
    await page.getByLabel('Commune').fill('Lunel');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Le logement a déjà ses nuitées dans le planning');
    await expect(page.getByLabel('Commune').inputValue()).resolves.toBe('Lunel');
    expect(row<{ commune: string }>('SELECT commune FROM offers WHERE id = ?', offerId).commune).toBe(COMMUNE);

    await page.getByLabel('Commune').fill(COMMUNE);
    await page.getByLabel('Charges mensuelles (€)').fill('62,50');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await page.waitForURL(/\?fait=edited$/);
    await expect(page.getByRole('list', { name: 'Statut et étapes' }).textContent()).resolves.toContain('Corrigée\u00a0: charges');
    expect(row<{ charges_cents: number }>('SELECT charges_cents FROM offers WHERE id = ?', offerId).charges_cents).toBe(6_250);

    // A withdrawn offer has no link to correct it, and its edit page says why.
    withdrawOffer(web.db, officer, offerId, 'Le bailleur vend le logement');
    await page.goto(`${web.url}/mission/offres/${offerId}`);
    await expect(page.getByRole('link', { name: 'Corriger l’offre' }).count()).resolves.toBe(0);
    await page.goto(`${web.url}/mission/offres/${offerId}/modifier`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('ne peut plus être corrigée');
    await expect(page.locator('form.offer-form').count()).resolves.toBe(0);
    await context.close();
  });

  it('a housing officer corrects an applicant’s persons from their record', async () => {
    expect.hasAssertions();
    const id = applicant('Famille Agrandie-Testeuse', { persons: 2, communes: ['Lunel', 'Commune-Hors-Liste'], maxRentCents: 65_050 });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/candidats/${id}`);
    await page.waitForLoadState('networkidle');
    await Promise.all([page.waitForURL(/\/modifier$/), page.getByRole('link', { name: 'Corriger le besoin' }).click()]);
    await page.waitForLoadState('networkidle');
    await expect(page.getByLabel('Nombre de personnes').inputValue()).resolves.toBe('2');
    await expect(page.getByLabel(/Loyer maximum supportable/).inputValue()).resolves.toBe('650,50');
    await expect(page.getByLabel('Lunel', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Autres communes').inputValue()).resolves.toBe('Commune-Hors-Liste');
    await expectNoSeriousViolations(page, '/mission/candidats/<id>/modifier');

    // A bad value first: refused beside the field, the rest kept.
    await page.getByLabel('Nombre de personnes').fill('0');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await page.locator('#f-persons-error').waitFor();
    await expect(page.getByLabel('Autres communes').inputValue()).resolves.toBe('Commune-Hors-Liste');
    expect(row<{ persons: number }>('SELECT persons FROM applicants WHERE id = ?', id).persons).toBe(2);

    await page.getByLabel('Nombre de personnes').fill('4');
    await Promise.all([page.waitForURL(/\/mission\/candidats\/[^/?]+\?fait=corrige$/), page.getByRole('button', { name: 'Enregistrer la correction' }).click()]);
    await expect(page.getByText('Besoin corrigé.').isVisible()).resolves.toBe(true);
    const after = row<{ persons: number; max_rent_cents: number; communes: string }>('SELECT persons, max_rent_cents, communes FROM applicants WHERE id = ?', id);
    expect(after.persons).toBe(4);
    expect(after.max_rent_cents).toBe(65_050);
    expect(JSON.parse(after.communes)).toEqual(['Lunel', 'Commune-Hors-Liste']);
    await context.close();
  });
});
