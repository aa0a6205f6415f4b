// Errors a screen reader hears, on every form, in Chromium at 390 px: each form with a required
// field is sent empty (the browser's own check switched off, as a screen reader user whose browser
// lets it through would), and then every field the page marks invalid carries aria-invalid="true"
// and names, by aria-describedby, an element of its own form whose text is that field's message;
// the summary at the top of the form links to each field at fault. The forms are found on the
// pages themselves, so a new form on these pages is checked without touching this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { tonight } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { EMAILS, newContext, signedInPage, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
let browser: Browser;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  process.env.DATABASE_PATH = web.test.path;
  // A referral still to decide, for the desk's refusal form.
  const duty = web.db.$client.prepare("SELECT id FROM accounts WHERE email = 'astreinte@demo.lunel.fr'").get() as { id: string };
  received = createReferral(web.db, { accountId: duty.id, role: 'duty_officer', organisationId: null }, {
    programme: 'emergency',
    urgency: 'immediate',
    requestedStart: tonight(),
    nights: 1,
    household: { adults: 1, children: 0 },
    referrer: { contact: 'Accueil de jour', phone: '04 67 00 00 01' }
  }).id;
  protocol = createReferral(web.db, { accountId: duty.id, role: 'duty_officer', organisationId: null }, {
    programme: 'dv_protocol',
    urgency: 'immediate',
    requestedStart: tonight(),
    nights: 2,
    household: { adults: 1, children: 1 },
    referrer: { contact: 'Gendarmerie', phone: '04 67 00 00 02' }
  }).id;
});
let received: string;
let protocol: string;
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const one = (sql: string): string | undefined => (web.db.$client.prepare(sql).get() as { id: string } | undefined)?.id;

/** What a refused form shows: its invalid fields and how each is described. */
interface Audit {
  invalid: { field: string; describedBy: string[]; messages: { id: string; exists: boolean; inForm: boolean; text: string; isMessage: boolean }[] }[];
  orphanMessages: string[];
  summaryLinks: { href: string; targetExists: boolean }[];
  /** Whether the page says something went wrong (an alert with words in it). */
  refused: boolean;
}

/**
 * Every `[aria-invalid="true"]` field on the page, with the elements its aria-describedby names; the
 * field messages (`.field-error`) that no invalid field names; the summary's links and their targets.
 */
async function audit(page: Page): Promise<Audit> {
  try {
    return await auditNow(page);
  } catch {
    // The answer came as a new page after all (a form without enhancement): read that one.
    await page.waitForLoadState('networkidle');
    return auditNow(page);
  }
}

function auditNow(page: Page): Promise<Audit> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('[aria-invalid="true"]')];
    const invalid = fields.map((f) => {
      const ids = (f.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return {
        field: f.getAttribute('name') ?? f.id,
        describedBy: ids,
        messages: ids.map((id) => {
          const el = document.getElementById(id);
          return {
            id,
            exists: el !== null,
            inForm: el !== null && (f.closest('form') === null || el.closest('form') === f.closest('form') || f.closest('fieldset, .field, form')?.contains(el) === true),
            text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
            // A field's own message: the house's .field-error, or an element named "<something>-error".
            isMessage: el !== null && (el.classList.contains('field-error') || /-error$/.test(id))
          };
        })
      };
    });
    // A group's message (a set of boxes to tick) is named by its fieldset.
    const named = new Set([...invalid.flatMap((i) => i.describedBy), ...[...document.querySelectorAll('fieldset[aria-describedby]')].flatMap((g) => g.getAttribute('aria-describedby')!.split(/\s+/))]);
    // A field's message no field names (a refusal's summary, announced as an alert, is not one).
    const orphanMessages = [...document.querySelectorAll('.field-error')]
      .filter((el) => !named.has(el.id) && !named.has(el.closest('[id]')?.id ?? '') && el.closest('[role="alert"]') === null)
      .map((el) => el.outerHTML.slice(0, 120));
    const summaryLinks = [...document.querySelectorAll('.form-result[role="alert"] a[href^="#"]')].map((a) => {
      const id = decodeURIComponent((a.getAttribute('href') ?? '').slice(1));
      return { href: id, targetExists: document.getElementById(id) !== null };
    });
    const refused = [...document.querySelectorAll('[role="alert"]')].some((a) => (a.textContent ?? '').trim() !== '');
    return { invalid, orphanMessages, summaryLinks, refused };
  });
}

