// A page's title is kept beyond the page: in the browser's history, its tabs, its bookmarks, a
// synced profile. No title names a person: a household's pages (its record, its pathway, its stays,
// its residence contract) are titled by its pseudonym; an applicant's and a landlord's by the kind
// of record. The names stay in the pages themselves, for those allowed to read them.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { signedInPage, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

function one<T>(sql: string): T {
  const row = web.db.$client.prepare(sql).get() as T | undefined;
  if (!row) throw new Error(`the demo territory has no row for: ${sql}`);
  return row;
}

test('no page about a person puts the name in its title; a household is titled by its pseudonym', { timeout: 180_000 }, async () => {
  // A household that is not confidential (its name is shown in the pages) with a stay.
  const stay = one<{ id: string; householdId: string; label: string; pseudonym: string }>(
    `SELECT s.id, h.id AS householdId, h.label, h.pseudonym FROM stays s JOIN households h ON h.id = s.household_id
      WHERE h.confidential = 0 AND h.label IS NOT NULL AND s.programme = 'emergency' ORDER BY s.created_at DESC LIMIT 1`
  );
  const contract = one<{ id: string; label: string; pseudonym: string }>(
    `SELECT c.id, h.label, h.pseudonym FROM residence_contracts c JOIN households h ON h.id = c.household_id WHERE h.confidential = 0 AND h.label IS NOT NULL LIMIT 1`
  );
  const applicant = one<{ id: string; label: string }>(`SELECT id, label FROM applicants LIMIT 1`);
  const landlord = one<{ id: string; name: string }>(`SELECT id, name FROM landlords LIMIT 1`);

  const visits: { role: 'duty_officer' | 'residence_officer' | 'housing_officer'; path: string; name: string; pseudonym?: string }[] = [
    { role: 'duty_officer', path: `/sejours/${stay.id}`, name: stay.label, pseudonym: stay.pseudonym },
    { role: 'duty_officer', path: `/menages/${stay.householdId}`, name: stay.label, pseudonym: stay.pseudonym },
    { role: 'duty_officer', path: `/menages/${stay.householdId}/parcours`, name: stay.label, pseudonym: stay.pseudonym },
    { role: 'residence_officer', path: `/residence/contrats/${contract.id}`, name: contract.label, pseudonym: contract.pseudonym },
    { role: 'housing_officer', path: `/mission/candidats/${applicant.id}`, name: applicant.label },
    { role: 'housing_officer', path: `/mission/candidats/${applicant.id}/modifier`, name: applicant.label },
    { role: 'housing_officer', path: `/mission/bailleurs/${landlord.id}`, name: landlord.name }
  ];
  const pages = new Map<string, Awaited<ReturnType<typeof signedInPage>>>();
  for (const v of visits) {
    let page = pages.get(v.role);
    if (!page) pages.set(v.role, (page = await signedInPage(browser, web.url, v.role)));
    const res = await page.goto(web.url + v.path);
    expect(res?.status(), v.path).toBe(200);
    // The page itself names the person (so the title below is not empty of it by accident).
    expect(await page.locator('main').innerText(), v.path).toContain(v.name);
    const title = await page.title();
    expect(title, v.path).not.toContain(v.name);
    for (const word of v.name.split(/\s+/).filter((w) => w.length > 3)) expect(title.toLowerCase(), `${v.path}: "${word}"`).not.toContain(word.toLowerCase());
    if (v.pseudonym) expect(title, v.path).toContain(v.pseudonym);
  }
});
