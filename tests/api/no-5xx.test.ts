// "No request, however malformed, gets a 5xx. A failed request changes nothing it asked to change."
// (docs/api.md, "Errors" and "Conventions"). Random junk at every route, as an admin (who may do everything, so the
// junk reaches the deepest checks): never a status >= 500, every error is problem+json, and the
// stays table (and the housing mission's tables) is unchanged whenever the answer is 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { setClock } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { bearer, makeAccounts, makeTestDb, makeUnit, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { missionTables, residenceApplicationTables, staysTable } from './_support.ts';
import { createApplication, createCommittee, decideApplication } from '../../src/services/residence/applications.ts';
import { createContract, recordDeparture } from '../../src/services/residence/contracts.ts';
import { residenceTables } from '../support/residence.ts';

const NOW = Date.parse('2027-01-04T15:00:00+01:00');

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let unitIds: string[] = [];
let stayIds: string[] = [];
let siteId = '';
/** The housing mission's ids: a landlord, offers (draft, open, for a period), applicants, a proposal. */
let missionIds: string[] = [];
/** The households of the stays above (the access request's export reads them). */
let householdIds: string[] = [];
/** The social residence's applications (received, on the waiting list, admitted) and its committees (met, to come). */
let residenceIds: string[] = [];

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  const admin = acc.admin.actor;
  unitIds = [
    makeUnit(t.db, admin, { name: 'Apartment', capacity: 4, programmes: ['emergency', 'dv_protocol'] }),
    makeUnit(t.db, admin, { name: 'Residence', capacity: 2, programmes: ['social_residence', 'housing_mission'], siteKind: 'residence' }),
    makeUnit(t.db, admin, { name: 'Hotel', capacity: 3, programmes: ['emergency'], siteKind: 'hotel', confidential: true })
  ];
  siteId = (t.db.$client.prepare('SELECT site_id FROM units LIMIT 1').get() as { site_id: string }).site_id;
  for (const [i, status] of (['hold', 'confirmed'] as const).entries()) {
    stayIds.push(
      placeStay(t.db, admin, { unitId: unitIds[0], start: `2027-01-${10 + 5 * i}`, end: `2027-01-${13 + 5 * i}`, programme: 'emergency', household: { label: 'A', adults: 1, children: 0 }, status }).value.id
    );
  }
  const officer = acc.housing_officer.actor;
  const landlordId = createLandlord(t.db, officer, { name: 'Mme Roux' }).id;
  const offer = (over: { availableUntil?: string | null; capacity?: number } = {}) =>
    createOffer(t.db, officer, { landlordId, commune: 'Lunel', address: '12 rue Lakanal', typology: 'T2', surfaceM2: 45, capacity: 3, accessible: false, rentCents: 50000, chargesCents: 4000, availableFrom: '2027-02-01', availableUntil: null, scheme: 'none', energyRating: 'D', ...over }).id;
  const applicant = (persons: number) =>
    createApplicant(t.db, officer, { label: `Famille ${persons}`, persons, accessibleNeeded: false, maxRentCents: 80000, yearlyIncomeCents: 1500000, communes: ['Lunel'], neededFrom: '2027-02-01', waitingSince: '2026-10-01', situation: 'elsewhere' }).id;
  const [draft, period] = [offer(), offer({ availableUntil: '2027-08-01' })];
  const open = [4, 3, 2].map((capacity) => openOffer(t.db, officer, offer({ capacity, availableUntil: capacity === 2 ? '2027-09-01' : null })).id);
  const applicants = [2, 2, 1, 6].map(applicant);
  // Proposals at each step, so that near-valid moves reach every transition and the lease's side effects.
  const proposals = open.flatMap((offerId) => applicants.slice(0, 3).map((applicantId) => propose(t.db, officer, offerId, applicantId).id));
  proposals.forEach((id, i) => {
    if (i % 3 >= 1) moveProposal(t.db, officer, id, 'visit');
    if (i % 3 === 2) moveProposal(t.db, officer, id, 'accepted');
  });
  missionIds = [landlordId, draft, period, ...open, ...applicants, ...proposals];
  householdIds = t.db.$client.prepare('SELECT id FROM households').pluck().all() as string[];
  const residence = acc.residence_officer.actor;
  const committees = [createCommittee(t.db, residence, { meetsOn: '2027-01-04' }).id, createCommittee(t.db, residence, { meetsOn: '2027-02-04' }).id];
  const applications = (['other', 'dv', 'young_worker', 'other'] as const).map(
    (pub, i) => createApplication(t.db, i % 2 ? acc.partner.actor : residence, { household: { label: `Demandeur ${i}`, adults: 1, children: i }, monthlyIncomeCents: 80000, public: pub, referrer: { contact: 'Mme B', phone: '0467' } }).value.id
  );
  decideApplication(t.db, residence, applications[1], { outcome: 'waiting_list', committeeId: committees[0] });
  decideApplication(t.db, residence, applications[2], { outcome: 'admitted' });
  // Contracts: admitted applications (some left for the junk to sign) on units of the residence, one contract active, one ended.
  const residenceUnits = [0, 1, 2].map((i) => makeUnit(t.db, admin, { name: `Résidence ${i}`, capacity: 2, programmes: ['social_residence'], siteKind: 'residence' }));
  const admitted = [0, 1, 2, 3].map((i) => {
    const id = createApplication(t.db, residence, { household: { label: `Résident ${i}`, adults: 1, children: 0 }, monthlyIncomeCents: 90000, public: 'young_worker', referrer: { contact: 'Mme B', phone: '0467' } }).value.id;
    decideApplication(t.db, residence, id, { outcome: 'admitted' });
    return id;
  });
  const contracts = residenceUnits.slice(0, 2).map((unitId, i) => createContract(t.db, residence, { applicationId: admitted[i], unitId, start: '2027-01-10', rentCents: 40000, chargesCents: 5000, depositCents: 40000, aplCents: 20000 }).value.id);
  recordDeparture(t.db, residence, contracts[1], { date: '2027-03-01', destination: 'social_housing' });
  residenceIds = [...applications, ...committees, ...admitted, ...contracts, ...residenceUnits];
  app = await buildApp({ db: t.db });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

