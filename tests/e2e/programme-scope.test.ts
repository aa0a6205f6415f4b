// The pages over HTTP, signed in with a real session on the demo territory (no browser needed):
// a housing officer sees nothing of DV or emergency stays, households and referrals (/sejours,
// /planning, /menages, /orientations, their form actions); only those who decide referrals place
// for one (/placer, /orientations/<id>/placer); a partner's /disponibilites totals filtered by
// persons count only the listed units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as devalue from 'devalue';
import { createReferral } from '../../src/services/referrals.ts';
import { tonight } from '../../src/services/clock.ts';
import { addDays } from '../../src/domain/dates.ts';
import { sessionCookie } from '../support/web-sessions.ts';
import { EMAILS, startWebApp, type WebApp } from './_web.ts';

let web: WebApp;
const cookies: Partial<Record<keyof typeof EMAILS, string>> = {};

beforeAll(async () => {
  web = await startWebApp();
  for (const role of Object.keys(EMAILS) as (keyof typeof EMAILS)[]) cookies[role] = sessionCookie(web.db, role);
});
afterAll(async () => {
  await web?.close();
});

function get(role: keyof typeof EMAILS, path: string): Promise<Response> {
  return fetch(`${web.url}${path}`, { headers: { cookie: cookies[role]! }, redirect: 'manual' });
}
/** Posts a form action as `use:enhance` does; resolves to the action's outcome ({type, status}). */
async function post(role: keyof typeof EMAILS, path: string, fields: Record<string, string>): Promise<{ type: string; status: number }> {
  const res = await fetch(`${web.url}${path}`, {
    method: 'POST',
    headers: { cookie: cookies[role]!, origin: web.url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual'
  });
  return (await res.json()) as { type: string; status: number };
}

interface Row {
  id: string;
  householdId: string;
  pseudonym: string;
  label: string;
  note: string | null;
  programme: string;
  unitId: string;
  start: string;
  end: string;
}
function stays(programme: string): Row[] {
  return web.db.$client
    .prepare(
      `SELECT s.id, s.household_id AS householdId, h.pseudonym, h.label, s.note, s.programme, s.unit_id AS unitId, s.start_date AS start, s.end_date AS "end"
         FROM stays s JOIN households h ON h.id = s.household_id
        WHERE s.programme = ? AND s.status IN ('hold','confirmed','in_place') ORDER BY s.start_date`
    )
    .all(programme) as Row[];
}
function row(table: string, id: string): unknown {
  return web.db.$client.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id);
}
function referral(programme: 'dv_protocol' | 'social_residence'): string {
  const partner = web.db.$client.prepare(`SELECT id, organisation_id AS organisationId FROM accounts WHERE role = 'partner' LIMIT 1`).get() as { id: string; organisationId: string };
  return createReferral(web.db, { accountId: partner.id, role: 'partner', organisationId: partner.organisationId }, {
    programme,
    urgency: 'immediate',
    requestedStart: tonight(),
    nights: 2,
    household: { adults: 1, children: 1 },
    referrer: { contact: 'Adjudant Roux', phone: '17' }
  }).id;
}

