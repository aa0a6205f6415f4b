// Placing a household and a stay's page, in real Chromium against the real server on the demo
// territory: suggestions → hold → confirm → the stay's page; a conflict explained in words; nothing
// fits → alternatives and the unmet demand; a double submit places once; the whole flow without
// JavaScript; axe scans of each step; screenshots of placing at 390 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/dates.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { tonight } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { formatDate } from '../../src/lib/format.ts';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { newContext, SCREENSHOTS, signIn, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;
let admin: Actor;
let night: string;
const units: Record<string, string> = {};

function unitId(name: string): string {
  const row = web.db.$client.prepare('SELECT id FROM units WHERE name = ?').get(name) as { id: string } | undefined;
  if (!row) throw new Error(`no demo unit named ${name}`);
  return row.id;
}

function staysOf(label: string) {
  return web.db.$client
    .prepare('SELECT s.id, s.status, s.start_date AS start, s.end_date AS end, s.note FROM stays s JOIN households h ON h.id = s.household_id WHERE h.label = ?')
    .all(label) as { id: string; status: string; start: string; end: string; note: string | null }[];
}

function householdsNamed(label: string): number {
  return (web.db.$client.prepare('SELECT count(*) AS n FROM households WHERE label = ?').get(label) as { n: number }).n;
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(describeViolations(violations), what).toEqual([]);
}

/** « du lundi 7 au mercredi 9 décembre 2026 », as the page words a range (English: "from … to …"). */
function rangeText(start: string, end: string, locale: 'fr' | 'en' = 'fr'): string {
  const part = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    timeZone: 'UTC',
    ...(start.slice(0, 7) === end.slice(0, 7) ? {} : { month: 'long' }),
    ...(start.slice(0, 4) === end.slice(0, 4) ? {} : { year: 'numeric' })
  }).format(new Date(`${start}T12:00:00Z`));
  return locale === 'fr' ? `du ${part} au ${formatDate(end, 'fr')}` : `from ${part} to ${formatDate(end, 'en')}`;
}

async function search(page: Page, q: { start: string; nights: number; adults: number; children: number; programme: string }): Promise<void> {
  await page.getByLabel('Arrivée (première nuit)').fill(q.start);
  await page.getByLabel('Nombre de nuits').fill(String(q.nights));
  await page.getByLabel('Adultes').fill(String(q.adults));
  await page.getByLabel('Enfants').fill(String(q.children));
  await page.getByLabel('Dispositif').selectOption(q.programme);
  await Promise.all([page.waitForURL((u) => u.searchParams.has('start')), page.getByRole('button', { name: 'Voir les logements libres' }).click()]);
}

