// The JSON API against its contract (docs/api.md, "Conventions"): every route × every caller, then each route's
// 400 / 404 / 409 / 422 answers, all as application/problem+json; what each role may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { revokeApiToken } from '../../db/queries/accounts.ts';
import { buildApp } from '../../src/http/app.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { setClock } from '../../src/services/clock.ts';
import { settings } from '../../src/services/config.ts';
import { createSite } from '../../src/services/sites.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { createReferral } from '../../src/services/referrals.ts';
import { createApplication } from '../../src/services/residence/applications.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { propose } from '../../src/services/mission/proposals.ts';
import { createContract } from '../../src/services/residence/contracts.ts';
import type { ApplicantInput, OfferInput } from '../../src/services/mission/validation.ts';
import type { Programme, Role } from '../../src/domain/programmes.ts';
import { MAX_HOLD_EXTENSIONS } from '../../src/domain/time-limits.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb, type UnitSpec } from '../support/fixtures.ts';
import { insertApplication } from '../support/residence.ts';
import { eachCase, expectProblem, headersFor, makeRevokedToken, send, snapshot, WHO, type Method, type Who } from './_support.ts';

// The service's clock is fixed at 15:00 in Paris on 4 January 2027: tonight's night is 2027-01-04.
const NOW = Date.parse('2027-01-04T15:00:00+01:00');
const TONIGHT = '2027-01-04';

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let revoked: string;
let previousRateLimit: string | undefined;

