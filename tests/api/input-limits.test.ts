// Each limit on what people type is one rule: the same value is refused by the JSON API and by
// the page's form action (posted over real HTTP, as a browser without JavaScript would), and the
// value at the limit is accepted by both. Rows: adults and children (20), a reason (500), a note
// (500), a stay's note (2,000), a referral's requested start (from tonight's night on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import type { Actor } from '../../src/services/actor.ts';
import { tonight } from '../../src/services/clock.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { placeStay } from '../../src/services/stays.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { bearer, makeAccounts, makeUnit, type RoleToken } from '../support/fixtures.ts';
import { postForm, sessionCookie, type FormFields } from '../support/web-sessions.ts';

let web: WebApp;
let tokens: Record<Role, RoleToken>;
let cookies: Record<'admin' | 'duty_officer' | 'partner', string>;
let admin: Actor;
let serial = 0;

beforeAll(async () => {
  web = await startWebApp();
  process.env.DATABASE_PATH = web.test.path;
  tokens = makeAccounts(web.db);
  admin = tokens.admin.actor;
  cookies = { admin: sessionCookie(web.db, 'admin'), duty_officer: sessionCookie(web.db, 'duty_officer'), partner: sessionCookie(web.db, 'partner') };
});
afterAll(async () => {
  await web?.close();
});

