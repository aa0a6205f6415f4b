// Canary test: names, a confidential site and its address, and a practical note are made of unique
// strings and go through the whole flow (a partner's referral, the duty officer's decision, the
// protocol path through the web page, keep apart, the name revealed, the records opened). Then,
// as a partner: no page it can open (nor any it is refused), no API answer to its token, no email
// sent, and no line the server logs contains any of them.
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { setSharedDb } from '../../db/client.ts';
import { DEMO_PARTNER_ORGANISATION, seedDemo } from '../../db/seed/demo.ts';
import { addDays } from '../../src/domain/dates.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadSvelteKitHandler } from '../../src/http/sveltekit.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { openHousehold, revealHouseholdName } from '../../src/services/households.ts';
import { createReferral, decideReferral } from '../../src/services/referrals.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { launchChromium } from '../support/browser.ts';
import { makeTestDb, type TestDb } from '../support/fixtures.ts';
import { newContext, SCREENSHOTS, signIn } from './_web.ts';

const CANARIES = {
  name: 'Mme Canary-Nom-8QZ1',
  kept: 'M. Canary-Ex-5RT7',
  site: 'Canary-Site-7WD4',
  unit: 'Canary-Logement-2HX6',
  address: '12 Canary-Adresse-3KM9, 34400 Lunel',
  note: 'Clés chez Canary-Voisine-9PL3'
} as const;
const CANARY_LIST = Object.values(CANARIES);

const TOKENS = ['8QZ1', '5RT7', '7WD4', '2HX6', '3KM9', '9PL3'];

function leaks(text: string): string[] {
  const found = CANARY_LIST.filter((c) => text.includes(c));
  // Any fragment too (a name cut short, an escaped address): the tokens are unique to this test.
  const fragments = [...(text.includes('Canary-') ? ['Canary-'] : []), ...TOKENS.filter((t) => text.includes(t))];
  return found.length ? found : fragments;
}

// --- The server, with its logs captured (a variant of _web.ts's startWebApp). ---
let url: string;
let app: FastifyInstance;
let test: TestDb;
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  }
});
// What the process itself prints (console.error of an unexpected error in a page, warnings).
const consoleLines: string[] = [];
const originalWrites = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

// --- A real SMTP server. ---
let smtp: SMTPServer;
const mails: { to: string[]; data: string }[] = [];

let browser: Browser;
let night: string;
let duty: Actor;
let admin: Actor;
let partnerToken: string;
let referralId: string;
let keptHouseholdId: string;

function actorOf(email: string): Actor {
  const row = test.db.$client.prepare('SELECT id, role, organisation_id AS organisationId FROM accounts WHERE email = ?').get(email) as { id: string; role: Actor['role']; organisationId: string | null };
  return { accountId: row.id, role: row.role, organisationId: row.organisationId, ip: '127.0.0.1' };
}

beforeAll(async () => {
  // SMTP first: the service reads SMTP_URL when it queues and sends.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    }
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = 'hebergement@cias.test';

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  process.env.ORIGIN = url;
  test = makeTestDb();
  process.env.DATABASE_PATH = test.path;
  setSharedDb(test.db, test.path);
  await seedDemo(test.db);
  const web = await loadSvelteKitHandler();
  app = await buildApp({ db: test.db, web, logger: { level: 'info', stream: logStream } });
  await app.listen({ host: '127.0.0.1', port });
  mkdirSync(SCREENSHOTS, { recursive: true });
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    consoleLines.push(String(chunk));
    return originalWrites.out(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    consoleLines.push(String(chunk));
    return originalWrites.err(chunk, ...rest);
  }) as typeof process.stderr.write;

  browser = await launchChromium();
  night = tonight();
  admin = actorOf('admin@demo.lunel.fr');
  duty = actorOf('astreinte@demo.lunel.fr');
  partnerToken = createAccountWithToken(test.db, { name: 'Gendarmerie — jeton de test', role: 'partner', organisation: DEMO_PARTNER_ORGANISATION }).token;

  // A confidential apartment whose name, unit and address are canaries.
  const site = createSite(test.db, admin, { name: CANARIES.site, commune: 'Lunel', confidential: true, address: CANARIES.address, kind: 'apartment' });
  createUnit(test.db, admin, { siteId: site.id, name: CANARIES.unit, capacity: 4, programmes: ['emergency', 'dv_protocol'], typology: 'T3' });

  // The household she must be kept apart from, sheltered elsewhere (an emergency stay, not confidential).
  const elsewhere = test.db.$client.prepare("SELECT id FROM units WHERE name = 'Les Tamaris — studio 01'").get() as { id: string };
  const kept = placeStay(test.db, admin, {
    unitId: elsewhere.id,
    start: night,
    end: addDays(night, 30),
    programme: 'social_residence',
    household: { label: CANARIES.kept, adults: 1, children: 0 }
  }).value;
  keptHouseholdId = kept.householdId;

  // The partner's referral (with an email for the answer), accepted by the duty officer.
  const partner = actorOf('gendarmerie@demo.lunel.fr');
  referralId = createReferral(test.db, partner, {
    programme: 'dv_protocol',
    urgency: 'immediate',
    requestedStart: night,
    nights: 3,
    household: { adults: 1, children: 2 },
    referrer: { contact: 'Adjudant Rey', phone: '04 67 00 00 00', email: 'brigade@gendarmerie.test' }
  }).id;
  decideReferral(test.db, duty, referralId, { outcome: 'accepted' });
}, 180_000);

