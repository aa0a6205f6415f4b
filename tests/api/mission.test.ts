// The housing mission over real HTTP (docs/api.md, "The housing mission"): a landlord's offer entered, matched with the
// households it suits and why (in French), proposed and followed to a signed lease; refusals kept and
// counted; a period offer booked through the booking core; partners and duty officers refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { setClock } from '../../src/services/clock.ts';
import type { Role } from '../../src/domain/programmes.ts';
import {
  applicant as applicantSchema,
  applicantDetail,
  applicantList,
  applicantMatches,
  landlord as landlordSchema,
  landlordDetail,
  landlordList,
  offerDetail,
  offerList,
  offerMatches,
  proposal as proposalSchema,
  proposalList,
  refusalCountList
} from '../../src/schemas/mission.ts';
import { makeAccounts, makeTestDb, startServer, type RoleToken, type TestDb, type TestServer } from '../support/fixtures.ts';
import { eachCase } from './_support.ts';

// 15:00 in Paris on 4 January 2027: today is 2027-01-04.
const NOW = Date.parse('2027-01-04T15:00:00+01:00');
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+01:00$/;

let t: TestDb;
let server: TestServer;
let acc: Record<Role, RoleToken>;

beforeAll(async () => {
  setClock(NOW);
  t = makeTestDb();
  acc = makeAccounts(t.db);
  server = await startServer(t.db);
});
afterAll(async () => {
  await server?.close();
  t?.cleanup();
  setClock(null);
});

interface Answer {
  status: number;
  type: string;
  json: any;
  text: string;
}

