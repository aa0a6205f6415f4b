// The stay page's forms over real HTTP on the demo: a hotel stay's extension refused for the limit
// answers with its next step (the apartments that could follow), which one post places, linked to
// the hotel stay; bad input is a 4xx that changes nothing; the page carries its referral (a tel:
// link) and a protocol placement from the referral desk lands on it with a "placed" notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { changeStayLimit } from '../../src/services/admin.ts';
import { placeStay } from '../../src/services/stays.ts';
import { startWebApp, EMAILS, type WebApp } from '../e2e/_web.ts';
import { makeUnit } from '../support/fixtures.ts';
import { postForm, rawRequest, sessionCookie } from '../support/web-sessions.ts';

let web: WebApp;
let hotel: string;
let flat: string;
let serial = 0;
let nextNight = 5;

beforeAll(async () => {
  web = await startWebApp();
  process.env.DATABASE_PATH = web.test.path;
  hotel = makeUnit(web.db, actor('admin'), { name: 'Hôtel du test', capacity: 4, siteKind: 'hotel', programmes: ['emergency', 'dv_protocol'] });
  flat = makeUnit(web.db, actor('admin'), { name: 'Appartement du test', capacity: 4, programmes: ['emergency', 'dv_protocol'] });
});
afterAll(async () => {
  await web?.close();
});

function one<T>(sql: string, ...args: unknown[]): T {
  return web.db.$client.prepare(sql).get(...args) as T;
}
function actor(role: Role): Actor {
  return { accountId: one<{ id: string }>('SELECT id FROM accounts WHERE email = ?', EMAILS[role as keyof typeof EMAILS]).id, role, organisationId: null };
}
/** The page's visible text, without the data it carries for hydration. */
function text(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}
/** Every stay, event and audit entry, to see that a refusal wrote nothing. */
function written(): { stays: number; events: number; audit: number } {
  return {
    stays: one<{ n: number }>('SELECT count(*) AS n FROM stays').n,
    events: one<{ n: number }>('SELECT count(*) AS n FROM stay_events').n,
    audit: one<{ n: number }>("SELECT count(*) AS n FROM audit_entries WHERE action NOT LIKE '%.open'").n
  };
}

type Stay = { id: string; start: string; end: string };

/** A 3-night hotel stay (the limit), on nights of its own, optionally carrying a referral. */
function hotelStay(referralId?: string): Stay {
  const start = addDays(tonight(), nextNight);
  nextNight += 200;
  const stay = placeStay(web.db, actor('duty_officer'), { unitId: hotel, start, end: addDays(start, 3), programme: 'emergency', household: { label: `Famille Hôtel ${++serial}`, adults: 1, children: 1 }, referralId }).value;
  return { id: stay.id, start: stay.start, end: stay.end };
}