// ---------------------------------------------------------------------------------------------
// Junk.

const hugeNumbers = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 31, 0.000001, -0, 1.5, 1e21);
const deep = fc.integer({ min: 50, max: 300 }).map((n) => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: hugeNumbers },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, '', ' ', '__proto__', { __proto__: { polluted: 1 } }, { constructor: { prototype: { x: 1 } } }) }
);

// Near-valid values: most fields are fine, so that the junk in the others reaches the deepest checks.
const firstDay = Date.parse('2026-12-01T00:00:00Z');
const isoDay = (offset: number) => new Date(firstDay + offset * 86_400_000).toISOString().slice(0, 10);
const validDate = fc.integer({ min: 0, max: 500 }).map(isoDay);
const weirdDate = fc.constantFrom('2027-02-30', '2027-02-29', '2028-02-29', '2027-13-01', '2027-00-10', '2027-01-00', '0000-01-01', '0000-01-02', '0050-03-01', '0099-12-31', '1899-12-31', '1900-01-01', '1969-12-31', '9999-12-31', '2027-1-1', '27-01-10', ' 2027-01-10', '2027-01-10 ', '2027-01-10T00:00:00Z', '٢٠٢٧-٠١-١٠', '');
const date = fc.oneof({ weight: 5, arbitrary: validDate }, { weight: 3, arbitrary: weirdDate }, { weight: 1, arbitrary: junk });
/** start and end: usually a short range in the next year, sometimes long, reversed, or odd dates. */
const range = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 12 })).map(([d, n]) => ({ start: isoDay(d), end: isoDay(d + n) })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -60, max: 400 }), fc.integer({ min: -5, max: 1200 })).map(([d, n]) => ({ start: isoDay(d), end: isoDay(d + n) })) },
  { weight: 2, arbitrary: fc.record({ start: date, end: date }) }
);
/** An optional field: mostly absent, else mostly valid. */
const opt = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk });
/** A field: mostly valid, sometimes junk, sometimes missing. */
const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(undefined) });
const programme = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('emergency', 'dv_protocol', 'social_residence', 'housing_mission') }, { weight: 1, arbitrary: fc.constantFrom('EMERGENCY', 'shelter', '', 'hold') }, { weight: 1, arbitrary: junk });
const smallInt = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 60 }) }, { weight: 1, arbitrary: hugeNumbers });
const text = fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom('', '   ', '\u0000', 'x'.repeat(2001)) });
const id = () => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...unitIds, ...stayIds, siteId, ...missionIds, ...householdIds, ...residenceIds) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: junk });
/** Money in cents: usually a plausible amount, sometimes negative, fractional or huge. */
const cents = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 300_000 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 12.5, 2 ** 53, 1e12) }, { weight: 1, arbitrary: hugeNumbers });
const scheme = fc.constantFrom('none', 'intermediation_lease', 'intermediation_sublease', 'solibail', 'loc_avantages', 'gift');
const proposalStatus = fc.constantFrom('visit', 'accepted', 'lease_signed', 'refused_by_household', 'refused_by_landlord', 'closed', 'proposed');
const householdValue = fc.record({ label: field(text), adults: field(fc.integer({ min: 0, max: 3 })), children: field(fc.integer({ min: 0, max: 2 })), needs: opt(fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 })) });
const household = field(householdValue);
/** persons: usually adults + children of the household, sometimes another number or junk. */
const withPersons = (h: unknown, other: unknown, same: boolean) => {
  const hh = h as { adults?: unknown; children?: unknown } | undefined;
  const sum = typeof hh?.adults === 'number' && typeof hh?.children === 'number' ? hh.adults + hh.children : other;
  return same ? sum : other;
};
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Each unit with each programme it serves. */
const unitPrograms = () =>
  (t.db.$client.prepare('SELECT u.id, p.value AS programme FROM units u, json_each(u.programmes) p').all() as { id: string; programme: string }[]).map((r) => ({ unitId: r.id, programme: r.programme }));

