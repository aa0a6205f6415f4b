// The housing mission's offer pages in real Chromium against the real server on the demo
// territory: a housing officer takes a landlord's call and enters the offer with a new landlord
// typed in the same form (a refused form keeps what was typed and writes nothing), sees the
// applicants it suits ranked with their reasons and the excluded ones with theirs, proposes to
// the first, records the visit, the acceptance and the signed lease, and the offer is let with
// its dated steps. A period offer in draft without JavaScript becomes a unit with nights and is
// withdrawn with its reason; a stale step is refused in words (409) and a refusal is counted.
// Duty officers get 403. axe scans and a screenshot at 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { today } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { propose } from '../../src/services/mission/proposals.ts';
import type { ApplicantInput } from '../../src/services/mission/validation.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, mainNavigation, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let officer: Actor;
let day: string;

// The offer the officer enters: a T4 for 5 in Saturargues under Loc'Avantages.
const COMMUNE = 'Saturargues';
const LANDLORD = { name: 'Mme Bailleuse-Testeuse', phone: '06 11 22 33 44' };
const FIRST = 'Famille Prioritaire-Testeuse';
const SECOND = 'M. Second-Testeur';
const TOO_MANY = 'Famille Nombreuse-Testeuse';
const TOO_RICH = 'M. Aisé-Testeur';

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(describeViolations(violations), what).toEqual([]);
}

function applicant(label: string, over: Partial<ApplicantInput> = {}): string {
  return createApplicant(web.db, officer, {
    label,
    persons: 3,
    accessibleNeeded: false,
    maxRentCents: 80_000,
    yearlyIncomeCents: 2_000_000,
    communes: [COMMUNE],
    neededFrom: day,
    waitingSince: '2024-06-01',
    situation: 'elsewhere',
    ...over
  }).id;
}