describe('past the hotel’s limit, the next step', () => {
  it('an extension refused for the limit answers 422 with the apartments free from the hotel’s end; one post places the stay that follows', async () => {
    expect.hasAssertions();
    const stay = hotelStay();
    const cookie = sessionCookie(web.db, 'duty_officer');
    const before = written();
    const refused = await postForm(web.url, `/sejours/${stay.id}?/end`, { end: addDays(stay.end, 4), overrideReason: '' }, cookie);
    expect(refused.status).toBe(422);
    expect(written()).toEqual(before);
    const page = text(refused.body);
    expect(page).toContain('Cette durée dépasse la limite du dispositif sur ce type de site.');
    expect(page).toContain('Étape suivante : un appartement');
    expect(page).toContain('Appartement du test');
    // The nights wanted: from the hotel's last morning to the departure asked for.
    expect(refused.body).toContain(`name="end" value="${addDays(stay.end, 4)}"`);

    const placed = await postForm(web.url, `/sejours/${stay.id}?/following`, { unitId: flat, end: addDays(stay.end, 4), key: `tap-${serial}` }, cookie);
    expect(placed.status).toBe(303);
    const next = one<{ id: string; start_date: string; end_date: string; previous_stay_id: string; household_id: string }>('SELECT * FROM stays WHERE previous_stay_id = ?', stay.id);
    expect(placed.headers.location).toBe(`/sejours/${next.id}?fait=following`);
    expect({ start: next.start_date, end: next.end_date }).toEqual({ start: stay.end, end: addDays(stay.end, 4) });
    expect(next.household_id).toBe(one<{ household_id: string }>('SELECT household_id FROM stays WHERE id = ?', stay.id).household_id);
    // The new stay's page: the notice, and the link back to the hotel stay.
    const shown = await rawRequest(web.url, 'GET', `/sejours/${next.id}?fait=following`, { headers: { cookie } });
    expect(text(shown.body)).toContain('Suite placée');
    expect(shown.body).toContain(`href="/sejours/${stay.id}"`);
  });

  it('a hotel stay at its limit offers the next step on its page at once; another stay does not', async () => {
    expect.hasAssertions();
    const stay = hotelStay();
    const cookie = sessionCookie(web.db, 'duty_officer');
    const page = await rawRequest(web.url, 'GET', `/sejours/${stay.id}`, { headers: { cookie } });
    expect(text(page.body)).toContain('Étape suivante : un appartement');
    expect(text(page.body)).toContain('3 nuits au plus');
    const start = addDays(tonight(), nextNight);
    nextNight += 10;
    const plain = placeStay(web.db, actor('duty_officer'), { unitId: flat, start, end: addDays(start, 3), programme: 'emergency', household: { label: 'Famille Appartement', adults: 1, children: 0 } }).value;
    const other = await rawRequest(web.url, 'GET', `/sejours/${plain.id}`, { headers: { cookie } });
    expect(text(other.body)).not.toContain('Étape suivante');
  });

  it.each([
    ['no unit chosen', 400, (s: Stay) => ({ end: addDays(s.end, 2) })],
    ['a departure that is not a date', 400, () => ({ unitId: flat, end: '31/12/2026' })],
    ['a departure on no calendar day', 422, () => ({ unitId: flat, end: '2026-02-31' })],
    ['a departure before the apartment’s first night', 422, (s: Stay) => ({ unitId: flat, end: addDays(s.end, -1) })],
    ['a hotel room', 422, (s: Stay) => ({ unitId: hotel, end: addDays(s.end, 2) })],
    ['a unit that does not exist', 404, (s: Stay) => ({ unitId: 'no-such-unit', end: addDays(s.end, 2) })],
    ['past the apartment limit', 422, (s: Stay) => ({ unitId: flat, end: addDays(s.end, 93) })]
  ] as const)('the next step with %s: %i, and nothing written', async (_what, status, form) => {
    expect.hasAssertions();
    const stay = hotelStay();
    const given = form(stay);
    const before = written();
    const res = await postForm(web.url, `/sejours/${stay.id}?/following`, given, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(status);
    expect(written()).toEqual(before);
  });

  it('the apartment taken meanwhile: 409, nothing written, and the choice offered again as it is now', async () => {
    expect.hasAssertions();
    const stay = hotelStay();
    placeStay(web.db, actor('admin'), { unitId: flat, start: addDays(stay.end, 1), end: addDays(stay.end, 2), programme: 'emergency', household: { label: 'Arrivée entre-temps', adults: 1, children: 0 } });
    const before = written();
    const res = await postForm(web.url, `/sejours/${stay.id}?/following`, { unitId: flat, end: addDays(stay.end, 4) }, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(409);
    expect(written()).toEqual(before);
    expect(text(res.body)).toContain('Impossible : ces nuits sont déjà prises sur ce logement.');
  });

  it('an admin extends anyway with a recorded reason', async () => {
    expect.hasAssertions();
    const stay = hotelStay();
    const res = await postForm(web.url, `/sejours/${stay.id}?/end`, { end: addDays(stay.end, 1), overrideReason: 'Appartement libre demain' }, sessionCookie(web.db, 'admin'));
    expect(res.status).toBe(303);
    expect(one<{ end_date: string; override_reason: string }>('SELECT end_date, override_reason FROM stays WHERE id = ?', stay.id)).toEqual({ end_date: addDays(stay.end, 1), override_reason: 'Appartement libre demain' });
  });
});

describe('the stay page carries its referral', () => {
  it('who referred, a tel: link to their phone, the status and a link to the referral; not for a role that may not see the stay', async () => {
    expect.hasAssertions();
    const referral = createReferral(web.db, actor('duty_officer'), {
      programme: 'emergency',
      urgency: 'immediate',
      requestedStart: tonight(),
      nights: 3,
      household: { adults: 1, children: 1 },
      referrer: { organisation: 'CCAS de Lunel', contact: 'Mme Roux', phone: '04 67 11 22 33' }
    });
    const stay = hotelStay(referral.id);
    const page = await rawRequest(web.url, 'GET', `/sejours/${stay.id}`, { headers: { cookie: sessionCookie(web.db, 'duty_officer') } });
    expect(page.body).toContain('href="tel:0467112233"');
    expect(text(page.body)).toContain('CCAS de Lunel');
    expect(text(page.body)).toContain('Mme Roux');
    expect(page.body).toContain(`href="/orientations/${referral.id}"`);
    const officer = await rawRequest(web.url, 'GET', `/sejours/${stay.id}`, { headers: { cookie: sessionCookie(web.db, 'housing_officer') } });
    expect(officer.status).toBe(404);
    expect(officer.body).not.toContain('0467112233');
  });

  it('a protocol placement from the referral desk lands on the stay page with the "placed" notice', async () => {
    expect.hasAssertions();
    const referral = createReferral(web.db, actor('duty_officer'), {
      programme: 'dv_protocol',
      urgency: 'immediate',
      requestedStart: addDays(tonight(), nextNight),
      nights: 3,
      household: { adults: 1, children: 1 },
      referrer: { organisation: 'Gendarmerie', contact: 'Adj. Martin', phone: '17' }
    });
    const cookie = sessionCookie(web.db, 'duty_officer');
    const res = await postForm(web.url, `/orientations/${referral.id}/placer?/place`, { hotelUnitId: hotel, start: addDays(tonight(), nextNight), label: 'Mme Protocole', adults: '1', children: '1', budgetOverrideReason: 'Test' }, cookie);
    nextNight += 10;
    expect(res.status).toBe(303);
    const stayId = one<{ id: string }>('SELECT id FROM stays WHERE referral_id = ?', referral.id).id;
    expect(res.headers.location).toBe(`/sejours/${stayId}?fait=placed`);
    const page = await rawRequest(web.url, 'GET', res.headers.location as string, { headers: { cookie } });
    expect(text(page.body)).toContain('Ménage placé : l’orientation est marquée « placée ».');
  });
});

describe('the hotel’s limit is said where a hotel room is offered', () => {
  it('on /placer’s hotel options and the protocol path’s hotel rooms, from the limits’ data; never on a stay no hotel can hold', async () => {
    expect.hasAssertions();
    const cookie = sessionCookie(web.db, 'duty_officer');
    const search = (nights: number) => rawRequest(web.url, 'GET', `/placer?start=${addDays(tonight(), 3000)}&nights=${nights}&adults=1&children=0&programme=emergency`, { headers: { cookie } });
    expect(text((await search(2)).body)).toContain('3 nuits au plus');
    expect(text((await search(5)).body)).not.toContain('nuits au plus');
    changeStayLimit(web.db, actor('admin'), { programme: 'emergency', siteKind: 'hotel', maxNights: 4 });
    changeStayLimit(web.db, actor('admin'), { programme: 'dv_protocol', siteKind: 'hotel', maxNights: 4 });
    try {
      expect(text((await search(2)).body)).toContain('4 nuits au plus');
      const referral = createReferral(web.db, actor('duty_officer'), {
        programme: 'dv_protocol',
        urgency: 'immediate',
        requestedStart: addDays(tonight(), 3000),
        nights: 3,
        household: { adults: 1, children: 0 },
        referrer: { organisation: 'Gendarmerie', contact: 'Adj. Martin', phone: '17' }
      });
      expect(text((await rawRequest(web.url, 'GET', `/orientations/${referral.id}/placer`, { headers: { cookie } })).body)).toContain('4 nuits au plus');
    } finally {
      changeStayLimit(web.db, actor('admin'), { programme: 'emergency', siteKind: 'hotel', maxNights: 3 });
      changeStayLimit(web.db, actor('admin'), { programme: 'dv_protocol', siteKind: 'hotel', maxNights: 3 });
    }
  });
});