afterAll(async () => {
  process.stdout.write = originalWrites.out;
  process.stderr.write = originalWrites.err;
  delete process.env.SMTP_URL;
  await browser?.close();
  await app?.close();
  test?.cleanup();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function body(page: Page, path: string): Promise<{ status: number; text: string }> {
  const res = await page.goto(`${url}${path}`);
  return { status: res!.status(), text: `${await res!.text()}\n${await page.content()}` };
}

describe('canaries: nothing a partner can reach names or locates anyone', () => {
  it('the duty officer places the canary household through the protocol page and opens every staff view of it', async () => {
    expect.hasAssertions();
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, url, 'duty_officer');
    await page.goto(`${url}/orientations/${referralId}/placer`);
    const canaryUnitId = (test.db.$client.prepare('SELECT id FROM units WHERE name = ?').get(CANARIES.unit) as { id: string }).id;
    await page.locator(`input[name="apartmentUnitId"][value="${canaryUnitId}"]`).check();
    await page.getByLabel('Nom du ménage (personne de référence)').fill(CANARIES.name);
    await page.getByLabel('Adultes').fill('1');
    await page.getByLabel('Enfants').fill('2');
    await page.getByLabel('À tenir à l’écart de (facultatif)').fill(keptHouseholdId);
    await page.getByLabel('Note pratique pour l’hôtel (facultatif)').fill(CANARIES.note);
    await Promise.all([page.waitForURL(/\/sejours\/[^/?]+\?fait=placed$/), page.getByRole('button', { name: 'Placer : hôtel puis appartement' }).click()]);
    const stays = test.db.$client.prepare('SELECT id, unit_id AS unitId, household_id AS householdId FROM stays WHERE referral_id = ? ORDER BY start_date').all(referralId) as {
      id: string;
      unitId: string;
      householdId: string;
    }[];
    expect(stays).toHaveLength(2);
    expect(stays[1].unitId).toBe(canaryUnitId);
    const household = test.db.$client.prepare('SELECT label, confidential, keep_apart_from_id AS keep FROM households WHERE id = ?').get(stays[0].householdId) as { label: string; confidential: number; keep: string };
    expect(household).toEqual({ label: CANARIES.name, confidential: 1, keep: keptHouseholdId });

    // Staff pages that do show canaries (to staff): the stay, the placement sheet, the record,
    // the name revealed with a reason (break glass), the planning, the queue.
    // The detector finds them where they belong (a control for every check below).
    const sheet = await body(page, `/sejours/${stays[1].id}/fiche`);
    expect(leaks(sheet.text)).toEqual(expect.arrayContaining([CANARIES.address, CANARIES.unit, CANARIES.site]));
    // The practical note goes with the hotel nights.
    expect(leaks((await body(page, `/sejours/${stays[0].id}/fiche`)).text)).toEqual([CANARIES.note]);
    for (const path of [`/sejours/${stays[0].id}`, `/sejours/${stays[1].id}`, `/menages/${stays[0].householdId}`, '/planning', '/orientations', `/orientations/${referralId}`, '/']) {
      const res = await page.goto(`${url}${path}`);
      expect(res!.status(), path).toBeLessThan(500);
    }
    openHousehold(test.db, duty, stays[0].householdId);
    expect(revealHouseholdName(test.db, duty, stays[0].householdId, 'Appel de la gendarmerie : vérifier l’identité').label).toBe(CANARIES.name);
    await context.close();

    // The two emails (accepted, placed) went to the referrer.
    await expect.poll(() => mails.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  });

  it('no page a partner opens (or is refused) contains a canary, in the HTML or in the page data', async () => {
    expect.hasAssertions();
    const context: BrowserContext = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, url, 'partner');
    const stayIds = (test.db.$client.prepare('SELECT id FROM stays WHERE referral_id = ?').all(referralId) as { id: string }[]).map((s) => s.id);
    const householdId = (test.db.$client.prepare('SELECT household_id AS h FROM stays WHERE id = ?').get(stayIds[0]) as { h: string }).h;
    const open = ['/disponibilites', '/orientations', `/orientations/${referralId}`];
    const refused = ['/', '/planning', '/placer', '/menages', `/menages/${householdId}`, `/sejours/${stayIds[0]}`, `/sejours/${stayIds[1]}/fiche`, `/orientations/${referralId}/placer`, '/admin', '/admin/journal'];
    for (const path of open) {
      const { status, text } = await body(page, path);
      expect(status, path).toBe(200);
      expect(leaks(text), path).toEqual([]);
      // The data a client-side navigation would load.
      const data = await page.request.get(`${url}${path === '/' ? '' : path}/__data.json`);
      expect(leaks(await data.text()), `${path}/__data.json`).toEqual([]);
    }
    await expect(page.goto(`${url}/orientations`).then(() => page.locator(`#ref-${referralId}`).textContent())).resolves.toContain('Placée');
    await page.screenshot({ path: `${SCREENSHOTS}/canary-partner-390.png`, fullPage: true });
    for (const path of refused) {
      const { status, text } = await body(page, path);
      expect([303, 302, 403, 404, 200], path).toContain(status);
      expect(leaks(text), path).toEqual([]);
      const data = await page.request.get(`${url}${path === '/' ? '' : path}/__data.json`);
      expect(leaks(await data.text()), `${path}/__data.json`).toEqual([]);
    }
    await context.close();
  });

  it('no API answer to a partner token contains a canary', async () => {
    expect.hasAssertions();
    const stayIds = (test.db.$client.prepare('SELECT id FROM stays WHERE referral_id = ?').all(referralId) as { id: string }[]).map((s) => s.id);
    const headers = { authorization: `Bearer ${partnerToken}` };
    const to = addDays(night, 120);
    const routes = [
      `/api/v1/availability?from=${night}&to=${to}`,
      `/api/v1/availability?from=${night}&to=${to}&programme=dv_protocol&persons=3`,
      '/api/v1/units',
      '/api/v1/referrals',
      `/api/v1/referrals/${referralId}`,
      '/api/v1/referrals?status=placed'
    ];
    for (const route of routes) {
      const res = await fetch(`${url}${route}`, { headers });
      expect(res.status, route).toBe(200);
      expect(leaks(await res.text()), route).toEqual([]);
    }
    const placed = (await (await fetch(`${url}/api/v1/referrals/${referralId}`, { headers })).json()) as Record<string, unknown>;
    expect(Object.keys(placed).sort()).toEqual(['adults', 'children', 'decidedAt', 'id', 'nights', 'placedAt', 'programme', 'receivedAt', 'requestedStart', 'status', 'urgency']);
    expect(placed.status).toBe('placed');
    // What a partner is refused says nothing either.
    for (const route of [`/api/v1/stays/${stayIds[0]}`, `/api/v1/stays?from=${night}&to=${to}`, '/api/v1/protocol/budget']) {
      const res = await fetch(`${url}${route}`, { headers });
      expect(res.status, route).toBe(403);
      expect(leaks(await res.text()), route).toEqual([]);
    }
  });

  it('no email sent contains a canary, and each says the outcome and the times', async () => {
    expect.hasAssertions();
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) {
      expect(mail.to).toEqual(['brigade@gendarmerie.test']);
      expect(leaks(mail.data)).toEqual([]);
    }
    const all = mails.map((m) => m.data).join('\n');
    expect(all).toMatch(/accept/i);
    expect(all).toMatch(/plac/i);
    const status = test.db.$client.prepare('SELECT status FROM outbox WHERE referral_id = ?').all(referralId) as { status: string }[];
    expect(status.map((s) => s.status)).toEqual(status.map(() => 'sent'));
  });

  it('no line the server logged contains a canary', async () => {
    expect.hasAssertions();
    // The capture works: the requests of the flow above were logged.
    expect(logLines.some((l) => l.includes('/orientations'))).toBe(true);
    const leaked = [...logLines, ...consoleLines].filter((l) => leaks(l).length > 0);
    expect(leaked).toEqual([]);
  });
});
