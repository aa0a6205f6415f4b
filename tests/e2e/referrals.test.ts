// Referrals in real Chromium against the real server on the demo territory: a partner sends a
// referral from /orientations; the duty officer sees it in the queue with its age, accepts it,
// places it through the protocol path (hotel nights, then the apartment), past a small budget
// with a reason, and lands on the hotel stay; the partner sees « Placée » without any unit,
// site, address or name; a partner of another organisation sees nothing of it. A phone referral
// entered by the duty officer and declined with a reason from the list; the partner's form
// without JavaScript; the placement sheet for duty officers only; axe scans and screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import { createUser } from '../../src/services/accounts.ts';
import { tonight } from '../../src/services/clock.ts';
import { READABLE_DETAIL } from '../services/helpers.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let night: string;

const OTHER_PARTNER = { email: 'ccas-autre@test.lunel.fr', password: 'mot-de-passe-du-ccas-2026', organisation: 'CCAS de Saint-Just (test)' };
const LABEL = 'Mme Orientée-Testeuse et son fils';
const CONTACT = 'Adjudante Martin, brigade de Lunel';

interface ReferralRow {
  id: string;
  status: string;
  organisation_id: string | null;
  stay_id: string | null;
  decision_reason: string | null;
  received_at: number;
  decided_at: number | null;
  placed_at: number | null;
}