beforeAll(async () => {
  web = await startWebApp();
  // The pages' getDb() shares the test's connection only when DATABASE_PATH names the same file
  // (startWebApp does not set it: reported to the lead).
  process.env.DATABASE_PATH = web.test.path;
  browser = await launchChromium();
  night = tonight();
  const row = web.db.$client.prepare("SELECT id FROM accounts WHERE email = 'admin@demo.lunel.fr'").get() as { id: string };
  admin = { accountId: row.id, role: 'admin', organisationId: null, ip: null };
  units.maison1 = unitId('Maison de Marsillargues — logement 1 (rez-de-chaussée)');
  units.maison4 = unitId('Maison de Marsillargues — logement 4');
  // Nothing fits a household of five on [night+30, night+35): the two units of five places are
  // taken (Saussines until night+51, logement 4 blocked here until night+40).
  createBlock(web.db, admin, { unitId: units.maison4, start: addDays(night, 25), end: addDays(night, 40), reason: 'Travaux (test)' });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('placing a household (/placer) and its stay’s page (/sejours/<id>)', () => {
  it('a duty officer places a household through the suggestions: hold, confirm, the stay’s page, then the planning', async () => {
    expect.hasAssertions();
    const label = 'Mme Testeuse et ses deux enfants';
    const context = await newContext(browser, { width: 390 });
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer`);
    await expect(page.getByRole('heading', { level: 1, name: 'Placer un ménage' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, '/placer, step 1');

    await search(page, { start: addDays(night, 20), nights: 3, adults: 1, children: 2, programme: 'emergency' });
    await expect(page.getByRole('heading', { name: 'Logements proposés' }).isVisible()).resolves.toBe(true);
    const first = page.locator('ol.options > li').first();
    await expect(first.textContent()).resolves.toContain('Meilleur choix');
    await expect(first.textContent()).resolves.toContain('Capacité 3 personnes : juste à la taille du ménage.');
    await page.screenshot({ path: `${SCREENSHOTS}/placing-390.png`, fullPage: true });
    await expectNoSeriousViolations(page, '/placer, step 2 (suggestions)');
    const chosenUnit = (await first.locator('h3').textContent())!.trim();

    await page.getByLabel('Nom du ménage (personne de référence)').fill(label);
    await Promise.all([page.waitForURL(/\/placer\/option\//), first.getByRole('button', { name: /Prendre en option/ }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Option posée' }).isVisible()).resolves.toBe(true);
    const held = await page.locator('.held').textContent();
    expect(held).toMatch(/est retenu pour ce ménage jusqu’à \d\d:\d\d \(1[45] min\)/);
    expect(staysOf(label)).toEqual([expect.objectContaining({ status: 'hold', start: addDays(night, 20), end: addDays(night, 23) })]);
    await page.screenshot({ path: `${SCREENSHOTS}/placing-hold-390.png`, fullPage: true });
    await expectNoSeriousViolations(page, '/placer/option/<id> (the hold)');

    await page.getByLabel('Note pratique (facultatif)').fill('Clés à la réception, présenter le bon du CIAS.');
    await Promise.all([page.waitForURL(/\/sejours\/[^/?]+\?fait=confirm/), page.getByRole('button', { name: 'Confirmer le séjour' }).click()]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Séjour confirmé.');
    const body = await page.locator('main').textContent();
    expect(body).toContain(`Séjour — ${label}`);
    expect(body).toContain('Confirmé');
    expect(body).toContain(chosenUnit);
    expect(body).toContain(rangeText(addDays(night, 20), addDays(night, 23)));
    const [stay] = staysOf(label);
    expect(stay).toMatchObject({ status: 'confirmed', note: 'Clés à la réception, présenter le bon du CIAS.' });
    await expectNoSeriousViolations(page, '/sejours/<id>');

    // The planning (another page of the staff app) shows the new stay.
    const planning = await page.goto(`${web.url}/planning`);
    if (planning!.status() === 404) {
      // Not built yet in this tree: the stay's page above is the proof.
      expect(planning!.status()).toBe(404);
    } else {
      expect(planning!.status()).toBe(200);
      await expect(page.locator(`a[href="/sejours/${stay.id}"]`).count()).resolves.toBeGreaterThan(0);
    }
    await context.close();

    // The same suggestions on a desk's screen.
    const wide = await newContext(browser, { width: 1280 });
    const desk = await wide.newPage();
    await signIn(desk, web.url, 'duty_officer');
    await desk.goto(`${web.url}/placer?start=${addDays(night, 20)}&nights=3&adults=1&children=2&programme=emergency`);
    await expect(desk.getByRole('heading', { name: 'Logements proposés' }).isVisible()).resolves.toBe(true);
    await desk.screenshot({ path: `${SCREENSHOTS}/placing-1280.png`, fullPage: true });
    await wide.close();
  });

  it('someone places another household on the unit a second earlier: the conflict is explained, the suggestions are fresh, what was typed is kept', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    const start = addDays(night, 70);
    await page.goto(`${web.url}/placer?start=${start}&nights=2&adults=2&children=0&programme=emergency`);
    const first = page.locator('ol.options > li').first();
    const taken = (await first.locator('h3').textContent())!.trim();
    const takenId = await first.getByRole('button').getAttribute('value');
    // Another duty officer, a second earlier.
    placeStay(web.db, admin, { unitId: takenId!, start, end: addDays(start, 2), programme: 'emergency', household: { label: 'Famille Rapide', adults: 2, children: 0 } });

    await page.getByLabel('Nom du ménage (personne de référence)').fill('M. et Mme Lents');
    await first.getByRole('button', { name: /Prendre en option/ }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Ce logement vient d’être pris');
    expect(text).toContain(`${rangeText(start, addDays(start, 2))}\u00a0: un autre séjour`);
    expect(text).toContain('ce que vous aviez saisi est conservé');
    await expect(page.getByLabel('Nom du ménage (personne de référence)').inputValue()).resolves.toBe('M. et Mme Lents');
    // The suggestions are read again: the unit just taken is no longer offered.
    await expect.poll(async () => (await page.locator('ol.options h3').allTextContents()).map((n) => n.trim())).not.toContain(taken);
    await expect(page.locator('ol.options h3').count()).resolves.toBeGreaterThan(0);
    expect(householdsNamed('M. et Mme Lents')).toBe(0);
    await expectNoSeriousViolations(page, '/placer after a conflict');
    await context.close();
  });

  it('an extension into another stay shows the conflict in words, and changes nothing', async () => {
    expect.hasAssertions();
    const a = placeStay(web.db, admin, {
      unitId: units.maison1,
      start: addDays(night, 40),
      end: addDays(night, 43),
      programme: 'emergency',
      household: { label: 'M. Premier', adults: 1, children: 0 }
    }).value;
    placeStay(web.db, admin, { unitId: units.maison1, start: addDays(night, 43), end: addDays(night, 46), programme: 'emergency', household: { label: 'M. Second', adults: 1, children: 0 } });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/sejours/${a.id}`);
    await page.getByLabel('Nouvelle date de départ').fill(addDays(night, 45));
    await page.getByRole('button', { name: 'Changer la date de départ' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Impossible : ces nuits sont déjà prises sur ce logement.');
    expect(text).toContain(`${rangeText(addDays(night, 43), addDays(night, 46))}\u00a0: un autre séjour`);
    expect(text).not.toContain('M. Second');
    await expect(page.getByLabel('Nouvelle date de départ').inputValue()).resolves.toBe(addDays(night, 45));
    expect(staysOf('M. Premier')[0].end).toBe(addDays(night, 43));
    await expectNoSeriousViolations(page, '/sejours/<id> with an overlap explained');
    await page.screenshot({ path: `${SCREENSHOTS}/stay-conflict-390.png`, fullPage: true });

    // Shortening it is fine, and the history says so.
    await page.getByLabel('Nouvelle date de départ').fill(addDays(night, 42));
    await Promise.all([page.waitForURL(/fait=shorten/), page.getByRole('button', { name: 'Changer la date de départ' }).click()]);
    await expect(page.locator('table').textContent()).resolves.toContain('Raccourci');
    expect(staysOf('M. Premier')[0].end).toBe(addDays(night, 42));
    await context.close();
  });

  it('past the programme’s limit, an extension is explained; an admin goes past it with a reason, which is recorded', async () => {
    expect.hasAssertions();
    const stay = placeStay(web.db, admin, {
      unitId: unitId('Hôtel du Vidourle — chambre 2'),
      start: addDays(night, 110),
      end: addDays(night, 112),
      programme: 'emergency',
      household: { label: 'M. Limite', adults: 1, children: 0 }
    }).value;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/sejours/${stay.id}`);
    await expect(page.getByLabel('Raison du dépassement de la limite (direction)').count()).resolves.toBe(0);
    await page.getByLabel('Nouvelle date de départ').fill(addDays(night, 115));
    await page.getByRole('button', { name: 'Changer la date de départ' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Cette durée dépasse la limite du dispositif sur ce type de site.');
    expect(text).toContain('Durée maximale de ce dispositif sur ce type de site : 3 nuits.');
    expect(text).toContain('Seule la direction peut la dépasser, en donnant une raison.');
    expect(staysOf('M. Limite')[0].end).toBe(addDays(night, 112));
    await context.close();

    const desk = await newContext(browser, { width: 1280 });
    const adminPage = await desk.newPage();
    await signIn(adminPage, web.url, 'admin');
    await adminPage.goto(`${web.url}/sejours/${stay.id}`);
    await adminPage.getByLabel('Nouvelle date de départ').fill(addDays(night, 115));
    await adminPage.getByLabel('Raison du dépassement de la limite (direction)').fill('Hôtel seul disponible, décision de la direction');
    await Promise.all([adminPage.waitForURL(/fait=extend/), adminPage.getByRole('button', { name: 'Changer la date de départ' }).click()]);
    await expect(adminPage.locator('main').textContent()).resolves.toContain('Hôtel seul disponible, décision de la direction');
    expect(staysOf('M. Limite')[0].end).toBe(addDays(night, 115));
    await desk.close();
  });

  it('nothing fits: the alternatives in words, a button fills the form, and the unmet demand is recorded', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    const start = addDays(night, 30);
    await page.goto(`${web.url}/placer?start=${start}&nights=5&adults=2&children=3&programme=emergency`);
    await expect(page.getByRole('heading', { name: 'Aucun logement libre pour toutes ces nuits' }).isVisible()).resolves.toBe(true);
    const alternatives = await page.locator('.alternatives').textContent();
    expect(alternatives).toContain(`Arrivée plus tard : ${rangeText(addDays(night, 40), addDays(night, 45))}, à Maison de Marsillargues — logement 4 (Marsillargues).`);
    await expectNoSeriousViolations(page, '/placer, nothing fits');
    await page.screenshot({ path: `${SCREENSHOTS}/placing-none-390.png`, fullPage: true });

    // The button of an alternative fills the search with it: the unit asked for comes first.
    await Promise.all([page.waitForURL((u) => u.searchParams.get('start') === addDays(night, 40)), page.getByRole('button', { name: /Chercher à partir du/ }).click()]);
    await expect(page.locator('ol.options > li').first().textContent()).resolves.toContain('Logement demandé');
    await page.goBack();

    const before = (web.db.$client.prepare('SELECT count(*) AS n FROM unmet_demands').get() as { n: number }).n;
    await expect(page.getByRole('radio', { name: 'Pas de place libre' }).isChecked()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/demande=enregistree/), page.getByRole('button', { name: 'Enregistrer la demande non pourvue' }).click()]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('La demande non pourvue est enregistrée.');
    const rows = web.db.$client.prepare('SELECT programme, start_date AS start, end_date AS end, persons, reason FROM unmet_demands ORDER BY created_at').all();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({ programme: 'emergency', start, end: addDays(night, 35), persons: 5, reason: 'no_place' });
    await context.close();
  });

  it('a double submit of the same hold places the household once', async () => {
    expect.hasAssertions();
    const label = 'M. Double Clic';
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer?start=${addDays(night, 80)}&nights=2&adults=1&children=0&programme=emergency`);
    const form = page.locator('form[action*="/hold"]');
    const action = new URL((await form.getAttribute('action'))!, page.url()).href;
    const fields: Record<string, string> = {};
    for (const input of await form.locator('input[type="hidden"]').all()) fields[(await input.getAttribute('name'))!] = (await input.getAttribute('value')) ?? '';
    const unit = await form.locator('button[name="unitId"]').first().getAttribute('value');
    const body = { ...fields, unitId: unit!, label, adults: '1', children: '0' };
    expect(fields.key).toMatch(/^[0-9a-f-]{36}$/);
    // Two posts of one form, as a double tap on a slow phone sends them.
    const post = () => page.request.post(action, { form: body, headers: { origin: web.url, accept: 'text/html' }, maxRedirects: 0 });
    const [one, two] = await Promise.all([post(), post()]);
    expect([one.status(), two.status()]).toEqual([303, 303]);
    expect(two.headers().location).toBe(one.headers().location);
    expect(householdsNamed(label)).toBe(1);
    expect(staysOf(label)).toEqual([expect.objectContaining({ status: 'hold' })]);
    await context.close();
  });

  it('works without JavaScript: search, hold, confirm, then the stay’s note and an arrival', async () => {
    expect.hasAssertions();
    const label = 'Mme Sans Script';
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer`);
    await search(page, { start: addDays(night, 90), nights: 2, adults: 1, children: 0, programme: 'dv_protocol' });
    await expect(page.getByRole('heading', { name: 'Logements proposés' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('main').textContent()).resolves.toContain('le nom restera confidentiel');
    await page.getByLabel('Nom du ménage (personne de référence)').fill(label);
    await Promise.all([page.waitForURL(/\/placer\/option\//), page.locator('ol.options > li').first().getByRole('button').click()]);
    const holdText = await page.locator('main').textContent();
    expect(holdText).toContain('Option posée');
    // Under the DV protocol the household is shown by its pseudonym, never by its name.
    expect(holdText).toMatch(/Ménage [A-Z2-9]{4}/);
    expect(holdText).not.toContain(label);
    await Promise.all([page.waitForURL(/\/sejours\//), page.getByRole('button', { name: 'Confirmer le séjour' }).click()]);
    expect(staysOf(label)).toEqual([expect.objectContaining({ status: 'confirmed' })]);
    await expect(page.locator('main').textContent()).resolves.not.toContain(label);

    await page.getByRole('textbox', { name: 'Note pratique' }).fill('Rendez-vous à la brigade à 9 h.');
    await Promise.all([page.waitForURL(/fait=note/), page.getByRole('button', { name: 'Enregistrer la note' }).click()]);
    expect(staysOf(label)[0].note).toBe('Rendez-vous à la brigade à 9 h.');
    await Promise.all([page.waitForURL(/fait=check-in/), page.getByRole('button', { name: 'Enregistrer l’arrivée' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Arrivée enregistrée.');
    expect(staysOf(label)[0].status).toBe('in_place');
    const history = await page.locator('table').textContent();
    for (const step of ['Placé', 'Confirmé', 'Note pratique modifiée', 'Arrivée']) expect(history).toContain(step);
    await context.close();
  });

  it('in English, placing and the stay’s page speak English, dates included', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { locale: 'en-GB', width: 1280 });
    const page = await context.newPage();
    await signIn(page, web.url, 'admin');
    const start = addDays(night, 100);
    await page.goto(`${web.url}/placer?start=${start}&nights=2&adults=1&children=0&programme=emergency`);
    await expect(page.getByRole('heading', { level: 1, name: 'Place a household' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.search-summary').textContent()).resolves.toContain(rangeText(start, addDays(start, 2), 'en'));
    await page.getByLabel('Household name (reference person)').fill('Mr English');
    await Promise.all([page.waitForURL(/\/placer\/option\//), page.locator('ol.options > li').first().getByRole('button', { name: /Hold this unit/ }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: 'Unit held' }).isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/\/sejours\//), page.getByRole('button', { name: 'Confirm the stay' }).click()]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Stay confirmed.');
    // An admin may give a reason to go past the programme's limit.
    await expect(page.getByLabel('Reason to go past the limit (management)').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/stay-1280-en.png`, fullPage: true });
    await context.close();
  });

  it('a housing officer opens no DV stay (404): no household, no note, no confidential address', async () => {
    expect.hasAssertions();
    const stay = web.db.$client
      .prepare("SELECT s.id FROM stays s JOIN units u ON u.id = s.unit_id WHERE u.name = 'Appartement T3 de Saussines' AND s.status = 'in_place'")
      .get() as { id: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, web.url, 'housing_officer');
    expect((await page.goto(`${web.url}/sejours/${stay.id}`))!.status()).toBe(404);
    const text = await page.content();
    expect(text).not.toContain('impasse des Oliviers');
    expect(text).not.toContain('Mme Rossi');
    expect(text).not.toContain('Clés remises');
    await expect(page.getByRole('button', { name: 'Enregistrer le départ' }).count()).resolves.toBe(0);
    await context.close();
  });
});