beforeAll(async () => {
  // The matrix calls every route as the partner, more than the partner's default 120 requests a
  // minute: the limit has its own test (rate-limit.test.ts).
  previousRateLimit = process.env.PARTNER_RATE_LIMIT;
  process.env.PARTNER_RATE_LIMIT = '100000';
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  revoked = makeRevokedToken(t.db);
  app = await buildApp({ db: t.db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
  if (previousRateLimit === undefined) delete process.env.PARTNER_RATE_LIMIT;
  else process.env.PARTNER_RATE_LIMIT = previousRateLimit;
});

const H = (who: Who) => headersFor(who, acc, revoked);
const call = (who: Who, method: Method, url: string, payload?: unknown, extra: Record<string, string> = {}) => send(app, method, url, { ...H(who), ...extra }, payload);
const admin = () => acc.admin.actor;

let seq = 0;
/** A new unit of its own site (so that fixtures never collide). */
function unit(spec: UnitSpec = {}): string {
  return makeUnit(t.db, admin(), { name: `u${++seq}`, programmes: ['social_residence', 'housing_mission'], siteKind: 'residence', capacity: 4, ...spec });
}
const household = (adults = 1, children = 0) => ({ label: `Famille ${++seq}`, adults, children });

/** A stay placed by the service as an admin (social_residence unless told), moved to `status`. */
function stayIn(status: 'hold' | 'confirmed' | 'in_place' | 'cancelled', over: { unitId?: string; start?: string; end?: string; programme?: Programme } = {}): { id: string; unitId: string } {
  const unitId = over.unitId ?? unit();
  const { value } = placeStay(t.db, admin(), {
    unitId,
    start: over.start ?? TONIGHT,
    end: over.end ?? '2027-01-08',
    programme: over.programme ?? 'social_residence',
    household: household(),
    status: status === 'hold' ? 'hold' : 'confirmed'
  });
  if (status === 'in_place') actOnStay(t.db, admin(), value.id, 'check-in');
  if (status === 'cancelled') actOnStay(t.db, admin(), value.id, 'cancel');
  return { id: value.id, unitId };
}

interface Req {
  url: string;
  payload?: unknown;
}
interface RouteSpec {
  name: string;
  method: Method;
  /** Roles that succeed; 'public' routes need no token at all. */
  allowed: readonly Role[] | 'public';
  ok: number;
  /** A request that succeeds for an allowed caller, on fixtures of its own. */
  make: () => Req;
  /** The same route with a malformed body or query. */
  junk: () => Req;
  /** Who calls it in the matrix (WHO unless told: the routes of the social residence add its officer). */
  callers?: readonly Who[];
}

const STAFF_ROLES: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
const EVERY_ROLE: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];
const BAD_JSON = '{"unitId": "x", "start": 2027-01-10';
const stayAction = (path: string, status: 'hold' | 'confirmed' | 'in_place'): RouteSpec => ({
  name: `POST /api/v1/stays/:id/${path}`,
  method: 'POST',
  allowed: STAFF_ROLES,
  ok: 200,
  make: () => ({ url: `/api/v1/stays/${stayIn(status).id}/${path}` }),
  junk: () => ({ url: `/api/v1/stays/no-such-stay/${path}`, payload: BAD_JSON })
});

const ROUTES: RouteSpec[] = [
  { name: 'GET /api/v1/health', method: 'GET', allowed: 'public', ok: 200, make: () => ({ url: '/api/v1/health' }), junk: () => ({ url: '/api/v1/health?x=%ZZ' }) },
  { name: 'GET /api/openapi.json', method: 'GET', allowed: 'public', ok: 200, make: () => ({ url: '/api/openapi.json' }), junk: () => ({ url: '/api/openapi.json?x=1' }) },
  { name: 'GET /api/docs', method: 'GET', allowed: 'public', ok: 200, make: () => ({ url: '/api/docs' }), junk: () => ({ url: '/api/docs?x=1' }) },
  {
    name: 'POST /api/v1/sites',
    method: 'POST',
    allowed: ['admin'],
    ok: 201,
    make: () => ({ url: '/api/v1/sites', payload: { name: `Site ${++seq}`, commune: 'Lunel', confidential: false, address: '2 rue Sadi Carnot' } }),
    junk: () => ({ url: '/api/v1/sites', payload: BAD_JSON })
  },
  {
    name: 'POST /api/v1/units',
    method: 'POST',
    allowed: ['admin'],
    ok: 201,
    make: () => {
      const site = createSite(t.db, admin(), { name: `Site ${++seq}`, commune: 'Lunel', confidential: false, address: '3 rue', kind: 'apartment' });
      return { url: '/api/v1/units', payload: { siteId: site.id, name: `T2 ${seq}`, capacity: 3, programmes: ['emergency'] } };
    },
    junk: () => ({ url: '/api/v1/units', payload: { siteId: 42, capacity: 'three', programmes: 'all' } })
  },
  {
    name: 'PATCH /api/v1/units/:id',
    method: 'PATCH',
    allowed: ['admin'],
    ok: 200,
    make: () => ({ url: `/api/v1/units/${unit({ programmes: ['emergency'], siteKind: 'apartment' })}`, payload: { alt: true } }),
    junk: () => ({ url: `/api/v1/units/${unit()}`, payload: { alt: 'yes' } })
  },
  { name: 'GET /api/v1/units', method: 'GET', allowed: EVERY_ROLE, ok: 200, make: () => ({ url: '/api/v1/units' }), junk: () => ({ url: '/api/v1/units?limit=-1' }) },
  {
    name: 'POST /api/v1/stays',
    method: 'POST',
    allowed: STAFF_ROLES,
    ok: 201,
    make: () => ({ url: '/api/v1/stays', payload: { unitId: unit(), start: '2027-01-10', end: '2027-01-20', programme: 'social_residence', household: household() } }),
    junk: () => ({ url: '/api/v1/stays', payload: BAD_JSON })
  },
  {
    name: 'GET /api/v1/stays',
    method: 'GET',
    allowed: STAFF_ROLES,
    ok: 200,
    make: () => ({ url: '/api/v1/stays?from=2027-01-01&to=2027-02-01' }),
    junk: () => ({ url: '/api/v1/stays?from=yesterday&to=2027-02-30' })
  },
  { name: 'GET /api/v1/stays/:id', method: 'GET', allowed: STAFF_ROLES, ok: 200, make: () => ({ url: `/api/v1/stays/${stayIn('confirmed').id}` }), junk: () => ({ url: '/api/v1/stays/no-such-stay?from=tomorrow' }) },
  {
    name: 'PATCH /api/v1/stays/:id',
    method: 'PATCH',
    allowed: STAFF_ROLES,
    ok: 200,
    make: () => ({ url: `/api/v1/stays/${stayIn('confirmed').id}`, payload: { end: '2027-01-10' } }),
    junk: () => ({ url: `/api/v1/stays/${stayIn('confirmed').id}`, payload: { end: 20270110 } })
  },
  stayAction('confirm', 'hold'),
  stayAction('check-in', 'confirmed'),
  stayAction('check-out', 'in_place'),
  stayAction('cancel', 'confirmed'),
  stayAction('no-show', 'confirmed'),
  stayAction('extend-hold', 'hold'),
  {
    name: 'POST /api/v1/blocks',
    method: 'POST',
    allowed: ['admin', 'duty_officer'],
    ok: 201,
    make: () => ({ url: '/api/v1/blocks', payload: { unitId: unit(), start: '2027-01-10', end: '2027-01-12', reason: 'dégât des eaux' } }),
    junk: () => ({ url: '/api/v1/blocks', payload: BAD_JSON })
  },
  {
    name: 'GET /api/v1/availability',
    method: 'GET',
    allowed: EVERY_ROLE,
    ok: 200,
    make: () => ({ url: '/api/v1/availability?from=2027-01-04&to=2027-01-18' }),
    junk: () => ({ url: '/api/v1/availability?from=2027-13-01&persons=zero&programme=shelter' })
  },
  {
    name: 'POST /api/v1/allocations/suggest',
    method: 'POST',
    allowed: STAFF_ROLES,
    ok: 200,
    make: () => ({ url: '/api/v1/allocations/suggest', payload: { start: '2027-02-01', end: '2027-02-05', persons: 1, programme: 'social_residence' } }),
    junk: () => ({ url: '/api/v1/allocations/suggest', payload: BAD_JSON })
  },
  {
    name: 'POST /api/v1/allocations',
    method: 'POST',
    allowed: STAFF_ROLES,
    ok: 201,
    make: () => {
      unit(); // a free unit of the programme, whatever the earlier cases took
      return { url: '/api/v1/allocations', payload: { start: '2027-03-01', end: '2027-03-05', persons: 2, programme: 'social_residence', household: household(1, 1) } };
    },
    junk: () => ({ url: '/api/v1/allocations', payload: { start: [], end: {}, persons: 'two', programme: 7 } })
  },
  {
    name: 'POST /api/v1/referrals',
    method: 'POST',
    allowed: ['admin', 'duty_officer', 'partner'],
    ok: 201,
    make: () => ({ url: '/api/v1/referrals', payload: referralBody() }),
    junk: () => ({ url: '/api/v1/referrals', payload: BAD_JSON })
  },
  { name: 'GET /api/v1/referrals', method: 'GET', allowed: EVERY_ROLE, ok: 200, make: () => ({ url: '/api/v1/referrals' }), junk: () => ({ url: '/api/v1/referrals?status=lost' }) },
  {
    name: 'GET /api/v1/referrals/:id',
    method: 'GET',
    allowed: EVERY_ROLE,
    ok: 200,
    // A programme every staff role handles: a housing officer gets 404 for a DV referral (below).
    make: () => ({ url: `/api/v1/referrals/${partnerReferral('social_residence')}` }),
    junk: () => ({ url: '/api/v1/referrals/no-such-referral?x=%ZZ' })
  },
  {
    name: 'POST /api/v1/referrals/:id/decision',
    method: 'POST',
    allowed: ['admin', 'duty_officer', 'partner'],
    ok: 200,
    make: () => ({ url: `/api/v1/referrals/${partnerReferral()}/decision`, payload: { outcome: 'withdrawn' } }),
    junk: () => ({ url: `/api/v1/referrals/${partnerReferral()}/decision`, payload: { outcome: 'maybe' } })
  },
  {
    name: 'GET /api/v1/reports/activity',
    method: 'GET',
    allowed: STAFF_ROLES,
    ok: 200,
    make: () => ({ url: '/api/v1/reports/activity?from=2027-01-01&to=2027-02-01' }),
    junk: () => ({ url: '/api/v1/reports/activity?from=yesterday&to=2027-02-30' })
  },
  {
    name: 'GET /api/v1/reports/activity.csv',
    method: 'GET',
    allowed: STAFF_ROLES,
    ok: 200,
    make: () => ({ url: '/api/v1/reports/activity.csv?from=2026-01-01&to=2027-01-01' }),
    junk: () => ({ url: '/api/v1/reports/activity.csv?from=2020-01-01&to=2027-01-01' })
  },
  {
    name: 'GET /api/v1/reports/sections',
    method: 'GET',
    allowed: STAFF_ROLES,
    ok: 200,
    make: () => ({ url: '/api/v1/reports/sections?from=2027-01-01&to=2027-02-01' }),
    junk: () => ({ url: '/api/v1/reports/sections?from=2027-02-01&to=2027-01-01' })
  },
  { name: 'GET /api/v1/protocol/budget', method: 'GET', allowed: STAFF_ROLES, ok: 200, make: () => ({ url: '/api/v1/protocol/budget?year=2027' }), junk: () => ({ url: '/api/v1/protocol/budget?year=last' }) },
  { name: 'GET /api/v1/reports/public', method: 'GET', allowed: EVERY_ROLE, ok: 200, make: () => ({ url: '/api/v1/reports/public?year=2026' }), junk: () => ({ url: '/api/v1/reports/public?year=last' }) },
  { name: 'GET /api/v1/reports/siao', method: 'GET', allowed: ['admin', 'duty_officer'], ok: 200, make: () => ({ url: '/api/v1/reports/siao?month=2026-12' }), junk: () => ({ url: '/api/v1/reports/siao?month=2026-13' }) },
  { name: 'GET /api/v1/reports/alt', method: 'GET', allowed: ['admin', 'duty_officer'], ok: 200, make: () => ({ url: '/api/v1/reports/alt?year=2026' }), junk: () => ({ url: '/api/v1/reports/alt?year=20x6' }) },
  { name: 'GET /api/v1/reports/protocol', method: 'GET', allowed: ['admin', 'duty_officer'], ok: 200, make: () => ({ url: '/api/v1/reports/protocol?year=2026' }), junk: () => ({ url: '/api/v1/reports/protocol?year=' }) },
  {
    name: 'POST /api/v1/protocol/suggest',
    method: 'POST',
    allowed: ['admin', 'duty_officer'],
    ok: 200,
    make: () => ({ url: '/api/v1/protocol/suggest', payload: { start: '2027-06-01', persons: 2 } }),
    junk: () => ({ url: '/api/v1/protocol/suggest', payload: BAD_JSON })
  },
  {
    name: 'POST /api/v1/protocol/placements',
    method: 'POST',
    allowed: ['admin', 'duty_officer'],
    ok: 201,
    make: () => ({
      url: '/api/v1/protocol/placements',
      // A single room: the allocation tests below count on the only dv_protocol unit for two.
      payload: { household: household(1, 0), start: '2027-06-01', hotelUnitId: unit({ siteKind: 'hotel', programmes: ['dv_protocol'], capacity: 1 }) }
    }),
    junk: () => ({ url: '/api/v1/protocol/placements', payload: BAD_JSON })
  },
  {
    name: 'GET /api/v1/households/:id/export',
    method: 'GET',
    allowed: ['admin'],
    ok: 200,
    make: () => ({ url: `/api/v1/households/${householdFx()}/export` }),
    junk: () => ({ url: '/api/v1/households/no-such-household/export?x=%ZZ' })
  },
  {
    name: 'GET /api/v1/households/:id/pathway',
    method: 'GET',
    // The household of a social_residence stay: every staff role handles it, the residence officer included.
    allowed: [...STAFF_ROLES, 'residence_officer'],
    callers: [...WHO, 'residence_officer'],
    ok: 200,
    make: () => ({ url: `/api/v1/households/${householdFx()}/pathway` }),
    junk: () => ({ url: '/api/v1/households/no-such-household/pathway?x=%ZZ' })
  },
  {
    name: 'POST /api/v1/households/:id/merge',
    method: 'POST',
    allowed: ['admin'],
    callers: [...WHO, 'residence_officer'],
    ok: 200,
    make: () => ({ url: `/api/v1/households/${householdFx()}/merge`, payload: { duplicateId: householdFx(), reason: 'même ménage' } }),
    junk: () => ({ url: `/api/v1/households/${householdFx()}/merge`, payload: { duplicateId: 42, reason: [] } })
  },
  ...missionRoutes(),
  ...residenceApplicationRoutes(),
  ...residenceContractRoutes()
];

// The social residence's contracts: residence officers and admins write; housing and duty officers read.
function residenceContractRoutes(): RouteSpec[] {
  const W: readonly Role[] = ['admin', 'residence_officer'];
  const R: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
  const contract = () => createContract(t.db, admin(), contractBody()).value.id;
  const callers: readonly Who[] = WHO;
  return ([
    { name: 'POST /api/v1/residence/contracts', method: 'POST', allowed: W, ok: 201, make: () => ({ url: '/api/v1/residence/contracts', payload: contractBody() }), junk: () => ({ url: '/api/v1/residence/contracts', payload: BAD_JSON }) },
    { name: 'GET /api/v1/residence/contracts/:id', method: 'GET', allowed: R, ok: 200, make: () => ({ url: `/api/v1/residence/contracts/${contract()}` }), junk: () => ({ url: '/api/v1/residence/contracts/no-such-contract?x=%ZZ' }) },
    {
      name: 'POST /api/v1/residence/contracts/:id/amendments',
      method: 'POST',
      allowed: W,
      ok: 201,
      make: () => ({ url: `/api/v1/residence/contracts/${contract()}/amendments`, payload: { from: '2027-07-01', rentCents: 41000 } }),
      junk: () => ({ url: `/api/v1/residence/contracts/${contract()}/amendments`, payload: { from: 20270701 } })
    },
    {
      name: 'GET /api/v1/residence/contracts/:id/statement',
      method: 'GET',
      allowed: R,
      ok: 200,
      make: () => ({ url: `/api/v1/residence/contracts/${contract()}/statement?month=2027-01` }),
      junk: () => ({ url: `/api/v1/residence/contracts/${contract()}/statement?month=2027-13` })
    },
    {
      name: 'POST /api/v1/residence/contracts/:id/payments',
      method: 'POST',
      allowed: W,
      ok: 201,
      make: () => ({ url: `/api/v1/residence/contracts/${contract()}/payments`, payload: { date: TONIGHT, amountCents: 25000, means: 'transfer' } }),
      junk: () => ({ url: `/api/v1/residence/contracts/${contract()}/payments`, payload: { date: 'today', amountCents: '250', means: 'barter' } })
    },
    {
      name: 'POST /api/v1/residence/contracts/:id/departure',
      method: 'POST',
      allowed: W,
      ok: 200,
      make: () => ({ url: `/api/v1/residence/contracts/${contract()}/departure`, payload: { date: '2027-03-01', destination: 'social_housing' } }),
      junk: () => ({ url: `/api/v1/residence/contracts/${contract()}/departure`, payload: { date: '2027-03-01', destination: 'the moon' } })
    }
  ] as RouteSpec[]).map((r) => ({ ...r, callers }));
}

/** A contract's body for an admitted application of its own, on a unit of its own, from 2027-01-10. */
const contractBody = () => ({
  applicationId: insertApplication(t.db, admin().accountId).id,
  unitId: unit({ capacity: 2 }),
  start: '2027-01-10',
  rentCents: 40000,
  chargesCents: 5000,
  depositCents: 40000,
  aplCents: 20000
});

/** A household of its own, placed by the service (social_residence). */
function householdFx(): string {
  const id = stayIn('confirmed').id;
  return t.db.$client.prepare('SELECT household_id FROM stays WHERE id = ?').pluck().get(id) as string;
}

// The social residence's applications and committees: every role files and reads (a partner its own);
// admins and residence officers decide (a partner withdraws its own); staff read the committees.
function residenceApplicationRoutes(): RouteSpec[] {
  const callers: readonly Who[] = WHO;
  const all: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];
  const filed = () => createApplication(t.db, acc.partner.actor, residenceApplicationBody()).value.id;
  return [
    {
      name: 'POST /api/v1/residence/applications',
      method: 'POST',
      allowed: all,
      ok: 201,
      callers,
      make: () => ({ url: '/api/v1/residence/applications', payload: residenceApplicationBody() }),
      junk: () => ({ url: '/api/v1/residence/applications', payload: { ...residenceApplicationBody(), public: 'everyone', monthlyIncomeCents: -1 } })
    },
    { name: 'GET /api/v1/residence/applications', method: 'GET', allowed: all, ok: 200, callers, make: () => ({ url: '/api/v1/residence/applications?status=received' }), junk: () => ({ url: '/api/v1/residence/applications?status=lost' }) },
    { name: 'GET /api/v1/residence/applications/:id', method: 'GET', allowed: all, ok: 200, callers, make: () => ({ url: `/api/v1/residence/applications/${filed()}` }), junk: () => ({ url: '/api/v1/residence/applications/no-such?x=%ZZ' }) },
    {
      name: 'POST /api/v1/residence/applications/:id/decision',
      method: 'POST',
      allowed: ['admin', 'residence_officer', 'partner'],
      ok: 200,
      callers,
      make: () => ({ url: `/api/v1/residence/applications/${filed()}/decision`, payload: { outcome: 'withdrawn' } }),
      junk: () => ({ url: `/api/v1/residence/applications/${filed()}/decision`, payload: { outcome: 'housed', committeeId: 42 } })
    },
    { name: 'GET /api/v1/residence/committees', method: 'GET', allowed: ['admin', 'duty_officer', 'housing_officer', 'residence_officer'], ok: 200, callers, make: () => ({ url: '/api/v1/residence/committees' }), junk: () => ({ url: '/api/v1/residence/committees?x=%ZZ' }) },
    {
      name: 'POST /api/v1/residence/committees',
      method: 'POST',
      allowed: ['admin', 'residence_officer'],
      ok: 201,
      callers,
      make: () => ({ url: '/api/v1/residence/committees', payload: { meetsOn: '2027-01-14', note: 'Direction' } }),
      junk: () => ({ url: '/api/v1/residence/committees', payload: { meetsOn: 'jeudi' } })
    }
  ];
}
const residenceApplicationBody = () => ({
  household: { label: `Demandeur ${++seq}`, adults: 1, children: 0 },
  monthlyIncomeCents: 90000,
  public: 'young_worker' as const,
  referrer: { contact: 'Mme Bernard', phone: '04 67 00 00 00' }
});