const chars = (n: number) => 'x'.repeat(n);
const count = (table: string) => (web.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** Every row of the tables a refused input could have written, to compare before and after. */
const state = () => ['stays', 'households', 'blocks', 'referrals', 'stay_events', 'audit_entries', 'unmet_demands'].map((t) => `${t}:${count(t)}`).join(' ');

/** A fresh emergency unit of its own (nothing else books it) and a free range on it. */
function freshUnit(): { unitId: string; start: string; end: string } {
  const unitId = makeUnit(web.db, admin, { name: `Limite ${++serial}`, programmes: ['emergency'], capacity: 50 });
  const start = addDays(tonight(), 2);
  return { unitId, start, end: addDays(start, 2) };
}

function newReferral(): string {
  return createReferral(web.db, tokens.partner.actor, {
    programme: 'emergency',
    urgency: 'immediate',
    requestedStart: addDays(tonight(), 1),
    nights: 2,
    household: { adults: 1, children: 0 },
    referrer: { contact: 'Adjudant Martin', phone: '04 67 00 00 17' }
  }).id;
}

function newStay(note?: string): { id: string; end: string } {
  const r = freshUnit();
  const stay = placeStay(web.db, admin, { unitId: r.unitId, start: r.start, end: r.end, programme: 'emergency', status: 'confirmed', household: { label: `Ménage ${++serial}`, adults: 1, children: 0 }, ...(note && { note }) }).value;
  return { id: stay.id, end: stay.end };
}

interface Call {
  api: () => { method: 'POST' | 'PATCH'; url: string; who: Role; body: unknown };
  page: () => { path: string; who: keyof typeof cookies; form: FormFields };
}

interface Row {
  limit: string;
  /** The API's status past the limit: 400 for a shape (the schema), 422 for a rule (the service). */
  apiStatus: 400 | 422;
  /** The value just past the limit: both refuse it. */
  over: Call;
  /** The value at the limit: both accept it (absent when there is no "at the limit" for the row). */
  at?: Call;
}

function referralBody(over: Record<string, unknown> = {}) {
  return { programme: 'emergency', urgency: 'immediate', requestedStart: addDays(tonight(), 1), nights: 2, household: { adults: 1, children: 0 }, referrer: { contact: 'Adjudant Martin', phone: '04 67 00 00 17' }, ...over };
}
function referralForm(over: FormFields = {}): FormFields {
  return { programme: 'emergency', urgency: 'immediate', requestedStart: addDays(tonight(), 1), nights: '2', adults: '1', children: '0', contact: 'Adjudant Martin', phone: '04 67 00 00 17', ...over };
}

function stayBody(household: { adults: number; children: number }) {
  const r = freshUnit();
  return { unitId: r.unitId, start: r.start, end: r.end, programme: 'emergency', household: { label: 'Famille Limite', ...household } };
}
function holdForm(household: { adults: string; children: string }): FormFields {
  const r = freshUnit();
  return { unitId: r.unitId, start: r.start, end: r.end, programme: 'emergency', label: 'Famille Limite', ...household };
}

function blockBody(reason: string) {
  const r = freshUnit();
  return { unitId: r.unitId, start: r.start, end: r.end, reason };
}

function stayNoteBody(note: string) {
  const r = freshUnit();
  return { unitId: r.unitId, start: r.start, end: r.end, programme: 'emergency', household: { label: 'Famille Note', adults: 1, children: 0 }, note };
}

const ROWS: readonly Row[] = [
  {
    limit: "a stay's note ≤ 2,000 characters",
    apiStatus: 400,
    over: {
      api: () => ({ method: 'POST', url: '/api/v1/stays', who: 'duty_officer', body: stayNoteBody(chars(2001)) }),
      page: () => ({ path: `/sejours/${newStay().id}?/note`, who: 'duty_officer', form: { note: chars(2001) } })
    },
    at: {
      api: () => ({ method: 'POST', url: '/api/v1/stays', who: 'duty_officer', body: stayNoteBody(chars(2000)) }),
      page: () => ({ path: `/sejours/${newStay().id}?/note`, who: 'duty_officer', form: { note: chars(2000) } })
    }
  },
  {
    limit: 'adults ≤ 20',
    apiStatus: 400,
    over: {
      api: () => ({ method: 'POST', url: '/api/v1/stays', who: 'duty_officer', body: stayBody({ adults: 21, children: 0 }) }),
      page: () => ({ path: '/placer?/hold', who: 'duty_officer', form: holdForm({ adults: '21', children: '0' }) })
    },
    at: {
      api: () => ({ method: 'POST', url: '/api/v1/stays', who: 'duty_officer', body: stayBody({ adults: 20, children: 0 }) }),
      page: () => ({ path: '/placer?/hold', who: 'duty_officer', form: holdForm({ adults: '20', children: '0' }) })
    }
  },
  {
    limit: 'children ≤ 20',
    apiStatus: 400,
    over: {
      api: () => ({ method: 'POST', url: '/api/v1/stays', who: 'duty_officer', body: stayBody({ adults: 1, children: 21 }) }),
      page: () => ({ path: '/placer?/hold', who: 'duty_officer', form: holdForm({ adults: '1', children: '21' }) })
    },
    at: {
      api: () => ({ method: 'POST', url: '/api/v1/stays', who: 'duty_officer', body: stayBody({ adults: 1, children: 20 }) }),
      page: () => ({ path: '/placer?/hold', who: 'duty_officer', form: holdForm({ adults: '1', children: '20' }) })
    }
  },
  {
    limit: 'a block reason ≤ 500 characters',
    apiStatus: 400,
    over: {
      api: () => ({ method: 'POST', url: '/api/v1/blocks', who: 'duty_officer', body: blockBody(chars(501)) }),
      page: () => ({ path: '/planning?/block', who: 'duty_officer', form: blockBody(chars(501)) })
    },
    at: {
      api: () => ({ method: 'POST', url: '/api/v1/blocks', who: 'duty_officer', body: blockBody(chars(500)) }),
      page: () => ({ path: '/planning?/block', who: 'duty_officer', form: blockBody(chars(500)) })
    }
  },
  {
    limit: 'a decision reason ≤ 500 characters',
    apiStatus: 400,
    over: {
      api: () => ({ method: 'POST', url: `/api/v1/referrals/${newReferral()}/decision`, who: 'duty_officer', body: { outcome: 'accepted', reason: chars(501) } }),
      page: () => ({ path: `/orientations/${newReferral()}?/decide`, who: 'duty_officer', form: { outcome: 'accepted', note: chars(501) } })
    },
    at: {
      api: () => ({ method: 'POST', url: `/api/v1/referrals/${newReferral()}/decision`, who: 'duty_officer', body: { outcome: 'accepted', reason: chars(500) } }),
      page: () => ({ path: `/orientations/${newReferral()}?/decide`, who: 'duty_officer', form: { outcome: 'accepted', note: chars(500) } })
    }
  },
  {
    limit: 'an override reason ≤ 500 characters',
    apiStatus: 400,
    over: {
      api: () => {
        const s = newStay();
        return { method: 'PATCH', url: `/api/v1/stays/${s.id}`, who: 'admin', body: { end: addDays(s.end, 1), overrideReason: chars(501) } };
      },
      page: () => {
        const s = newStay();
        return { path: `/sejours/${s.id}?/end`, who: 'admin', form: { end: addDays(s.end, 1), overrideReason: chars(501) } };
      }
    },
    at: {
      api: () => {
        const s = newStay();
        return { method: 'PATCH', url: `/api/v1/stays/${s.id}`, who: 'admin', body: { end: addDays(s.end, 1), overrideReason: chars(500) } };
      },
      page: () => {
        const s = newStay();
        return { path: `/sejours/${s.id}?/end`, who: 'admin', form: { end: addDays(s.end, 1), overrideReason: chars(500) } };
      }
    }
  },
  {
    limit: "a referral's notes ≤ 500 characters",
    apiStatus: 400,
    over: {
      api: () => ({ method: 'POST', url: '/api/v1/referrals', who: 'partner', body: referralBody({ notes: chars(501) }) }),
      page: () => ({ path: '/orientations?/create', who: 'partner', form: referralForm({ notes: chars(501) }) })
    },
    at: {
      api: () => ({ method: 'POST', url: '/api/v1/referrals', who: 'partner', body: referralBody({ notes: chars(500) }) }),
      page: () => ({ path: '/orientations?/create', who: 'partner', form: referralForm({ notes: chars(500) }) })
    }
  },
  {
    limit: "a referral's requested start from tonight's night on",
    apiStatus: 422,
    over: {
      api: () => ({ method: 'POST', url: '/api/v1/referrals', who: 'partner', body: referralBody({ requestedStart: addDays(tonight(), -1) }) }),
      page: () => ({ path: '/orientations?/create', who: 'partner', form: referralForm({ requestedStart: addDays(tonight(), -1) }) })
    },
    at: {
      api: () => ({ method: 'POST', url: '/api/v1/referrals', who: 'partner', body: referralBody({ requestedStart: tonight() }) }),
      page: () => ({ path: '/orientations?/create', who: 'partner', form: referralForm({ requestedStart: tonight() }) })
    }
  }
];

async function callApi(c: Call) {
  const a = c.api();
  return web.app.inject({ method: a.method, url: a.url, headers: bearer(tokens[a.who].token, { 'content-type': 'application/json' }), payload: JSON.stringify(a.body) });
}
async function callPage(c: Call) {
  const p = c.page();
  return postForm(web.url, p.path, p.form, cookies[p.who]);
}

describe('each limit refuses the same value in the API and on the page', () => {
  for (const row of ROWS) {
    it(`${row.limit}: the value past it is refused by both, nothing written`, async () => {
      const api = await callApi(row.over);
      expect(api.statusCode, api.body).toBe(row.apiStatus);
      expect(JSON.parse(api.body).code).toBe('validation');
      const page = await callPage(row.over);
      expect(page.status, page.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
    });
    if (row.at) {
      const at = row.at;
      it(`${row.limit}: the value at it is accepted by both`, async () => {
        const api = await callApi(at);
        expect(api.statusCode, api.body).toBeLessThan(300);
        const page = await callPage(at);
        // A form action that succeeds redirects (303) or answers 200.
        expect([200, 303], page.body.slice(0, 300)).toContain(page.status);
      });
    }
  }
});

describe('past the limit, nothing is written', () => {
  it('a refused value leaves every table as it was, through the API and through the page', async () => {
    for (const row of ROWS) {
      const a = row.over.api();
      const p = row.over.page();
      const before = state();
      const api = await web.app.inject({ method: a.method, url: a.url, headers: bearer(tokens[a.who].token, { 'content-type': 'application/json' }), payload: JSON.stringify(a.body) });
      const page = await postForm(web.url, p.path, p.form, cookies[p.who]);
      expect({ limit: row.limit, api: api.statusCode >= 400, page: page.status >= 400, tables: state() }).toEqual({ limit: row.limit, api: true, page: true, tables: before });
    }
  });
});

describe('the reason of a reveal, a search by name and a lift (pages only: no API route) is at most 500 characters', () => {
  /** A confidential household of its own: placed under the protocol. */
  function confidentialHousehold(): string {
    const r = freshUnit();
    const unitId = makeUnit(web.db, admin, { name: `Protocole ${++serial}`, programmes: ['dv_protocol'] });
    const stay = placeStay(web.db, admin, { unitId, start: r.start, end: r.end, programme: 'dv_protocol', household: { label: `Mme Limite ${serial}`, adults: 1, children: 0 } }).value;
    return (web.db.$client.prepare('SELECT household_id AS id FROM stays WHERE id = ?').get(stay.id) as { id: string }).id;
  }
  const FORMS = [
    { name: 'reveal', post: (reason: string) => ({ path: `/menages/${confidentialHousehold()}?/reveal`, form: { reason } }) },
    { name: 'find by name', post: (reason: string) => ({ path: '/menages?/find', form: { name: 'Mme Personne', reason } }) },
    { name: 'lift', post: (reason: string) => ({ path: `/menages/${confidentialHousehold()}?/lift`, form: { liftReason: reason } }) }
  ];
  for (const f of FORMS) {
    it(`${f.name}: 501 characters refused (nothing written), 500 accepted`, async () => {
      const over = f.post(chars(501));
      // A refused post renders the page again, and opening a confidential record is audited
      // (household.open): what must not be written is the act itself.
      const acts = () => web.db.$client.prepare("SELECT count(*) AS n FROM audit_entries WHERE action IN ('household.reveal', 'household.find', 'household.unconfidential')").get() as { n: number };
      const before = { acts: acts().n, confidential: count('households WHERE confidential = 1') };
      const refused = await postForm(web.url, over.path, over.form, cookies.admin);
      expect(refused.status).toBe(400);
      expect({ acts: acts().n, confidential: count('households WHERE confidential = 1') }).toEqual(before);
      const at = f.post(chars(500));
      const accepted = await postForm(web.url, at.path, at.form, cookies.admin);
      expect(accepted.status).toBe(200);
    });
  }
});
