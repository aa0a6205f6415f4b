// The pages the law asks for and their settings over real HTTP (the built web app on a demo
// database): the three pages answer 200 to nobody signed in (never a redirect to the sign-in); the
// settings' form refuses bad values with 400 or 422 and the field at fault, writing nothing, as a
// browser without JavaScript posts it; only an admin opens the form or posts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_PAGES } from '../../src/domain/pages.ts';
import { ROLES } from '../../src/domain/programmes.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { postForm, rawRequest, sessionCookie, type FormFields } from '../support/web-sessions.ts';

let web: WebApp;
let admin: string;

beforeAll(async () => {
  web = await startWebApp();
  admin = sessionCookie(web.db, 'admin');
});
afterAll(async () => {
  await web?.close();
});

const settingsRows = () => web.db.$client.prepare('SELECT key, value, updated_at FROM legal_settings ORDER BY key').all();

describe('the three pages are public', () => {
  it.each([...LEGAL_PAGES])('%s answers 200 to nobody signed in, its footer naming the status', async (path) => {
    const res = await rawRequest(web.url, 'GET', path, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Accessibilité : non conforme');
    for (const link of LEGAL_PAGES) expect(res.body).toContain(`href="${link}"`);
  });
});

describe('the settings’ form', () => {
  it.each(ROLES.filter((r) => r !== 'admin'))('%s may neither open nor post it (403), and nothing is written', async (role) => {
    const cookie = sessionCookie(web.db, role);
    const before = settingsRows();
    expect((await rawRequest(web.url, 'GET', '/admin/mentions', { headers: { cookie, accept: 'text/html' } })).status).toBe(403);
    expect((await postForm(web.url, '/admin/mentions?/save', { hostName: 'Intrus' }, cookie)).status).toBe(403);
    expect(settingsRows()).toEqual(before);
  });

  it('nobody signed in: 401, nothing written', async () => {
    const before = settingsRows();
    expect((await postForm(web.url, '/admin/mentions?/save', { hostName: 'Intrus' }, null)).status).toBe(401);
    expect(settingsRows()).toEqual(before);
  });

  const BAD: [string, FormFields, string][] = [
    ['a rate that is not a number', { auditRate: 'beaucoup', auditDate: '2026-01-10' }, 'auditRate'],
    ['a rate above 100', { auditRate: '101', auditDate: '2026-01-10' }, 'auditRate'],
    ['a rate without its date', { auditRate: '80', auditDate: '' }, 'auditDate'],
    ['a date not written YYYY-MM-DD', { auditRate: '80', auditDate: '10/01/2026' }, 'auditDate'],
    ['a text too long', { hostName: 'x'.repeat(301) }, 'hostName']
  ];
  it.each(BAD)('%s: 4xx with the field at fault, nothing written', async (_, form, field) => {
    const before = settingsRows();
    const res = await postForm(web.url, '/admin/mentions?/save', { ...form }, admin);
    expect([400, 422]).toContain(res.status);
    expect(res.body).toContain(`aria-invalid="true"`);
    expect(res.body).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`));
    expect(settingsRows()).toEqual(before);
  });

  it('an admin saves: the page and the footer say the new status', async () => {
    const res = await postForm(web.url, '/admin/mentions?/save', { publisherName: 'CIAS de test', auditRate: '50', auditDate: '2026-01-10', auditBy: '' }, admin);
    expect(res.status).toBe(200);
    const page = await rawRequest(web.url, 'GET', '/accessibilite', { headers: { accept: 'text/html' } });
    expect(page.body).toContain('Accessibilité : partiellement conforme');
    expect(page.body).toContain('CIAS de test');
  });
});
