// The planning page over real HTTP on the demo: its HTML is Latin-1 throughout, every other character
// written as a character reference (a browser reads the same words), so that V8 holds the large page
// one byte a character and its copies stay cheap (src/lib/server/deferred-html.ts); its grid, put in
// after rendering, stands where the page placed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { tonight } from '../../src/services/clock.ts';
import { DEFERRED_HTML_MARKER } from '../../src/lib/server/deferred-html.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { postForm, rawRequest, readBeyondLatin1, sessionCookie } from '../support/web-sessions.ts';

let web: WebApp;
let from: string;
const REASON = 'Fuite — Łódź « Ахмед » ’😀';

beforeAll(async () => {
  web = await startWebApp();
  from = addDays(tonight(), 60);
  const admin = web.db.$client.prepare("SELECT id FROM accounts WHERE role = 'admin' AND email IS NOT NULL ORDER BY created_at LIMIT 1").pluck().get() as string;
  const unitId = web.db.$client.prepare("SELECT id FROM units WHERE name = 'Hôtel du Vidourle — chambre 1'").pluck().get() as string;
  createBlock(web.db, { accountId: admin, role: 'admin', organisationId: null }, { unitId, start: addDays(from, 1), end: addDays(from, 3), reason: REASON });
});
afterAll(async () => {
  await web?.close();
});

const LATIN1 = /^[\x00-\xff]*$/;

describe('the planning page is written in Latin-1, other characters as references', () => {
  it.each([
    ['fr', 'Planning — Hébergement', 'Bloqué — '],
    ['en', 'Planning — Hébergement', 'Blocked — ']
  ] as const)('GET /planning in %s: the whole page, the grid where the page put it, the same words once read', async (lang, title, blockedLong) => {
    expect.hasAssertions();
    const res = await rawRequest(web.url, 'GET', `/planning?debut=${from}`, { headers: { accept: 'text/html', cookie: `${sessionCookie(web.db, 'duty_officer')}; lang=${lang}` } });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(LATIN1);
    expect(res.body).not.toContain(DEFERRED_HTML_MARKER);
    expect(res.body).toContain(`<html lang="${lang}">`);
    // The grid's body sits in the table, after its header row.
    const [head, firstSite, end] = [res.body.indexOf('</thead>'), res.body.indexOf('<tbody><tr class="site">'), res.body.indexOf('</table>')];
    expect(head).toBeGreaterThan(0);
    expect(firstSite).toBeGreaterThan(head);
    expect(end).toBeGreaterThan(firstSite);
    const text = readBeyondLatin1(res.body);
    expect(text).toContain(`<title>${title}</title>`);
    expect(text).toContain('Hôtel du Vidourle — chambre 1');
    // The block typed with characters of other scripts: in the grid's tooltip and in the list of blocks below it.
    expect(text).toContain(`<span class="tip">${blockedLong}${REASON}, `);
    expect(text.split(REASON).length - 1).toBeGreaterThanOrEqual(2);
  });

  it('a form’s answer (an unknown block to lift) is Latin-1 throughout too, its message read the same', async () => {
    expect.hasAssertions();
    const res = await postForm(web.url, '/planning?/lift', { blockId: 'no-such-block' }, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(404);
    expect(res.body).toMatch(LATIN1);
    expect(readBeyondLatin1(res.body)).toContain('Ce blocage n’existe plus.');
  });
});