function referralsByContact(contact: string): ReferralRow[] {
  return web.db.$client.prepare('SELECT * FROM referrals WHERE referrer_contact = ? ORDER BY received_at').all(contact) as ReferralRow[];
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(describeViolations(violations), what).toEqual([]);
}

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${web.url}/connexion`);
  // Let the page hydrate first: a click while SvelteKit attaches use:enhance can lose the submit.
  await page.waitForLoadState('networkidle');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/mot de passe/i).fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

/** Fills the referral form as a partner would (the same form serves a duty officer). */
async function fillReferral(page: Page, r: { programme: string; adults: number; children: number; contact: string; phone: string; email?: string; start?: string; nights?: number }): Promise<void> {
  await page.getByLabel('Dispositif demandé').selectOption(r.programme);
  await page.getByLabel('Immédiate (ce soir)').check();
  await page.getByLabel('Première nuit souhaitée').fill(r.start ?? night);
  await page.getByLabel('Nombre de nuits').fill(String(r.nights ?? 3));
  await page.getByLabel('Adultes (obligatoire)', { exact: true }).fill(String(r.adults));
  await page.getByLabel('Enfants (obligatoire)', { exact: true }).fill(String(r.children));
  // A partner is the referrer (« vous »); a duty officer writes down a third party: labels per role.
  await page.getByLabel(/^(Personne à contacter \(vous\)|Personne qui oriente) \(obligatoire\)$/).fill(r.contact);
  await page.getByLabel(/^(Téléphone|Téléphone de la personne qui oriente) \(obligatoire\)$/).fill(r.phone);
  if (r.email) await page.getByLabel(/^(E-mail pour la réponse \(facultatif\)|E-mail de la personne qui oriente, pour la réponse \(facultatif\))$/).fill(r.email);
}

function siteTexts(unitId: string): string[] {
  const row = web.db.$client
    .prepare('SELECT u.name AS unit, s.name AS site, s.address AS address FROM units u JOIN sites s ON s.id = u.site_id WHERE u.id = ?')
    .get(unitId) as { unit: string; site: string; address: string };
  return [row.unit, row.site, row.address];
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  night = tonight();
  await createUser(web.db, { email: OTHER_PARTNER.email, role: 'partner', organisation: OTHER_PARTNER.organisation, password: OTHER_PARTNER.password });
});

afterAll(async () => {
  delete process.env.PROTOCOL_BUDGET_EUROS;
  await browser?.close();
  await web?.close();
});

describe('referrals (/orientations)', () => {
  it('a partner’s referral goes from the form to « Placée » through the duty officer’s queue and the protocol path, and the partner never sees where', async () => {
    expect.hasAssertions();
    // --- The partner sends it. ---
    const partnerContext = await newContext(browser);
    const partner = await partnerContext.newPage();
    await signIn(partner, web.url, 'partner');
    await partner.goto(`${web.url}/orientations`);
    await expect(partner.getByRole('heading', { level: 1, name: 'Orientations' }).isVisible()).resolves.toBe(true);
    await expect(partner.getByText('Aucun nom n’est nécessaire').isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(partner, '/orientations, partner, empty');
    await fillReferral(partner, { programme: 'dv_protocol', adults: 1, children: 1, contact: CONTACT, phone: '04 67 71 00 17' });
    await Promise.all([partner.waitForURL(/fait=sent/), partner.getByRole('button', { name: 'Envoyer l’orientation' }).click()]);
    await expect(partner.getByRole('status').textContent()).resolves.toContain('Votre orientation est envoyée');
    const [sent] = referralsByContact(CONTACT);
    expect(sent).toMatchObject({ status: 'received', stay_id: null });
    const organisationId = (web.db.$client.prepare("SELECT organisation_id AS o FROM accounts WHERE email = 'gendarmerie@demo.lunel.fr'").get() as { o: string }).o;
    expect(sent.organisation_id).toBe(organisationId);
    const card = partner.locator(`#ref-${sent.id}`);
    await expect(card.textContent()).resolves.toContain('Reçue');
    await expectNoSeriousViolations(partner, '/orientations, partner, with its referral');
    await partner.screenshot({ path: `${SCREENSHOTS}/referrals-partner-390.png`, fullPage: true });

    // --- The duty officer sees it in the queue, with its age, and accepts it. ---
    const staffContext = await newContext(browser);
    const staff = await staffContext.newPage();
    await signIn(staff, web.url, 'duty_officer');
    await staff.goto(`${web.url}/orientations`);
    const item = staff.locator(`#ref-${sent.id}`);
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toMatch(/reçue il y a \d+ min/);
    expect(itemText).toContain('Immédiate (ce soir)');
    expect(itemText).toContain('Protocole violences conjugales');
    expect(itemText).toContain('1 adulte, 1 enfant');
    expect(itemText).toContain('Gendarmerie — brigade de Lunel');
    // No SMTP_URL in this test: the page says emails are off.
    await expect(staff.locator('main').textContent()).resolves.toContain('Les e-mails sont désactivés');
    await expectNoSeriousViolations(staff, '/orientations, duty officer');
    await staff.screenshot({ path: `${SCREENSHOTS}/referrals-queue-390.png`, fullPage: true });
    await Promise.all([staff.waitForURL(/fait=accepted/), item.getByRole('button', { name: /^Accepter/ }).click()]);
    expect(referralsByContact(CONTACT)[0].status).toBe('accepted');

    // --- It places it through the protocol path: hotel nights, then the apartment. The year's
    // budget is set small so that the warning shows and a reason is asked. ---
    process.env.PROTOCOL_BUDGET_EUROS = '100';
    await Promise.all([staff.waitForURL(new RegExp(`/orientations/${sent.id}/placer`)), staff.locator(`#ref-${sent.id}`).getByRole('link', { name: /^Placer/ }).click()]);
    await expect(staff.getByRole('heading', { level: 1, name: 'Mise à l’abri — protocole violences conjugales' }).isVisible()).resolves.toBe(true);
    const protocolText = (await staff.locator('main').textContent()) ?? '';
    expect(protocolText).toContain('1. Hôtel partenaire : 3 nuits');
    expect(protocolText).toContain('2. Appartement ensuite : 92 nuits');
    expect(protocolText).toContain('Budget du protocole');
    expect(protocolText).toContain('dépasseraient ce qui reste du budget');
    const hotelUnitId = await staff.locator('input[name="hotelUnitId"]:checked').getAttribute('value');
    const apartmentUnitId = await staff.locator('input[name="apartmentUnitId"]:checked').getAttribute('value');
    expect(hotelUnitId).toBeTruthy();
    expect(apartmentUnitId).toBeTruthy();
    await expectNoSeriousViolations(staff, '/orientations/<id>/placer');
    await staff.screenshot({ path: `${SCREENSHOTS}/referrals-protocol-390.png`, fullPage: true });

    await staff.getByLabel('Nom du ménage (personne de référence)').fill(LABEL);
    // Without the reason the browser (required field) or the service refuses; give it.
    await staff.getByLabel('Raison du dépassement du budget').fill('Aucune autre solution ce soir ; accord de la direction par téléphone.');
    await Promise.all([staff.waitForURL(/\/sejours\/[^/?]+\?fait=placed$/), staff.getByRole('button', { name: 'Placer : hôtel puis appartement' }).click()]);
    delete process.env.PROTOCOL_BUDGET_EUROS;
    const hotelStayId = new URL(staff.url()).pathname.split('/').pop()!;
    // The stay's page says it is placed (the notice takes focus) and carries the referral: a tap calls the referrer.
    await staff.getByText('Ménage placé : l’orientation est marquée « placée ».').waitFor();
    await staff.waitForFunction(() => document.activeElement?.closest('.form-result[role="status"]') !== null);
    expect(await staff.locator('#referral-title').textContent()).toBe('Orientation');
    expect(await staff.locator('a[href^="tel:"]').count()).toBe(1);
    const stays = web.db.$client
      .prepare('SELECT id, unit_id AS unitId, start_date AS start, end_date AS end, previous_stay_id AS previous, referral_id AS referral, programme FROM stays WHERE referral_id = ? ORDER BY start_date')
      .all(sent.id) as { id: string; unitId: string; start: string; end: string; previous: string | null; referral: string; programme: string }[];
    expect(stays).toEqual([
      { id: hotelStayId, unitId: hotelUnitId, start: night, end: addDays(night, 3), previous: null, referral: sent.id, programme: 'dv_protocol' },
      { id: expect.any(String), unitId: apartmentUnitId, start: addDays(night, 3), end: addDays(night, 95), previous: hotelStayId, referral: sent.id, programme: 'dv_protocol' }
    ]);
    const placed = referralsByContact(CONTACT)[0];
    expect(placed).toMatchObject({ status: 'placed', stay_id: hotelStayId });
    expect(placed.placed_at).toBeGreaterThanOrEqual(placed.decided_at!);
    const budgetAudit = web.db.$client.prepare(`SELECT actor_id AS actor, ${READABLE_DETAIL} AS detail FROM audit_entries WHERE action = 'protocol.budget_exceeded'`).all() as { actor: string; detail: string }[];
    expect(budgetAudit).toHaveLength(1);
    expect(budgetAudit[0].detail).toContain('Aucune autre solution ce soir');
    // The stay's page shows the household by its pseudonym: it is confidential.
    await expect(staff.locator('main').textContent()).resolves.not.toContain(LABEL);

    // --- The placement sheet: the apartment's confidential address, for the duty officer only. ---
    const [hotelTexts, apartmentTexts] = [siteTexts(hotelUnitId!), siteTexts(apartmentUnitId!)];
    const sheet = await staff.goto(`${web.url}/sejours/${stays[1].id}/fiche`);
    expect(sheet!.status()).toBe(200);
    const sheetText = (await staff.locator('main').textContent()) ?? '';
    expect(sheetText).toContain(apartmentTexts[2]);
    expect(sheetText).toContain('Site confidentiel');
    expect(sheetText).not.toContain(LABEL);
    await expectNoSeriousViolations(staff, '/sejours/<id>/fiche');
    await staff.screenshot({ path: `${SCREENSHOTS}/referrals-sheet-390.png`, fullPage: true });

    // --- The partner sees « Placée », with its times, and nothing that locates or names anyone. ---
    await partner.goto(`${web.url}/orientations`);
    const placedCard = partner.locator(`#ref-${sent.id}`);
    const placedText = (await placedCard.textContent()) ?? '';
    expect(placedText).toContain('Placée');
    expect(placedText).toContain('Placée le');
    expect(placedText).toContain('Décidée le');
    for (const page of ['/orientations', `/orientations/${sent.id}`]) {
      await partner.goto(`${web.url}${page}`);
      const html = await partner.content();
      for (const secret of [...hotelTexts, ...apartmentTexts, LABEL, hotelStayId, stays[1].id]) expect(html, `${page} shows « ${secret} »`).not.toContain(secret);
      await expectNoSeriousViolations(partner, `${page}, partner, placed`);
    }
    await expect(partner.locator('main').textContent()).resolves.toContain('Placée');
    // A partner may not open the protocol page nor the stay.
    expect((await partner.goto(`${web.url}/orientations/${sent.id}/placer`))!.status()).toBe(403);
    expect((await partner.goto(`${web.url}/sejours/${hotelStayId}/fiche`))!.status()).toBe(403);

    // --- A partner of another organisation sees nothing of it. ---
    const otherContext = await newContext(browser);
    const other = await otherContext.newPage();
    await signInAs(other, OTHER_PARTNER.email, OTHER_PARTNER.password);
    await other.goto(`${web.url}/orientations`);
    await expect(other.content()).resolves.not.toContain(sent.id);
    await expect(other.locator('main').textContent()).resolves.toContain('Votre organisme n’a pas encore envoyé d’orientation.');
    expect((await other.goto(`${web.url}/orientations/${sent.id}`))!.status()).toBe(404);
    expect((await other.goto(`${web.url}/orientations/${sent.id}/placer`))!.status()).toBe(403);
    // Nor can it withdraw it by posting the form.
    const posted = await other.evaluate(async (id) => {
      const body = new URLSearchParams({ outcome: 'withdrawn' });
      const res = await fetch(`/orientations/${id}?/decide`, { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
      return (await res.json()) as { type: string; status: number };
    }, sent.id);
    expect(posted).toMatchObject({ type: 'failure', status: 404 });
    expect(referralsByContact(CONTACT)[0].status).toBe('placed');

    await Promise.all([partnerContext.close(), staffContext.close(), otherContext.close()]);
  });

  it('the placement sheet is refused to a housing officer (403), whatever the site', async () => {
    expect.hasAssertions();
    const stay = web.db.$client.prepare("SELECT id FROM stays WHERE programme = 'social_residence' LIMIT 1").get() as { id: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    expect((await page.goto(`${web.url}/sejours/${stay.id}/fiche`))!.status()).toBe(403);
    expect((await page.goto(`${web.url}/sejours/${stay.id}`))!.status()).toBe(200);
    await context.close();
  });

  it('a duty officer enters a referral taken by phone for an organisation of the list, and declines it with a reason from the list and a note', async () => {
    expect.hasAssertions();
    const contact = 'Infirmière de l’accueil des urgences';
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/orientations#saisie`);
    await fillReferral(page, { programme: 'emergency', adults: 2, children: 0, contact, phone: '04 67 87 00 00', nights: 2 });
    await page.getByLabel('Organisme', { exact: true }).selectOption('Gendarmerie — brigade de Lunel');
    await Promise.all([page.waitForURL(/\/orientations\/[^/?]+\?fait=created/), page.getByRole('button', { name: 'Enregistrer l’orientation' }).click()]);
    const [phone] = referralsByContact(contact);
    const organisationId = (web.db.$client.prepare("SELECT organisation_id AS o FROM accounts WHERE email = 'gendarmerie@demo.lunel.fr'").get() as { o: string }).o;
    expect(phone).toMatchObject({ status: 'received', organisation_id: organisationId });
    await expect(page.locator('main').textContent()).resolves.toMatch(/reçue il y a \d+ min/);
    await expectNoSeriousViolations(page, '/orientations/<id>, duty officer');
    await page.screenshot({ path: `${SCREENSHOTS}/referrals-detail-390.png`, fullPage: true });

    // Decline without a reason: refused, nothing changes.
    // The browser's own check (the reason is required) switched off: the server refuses too.
    await page.locator('form:has(#reasonCode)').evaluate((f) => ((f as HTMLFormElement).noValidate = true));
    await page.getByRole('button', { name: 'Décliner' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Choisissez une raison dans la liste.');
    expect(referralsByContact(contact)[0].status).toBe('received');
    // « Autre » needs its note.
    await page.getByLabel('Raison (obligatoire)', { exact: true }).selectOption('other');
    await page.getByRole('button', { name: 'Décliner' }).click();
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toContain('Précisez la raison');
    // A reason from the list and a note: declined, the reason stored as « label: note ».
    await page.getByLabel('Raison (obligatoire)', { exact: true }).selectOption('no_place_of_size');
    await page.getByLabel('Précision (sans nom)').fill('Rien pour deux adultes avant lundi');
    await Promise.all([page.waitForURL(/fait=declined/), page.getByRole('button', { name: 'Décliner' }).click()]);
    expect(referralsByContact(contact)[0]).toMatchObject({ status: 'declined', decision_reason: 'Pas de place de cette taille: Rien pour deux adultes avant lundi' });
    await expect(page.locator('main').textContent()).resolves.toContain('Cette orientation est close');
    await context.close();

    // The gendarmerie sees it in its own list, declined, without the reason's text.
    const partnerContext = await newContext(browser);
    const partner = await partnerContext.newPage();
    await signIn(partner, web.url, 'partner');
    await partner.goto(`${web.url}/orientations`);
    const card = (await partner.locator(`#ref-${phone.id}`).textContent()) ?? '';
    expect(card).toContain('Déclinée');
    expect(card).toContain('Décidée le');
    await partnerContext.close();
  });

  it('a partner sends a referral without JavaScript; a refused form keeps what was typed; it withdraws its own referral', async () => {
    expect.hasAssertions();
    const contact = 'Brigadier Noël, sans JavaScript';
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, web.url, 'partner');
    await page.goto(`${web.url}/orientations`);
    // A phone number without a digit: refused, the fields kept.
    await fillReferral(page, { programme: 'emergency', adults: 1, children: 2, contact, phone: 'inconnu', start: addDays(night, 1), nights: 2 });
    await page.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Indiquez un numéro de téléphone.');
    await expect(page.getByLabel('Personne à contacter (vous)').inputValue()).resolves.toBe(contact);
    await expect(page.getByLabel('Enfants (obligatoire)', { exact: true }).inputValue()).resolves.toBe('2');
    await expect(page.getByLabel('Première nuit souhaitée').inputValue()).resolves.toBe(addDays(night, 1));
    expect(referralsByContact(contact)).toHaveLength(0);

    await page.getByLabel('Téléphone (obligatoire)', { exact: true }).fill('06 12 34 56 78');
    await Promise.all([page.waitForURL(/fait=sent/), page.getByRole('button', { name: 'Envoyer l’orientation' }).click()]);
    const [sent] = referralsByContact(contact);
    expect(sent).toMatchObject({ status: 'received' });
    const card = page.locator(`#ref-${sent.id}`);
    await expect(card.textContent()).resolves.toContain('Reçue');
    await page.screenshot({ path: `${SCREENSHOTS}/referrals-partner-nojs-360.png`, fullPage: true });

    // Withdraw it (the <details> opens without JavaScript too).
    await card.getByText('Retirer cette orientation').click();
    await card.getByLabel('Pourquoi (facultatif, sans nom)').fill('Hébergée par sa sœur');
    await Promise.all([page.waitForURL(/fait=withdrawn/), card.getByRole('button', { name: 'Confirmer le retrait' }).click()]);
    expect(referralsByContact(contact)[0]).toMatchObject({ status: 'withdrawn' });
    await expect(page.locator(`#ref-${sent.id}`).textContent()).resolves.toContain('Retirée');
    await context.close();
  });

  it('the pages speak English when asked', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel(/email/i).fill('astreinte@demo.lunel.fr');
    await page.getByLabel(/password/i).fill('demo-lunel-2026');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${web.url}/orientations`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('To handle');
    expect(text).toContain('Enter a referral taken by phone');
    expect(text).toMatch(/Emails are off/);
    await context.close();
  });
});