/** A body close to a valid one, per route. */
const bodies: Record<string, () => fc.Arbitrary<unknown>> = {
  site: () => fc.record({ name: field(text), commune: field(text), confidential: field(fc.boolean()), address: field(text), kind: field(fc.constantFrom('apartment', 'hotel', 'residence', 'private', 'castle')) }).map(defined),
  unit: () =>
    fc
      .record({ siteId: field(fc.constant(siteId)), name: field(text), capacity: field(smallInt), programmes: field(fc.array(programme, { maxLength: 4 })), accessible: field(fc.boolean()), nightlyCost: field(fc.double({ min: -1, max: 20_000 })), typology: field(text) })
      .map(defined),
  stay: () =>
    fc
      .record({
        unitAndProgramme: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...unitPrograms()) },
          { weight: 1, arbitrary: fc.record({ unitId: field(fc.constantFrom(...unitIds)), programme: field(programme) }) }
        ),
        range,
        household,
        status: opt(fc.constantFrom('hold', 'confirmed', 'confirmed', 'in_place')),
        referralId: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: id() }),
        note: opt(text),
        overrideReason: opt(text)
      })
      .map(({ range: r, unitAndProgramme, ...rest }) => defined({ ...rest, ...unitAndProgramme, ...(r as object) })),
  patch: () => fc.record({ end: field(date), overrideReason: opt(text) }).map(defined),
  block: () => fc.record({ unitId: field(fc.constantFrom(...unitIds)), range, reason: field(text) }).map(({ range: r, ...rest }) => defined({ ...rest, ...(r as object) })),
  suggest: () =>
    fc.record({ range, persons: field(smallInt), programme: field(programme), accessible: opt(fc.boolean()), overrideReason: opt(text) }).map(({ range: r, ...rest }) => defined({ ...rest, ...(r as object) })),
  allocate: () =>
    fc
      .record({
        range,
        household,
        samePersons: fc.boolean(),
        otherPersons: field(smallInt),
        programme: field(programme),
        accessible: opt(fc.boolean()),
        status: opt(fc.constantFrom('hold', 'confirmed')),
        referralId: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: id() }),
        overrideReason: opt(text)
      })
      .map(({ range: r, samePersons, otherPersons, ...rest }) => defined({ ...rest, ...(r as object), persons: withPersons(rest.household, otherPersons, samePersons) })),
  landlord: () => fc.record({ name: field(text), phone: opt(text), email: opt(fc.constantFrom('roux@example.org', 'not an email', '')), notes: opt(text) }).map(defined),
  offer: () =>
    fc
      .record({
        landlordId: field(id()),
        commune: field(text),
        address: field(text),
        typology: field(fc.constantFrom('T1', 'T2', 'T3', 'Studio', '')),
        surfaceM2: field(smallInt),
        capacity: field(smallInt),
        accessible: field(fc.boolean()),
        rentCents: field(cents),
        chargesCents: field(cents),
        availableFrom: field(date),
        availableUntil: opt(fc.oneof(date, fc.constant(null))),
        scheme: field(scheme),
        locAvantagesLevel: opt(fc.constantFrom('loc1', 'loc2', 'loc3', 'loc4', null)),
        rentCapCents: opt(fc.oneof(cents, fc.constant(null))),
        incomeCeilingCents: opt(fc.oneof(cents, fc.constant(null))),
        energyRating: field(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'a')),
        photoUrl: opt(fc.constantFrom('https://example.org/p.jpg', 'ftp://x', '', null))
      })
      .map(defined),
  applicant: () =>
    fc
      .record({
        householdId: opt(id()),
        label: field(text),
        persons: field(smallInt),
        accessibleNeeded: field(fc.boolean()),
        maxRentCents: field(cents),
        yearlyIncomeCents: field(cents),
        communes: field(fc.array(fc.oneof(fc.constantFrom('Lunel', 'Sète', ''), text), { maxLength: 4 })),
        neededFrom: field(date),
        waitingSince: field(date),
        situation: field(fc.constantFrom('emergency_stay', 'residence', 'elsewhere', 'street')),
        emergencyStayEnd: opt(fc.oneof(date, fc.constant(null)))
      })
      .map(defined),
  proposal: () => fc.record({ offerId: field(id()), applicantId: field(id()) }).map(defined),
  move: () => fc.record({ status: field(proposalStatus), reason: opt(text) }).map(defined),
  withdraw: () => fc.record({ reason: opt(text) }).map(defined),
  checkOut: () => fc.oneof(junk, fc.record({ destination: opt(fc.constantFrom('private_rental', 'street', 'unknown', 'home', '', null, 'PRIVATE_RENTAL')) }).map(defined)),
  merge: () => fc.record({ duplicateId: field(id()), reason: field(text) }).map(defined),
  residenceApplication: () =>
    fc
      .record({
        household: opt(householdValue),
        householdId: opt(id()),
        typology: opt(fc.constantFrom('T1', 'Studio', '', 'x'.repeat(41))),
        accessible: opt(fc.boolean()),
        monthlyIncomeCents: field(cents),
        public: field(fc.constantFrom('young_worker', 'dv', 'other', 'everyone')),
        situation: opt(text),
        referrer: field(fc.record({ organisation: opt(text), contact: field(text), phone: field(fc.constantFrom('04 67 00 00 00', 'none', '')), email: opt(fc.constantFrom('a@example.org', 'not an email')) }).map(defined))
      })
      .map(defined),
  residenceDecision: () =>
    fc.record({ outcome: field(fc.constantFrom('admitted', 'waiting_list', 'refused', 'redirected', 'withdrawn', 'housed', 'received')), reason: opt(text), committeeId: opt(id()) }).map(defined),
  committee: () => fc.record({ meetsOn: field(date), note: opt(text) }).map(defined),
  contract: () =>
    fc
      .record({
        applicationId: field(id()),
        unitId: field(id()),
        start: field(date),
        rentCents: field(cents),
        chargesCents: field(cents),
        depositCents: field(cents),
        aplCents: opt(cents),
        stayId: opt(id()),
        referent: opt(text),
        reviewEveryMonths: opt(smallInt)
      })
      .map(defined),
  amendment: () => fc.record({ from: field(date), rentCents: opt(fc.oneof(cents, fc.constant(null))), chargesCents: opt(cents), aplCents: opt(cents) }).map(defined),
  payment: () => fc.record({ date: field(date), amountCents: field(fc.oneof(cents, cents.map((c) => (typeof c === 'number' ? -c : c)))), means: field(fc.constantFrom('transfer', 'cheque', 'cash', 'card', 'other', 'barter')), reason: opt(text) }).map(defined),
  departure: () =>
    fc
      .record({
        date: field(date),
        destination: field(fc.constantFrom('private_rental', 'social_housing', 'family_or_friends', 'other_structure', 'hospital_or_care', 'street', 'unknown', 'abroad')),
        noticeGivenOn: opt(date),
        by: opt(fc.constantFrom('resident', 'residence', 'landlord')),
        reason: opt(text)
      })
      .map(defined),
  none: () => junk
};