/**
 * What is wrong with a refused form's marking, in words (nothing when all is well): each invalid
 * field is described by an existing message of its own, with words in it, beside the field.
 */
function problems(result: Audit, where: string): string[] {
  const out: string[] = [];
  if (result.invalid.length === 0) out.push(`${where}: no field marked invalid`);
  for (const f of result.invalid) {
    const own = f.messages.filter((m) => m.isMessage);
    if (own.length === 0) out.push(`${where}: ${f.field} has no message of its own (${JSON.stringify(f.messages)})`);
    for (const m of f.messages) {
      if (!m.exists) out.push(`${where}: ${f.field} names #${m.id}, which does not exist`);
      else if (m.text === '') out.push(`${where}: #${m.id} of ${f.field} says nothing`);
    }
    for (const m of own) if (!m.inForm) out.push(`${where}: ${f.field}'s message #${m.id} is not beside it`);
  }
  for (const o of result.orphanMessages) out.push(`${where}: a message no invalid field names: ${o}`);
  for (const l of result.summaryLinks) if (!l.targetExists) out.push(`${where}: the summary links to #${l.href}, which does not exist`);
  return out;
}

/**
 * The indexes of the forms on the page with a required field a person types or picks; of forms alike
 * (one per row of a list: same action, same fields), the first only.
 */
function formsWithRequired(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const seen = new Set<string>();
    return [...document.querySelectorAll('form')].flatMap((f, i) => {
      const required = [...f.querySelectorAll('input[required]:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), textarea[required], select[required]')];
      if (!required.length) return [];
      const signature = `${f.getAttribute('action')} ${required.map((e) => e.getAttribute('name')).join(',')}`;
      if (seen.has(signature)) return [];
      seen.add(signature);
      return [i];
    });
  });
}

/**
 * Sends form `index` with its required fields emptied and the browser's check off; resolves once the
 * answer is shown. The first submit button sends it (the one a keyboard user reaches first).
 */
async function sendEmpty(page: Page, index: number): Promise<string> {
  const label = await page.evaluate((i) => {
    const form = document.querySelectorAll('form')[i];
    form.noValidate = true;
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[required]')) {
      if (el instanceof HTMLInputElement && ['hidden', 'checkbox', 'radio'].includes(el.type)) continue;
      el.required = false;
      if (el instanceof HTMLSelectElement) {
        const blank = [...el.options].findIndex((o) => o.value === '');
        if (blank >= 0) el.selectedIndex = blank;
        else el.selectedIndex = -1;
      } else el.value = '';
    }
    for (const d of form.querySelectorAll('details')) d.open = true;
    let p: Element | null = form.parentElement;
    while (p) {
      if (p instanceof HTMLDetailsElement) p.open = true;
      p = p.parentElement;
    }
    const submit = form.querySelector<HTMLButtonElement | HTMLInputElement>('button:not([type="button"]):not([type="reset"]), input[type="submit"]');
    const name = `${form.getAttribute('action') ?? form.method}: ${submit?.textContent?.trim() ?? ''}`;
    form.requestSubmit(submit ?? undefined);
    return name;
  }, index);
  await page.waitForTimeout(300);
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle');
  return label;
}

/** Every form with a required field on `path`, each sent empty from a fresh load of the page. */
async function checkEveryForm(page: Page, path: string, found: string[], minForms = 1): Promise<string[]> {
  await page.goto(`${web.url}${path}`);
  await page.waitForLoadState('networkidle');
  const count = (await formsWithRequired(page)).length;
  expect(count, `${path}: forms with a required field`).toBeGreaterThanOrEqual(minForms);
  const checked: string[] = count ? [] : [`${path} (no form with a required field)`];
  for (let n = 0; n < count; n++) {
    await page.goto(`${web.url}${path}`);
    await page.waitForLoadState('networkidle');
    const index = (await formsWithRequired(page))[n];
    const label = await sendEmpty(page, index);
    const where = `${path} — ${label}`;
    const result = await audit(page);
    // A form whose empty fields have defaults (a search) is answered, not refused: nothing to mark.
    if (!result.refused && result.invalid.length === 0) {
      checked.push(`${where} (accepted empty)`);
      continue;
    }
    found.push(...problems(result, where), ...describeViolations(await axeScan(page)).map((v) => `${where}: axe ${v}`));
    checked.push(where);
  }
  return checked;
}

