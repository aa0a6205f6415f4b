// The housing mission's people in Chromium, on the demo territory: a housing officer adds a
// landlord and an applicant through the forms (errors in words next to the fields, what was typed
// kept), opens the applicant and sees the open offers that suit them ranked with their reasons and
// the excluded ones with theirs, proposes one and sees the proposal with its next step; the
// landlord's page tells the history of their offers (one withdrawn with its reason, one let to a
// household); the forms work without JavaScript; axe scans; partners and duty officers get 403.
// The offers are entered through the service in the test's database: the demo's own mission data
// may add offers and applicants, so nothing here depends on its exact values.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { today } from '../../src/services/clock.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createOffer, openOffer, withdrawOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import type { OfferInput } from '../../src/services/mission/validation.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { EMAILS, newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let day: string;

const LANDLORD = 'SCI Les Oliviers (test)';
const APPLICANT = 'Famille Candidate-Testeuse';
const HOUSED = 'Famille Logée-Testeuse';
const WITHDRAWAL = 'Le propriétaire reprend le logement pour sa fille';

/** The offers of the landlord added in the first test, by role in the story. */
const offers: { suits?: string; otherCommune?: string; tooDear?: string; withdrawn?: string; let?: string } = {};

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  day = today();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

function housingOfficer(): Actor {
  const row = web.db.$client.prepare('SELECT id FROM accounts WHERE email = ?').get(EMAILS.housing_officer) as { id: string };
  return { accountId: row.id, role: 'housing_officer', organisationId: null };
}

function applicantRow(label: string): { id: string; max_rent_cents: number; yearly_income_cents: number; communes: string; persons: number; situation: string; emergency_stay_end: string | null } | undefined {
  return web.db.$client.prepare('SELECT * FROM applicants WHERE label = ?').get(label) as never;
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(describeViolations(violations), what).toEqual([]);
}

/** Opens an offer of the landlord through the service, as the housing officer would. */
function openedOffer(actor: Actor, landlordId: string, over: Partial<OfferInput>): string {
  const o = createOffer(web.db, actor, {
    landlordId,
    commune: 'Saussines',
    address: '4 impasse des Amandiers, 34160 Saussines',
    typology: 'T3',
    surfaceM2: 64,
    capacity: 3,
    accessible: false,
    rentCents: 50000,
    chargesCents: 5000,
    availableFrom: addDays(day, 10),
    availableUntil: null,
    scheme: 'none',
    energyRating: 'C',
    ...over
  });
  return openOffer(web.db, actor, o.id).id;
}

async function cardText(card: Locator): Promise<string> {
  return (await card.textContent())?.replace(/\s+/g, ' ') ?? '';
}