const queryValue = () => fc.oneof(date, programme, smallInt.map(String), fc.string({ maxLength: 30 }), fc.constantFrom(...unitIds, ...missionIds, 'true', 'false', 'open', 'let', '2027-01', '2027-13', '1899-12', '2027-1', '2026', '0000'));
const queryKey = fc.oneof(
  fc.constantFrom('from', 'to', 'programme', 'persons', 'unitId', 'from[]', 'to[a]', '__proto__', 'constructor', 'status', 'landlordId', 'waiting', 'all', 'offerId', 'applicantId', 'month', 'year'),
  fc.string({ maxLength: 8 })
);
/** A query string: key=value pairs (keys may repeat), or raw characters. */
const query = () => fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ range, programme: fc.option(programme, { nil: undefined }), persons: fc.option(smallInt, { nil: undefined }), unitId: fc.option(id(), { nil: undefined }) })
      .map(({ range: r, ...rest }) => new URLSearchParams(Object.entries(defined({ from: (r as { start: unknown }).start, to: (r as { end: unknown }).end, ...rest })).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString())
  },
  { weight: 2, arbitrary: fc.array(fc.tuple(queryKey, queryValue()), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => encodeURI(s)) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '&&&', '=', 'from=2027-01-10&to=2027-01-12&persons=1e400', 'from=2027-01-10&to=2027-01-12&persons=0x10', 'a[b][c]=d', 'from=%00&to=%FF') }
);

interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body: keyof typeof bodies;
}
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/health', body: 'none' },
  { method: 'POST', path: '/api/v1/sites', body: 'site' },
  { method: 'POST', path: '/api/v1/units', body: 'unit' },
  { method: 'GET', path: '/api/v1/units', body: 'none' },
  { method: 'POST', path: '/api/v1/stays', body: 'stay' },
  { method: 'GET', path: '/api/v1/stays', body: 'none' },
  { method: 'GET', path: '/api/v1/stays/:id', body: 'none' },
  { method: 'PATCH', path: '/api/v1/stays/:id', body: 'patch' },
  ...['confirm', 'check-in', 'cancel', 'no-show', 'extend-hold'].map((a) => ({ method: 'POST' as const, path: `/api/v1/stays/:id/${a}`, body: 'none' as const })),
  { method: 'POST', path: '/api/v1/stays/:id/check-out', body: 'checkOut' },
  { method: 'POST', path: '/api/v1/blocks', body: 'block' },
  { method: 'GET', path: '/api/v1/availability', body: 'none' },
  { method: 'POST', path: '/api/v1/allocations/suggest', body: 'suggest' },
  { method: 'POST', path: '/api/v1/allocations', body: 'allocate' },
  { method: 'GET', path: '/api/openapi.json', body: 'none' },
  { method: 'GET', path: '/api/v1/reports/activity', body: 'none' },
  { method: 'GET', path: '/api/v1/reports/activity.csv', body: 'none' },
  { method: 'GET', path: '/api/v1/reports/sections', body: 'none' },
  { method: 'GET', path: '/api/v1/landlords', body: 'none' },
  { method: 'POST', path: '/api/v1/landlords', body: 'landlord' },
  { method: 'GET', path: '/api/v1/landlords/:id', body: 'none' },
  { method: 'GET', path: '/api/v1/offers', body: 'none' },
  { method: 'POST', path: '/api/v1/offers', body: 'offer' },
  { method: 'GET', path: '/api/v1/offers/:id', body: 'none' },
  { method: 'PATCH', path: '/api/v1/offers/:id', body: 'offer' },
  { method: 'POST', path: '/api/v1/offers/:id/open', body: 'none' },
  { method: 'POST', path: '/api/v1/offers/:id/withdraw', body: 'withdraw' },
  { method: 'POST', path: '/api/v1/offers/:id/unit', body: 'none' },
  { method: 'GET', path: '/api/v1/offers/:id/matches', body: 'none' },
  { method: 'GET', path: '/api/v1/applicants', body: 'none' },
  { method: 'POST', path: '/api/v1/applicants', body: 'applicant' },
  { method: 'GET', path: '/api/v1/applicants/:id', body: 'none' },
  { method: 'PATCH', path: '/api/v1/applicants/:id', body: 'applicant' },
  { method: 'GET', path: '/api/v1/applicants/:id/matches', body: 'none' },
  { method: 'GET', path: '/api/v1/proposals', body: 'none' },
  { method: 'POST', path: '/api/v1/proposals', body: 'proposal' },
  { method: 'GET', path: '/api/v1/proposals/refusals', body: 'none' },
  { method: 'GET', path: '/api/v1/proposals/:id', body: 'none' },
  { method: 'POST', path: '/api/v1/proposals/:id/status', body: 'move' },
  { method: 'GET', path: '/api/v1/reports/public', body: 'none' },
  { method: 'GET', path: '/api/v1/reports/siao', body: 'none' },
  { method: 'GET', path: '/api/v1/reports/alt', body: 'none' },
  { method: 'GET', path: '/api/v1/reports/protocol', body: 'none' },
  { method: 'GET', path: '/api/v1/households/:id/export', body: 'none' },
  { method: 'GET', path: '/api/v1/households/:id/pathway', body: 'none' },
  { method: 'POST', path: '/api/v1/households/:id/merge', body: 'merge' },
  { method: 'POST', path: '/api/v1/residence/applications', body: 'residenceApplication' },
  { method: 'GET', path: '/api/v1/residence/applications', body: 'none' },
  { method: 'GET', path: '/api/v1/residence/applications/:id', body: 'none' },
  { method: 'POST', path: '/api/v1/residence/applications/:id/decision', body: 'residenceDecision' },
  { method: 'GET', path: '/api/v1/residence/committees', body: 'none' },
  { method: 'POST', path: '/api/v1/residence/committees', body: 'committee' },
  { method: 'POST', path: '/api/v1/residence/contracts', body: 'contract' },
  { method: 'GET', path: '/api/v1/residence/contracts/:id', body: 'none' },
  { method: 'POST', path: '/api/v1/residence/contracts/:id/amendments', body: 'amendment' },
  { method: 'GET', path: '/api/v1/residence/contracts/:id/statement', body: 'none' },
  { method: 'POST', path: '/api/v1/residence/contracts/:id/payments', body: 'payment' },
  { method: 'POST', path: '/api/v1/residence/contracts/:id/departure', body: 'departure' }
];

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'application/xml', ''];

/**
 * An id as a path segment of at most 100 characters once encoded (Fastify's maxParamLength; the
 * longer ones are the subject of their own test in routes.test.ts).
 */
function pathSegment(v: string): string {
  let s = v;
  for (;;) {
    let encoded: string;
    try {
      encoded = encodeURIComponent(s);
    } catch {
      return 'lone-surrogate';
    }
    if (encoded.length <= 100) return encoded || 'x';
    s = s.slice(0, -1);
  }
}

/** How the body travels: JSON of the value, a broken JSON text, raw junk text, or nothing. */
const encoding = fc.oneof({ weight: 12, arbitrary: fc.constant('json') }, { weight: 2, arbitrary: fc.constantFrom('truncated', 'raw', 'absent') });
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 250 });

