// The pathway, the merge and the check-out's destination over HTTP: every caller (the residence
// officer included), the shapes each role gets, bad input answered 4xx with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { setClock } from '../../src/services/clock.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeAccounts, makeTestDb, type RoleToken, type TestDb } from '../support/fixtures.ts';
import { buildPathwayWorld, type PathwayWorld } from '../support/pathway-world.ts';
import { expectProblem, headersFor, makeRevokedToken, send, snapshot, type Method } from './_support.ts';

type Caller = 'none' | 'unknown' | 'revoked' | Role;
const CALLERS: readonly Caller[] = ['none', 'unknown', 'revoked', 'admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];

let t: TestDb;
let app: FastifyInstance;
let acc: Record<Role, RoleToken>;
let revoked: string;
let p: PathwayWorld;
let emergencyUnit: string;
let n = 0;

beforeAll(async () => {
  t = makeTestDb();
  acc = makeAccounts(t.db);
  revoked = makeRevokedToken(t.db);
  const actors = Object.fromEntries(Object.entries(acc).map(([r, a]) => [r, a.actor])) as Record<Role, RoleToken['actor']>;
  p = buildPathwayWorld(t.db, actors);
  const site = createSite(t.db, actors.admin, { name: 'Appartements', commune: 'Lunel', confidential: false, address: 'a', kind: 'apartment' }).id;
  emergencyUnit = createUnit(t.db, actors.admin, { siteId: site, name: 'E1', capacity: 4, programmes: ['emergency'] }).id;
  app = await buildApp({ db: t.db });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  t?.cleanup();
  setClock(null);
});

const call = (who: Caller, method: Method, url: string, payload?: unknown) => send(app, method, url, headersFor(who, acc, revoked), payload);
/** A household known only under the emergency programme, with a stay in place. */
function emergencyHousehold(): { householdId: string; stayId: string } {
  const start = addDays('2027-09-01', n++);
  const stay = placeStay(t.db, acc.admin.actor, { unitId: emergencyUnit, start, end: addDays(start, 1), programme: 'emergency', household: { label: `Famille ${n}`, adults: 1, children: 0 } }).value;
  return { householdId: stay.householdId, stayId: stay.id };
}
const EXPECTED: Record<Caller, number> = { none: 401, unknown: 401, revoked: 401, admin: 200, duty_officer: 200, housing_officer: 200, residence_officer: 200, partner: 403 };

describe('GET /api/v1/households/:id/pathway', () => {
  for (const who of CALLERS) {
    it(`as ${who} → ${EXPECTED[who]}`, async () => {
      expect.hasAssertions();
      const res = await call(who, 'GET', `/api/v1/households/${p.householdId}/pathway`);
      if (EXPECTED[who] === 401) return void expectProblem(res, 401, 'unauthorized');
      if (EXPECTED[who] === 403) return void expectProblem(res, 403, 'forbidden');
      expect(res.statusCode).toBe(200);
      const body = res.json() as { householdId: string; steps: { date: string; kind: string; programme?: string }[] };
      expect(body.householdId).toBe(p.householdId);
      expect(body.steps.map((s) => s.kind)).toEqual(['residence_application', 'committee_decision', 'referral', 'stay', 'departure', 'residence_contract', 'stay', 'mission_applicant', 'proposal', 'lease_signed', 'departure']);
      const dates = body.steps.map((s) => s.date);
      expect(dates).toEqual([...dates].sort());
      const handled: Record<string, readonly string[]> = { admin: ['all'], duty_officer: ['all'], housing_officer: ['social_residence', 'housing_mission'], residence_officer: ['social_residence'] };
      for (const s of body.steps) {
        const sees = handled[who]![0] === 'all' || (s.programme !== undefined && handled[who]!.includes(s.programme));
        if (!sees) expect(s, `${who} ${s.kind}`).toEqual({ date: s.date, kind: s.kind });
        else expect(Object.keys(s).length, `${who} ${s.kind}`).toBeGreaterThan(2);
      }
    });
  }

  it('a household known only through programmes the role does not handle is 404 to it (and unknown ids to all)', async () => {
    expect.hasAssertions();
    const { householdId } = emergencyHousehold();
    expectProblem(await call('residence_officer', 'GET', `/api/v1/households/${householdId}/pathway`), 404, 'not_found');
    expectProblem(await call('housing_officer', 'GET', `/api/v1/households/${householdId}/pathway`), 404, 'not_found');
    expect((await call('duty_officer', 'GET', `/api/v1/households/${householdId}/pathway`)).statusCode).toBe(200);
    expectProblem(await call('admin', 'GET', '/api/v1/households/no-such-household/pathway'), 404, 'not_found');
  });
});

describe('POST /api/v1/stays/:id/check-out with a destination', () => {
  it('records it, and the pathway shows it', async () => {
    expect.hasAssertions();
    const { householdId, stayId } = emergencyHousehold();
    t.db.$client.prepare(`UPDATE stays SET status = 'in_place' WHERE id = ?`).run(stayId);
    const res = await call('duty_officer', 'POST', `/api/v1/stays/${stayId}/check-out`, { destination: 'family_or_friends' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ended', destination: 'family_or_friends' });
    const path = (await call('duty_officer', 'GET', `/api/v1/households/${householdId}/pathway`)).json() as { steps: { kind: string; destination?: string }[] };
    expect(path.steps.find((s) => s.kind === 'departure')).toMatchObject({ destination: 'family_or_friends', stayId });
  });

  it.each([[{ destination: 'home' }, 422, 'validation'], [{ destination: 'Private_Rental' }, 422, 'validation'], [{ destination: 42 }, 400, 'validation'], ['{"destination":', 400, 'validation']] as const)(
    'body %j → %i and nothing changes',
    async (body, status, code) => {
      expect.hasAssertions();
      const { stayId } = emergencyHousehold();
      t.db.$client.prepare(`UPDATE stays SET status = 'in_place' WHERE id = ?`).run(stayId);
      const before = snapshot(t.db);
      const res = await call('duty_officer', 'POST', `/api/v1/stays/${stayId}/check-out`, body);
      const problem = expectProblem(res, status, code);
      if (status === 422) expect(problem.errors).toEqual([{ path: 'destination', message: 'unknown_destination' }]);
      expect(snapshot(t.db)).toEqual(before);
      expect(t.db.$client.prepare('SELECT status, destination FROM stays WHERE id = ?').get(stayId)).toEqual({ status: 'in_place', destination: null });
    }
  );
});

describe('POST /api/v1/households/:id/merge', () => {
  it('admins only: every other caller is refused before the body, and nothing changes', async () => {
    expect.hasAssertions();
    const a = emergencyHousehold().householdId;
    const b = emergencyHousehold().householdId;
    const before = snapshot(t.db);
    for (const who of CALLERS.filter((c) => c !== 'admin')) {
      const res = await call(who, 'POST', `/api/v1/households/${a}/merge`, { duplicateId: 42 });
      expectProblem(res, ['none', 'unknown', 'revoked'].includes(who) ? 401 : 403, ['none', 'unknown', 'revoked'].includes(who) ? 'unauthorized' : 'forbidden');
    }
    expect(snapshot(t.db)).toEqual(before);
    expect(t.db.$client.prepare('SELECT count(*) FROM households WHERE id IN (?, ?)').pluck().get(a, b)).toBe(2);
  });

  it('bad input is 4xx and changes nothing', async () => {
    expect.hasAssertions();
    const a = emergencyHousehold().householdId;
    const b = emergencyHousehold().householdId;
    t.db.$client.prepare('UPDATE households SET keep_apart_from_id = ? WHERE id = ?').run(a, b);
    const before = snapshot(t.db);
    const cases: [unknown, number, string][] = [
      [{ duplicateId: b }, 400, 'validation'],
      [{ duplicateId: b, reason: '   ' }, 400, 'validation'],
      [{ duplicateId: 42, reason: 'x' }, 400, 'validation'],
      ['{"duplicateId":', 400, 'validation'],
      [{ duplicateId: a, reason: 'même ménage' }, 422, 'validation'],
      [{ duplicateId: 'no-such-household', reason: 'même ménage' }, 404, 'not_found'],
      [{ duplicateId: b, reason: 'même ménage' }, 409, 'invalid_transition']
    ];
    for (const [body, status, code] of cases) expectProblem(await call('admin', 'POST', `/api/v1/households/${a}/merge`, body), status, code as 'validation');
    expectProblem(await call('admin', 'POST', `/api/v1/households/no-such-household/merge`, { duplicateId: a, reason: 'x' }), 404, 'not_found');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('merges: the duplicate is gone (404), its stays are the kept household\'s', async () => {
    expect.hasAssertions();
    const kept = emergencyHousehold().householdId;
    const dup = emergencyHousehold();
    const res = await call('admin', 'POST', `/api/v1/households/${kept}/merge`, { duplicateId: dup.householdId, reason: 'même ménage' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ householdId: kept, mergedId: dup.householdId, confidential: false, moved: { stays: 1 } });
    expectProblem(await call('admin', 'GET', `/api/v1/households/${dup.householdId}/pathway`), 404, 'not_found');
    expect((await call('admin', 'GET', `/api/v1/stays/${dup.stayId}`)).json()).toMatchObject({ householdId: kept });
    const steps = (await call('admin', 'GET', `/api/v1/households/${kept}/pathway`)).json().steps as { kind: string }[];
    expect(steps.filter((s) => s.kind === 'stay')).toHaveLength(2);
  });
});
