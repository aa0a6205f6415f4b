// The staff reports' CSV over real HTTP (the Fastify server with the SvelteKit build, on a demo
// database): a table's CSV is UTF-8 with a BOM, `;` separators and CRLF lines, in the reader's
// language; a period the page would not take is 400 with a message, an unknown table 404; partners
// are refused and nobody signed in is sent to sign in; no query, however odd, gives a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { rawRequest, sessionCookie } from '../support/web-sessions.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { tonight } from '../../src/services/clock.ts';

let web: WebApp;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  web = await startWebApp();
  for (const role of ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'] as const) cookies[role] = sessionCookie(web.db, role);
}, 120_000);
afterAll(async () => {
  await web?.close();
});

function get(path: string, role: Role | null, extra: Record<string, string> = {}) {
  return rawRequest(web.url, 'GET', path, { headers: { ...(role ? { cookie: cookies[role] } : {}), ...extra } });
}

describe('a report table as CSV', () => {
  it('is UTF-8 with a BOM, ; separators and CRLF lines, a file named by the table and the period', async () => {
    expect.hasAssertions();
    const res = await get('/rapports/nuitees-par-dispositif.csv?mois=2026-11', 'admin');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="nuitees-par-dispositif-2026-11-01-2026-11-30.csv"');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('Dispositif;Nuitées ménage;Nuitées personne;Ménages;Personnes;Adultes;Enfants;Séjours commencés;Séjours terminés');
    const rows = parse(res.body.slice(1), { delimiter: ';' }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Urgence', 'Protocole violences conjugales', 'Résidence sociale', 'Mission logement']);
    for (const r of rows.slice(1)) for (const c of r.slice(1)) expect(c).toMatch(/^\d+$/);
  });

  it('speaks the reader’s language, decimals with its decimal mark', async () => {
    expect.hasAssertions();
    const en = await get('/rapports/occupation-par-site.csv?annee=2026', 'admin', { cookie: `${cookies.admin}; lang=en` });
    expect(en.status).toBe(200);
    const rows = parse(en.body.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['Site', 'Open nights', 'Occupied nights', 'Occupancy (%)']);
    for (const r of rows.slice(1)) expect(r[3]).toMatch(/^\d+\.\d$/);
    const fr = parse((await get('/rapports/occupation-par-site.csv?annee=2026', 'admin')).body.slice(1), { delimiter: ';' }) as string[][];
    for (const r of fr.slice(1)) expect(r[3]).toMatch(/^\d+,\d$/);
  });

  it.each([
    { query: 'mois=2026-13', why: 'malformed' },
    { query: 'trimestre=2026-T5', why: 'malformed' },
    { query: 'du=2026-03-10&au=2026-03-01', why: 'empty' },
    { query: 'du=2015-01-01&au=2024-12-31', why: 'too_long' }
  ])('a period the page would not take ($query) is 400 saying why, not another period’s figures', async ({ query, why }) => {
    expect.hasAssertions();
    const res = await get(`/rapports/nuitees-par-dispositif.csv?${query}`, 'admin', { accept: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body).toContain(`invalid period (${why})`);
  });

  it('an unknown table is 404', async () => {
    expect.hasAssertions();
    expect((await get('/rapports/noms-des-menages.csv?mois=2026-11', 'admin')).status).toBe(404);
  });

  it('a partner is refused (403) and nobody signed in is sent to sign in, for the page, the print and every CSV', async () => {
    expect.hasAssertions();
    for (const path of ['/rapports', '/rapports/imprimer', '/rapports/nuitees-par-dispositif.csv', '/rapports/territoire.csv?annee=2026', '/rapports/protocole-par-mois.csv']) {
      expect((await get(path, 'partner')).status, path).toBe(403);
      const anonymous = await get(path, null);
      expect(anonymous.status, path).toBe(303);
      expect(String(anonymous.headers.location)).toMatch(/^\/connexion\?suite=/);
    }
  });

  it('a role gets the tables of what it handles only: no DV protocol table for a housing officer', async () => {
    expect.hasAssertions();
    expect((await get('/rapports/protocole-par-mois.csv?annee=2026', 'housing_officer')).status).toBe(404);
    expect((await get('/rapports/protocole-par-mois.csv?annee=2026', 'duty_officer')).status).toBe(200);
    expect((await get('/rapports/mission-offres.csv?annee=2026', 'residence_officer')).status).toBe(404);
  });

  it('no query string, however odd, gives a 5xx (property)', async () => {
    expect.hasAssertions();
    const key = fc.constantFrom('mois', 'trimestre', 'annee', 'du', 'au', 'x');
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2026-02', '2026-T1', '0000', '9999', '2026-02-30', '1899-12-31', '2999-12-31', '-1', ''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 3 }), fc.constantFrom('/rapports', '/rapports/chiffres-cles.csv'), async (pairs, path) => {
        const query = new URLSearchParams(pairs).toString();
        const res = await get(`${path}?${query}`, 'duty_officer');
        expect([200, 400], `${path}?${query}`).toContain(res.status);
      }),
      { numRuns: 40 }
    );
  });
});

describe('the declarations, downloaded from the reports page by a signed-in browser', () => {
  it('the page links to them under /rapports (the API would want a token), and they are CSV files for an admin and a duty officer', async () => {
    expect.hasAssertions();
    const page = await get('/rapports?mois=2026-11', 'admin');
    expect(page.status).toBe(200);
    const links = [...page.body.matchAll(/href="(\/rapports\/declarations\/[^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
    const lastYear = Number(tonight().slice(0, 4)) - 1;
    expect(links).toEqual(['/rapports/declarations/siao?month=2026-11', '/rapports/declarations/alt?year=2026', `/rapports/declarations/protocole?year=${Math.min(2026, lastYear)}`]);
    expect(page.body).not.toContain('/api/v1/reports/siao');
    for (const role of ['admin', 'duty_officer'] as const) {
      for (const link of links) {
        const res = await get(link, role);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.body.charCodeAt(0)).toBe(0xfeff);
        expect((parse(res.body.slice(1), { delimiter: ';', relax_column_count: true }) as string[][]).length).toBeGreaterThan(1);
      }
    }
  });

  it('are refused to the other roles and to nobody signed in; a bad month or year is a 4xx; an unknown declaration 404', async () => {
    expect.hasAssertions();
    for (const role of ['housing_officer', 'residence_officer', 'partner'] as const) {
      expect((await get('/rapports/declarations/siao?month=2026-11', role)).status).toBe(403);
      expect((await get('/rapports/declarations/protocole?year=2026', role)).status).toBe(403);
    }
    expect((await get('/rapports/declarations/alt?year=2026', null)).status).toBe(303);
    for (const bad of ['/rapports/declarations/siao?month=2026-13', '/rapports/declarations/siao', '/rapports/declarations/alt?year=20x6', '/rapports/declarations/protocole?year=2999', `/rapports/declarations/protocole?year=${tonight().slice(0, 4)}`]) {
      const status = (await get(bad, 'admin')).status;
      expect(status === 400 || status === 422).toBe(true);
    }
    expect((await get('/rapports/declarations/budget?year=2026', 'admin')).status).toBe(404);
  });
});