const request = fc
  .constantFrom(...ROUTES.map((_, i) => i))
  .chain((i) => {
    const route = ROUTES[i];
    return fc.record({
      route: fc.constant(route),
      // A request may keep the route's method or try another one on the same path.
      method: fc.oneof({ weight: 12, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE') }),
      pathId: id().map((v) => pathSegment(typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'))),
      query: fc.option(query(), { nil: undefined, freq: 8 }),
      body: bodies[route.body](),
      encoding,
      contentType: fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      idempotencyKey: fc.option(headerText, { nil: undefined }),
      ifNoneMatch: fc.option(headerText, { nil: undefined })
    });
  });

type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

/** The value as a JavaScript program would print it (not JSON): "[object Object]", "1,2", "null". */
function rawText(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

function toInject(r: Request): InjectOptions {
  const path = r.route.path.replace(':id', r.pathId);
  const url = r.query === undefined ? path : `${path}?${r.query}`;
  const headers: Record<string, string> = { ...bearer(acc.admin.token) };
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
  if (r.ifNoneMatch !== undefined) headers['if-none-match'] = r.ifNoneMatch;
  const opts: InjectOptions = { method: r.method as InjectOptions['method'], url, headers };
  if (r.encoding !== 'absent' && r.method !== 'GET') {
    const json = JSON.stringify(r.body) ?? 'undefined';
    opts.payload = r.encoding === 'json' ? json : r.encoding === 'truncated' ? json.slice(0, Math.max(1, json.length - 2)) : typeof r.body === 'string' ? r.body : rawText(r.body);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Near-valid writes: a valid request to a write route, then up to two fields replaced by junk or
// odd values, so that nearly every request reaches the services and the database.

const mutant = fc.oneof(
  { weight: 3, arbitrary: junk },
  { weight: 3, arbitrary: weirdDate },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.integer({ min: -2, max: 60 }) },
  { weight: 1, arbitrary: hugeNumbers }
);

function setPath(o: Record<string, unknown>, path: string, v: unknown): Record<string, unknown> {
  const copy = structuredClone(o);
  const keys = path.split('.');
  let cur = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    cur = (typeof next === 'object' && next !== null && !Array.isArray(next) ? next : (cur[k] = {})) as Record<string, unknown>;
  }
  if (v === undefined) delete cur[keys[keys.length - 1]];
  else cur[keys[keys.length - 1]] = v;
  return copy;
}

interface Write {
  method: 'POST' | 'PATCH';
  url: string;
  body: Record<string, unknown> | undefined;
}

const validWrite = (): fc.Arbitrary<Write> => {
  const stays = (t.db.$client.prepare('SELECT id FROM stays').all() as { id: string }[]).map((r) => r.id);
  const rows = (table: string) => (t.db.$client.prepare(`SELECT id FROM ${table} ORDER BY rowid`).all() as { id: string }[]).map((r) => r.id);
  const [landlords, offers, applicants, proposals] = [rows('landlords'), rows('offers'), rows('applicants'), rows('proposals')];
  const [residenceApplications, committees] = [rows('residence_applications'), rows('residence_committees')];
  const contracts = rows('residence_contracts');
  const residenceUnits = t.db.$client.prepare(`SELECT id FROM units WHERE name LIKE 'Résidence %' ORDER BY rowid`).pluck().all() as string[];
  const offerBody = fc
    .record({
      landlordId: fc.constantFrom(...landlords),
      days: fc.tuple(fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: 30, max: 700 }), { nil: undefined })),
      capacity: fc.integer({ min: 1, max: 6 }),
      rentCents: fc.integer({ min: 20000, max: 90000 }),
      scheme: fc.constantFrom('none', 'intermediation_lease', 'solibail', 'loc_avantages'),
      energyRating: fc.constantFrom('A', 'C', 'E', 'G')
    })
    .map(({ days: [from, length], scheme: sch, ...rest }) =>
      defined({
        ...rest,
        commune: 'Lunel',
        address: '1 rue',
        typology: 'T2',
        surfaceM2: 40,
        accessible: false,
        chargesCents: 3000,
        availableFrom: isoDay(from),
        availableUntil: length === undefined ? undefined : isoDay(from + length),
        scheme: sch,
        locAvantagesLevel: sch === 'loc_avantages' ? 'loc1' : undefined
      })
    );
  const applicantBody = fc
    .record({ persons: fc.integer({ min: 1, max: 6 }), maxRentCents: fc.integer({ min: 20000, max: 120000 }), neededFrom: validDate, waitingSince: validDate, situation: fc.constantFrom('emergency_stay', 'residence', 'elsewhere'), emergencyStayEnd: opt(validDate) })
    .map((r) => defined({ ...r, label: 'Famille', accessibleNeeded: false, yearlyIncomeCents: 1500000, communes: ['Lunel'] }));
  const days = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 10 })).map(([d, n]) => ({ start: isoDay(d), end: isoDay(d + n) }));
  const hh = fc.record({ label: fc.string({ minLength: 1, maxLength: 8 }).filter((x) => x.trim().length > 0), adults: fc.integer({ min: 0, max: 3 }), children: fc.integer({ min: 0, max: 2 }) });
  const progs = fc.constantFrom('emergency', 'dv_protocol', 'social_residence', 'housing_mission');
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .record({ up: fc.constantFrom(...unitPrograms()), days, household: hh, status: fc.constantFrom('hold', 'confirmed'), overrideReason: opt(text) })
        .map(({ up, days: r, ...rest }) => ({ method: 'POST' as const, url: '/api/v1/stays', body: defined({ ...up, ...r, ...rest }) }))
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ days, household: hh, programme: progs, status: fc.constantFrom('hold', 'confirmed'), accessible: opt(fc.boolean()), overrideReason: opt(text) })
        .map(({ days: r, household: h, ...rest }) => ({ method: 'POST' as const, url: '/api/v1/allocations', body: defined({ ...r, ...rest, household: h, persons: h.adults + h.children }) }))
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ days, persons: fc.integer({ min: 1, max: 5 }), programme: progs, accessible: opt(fc.boolean()) })
        .map(({ days: r, ...rest }) => ({ method: 'POST' as const, url: '/api/v1/allocations/suggest', body: defined({ ...r, ...rest }) }))
    },
    {
      weight: 1,
      arbitrary: fc.record({ unitId: fc.constantFrom(...unitIds), days }).map(({ unitId, days: r }) => ({ method: 'POST' as const, url: '/api/v1/blocks', body: { unitId, ...r, reason: 'travaux' } }))
    },
    {
      weight: 1,
      arbitrary: fc.record({ id: fc.constantFrom(...stays), end: validDate, overrideReason: opt(text) }).map(({ id: stayId, ...rest }) => ({ method: 'PATCH' as const, url: `/api/v1/stays/${stayId}`, body: defined(rest) }))
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ id: fc.constantFrom(...stays), action: fc.constantFrom('confirm', 'check-in', 'check-out', 'cancel', 'no-show') })
        .map(({ id: stayId, action }) => ({ method: 'POST' as const, url: `/api/v1/stays/${stayId}/${action}`, body: undefined }))
    },
    // The housing mission.
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map((name) => ({ method: 'POST' as const, url: '/api/v1/landlords', body: { name, phone: '0600000000' } })) },
    { weight: 2, arbitrary: offerBody.map((body) => ({ method: 'POST' as const, url: '/api/v1/offers', body })) },
    { weight: 2, arbitrary: applicantBody.map((body) => ({ method: 'POST' as const, url: '/api/v1/applicants', body })) },
    {
      weight: 2,
      arbitrary: fc.record({ offerId: fc.constantFrom(...offers), applicantId: fc.constantFrom(...applicants) }).map((body) => ({ method: 'POST' as const, url: '/api/v1/proposals', body }))
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ id: fc.constantFrom(...proposals), status: fc.constantFrom('visit', 'accepted', 'lease_signed', 'refused_by_household', 'refused_by_landlord'), reason: opt(text) })
        .map(({ id: proposalId, ...body }) => ({ method: 'POST' as const, url: `/api/v1/proposals/${proposalId}/status`, body: defined(body) }))
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ id: fc.constantFrom(...offers), action: fc.constantFrom('open', 'unit', 'withdraw') })
        .map(({ id: offerId, action }) => ({ method: 'POST' as const, url: `/api/v1/offers/${offerId}/${action}`, body: action === 'withdraw' ? { reason: 'vendu' } : undefined }))
    },
    // The social residence's applications and committees.
    {
      weight: 2,
      arbitrary: fc
        .record({ household: hh, public: fc.constantFrom('young_worker', 'dv', 'other'), monthlyIncomeCents: fc.integer({ min: 0, max: 300_000 }), known: fc.option(fc.constantFrom(...householdIds), { nil: undefined }) })
        .map(({ known, household: h, ...rest }) => ({
          method: 'POST' as const,
          url: '/api/v1/residence/applications',
          body: defined({ ...rest, ...(known ? { householdId: known } : { household: h }), referrer: { contact: 'Mme B', phone: '04 67 00 00 00' } })
        }))
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ id: fc.constantFrom(...residenceApplications), outcome: fc.constantFrom('admitted', 'waiting_list', 'refused', 'redirected', 'withdrawn'), reason: opt(text), committeeId: opt(fc.constantFrom(...committees)) })
        .map(({ id: applicationId, ...body }) => ({ method: 'POST' as const, url: `/api/v1/residence/applications/${applicationId}/decision`, body: defined(body) }))
    },
    { weight: 1, arbitrary: validDate.map((meetsOn) => ({ method: 'POST' as const, url: '/api/v1/residence/committees', body: { meetsOn, note: 'Direction' } })) },
    // The social residence's contracts.
    {
      weight: 2,
      arbitrary: fc
        .record({ applicationId: fc.constantFrom(...residenceApplications), unitId: fc.constantFrom(...residenceUnits), start: validDate, rentCents: fc.integer({ min: 20000, max: 60000 }), aplCents: opt(fc.integer({ min: 0, max: 30000 })) })
        .map((r) => ({ method: 'POST' as const, url: '/api/v1/residence/contracts', body: defined({ ...r, chargesCents: 5000, depositCents: 20000 }) }))
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ id: fc.constantFrom(...contracts), from: validDate, rentCents: opt(fc.integer({ min: 0, max: 60000 })), aplCents: fc.integer({ min: 0, max: 30000 }) })
        .map(({ id: contractId, ...body }) => ({ method: 'POST' as const, url: `/api/v1/residence/contracts/${contractId}/amendments`, body: defined(body) }))
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ id: fc.constantFrom(...contracts), date: validDate, amountCents: fc.integer({ min: -50000, max: 50000 }), means: fc.constantFrom('transfer', 'cheque', 'cash'), reason: opt(text) })
        .map(({ id: contractId, ...body }) => ({ method: 'POST' as const, url: `/api/v1/residence/contracts/${contractId}/payments`, body: defined(body) }))
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ id: fc.constantFrom(...contracts), date: validDate, destination: fc.constantFrom('private_rental', 'street', 'unknown'), noticeGivenOn: opt(validDate), by: opt(fc.constantFrom('resident', 'residence')), reason: opt(text) })
        .map(({ id: contractId, ...body }) => ({ method: 'POST' as const, url: `/api/v1/residence/contracts/${contractId}/departure`, body: defined(body) }))
    }
  );
};

