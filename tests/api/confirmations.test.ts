// Irreversible taps confirm, over real HTTP on the demo: the first post of a no-show, a signed lease
// or a unit taken out of service only answers with the confirmation panel and changes nothing;
// the second post, carrying confirm=1, makes the move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, EMAILS, type WebApp } from '../e2e/_web.ts';
import { postForm, sessionCookie } from '../support/web-sessions.ts';
import { matchesForOffer } from '../../src/services/mission/matching.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import type { Actor } from '../../src/services/actor.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { confirmedStayTonight } from '../support/stay-tonight.ts';

let web: WebApp;

beforeAll(async () => {
  web = await startWebApp();
});
afterAll(async () => {
  await web?.close();
});

function one<T>(sql: string, ...args: unknown[]): T {
  return web.db.$client.prepare(sql).get(...args) as T;
}
function all<T>(sql: string, ...args: unknown[]): T[] {
  return web.db.$client.prepare(sql).all(...args) as T[];
}
function actor(role: Role): Actor {
  return { accountId: one<{ id: string }>('SELECT id FROM accounts WHERE email = ?', EMAILS[role as keyof typeof EMAILS]).id, role, organisationId: null };
}
/** The page's visible text, without the data it carries for hydration. */
function text(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}
function auditCount(): number {
  return one<{ n: number }>('SELECT count(*) AS n FROM audit_entries').n;
}

describe('taking a unit out of service is confirmed first', () => {
  it('the first post asks and changes nothing; the confirmed one takes it out of service', async () => {
    expect.hasAssertions();
    const unit = one<{ id: string; name: string }>(
      `SELECT id, name FROM units WHERE active = 1 AND id NOT IN (SELECT unit_id FROM stays WHERE status IN ('hold', 'confirmed', 'in_place')) ORDER BY name LIMIT 1`
    );
    const cookie = sessionCookie(web.db, 'admin');
    const before = auditCount();
    const asked = await postForm(web.url, '/admin/sites?/service', { unitId: unit.id, active: '0' }, cookie);
    expect(asked.status).toBe(200);
    expect(text(asked.body)).toContain(`Confirmer : retirer « ${unit.name} » du service ?`);
    expect(one<{ active: number }>('SELECT active FROM units WHERE id = ?', unit.id).active).toBe(1);
    expect(auditCount()).toBe(before);
    const done = await postForm(web.url, '/admin/sites?/service', { unitId: unit.id, active: '0', confirm: '1' }, cookie);
    expect(done.status).toBe(200);
    expect(text(done.body)).toContain('Logement retiré du service.');
    expect(one<{ active: number }>('SELECT active FROM units WHERE id = ?', unit.id).active).toBe(0);
    // Putting it back in service is not irreversible: no question.
    const back = await postForm(web.url, '/admin/sites?/service', { unitId: unit.id, active: '1' }, cookie);
    expect(back.status).toBe(200);
    expect(one<{ active: number }>('SELECT active FROM units WHERE id = ?', unit.id).active).toBe(1);
  });
});

describe('a signed lease is confirmed first', () => {
  it('the first post asks (saying the other proposals close) and changes nothing; the confirmed one lets the offer', async () => {
    expect.hasAssertions();
    // The demo's proposal at the visit is accepted; its offer is proposed to a second applicant too.
    const officer = actor('housing_officer');
    const first = one<{ id: string; offer_id: string }>(`SELECT p.id, p.offer_id FROM proposals p JOIN offers o ON o.id = p.offer_id WHERE p.status = 'visit' AND o.status = 'open' LIMIT 1`);
    moveProposal(web.db, officer, first.id, 'accepted');
    const taken = new Set(all<{ applicant_id: string }>('SELECT applicant_id FROM proposals WHERE offer_id = ?', first.offer_id).map((x) => x.applicant_id));
    const other = matchesForOffer(web.db, officer, first.offer_id).matches.find((x) => !taken.has(x.applicant.id));
    const second = propose(web.db, officer, first.offer_id, other!.applicant.id);
    const cookie = sessionCookie(web.db, 'housing_officer');
    const path = `/mission/offres/${first.offer_id}?/move`;
    const before = auditCount();
    const asked = await postForm(web.url, path, { proposalId: first.id, to: 'lease_signed', reason: '' }, cookie);
    expect(asked.status).toBe(200);
    expect(text(asked.body)).toMatch(/Confirmer : bail signé avec .+ \?/);
    expect(text(asked.body)).toContain('L’offre sera louée et l’autre proposition en cours sera close.');
    expect(one<{ status: string }>('SELECT status FROM proposals WHERE id = ?', first.id).status).toBe('accepted');
    expect(one<{ status: string }>('SELECT status FROM proposals WHERE id = ?', second.id).status).toBe('proposed');
    expect(one<{ status: string }>('SELECT status FROM offers WHERE id = ?', first.offer_id).status).toBe('open');
    expect(auditCount()).toBe(before);
    const done = await postForm(web.url, path, { proposalId: first.id, to: 'lease_signed', reason: '', confirm: '1' }, cookie);
    expect({ status: done.status, location: done.headers.location }).toEqual({ status: 303, location: `/mission/offres/${first.offer_id}?fait=lease_signed#prop-${first.id}` });
    expect(one<{ status: string }>('SELECT status FROM proposals WHERE id = ?', first.id).status).toBe('lease_signed');
    expect(one<{ status: string }>('SELECT status FROM proposals WHERE id = ?', second.id).status).toBe('closed');
    expect(one<{ status: string }>('SELECT status FROM offers WHERE id = ?', first.offer_id).status).toBe('let');
  });

  it('the other moves of a proposal are not asked', async () => {
    expect.hasAssertions();
    const p = one<{ id: string; offer_id: string }>(`SELECT p.id, p.offer_id FROM proposals p JOIN offers o ON o.id = p.offer_id WHERE p.status = 'proposed' AND o.status = 'open' LIMIT 1`);
    const res = await postForm(web.url, `/mission/offres/${p.offer_id}?/move`, { proposalId: p.id, to: 'visit', reason: '' }, sessionCookie(web.db, 'housing_officer'));
    expect(res.status).toBe(303);
    expect(one<{ status: string }>('SELECT status FROM proposals WHERE id = ?', p.id).status).toBe('visit');
  });
});

describe('a no-show is confirmed first', () => {
  it('the first post asks and changes nothing; the confirmed one records the no-show', async () => {
    expect.hasAssertions();
    const stay = { id: confirmedStayTonight(web.db, 'Famille Absente-Http') };
    const cookie = sessionCookie(web.db, 'duty_officer');
    const before = auditCount();
    const asked = await postForm(web.url, `/sejours/${stay.id}?/act`, { action: 'no-show' }, cookie);
    expect(asked.status).toBe(200);
    expect(text(asked.body)).toMatch(/Confirmer : déclarer « .+ » non venu \?/);
    expect(one<{ status: string }>('SELECT status FROM stays WHERE id = ?', stay.id).status).toBe('confirmed');
    expect(auditCount()).toBe(before);
    const done = await postForm(web.url, `/sejours/${stay.id}?/act`, { action: 'no-show', confirm: '1' }, cookie);
    expect({ status: done.status, location: done.headers.location }).toEqual({ status: 303, location: `/sejours/${stay.id}?fait=no-show` });
    expect(one<{ status: string }>('SELECT status FROM stays WHERE id = ?', stay.id).status).toBe('no_show');
  });
});
