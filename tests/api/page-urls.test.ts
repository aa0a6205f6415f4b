// The web app's URLs over real HTTP (the Fastify server with the SvelteKit build, on a demo
// database): redirects taken from a caller stay on this origin, and the role guard sees the path
// the router sees, however it is spelt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { CALLERS, postForm, rawRequest, sessionCookie, type Caller } from '../support/web-sessions.ts';
import type { Role } from '../../src/domain/programmes.ts';

let web: WebApp;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  web = await startWebApp();
  process.env.DATABASE_PATH = web.test.path;
  for (const role of ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'] as const) cookies[role] = sessionCookie(web.db, role);
});
afterAll(async () => {
  await web?.close();
});

function get(path: string, caller: Caller, headers: Record<string, string> = {}) {
  return rawRequest(web.url, 'GET', path, { headers: { accept: 'text/html', ...headers, ...(caller === 'anonymous' ? {} : { cookie: cookies[caller] }) } });
}

/** The Location of a redirect, resolved as a browser resolves it. */
function landing(location: string | string[] | undefined): URL {
  expect(typeof location).toBe('string');
  return new URL(location as string, web.url);
}

/** Hostile targets; `kept`: the same-origin path it safely resolves to, else the caller's home is expected. */
const HOSTILE: readonly { name: string; value: string; kept?: string }[] = [
  { name: 'a backslash after the slash', value: '/\\evil.example' },
  { name: 'a protocol-relative URL', value: '//evil.example' },
  { name: 'two backslashes', value: '\\\\evil.example' },
  { name: 'a tab between the slashes', value: '/\t/evil.example' },
  { name: 'an absolute URL elsewhere', value: 'https://evil.example/' },
  { name: 'a javascript: URL', value: 'javascript:alert(1)' },
  { name: 'a dot segment leaving //host', value: '/.//evil.example' },
  { name: 'an encoded CR LF', value: '/%0d%0aSet-Cookie:%20pwned=1', kept: '/%0d%0aSet-Cookie:%20pwned=1' },
  { name: 'a raw CR LF', value: '/x\r\nSet-Cookie: pwned=1', kept: '/xSet-Cookie:%20pwned=1' },
  { name: 'a very long path', value: `/${'a'.repeat(5000)}` }
];

describe('redirects taken from the caller stay on this origin', () => {
  it.each(HOSTILE)('/langue?retour= with $name answers 303 to a path of this site, with no cookie but the language', async ({ value, kept }) => {
    expect.hasAssertions();
    for (const caller of ['anonymous', 'partner'] as const) {
      const res = await get(`/langue?vers=en&retour=${encodeURIComponent(value)}`, caller);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(kept ?? (caller === 'partner' ? '/disponibilites' : '/'));
      const to = landing(res.headers.location);
      expect(to.origin).toBe(web.url);
      expect(String(res.headers.location).startsWith('/')).toBe(true);
      expect(String(res.headers.location).startsWith('//')).toBe(false);
      const setCookie = (res.headers['set-cookie'] ?? []) as string[];
      expect(setCookie.map((c) => c.split('=')[0])).toEqual(['lang']);
    }
  });

  it('/langue goes back to a path of this site, and to the caller home otherwise', async () => {
    expect.hasAssertions();
    const back = await get(`/langue?vers=fr&retour=${encodeURIComponent('/placer?start=2026-12-01#resultat')}`, 'duty_officer');
    expect({ status: back.status, location: back.headers.location }).toEqual({ status: 303, location: '/placer?start=2026-12-01#resultat' });
    const partner = await get(`/langue?vers=fr&retour=${encodeURIComponent('/\\evil.example')}`, 'partner');
    expect({ status: partner.status, location: partner.headers.location }).toEqual({ status: 303, location: '/disponibilites' });
    const anonymous = await get(`/langue?vers=fr&retour=${encodeURIComponent('//evil.example')}`, 'anonymous');
    expect({ status: anonymous.status, location: anonymous.headers.location }).toEqual({ status: 303, location: '/' });
  });

  it('a CR LF written raw into the query of /langue is a redirect, not an error', async () => {
    expect.hasAssertions();
    // Percent-encoded in the request line (a raw CR LF cannot be sent), decoded by the query parser.
    const res = await get('/langue?vers=fr&retour=/%0d%0aSet-Cookie:%20pwned=1', 'anonymous');
    expect(res.status).toBe(303);
    expect(landing(res.headers.location).origin).toBe(web.url);
    expect(String(res.headers['set-cookie'])).not.toContain('pwned');
  });

  it.each(HOSTILE)('signing in with a suite of $name lands on a path of this site (the role home unless safe)', async ({ value, kept }) => {
    expect.hasAssertions();
    const res = await postForm(web.url, '/connexion', { email: 'gendarmerie@demo.lunel.fr', password: 'demo-lunel-2026', suite: value }, null);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(kept ?? '/disponibilites');
  });

  it('signing in with a suite on this site goes there, an absolute one of this origin as its path', async () => {
    expect.hasAssertions();
    const plain = await postForm(web.url, '/connexion', { email: 'astreinte@demo.lunel.fr', password: 'demo-lunel-2026', suite: '/planning?jours=14' }, null);
    expect({ status: plain.status, location: plain.headers.location }).toEqual({ status: 303, location: '/planning?jours=14' });
    const absolute = await postForm(web.url, '/connexion', { email: 'astreinte@demo.lunel.fr', password: 'demo-lunel-2026', suite: `${web.url}/menages` }, null);
    expect({ status: absolute.status, location: absolute.headers.location }).toEqual({ status: 303, location: '/menages' });
  });
});