const MUTABLE = [
  'unitId', 'start', 'end', 'programme', 'status', 'persons', 'accessible', 'overrideReason', 'reason', 'household', 'household.adults', 'household.children', 'household.label', 'note', 'referralId',
  // The housing mission's fields.
  'name', 'landlordId', 'capacity', 'surfaceM2', 'rentCents', 'chargesCents', 'availableFrom', 'availableUntil', 'scheme', 'locAvantagesLevel', 'rentCapCents', 'incomeCeilingCents', 'energyRating', 'photoUrl',
  'householdId', 'label', 'maxRentCents', 'yearlyIncomeCents', 'communes', 'neededFrom', 'waitingSince', 'situation', 'emergencyStayEnd', 'offerId', 'applicantId',
  // The social residence's fields.
  'monthlyIncomeCents', 'public', 'typology', 'referrer', 'referrer.contact', 'referrer.phone', 'referrer.email', 'outcome', 'committeeId', 'meetsOn',
  // The social residence's contracts.
  'applicationId', 'depositCents', 'aplCents', 'stayId', 'from', 'date', 'amountCents', 'means', 'destination', 'noticeGivenOn', 'by'
];
const nearValidWrite = () =>
  fc
    .tuple(validWrite(), fc.array(fc.tuple(fc.constantFrom(...MUTABLE), mutant), { maxLength: 2 }), fc.option(headerText, { nil: undefined, freq: 4 }))
    .map(([w, mutations, idempotencyKey]) => ({
      ...w,
      body: w.body && mutations.reduce((b, [path, v]) => setPath(b, path, v), w.body),
      mutations,
      idempotencyKey
    }));

