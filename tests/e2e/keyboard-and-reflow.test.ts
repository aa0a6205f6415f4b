// What axe cannot see, in real Chromium on the demo territory: a keyboard alone places a household,
// and at every stop of its Tab key the focus ring stands out from what is behind it (3:1, WCAG
// 1.4.11); every page at 320 px wide scrolls only downwards (WCAG 1.4.10), keeps its text whole and
// apart under the WCAG 1.4.12 spacing, and rings every control at 3:1; the planning shows each bar's
// whole text on keyboard focus, inside the grid's visible box.
import { readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, describeViolations, launchChromium } from '../support/browser.ts';
import { contrastRatio, decodePng, measureFocusRing, measureLayout, TEXT_SPACING_CSS, type RingReport } from '../support/visual-a11y.ts';
import { EMAILS, DEMO_PASSWORD, newContext, startWebApp, type WebApp } from './_web.ts';

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

function one(sql: string): string {
  const id = web.db.$client.prepare(sql).pluck().get() as string | undefined;
  if (!id) throw new Error(`the demo has nothing for ${sql}`);
  return id;
}

/** Every page, by who can see it; pages that need an id take one from the demo territory. */
function pages(): Record<'anonymous' | 'admin' | 'partner', string[]> {
  const household = one('SELECT id FROM households ORDER BY length(label) DESC LIMIT 1');
  const stay = one("SELECT id FROM stays WHERE status IN ('confirmed', 'in_place') LIMIT 1");
  const hold = one("SELECT id FROM stays WHERE status = 'hold' LIMIT 1");
  const landlord = one('SELECT id FROM landlords LIMIT 1');
  const applicant = one('SELECT id FROM applicants LIMIT 1');
  const offer = one('SELECT id FROM offers LIMIT 1');
  const referral = one("SELECT id FROM referrals ORDER BY status = 'accepted' DESC LIMIT 1");
  const committee = one('SELECT id FROM residence_committees LIMIT 1');
  const application = one('SELECT id FROM residence_applications LIMIT 1');
  const contract = one('SELECT id FROM residence_contracts LIMIT 1');
  return {
    anonymous: ['/connexion', '/accessibilite', '/mentions-legales', '/confidentialite'],
    admin: [
      '/',
      '/placer',
      `/placer/option/${hold}`,
      `/placer/ensemble/${stay}`,
      '/planning',
      '/menages',
      `/menages/${household}`,
      `/menages/${household}/parcours`,
      '/orientations',
      `/orientations/${referral}`,
      `/orientations/${referral}/placer`,
      '/mission',
      '/mission/bailleurs',
      `/mission/bailleurs/${landlord}`,
      '/mission/candidats',
      '/mission/candidats/nouveau',
      `/mission/candidats/${applicant}`,
      `/mission/candidats/${applicant}/modifier`,
      '/mission/offres/nouvelle',
      `/mission/offres/${offer}`,
      `/mission/offres/${offer}/modifier`,
      '/mission/propositions',
      '/residence',
      '/residence/commissions',
      `/residence/commissions/${committee}`,
      `/residence/commissions/${committee}/proces-verbal`,
      `/residence/contrats/${contract}`,
      '/residence/demandes',
      `/residence/demandes/${application}`,
      '/residence/departs',
      '/rapports',
      '/rapports/imprimer',
      `/sejours/${stay}`,
      `/sejours/${stay}/fiche`,
      '/compte',
      '/admin',
      '/admin/sites',
      '/admin/limites',
      '/admin/territoire',
      '/admin/blocages',
      '/admin/comptes',
      '/admin/jetons',
      '/admin/journal',
      '/admin/mentions',
      '/une-page-qui-n-existe-pas'
    ],
    // /reprise shows a form kept across a sign-in, once (tests/e2e/time-limits.test.ts checks it, axe included); without one it sends home.
    partner: ['/disponibilites', '/disponibilites/api', '/orientations', '/residence/demandes', '/rapports/public', '/compte', '/reprise']
  };
}