// The housing mission (docs/api.md, "The housing mission"): housing officers and admins only.
function missionRoutes(): RouteSpec[] {
  const M: readonly Role[] = ['admin', 'housing_officer'];
  const get = (name: string, url: () => string, junk: string): RouteSpec => ({ name: `GET ${name}`, method: 'GET', allowed: M, ok: 200, make: () => ({ url: url() }), junk: () => ({ url: junk }) });
  const post = (name: string, ok: number, make: () => Req, junk: () => Req): RouteSpec => ({ name: `POST ${name}`, method: 'POST', allowed: M, ok, make, junk });
  return [
    get('/api/v1/landlords', () => '/api/v1/landlords', '/api/v1/landlords?x=%ZZ'),
    post('/api/v1/landlords', 201, () => ({ url: '/api/v1/landlords', payload: { name: `Bailleur ${++seq}`, phone: '0611111111' } }), () => ({ url: '/api/v1/landlords', payload: BAD_JSON })),
    get('/api/v1/landlords/:id', () => `/api/v1/landlords/${landlordFx()}`, '/api/v1/landlords/no-such-landlord?x=%ZZ'),
    get('/api/v1/offers', () => '/api/v1/offers?status=open', '/api/v1/offers?status=lost'),
    post('/api/v1/offers', 201, () => ({ url: '/api/v1/offers', payload: offerBody() }), () => ({ url: '/api/v1/offers', payload: { ...offerBody(), capacity: 'three' } })),
    get('/api/v1/offers/:id', () => `/api/v1/offers/${offerFx()}`, '/api/v1/offers/no-such-offer?x=%ZZ'),
    {
      name: 'PATCH /api/v1/offers/:id',
      method: 'PATCH',
      allowed: M,
      ok: 200,
      make: () => {
        const { landlordId: _l, ...body } = offerBody();
        return { url: `/api/v1/offers/${offerFx()}`, payload: { ...body, rentCents: 47000 } };
      },
      junk: () => ({ url: `/api/v1/offers/${offerFx()}`, payload: { capacity: 'three' } })
    },
    post('/api/v1/offers/:id/open', 200, () => ({ url: `/api/v1/offers/${offerFx()}/open` }), () => ({ url: `/api/v1/offers/${offerFx()}/open`, payload: BAD_JSON })),
    post('/api/v1/offers/:id/withdraw', 200, () => ({ url: `/api/v1/offers/${offerFx()}/withdraw`, payload: { reason: 'vendu' } }), () => ({ url: `/api/v1/offers/${offerFx()}/withdraw`, payload: { reason: 42 } })),
    post('/api/v1/offers/:id/unit', 200, () => ({ url: `/api/v1/offers/${offerFx()}/unit` }), () => ({ url: `/api/v1/offers/${offerFx()}/unit`, payload: BAD_JSON })),
    get('/api/v1/offers/:id/matches', () => `/api/v1/offers/${offerFx()}/matches`, '/api/v1/offers/no-such-offer/matches?x=%ZZ'),
    get('/api/v1/applicants', () => '/api/v1/applicants?waiting=true', '/api/v1/applicants?waiting=maybe'),
    post('/api/v1/applicants', 201, () => ({ url: '/api/v1/applicants', payload: applicantBody() }), () => ({ url: '/api/v1/applicants', payload: { ...applicantBody(), persons: 'two' } })),
    get('/api/v1/applicants/:id', () => `/api/v1/applicants/${applicantFx()}`, '/api/v1/applicants/no-such-applicant?x=%ZZ'),
    {
      name: 'PATCH /api/v1/applicants/:id',
      method: 'PATCH',
      allowed: M,
      ok: 200,
      make: () => ({ url: `/api/v1/applicants/${applicantFx()}`, payload: { ...applicantBody(), persons: 3 } }),
      junk: () => ({ url: `/api/v1/applicants/${applicantFx()}`, payload: { ...applicantBody(), persons: 'three' } })
    },
    get('/api/v1/applicants/:id/matches', () => `/api/v1/applicants/${applicantFx()}/matches`, '/api/v1/applicants/no-such-applicant/matches?x=%ZZ'),
    get('/api/v1/proposals', () => '/api/v1/proposals', '/api/v1/proposals?all=yes&all=no'),
    post('/api/v1/proposals', 201, () => ({ url: '/api/v1/proposals', payload: { offerId: offerFx(true), applicantId: applicantFx() } }), () => ({ url: '/api/v1/proposals', payload: { offerId: 42, applicantId: [] } })),
    get('/api/v1/proposals/refusals', () => '/api/v1/proposals/refusals', '/api/v1/proposals/refusals?x=%ZZ'),
    get('/api/v1/proposals/:id', () => `/api/v1/proposals/${proposalFx()}`, '/api/v1/proposals/no-such-proposal?x=%ZZ'),
    post('/api/v1/proposals/:id/status', 200, () => ({ url: `/api/v1/proposals/${proposalFx()}/status`, payload: { status: 'visit' } }), () => ({ url: `/api/v1/proposals/${proposalFx()}/status`, payload: { status: 'closed' } }))
  ];
}

const missionActor = () => acc.housing_officer.actor;
const landlordFx = () => createLandlord(t.db, missionActor(), { name: `Bailleur ${++seq}` }).id;
/** A period offer of its own landlord (so that it may become a unit with nights). */
const offerBody = (): OfferInput => ({
  landlordId: landlordFx(),
  commune: 'Lunel',
  address: `${++seq} rue Lakanal`,
  typology: 'T2',
  surfaceM2: 45,
  capacity: 3,
  accessible: false,
  rentCents: 50000,
  chargesCents: 4000,
  availableFrom: '2027-02-01',
  availableUntil: '2027-08-01',
  scheme: 'none',
  energyRating: 'D'
});
function offerFx(open = false): string {
  const o = createOffer(t.db, missionActor(), offerBody());
  return open ? openOffer(t.db, missionActor(), o.id).id : o.id;
}
const applicantBody = (): ApplicantInput => ({
  label: `Famille ${++seq}`,
  persons: 2,
  accessibleNeeded: false,
  maxRentCents: 80000,
  yearlyIncomeCents: 1500000,
  communes: ['Lunel'],
  neededFrom: '2027-02-01',
  waitingSince: '2026-10-01',
  situation: 'elsewhere'
});
const applicantFx = () => createApplicant(t.db, missionActor(), applicantBody()).id;
const proposalFx = () => propose(t.db, missionActor(), offerFx(true), applicantFx()).id;