describe('no request, however malformed, gets a 5xx (docs/api.md, "Errors")', () => {
  it('random junk at every route, as an admin: never >= 500; a 4xx is problem+json and leaves the stays, the mission\'s and the residence\'s tables as they were', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = staysTable(t.db);
        const missionBefore = missionTables(t.db);
        const residenceBefore = residenceApplicationTables(t.db);
        const contractsBefore = residenceTables(t.db);
        const opts = toInject(r);
        const res = await app.inject(opts);
        const seen = { method: opts.method, url: opts.url, headers: opts.headers, payload: String(opts.payload ?? '').slice(0, 500), status: res.statusCode, answer: res.body.slice(0, 300) };
        expect(seen.status < 500 ? 'below 500' : seen).toBe('below 500');
        if (res.statusCode >= 400) {
          const contentType = String(res.headers['content-type']);
          expect(/^application\/problem\+json/.test(contentType) ? 'problem+json' : { ...seen, contentType }).toBe('problem+json');
          expect(staysTable(t.db) === before ? 'unchanged' : seen).toBe('unchanged');
          expect(missionTables(t.db) === missionBefore ? 'unchanged' : seen).toBe('unchanged');
          expect(residenceApplicationTables(t.db) === residenceBefore ? 'unchanged' : seen).toBe('unchanged');
          expect(residenceTables(t.db) === contractsBefore ? 'unchanged' : seen).toBe('unchanged');
        }
      }),
      { numRuns: 600, interruptAfterTimeLimit: 8_000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) }
    );
  });

  it('near-valid writes (a valid request with up to two fields made odd), as an admin: never >= 500; a 4xx leaves the stays, the mission\'s and the residence\'s tables as they were', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(nearValidWrite(), async (w) => {
        const before = staysTable(t.db);
        const missionBefore = missionTables(t.db);
        const residenceBefore = residenceApplicationTables(t.db);
        const contractsBefore = residenceTables(t.db);
        const headers = bearer(acc.admin.token, w.idempotencyKey === undefined ? {} : { 'idempotency-key': w.idempotencyKey });
        const res = await app.inject({ method: w.method, url: w.url, headers, ...(w.body && { payload: w.body }) });
        const seen = { method: w.method, url: w.url, body: w.body, idempotencyKey: w.idempotencyKey, status: res.statusCode, answer: res.body.slice(0, 300) };
        expect(seen.status < 500 ? 'below 500' : seen).toBe('below 500');
        if (res.statusCode >= 400) {
          expect(staysTable(t.db) === before ? 'unchanged' : seen).toBe('unchanged');
          expect(missionTables(t.db) === missionBefore ? 'unchanged' : seen).toBe('unchanged');
          expect(residenceApplicationTables(t.db) === residenceBefore ? 'unchanged' : seen).toBe('unchanged');
          expect(residenceTables(t.db) === contractsBefore ? 'unchanged' : seen).toBe('unchanged');
        }
      }),
      { numRuns: 600, interruptAfterTimeLimit: 8_000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) }
    );
  });

  it('a body over the size limit is a 4xx problem, and writes nothing', async () => {
    expect.hasAssertions();
    const before = staysTable(t.db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/stays',
      headers: bearer(acc.admin.token, { 'content-type': 'application/json' }),
      payload: JSON.stringify({ unitId: unitIds[0], start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: { label: 'A', adults: 1, children: 0 }, note: 'x'.repeat(400_000) })
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(staysTable(t.db)).toBe(before);
  });

  it('a body nested 10,000 levels deep is a 4xx, never a 5xx', async () => {
    expect.hasAssertions();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/allocations',
      headers: bearer(acc.admin.token, { 'content-type': 'application/json' }),
      payload: '['.repeat(10_000) + ']'.repeat(10_000)
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