function row<T>(sql: string, ...params: unknown[]): T {
  return web.db.$client.prepare(sql).get(...params) as T;
}

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  day = today();
  const id = row<{ id: string }>('SELECT id FROM accounts WHERE email = ?', EMAILS.housing_officer).id;
  officer = { accountId: id, role: 'housing_officer', organisationId: null };
  // Applicants of this test, whatever the demo holds: the first is urgent (its emergency stay ends
  // in 5 days), wants the commune and has waited since 2016, so it ranks before the second.
  applicant(SECOND, { persons: 2, maxRentCents: 70_000, yearlyIncomeCents: 1_500_000, communes: [COMMUNE, 'Lunel'] });
  applicant(FIRST, { persons: 4, waitingSince: '2016-01-04', situation: 'emergency_stay', emergencyStayEnd: addDays(day, 5) });
  applicant(TOO_MANY, { persons: 7 });
  applicant(TOO_RICH, { persons: 2, yearlyIncomeCents: 5_500_000 });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the housing mission’s offers (/mission)', () => {
  it('a housing officer enters an offer with a new landlord, proposes it to the first ranked applicant and follows it to a signed lease', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');

    // --- The board, from the main navigation. ---
    await Promise.all([page.waitForURL(/\/mission$/), (await mainNavigation(page, 'Navigation principale')).getByRole('link', { name: 'Mission logement' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Mission logement' }).isVisible()).resolves.toBe(true);
    for (const section of ['Brouillons', 'Offres ouvertes', 'Louées', 'Retirées']) {
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${section} \\(\\d+\\)$`) }).isVisible()).resolves.toBe(true);
    }
    for (const link of ['Propositions en cours', 'Candidats', 'Bailleurs']) {
      await expect(page.getByRole('link', { name: link, exact: true }).getAttribute('href')).resolves.toMatch(/^\/mission\//);
    }
    await expectNoSeriousViolations(page, '/mission');
    await page.screenshot({ path: `${SCREENSHOTS}/mission-board-390.png`, fullPage: true });

    // --- The new offer, typed during the call; a rent that is not an amount is refused. ---
    await Promise.all([page.waitForURL(/\/mission\/offres\/nouvelle$/), page.getByRole('link', { name: 'Nouvelle offre' }).first().click()]);
    await page.waitForLoadState('networkidle');
    await expectNoSeriousViolations(page, '/mission/offres/nouvelle');
    await page.getByLabel('Nom du nouveau bailleur').fill(LANDLORD.name);
    await page.getByLabel('Téléphone du nouveau bailleur (facultatif)').fill(LANDLORD.phone);
    await page.getByLabel('Commune').fill(COMMUNE);
    await page.getByLabel('Typologie').selectOption('T4');
    await page.getByLabel('Adresse').fill('4 chemin des Vignes');
    await page.getByLabel('Surface (m²)').fill('78');
    await page.getByLabel('Capacité (personnes)').fill('5');
    await page.getByLabel('Loyer mensuel hors charges (€)').fill('six cents');
    await page.getByLabel('Charges mensuelles (€)').fill('45');
    await expect(page.getByLabel('Disponible à partir du').inputValue()).resolves.toBe(day);
    await page.getByLabel('Dispositif du bailleur').selectOption('loc_avantages');
    await page.getByLabel('Niveau Loc’Avantages').selectOption('loc2');
    await page.getByLabel('Étiquette énergie (DPE)').selectOption('D');
    await page.getByLabel('Plafond de loyer du dispositif (€, facultatif)').fill('700');
    await page.getByLabel('Plafond de ressources annuelles du locataire (€, facultatif)').fill('40 000');
    await page.getByRole('button', { name: 'Enregistrer et ouvrir l’offre' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('L’offre n’est pas enregistrée');
    // The error beside its field, the field marked, everything typed kept, and nothing written.
    await expect(page.locator('#f-rent-error').textContent()).resolves.toContain('Indiquez le loyer en euros, par exemple 650 ou 650,50.');
    await expect(page.getByLabel('Loyer mensuel hors charges (€)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Nom du nouveau bailleur').inputValue()).resolves.toBe(LANDLORD.name);
    await expect(page.getByLabel('Loyer mensuel hors charges (€)').inputValue()).resolves.toBe('six cents');
    await expect(page.getByLabel('Plafond de ressources annuelles du locataire (€, facultatif)').inputValue()).resolves.toBe('40 000');
    await expect(page.getByLabel('Niveau Loc’Avantages').inputValue()).resolves.toBe('loc2');
    expect(row<{ n: number }>('SELECT count(*) AS n FROM landlords WHERE name = ?', LANDLORD.name).n).toBe(0);
    await expectNoSeriousViolations(page, '/mission/offres/nouvelle, refused');
    await page.screenshot({ path: `${SCREENSHOTS}/mission-new-offer-refused-390.png`, fullPage: true });

    await page.getByLabel('Loyer mensuel hors charges (€)').fill('612,50');
    await Promise.all([page.waitForURL(/\/mission\/offres\/[^/?]+\?fait=opened/), page.getByRole('button', { name: 'Enregistrer et ouvrir l’offre' }).click()]);
    const offerId = new URL(page.url()).pathname.split('/').pop()!;
    const landlord = row<{ id: string; phone: string }>('SELECT id, phone FROM landlords WHERE name = ?', LANDLORD.name);
    expect(landlord.phone).toBe(LANDLORD.phone);
    expect(row('SELECT landlord_id AS landlordId, status, rent_cents AS rent, charges_cents AS charges, rent_cap_cents AS cap, income_ceiling_cents AS ceiling, scheme, loc_avantages_level AS level, energy_rating AS rating, capacity FROM offers WHERE id = ?', offerId)).toEqual({
      landlordId: landlord.id,
      status: 'open',
      rent: 61_250,
      charges: 4_500,
      cap: 70_000,
      ceiling: 4_000_000,
      scheme: 'loc_avantages',
      level: 'loc2',
      rating: 'D',
      capacity: 5
    });
    await expect(page.getByRole('status').textContent()).resolves.toContain('Offre ouverte');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('T4 à Saturargues');
    const details = await mainText(page);
    expect(details).toContain('612,50\u00a0€ + 45\u00a0€ de charges');
    expect(details).toContain(LANDLORD.phone);

    // --- The applicants it suits, ranked with their reasons; the excluded ones with theirs. ---
    const ranked = page.locator('ol.ranked > li');
    const labels = await ranked.locator('h3').allTextContents();
    expect(labels.findIndex((l) => l.includes(FIRST))).toBe(0);
    expect(labels.findIndex((l) => l.includes(SECOND))).toBeGreaterThan(0);
    expect(labels.some((l) => l.includes(TOO_MANY) || l.includes(TOO_RICH))).toBe(false);
    const firstCard = ranked.first();
    const firstText = (await firstCard.textContent()) ?? '';
    expect(firstText).toContain('Urgent');
    expect(firstText).toContain("Sa mise à l'abri se termine le");
    expect(firstText).toContain('dans 5 jours');
    expect(firstText).toContain(`Souhaite habiter à ${COMMUNE}.`);
    expect(firstText).toContain('Attend depuis');
    expect(firstText).toContain('Logement plus grand que nécessaire : 5 places pour 4 personnes.');
    const excluded = page.locator('details.excluded');
    await excluded.locator('summary').click();
    const excludedText = (await excluded.textContent()) ?? '';
    expect(excludedText).toContain(TOO_MANY);
    expect(excludedText).toContain('Trop petit : 5 places pour 7 personnes.');
    expect(excludedText).toContain(TOO_RICH);
    expect(excludedText).toContain('Revenus annuels (55000 €) au-dessus du plafond de ressources du dispositif (40000 €).');
    await expectNoSeriousViolations(page, '/mission/offres/<id>, open');
    await page.screenshot({ path: `${SCREENSHOTS}/mission-offer-open-390.png`, fullPage: true });

    // --- It proposes to the first. ---
    await Promise.all([page.waitForURL(/fait=proposed/), firstCard.getByRole('button', { name: /^Proposer/ }).click()]);
    const proposalId = row<{ id: string }>('SELECT id FROM proposals WHERE offer_id = ?', offerId).id;
    const proposal = page.locator(`#prop-${proposalId}`);
    const proposedText = (await proposal.textContent()) ?? '';
    expect(proposedText).toContain(`À ${FIRST}`);
    expect(proposedText).toContain('Proposée');
    expect(proposedText).toContain('Prochaine étape\u00a0: Organiser la visite');
    expect(proposedText).toContain('aujourd’hui');
    // No second « Proposer » for the applicant who has one in progress.
    await expect(ranked.first().getByRole('button', { name: /^Proposer/ }).count()).resolves.toBe(0);
    await expect(ranked.first().textContent()).resolves.toContain('Proposition en cours');

    // --- The proposals in progress, oldest first, with the next step and the age. ---
    await page.goto(`${web.url}/mission/propositions`);
    const line = page.locator(`tr#prop-${proposalId}`);
    const cells = await line.locator('td').allTextContents();
    expect(cells.map((x) => x.replace(/\s+/g, ' ').trim())).toEqual([`T4 · Saturargues · 5 pl. à ${FIRST}`, '○Proposée Prochaine étape : Organiser la visite', '0']);
    await expect(page.getByRole('columnheader', { name: 'Statut et prochaine étape' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, '/mission/propositions');
    await page.screenshot({ path: `${SCREENSHOTS}/mission-proposals-390.png`, fullPage: true });
    await Promise.all([page.waitForURL(new RegExp(`/mission/offres/${offerId}`)), line.getByRole('link', { name: 'T4 · Saturargues · 5 pl.' }).click()]);

    // --- The visit, the acceptance, the signed lease. ---
    for (const [button, status] of [
      ['Visite organisée', 'visit'],
      ['Acceptée par le ménage', 'accepted'],
      ['Bail signé', 'lease_signed']
    ] as const) {
      if (status === 'lease_signed') {
        // A signed lease closes every other proposal: the page asks first, and nothing changes until confirmed.
        await page.locator(`#prop-${proposalId}`).getByRole('button', { name: new RegExp(`^${button}`) }).click();
        const question = page.getByRole('alert').filter({ hasText: 'Confirmer : bail signé avec' });
        await question.waitFor();
        await page.waitForFunction(() => document.activeElement?.closest('.confirm-step') !== null);
        expect(row<{ status: string }>('SELECT status FROM proposals WHERE id = ?', proposalId).status).toBe('accepted');
        await expectNoSeriousViolations(page, 'the lease confirmation');
        await Promise.all([page.waitForURL(new RegExp(`fait=${status}`)), question.getByRole('button', { name: 'Oui, le bail est signé' }).click()]);
      } else {
        await Promise.all([page.waitForURL(new RegExp(`fait=${status}`)), page.locator(`#prop-${proposalId}`).getByRole('button', { name: new RegExp(`^${button}`) }).click()]);
      }
      expect(row<{ status: string }>('SELECT status FROM proposals WHERE id = ?', proposalId).status).toBe(status);
    }
    expect(row<{ status: string; reason: string }>('SELECT status, status_reason AS reason FROM offers WHERE id = ?', offerId)).toEqual({ status: 'let', reason: 'lease_signed' });
    await expect(page.getByRole('status').textContent()).resolves.toContain('Bail signé : l’offre est louée');
    await expect(page.locator('.status-line').textContent()).resolves.toContain('Louée');
    // The offer's dated steps: entered, opened, let; the proposal's: proposed, visit, accepted, lease.
    const offerSteps = page.getByRole('list', { name: 'Statut et étapes' }).locator('li');
    await expect(offerSteps.locator('.what').allTextContents()).resolves.toEqual(['Saisie en brouillon', 'Ouverte', 'Louée']);
    await expect(offerSteps.locator('time').count()).resolves.toBe(3);
    await expect(offerSteps.last().textContent()).resolves.toContain('Raison\u00a0: bail signé');
    const proposalSteps = page.getByRole('list', { name: `Étapes — ${FIRST}` }).locator('li');
    await expect(proposalSteps.locator('.what').allTextContents()).resolves.toEqual(['Proposée', 'Visite organisée', 'Acceptée par le ménage', 'Bail signé']);
    for (const at of await proposalSteps.locator('time').allTextContents()) expect(at).toMatch(/\d{4} à \d{2}:\d{2}$/);
    // A let offer: no more actions, no more ranking, no more buttons on its proposal.
    await expect(page.getByRole('button', { name: /^(Proposer|Bail signé|Ouvrir l’offre)/ }).count()).resolves.toBe(0);
    await expect(mainText(page)).resolves.toContain('Cette offre est terminée');
    await expectNoSeriousViolations(page, '/mission/offres/<id>, let');
    await page.screenshot({ path: `${SCREENSHOTS}/mission-offer-let-390.png`, fullPage: true });

    // The board shows it under « Louées ».
    await page.goto(`${web.url}/mission`);
    await expect(page.locator(`#offre-${offerId}`).textContent()).resolves.toContain('Louée');
    const letSection = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /^Louées/ }) });
    await expect(letSection.locator(`#offre-${offerId}`).count()).resolves.toBe(1);
    await context.close();
  });

  it('without JavaScript, a period offer is saved as a draft for a known landlord, becomes a unit with nights, and is withdrawn with its reason', async () => {
    expect.hasAssertions();
    const landlord = createLandlord(web.db, officer, { name: 'M. Bailleur-Connu', phone: '04 67 00 00 01' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/offres/nouvelle`);
    await page.getByLabel('Bailleur déjà connu').selectOption(landlord.id);
    await page.getByLabel('Commune').fill('Lunel');
    await page.getByLabel('Typologie').selectOption('T2');
    await page.getByLabel('Adresse').fill('12 rue de la Gare');
    await page.getByLabel('Surface (m²)').fill('41');
    await page.getByLabel('Capacité (personnes)').fill('2');
    await page.getByLabel('Loyer mensuel hors charges (€)').fill('480');
    await page.getByLabel('Charges mensuelles (€)').fill('30,5');
    await page.getByLabel('Jusqu’au (facultatif)').fill(addDays(day, 90));
    await page.getByLabel('Dispositif du bailleur').selectOption('intermediation_sublease');
    await page.getByLabel('Étiquette énergie (DPE)').selectOption('E');
    await Promise.all([page.waitForURL(/fait=created/), page.getByRole('button', { name: 'Enregistrer en brouillon' }).click()]);
    const offerId = new URL(page.url()).pathname.split('/').pop()!;
    expect(row('SELECT status, landlord_id AS landlordId, charges_cents AS charges, available_until AS until FROM offers WHERE id = ?', offerId)).toEqual({
      status: 'draft',
      landlordId: landlord.id,
      charges: 3_050,
      until: addDays(day, 90)
    });
    await expect(mainText(page)).resolves.toContain('Ouvrez l’offre pour pouvoir la proposer.');

    // The period offer becomes a unit with nights, bookable in the planning.
    await Promise.all([page.waitForURL(/fait=unit/), page.getByRole('button', { name: 'Créer le logement avec ses nuitées' }).click()]);
    const unitId = row<{ unitId: string }>('SELECT unit_id AS unitId FROM offers WHERE id = ?', offerId).unitId;
    expect(row('SELECT programmes, capacity FROM units WHERE id = ?', unitId)).toEqual({ programmes: '["housing_mission"]', capacity: 2 });
    await expect(page.getByRole('link', { name: 'Voir le planning' }).getAttribute('href')).resolves.toBe(`/planning?debut=${day}&programme=housing_mission`);

    // Withdrawn with a reason of blanks only: refused in words, nothing changes.
    await page.getByText('Retirer l’offre', { exact: true }).click();
    await page.getByLabel('Raison du retrait').fill('   ');
    await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Indiquez la raison.');
    expect(row<{ status: string }>('SELECT status FROM offers WHERE id = ?', offerId).status).toBe('draft');
    await page.getByLabel('Raison du retrait').fill('Le bailleur a vendu le logement');
    await Promise.all([page.waitForURL(/fait=withdrawn/), page.getByRole('button', { name: 'Confirmer le retrait' }).click()]);
    expect(row('SELECT status, status_reason AS reason FROM offers WHERE id = ?', offerId)).toEqual({ status: 'withdrawn', reason: 'Le bailleur a vendu le logement' });
    await expect(page.locator('.status-line').textContent()).resolves.toContain('Retirée');
    await expect(mainText(page)).resolves.toContain('Raison\u00a0: Le bailleur a vendu le logement');
    await context.close();
  });

  it('a step made stale by a colleague is refused in words (409) and the page shows the current state; a refusal keeps its reason and is counted', async () => {
    expect.hasAssertions();
    const landlord = createLandlord(web.db, officer, { name: 'Mme Bailleuse-Seconde' });
    const offer = createOffer(web.db, officer, {
      landlordId: landlord.id,
      commune: COMMUNE,
      address: '1 place de la Mairie',
      typology: 'T3',
      surfaceM2: 60,
      capacity: 3,
      accessible: false,
      rentCents: 50_000,
      chargesCents: 4_000,
      availableFrom: day,
      scheme: 'none',
      energyRating: 'C'
    });
    openOffer(web.db, officer, offer.id);
    const secondId = row<{ id: string }>('SELECT id FROM applicants WHERE label = ?', SECOND).id;
    const p = propose(web.db, officer, offer.id, secondId);

    const context = await newContext(browser);
    const [mine, colleague] = [await context.newPage(), await context.newPage()];
    await signIn(mine, web.url, 'housing_officer');
    await mine.goto(`${web.url}/mission/offres/${offer.id}`);
    await mine.waitForLoadState('networkidle');
    await colleague.goto(`${web.url}/mission/offres/${offer.id}`);
    await Promise.all([colleague.waitForURL(/fait=visit/), colleague.locator(`#prop-${p.id}`).getByRole('button', { name: /^Visite organisée/ }).click()]);

    // My page still offers « Visite organisée »: refused, said in words, and the page is current.
    await mine.locator(`#prop-${p.id}`).getByRole('button', { name: /^Visite organisée/ }).click();
    await mine.getByRole('alert').waitFor();
    await expect(mine.getByRole('alert').textContent()).resolves.toContain('Cette action n’est plus possible');
    await expect.poll(async () => (await mine.locator(`#prop-${p.id}`).textContent()) ?? '').toContain('Noter la réponse du ménage après la visite');

    // The household refuses, with its reason: kept, dated, counted.
    const card = mine.locator(`#prop-${p.id}`);
    await card.locator('summary').click();
    await card.getByLabel('Raison du refus').fill('Trop loin de l’école des enfants');
    await Promise.all([mine.waitForURL(/fait=refused_by_household/), card.getByRole('button', { name: 'Refusée par le ménage' }).click()]);
    expect(row('SELECT status, reason FROM proposals WHERE id = ?', p.id)).toEqual({ status: 'refused_by_household', reason: 'Trop loin de l’école des enfants' });
    await expect(mine.locator(`#prop-${p.id}`).textContent()).resolves.toContain('Raison\u00a0: Trop loin de l’école des enfants');
    await mine.goto(`${web.url}/mission/propositions`);
    const refusals = mine.getByRole('table', { name: 'Refus par auteur et par raison' });
    await expect(refusals.getByRole('row', { name: /Trop loin de l’école des enfants/ }).locator('td').allTextContents()).resolves.toEqual(['le ménage', 'Trop loin de l’école des enfants', '1']);
    await expectNoSeriousViolations(mine, '/mission/propositions, with refusals');
    await context.close();
  });

  it('the pages speak English when asked, the reasons too', async () => {
    expect.hasAssertions();
    const landlord = createLandlord(web.db, officer, { name: 'Mr Landlord-Tester' });
    const offerId = openOffer(
      web.db,
      officer,
      createOffer(web.db, officer, { landlordId: landlord.id, commune: COMMUNE, address: '2 rue Haute', typology: 'T3', surfaceM2: 55, capacity: 4, accessible: false, rentCents: 45_000, chargesCents: 3_000, availableFrom: day, scheme: 'none', energyRating: 'B' }).id
    ).id;
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Housing mission');
    await expect(page.getByRole('heading', { level: 2, name: /^Open offers/ }).isVisible()).resolves.toBe(true);
    await page.goto(`${web.url}/mission/offres/${offerId}`);
    const text = await mainText(page);
    expect(text).toContain('Applicants the offer suits');
    expect(text).toContain(`Wishes to live in ${COMMUNE}.`);
    expect(text).not.toContain('Souhaite habiter');
    await context.close();
  });

  it('a duty officer may not open the housing mission (403), nor sees it in the navigation', async () => {
    expect.hasAssertions();
    const offerId = row<{ id: string }>('SELECT id FROM offers LIMIT 1').id;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    const nav = await mainNavigation(page, 'Navigation principale');
    await expect(nav.getByRole('link', { name: 'Ce soir' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: 'Mission logement' }).count()).resolves.toBe(0);
    expect((await page.goto(`${web.url}/mission`))!.status()).toBe(403);
    expect((await page.goto(`${web.url}/mission/offres/${offerId}`))!.status()).toBe(403);
    expect((await page.goto(`${web.url}/mission/propositions`))!.status()).toBe(403);
    await context.close();
  });
});