describe('a housing officer on the pages', () => {
  it('/sejours/<id> of a DV stay is 404, without its practical note; its own stays open', async () => {
    expect.hasAssertions();
    const dv = stays('dv_protocol').find((s) => s.note);
    expect(dv).toBeDefined();
    const res = await get('housing_officer', `/sejours/${dv!.id}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain(dv!.note!.slice(0, 30));
    expect(html).not.toContain(dv!.pseudonym);
    expect((await get('duty_officer', `/sejours/${dv!.id}`)).status).toBe(200);
    const own = stays('social_residence')[0];
    expect((await get('housing_officer', `/sejours/${own.id}`)).status).toBe(200);
  });

  it('the stay actions on a DV stay (note, act, end) are 404 and change nothing', async () => {
    expect.hasAssertions();
    const dv = stays('dv_protocol')[0];
    const before = row('stays', dv.id);
    for (const [action, fields] of [
      ['note', { note: 'clé sous le paillasson' }],
      ['act', { action: 'cancel' }],
      ['end', { end: addDays(dv.end, 1) }]
    ] as const) {
      expect(await post('housing_officer', `/sejours/${dv.id}?/${action}`, fields), action).toMatchObject({ type: 'failure', status: 404 });
    }
    expect(row('stays', dv.id)).toEqual(before);
  });

  it('/planning shows DV and emergency stays as occupied: no pseudonym, no link to them', async () => {
    expect.hasAssertions();
    const html = await (await get('housing_officer', '/planning')).text();
    const hidden = [...stays('dv_protocol'), ...stays('emergency')];
    expect(hidden.length).toBeGreaterThan(0);
    for (const s of hidden) {
      expect(html).not.toContain(`/sejours/${s.id}`);
      expect(html).not.toContain(s.id);
    }
    for (const s of stays('dv_protocol')) expect(html).not.toContain(s.pseudonym);
    expect(html).toContain('occupé');
    // The duty officer's planning links them.
    expect(await (await get('duty_officer', '/planning')).text()).toContain(`/sejours/${hidden[0].id}`);
  });

  it('/menages does not list a household known only under DV or emergency, and its record is 404', async () => {
    expect.hasAssertions();
    const onlyHidden = web.db.$client
      .prepare(
        `SELECT h.id, h.pseudonym FROM households h
          WHERE NOT EXISTS (SELECT 1 FROM stays s WHERE s.household_id = h.id AND s.programme IN ('social_residence','housing_mission'))
            AND NOT EXISTS (SELECT 1 FROM applicants a WHERE a.household_id = h.id)
            AND NOT EXISTS (SELECT 1 FROM residence_applications r WHERE r.household_id = h.id)`
      )
      .all() as { id: string; pseudonym: string }[];
    expect(onlyHidden.length).toBeGreaterThan(0);
    const list = await (await get('housing_officer', '/menages')).text();
    for (const h of onlyHidden) {
      expect(list).not.toContain(h.id);
      expect((await get('housing_officer', `/menages/${h.id}`)).status).toBe(404);
      const search = await (await get('housing_officer', `/menages?q=${encodeURIComponent(h.pseudonym)}`)).text();
      expect(search).not.toContain(h.id);
    }
    expect((await get('duty_officer', `/menages/${onlyHidden[0].id}`)).status).toBe(200);
  });

  it('/orientations lists no DV referral and /orientations/<id> is 404; its decision form too', async () => {
    expect.hasAssertions();
    const dv = referral('dv_protocol');
    const residence = referral('social_residence');
    const list = await (await get('housing_officer', '/orientations')).text();
    expect(list).not.toContain(dv);
    expect(list).toContain(residence);
    expect((await get('housing_officer', `/orientations/${dv}`)).status).toBe(404);
    expect((await get('housing_officer', `/orientations/${dv}/placer`)).status).toBe(404);
    const before = row('referrals', dv);
    expect(await post('housing_officer', `/orientations/${dv}?/decide`, { outcome: 'accepted' })).toMatchObject({ type: 'failure', status: 404 });
    expect(row('referrals', dv)).toEqual(before);
    expect(await (await get('duty_officer', '/orientations')).text()).toContain(dv);
  });
});

describe('placing for a referral from the pages', () => {
  it("/placer?/hold: a housing officer's social_residence hold cannot carry a DV referral (403), the referral unchanged", async () => {
    expect.hasAssertions();
    const dv = referral('dv_protocol');
    const before = row('referrals', dv);
    const count = () => (web.db.$client.prepare('SELECT count(*) AS n FROM stays').get() as { n: number }).n;
    const stayCount = count();
    const unit = web.db.$client.prepare(`SELECT id FROM units WHERE programmes LIKE '%social_residence%' AND active = 1 ORDER BY seq DESC LIMIT 1`).get() as { id: string };
    const start = addDays(tonight(), 200);
    const res = await post('housing_officer', '/placer?/hold', {
      unitId: unit.id,
      label: 'M. Test',
      adults: '1',
      children: '0',
      start,
      end: addDays(start, 2),
      programme: 'social_residence',
      referralId: dv
    });
    expect(res).toMatchObject({ type: 'failure', status: 403 });
    expect(row('referrals', dv)).toEqual(before);
    expect(count()).toBe(stayCount);
  });

  it('/orientations/<id>/placer?/place: a social_residence referral is refused (422) by the protocol path, and stays as it was', async () => {
    expect.hasAssertions();
    const residence = referral('social_residence');
    const before = row('referrals', residence);
    const hotel = web.db.$client.prepare(`SELECT u.id FROM units u JOIN sites s ON s.id = u.site_id WHERE s.kind = 'hotel' LIMIT 1`).get() as { id: string };
    const res = await post('duty_officer', `/orientations/${residence}/placer?/place`, {
      hotelUnitId: hotel.id,
      label: 'Mme Test',
      adults: '1',
      children: '0',
      start: addDays(tonight(), 250)
    });
    expect(res).toMatchObject({ type: 'failure', status: 422 });
    expect(row('referrals', residence)).toEqual(before);
  });
});

describe("a partner's /disponibilites", () => {
  it('filtered by persons, the totals count only the units listed (no confidential site to subtract)', async () => {
    expect.hasAssertions();
    for (const persons of [1, 2, 3, 4, 5]) {
      const res = await get('partner', `/disponibilites/__data.json?personnes=${persons}`);
      expect(res.status).toBe(200);
      const payload = (await res.json()) as { nodes: ({ type: string; data: unknown } | null)[] };
      const node = payload.nodes.find((n) => n?.type === 'data' && JSON.stringify(n.data).includes('communes') && JSON.stringify(n.data).includes('rows'));
      const data = devalue.unflatten(node!.data as never) as {
        programmes: string[];
        rows: { date: string; cells: { freePlaces: number; freeUnits: number }[] }[];
        communes: { units: { capacity: number; programmes: string[]; free: { start: string; last: string }[] }[] }[];
        countsConfidential: boolean;
      };
      expect(data.countsConfidential).toBe(false);
      const units = data.communes.flatMap((c) => c.units);
      for (const r of data.rows) {
        data.programmes.forEach((programme, i) => {
          const free = units.filter((u) => u.programmes.includes(programme) && u.free.some((f) => f.start <= r.date && r.date <= f.last));
          expect(r.cells[i], `${persons} persons, ${programme}, ${r.date}`).toEqual({ freeUnits: free.length, freePlaces: free.reduce((n, u) => n + u.capacity, 0) });
        });
      }
    }
  });
});