async function signInByForm(page: Page, role: keyof typeof EMAILS): Promise<void> {
  await page.goto(`${web.url}/connexion`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel(/e-mail/i).fill(EMAILS[role]);
  await page.getByLabel(/mot de passe/i).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/connexion')), page.getByRole('button', { name: /se connecter/i }).click()]);
}

const ringProblems = (stops: RingReport[]) => stops.filter((s) => s.ratio < 3 || s.width < 2).map((s) => `${s.what}: ${s.ratio}:1, ${s.width}px ${s.colour} on ${s.behind.join(' / ')}`);

describe('keyboard, reflow and text spacing', () => {
  it('a keyboard alone signs in and places a household, and every stop of the Tab key shows a ring at 3:1 against what is behind it (the date fields’ calendar buttons too)', async () => {
    expect.hasAssertions();
    const context = await newContext(browser, { width: 1280 });
    const page = await context.newPage();
    const stops: RingReport[] = [];
    const calendarButtons: string[] = [];
    let focusColour: number[] = [];

    /** What holds the focus, and whether it is a date field's calendar button (the field focused, not itself :focus). */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return {
          tag: el?.tagName.toLowerCase() ?? '',
          id: el?.id ?? '',
          text: (el?.textContent ?? '').trim().replace(/\s+/g, ' '),
          href: el?.getAttribute('href') ?? '',
          calendar: el?.type === 'date' && !el.matches(':focus')
        };
      });

    /** The calendar button's ring, by pixels: the field's inside with the button focused, then with the year focused. */
    async function calendarRing(): Promise<void> {
      const inside = await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        return { x: Math.round(r.right - 56), y: Math.round(r.top + 2), width: 53, height: Math.round(r.height - 4), id: document.activeElement!.id };
      });
      const clip = { x: inside.x, y: inside.y, width: inside.width, height: inside.height };
      const on = decodePng(await page.screenshot({ clip }));
      await page.keyboard.press('Shift+Tab');
      const off = decodePng(await page.screenshot({ clip }));
      await page.keyboard.press('Tab');
      expect((await focused()).calendar).toBe(true);
      // The ring: pixels that changed, drawn at 3:1 or more against what was there, in the pages' focus colour.
      let ring = 0;
      for (let y = 0; y < on.height; y++) {
        for (let x = 0; x < on.width; x++) {
          const [a, b] = [on.pixel(x, y), off.pixel(x, y)];
          if (contrastRatio(a, b) >= 3 && a.every((v, i) => Math.abs(v - focusColour[i]) <= 8)) ring++;
        }
      }
      // A 3 px ring around the 20 px button is some 300 pixels; the browser's own 2 px dark ring has none of the focus colour.
      if (ring < 150) calendarButtons.push(`#${inside.id}: ${ring} ring pixels`);
      stops.push({ what: `#${inside.id} calendar button`, ratio: ring >= 150 ? 3 : 0, width: 3, colour: 'pixels', behind: [] });
    }

    /** Presses Tab until `arrived` holds, measuring the ring at each stop; at most `max` presses. */
    async function tabTo(arrived: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80): Promise<void> {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (f.calendar) await calendarRing();
        // Past the page's last control the focus leaves for the browser's own: not a stop of the page.
        else if (f.tag && f.tag !== 'body') stops.push(await page.evaluate(measureFocusRing));
        if (arrived(f)) return;
      }
      throw new Error(`not reached in ${max} presses of Tab (last stop: ${stops.at(-1)?.what})`);
    }

    await page.goto(`${web.url}/connexion`);
    await page.waitForLoadState('networkidle');
    focusColour = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--focus)';
      document.body.append(probe);
      const c = getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number);
      probe.remove();
      return c;
    });
    await tabTo((f) => f.tag === 'input' && /mail/.test(f.id));
    await page.keyboard.type(EMAILS.duty_officer);
    await tabTo((f) => f.tag === 'input' && /password|mot|passe/i.test(f.id));
    await page.keyboard.type(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');

    // From tonight's page through the header's navigation to placing.
    await tabTo((f) => f.tag === 'a' && f.href === '/placer');
    await Promise.all([page.waitForURL((u) => u.pathname === '/placer'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    expect(describeViolations(await axeScan(page)), '/placer').toEqual([]);

    // The need: tonight (the field's default) for three nights; every date field and its calendar button on the way.
    await tabTo((f) => f.id === 'nights');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    await tabTo((f) => f.tag === 'button' && /Voir les logements libres/.test(f.text));
    await Promise.all([page.waitForURL((u) => u.searchParams.has('start')), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');

    // The suggestions: the household's name, then the first « Prendre en option ».
    await tabTo((f) => f.id === 'label');
    await page.keyboard.type('Mme Clavier');
    await tabTo((f) => f.tag === 'button' && /Prendre en option/.test(f.text));
    await Promise.all([page.waitForURL(/\/placer\/option\//), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    expect(describeViolations(await axeScan(page)), 'the hold').toEqual([]);

    await tabTo((f) => f.tag === 'button' && /Confirmer le séjour/.test(f.text));
    await Promise.all([page.waitForURL(/\/sejours\/[^/?]+/), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    expect(describeViolations(await axeScan(page)), 'the stay').toEqual([]);
    const stay = web.db.$client.prepare("SELECT s.status FROM stays s JOIN households h ON h.id = s.household_id WHERE h.label = 'Mme Clavier'").all();
    expect(stay).toEqual([{ status: 'confirmed' }]);
    // The header's links were stops (its dark green), and so were the date fields' calendar buttons.
    expect(stops.filter((s) => s.what.startsWith('a') && s.behind.some((b) => b !== 'rgb(251, 250, 247)' && b !== 'rgb(255, 255, 255)')).length).toBeGreaterThan(3);
    expect(stops.filter((s) => s.what.includes('calendar button')).length).toBeGreaterThanOrEqual(2);
    expect([...ringProblems(stops), ...calendarButtons]).toEqual([]);
    await context.close();
  });

  /** Every page of `paths` at 320 px: laid out plainly, then with the text spacing; then every control's ring. */
  async function pageProblems(role: 'anonymous' | 'admin' | 'partner', paths: string[]): Promise<string[]> {
    const problems: string[] = [];
    const context = await newContext(browser, { width: 320 });
    const page = await context.newPage();
    if (role !== 'anonymous') await signInByForm(page, role);
    for (const path of paths) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(path.includes('n-existe-pas') ? 404 : 200);
      const plain = await page.evaluate(measureLayout);
      if (plain.sideways > 1 || plain.wide.length) problems.push(`${path} at 320 px scrolls ${plain.sideways} px sideways: ${plain.wide.join('; ')}`);
      if (plain.unlabelledScrollers.length) problems.push(`${path}: scroll boxes without a label: ${plain.unlabelledScrollers.join('; ')}`);
      for (const c of plain.clipped) problems.push(`${path}: clipped ${c}`);
      for (const o of plain.overlaps) problems.push(`${path}: overlap ${o}`);

      await page.addStyleTag({ content: TEXT_SPACING_CSS });
      const spaced = await page.evaluate(measureLayout);
      if (spaced.sideways > 1 || spaced.wide.length) problems.push(`${path} with text spacing scrolls ${spaced.sideways} px sideways: ${spaced.wide.join('; ')}`);
      for (const c of spaced.clipped) problems.push(`${path} with text spacing: clipped ${c}`);
      for (const o of spaced.overlaps) problems.push(`${path} with text spacing: overlap ${o}`);

      // Every control's ring, the header's menu open: one key press first, so that focus() shows the ring as Tab would.
      await page.evaluate(() => document.querySelector('header details.menu')?.setAttribute('open', ''));
      await page.keyboard.press('Shift+Tab');
      await page.evaluate(`window.measureFocusRing = ${measureFocusRing.toString()}`);
      const rings = await page.evaluate(() => {
        const run = (window as unknown as { measureFocusRing: () => RingReport }).measureFocusRing;
        const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), summary, input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea, [tabindex="0"]')];
        const out: RingReport[] = [];
        for (const el of focusable) {
          if (!el.checkVisibility()) continue;
          el.focus();
          if (document.activeElement !== el || !el.matches(':focus-visible')) continue;
          out.push(run());
        }
        return out;
      });
      if (!rings.length) problems.push(`${path}: no control measured`);
      for (const r of ringProblems(rings)) problems.push(`${path}: ring ${r}`);
    }
    await context.close();
    // The whole list in a file too: a long one is cut short in the assertion's message.
    if (problems.length) writeFileSync(`test-output/keyboard-and-reflow-${role}-${paths.length}.txt`, problems.join('\n'));
    return problems;
  }

  // In parts, each within a test's time on a busy machine.
  const parts = [
    ['anonymous', 0, 4],
    ['partner', 0, 7],
    ['admin', 0, 13],
    ['admin', 13, 26],
    ['admin', 26, 39],
    ['admin', 39, 52]
  ] as const;
  it.each(parts)('every %s page (from %i to %i) at 320 px scrolls only downwards, keeps its text whole and apart with the WCAG text spacing, and rings every control at 3:1', async (role, from, to) => {
    expect.hasAssertions();
    expect(await pageProblems(role, pages()[role].slice(from, to))).toEqual([]);
  });

  it('the lists of pages above hold every page of the service (routes/**/+page.svelte)', () => {
    expect.hasAssertions();
    const listed = Object.values(pages()).flat();
    const routes = (readdirSync('routes', { recursive: true }) as string[])
      .filter((f) => f.endsWith('+page.svelte'))
      .map((f) => `/${f.replace(/\\/g, '/').replace(/\/?\+page\.svelte$/, '')}`);
    const missing = routes.filter((r) => {
      const pattern = new RegExp(`^${r.replace(/\[[^\]]+\]/g, '[^/]+')}$`);
      return !listed.some((p) => pattern.test(p));
    });
    expect(routes.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
    for (const [, from, to] of parts) expect(to - from).toBeLessThanOrEqual(20);
    expect(parts.filter(([role]) => role === 'admin').at(-1)![2]).toBeGreaterThanOrEqual(pages().admin.length);
  });

  it.each([
    [1366, false],
    [1280, false],
    [1366, true]
  ])('the planning at %i px (text spacing: %s): every bar reached by Tab shows its whole text, inside the grid’s visible box and on top', async (width, spacing) => {
    expect.hasAssertions();
    const context = await newContext(browser, { width });
    const page = await context.newPage();
    await signInByForm(page, 'duty_officer');
    await page.goto(`${web.url}/planning`);
    if (spacing) await page.addStyleTag({ content: TEXT_SPACING_CSS });
    const bars = await page.locator('.scroller td.bar :is(a, .label)').count();
    expect(bars).toBeGreaterThanOrEqual(20);
    await page.locator('.scroller').focus();
    const hidden: string[] = [];
    for (let i = 0; i < bars; i++) {
      await page.keyboard.press('Tab');
      const seen = await page.evaluate(() => {
        const bar = document.activeElement as HTMLElement;
        const tip = bar.querySelector('.tip');
        if (!bar.closest('td.bar') || !tip) return { text: `not a bar: ${bar.tagName}`, ok: false };
        const t = tip.getBoundingClientRect();
        const box = bar.closest('.scroller')!;
        const b = box.getBoundingClientRect();
        // The box's inside, less its scroll bars; and the window.
        const inside = { left: Math.max(b.left + box.clientLeft, 0), top: Math.max(b.top + box.clientTop, 0), right: Math.min(b.left + box.clientLeft + box.clientWidth, innerWidth), bottom: Math.min(b.top + box.clientTop + box.clientHeight, innerHeight) };
        const within = t.left >= inside.left - 1 && t.right <= inside.right + 1 && t.top >= inside.top - 1 && t.bottom <= inside.bottom + 1;
        const onTop = [
          [t.left + 4, t.top + 4],
          [t.right - 4, t.bottom - 4],
          [(t.left + t.right) / 2, (t.top + t.bottom) / 2]
        ].every(([x, y]) => document.elementFromPoint(x, y)?.closest('.tip') === tip);
        return { text: tip.textContent ?? '', ok: within && onTop && t.width > 100, tip: [t.left, t.top, t.right, t.bottom].map(Math.round), inside: Object.values(inside).map(Math.round) };
      });
      if (!seen.ok) hidden.push(JSON.stringify(seen));
    }
    expect(hidden).toEqual([]);
    await context.close();
  });
});