describe('the mission: applicants and landlords', () => {
  it('a housing officer adds a landlord through the form, a missing name refused in words', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/bailleurs`);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1, name: 'Bailleurs' }).isVisible()).resolves.toBe(true);
    const summary = page.getByText('Ajouter un bailleur', { exact: true }).first();
    if (!(await page.getByLabel('Nom (obligatoire)', { exact: true }).isVisible())) await summary.click();

    // No name: refused next to the field; the phone typed is kept; nothing is written.
    await page.getByLabel('Téléphone').fill('04 67 12 34 56');
    await page.getByRole('button', { name: 'Ajouter le bailleur' }).click();
    await page.locator('#l-name-error').waitFor();
    await expect(page.locator('#l-name-error').textContent()).resolves.toContain('Indiquez le nom du bailleur.');
    await expect(page.getByLabel('Téléphone').inputValue()).resolves.toBe('04 67 12 34 56');
    await expect(page.getByLabel('Nom (obligatoire)', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill(LANDLORD);
    await page.getByLabel('E-mail').fill('oliviers@example.fr');
    await page.getByLabel('Notes').fill('Appeler le matin.');
    await Promise.all([page.waitForURL(/\/mission\/bailleurs\/[^/?]+\?fait=cree$/), page.getByRole('button', { name: 'Ajouter le bailleur' }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(LANDLORD);
    await expect(page.getByText('Bailleur ajouté.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: '04 67 12 34 56' }).getAttribute('href')).resolves.toBe('tel:0467123456');
    const row = web.db.$client.prepare('SELECT id, phone, email, notes FROM landlords WHERE name = ?').get(LANDLORD) as { id: string; phone: string; email: string; notes: string };
    expect(row).toMatchObject({ phone: '04 67 12 34 56', email: 'oliviers@example.fr', notes: 'Appeler le matin.' });
    expect(page.url()).toContain(`/mission/bailleurs/${row.id}`);

    // The landlord's offers, entered through the service: three open (one that suits the applicant
    // in a commune they want, one elsewhere, one too dear), one withdrawn, one let.
    const actor = housingOfficer();
    offers.suits = openedOffer(actor, row.id, {});
    offers.otherCommune = openedOffer(actor, row.id, { commune: 'Lunel-Viel', address: '9 rue du Stade, 34400 Lunel-Viel', capacity: 4, rentCents: 48000, chargesCents: 4000 });
    offers.tooDear = openedOffer(actor, row.id, { typology: 'T4', capacity: 5, rentCents: 90000, chargesCents: 10000 });
    offers.withdrawn = openedOffer(actor, row.id, { typology: 'T2', commune: 'Boisseron', address: '1 place de la Mairie, 34160 Boisseron' });
    withdrawOffer(web.db, actor, offers.withdrawn, WITHDRAWAL);
    offers.let = openedOffer(actor, row.id, { typology: 'T2', capacity: 2, commune: 'Lunel', address: '12 rue Sadi Carnot, 34400 Lunel', rentCents: 42000, chargesCents: 3000 });
    const housed = createApplicant(web.db, actor, {
      label: HOUSED,
      persons: 2,
      accessibleNeeded: false,
      maxRentCents: 50000,
      yearlyIncomeCents: 1500000,
      communes: ['Lunel'],
      neededFrom: day,
      waitingSince: addDays(day, -200),
      situation: 'residence'
    });
    const p = propose(web.db, actor, offers.let, housed.id);
    for (const to of ['visit', 'accepted', 'lease_signed'] as const) moveProposal(web.db, actor, p.id, to);
    await context.close();
  });

  it('a housing officer adds an applicant, sees the offers that suit them ranked with reasons, and proposes one', async () => {
    expect.hasAssertions();
    expect(offers.suits).toBeDefined();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/candidats`);
    await page.waitForLoadState('networkidle');
    await Promise.all([page.waitForURL(`${web.url}/mission/candidats/nouveau`), page.getByRole('link', { name: 'Nouveau candidat' }).click()]);
    await page.waitForLoadState('networkidle');

    await page.getByLabel('Nom ou libellé du ménage').fill(APPLICANT);
    await page.getByLabel('Nombre de personnes').fill('3');
    await page.getByLabel(/^Loyer maximum supportable/).fill('six cents');
    await page.getByLabel(/^Revenus annuels/).fill('18000');
    await page.getByLabel('Saussines').check();
    await page.getByLabel('En attente depuis le').fill(addDays(day, -30));
    await page.getByLabel(/En mise à l’abri/).check();
    await page.getByLabel('Fin de la mise à l’abri').fill(addDays(day, 7));
    await page.getByRole('button', { name: 'Enregistrer le candidat' }).click();

    // Refused in words next to the field, everything typed kept, nothing written.
    await page.locator('#f-maxRent-error').waitFor();
    await expect(page.locator('#f-maxRent-error').textContent()).resolves.toContain('Un montant en euros, par exemple 650 ou 650,50.');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Le candidat n’est pas enregistré.');
    await expect(page.getByLabel(/^Loyer maximum supportable/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Nom ou libellé du ménage').inputValue()).resolves.toBe(APPLICANT);
    await expect(page.getByLabel(/^Loyer maximum supportable/).inputValue()).resolves.toBe('six cents');
    await expect(page.getByLabel('Saussines').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(/En mise à l’abri/).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Fin de la mise à l’abri').inputValue()).resolves.toBe(addDays(day, 7));
    expect(applicantRow(APPLICANT)).toBeUndefined();
    await expectNoSeriousViolations(page, 'the applicant form with an error');

    await page.getByLabel(/^Loyer maximum supportable/).fill('650,50');
    await Promise.all([page.waitForURL(/\/mission\/candidats\/[^/?]+\?fait=cree$/), page.getByRole('button', { name: 'Enregistrer le candidat' }).click()]);
    const row = applicantRow(APPLICANT)!;
    expect(row).toMatchObject({ max_rent_cents: 65050, yearly_income_cents: 1800000, persons: 3, situation: 'emergency_stay', emergency_stay_end: addDays(day, 7) });
    expect(JSON.parse(row.communes)).toEqual(['Saussines']);
    expect(page.url()).toContain(`/mission/candidats/${row.id}`);

    // The applicant: the need, urgent (the emergency stay ends within 14 days), waited 30 days.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(APPLICANT);
    await expect(page.getByText('Urgent : la mise à l’abri se termine dans 7 jours').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/^30 jours \(depuis le /).isVisible()).resolves.toBe(true);
    await expect(page.getByText('650,50 € par mois, charges comprises').isVisible()).resolves.toBe(true);

    // Ranked: the offer in a commune they want before the one elsewhere; the too dear one excluded.
    const ranked = await page.locator('ol.ranked > li').evaluateAll((lis) => lis.map((li) => li.id));
    const suits = ranked.indexOf(`offre-${offers.suits}`);
    const other = ranked.indexOf(`offre-${offers.otherCommune}`);
    expect(suits).toBeGreaterThanOrEqual(0);
    expect(other).toBeGreaterThan(suits);
    expect(ranked).not.toContain(`offre-${offers.tooDear}`);
    expect(ranked).not.toContain(`offre-${offers.withdrawn}`);
    expect(ranked).not.toContain(`offre-${offers.let}`);
    const suitsCard = page.locator(`#offre-${offers.suits}`);
    const suitsText = await cardText(suitsCard);
    expect(suitsText).toContain('Souhaite habiter à Saussines.');
    expect(suitsText).toContain('Taille adaptée : 3 places pour 3 personnes.');
    expect(suitsText).toContain('Sa mise à l\'abri se termine le');
    expect(suitsText).toContain('500 € + 50 € de charges');
    expect(suitsText).toContain(LANDLORD);
    await expect(suitsCard.getByRole('link', { name: 'T3 à Saussines' }).getAttribute('href')).resolves.toBe(`/mission/offres/${offers.suits}`);
    expect(await cardText(page.locator(`#offre-${offers.otherCommune}`))).toContain('Lunel-Viel ne fait pas partie des communes souhaitées.');

    const excluded = page.getByText(/^Offres écartées \(\d+\)$/);
    await excluded.click();
    const dearCard = page.locator('details.more li', { has: page.locator(`a[href="/mission/offres/${offers.tooDear}"]`) });
    expect(await cardText(dearCard)).toContain('Loyer charges comprises (1000 €) au-dessus de ce que le ménage peut payer (650,50 €).');
    await expect(page.getByRole('heading', { name: 'Propositions (0)' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, 'an applicant page');

    // « Proposer »: the proposal with its status, next step and dated step; no second button.
    await Promise.all([page.waitForURL(/fait=propose/), suitsCard.getByRole('button', { name: /^Proposer/ }).click()]);
    await page.getByRole('heading', { name: 'Propositions (1)' }).waitFor();
    const proposal = web.db.$client.prepare('SELECT id, status FROM proposals WHERE applicant_id = ? AND offer_id = ?').get(row.id, offers.suits) as { id: string; status: string };
    expect(proposal.status).toBe('proposed');
    const proposalCard = page.locator(`#proposition-${proposal.id}`);
    const proposalText = await cardText(proposalCard);
    expect(proposalText).toContain('Proposée');
    expect(proposalText).toContain('Organiser la visite');
    expect(proposalText).toContain('aujourd’hui');
    await expect(proposalCard.locator('ol .what').allTextContents()).resolves.toEqual(['Proposée']);
    await expect(page.getByText('Offre proposée. Prochaine étape : organiser la visite.').isVisible()).resolves.toBe(true);
    await expect(suitsCard.getByRole('button', { name: /^Proposer/ }).count()).resolves.toBe(0);
    expect(await cardText(suitsCard)).toContain('Proposition en cours : Proposée');
    await expect(page.locator(`#offre-${offers.otherCommune}`).getByRole('button', { name: /^Proposer/ }).count()).resolves.toBe(1);
    await expectNoSeriousViolations(page, 'an applicant page with a proposal');
    await page.screenshot({ path: join(SCREENSHOTS, 'mission-candidat-390.png'), fullPage: true });
    // Nothing wider than the phone: no sideways scrolling.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    // The list: the applicant waiting, urgent, one proposal in progress; the housed one below.
    await page.goto(`${web.url}/mission/candidats`);
    const listed = page.locator('li.card', { has: page.getByRole('link', { name: APPLICANT }) });
    const listedText = await cardText(listed);
    expect(listedText).toContain('Urgent');
    expect(listedText).toContain('Saussines');
    expect(listedText).toContain('650,50 €');
    expect(listedText).toContain('En mise à l’abri, jusqu’au');
    expect(listedText).toMatch(/Propositions en cours 1$/);
    const housedSection = page.locator('section', { has: page.getByRole('heading', { name: /^Logés \(\d+\)$/ }) });
    await expect(housedSection.getByRole('link', { name: HOUSED }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, '/mission/candidats');
    await page.screenshot({ path: join(SCREENSHOTS, 'mission-candidats-390.png'), fullPage: true });
    await context.close();
  });

  it('a housed applicant shows when, and no offers', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    const row = applicantRow(HOUSED)!;
    await page.goto(`${web.url}/mission/candidats/${row.id}`);
    await expect(page.getByText(/^Logé le .*: un bail est signé\./).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: /^Offres qui conviennent/ }).count()).resolves.toBe(0);
    const text = await cardText(page.locator('ul.cards > li').first());
    expect(text).toContain('Bail signé');
    expect(text).toContain('Aucune : la proposition est terminée');
    await context.close();
  });

  it("the landlords list counts each landlord's offers, and a landlord's page tells how each offer ended", async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    await page.goto(`${web.url}/mission/bailleurs`);
    const landlordRow = page.getByRole('row', { name: new RegExp(LANDLORD.replace(/[()]/g, '\\$&')) });
    await expect(landlordRow.getByRole('cell').last().textContent()).resolves.toBe('3 ouvertes · 1 louée · 1 retirée');
    await expect(page.getByRole('columnheader', { name: 'Offres' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, '/mission/bailleurs');
    await page.screenshot({ path: join(SCREENSHOTS, 'mission-bailleurs-390.png'), fullPage: true });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    await Promise.all([page.waitForURL(/\/mission\/bailleurs\/[^/?]+$/), landlordRow.getByRole('link', { name: LANDLORD }).click()]);
    await expect(page.getByRole('heading', { name: 'Historique des offres (5)' }).isVisible()).resolves.toBe(true);
    const withdrawn = await cardText(page.locator(`#offre-${offers.withdrawn}`));
    expect(withdrawn).toMatch(new RegExp(`Retirée le .+ : ${WITHDRAWAL}`));
    await expect(page.locator(`#offre-${offers.withdrawn} ol .what`).allTextContents()).resolves.toEqual(['Saisie en brouillon', 'Ouverte', 'Retirée']);
    expect(withdrawn).toContain(`Raison : ${WITHDRAWAL}`);
    const let_ = await cardText(page.locator(`#offre-${offers.let}`));
    expect(let_).toMatch(new RegExp(`Louée à ${HOUSED} le `));
    await expect(page.locator(`#offre-${offers.let} ol .what`).allTextContents()).resolves.toContain('Louée');
    expect(await cardText(page.locator(`#offre-${offers.suits}`))).toContain('Ouverte, 1 proposition en cours');
    await expect(page.getByRole('link', { name: 'T2 à Boisseron' }).getAttribute('href')).resolves.toBe(`/mission/offres/${offers.withdrawn}`);
    await expectNoSeriousViolations(page, 'a landlord page');
    await page.screenshot({ path: join(SCREENSHOTS, 'mission-bailleur-390.png'), fullPage: true });
    // A new offer from this landlord: the form opens with the landlord already chosen.
    await Promise.all([page.waitForURL(/\/mission\/offres\/nouvelle\?bailleur=/), page.getByRole('link', { name: 'Nouvelle offre de ce bailleur' }).click()]);
    const chosen = await page.locator('select[name="landlordId"]').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    expect(chosen).toContain(LANDLORD);
    await context.close();
  });

  it('the applicant form works without JavaScript, in English too', async () => {
    expect.hasAssertions();
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, web.url, 'admin');
    await page.goto(`${web.url}/mission/candidats/nouveau`);
    await page.getByLabel('Name or label of the household').fill('Household Without Script');
    await page.getByLabel('Number of persons').fill('0');
    await page.getByLabel(/^Maximum rent/).fill('1 200');
    await page.getByLabel(/yearly income/).fill('21000,5');
    await page.getByLabel('Other communes').fill('Lunel, Mauguio');
    await page.getByRole('button', { name: 'Save the applicant' }).click();
    await page.locator('#f-persons-error').waitFor();
    await expect(page.locator('#f-persons-error').textContent()).resolves.toContain('A whole number of persons, at least 1.');
    await expect(page.getByLabel('Other communes').inputValue()).resolves.toBe('Lunel, Mauguio');
    expect(applicantRow('Household Without Script')).toBeUndefined();

    await page.getByLabel('Number of persons').fill('2');
    await Promise.all([page.waitForURL(/\/mission\/candidats\/[^/?]+\?fait=cree$/), page.getByRole('button', { name: 'Save the applicant' }).click()]);
    const row = applicantRow('Household Without Script')!;
    expect(row).toMatchObject({ max_rent_cents: 120000, yearly_income_cents: 2100050, persons: 2, situation: 'elsewhere' });
    expect(JSON.parse(row.communes)).toEqual(['Lunel', 'Mauguio']);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Household Without Script');
    await expect(page.getByText('€1,200 a month, charges included').isVisible()).resolves.toBe(true);
    // The reasons in English; proposing is a plain form too.
    const card = page.locator(`#offre-${offers.otherCommune}`);
    const text = await cardText(card);
    expect(text).toContain('Lunel-Viel is not among the communes wanted.');
    expect(text).toContain('Larger than needed: 4 places for 2 persons.');
    await Promise.all([page.waitForURL(/fait=propose/), card.getByRole('button', { name: /^Propose/ }).click()]);
    const proposed = await cardText(page.locator('section', { has: page.getByRole('heading', { name: 'Proposals (1)' }) }));
    expect(proposed).toContain('Proposed');
    expect(proposed).toContain('Arrange the visit');
    await expect(page.locator(`#offre-${offers.otherCommune}`).getByRole('button', { name: /^Propose/ }).count()).resolves.toBe(0);
    await context.close();
  });

  it('partners and duty officers get 403 on the mission pages; an unknown applicant is 404', async () => {
    expect.hasAssertions();
    for (const role of ['partner', 'duty_officer'] as const) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, web.url, role);
      for (const path of ['/mission/candidats', '/mission/candidats/nouveau', '/mission/bailleurs']) {
        const response = await page.goto(`${web.url}${path}`);
        expect(response?.status(), `${role} ${path}`).toBe(403);
        await expect(page.content()).resolves.not.toContain(APPLICANT);
      }
      // A form posted by hand is refused too, and writes nothing.
      const posted = await page.request.post(`${web.url}/mission/bailleurs?/create`, {
        form: { name: 'Bailleur du partenaire' },
        headers: { origin: web.url, accept: 'application/json', 'x-sveltekit-action': 'true' }
      });
      expect(posted.status()).toBe(403);
      expect(web.db.$client.prepare('SELECT count(*) AS n FROM landlords WHERE name = ?').get('Bailleur du partenaire')).toEqual({ n: 0 });
      await context.close();
    }
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    const response = await page.goto(`${web.url}/mission/candidats/pas-un-candidat`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