const referralBody = () => ({
  programme: 'dv_protocol',
  urgency: 'immediate',
  requestedStart: '2027-01-05',
  nights: 3,
  household: { adults: 1, children: 1 },
  referrer: { contact: 'Adjudant', phone: '17' }
});
/** A referral sent by the partner of the test accounts (its organisation's own), dv_protocol unless told. */
function partnerReferral(programme = 'dv_protocol'): string {
  return createReferral(t.db, acc.partner.actor, { ...referralBody(), programme } as Parameters<typeof createReferral>[2]).id;
}

function expected(route: RouteSpec, who: Who): number {
  if (route.allowed === 'public') return route.ok;
  if (who === 'none' || who === 'unknown' || who === 'revoked') return 401;
  return route.allowed.includes(who) ? route.ok : 403;
}

const MATRIX = ROUTES.flatMap((route) => (route.callers ?? WHO).map((who) => ({ route, who, status: expected(route, who) })));

describe('every route × every caller (docs/api.md, "Roles" and "Conventions")', () => {
  it('the matrix covers every route of the contract that the API serves', () => {
    expect.hasAssertions();
    const served = new Set<string>();
    const spec = JSON.parse(JSON.stringify(app.swagger())) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(spec.paths)) for (const m of Object.keys(ops)) served.add(`${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    const covered = new Set(ROUTES.map((r) => r.name));
    for (const route of served) if (route.startsWith('GET /api/docs/') === false) expect(covered.has(route), `${route} is served but not in the matrix`).toBe(true);
  });

  eachCase(MATRIX.map((c) => ({ ...c, label: `${c.route.name} as ${c.who} → ${c.status}` })), (c) => c.label, async ({ route, who, status }) => {
    expect.hasAssertions();
    const req = route.make();
    const before = snapshot(t.db);
    const res = await call(who, route.method, req.url, req.payload);
    if (status === 401) expectProblem(res, 401, 'unauthorized');
    else if (status === 403) expectProblem(res, 403, 'forbidden');
    else expect({ status: res.statusCode, body: res.statusCode >= 400 ? res.body : '' }).toEqual({ status, body: '' });
    // A refused caller changes nothing.
    if (status === 401 || status === 403) expect(snapshot(t.db)).toEqual(before);
  });

  const GUARDED = ROUTES.filter((r) => r.allowed !== 'public');
  const forbidden = GUARDED.flatMap((route) =>
    (route.callers ?? WHO).filter((who): who is Role => !['none', 'unknown', 'revoked'].includes(who) && !(route.allowed as readonly Role[]).includes(who as Role)).map((role) => ({ route, role }))
  );
  eachCase(forbidden.map((c) => ({ ...c, label: `${c.route.name}: a ${c.role} sending a malformed request gets 403, not 400 (the role is checked before the body)` })), (c) => c.label, async ({ route, role }) => {
    expect.hasAssertions();
    const req = route.junk();
    expectProblem(await call(role, route.method, req.url, req.payload), 403, 'forbidden');
  });
  eachCase(GUARDED.map((route) => ({ route, label: `${route.name}: a malformed request without a token gets 401, not 400` })), (c) => c.label, async ({ route }) => {
    expect.hasAssertions();
    const req = route.junk();
    expectProblem(await call('none', route.method, req.url, req.payload), 401, 'unauthorized');
    expectProblem(await call('unknown', route.method, req.url, req.payload), 401, 'unauthorized');
  });

  it('a token answers until it is revoked, then 401', async () => {
    expect.hasAssertions();
    const tok = createAccountWithToken(t.db, { name: 'to revoke', role: 'duty_officer' });
    expect((await send(app, 'GET', '/api/v1/units', bearer(tok.token))).statusCode).toBe(200);
    revokeApiToken(t.db, tok.tokenId, NOW);
    expectProblem(await send(app, 'GET', '/api/v1/units', bearer(tok.token)), 401, 'unauthorized');
  });

  it('a stay id longer than 100 characters: 401 without a token, 403 for a partner, 400 or 404 for staff (never 414)', async () => {
    expect.hasAssertions();
    const url = `/api/v1/stays/${'x'.repeat(150)}`;
    expectProblem(await call('none', 'GET', url), 401, 'unauthorized');
    expectProblem(await call('partner', 'POST', `${url}/cancel`), 403, 'forbidden');
    const res = await call('admin', 'GET', url);
    expectProblem(res, res.statusCode === 404 ? 404 : 400, res.statusCode === 404 ? 'not_found' : 'validation');
  });

  it('a malformed percent-escape in the path is a 400 application/problem+json, like every error', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'GET', '/api/v1/stays/%E0%A4%A'), 400, 'validation');
  });

  it('a malformed Authorization header is 401', async () => {
    expect.hasAssertions();
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${acc.admin.token} extra`, acc.admin.token, `Bearer ${'a'.repeat(500)}`]) {
      expectProblem(await send(app, 'GET', '/api/v1/units', { authorization }), 401, 'unauthorized');
    }
  });

  it('GET /api/v1/health answers {"status":"ok"}', async () => {
    expect.hasAssertions();
    const res = await call('none', 'GET', '/api/v1/health');
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('an unknown API route is a 404 problem', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'GET', '/api/v1/nowhere'), 404, 'not_found');
  });
});

// ---------------------------------------------------------------------------------------------
// Per route: the errors of the contract.

