// A referral whose referrer contact retention has erased (contact and phone written '') is shown on
// the referral desk without an empty call link: the list and the referral's page say the contact was
// erased instead of linking to nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { eraseReferralRows } from '../../db/queries/retention.ts';
import { startWebApp, EMAILS, type WebApp } from '../e2e/_web.ts';
import { rawRequest, sessionCookie } from '../support/web-sessions.ts';

let web: WebApp;

beforeAll(async () => {
  web = await startWebApp();
});
afterAll(async () => {
  await web?.close();
});

function actor(role: Role): Actor {
  const row = web.db.$client.prepare('SELECT id FROM accounts WHERE email = ?').get(EMAILS[role as keyof typeof EMAILS]) as { id: string };
  return { accountId: row.id, role, organisationId: null };
}

/** Every anchor of the page's markup, with its href when it has one. */
function anchors(html: string): string[] {
  return [...html.replace(/<script[\s\S]*?<\/script>/g, '').matchAll(/<a\b[^>]*>/g)].map((m) => m[0]);
}

describe('a referral whose contact was erased', () => {
  it('the desk and the referral page show no call link to nothing, and say the contact was erased', async () => {
    expect.hasAssertions();
    const referral = createReferral(web.db, actor('duty_officer'), {
      programme: 'emergency',
      urgency: 'immediate',
      requestedStart: tonight(),
      nights: 2,
      household: { adults: 1, children: 0 },
      referrer: { organisation: 'CCAS de Lunel', contact: 'Mme Erasée', phone: '04 67 99 88 77' }
    });
    const cookie = sessionCookie(web.db, 'duty_officer');
    const before = await rawRequest(web.url, 'GET', `/orientations/${referral.id}`, { headers: { cookie } });
    expect(before.body).toContain('href="tel:0467998877"');

    expect(eraseReferralRows(web.db, [referral.id], Date.now(), false)).toBe(1);
    for (const path of [`/orientations/${referral.id}`, '/orientations']) {
      const page = await rawRequest(web.url, 'GET', path, { headers: { cookie } });
      expect(page.status, path).toBe(200);
      expect(anchors(page.body).filter((a) => !/\bhref="[^"]+"/.test(a)), path).toEqual([]);
      expect(page.body, path).not.toContain('href="tel:"');
      expect(page.body, path).not.toContain('Mme Erasée');
    }
    const detail = await rawRequest(web.url, 'GET', `/orientations/${referral.id}`, { headers: { cookie } });
    expect(detail.body).toContain('effacé');
  });
});
