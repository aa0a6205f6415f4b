// Every form's result where the eyes are, in Chromium at 390 px: the message (error or success)
// takes focus and is inside the viewport; a stale success is cleared when the next action fails.
// And irreversible taps ask first, with JavaScript and without.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { focusAndView, signedInPage, startWebApp, type WebApp } from './_web.ts';
import { confirmedStayTonight } from '../support/stay-tonight.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const signedIn = (role: 'admin' | 'duty_officer' | 'housing_officer', javaScript = true): Promise<Page> => signedInPage(browser, web.url, role, javaScript);

describe('a form result takes focus and is in view', () => {
  it('“unit added” on /admin/sites is focused and inside the viewport; a failing add next clears it and its error is focused', async () => {
    expect.hasAssertions();
    const page = await signedIn('admin');
    await page.goto(`${web.url}/admin/sites`);
    await page.getByText('Ajouter un logement', { exact: true }).first().click();
    const site = await page.locator('#unit-site option').nth(1).textContent();
    await page.getByLabel('Site (obligatoire)', { exact: true }).selectOption({ label: site! });
    await page.getByLabel('Nom du logement').fill('Studio du focus');
    await page.getByLabel('Capacité (personnes)').fill('2');
    await page.getByRole('checkbox', { name: 'Urgence', exact: true }).check();
    await page.getByRole('button', { name: 'Ajouter un logement' }).click();
    await page.getByText('Logement « Studio du focus » ajouté.').waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('form-result'));
    expect(await focusAndView(page, '.form-result')).toEqual({ found: true, focusInside: true, inView: true });
    expect(await page.locator('.form-result').getAttribute('role')).toBe('status');

    // The next add fails (no programme ticked): the success is gone.
    await page.locator('details:has(#unit-site)').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.getByLabel('Site (obligatoire)', { exact: true }).selectOption({ label: site! });
    await page.getByLabel('Nom du logement').fill('Studio sans programme');
    await page.getByLabel('Capacité (personnes)').fill('2');
    await page.getByRole('button', { name: 'Ajouter un logement' }).click();
    await page.locator('.form-result[role="alert"]').waitFor();
    await expect(page.getByText('Logement « Studio du focus » ajouté.').count()).resolves.toBe(0);
    await page.waitForFunction(() => document.activeElement?.closest('.form-result[role="alert"]') !== null);
    expect(await focusAndView(page, '.form-result[role="alert"]')).toEqual({ found: true, focusInside: true, inView: true });
    expect(describeViolations(await axeScan(page))).toEqual([]);
    await page.context().close();
  });
});

describe('taking a unit out of service asks first', () => {
  it.each([true, false])('with JavaScript %s: the question, focused; nothing changes until confirmed', async (javaScript) => {
    expect.hasAssertions();
    const unit = web.db.$client
      .prepare(`SELECT id, name FROM units WHERE active = 1 AND id NOT IN (SELECT unit_id FROM stays WHERE status IN ('hold', 'confirmed', 'in_place')) ORDER BY name LIMIT 1`)
      .get() as { id: string; name: string };
    const page = await signedIn('admin', javaScript);
    await page.goto(`${web.url}/admin/sites`);
    await page.getByRole('button', { name: `Retirer du service : ${unit.name}`, exact: true }).click();
    const question = page.locator(`#confirm-${unit.id}`);
    await question.getByText(`Confirmer : retirer « ${unit.name} » du service ?`).waitFor();
    const active = () => (web.db.$client.prepare('SELECT active FROM units WHERE id = ?').get(unit.id) as { active: number }).active;
    expect(active()).toBe(1);
    if (javaScript) {
      await page.waitForFunction((id) => document.activeElement?.closest(`#confirm-${id}`) !== null, unit.id);
      expect(await focusAndView(page, `#confirm-${unit.id}`)).toMatchObject({ focusInside: true, inView: true });
      expect(describeViolations(await axeScan(page))).toEqual([]);
    } else {
      // Without JavaScript the page scrolls to the question by the form's #fragment.
      expect(new URL(page.url()).hash).toBe(`#confirm-${unit.id}`);
      expect(await focusAndView(page, `#confirm-${unit.id}`)).toMatchObject({ inView: true });
    }
    await question.getByRole('button', { name: 'Oui, retirer du service' }).click();
    await page.getByText('Logement retiré du service.').waitFor();
    expect(active()).toBe(0);
    // Back in service for the next run.
    await page.getByRole('button', { name: `Remettre en service : ${unit.name}`, exact: true }).click();
    await page.getByText('Logement remis en service.').waitFor();
    expect(active()).toBe(1);
    await page.context().close();
  });
});

describe('a no-show asks first', () => {
  it.each([true, false])('with JavaScript %s: the question comes first and nothing changes until confirmed', async (javaScript) => {
    expect.hasAssertions();
    const stay = { id: confirmedStayTonight(web.db, `Famille Absente-${javaScript ? 'Js' : 'Html'}`) };
    const status = () => (web.db.$client.prepare('SELECT status FROM stays WHERE id = ?').get(stay.id) as { status: string }).status;
    const page = await signedIn('duty_officer', javaScript);
    await page.goto(`${web.url}/sejours/${stay.id}`);
    await page.getByText('Annuler ou déclarer non venu').click();
    await page.getByRole('button', { name: 'Déclarer le ménage non venu' }).click();
    const question = page.locator('#confirmer');
    await question.getByText(/Confirmer : déclarer « .+ » non venu \?/).waitFor();
    expect(status()).toBe('confirmed');
    if (javaScript) await page.waitForFunction(() => document.activeElement?.closest('#confirmer') !== null);
    expect(await focusAndView(page, '#confirmer')).toMatchObject({ found: true, inView: true });
    // axe runs its script in the page: with JavaScript only.
    if (javaScript) expect(describeViolations(await axeScan(page))).toEqual([]);
    await Promise.all([page.waitForURL(/fait=no-show/), question.getByRole('button', { name: 'Oui, non venu' }).click()]);
    expect(status()).toBe('no_show');
    await page.context().close();
  });
});