describe('sign-in: each field at fault is marked and linked to its own message', () => {
  it.each([
    ['nothing typed', '', '', ['email', 'password']],
    ['no password', EMAILS.duty_officer, '', ['password']],
    ['a wrong password', EMAILS.duty_officer, 'pas le bon mot de passe', ['email', 'password']]
  ])('%s', async (_, email, password, expected) => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.url}/connexion`);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.querySelectorAll('form').forEach((f) => (f.noValidate = true)));
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('.alert, .form-result').first().waitFor();
    const result = await audit(page);
    expect(problems(result, `/connexion (${_})`)).toEqual([]);
    expect(result.invalid.map((f) => f.field).sort()).toEqual(expected);
    expect(describeViolations(await axeScan(page))).toEqual([]);
    await context.close();
  });
});

describe('the placing search refused: each field at fault is marked and linked', () => {
  it('an arrival that is no date', async () => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, 'duty_officer');
    await page.goto(`${web.url}/placer?start=demain&nights=2&adults=1&children=0&programme=emergency`);
    const result = await audit(page);
    expect(problems(result, '/placer (search)')).toEqual([]);
    expect(result.invalid.map((f) => f.field)).toEqual(['start']);
    // The summary links to the field.
    expect(result.summaryLinks.map((l) => l.href)).toContain('start');
    expect(describeViolations(await axeScan(page))).toEqual([]);
    await page.context().close();
  });
});

describe('every form with a required field, sent empty', () => {
  const pages: [keyof typeof EMAILS, () => string[]][] = [
    ['admin', () => ['/admin/sites', '/admin/limites', '/admin/territoire', '/admin/blocages', '/admin/comptes', '/admin/jetons', '/compte']],
    [
      'duty_officer',
      () => [
        '/placer',
        `/placer?start=${tonight()}&nights=2&adults=1&children=0&programme=emergency`,
        '/menages',
        `/menages/${one(`SELECT id FROM households WHERE confidential = 0 ORDER BY id LIMIT 1`)}`,
        `/orientations/${received}`,
        `/orientations/${protocol}/placer`,
        `/sejours/${one(`SELECT id FROM stays WHERE status = 'in_place' ORDER BY id LIMIT 1`)}`,
        '/planning',
        '/disponibilites'
      ]
    ],
    [
      'housing_officer',
      () => [
        '/mission/bailleurs',
        '/mission/candidats/nouveau',
        '/mission/offres/nouvelle',
        // A confidential applicant's page asks a reason to reveal the name.
        `/mission/candidats/${one(`SELECT a.id FROM applicants a JOIN households h ON h.id = a.household_id WHERE h.confidential = 1 ORDER BY a.id LIMIT 1`)}`,
        `/mission/offres/${one(`SELECT id FROM offers WHERE status = 'open' ORDER BY id LIMIT 1`)}`
      ]
    ],
    [
      'residence_officer',
      () => [
        '/residence',
        '/residence/demandes',
        `/residence/demandes/${one(`SELECT id FROM residence_applications ORDER BY id LIMIT 1`)}`,
        '/residence/commissions',
        `/residence/contrats/${one(`SELECT id FROM residence_contracts WHERE status = 'active' ORDER BY id LIMIT 1`)}`
      ]
    ],
    ['partner', () => ['/orientations', '/disponibilites']]
  ];
  it.each(pages)('as %s', async (role, paths) => {
    expect.hasAssertions();
    const page = await signedInPage(browser, web.url, role);
    const checked: string[] = [];
    const found: string[] = [];
    for (const path of paths()) {
      expect(path, 'a page of the list has no record to show').not.toContain('undefined');
      checked.push(...(await checkEveryForm(page, path, found, 0)));
    }
    expect(checked.length).toBeGreaterThan(0);
    console.log(`${role}: ${checked.length} forms\n${checked.join('\n')}`);
    expect(found).toEqual([]);
    await page.context().close();
  });
});