describe('each role lands where it works', () => {
  const HOMES: readonly { role: Role; email: string; home: string }[] = [
    { role: 'admin', email: 'admin@demo.lunel.fr', home: '/' },
    { role: 'duty_officer', email: 'astreinte@demo.lunel.fr', home: '/' },
    { role: 'housing_officer', email: 'logement@demo.lunel.fr', home: '/mission' },
    { role: 'residence_officer', email: 'residence@demo.lunel.fr', home: '/residence' },
    { role: 'partner', email: 'gendarmerie@demo.lunel.fr', home: '/disponibilites' }
  ];

  it.each(HOMES)('a $role lands on $home after sign-in, from / and from /connexion', async ({ role, email, home }) => {
    expect.hasAssertions();
    const signIn = await postForm(web.url, '/connexion', { email, password: 'demo-lunel-2026' }, null);
    expect({ status: signIn.status, location: signIn.headers.location }).toEqual({ status: 303, location: home });
    // Opening / sends a role that does not work there to its own home; /connexion once signed in too.
    const root = await get('/', role);
    if (home === '/') expect(root.status).toBe(200);
    else expect({ status: root.status, location: root.headers.location }).toEqual({ status: 303, location: home });
    const connexion = await get('/connexion', role);
    expect({ status: connexion.status, location: connexion.headers.location }).toEqual({ status: 303, location: home });
    // And the home opens for that role.
    expect((await get(home, role)).status).toBe(200);
  });
});

/**
 * Each spelling of a path, and the page the router serves for it (null: none, so 404). A spelling
 * the router itself answers with a redirect (a trailing slash) says where to; a malformed one is
 * refused by the server's router (400) before any page.
 */