describe('POST /api/v1/sites and /api/v1/units', () => {
  it('creates a site (kind apartment by default) and a unit on it', async () => {
    expect.hasAssertions();
    const s = await call('admin', 'POST', '/api/v1/sites', { name: 'Résidence Ulysse', commune: 'Lunel', confidential: true, address: '1 rue X' });
    expect(s.statusCode).toBe(201);
    expect(s.json()).toMatchObject({ name: 'Résidence Ulysse', commune: 'Lunel', confidential: true, address: '1 rue X', kind: 'apartment' });
    const u = await call('admin', 'POST', '/api/v1/units', { siteId: s.json().id, name: 'Studio 1', capacity: 2, programmes: ['social_residence'], accessible: true, nightlyCost: 12.5 });
    expect(u.statusCode).toBe(201);
    expect(u.json()).toMatchObject({ siteId: s.json().id, name: 'Studio 1', capacity: 2, programmes: ['social_residence'], accessible: true });
  });

  eachCase([
    { rule: 'malformed JSON', payload: '{"name": "x",' },
    { rule: 'confidential given as a string', payload: { name: 'S', commune: 'Lunel', confidential: 'yes', address: 'a' } },
    { rule: 'an unknown kind of site', payload: { name: 'S', commune: 'Lunel', confidential: false, address: 'a', kind: 'castle' } },
    { rule: 'a missing address', payload: { name: 'S', commune: 'Lunel', confidential: false } },
    { rule: 'a blank name', payload: { name: '   ', commune: 'Lunel', confidential: false, address: 'a' } }
  ], (c) => `POST /sites: ${c.rule} is 400 validation`, async ({ payload }) => {
    expect.hasAssertions();
    const before = snapshot(t.db);
    expectProblem(await call('admin', 'POST', '/api/v1/sites', payload), 400, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  eachCase([
    { rule: 'an unknown programme', over: { programmes: ['shelter'] } },
    { rule: 'capacity given as a string', over: { capacity: '4' } },
    { rule: 'capacity 0', over: { capacity: 0 } },
    { rule: 'no programme', over: { programmes: [] } },
    { rule: 'a negative nightly cost', over: { nightlyCost: -1 } }
  ], (c) => `POST /units: ${c.rule} is 400 validation`, async ({ over }) => {
    expect.hasAssertions();
    const site = createSite(t.db, admin(), { name: 'S', commune: 'Lunel', confidential: false, address: 'a', kind: 'apartment' });
    const before = snapshot(t.db);
    const res = await call('admin', 'POST', '/api/v1/units', { siteId: site.id, name: 'T1', capacity: 2, programmes: ['emergency'], ...over });
    expectProblem(res, 400, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('POST /units on an unknown site is 404 not_found', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'POST', '/api/v1/units', { siteId: 'no-such-site', name: 'T1', capacity: 2, programmes: ['emergency'] }), 404, 'not_found');
  });
});

describe('POST /api/v1/stays', () => {
  const body = (over: Record<string, unknown> = {}) => ({ unitId: unit({ programmes: ['emergency'], siteKind: 'apartment', capacity: 2 }), start: '2027-01-10', end: '2027-01-14', programme: 'emergency', household: household(), ...over });

  it('places a confirmed stay by default, or a hold when asked, with a household id', async () => {
    expect.hasAssertions();
    const b = body();
    const res = await call('duty_officer', 'POST', '/api/v1/stays', b);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ unitId: b.unitId, start: '2027-01-10', end: '2027-01-14', programme: 'emergency', status: 'confirmed' });
    expect(typeof res.json().householdId).toBe('string');
    const hold = await call('duty_officer', 'POST', '/api/v1/stays', body({ status: 'hold' }));
    expect(hold.json().status).toBe('hold');
  });

  eachCase([
    { rule: 'malformed JSON', payload: BAD_JSON },
    { rule: 'a body that is not an object', payload: '[1, 2, 3]' },
    { rule: 'adults given as a string', over: { household: { label: 'A', adults: '2', children: 0 } } },
    { rule: 'start given as a number', over: { start: 20270110 } },
    { rule: 'a date not written YYYY-MM-DD', over: { start: '10/01/2027' } },
    { rule: 'an unknown programme', over: { programme: 'shelter' } },
    { rule: 'an unknown status', over: { status: 'in_place' } },
    { rule: 'a missing household', over: { household: undefined } },
    { rule: 'negative children', over: { household: { label: 'A', adults: 1, children: -1 } } },
    { rule: 'fractional adults', over: { household: { label: 'A', adults: 1.5, children: 0 } } }
  ], (c) => `${c.rule} is 400 validation, and nothing is written`, async ({ payload, over }) => {
    expect.hasAssertions();
    const request = payload ?? body(over);
    const before = snapshot(t.db);
    expectProblem(await call('admin', 'POST', '/api/v1/stays', request), 400, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('a household of 0 persons is a validation problem (400 or 422), never a 5xx, and writes nothing', async () => {
    expect.hasAssertions();
    const request = body({ household: { label: 'Personne', adults: 0, children: 0 } });
    const before = snapshot(t.db);
    const res = await call('duty_officer', 'POST', '/api/v1/stays', request);
    expectProblem(res, res.statusCode === 422 ? 422 : 400, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('an unknown unit is 404 not_found', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'POST', '/api/v1/stays', body({ unitId: 'no-such-unit' })), 404, 'not_found');
  });

  it('an unknown referral is 404 not_found, and nothing is written', async () => {
    expect.hasAssertions();
    const request = body({ referralId: 'no-such-referral' });
    const before = snapshot(t.db);
    expectProblem(await call('admin', 'POST', '/api/v1/stays', request), 404, 'not_found');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('a range that shares a night with a live stay is 409 overlap, with the whole range of the conflicting stay and nothing about its household', async () => {
    expect.hasAssertions();
    const first = body({ household: { label: 'Famille Secrète', adults: 1, children: 0 } });
    expect((await call('admin', 'POST', '/api/v1/stays', first)).statusCode).toBe(201);
    const second = body({ unitId: first.unitId, start: '2027-01-13', end: '2027-01-16' });
    const before = snapshot(t.db);
    const res = await call('duty_officer', 'POST', '/api/v1/stays', second);
    const p = expectProblem(res, 409, 'overlap');
    expect(p.conflicts).toEqual([{ start: '2027-01-10', end: '2027-01-14', kind: 'stay' }]);
    expect(res.body).not.toContain('Secrète');
    expect(snapshot(t.db)).toEqual(before);
    // Back to back is not an overlap (half-open ranges).
    expect((await call('duty_officer', 'POST', '/api/v1/stays', body({ unitId: first.unitId, start: '2027-01-14', end: '2027-01-16' }))).statusCode).toBe(201);
    expect((await call('duty_officer', 'POST', '/api/v1/stays', body({ unitId: first.unitId, start: '2027-01-08', end: '2027-01-10' }))).statusCode).toBe(201);
  });

  it('a range that shares a night with a block is 409 overlap with kind "block"', async () => {
    expect.hasAssertions();
    const b = body();
    createBlock(t.db, admin(), { unitId: b.unitId as string, start: '2027-01-12', end: '2027-01-20', reason: 'travaux' });
    const p = expectProblem(await call('duty_officer', 'POST', '/api/v1/stays', b), 409, 'overlap');
    expect(p.conflicts).toEqual([{ start: '2027-01-12', end: '2027-01-20', kind: 'block' }]);
  });

  it('a cancelled stay and a lapsed hold do not block their nights', async () => {
    expect.hasAssertions();
    const b = body();
    const cancelled = await call('admin', 'POST', '/api/v1/stays', b);
    await call('admin', 'POST', `/api/v1/stays/${cancelled.json().id}/cancel`);
    expect((await call('admin', 'POST', '/api/v1/stays', { ...b, household: household(), status: 'hold' })).statusCode).toBe(201);
    setClock(NOW + settings.holdMinutes() * 60_000);
    try {
      expect((await call('admin', 'POST', '/api/v1/stays', { ...b, household: household() })).statusCode).toBe(201);
    } finally {
      setClock(NOW);
    }
  });

  eachCase([
    { rule: 'end before start', over: { start: '2027-01-14', end: '2027-01-10' } },
    { rule: 'end equal to start (no night)', over: { start: '2027-01-14', end: '2027-01-14' } },
    { rule: 'an impossible date, 2027-02-30', over: { start: '2027-02-27', end: '2027-02-30' } },
    { rule: 'an impossible month, 2027-13-01', over: { start: '2027-12-30', end: '2027-13-01' } },
    { rule: 'a household larger than the unit', over: { household: { label: 'Grande famille', adults: 2, children: 1 } } },
    { rule: 'a unit that does not serve the programme', over: { programme: 'social_residence' } },
    { rule: 'more than 1,096 nights', over: { programme: 'emergency', start: '2027-01-10', end: '2030-01-11' } },
    { rule: "a start before tonight's night, for a duty officer", over: { start: '2027-01-03', end: '2027-01-05' } }
  ], (c) => `${c.rule} is 422 validation, and nothing is written`, async ({ over }) => {
    expect.hasAssertions();
    const request = body(over);
    const before = snapshot(t.db);
    expectProblem(await call('duty_officer', 'POST', '/api/v1/stays', request), 422, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('over the programme\'s limit (emergency on a hotel: 3 nights) is 422 limit_exceeded, for staff and for an admin without a reason', async () => {
    expect.hasAssertions();
    const hotel = unit({ programmes: ['emergency'], siteKind: 'hotel' });
    const four = { unitId: hotel, start: '2027-01-10', end: '2027-01-14', programme: 'emergency', household: household() };
    const before = snapshot(t.db);
    expectProblem(await call('duty_officer', 'POST', '/api/v1/stays', four), 422, 'limit_exceeded');
    expectProblem(await call('duty_officer', 'POST', '/api/v1/stays', { ...four, overrideReason: 'the duty officer may not override' }), 422, 'limit_exceeded');
    expectProblem(await call('admin', 'POST', '/api/v1/stays', four), 422, 'limit_exceeded');
    expect(snapshot(t.db)).toEqual(before);
    expect((await call('duty_officer', 'POST', '/api/v1/stays', { ...four, end: '2027-01-13' })).statusCode).toBe(201);
  });

  it('an admin goes past the limit with overrideReason, which is recorded', async () => {
    expect.hasAssertions();
    const hotel = unit({ programmes: ['emergency'], siteKind: 'hotel' });
    const res = await call('admin', 'POST', '/api/v1/stays', { unitId: hotel, start: '2027-01-10', end: '2027-01-20', programme: 'emergency', household: household(), overrideReason: 'no other place in the commune' });
    expect(res.statusCode).toBe(201);
    const read = await call('admin', 'GET', `/api/v1/stays/${res.json().id}`);
    expect(read.json().overrideReason).toBe('no other place in the commune');
  });

  it('an admin records a past stay; a duty officer may not', async () => {
    expect.hasAssertions();
    const u = unit({ programmes: ['emergency'], siteKind: 'apartment' });
    const past = { unitId: u, start: '2026-12-01', end: '2026-12-05', programme: 'emergency', household: household() };
    expectProblem(await call('duty_officer', 'POST', '/api/v1/stays', past), 422, 'validation');
    expect((await call('admin', 'POST', '/api/v1/stays', past)).statusCode).toBe(201);
  });

  it('an admin\'s past stay with a year below 100 is 422, never a 5xx (1899-12-31 → 0000-01-02 is not 2 nights)', async () => {
    expect.hasAssertions();
    const u = unit({ programmes: ['emergency'], siteKind: 'apartment' });
    const before = snapshot(t.db);
    const res = await call('admin', 'POST', '/api/v1/stays', { unitId: u, start: '1899-12-31', end: '0000-01-02', programme: 'emergency', household: household() });
    expectProblem(res, 422, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  eachCase(
    [
      { route: '/api/v1/blocks', extra: { reason: 'x' } },
      { route: '/api/v1/allocations', extra: { persons: 1, programme: 'emergency', household: { label: 'A', adults: 1, children: 0 } } },
      { route: '/api/v1/stays', extra: { programme: 'emergency', household: { label: 'A', adults: 1, children: 0 } } }
    ],
    (c) => `POST ${c.route} as an admin with start 1900-01-01 and end 0000-01-02 is 422 (end before start), never a 5xx`,
    async ({ route, extra }) => {
      expect.hasAssertions();
      const u = unit({ programmes: ['emergency'], siteKind: 'apartment' });
      const before = snapshot(t.db);
      expectProblem(await call('admin', 'POST', route, { unitId: u, start: '1900-01-01', end: '0000-01-02', ...extra }), 422, 'validation');
      expect(snapshot(t.db)).toEqual(before);
    }
  );

  it('a housing officer places a social_residence stay, and gets 403 for an emergency one', async () => {
    expect.hasAssertions();
    const u = unit({ programmes: ['emergency', 'social_residence'], siteKind: 'residence' });
    const before = snapshot(t.db);
    expectProblem(await call('housing_officer', 'POST', '/api/v1/stays', { unitId: u, start: '2027-01-10', end: '2027-01-12', programme: 'emergency', household: household() }), 403, 'forbidden');
    expectProblem(await call('housing_officer', 'POST', '/api/v1/stays', { unitId: u, start: '2027-01-10', end: '2027-01-12', programme: 'dv_protocol', household: household() }), 403, 'forbidden');
    expect(snapshot(t.db)).toEqual(before);
    const ok = await call('housing_officer', 'POST', '/api/v1/stays', { unitId: u, start: '2027-01-10', end: '2027-01-12', programme: 'social_residence', household: household() });
    expect(ok.statusCode).toBe(201);
  });

  it('the same Idempotency-Key returns the first answer and places nobody twice', async () => {
    expect.hasAssertions();
    const b = body();
    const first = await call('duty_officer', 'POST', '/api/v1/stays', b, { 'idempotency-key': 'retry-1' });
    const again = await call('duty_officer', 'POST', '/api/v1/stays', b, { 'idempotency-key': 'retry-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const n = t.db.$client.prepare('SELECT count(*) AS n FROM stays WHERE unit_id = ?').get(b.unitId) as { n: number };
    expect(n.n).toBe(1);
  });
});

describe('GET /api/v1/stays and GET /api/v1/stays/:id', () => {
  it('lists the stays of every status that share a night with [from, to), on one unit', async () => {
    expect.hasAssertions();
    const u = unit();
    const a = stayIn('confirmed', { unitId: u, start: '2027-01-10', end: '2027-01-12' });
    const c = stayIn('cancelled', { unitId: u, start: '2027-01-12', end: '2027-01-15' });
    stayIn('confirmed', { unitId: u, start: '2027-01-20', end: '2027-01-22' });
    const res = await call('housing_officer', 'GET', `/api/v1/stays?unitId=${u}&from=2027-01-11&to=2027-01-20`);
    expect(res.statusCode).toBe(200);
    expect(res.json().stays.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      [a.id, 'confirmed'],
      [c.id, 'cancelled']
    ]);
  });

  eachCase([
    { rule: 'a missing from', q: 'to=2027-02-01' },
    { rule: 'a malformed date', q: 'from=01-01-2027&to=2027-02-01' },
    { rule: 'from given twice', q: 'from=2027-01-01&from=2027-01-02&to=2027-02-01' }
  ], (c) => `${c.rule} is 400 validation`, async ({ q }) => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'GET', `/api/v1/stays?${q}`), 400, 'validation');
  });

  eachCase([
    { rule: 'to before from', q: 'from=2027-02-01&to=2027-01-01' },
    { rule: 'an impossible date, 2027-02-30', q: 'from=2027-02-01&to=2027-02-30' },
    { rule: 'more than 366 nights', q: 'from=2027-01-01&to=2028-01-03' }
  ], (c) => `${c.rule} is 422 validation`, async ({ q }) => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'GET', `/api/v1/stays?${q}`), 422, 'validation');
  });

  it('GET /stays/:id gives the stay with its history; an unknown id is 404', async () => {
    expect.hasAssertions();
    const s = stayIn('in_place');
    const res = await call('duty_officer', 'GET', `/api/v1/stays/${s.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: s.id, status: 'in_place' });
    expect(res.json().history.map((h: { action: string }) => h.action)).toEqual(['place', 'check-in']);
    expectProblem(await call('duty_officer', 'GET', '/api/v1/stays/no-such-stay'), 404, 'not_found');
  });
});

describe('PATCH /api/v1/stays/:id', () => {
  it('extends and shortens a live stay', async () => {
    expect.hasAssertions();
    const s = stayIn('confirmed', { start: '2027-01-10', end: '2027-01-15' });
    const longer = await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-20' });
    expect(longer.statusCode).toBe(200);
    expect(longer.json().end).toBe('2027-01-20');
    const shorter = await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-12' });
    expect(shorter.json().end).toBe('2027-01-12');
  });

  eachCase([
    { rule: 'end given as a number', payload: { end: 20270120 } },
    { rule: 'a missing end', payload: {} },
    { rule: 'malformed JSON', payload: '{"end":' }
  ], (c) => `${c.rule} is 400 validation`, async ({ payload }) => {
    expect.hasAssertions();
    const s = stayIn('confirmed');
    expectProblem(await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, payload), 400, 'validation');
  });

  it('an unknown stay is 404 not_found', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'PATCH', '/api/v1/stays/no-such-stay', { end: '2027-01-20' }), 404, 'not_found');
  });

  it('new nights that overlap the next stay are 409 overlap with its range, and the stay keeps its end', async () => {
    expect.hasAssertions();
    const u = unit();
    const s = stayIn('confirmed', { unitId: u, start: '2027-01-10', end: '2027-01-15' });
    stayIn('hold', { unitId: u, start: '2027-01-18', end: '2027-01-25' });
    const p = expectProblem(await call('duty_officer', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-19' }), 409, 'overlap');
    expect(p.conflicts).toEqual([{ start: '2027-01-18', end: '2027-01-25', kind: 'stay' }]);
    expect((await call('duty_officer', 'GET', `/api/v1/stays/${s.id}`)).json().end).toBe('2027-01-15');
  });

  it('a cancelled stay cannot be extended: 409 invalid_transition', async () => {
    expect.hasAssertions();
    const s = stayIn('cancelled');
    expectProblem(await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-20' }), 409, 'invalid_transition');
  });

  eachCase([
    { rule: 'an end before the start', end: '2027-01-02' },
    { rule: 'an impossible date, 2027-02-30', end: '2027-02-30' }
  ], (c) => `${c.rule} is 422 validation`, async ({ end }) => {
    expect.hasAssertions();
    const s = stayIn('confirmed');
    expectProblem(await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end }), 422, 'validation');
  });

  it('an extension past the limit is 422 limit_exceeded; an admin passes it with overrideReason', async () => {
    expect.hasAssertions();
    const hotel = unit({ programmes: ['emergency'], siteKind: 'hotel' });
    const s = stayIn('confirmed', { unitId: hotel, start: '2027-01-10', end: '2027-01-13', programme: 'emergency' });
    expectProblem(await call('duty_officer', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-14' }), 422, 'limit_exceeded');
    const ok = await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-14', overrideReason: 'hospital discharge on the 14th' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().overrideReason).toBe('hospital discharge on the 14th');
  });

  it('a housing officer gets 404 extending an emergency stay: not its programme, not found to it', async () => {
    expect.hasAssertions();
    const u = unit({ programmes: ['emergency'], siteKind: 'apartment' });
    const s = stayIn('confirmed', { unitId: u, programme: 'emergency' });
    expectProblem(await call('housing_officer', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-10' }), 404, 'not_found');
  });
});

describe('POST /api/v1/stays/:id/{confirm,check-in,check-out,cancel,no-show}', () => {
  const ACTIONS = ['confirm', 'check-in', 'check-out', 'cancel', 'no-show'] as const;

  eachCase(ACTIONS.map((a) => ({ a })), (c) => `${c.a} on an unknown stay is 404 not_found`, async ({ a }) => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'POST', `/api/v1/stays/no-such-stay/${a}`), 404, 'not_found');
  });

  it('the moves of the table: hold → confirmed → in_place → ended', async () => {
    expect.hasAssertions();
    const s = stayIn('hold');
    expect((await call('duty_officer', 'POST', `/api/v1/stays/${s.id}/confirm`)).json().status).toBe('confirmed');
    expect((await call('duty_officer', 'POST', `/api/v1/stays/${s.id}/check-in`)).json().status).toBe('in_place');
    const out = await call('duty_officer', 'POST', `/api/v1/stays/${s.id}/check-out`);
    expect(out.json()).toMatchObject({ status: 'ended', end: '2027-01-05' }); // an early departure frees the nights after
  });

  const REFUSED: { from: 'hold' | 'confirmed' | 'in_place' | 'cancelled'; action: (typeof ACTIONS)[number]; start?: string }[] = [
    { from: 'hold', action: 'check-in' },
    { from: 'hold', action: 'check-out' },
    { from: 'hold', action: 'no-show' },
    { from: 'confirmed', action: 'confirm' },
    { from: 'confirmed', action: 'check-out' },
    { from: 'confirmed', action: 'no-show', start: '2027-01-05' }, // before its first night
    { from: 'in_place', action: 'confirm' },
    { from: 'in_place', action: 'check-in' },
    { from: 'in_place', action: 'cancel' },
    { from: 'in_place', action: 'no-show' },
    ...ACTIONS.map((action) => ({ from: 'cancelled' as const, action }))
  ];
  eachCase(REFUSED.map((r) => ({ ...r, label: `${r.action} on a ${r.from} stay${r.start ? ' before its first night' : ''}` })), (c) => `${c.label} is 409 invalid_transition and changes nothing`, async ({ from, action, start }) => {
    expect.hasAssertions();
    const s = stayIn(from, start ? { start, end: '2027-01-08' } : {});
    const before = snapshot(t.db);
    expectProblem(await call('admin', 'POST', `/api/v1/stays/${s.id}/${action}`), 409, 'invalid_transition');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('every action on a lapsed hold is 409 invalid_transition', async () => {
    expect.hasAssertions();
    const s = stayIn('hold');
    setClock(NOW + settings.holdMinutes() * 60_000 + 1);
    try {
      for (const a of ACTIONS) expectProblem(await call('admin', 'POST', `/api/v1/stays/${s.id}/${a}`), 409, 'invalid_transition');
      expectProblem(await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-09' }), 409, 'invalid_transition');
      expect((await call('admin', 'GET', `/api/v1/stays/${s.id}`)).json().status).toBe('lapsed');
    } finally {
      setClock(NOW);
    }
  });

  it('a housing officer gets 404 acting on an emergency stay (not found to it), 200 on a social_residence one', async () => {
    expect.hasAssertions();
    const u = unit({ programmes: ['emergency'], siteKind: 'apartment' });
    const em = stayIn('confirmed', { unitId: u, programme: 'emergency' });
    expectProblem(await call('housing_officer', 'POST', `/api/v1/stays/${em.id}/cancel`), 404, 'not_found');
    expect((await call('housing_officer', 'POST', `/api/v1/stays/${stayIn('confirmed').id}/cancel`)).statusCode).toBe(200);
  });
});

describe('POST /api/v1/stays/:id/extend-hold', () => {
  const extend = (who: Role, id: string) => call(who, 'POST', `/api/v1/stays/${id}/extend-hold`);
  const period = () => settings.holdMinutes() * 60_000;

  it(`extends a hold by one more period, ${MAX_HOLD_EXTENSIONS} times at most; then 409 and nothing changes`, async () => {
    expect.hasAssertions();
    const s = stayIn('hold');
    const first = Date.parse((await call('duty_officer', 'GET', `/api/v1/stays/${s.id}`)).json().holdExpiresAt);
    for (let i = 1; i <= MAX_HOLD_EXTENSIONS; i++) {
      const res = await extend('duty_officer', s.id);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: s.id, status: 'hold' });
      expect(Date.parse(res.json().holdExpiresAt)).toBe(first + i * period());
    }
    const before = snapshot(t.db);
    const refused = await extend('duty_officer', s.id);
    expectProblem(refused, 409, 'invalid_transition');
    expect(refused.json().detail).toMatch(/extended 3 times/);
    expect(snapshot(t.db)).toEqual(before);
    // The history and the journal say each extension.
    const history = (await call('duty_officer', 'GET', `/api/v1/stays/${s.id}`)).json().history as { action: string }[];
    expect(history.filter((h) => h.action === 'extend_hold')).toHaveLength(MAX_HOLD_EXTENSIONS);
  });

  it('an extended hold still lapses, later: blocking its nights until then, and not after', async () => {
    expect.hasAssertions();
    const s = stayIn('hold');
    await extend('admin', s.id);
    try {
      const other = () => call('admin', 'POST', '/api/v1/stays', { unitId: s.unitId, start: TONIGHT, end: '2027-01-05', programme: 'social_residence', household: household() });
      setClock(NOW + period() + 1);
      expect((await call('admin', 'GET', `/api/v1/stays/${s.id}`)).json().status).toBe('hold');
      // Past its first expiry, the extended hold still keeps its nights.
      expectProblem(await other(), 409, 'overlap');
      setClock(NOW + 2 * period() + 1);
      expect((await call('admin', 'GET', `/api/v1/stays/${s.id}`)).json().status).toBe('lapsed');
      expect((await other()).statusCode).toBe(201);
    } finally {
      setClock(NOW);
    }
  });

  it('extending a lapsed hold is 409 with a clear message, and holds nothing again (the unit may be taken)', async () => {
    expect.hasAssertions();
    const s = stayIn('hold');
    setClock(NOW + period() + 1);
    try {
      // Another household takes the unit once the hold has lapsed.
      const taken = await call('admin', 'POST', '/api/v1/stays', { unitId: s.unitId, start: TONIGHT, end: '2027-01-07', programme: 'social_residence', household: { label: 'Autre', adults: 1, children: 0 } });
      expect(taken.statusCode).toBe(201);
      const before = snapshot(t.db);
      const res = await extend('admin', s.id);
      expectProblem(res, 409, 'invalid_transition');
      expect(res.json().detail).toMatch(/lapsed.*may be taken/);
      expect(snapshot(t.db)).toEqual(before);
    } finally {
      setClock(NOW);
    }
  });

  const NOT_HOLDS = ['confirmed', 'in_place', 'cancelled'] as const;
  eachCase(NOT_HOLDS.map((from) => ({ from })), (c) => `extending a ${c.from} stay is 409 invalid_transition and changes nothing`, async ({ from }) => {
    expect.hasAssertions();
    const s = stayIn(from);
    const before = snapshot(t.db);
    expectProblem(await extend('admin', s.id), 409, 'invalid_transition');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('an unknown stay is 404; a housing officer gets 404 on an emergency hold (not its programme)', async () => {
    expect.hasAssertions();
    expectProblem(await extend('admin', 'no-such-stay'), 404, 'not_found');
    const u = unit({ programmes: ['emergency'], siteKind: 'apartment' });
    const em = stayIn('hold', { unitId: u, programme: 'emergency' });
    const before = snapshot(t.db);
    expectProblem(await extend('housing_officer', em.id), 404, 'not_found');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('the confirm, cancel and PATCH of a hold answer as before an extension was possible', async () => {
    expect.hasAssertions();
    const s = stayIn('hold');
    await extend('admin', s.id);
    expect((await call('admin', 'PATCH', `/api/v1/stays/${s.id}`, { end: '2027-01-09' })).json()).toMatchObject({ status: 'hold', end: '2027-01-09' });
    const confirmed = (await call('admin', 'POST', `/api/v1/stays/${s.id}/confirm`)).json();
    expect(confirmed).toMatchObject({ status: 'confirmed', holdExpiresAt: null });
    expectProblem(await extend('admin', s.id), 409, 'invalid_transition');
  });
});

describe('POST /api/v1/blocks', () => {
  it('blocks a unit, and a stay over those nights is then refused', async () => {
    expect.hasAssertions();
    const u = unit();
    const res = await call('duty_officer', 'POST', '/api/v1/blocks', { unitId: u, start: '2027-01-10', end: '2027-01-12', reason: 'serrure' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ unitId: u, start: '2027-01-10', end: '2027-01-12' });
    expect(typeof res.json().id).toBe('string');
  });

  eachCase([
    { rule: 'a missing reason', over: { reason: undefined } },
    { rule: 'start given as a number', over: { start: 5 } },
    { rule: 'malformed JSON', raw: '{"unitId":' }
  ], (c) => `${c.rule} is 400 validation`, async ({ over, raw }) => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'POST', '/api/v1/blocks', raw ?? { unitId: unit(), start: '2027-01-10', end: '2027-01-12', reason: 'x', ...over }), 400, 'validation');
  });

  it('an unknown unit is 404 not_found', async () => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'POST', '/api/v1/blocks', { unitId: 'no-such-unit', start: '2027-01-10', end: '2027-01-12', reason: 'x' }), 404, 'not_found');
  });

  it('a block over a live stay is 409 overlap with the stay\'s range; over a block, with kind block', async () => {
    expect.hasAssertions();
    const s = stayIn('confirmed', { start: '2027-01-10', end: '2027-01-15' });
    const p = expectProblem(await call('admin', 'POST', '/api/v1/blocks', { unitId: s.unitId, start: '2027-01-14', end: '2027-01-16', reason: 'x' }), 409, 'overlap');
    expect(p.conflicts).toEqual([{ start: '2027-01-10', end: '2027-01-15', kind: 'stay' }]);
    expect((await call('admin', 'POST', '/api/v1/blocks', { unitId: s.unitId, start: '2027-01-15', end: '2027-01-17', reason: 'x' })).statusCode).toBe(201);
    const q = expectProblem(await call('admin', 'POST', '/api/v1/blocks', { unitId: s.unitId, start: '2027-01-16', end: '2027-01-18', reason: 'x' }), 409, 'overlap');
    expect(q.conflicts).toEqual([{ start: '2027-01-15', end: '2027-01-17', kind: 'block' }]);
  });

  eachCase([
    { rule: 'end before start', start: '2027-01-12', end: '2027-01-10' },
    { rule: 'an impossible date, 2027-02-30', start: '2027-02-27', end: '2027-02-30' }
  ], (c) => `${c.rule} is 422 validation`, async ({ start, end }) => {
    expect.hasAssertions();
    expectProblem(await call('admin', 'POST', '/api/v1/blocks', { unitId: unit(), start, end, reason: 'x' }), 422, 'validation');
  });
});

describe('GET /api/v1/availability', () => {
  eachCase([
    { rule: 'an unknown programme', q: 'from=2027-01-10&to=2027-01-12&programme=shelter' },
    { rule: 'persons 0', q: 'from=2027-01-10&to=2027-01-12&persons=0' },
    { rule: 'persons not a number', q: 'from=2027-01-10&to=2027-01-12&persons=two' },
    { rule: 'a malformed date', q: 'from=2027-1-10&to=2027-01-12' },
    { rule: 'a missing to', q: 'from=2027-01-10' }
  ], (c) => `${c.rule} is 400 validation`, async ({ q }) => {
    expect.hasAssertions();
    expectProblem(await call('partner', 'GET', `/api/v1/availability?${q}`), 400, 'validation');
  });

  eachCase([
    { rule: 'to before from', q: 'from=2027-01-12&to=2027-01-10' },
    { rule: 'an impossible date, 2027-02-30', q: 'from=2027-02-27&to=2027-02-30' },
    { rule: 'more than 366 nights', q: 'from=2027-01-01&to=2028-01-03' }
  ], (c) => `${c.rule} is 422 validation`, async ({ q }) => {
    expect.hasAssertions();
    expectProblem(await call('duty_officer', 'GET', `/api/v1/availability?${q}`), 422, 'validation');
  });

  it('a range whose end is written with a year below 100 is 422, not a range of the 1900s', async () => {
    expect.hasAssertions();
    expectProblem(await call('duty_officer', 'GET', '/api/v1/availability?from=1950-01-01&to=0050-01-05'), 422, 'validation');
  });
});

describe('POST /api/v1/allocations/suggest and /api/v1/allocations', () => {
  // In this file only one unit serves dv_protocol, on a hotel: 3 nights at most.
  let dvHotel: string;
  beforeAll(() => {
    dvHotel = unit({ programmes: ['dv_protocol'], siteKind: 'hotel', capacity: 3 });
  });
  const alloc = (over: Record<string, unknown> = {}) => ({ start: '2027-04-01', end: '2027-04-03', persons: 2, programme: 'dv_protocol', household: household(2, 0), ...over });

  it('suggest lists the unit that fits; allocate places the household there', async () => {
    expect.hasAssertions();
    const s = await call('duty_officer', 'POST', '/api/v1/allocations/suggest', { start: '2027-04-01', end: '2027-04-03', persons: 2, programme: 'dv_protocol' });
    expect(s.statusCode).toBe(200);
    expect(s.json().options.map((o: { unitId: string }) => o.unitId)).toEqual([dvHotel]);
    const a = await call('duty_officer', 'POST', '/api/v1/allocations', alloc());
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ unitId: dvHotel, start: '2027-04-01', end: '2027-04-03', status: 'confirmed', programme: 'dv_protocol' });
  });

  eachCase([
    { rule: 'persons 0', over: { persons: 0 } },
    { rule: 'persons given as a string', over: { persons: '2' } },
    { rule: 'an unknown programme', over: { programme: 'shelter' } },
    { rule: 'accessible given as a string', over: { accessible: 'yes' } },
    { rule: 'a missing end', over: { end: undefined } }
  ], (c) => `${c.rule} is 400 validation for suggest and allocate`, async ({ over }) => {
    expect.hasAssertions();
    const before = snapshot(t.db);
    const { household: _h, ...suggestBody } = alloc(over);
    expectProblem(await call('admin', 'POST', '/api/v1/allocations/suggest', suggestBody), 400, 'validation');
    expectProblem(await call('admin', 'POST', '/api/v1/allocations', alloc(over)), 400, 'validation');
    expectProblem(await call('admin', 'POST', '/api/v1/allocations', '{"start":'), 400, 'validation');
    expect(snapshot(t.db)).toEqual(before);
  });

  eachCase([
    { rule: 'end before start', over: { start: '2027-04-10', end: '2027-04-08' } },
    { rule: 'an impossible date, 2027-02-30', over: { start: '2027-02-28', end: '2027-02-30' } }
  ], (c) => `${c.rule} is 422 validation for suggest and allocate`, async ({ over }) => {
    expect.hasAssertions();
    const { household: _h, ...suggestBody } = alloc(over);
    expectProblem(await call('duty_officer', 'POST', '/api/v1/allocations/suggest', suggestBody), 422, 'validation');
    expectProblem(await call('duty_officer', 'POST', '/api/v1/allocations', alloc(over)), 422, 'validation');
  });

  it('persons that differ from adults + children is 422', async () => {
    expect.hasAssertions();
    expectProblem(await call('duty_officer', 'POST', '/api/v1/allocations', alloc({ persons: 3 })), 422, 'validation');
  });

  it('over the limit on every unit of the programme is 422 limit_exceeded; an admin passes it with overrideReason', async () => {
    expect.hasAssertions();
    const before = snapshot(t.db);
    expectProblem(await call('duty_officer', 'POST', '/api/v1/allocations', alloc({ start: '2027-05-01', end: '2027-05-05' })), 422, 'limit_exceeded');
    expect(snapshot(t.db)).toEqual(before);
    const ok = await call('admin', 'POST', '/api/v1/allocations', alloc({ start: '2027-05-01', end: '2027-05-05', overrideReason: 'a court date on the 4th' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().unitId).toBe(dvHotel);
  });

  it('nothing free is 409 no_availability, and no stay is written', async () => {
    expect.hasAssertions();
    expect((await call('duty_officer', 'POST', '/api/v1/allocations', alloc({ start: '2027-06-01', end: '2027-06-03' }))).statusCode).toBe(201);
    const before = snapshot(t.db);
    expectProblem(await call('duty_officer', 'POST', '/api/v1/allocations', alloc({ start: '2027-06-02', end: '2027-06-04' })), 409, 'no_availability');
    expectProblem(await call('duty_officer', 'POST', '/api/v1/allocations', alloc({ start: '2027-07-01', end: '2027-07-03', persons: 5, household: household(3, 2) })), 409, 'no_availability');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('a housing officer gets 403 for emergency and dv_protocol, 200/201 for social_residence', async () => {
    expect.hasAssertions();
    for (const programme of ['emergency', 'dv_protocol']) {
      expectProblem(await call('housing_officer', 'POST', '/api/v1/allocations/suggest', { start: '2027-04-01', end: '2027-04-03', persons: 1, programme }), 403, 'forbidden');
      expectProblem(await call('housing_officer', 'POST', '/api/v1/allocations', alloc({ programme, persons: 1, household: household() })), 403, 'forbidden');
    }
    unit();
    expect((await call('housing_officer', 'POST', '/api/v1/allocations/suggest', { start: '2027-04-01', end: '2027-04-03', persons: 1, programme: 'social_residence' })).statusCode).toBe(200);
    expect((await call('housing_officer', 'POST', '/api/v1/allocations', alloc({ programme: 'social_residence', persons: 1, household: household() }))).statusCode).toBe(201);
  });
});

// ---------------------------------------------------------------------------------------------
// What each role sees of a confidential site.

describe('what each role sees of a confidential site', () => {
  let v: TestDb;
  let vapp: FastifyInstance;
  let vacc: Record<Role, RoleToken>;
  let publicUnit: string;
  let secretUnit: string;
  const SECRET_ADDRESS = '12 impasse des Secrets';

  beforeAll(async () => {
    v = makeTestDb();
    vacc = makeAccounts(v.db);
    publicUnit = makeUnit(v.db, vacc.admin.actor, { name: 'Public T2', capacity: 2, programmes: ['emergency'], address: '1 place de la Mairie' });
    secretUnit = makeUnit(v.db, vacc.admin.actor, { name: 'Secret T3', capacity: 3, programmes: ['emergency', 'dv_protocol'], confidential: true, address: SECRET_ADDRESS });
    vapp = await buildApp({ db: v.db });
    await vapp.ready();
  });
  afterAll(async () => {
    await vapp?.close();
    v?.cleanup();
  });
  const get = (role: Role, url: string) => send(vapp, 'GET', url, bearer(vacc[role].token));
  type UnitOut = { id: string; site: { confidential: boolean; address?: string } };

  it("a partner's GET /units has no unit of a confidential site, nor its address anywhere", async () => {
    expect.hasAssertions();
    const res = await get('partner', '/api/v1/units');
    expect(res.statusCode).toBe(200);
    expect(res.json().units.map((u: UnitOut) => u.id)).toEqual([publicUnit]);
    expect(res.body).not.toContain(SECRET_ADDRESS);
    expect(res.body).not.toContain('Secret T3');
  });

  it("a housing officer's GET /units lists the confidential unit without its address", async () => {
    expect.hasAssertions();
    const units = (await get('housing_officer', '/api/v1/units')).json().units as UnitOut[];
    const secret = units.find((u) => u.id === secretUnit)!;
    expect(secret.site.confidential).toBe(true);
    expect(secret.site).not.toHaveProperty('address');
    expect(units.find((u) => u.id === publicUnit)!.site.address).toBe('1 place de la Mairie');
    expect(JSON.stringify(units)).not.toContain(SECRET_ADDRESS);
  });

  eachCase([{ role: 'duty_officer' as const }, { role: 'admin' as const }], (c) => `a ${c.role}'s GET /units has the confidential address`, async ({ role }) => {
    expect.hasAssertions();
    const units = (await get(role, '/api/v1/units')).json().units as UnitOut[];
    expect(units.find((u) => u.id === secretUnit)!.site.address).toBe(SECRET_ADDRESS);
  });

  it("a partner's GET /availability lists no confidential unit but counts it in the nights", async () => {
    expect.hasAssertions();
    const q = '/api/v1/availability?from=2027-01-10&to=2027-01-12';
    const partner = (await get('partner', q)).json();
    const staff = (await get('duty_officer', q)).json();
    expect(partner.units.map((u: { unitId: string }) => u.unitId)).toEqual([publicUnit]);
    expect(staff.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([publicUnit, secretUnit].sort());
    const nights = [
      { date: '2027-01-10', freeUnits: 2, freePlaces: 5 },
      { date: '2027-01-11', freeUnits: 2, freePlaces: 5 }
    ];
    expect(partner.nights).toEqual(nights);
    expect(staff.nights).toEqual(nights);
    expect(JSON.stringify(partner)).not.toContain(SECRET_ADDRESS);
  });

  it('programme and persons keep only the units that serve it and hold that many; with persons a partner no longer counts the confidential one', async () => {
    expect.hasAssertions();
    const partner = (await get('partner', '/api/v1/availability?from=2027-01-10&to=2027-01-11&programme=emergency&persons=3')).json();
    expect(partner.units).toEqual([]);
    expect(partner.nights).toEqual([{ date: '2027-01-10', freeUnits: 0, freePlaces: 0 }]);
    expect((await get('duty_officer', '/api/v1/availability?from=2027-01-10&to=2027-01-11&programme=emergency&persons=3')).json().nights).toEqual([
      { date: '2027-01-10', freeUnits: 1, freePlaces: 3 }
    ]);
    const staff = (await get('housing_officer', '/api/v1/availability?from=2027-01-10&to=2027-01-11&programme=dv_protocol')).json();
    expect(staff.units.map((u: { unitId: string }) => u.unitId)).toEqual([secretUnit]);
  });

  // persons=1…7 minus the listed units once gave each confidential unit's capacity: with any filter
  // but the programme, a partner's totals are those of its listed units, whatever the programme.
  eachCase(
    [undefined, 'emergency', 'dv_protocol'].flatMap((programme) => [1, 2, 3, 4, 5, 6, 7].map((persons) => ({ programme, persons }))),
    (c) => `a partner's GET /availability with persons=${c.persons}${c.programme ? ` and programme=${c.programme}` : ''}: totals = its listed units only`,
    async ({ programme, persons }) => {
      expect.hasAssertions();
      const res = await get('partner', `/api/v1/availability?from=2027-01-10&to=2027-01-12&persons=${persons}${programme ? `&programme=${programme}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { units: { capacity: number; free: { start: string; end: string }[] }[]; nights: { date: string; freeUnits: number; freePlaces: number }[] };
      const listed = body.nights.map((n) => {
        const free = body.units.filter((u) => u.free.some((r) => r.start <= n.date && n.date < r.end));
        return { date: n.date, freeUnits: free.length, freePlaces: free.reduce((sum, u) => sum + u.capacity, 0) };
      });
      expect(body.nights).toEqual(listed);
    }
  );
});