/** A request over the real socket; a string body is sent as is (malformed JSON stays malformed). */
async function api(who: Role | 'none', method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = who === 'none' ? {} : { authorization: `Bearer ${acc[who].token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
}
const ho = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => api('housing_officer', method, path, body);

/** The answer is the status, and its body the documented shape. */
function expectShape<S extends z.ZodType>(res: Answer, status: number, schema: S): z.infer<S> {
  expect({ status: res.status, body: res.status === status ? '' : res.text }).toEqual({ status, body: '' });
  const parsed = schema.safeParse(res.json);
  expect(parsed.success ? 'documented shape' : parsed.error.issues).toBe('documented shape');
  return res.json;
}

function expectProblem(res: Answer, status: number, code: string) {
  expect({ status: res.status, code: res.json?.code }).toEqual({ status, code });
  expect(res.type).toMatch(/^application\/problem\+json/);
  expect(res.json.type).toBe(`/problems/${code}`);
  return res.json as { detail: string; errors?: { path: string; message: string }[]; conflicts?: { start: string; end: string; kind: string }[] };
}

/** Row counts of every table a mission request could write. */
function counts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['landlords', 'offers', 'applicants', 'proposals', 'mission_events', 'audit_entries', 'sites', 'units', 'blocks', 'stays', 'households']) {
    out[table] = (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  out.offersDigest = JSON.stringify(t.db.$client.prepare('SELECT id, status, status_reason, unit_id FROM offers ORDER BY id').all()).length;
  out.proposalsDigest = JSON.stringify(t.db.$client.prepare('SELECT id, status, reason FROM proposals ORDER BY id').all()).length;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fixtures, entered through the API.

let seq = 0;
async function newLandlord(name = `Bailleur ${++seq}`): Promise<string> {
  return expectShape(await ho('POST', '/api/v1/landlords', { name, phone: '06 11 11 11 11' }), 201, landlordSchema).id;
}

const offerBody = (landlordId: string, over: Record<string, unknown> = {}) => ({
  landlordId,
  commune: 'Lunel',
  address: '12 rue Lakanal, 34400 Lunel',
  typology: 'T2',
  surfaceM2: 45,
  capacity: 3,
  accessible: false,
  rentCents: 50000,
  chargesCents: 4000,
  availableFrom: '2027-02-01',
  availableUntil: null,
  scheme: 'loc_avantages',
  locAvantagesLevel: 'loc2',
  rentCapCents: 55000,
  incomeCeilingCents: 2400000,
  energyRating: 'D',
  ...over
});

async function newOffer(over: Record<string, unknown> = {}, open = true): Promise<string> {
  const created = expectShape(await ho('POST', '/api/v1/offers', offerBody(await newLandlord(), over)), 201, offerDetail);
  if (open) expectShape(await ho('POST', `/api/v1/offers/${created.id}/open`), 200, offerDetail);
  return created.id;
}

const applicantBody = (label: string, over: Record<string, unknown> = {}) => ({
  label,
  persons: 2,
  accessibleNeeded: false,
  maxRentCents: 70000,
  yearlyIncomeCents: 1500000,
  communes: ['Lunel'],
  neededFrom: '2027-01-15',
  waitingSince: '2026-10-01',
  situation: 'elsewhere',
  ...over
});

async function newApplicant(label: string, over: Record<string, unknown> = {}): Promise<string> {
  return expectShape(await ho('POST', '/api/v1/applicants', applicantBody(label, over)), 201, applicantSchema).id;
}

async function newProposal(offerId: string, applicantId: string): Promise<string> {
  return expectShape(await ho('POST', '/api/v1/proposals', { offerId, applicantId }), 201, proposalSchema).id;
}

async function move(proposalId: string, status: string, reason?: string) {
  return ho('POST', `/api/v1/proposals/${proposalId}/status`, reason === undefined ? { status } : { status, reason });
}

// ---------------------------------------------------------------------------------------------

describe('a landlord calls: the offer entered, matched, proposed and followed to a signed lease', () => {
  it('landlord → offer → open → applicants → matches ranked with reasons in French → propose → visit → accepted → lease_signed → offer let, other proposals closed', async () => {
    expect.hasAssertions();
    const landlordId = expectShape(await ho('POST', '/api/v1/landlords', { name: 'Mme Roux', phone: '06 11 11 11 11', email: 'roux@example.org' }), 201, landlordSchema).id;

    const created = expectShape(await ho('POST', '/api/v1/offers', offerBody(landlordId)), 201, offerDetail);
    expect(created).toMatchObject({ status: 'draft', landlordName: 'Mme Roux', rentCents: 50000, scheme: 'loc_avantages', locAvantagesLevel: 'loc2', openProposals: 0 });
    expect(created.steps.map((s) => s.status)).toEqual(['draft']);
    expect(created.createdAt).toMatch(ISO_WITH_OFFSET);
    const offerId = created.id;
    const opened = expectShape(await ho('POST', `/api/v1/offers/${offerId}/open`), 200, offerDetail);
    expect(opened.status).toBe('open');

    // Four households who could live there, two who could not.
    const urgent = await newApplicant('Famille Urgente', { persons: 3, situation: 'emergency_stay', emergencyStayEnd: '2027-01-10', waitingSince: '2026-12-01' });
    const longest = await newApplicant('Famille Ancienne', { waitingSince: '2026-03-01' });
    const recent = await newApplicant('Famille Récente', { waitingSince: '2026-11-01' });
    const elsewhere = await newApplicant('Famille Ailleurs', { communes: ['Sète'], waitingSince: '2025-01-01' });
    const tooMany = await newApplicant('Famille Nombreuse', { persons: 5 });
    const tooRich = await newApplicant('Famille Aisée', { yearlyIncomeCents: 3000000 });

    const m = expectShape(await ho('GET', `/api/v1/offers/${offerId}/matches`), 200, offerMatches);
    // Urgency first, then the commune wanted, then the time waited.
    expect(m.matches.map((x) => [x.applicantId, x.label])).toEqual([
      [urgent, 'Famille Urgente'],
      [longest, 'Famille Ancienne'],
      [recent, 'Famille Récente'],
      [elsewhere, 'Famille Ailleurs']
    ]);
    expect(m.matches[0]).toEqual({
      applicantId: urgent,
      label: 'Famille Urgente',
      moveIn: '2027-02-01',
      score: { urgent: true, communeWanted: true, daysWaited: 34, spare: 0 },
      reasons: [
        { code: 'emergency_stay_ending', params: { end: '2027-01-10', daysLeft: 6 }, text: "Sa mise à l'abri se termine le 10/01/2027, dans 6 jours." },
        { code: 'commune_wanted', params: { commune: 'Lunel' }, text: 'Souhaite habiter à Lunel.' },
        { code: 'waited', params: { since: '2026-12-01', days: 34 }, text: 'Attend depuis 34 jours (depuis le 01/12/2026).' },
        { code: 'exact_size', params: { capacity: 3, persons: 3 }, text: 'Taille adaptée : 3 places pour 3 personnes.' },
        { code: 'move_in', params: { date: '2027-02-01' }, text: 'Entrée possible le 01/02/2027.' }
      ]
    });
    expect(m.matches[3]!.reasons.map((r) => r.text)).toContain('Lunel ne fait pas partie des communes souhaitées.');
    expect(m.excluded).toHaveLength(2);
    const excluded = new Map(m.excluded.map((e) => [e.applicantId, e]));
    expect(excluded.get(tooMany)).toEqual({
      applicantId: tooMany,
      label: 'Famille Nombreuse',
      codes: ['capacity_too_small'],
      reasons: [{ code: 'capacity_too_small', params: { capacity: 3, persons: 5 }, text: 'Trop petit : 3 places pour 5 personnes.' }]
    });
    expect(excluded.get(tooRich)!.codes).toEqual(['income_over_ceiling']);
    expect(excluded.get(tooRich)!.reasons[0]!.text).toBe('Revenus annuels (30000 €) au-dessus du plafond de ressources du dispositif (24000 €).');
    // The lean shape: no domain object, no incomes nor rents of the households.
    for (const x of m.matches) expect(Object.keys(x).sort()).toEqual(['applicantId', 'label', 'moveIn', 'reasons', 'score']);
    for (const x of m.excluded) expect(Object.keys(x).sort()).toEqual(['applicantId', 'codes', 'label', 'reasons']);
    expect(JSON.stringify(m)).not.toMatch(/yearlyIncomeCents|maxRentCents|"offer"|"applicant"/);

    // The other way: the offers for a household.
    const back = expectShape(await ho('GET', `/api/v1/applicants/${urgent}/matches`), 200, applicantMatches);
    expect(back.matches.map((x) => [x.offerId, x.label])).toEqual([[offerId, 'T2 · Lunel']]);
    expect(back.matches[0]!.reasons[0]!.code).toBe('emergency_stay_ending');

    // Proposed to the first, and to the second; the first also has another offer in progress.
    const other = await newOffer({ typology: 'T3', capacity: 4, scheme: 'none', locAvantagesLevel: null, rentCapCents: null, incomeCeilingCents: null });
    const first = expectShape(await ho('POST', '/api/v1/proposals', { offerId, applicantId: urgent }), 201, proposalSchema);
    expect(first).toMatchObject({ offerId, applicantId: urgent, applicantLabel: 'Famille Urgente', status: 'proposed', nextStep: 'arrange_visit', moves: ['visit', 'refused_by_household', 'refused_by_landlord'] });
    const second = await newProposal(offerId, longest);
    const elsewhereForFirst = await newProposal(other, urgent);

    const visit = expectShape(await move(first.id, 'visit'), 200, proposalSchema);
    expect(visit).toMatchObject({ status: 'visit', nextStep: 'record_answer' });
    expect(expectShape(await move(first.id, 'accepted'), 200, proposalSchema)).toMatchObject({ status: 'accepted', nextStep: 'sign_lease' });
    const lease = expectShape(await move(first.id, 'lease_signed'), 200, proposalSchema);
    expect(lease).toMatchObject({ status: 'lease_signed', nextStep: null, moves: [] });
    expect(lease.steps.map((s) => s.status)).toEqual(['proposed', 'visit', 'accepted', 'lease_signed']);
    for (const s of lease.steps) expect(s.at).toMatch(ISO_WITH_OFFSET);

    // The offer is let; the offer's other proposal and the household's other proposal are closed.
    const let_ = expectShape(await ho('GET', `/api/v1/offers/${offerId}`), 200, offerDetail);
    expect(let_).toMatchObject({ status: 'let', statusReason: 'lease_signed', openProposals: 0, landlord: { id: landlordId, name: 'Mme Roux' } });
    expect(let_.steps.map((s) => s.status)).toEqual(['draft', 'open', 'let']);
    // (The clock stands still in this file: proposals made in the same millisecond are in id order.)
    expect(let_.proposals.map((p) => [p.id, p.status, p.reason]).sort()).toEqual(
      [
        [first.id, 'lease_signed', null],
        [second, 'closed', 'offer_let']
      ].sort()
    );
    expect(expectShape(await ho('GET', `/api/v1/proposals/${elsewhereForFirst}`), 200, proposalSchema)).toMatchObject({ status: 'closed', reason: 'applicant_housed' });

    // In progress by default; all=true for the ended ones too; by offer.
    const inProgress = expectShape(await ho('GET', '/api/v1/proposals'), 200, proposalList).proposals.map((p) => p.id);
    expect(inProgress).not.toContain(first.id);
    expect(inProgress).not.toContain(second);
    const all = expectShape(await ho('GET', `/api/v1/proposals?offerId=${offerId}&all=true`), 200, proposalList).proposals.map((p) => p.id);
    expect(all.sort()).toEqual([first.id, second].sort());
    expect(expectShape(await ho('GET', `/api/v1/proposals?applicantId=${urgent}&all=true`), 200, proposalList).proposals.map((p) => p.id).sort()).toEqual([first.id, elsewhereForFirst].sort());

    // The household is housed: no longer waiting, no longer matched.
    const housed = expectShape(await ho('GET', `/api/v1/applicants/${urgent}`), 200, applicantDetail);
    expect(housed.housedAt).toMatch(ISO_WITH_OFFSET);
    expect(housed.proposals.map((p) => p.status).sort()).toEqual(['closed', 'lease_signed']);
    const waiting = expectShape(await ho('GET', '/api/v1/applicants?waiting=true'), 200, applicantList).applicants.map((a) => a.id);
    expect(waiting).not.toContain(urgent);
    expect(waiting).toContain(longest);
    expect(expectShape(await ho('GET', '/api/v1/applicants'), 200, applicantList).applicants.map((a) => a.id)).toContain(urgent);
    expect(expectShape(await ho('GET', `/api/v1/applicants/${urgent}/matches`), 200, applicantMatches)).toEqual({ matches: [], excluded: [] });

    // The offers board and the landlord's history.
    expect(expectShape(await ho('GET', '/api/v1/offers?status=let'), 200, offerList).offers.map((o) => o.id)).toContain(offerId);
    expect(expectShape(await ho('GET', `/api/v1/offers?landlordId=${landlordId}`), 200, offerList).offers.map((o) => o.id)).toEqual([offerId]);
    const history = expectShape(await api('admin', 'GET', `/api/v1/landlords/${landlordId}`), 200, landlordDetail);
    expect(history).toMatchObject({ name: 'Mme Roux', email: 'roux@example.org' });
    expect(history.offers.map((o) => [o.id, o.status, o.letTo])).toEqual([[offerId, 'let', 'Famille Urgente']]);
    const listed = expectShape(await ho('GET', '/api/v1/landlords'), 200, landlordList).landlords.find((l) => l.id === landlordId);
    expect(listed!.offers).toEqual({ draft: 0, open: 0, let: 1, withdrawn: 0 });
  });

  it('a second lease on one offer is 409, and the offer keeps its one lease', async () => {
    expect.hasAssertions();
    const offerId = await newOffer();
    const a = await newProposal(offerId, await newApplicant('Famille A'));
    const b = await newProposal(offerId, await newApplicant('Famille B'));
    for (const status of ['visit', 'accepted']) {
      expect((await move(a, status)).status).toBe(200);
      expect((await move(b, status)).status).toBe(200);
    }
    expect((await move(a, 'lease_signed')).status).toBe(200);
    const before = counts();
    expectProblem(await move(b, 'lease_signed'), 409, 'invalid_transition');
    expectProblem(await move(a, 'lease_signed'), 409, 'invalid_transition');
    expect(counts()).toEqual(before);
    const leases = t.db.$client.prepare("SELECT count(*) AS n FROM proposals WHERE offer_id = ? AND status = 'lease_signed'").get(offerId) as { n: number };
    expect(leases.n).toBe(1);
    // A let offer takes no new proposal.
    expectProblem(await ho('POST', '/api/v1/proposals', { offerId, applicantId: await newApplicant('Famille C') }), 409, 'invalid_transition');
  });

  it('a refusal without a reason is 422 and changes nothing; with one, the reason is kept and counted', async () => {
    expect.hasAssertions();
    const offerId = await newOffer();
    const p = await newProposal(offerId, await newApplicant('Famille Refus 1'));
    const before = counts();
    for (const body of [{ status: 'refused_by_household' }, { status: 'refused_by_household', reason: '   ' }, { status: 'refused_by_landlord', reason: '' }]) {
      const problem = expectProblem(await ho('POST', `/api/v1/proposals/${p}/status`, body), 422, 'validation');
      expect(problem.errors).toEqual([{ path: 'reason', message: 'required' }]);
    }
    expect(counts()).toEqual(before);
    expect(expectShape(await ho('GET', `/api/v1/proposals/${p}`), 200, proposalSchema).status).toBe('proposed');

    const refusalsBefore = expectShape(await ho('GET', '/api/v1/proposals/refusals'), 200, refusalCountList).refusals;
    const count = (status: string, reason: string) => refusalsBefore.find((r) => r.status === status && r.reason === reason)?.count ?? 0;
    const far = count('refused_by_household', 'Trop loin du travail');
    const guarantees = count('refused_by_landlord', 'Garanties insuffisantes');

    const refused = expectShape(await move(p, 'refused_by_household', '  Trop loin du travail '), 200, proposalSchema);
    expect(refused).toMatchObject({ status: 'refused_by_household', reason: 'Trop loin du travail', nextStep: null, moves: [] });
    expect(refused.steps.at(-1)).toMatchObject({ status: 'refused_by_household', reason: 'Trop loin du travail' });
    const q = await newProposal(offerId, await newApplicant('Famille Refus 2'));
    expect((await move(q, 'visit')).status).toBe(200);
    expect((await move(q, 'refused_by_household', 'Trop loin du travail')).status).toBe(200);
    const r = await newProposal(offerId, await newApplicant('Famille Refus 3'));
    expect((await move(r, 'refused_by_landlord', 'Garanties insuffisantes')).status).toBe(200);

    const refusals = expectShape(await ho('GET', '/api/v1/proposals/refusals'), 200, refusalCountList).refusals;
    expect(refusals).toContainEqual({ status: 'refused_by_household', reason: 'Trop loin du travail', count: far + 2 });
    expect(refusals).toContainEqual({ status: 'refused_by_landlord', reason: 'Garanties insuffisantes', count: guarantees + 1 });

    // An ended proposal moves no more; nor does a proposal skip its steps.
    expectProblem(await move(p, 'visit'), 409, 'invalid_transition');
    const s = await newProposal(offerId, await newApplicant('Famille Pressée'));
    expectProblem(await move(s, 'lease_signed'), 409, 'invalid_transition');
    expectProblem(await move(s, 'accepted'), 409, 'invalid_transition');
  });

  it('proposing to an applicant a hard rule excludes is 422 with the reason codes; a draft offer or a second proposal is 409', async () => {
    expect.hasAssertions();
    const offerId = await newOffer();
    const excluded = await newApplicant('Famille Exclue', { persons: 5, accessibleNeeded: true, maxRentCents: 40000 });
    const before = counts();
    const problem = expectProblem(await ho('POST', '/api/v1/proposals', { offerId, applicantId: excluded }), 422, 'validation');
    expect(problem.errors).toEqual([
      { path: 'applicantId', message: 'capacity_too_small' },
      { path: 'applicantId', message: 'not_accessible' },
      { path: 'applicantId', message: 'rent_over_budget' }
    ]);
    expect(problem.detail).toContain('capacity_too_small');
    const draft = await newOffer({}, false);
    const fits = await newApplicant('Famille Convenable');
    const mid = counts();
    expectProblem(await ho('POST', '/api/v1/proposals', { offerId: draft, applicantId: fits }), 409, 'invalid_transition');
    expect(counts()).toEqual(mid);
    expect(before.proposals).toBe(mid.proposals);
    await newProposal(offerId, fits);
    const after = counts();
    expectProblem(await ho('POST', '/api/v1/proposals', { offerId, applicantId: fits }), 409, 'invalid_transition');
    expect(counts()).toEqual(after);
  });
});

describe('a period offer as a unit with nights', () => {
  it("becomes a unit once; a stay under housing_mission is placed on it; an overlapping one is 409; a partner's availability never lists it", async () => {
    expect.hasAssertions();
    const address = '7 impasse des Glycines, 34400 Lunel';
    const offerId = await newOffer({ availableFrom: '2027-02-01', availableUntil: '2027-07-01', address });
    const withUnit = expectShape(await ho('POST', `/api/v1/offers/${offerId}/unit`), 200, offerDetail);
    const unitId = withUnit.unitId!;
    expect(unitId).toEqual(expect.any(String));
    expect(withUnit.steps.map((s) => s.status)).toEqual(['draft', 'open', 'unit_created']);
    let before = counts();
    expectProblem(await ho('POST', `/api/v1/offers/${offerId}/unit`), 409, 'invalid_transition');
    const openEnded = await newOffer({ availableUntil: null });
    const noPeriod = expectProblem(await ho('POST', `/api/v1/offers/${openEnded}/unit`), 422, 'validation');
    expect(noPeriod.errors).toEqual([{ path: 'availableUntil', message: 'required for a unit with nights' }]);
    expect(counts().units).toBe(before.units);

    const stay = { unitId, start: '2027-02-01', end: '2027-04-01', programme: 'housing_mission', household: { label: 'Famille Logée', adults: 2, children: 1 } };
    const placed = await ho('POST', '/api/v1/stays', stay);
    expect(placed.status).toBe(201);
    expect(placed.json).toMatchObject({ unitId, programme: 'housing_mission', status: 'confirmed' });
    before = counts();
    const overlap = expectProblem(await ho('POST', '/api/v1/stays', { ...stay, start: '2027-03-15', end: '2027-05-01', household: { label: 'Famille Seconde', adults: 1, children: 0 } }), 409, 'overlap');
    expect(overlap.conflicts).toEqual([{ start: '2027-02-01', end: '2027-04-01', kind: 'stay' }]);
    // Outside the offer's period the unit is closed too.
    const outside = expectProblem(await ho('POST', '/api/v1/stays', { ...stay, start: '2027-06-20', end: '2027-07-10', household: { label: 'Famille Tardive', adults: 1, children: 0 } }), 409, 'overlap');
    expect(outside.conflicts!.map((c) => c.kind)).toEqual(['block']);
    expect(counts()).toEqual(before);

    // Free nights of the period: staff see the unit, a partner never does, nor its address.
    for (const q of ['from=2027-04-01&to=2027-04-15', 'from=2027-01-20&to=2027-08-01', 'from=2027-04-01&to=2027-04-15&programme=housing_mission']) {
      const partner = await api('partner', 'GET', `/api/v1/availability?${q}`);
      expect(partner.status).toBe(200);
      expect(partner.json.units.map((u: { unitId: string }) => u.unitId)).not.toContain(unitId);
      expect(partner.text).not.toContain(unitId);
      expect(partner.text).not.toContain('Glycines');
    }
    const staff = await api('housing_officer', 'GET', '/api/v1/availability?from=2027-04-01&to=2027-04-15');
    expect(staff.json.units.map((u: { unitId: string }) => u.unitId)).toContain(unitId);
  });
});

describe('corrections', () => {
  it('PATCH an offer: the matching follows the corrected rent, the step is dated; a bad value or a let offer changes nothing', async () => {
    expect.hasAssertions();
    const offerId = await newOffer({ rentCents: 70000, rentCapCents: 80000 });
    const applicantId = await newApplicant('Famille Correcte', { maxRentCents: 60000 });
    const excluded = expectShape(await ho('GET', `/api/v1/offers/${offerId}/matches`), 200, offerMatches);
    expect(excluded.excluded.find((e) => e.applicantId === applicantId)?.codes).toEqual(['rent_over_budget']);
    const { landlordId: _l, ...body } = offerBody('', { rentCents: 52000, rentCapCents: 80000 });
    const fixed = expectShape(await ho('PATCH', `/api/v1/offers/${offerId}`, body), 200, offerDetail);
    expect(fixed.rentCents).toBe(52000);
    expect(fixed.steps.at(-1)).toMatchObject({ status: 'edited', reason: 'rentCents' });
    const ranked = expectShape(await ho('GET', `/api/v1/offers/${offerId}/matches`), 200, offerMatches);
    expect(ranked.matches.map((m) => m.applicantId)).toContain(applicantId);

    const before = counts();
    expectProblem(await ho('PATCH', `/api/v1/offers/${offerId}`, { ...body, availableFrom: '2027-02-30' }), 422, 'validation');
    expectProblem(await ho('PATCH', `/api/v1/offers/${offerId}`, { ...body, capacity: 'three' }), 400, 'validation');
    expectProblem(await ho('PATCH', '/api/v1/offers/no-such-offer', body), 404, 'not_found');
    expect(counts()).toEqual(before);
    expect(expectShape(await ho('GET', `/api/v1/offers/${offerId}`), 200, offerDetail).rentCents).toBe(52000);

    const p = await newProposal(offerId, applicantId);
    for (const step of ['visit', 'accepted', 'lease_signed']) expect((await move(p, step)).status).toBe(200);
    expectProblem(await ho('PATCH', `/api/v1/offers/${offerId}`, { ...body, rentCents: 40000 }), 409, 'invalid_transition');
    // The applicant is housed: their need no longer changes.
    expectProblem(await ho('PATCH', `/api/v1/applicants/${applicantId}`, applicantBody('Famille Correcte', { persons: 3 })), 409, 'invalid_transition');
  });

  it("PATCH an applicant's need while they wait", async () => {
    expect.hasAssertions();
    const applicantId = await newApplicant('Famille Nombreuse', { persons: 2 });
    const fixed = expectShape(await ho('PATCH', `/api/v1/applicants/${applicantId}`, applicantBody('Famille Nombreuse', { persons: 5 })), 200, applicantSchema);
    expect(fixed.persons).toBe(5);
    const before = counts();
    expectProblem(await ho('PATCH', `/api/v1/applicants/${applicantId}`, applicantBody('Famille Nombreuse', { persons: 0 })), 400, 'validation');
    expect(counts()).toEqual(before);
  });
});

describe('bad input changes nothing', () => {
  const BAD_JSON = '{"name": "x",';
  let landlordId = '';
  let offerId = '';
  let proposalId = '';
  beforeAll(async () => {
    landlordId = await newLandlord();
    offerId = await newOffer();
    proposalId = await newProposal(offerId, await newApplicant('Famille Témoin'));
  });

  const CASES: { rule: string; path: () => string; body: () => unknown; status: 400 | 404 | 422 }[] = [
    { rule: 'a landlord as malformed JSON', path: () => '/api/v1/landlords', body: () => BAD_JSON, status: 400 },
    { rule: 'a landlord without a name', path: () => '/api/v1/landlords', body: () => ({ phone: '0600000000' }), status: 400 },
    { rule: 'a landlord with a blank name', path: () => '/api/v1/landlords', body: () => ({ name: '   ' }), status: 400 },
    { rule: 'a landlord with an email that is not one', path: () => '/api/v1/landlords', body: () => ({ name: 'M. X', email: 'pas un email' }), status: 400 },
    { rule: 'an offer as a list', path: () => '/api/v1/offers', body: () => '[1, 2]', status: 400 },
    { rule: 'an offer with capacity as a string', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { capacity: '3' }), status: 400 },
    { rule: 'an offer with a rent in euros with cents', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { rentCents: 500.5 }), status: 400 },
    { rule: 'an offer with a negative rent', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { rentCents: -1 }), status: 400 },
    { rule: 'an offer under an unknown scheme', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { scheme: 'gift' }), status: 400 },
    { rule: 'an offer with energy rating H', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { energyRating: 'H' }), status: 400 },
    { rule: 'an offer with a date written 01/02/2027', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { availableFrom: '01/02/2027' }), status: 400 },
    { rule: 'an offer without its address', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { address: undefined }), status: 400 },
    { rule: 'an offer available from 2027-02-30', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { availableFrom: '2027-02-30' }), status: 422 },
    { rule: 'an offer whose period ends before it starts', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { availableUntil: '2027-01-15' }), status: 422 },
    { rule: "an offer under Loc'Avantages without its level", path: () => '/api/v1/offers', body: () => offerBody(landlordId, { locAvantagesLevel: null }), status: 422 },
    { rule: 'an offer with a photo link that is not http', path: () => '/api/v1/offers', body: () => offerBody(landlordId, { photoUrl: 'ftp://example.org/x' }), status: 422 },
    { rule: 'an offer of an unknown landlord', path: () => '/api/v1/offers', body: () => offerBody('no-such-landlord'), status: 404 },
    { rule: 'an applicant of 0 persons', path: () => '/api/v1/applicants', body: () => applicantBody('X', { persons: 0 }), status: 400 },
    { rule: 'an applicant with communes as a string', path: () => '/api/v1/applicants', body: () => applicantBody('X', { communes: 'Lunel' }), status: 400 },
    { rule: 'an applicant in an unknown situation', path: () => '/api/v1/applicants', body: () => applicantBody('X', { situation: 'street' }), status: 400 },
    { rule: 'an applicant needing a home from 2027-13-01', path: () => '/api/v1/applicants', body: () => applicantBody('X', { neededFrom: '2027-13-01' }), status: 422 },
    { rule: 'an applicant of an unknown household', path: () => '/api/v1/applicants', body: () => applicantBody('X', { householdId: 'no-such-household' }), status: 404 },
    { rule: 'a proposal without its applicant', path: () => '/api/v1/proposals', body: () => ({ offerId }), status: 400 },
    { rule: 'a proposal with ids as numbers', path: () => '/api/v1/proposals', body: () => ({ offerId: 1, applicantId: 2 }), status: 400 },
    { rule: "a move to 'closed' (the system's alone)", path: () => `/api/v1/proposals/${proposalId}/status`, body: () => ({ status: 'closed', reason: 'x' }), status: 400 },
    { rule: 'a move to an unknown status', path: () => `/api/v1/proposals/${proposalId}/status`, body: () => ({ status: 'signed' }), status: 400 },
    { rule: 'a move without a body', path: () => `/api/v1/proposals/${proposalId}/status`, body: () => undefined, status: 400 },
    { rule: 'a withdrawal without a body', path: () => `/api/v1/offers/${offerId}/withdraw`, body: () => undefined, status: 400 },
    { rule: 'a withdrawal with a reason as a number', path: () => `/api/v1/offers/${offerId}/withdraw`, body: () => ({ reason: 42 }), status: 400 },
    { rule: 'a withdrawal without a reason', path: () => `/api/v1/offers/${offerId}/withdraw`, body: () => ({}), status: 422 },
    { rule: 'a withdrawal with a blank reason', path: () => `/api/v1/offers/${offerId}/withdraw`, body: () => ({ reason: '  ' }), status: 422 }
  ];
  eachCase(CASES, (c) => `${c.rule}: ${c.status}, and no row changes`, async (c) => {
    expect.hasAssertions();
    const before = counts();
    const res = await ho('POST', c.path(), c.body());
    expectProblem(res, c.status, c.status === 404 ? 'not_found' : 'validation');
    expect(counts()).toEqual(before);
  });

  it('the offer and the proposal of these refusals are as they were', async () => {
    expect.hasAssertions();
    expect(expectShape(await ho('GET', `/api/v1/offers/${offerId}`), 200, offerDetail).status).toBe('open');
    expect(expectShape(await ho('GET', `/api/v1/proposals/${proposalId}`), 200, proposalSchema).status).toBe('proposed');
    // A withdrawal with its reason then works, and closes the proposal.
    const withdrawn = expectShape(await ho('POST', `/api/v1/offers/${offerId}/withdraw`, { reason: 'Le propriétaire vend' }), 200, offerDetail);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', statusReason: 'Le propriétaire vend' });
    expect(withdrawn.proposals.map((p) => [p.status, p.reason])).toEqual([['closed', 'offer_withdrawn']]);
    expectProblem(await ho('POST', `/api/v1/offers/${offerId}/open`), 409, 'invalid_transition');
    expectProblem(await ho('POST', `/api/v1/offers/${offerId}/withdraw`, { reason: 'encore' }), 409, 'invalid_transition');
  });
});

describe('unknown ids are 404', () => {
  const NO = 'no-such-id';
  const CASES: { method: 'GET' | 'POST'; path: string; what?: string; body?: () => Promise<unknown> | unknown }[] = [
    { method: 'GET', path: `/api/v1/landlords/${NO}` },
    { method: 'GET', path: `/api/v1/offers/${NO}` },
    { method: 'POST', path: `/api/v1/offers/${NO}/open` },
    { method: 'POST', path: `/api/v1/offers/${NO}/withdraw`, body: () => ({ reason: 'vendu' }) },
    { method: 'POST', path: `/api/v1/offers/${NO}/unit` },
    { method: 'GET', path: `/api/v1/offers/${NO}/matches` },
    { method: 'GET', path: `/api/v1/applicants/${NO}` },
    { method: 'GET', path: `/api/v1/applicants/${NO}/matches` },
    { method: 'GET', path: `/api/v1/proposals/${NO}` },
    { method: 'POST', path: `/api/v1/proposals/${NO}/status`, body: () => ({ status: 'visit' }) },
    { method: 'POST', path: '/api/v1/proposals', what: ' (an unknown offer)', body: async () => ({ offerId: NO, applicantId: await newApplicant('Famille 404') }) },
    { method: 'POST', path: '/api/v1/proposals', what: ' (an unknown applicant)', body: async () => ({ offerId: await newOffer(), applicantId: NO }) }
  ];
  eachCase(CASES, (c) => `${c.method} ${c.path}${c.what ?? ''}: 404 not_found, and no row changes`, async (c) => {
    expect.hasAssertions();
    const body = c.body ? await c.body() : undefined;
    const before = counts();
    expectProblem(await ho(c.method, c.path, body), 404, 'not_found');
    expect(counts()).toEqual(before);
  });
});

describe('the mission is for housing officers and admins only', () => {
  let ids: Record<string, string> = {};
  let missionRoutes: { method: 'GET' | 'POST' | 'PATCH'; path: string }[] = [];
  beforeAll(async () => {
    const offerId = await newOffer({ availableUntil: '2027-09-01' });
    const applicantId = await newApplicant('Famille Gardée');
    ids = { landlord: (await ho('GET', `/api/v1/offers/${offerId}`)).json.landlordId, offer: offerId, applicant: applicantId, proposal: await newProposal(offerId, applicantId) };
    const spec = (await api('none', 'GET', '/api/openapi.json')).json as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) if (op.tags?.includes('mission')) missionRoutes.push({ method: method.toUpperCase() as 'GET' | 'POST', path });
    }
  });
  const withIds = (path: string) => {
    const kind = /\/(landlords|offers|applicants|proposals)\/\{id\}/.exec(path)?.[1];
    return kind ? path.replace('{id}', ids[kind.replace(/s$/, '')]!) : path;
  };

  it('the OpenAPI document lists the 21 mission routes, each with its summary, schemas and error answers, and an example of an offer', async () => {
    expect.hasAssertions();
    expect(missionRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'GET /api/v1/landlords',
        'POST /api/v1/landlords',
        'GET /api/v1/landlords/{id}',
        'GET /api/v1/offers',
        'POST /api/v1/offers',
        'GET /api/v1/offers/{id}',
        'PATCH /api/v1/offers/{id}',
        'POST /api/v1/offers/{id}/open',
        'POST /api/v1/offers/{id}/withdraw',
        'POST /api/v1/offers/{id}/unit',
        'GET /api/v1/offers/{id}/matches',
        'GET /api/v1/applicants',
        'POST /api/v1/applicants',
        'GET /api/v1/applicants/{id}',
        'PATCH /api/v1/applicants/{id}',
        'GET /api/v1/applicants/{id}/matches',
        'GET /api/v1/proposals',
        'POST /api/v1/proposals',
        'GET /api/v1/proposals/refusals',
        'GET /api/v1/proposals/{id}',
        'POST /api/v1/proposals/{id}/status'
      ].sort()
    );
    const spec = (await api('none', 'GET', '/api/openapi.json')).json;
    for (const { method, path } of missionRoutes) {
      const op = spec.paths[path][method.toLowerCase()];
      const where = `${method} ${path}`;
      expect(op.summary?.length > 10 ? 'summary' : where).toBe('summary');
      expect(op.security).toEqual([{ bearer: [] }]);
      const statuses = Object.keys(op.responses);
      expect(statuses.includes('401') && statuses.includes('403') ? 'refusals documented' : where).toBe('refusals documented');
      expect(statuses.some((s) => /^2\d\d$/.test(s) && op.responses[s].content) ? 'answer documented' : where).toBe('answer documented');
      if (path.includes('{id}')) expect(statuses.includes('404') ? '404 documented' : where).toBe('404 documented');
      if ((method === 'POST' || method === 'PATCH') && !/\/(open|unit)$/.test(path)) {
        expect(op.requestBody?.content?.['application/json']?.schema ? 'body documented' : where).toBe('body documented');
        expect(statuses.includes('400') ? '400 documented' : where).toBe('400 documented');
      }
    }
    const offerInput = spec.paths['/api/v1/offers'].post.requestBody.content['application/json'];
    expect(offerInput.example).toMatchObject({ typology: 'T2', scheme: 'loc_avantages', energyRating: 'D' });
    expect(spec.paths['/api/v1/proposals'].post.responses).toHaveProperty('422');
    expect(spec.paths['/api/v1/proposals/{id}/status'].post.responses).toHaveProperty('409');
  });

  for (const role of ['partner', 'duty_officer'] as const) {
    it(`a ${role} gets 403 on every mission route, with a good or a malformed body, and nothing changes`, async () => {
      expect.hasAssertions();
      expect(missionRoutes).toHaveLength(21);
      const before = counts();
      for (const { method, path } of missionRoutes) {
        const url = withIds(path);
        const good = method !== 'GET' ? { name: 'M. X', status: 'visit', reason: 'x', offerId: ids.offer, applicantId: ids.applicant } : undefined;
        for (const body of method !== 'GET' ? [good, '{"broken":'] : [undefined]) {
          const res = await api(role, method, url, body);
          expect({ route: `${method} ${path}`, status: res.status, code: res.json?.code }).toEqual({ route: `${method} ${path}`, status: 403, code: 'forbidden' });
        }
      }
      expect(counts()).toEqual(before);
      expect(expectShape(await ho('GET', `/api/v1/proposals/${ids.proposal}`), 200, proposalSchema).status).toBe('proposed');
    });
  }

  it('no token is 401 on every mission route', async () => {
    expect.hasAssertions();
    for (const { method, path } of missionRoutes) expectProblem(await api('none', method, withIds(path)), 401, 'unauthorized');
  });

  it('an admin may do what a housing officer does', async () => {
    expect.hasAssertions();
    const landlord = expectShape(await api('admin', 'POST', '/api/v1/landlords', { name: 'SCI du Vidourle' }), 201, landlordSchema);
    const offer = expectShape(await api('admin', 'POST', '/api/v1/offers', offerBody(landlord.id, { scheme: 'solibail', locAvantagesLevel: null })), 201, offerDetail);
    expect(expectShape(await api('admin', 'GET', `/api/v1/offers/${offer.id}/matches`), 200, offerMatches).matches.length).toBeGreaterThan(0);
  });
});