const SPELLINGS: readonly { path: string; page: string | null; redirect?: string; malformed?: true; missing?: true }[] = [
  { path: '/placer', page: '/placer' },
  { path: '/%70lacer', page: '/placer' },
  { path: '/pl%61cer', page: '/placer' },
  { path: '/%70%6C%61%63%65%72', page: '/placer' },
  { path: '/./placer', page: '/placer' },
  { path: '/menages/../placer', page: '/placer' },
  { path: '/menages/%2e%2e/placer', page: '/placer' },
  { path: '/placer/', page: null, redirect: '/placer' },
  { path: '/%70lacer/', page: null, redirect: '/%70lacer' },
  { path: '//placer', page: null },
  { path: '/PLACER', page: null },
  { path: '/%2Fplacer', page: null },
  { path: '/%2570lacer', page: null },
  { path: '/admin', page: '/admin' },
  { path: '/%61dmin', page: '/admin' },
  { path: '/%61dmin/comptes', page: '/admin' },
  { path: '/adm%69n/jetons', page: '/admin' },
  { path: '/admin/territoire', page: '/admin' },
  { path: '/admin%2Fcomptes', page: null },
  { path: '/Admin', page: null },
  { path: '/%61dmin%', page: null, malformed: true },
  { path: '/%E0%A4%A', page: null, malformed: true },
  { path: '/mission', page: '/mission' },
  { path: '/%6Dission/bailleurs', page: '/mission' },
  { path: '/residence', page: '/residence' },
  { path: '/residence/departs', page: '/residence' },
  { path: '/r%65sidence/departs', page: '/residence' },
  { path: '/residence/impayes.csv', page: '/residence' },
  { path: '/%6Denages', page: '/menages' },
  { path: '/%64isponibilites', page: '/disponibilites' },
  { path: '/rapports/public', page: '/rapports/public' },
  { path: '/rapports/%70ublic?annee=2025', page: '/rapports/public' },
  { path: '/rapports', page: '/rapports' },
  { path: '/r%61pports', page: '/rapports' },
  { path: '/rapports/imprimer?annee=2026', page: '/rapports' },
  { path: '/rapports/%69mprimer', page: '/rapports' },
  { path: '/rapports/nuitees-par-dispositif.csv', page: '/rapports' },
  { path: '/rapports/%6Euitees-par-dispositif.csv?mois=2026-11', page: '/rapports' },
  { path: '/rapports/n-existe-pas.csv', page: '/rapports', missing: true },
  { path: '/rapports/n-existe-pas', page: null },
  { path: '/n-existe-pas', page: null }
];

/** Who may open each page (the rule, restated here on purpose rather than imported). */
const MAY_OPEN: Record<string, readonly Role[]> = {
  '/placer': ['admin', 'duty_officer', 'housing_officer', 'residence_officer'],
  '/menages': ['admin', 'duty_officer', 'housing_officer', 'residence_officer'],
  '/admin': ['admin'],
  '/mission': ['admin', 'housing_officer'],
  '/residence': ['admin', 'duty_officer', 'housing_officer', 'residence_officer'],
  '/disponibilites': ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'],
  '/rapports': ['admin', 'duty_officer', 'housing_officer', 'residence_officer'],
  '/rapports/public': ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner']
};

describe('the page guard sees the path the router sees', () => {
  for (const { path, page, redirect, malformed, missing } of SPELLINGS) {
    it(`GET ${JSON.stringify(path)} by every role: ${malformed ? '400' : redirect ? `308 to ${redirect}` : page ? `the page ${page} for its roles only${missing ? ' (404 for them: no such table)' : ''}` : 'never a page'}, never 5xx`, async () => {
      expect.hasAssertions();
      const seen: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const caller of CALLERS) {
        const res = await get(path, caller);
        seen[caller] = res.status;
        if (malformed) want[caller] = 400;
        else if (redirect) {
          want[caller] = 308;
          expect(res.headers.location).toBe(redirect);
        } else if (caller === 'anonymous') {
          want[caller] = 303;
          expect(landing(res.headers.location).pathname).toBe('/connexion');
        } else if (page === null) want[caller] = 404;
        else want[caller] = MAY_OPEN[page]!.includes(caller) ? (missing ? 404 : 200) : 403;
      }
      expect(seen).toEqual(want);
    });
  }

  it('a form action reached through an encoded path is refused to a role that may not use the page, and changes nothing', async () => {
    expect.hasAssertions();
    const accounts = () => (web.db.$client.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
    const before = accounts();
    const res = await postForm(web.url, '/%61dmin/comptes?/create', { name: 'Intrus', email: 'intrus@example.fr', role: 'admin', password: 'un mot de passe très long' }, cookies.partner);
    expect(res.status).toBe(403);
    const stays = () => (web.db.$client.prepare('SELECT count(*) AS n FROM stays').get() as { n: number }).n;
    const staysBefore = stays();
    const hold = await postForm(web.url, '/%70lacer?/hold', { start: '2026-12-10', end: '2026-12-12', adults: '1', children: '0', programme: 'emergency' }, cookies.partner);
    expect(hold.status).toBe(403);
    expect(accounts()).toBe(before);
    expect(stays()).toBe(staysBefore);
  });
});
