// Over real HTTP, on the referral pages: a partner's second form comes filled with the contact and
// phone of its first (which it may change); a duty officer's phone intake is never filled with a
// partner's; another partner account of the same organisation does not get its colleague's phone
// (the memory is per account: two social workers are two people with two phones).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSession } from '../../db/queries/sessions.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { nowMs, tonight } from '../../src/services/clock.ts';
import { SESSION_COOKIE } from '../../src/services/sessions.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { postForm, rawRequest, sessionCookie } from '../support/web-sessions.ts';

let web: WebApp;
let partner: string;
let colleague: string;
let duty: string;

function cookieFor(accountId: string): string {
  const token = randomBytes(32).toString('base64url');
  insertSession(web.db, createHash('sha256').update(token, 'utf8').digest('hex'), accountId, nowMs());
  return `${SESSION_COOKIE}=${token}`;
}

beforeAll(async () => {
  web = await startWebApp();
  duty = sessionCookie(web.db, 'duty_officer');
  const org = web.db.$client
    .prepare("SELECT o.name FROM accounts a JOIN organisations o ON o.id = a.organisation_id WHERE a.role = 'partner' AND a.email IS NOT NULL ORDER BY a.created_at LIMIT 1")
    .get() as { name: string };
  // Two partner accounts of one organisation that have sent nothing yet (the demo's own partner
  // account has: its remembered contact would fill the first form).
  partner = cookieFor(createAccountWithToken(web.db, { name: 'Gendarme de jour', role: 'partner', organisation: org.name }).accountId);
  colleague = cookieFor(createAccountWithToken(web.db, { name: 'Brigadier de nuit', role: 'partner', organisation: org.name }).accountId);
});
afterAll(async () => {
  await web?.close();
});

const form = (contact: string, phone: string) => ({
  programme: 'emergency',
  urgency: 'immediate',
  requestedStart: tonight(),
  nights: '1',
  adults: '1',
  children: '0',
  contact,
  phone,
  email: '',
  notes: ''
});

/** The value attribute of the input with this id in the page, as the browser would get it. */
async function inputValue(cookie: string, id: string): Promise<string | null> {
  const page = await rawRequest(web.url, 'GET', '/orientations', { headers: { cookie, accept: 'text/html' } });
  expect(page.status).toBe(200);
  const tag = page.body.match(new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`))?.[0];
  if (!tag) throw new Error(`no input #${id}`);
  return tag.match(/\bvalue="([^"]*)"/)?.[1] ?? null;
}

describe('the referral form remembers its contact for the partner who sent it', () => {
  it('a partner’s second form is filled with the contact and phone of its first, and takes a change', async () => {
    expect.hasAssertions();
    await expect(inputValue(partner, 'f-contact')).resolves.toBeFalsy();
    const sent = await postForm(web.url, '/orientations?/create', form('Adjudante Morel', '04 67 11 22 33'), partner);
    expect(sent.status).toBe(303);
    await expect(inputValue(partner, 'f-contact')).resolves.toBe('Adjudante Morel');
    await expect(inputValue(partner, 'f-phone')).resolves.toBe('04 67 11 22 33');
    // The partner changes its phone on the next one: the form after it has the new one.
    expect((await postForm(web.url, '/orientations?/create', form('Adjudante Morel', '06 12 34 56 78'), partner)).status).toBe(303);
    await expect(inputValue(partner, 'f-phone')).resolves.toBe('06 12 34 56 78');
  });

  it('another partner account of the same organisation starts blank: not its colleague’s phone', async () => {
    expect.hasAssertions();
    await expect(inputValue(colleague, 'f-contact')).resolves.toBeFalsy();
    await expect(inputValue(colleague, 'f-phone')).resolves.toBeFalsy();
  });

  it('a duty officer’s phone intake is not filled with a partner’s contact, nor with the last caller', async () => {
    expect.hasAssertions();
    await expect(inputValue(duty, 'f-contact')).resolves.toBeFalsy();
    await expect(inputValue(duty, 'f-phone')).resolves.toBeFalsy();
    expect((await postForm(web.url, '/orientations?/create', form('Infirmière Garcia', '04 67 99 88 77'), duty)).status).toBe(303);
    await expect(inputValue(duty, 'f-contact')).resolves.toBeFalsy();
    await expect(inputValue(duty, 'f-phone')).resolves.toBeFalsy();
  });
});
