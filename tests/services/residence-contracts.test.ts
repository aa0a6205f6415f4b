// The social residence's contracts on a real SQLite file: signing places the stay through the booking
// core under the overlap guarantee (or adopts the household's stay), the stay kept six months ahead,
// amendments, statements, payments (once per Idempotency-Key), reversals, departures freeing exactly
// the nights from their date. The clock is fixed at 1 March 2027, 14:00 in Paris: tonight is 2027-03-01.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationStatus } from '../../src/domain/residence-codes.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { getAvailability } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { setClock } from '../../src/services/clock.ts';
import {
  amendContract,
  contractStatement,
  createContract,
  getContract,
  keepContractStaysAhead,
  listContracts,
  monthlyStatements,
  recordDeparture,
  recordPayment,
  type ContractInput
} from '../../src/services/residence/contracts.ts';
import { actOnStay, changeStayEnd, getStay, placeStay } from '../../src/services/stays.ts';
import { createUnit } from '../../src/services/sites.ts';
import { makeUnit } from '../support/fixtures.ts';
import { insertApplication } from '../support/residence.ts';
import { at, auditEntriesFor, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let unit: string; // residence, 2 places, social_residence only

beforeEach(() => {
  fixClock();
  w = makeWorld();
  unit = makeUnit(w.db, w.actors.admin, { name: 'Résidence 12', capacity: 2, siteKind: 'residence', programmes: ['social_residence'] });
});

afterEach(() => {
  resetClock();
  w.cleanup();
});

/** An application of a household (a new one unless given), in a status (admitted by default). */
function application(status: ApplicationStatus = 'admitted', over: { householdId?: string; adults?: number; children?: number } = {}): { id: string; householdId: string } {
  return insertApplication(w.db, w.actors.residence_officer.accountId, { status, ...over });
}

const body = (applicationId: string, over: Partial<ContractInput> = {}): ContractInput => ({
  applicationId,
  unitId: unit,
  start: '2027-03-10',
  rentCents: 40000,
  chargesCents: 5000,
  depositCents: 40000,
  aplCents: 20000,
  ...over
});

const sign = (over: Partial<ContractInput> = {}, role: Role = 'residence_officer') => createContract(w.db, w.actors[role], body(application().id, over)).value;

/** Everything a refused request must leave as it was. */
function state() {
  return {
    contracts: countRows(w, 'residence_contracts'),
    stays: countRows(w, 'stays'),
    events: countRows(w, 'stay_events'),
    audit: countRows(w, 'audit_entries'),
    payments: countRows(w, 'residence_payments'),
    amendments: countRows(w, 'residence_amendments'),
    departures: countRows(w, 'residence_departures'),
    applications: JSON.stringify(w.db.$client.prepare('SELECT id, status FROM residence_applications ORDER BY id').all()),
    stayRows: JSON.stringify(w.db.$client.prepare('SELECT id, start_date, end_date, status, destination FROM stays ORDER BY id').all()),
    contractRows: JSON.stringify(w.db.$client.prepare('SELECT id, status, end_date FROM residence_contracts ORDER BY id').all())
  };
}

describe('signing a contract', () => {
  it('places a confirmed social_residence stay from the start, seven months long, and the application becomes housed', () => {
    expect.hasAssertions();
    const app = application();
    const c = createContract(w.db, w.actors.residence_officer, body(app.id)).value;
    expect(c).toMatchObject({ applicationId: app.id, householdId: app.householdId, unitId: unit, start: '2027-03-10', end: null, rentCents: 40000, chargesCents: 5000, aplCents: 20000, depositCents: 40000, status: 'active', reviewEveryMonths: 6, nextReviewOn: '2027-09-10', amendments: [], departure: null });
    const stay = getStay(w.db, w.actors.admin, c.stayId);
    expect(stay).toMatchObject({ unitId: unit, householdId: app.householdId, programme: 'social_residence', start: '2027-03-10', end: '2027-10-10', status: 'confirmed' });
    expect(w.db.$client.prepare('SELECT status FROM residence_applications WHERE id = ?').pluck().get(app.id)).toBe('housed');
    expect(w.db.$client.prepare('SELECT status FROM residence_application_events WHERE application_id = ?').pluck().all(app.id)).toEqual(['housed']);
    expect(auditEntriesFor(w, c.id).map((e) => e.action)).toEqual(['residence_contract.create']);
  });

  it('is outside the stay limit: a social_residence limit of 30 nights does not refuse it', () => {
    expect.hasAssertions();
    w.db.$client.prepare(`UPDATE stay_limits SET max_nights = 30 WHERE programme = 'social_residence'`).run();
    const c = sign();
    expect(getStay(w.db, w.actors.admin, c.stayId).end).toBe('2027-10-10');
  });

  it('cannot overlap another stay on the unit: 409 overlap with the conflicting range, and nothing is written', () => {
    expect.hasAssertions();
    placeStay(w.db, w.actors.admin, { unitId: unit, start: '2027-06-01', end: '2027-06-05', programme: 'social_residence', household: household() });
    const app = application();
    const before = state();
    const e = expectAppError(() => createContract(w.db, w.actors.residence_officer, body(app.id), 'key-overlap'), 'overlap');
    expect(e.conflicts).toEqual([{ start: '2027-06-01', end: '2027-06-05', kind: 'stay' }]);
    expect(state()).toEqual(before);
    expect(countRows(w, 'idempotency_keys')).toBe(0);
  });

  it('cannot overlap a block either', () => {
    expect.hasAssertions();
    createBlock(w.db, w.actors.admin, { unitId: unit, start: '2027-09-01', end: '2027-09-03', reason: 'travaux' });
    const app = application();
    const before = state();
    expectAppError(() => createContract(w.db, w.actors.residence_officer, body(app.id)), 'overlap');
    expect(state()).toEqual(before);
  });

  it.each(['received', 'waiting_list', 'refused', 'redirected', 'withdrawn', 'housed'] as const)('an application that is %s: 409 invalid_transition, nothing written', (status) => {
    expect.hasAssertions();
    const app = application(status);
    const before = state();
    expectAppError(() => createContract(w.db, w.actors.residence_officer, body(app.id)), 'invalid_transition');
    expect(state()).toEqual(before);
  });

  it('a second contract for the same application is refused (it is housed)', () => {
    expect.hasAssertions();
    const app = application();
    createContract(w.db, w.actors.residence_officer, body(app.id));
    const other = makeUnit(w.db, w.actors.admin, { name: 'Résidence 14', capacity: 2, siteKind: 'residence', programmes: ['social_residence'] });
    expectAppError(() => createContract(w.db, w.actors.residence_officer, body(app.id, { unitId: other })), 'invalid_transition');
  });

  it.each([
    { rule: "a start before tonight's night", over: { start: '2027-02-28' }, code: 'invalid', field: 'start' },
    { rule: 'an impossible date', over: { start: '2027-02-30' }, code: 'invalid', field: 'start' },
    { rule: 'a deposit above one month of rent', over: { depositCents: 40001 }, code: 'invalid', field: 'depositCents' },
    { rule: 'a unit that does not serve the social residence', over: { unitId: 'emergency' }, code: 'invalid', field: 'programme' },
    { rule: 'a unit too small for the household', over: { unitId: 'single' }, code: 'invalid', field: 'household' },
    { rule: 'no such unit', over: { unitId: 'nowhere' }, code: 'not_found', field: null },
    { rule: 'no such application', over: { applicationId: 'nothing' }, code: 'not_found', field: null }
  ] as const)('$rule → $code, nothing written', ({ over, code, field }) => {
    expect.hasAssertions();
    const emergency = makeUnit(w.db, w.actors.admin, { name: 'Urgence', capacity: 4, programmes: ['emergency'] });
    const single = makeUnit(w.db, w.actors.admin, { name: 'Studio', capacity: 1, siteKind: 'residence', programmes: ['social_residence'] });
    const app = application('admitted', { adults: 1, children: 1 });
    const named = (over as { unitId?: string }).unitId;
    const unitId = named ? ({ emergency, single, nowhere: 'nowhere' } as Record<string, string>)[named] : unit;
    const before = state();
    const e = expectAppError(() => createContract(w.db, w.actors.residence_officer, body(app.id, { ...over, unitId })), code);
    if (field) expect(e.errors?.map((x) => x.path)).toEqual([field]);
    expect(state()).toEqual(before);
  });

  it.each(['duty_officer', 'housing_officer', 'partner'] as const)('a %s may not sign: 403 before anything is read', (role) => {
    expect.hasAssertions();
    const app = application();
    const before = state();
    expectAppError(() => createContract(w.db, w.actors[role], body(app.id)), 'forbidden');
    expect(state()).toEqual(before);
  });

  it('a retry with the same Idempotency-Key returns the first answer and signs once', () => {
    expect.hasAssertions();
    const app = application();
    const first = createContract(w.db, w.actors.residence_officer, body(app.id), 'sign-1');
    const second = createContract(w.db, w.actors.residence_officer, body(app.id), 'sign-1');
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ replayed: true, value: first.value });
    expect(countRows(w, 'residence_contracts')).toBe(1);
    expect(countRows(w, 'stays')).toBe(1);
  });
});

describe('adopting a resident’s stay', () => {
  /** A resident in place since June 2026 (recorded by an admin), until 1 April 2027. */
  function resident() {
    const { value } = placeStay(w.db, w.actors.admin, { unitId: unit, start: '2026-06-01', end: '2027-04-01', programme: 'social_residence', household: household('Famille Résidente') });
    actOnStay(w.db, w.actors.admin, value.id, 'check-in');
    return value;
  }

  it('takes the stay’s start and extends it to seven months beyond tonight, as a stay event of its own', () => {
    expect.hasAssertions();
    const stay = resident();
    const app = application('admitted', { householdId: stay.householdId });
    const c = createContract(w.db, w.actors.residence_officer, body(app.id, { stayId: stay.id, start: '2027-03-01' })).value;
    expect(c).toMatchObject({ stayId: stay.id, start: '2026-06-01', householdId: stay.householdId });
    const after = getStay(w.db, w.actors.admin, stay.id);
    expect(after.end).toBe('2027-10-01');
    expect(after.status).toBe('in_place');
    expect(after.history?.at(-1)).toMatchObject({ action: 'contract_extend', previousEnd: '2027-04-01', end: '2027-10-01' });
    expect(countRows(w, 'stays')).toBe(1);
  });

  it('leaves a stay that already reaches six months ahead as it is', () => {
    expect.hasAssertions();
    const { value: stay } = placeStay(w.db, w.actors.admin, { unitId: unit, start: '2027-03-01', end: '2027-12-01', programme: 'social_residence', household: household() });
    const app = application('admitted', { householdId: stay.householdId });
    createContract(w.db, w.actors.residence_officer, body(app.id, { stayId: stay.id }));
    expect(getStay(w.db, w.actors.admin, stay.id).end).toBe('2027-12-01');
  });

  it('refuses the stay of another household (422), one under a contract already (409), and an extension into a taken night (409), writing nothing', () => {
    expect.hasAssertions();
    const stay = resident();
    const stranger = application();
    let before = state();
    expect(expectAppError(() => createContract(w.db, w.actors.residence_officer, body(stranger.id, { stayId: stay.id })), 'invalid').errors?.[0].path).toBe('stayId');
    expect(state()).toEqual(before);

    createBlock(w.db, w.actors.admin, { unitId: unit, start: '2027-05-01', end: '2027-05-03', reason: 'travaux' });
    const own = application('admitted', { householdId: stay.householdId });
    before = state();
    expectAppError(() => createContract(w.db, w.actors.residence_officer, body(own.id, { stayId: stay.id })), 'overlap');
    expect(state()).toEqual(before);
  });

  it('a stay already under a contract is not adopted twice', () => {
    expect.hasAssertions();
    const stay = resident();
    createContract(w.db, w.actors.residence_officer, body(application('admitted', { householdId: stay.householdId }).id, { stayId: stay.id }));
    const again = application('admitted', { householdId: stay.householdId });
    expectAppError(() => createContract(w.db, w.actors.residence_officer, body(again.id, { stayId: stay.id })), 'invalid_transition');
  });
});

describe('the stay kept six months ahead', () => {
  it('is extended when tonight moves on, recorded, and left alone while it reaches far enough', () => {
    expect.hasAssertions();
    const c = sign(); // stay to 2027-10-10
    expect(keepContractStaysAhead(w.db)).toEqual({ extended: 0, blocked: 0 });
    setClock(at('2027-04-20T14:00:00+02:00')); // tonight 2027-04-20: must reach 2027-10-20
    expect(keepContractStaysAhead(w.db)).toEqual({ extended: 1, blocked: 0 });
    const stay = getStay(w.db, w.actors.admin, c.stayId);
    expect(stay.end).toBe('2027-11-20');
    expect(stay.history?.at(-1)).toMatchObject({ action: 'contract_extend', previousEnd: '2027-10-10', end: '2027-11-20' });
    expect(keepContractStaysAhead(w.db)).toEqual({ extended: 0, blocked: 0 });
  });

  it('a block after the stay stops the extension, which is counted and changes nothing', () => {
    expect.hasAssertions();
    const c = sign();
    createBlock(w.db, w.actors.admin, { unitId: unit, start: '2027-11-01', end: '2027-11-02', reason: 'travaux' });
    setClock(at('2027-04-20T14:00:00+02:00'));
    expect(keepContractStaysAhead(w.db)).toEqual({ extended: 0, blocked: 1 });
    expect(getStay(w.db, w.actors.admin, c.stayId).end).toBe('2027-10-10');
  });

  it('an ended contract’s stay is not extended', () => {
    expect.hasAssertions();
    const c = sign();
    recordDeparture(w.db, w.actors.residence_officer, c.id, { date: '2027-05-01', destination: 'social_housing' });
    setClock(at('2027-04-20T14:00:00+02:00'));
    expect(keepContractStaysAhead(w.db)).toEqual({ extended: 0, blocked: 0 });
    expect(getStay(w.db, w.actors.admin, c.stayId).end).toBe('2027-05-01');
  });
});

describe('keep apart across a contract\'s extensions', () => {
  /**
   * A woman who named her violent partner (keep apart) signs a contract at the residence; he is then
   * placed on the residence's site after her stay's current end. Extending her stay onto his nights
   * would put them on one site on the same nights: it is refused like any placement.
   */
  function setUp() {
    const elsewhere = makeUnit(w.db, w.actors.admin, { name: 'Ailleurs', programmes: ['emergency'] });
    const partner = placeStay(w.db, w.actors.duty_officer, { unitId: elsewhere, start: '2027-03-01', end: '2027-03-05', programme: 'emergency', household: household('M. Violent') }).value;
    const shelter = makeUnit(w.db, w.actors.admin, { name: 'Abri', programmes: ['dv_protocol'] });
    const her = placeStay(w.db, w.actors.duty_officer, {
      unitId: shelter,
      start: '2027-03-01',
      end: '2027-03-10',
      programme: 'dv_protocol',
      household: { ...household('Mme Protégée', 1, 1), keepApartFrom: partner.householdId }
    }).value;
    const siteId = w.db.$client.prepare('SELECT site_id FROM units WHERE id = ?').pluck().get(unit) as string;
    const other = createUnit(w.db, w.actors.admin, { siteId, name: 'Résidence 13', capacity: 2, programmes: ['emergency'] }).id;
    return { partner, her, other };
  }

  it('the service does not extend her stay onto nights he holds on the same site: counted as blocked, nothing written', () => {
    expect.hasAssertions();
    const { partner, her, other } = setUp();
    const c = createContract(w.db, w.actors.residence_officer, body(application('admitted', { householdId: her.householdId }).id)).value; // her stay to 2027-10-10
    placeStay(w.db, w.actors.duty_officer, { unitId: other, start: '2027-10-20', end: '2027-10-30', programme: 'emergency', householdId: partner.householdId });
    setClock(at('2027-04-20T14:00:00+02:00')); // must reach 2027-10-20: extended to 2027-11-20 it would share his nights
    const before = state();
    expect(keepContractStaysAhead(w.db)).toEqual({ extended: 0, blocked: 1 });
    expect(state()).toEqual(before);
    expect(getStay(w.db, w.actors.admin, c.stayId).end).toBe('2027-10-10');
  });

  it('adopting her stay does not extend it onto his nights either (422, nothing written)', () => {
    expect.hasAssertions();
    const { partner, her, other } = setUp();
    const { value: stay } = placeStay(w.db, w.actors.admin, { unitId: unit, start: '2027-03-10', end: '2027-04-01', programme: 'social_residence', householdId: her.householdId });
    placeStay(w.db, w.actors.duty_officer, { unitId: other, start: '2027-04-05', end: '2027-04-15', programme: 'emergency', householdId: partner.householdId });
    const app = application('admitted', { householdId: her.householdId });
    const before = state();
    expectAppError(() => createContract(w.db, w.actors.residence_officer, body(app.id, { stayId: stay.id })), 'invalid');
    expect(state()).toEqual(before);
  });
});

describe('the stay of an active contract through the stays\' own moves', () => {
  it('is not cancelled, marked no-show, checked out or shortened while the contract runs (409, nothing written): its departure is recorded instead', () => {
    expect.hasAssertions();
    const c = sign({ start: '2027-03-01' });
    for (const role of ['residence_officer', 'admin'] as const) {
      let before = state();
      expectAppError(() => actOnStay(w.db, w.actors[role], c.stayId, 'cancel'), 'invalid_transition');
      expectAppError(() => actOnStay(w.db, w.actors[role], c.stayId, 'no-show'), 'invalid_transition');
      expectAppError(() => changeStayEnd(w.db, w.actors[role], c.stayId, { end: '2027-04-01' }), 'invalid_transition');
      expect(state()).toEqual(before);
      if (role === 'residence_officer') actOnStay(w.db, w.actors[role], c.stayId, 'check-in');
      before = state();
      expectAppError(() => actOnStay(w.db, w.actors[role], c.stayId, 'check-out'), 'invalid_transition');
      expect(state()).toEqual(before);
    }
    // Once its departure is recorded (to come), the stay is checked out on the day as any other.
    recordDeparture(w.db, w.actors.residence_officer, c.id, { date: '2027-03-20', destination: 'social_housing' });
    setClock(at('2027-03-20T14:00:00+01:00'));
    expect(actOnStay(w.db, w.actors.residence_officer, c.stayId, 'check-out').status).toBe('ended');
  });
});

describe('a departure', () => {
  it('frees exactly the nights from its date: the night before stays taken, the departure night is free', () => {
    expect.hasAssertions();
    const c = sign();
    const ended = recordDeparture(w.db, w.actors.residence_officer, c.id, { date: '2027-05-15', destination: 'private_rental', noticeGivenOn: '2027-05-01', by: 'resident' });
    expect(ended).toMatchObject({ status: 'ended', end: '2027-05-15', nextReviewOn: null, departure: { date: '2027-05-15', destination: 'private_rental', noticeGivenOn: '2027-05-01', by: 'resident', reason: null } });
    const stay = getStay(w.db, w.actors.admin, c.stayId);
    expect(stay).toMatchObject({ start: '2027-03-10', end: '2027-05-15', status: 'confirmed' });
    expect(stay.history?.at(-1)).toMatchObject({ action: 'contract_departure', previousEnd: '2027-10-10', end: '2027-05-15' });
    expect(w.db.$client.prepare('SELECT destination FROM stays WHERE id = ?').pluck().get(c.stayId)).toBe('private_rental');

    const free = getAvailability(w.db, w.actors.admin, { from: '2027-05-10', to: '2027-05-20', programme: 'social_residence' }).units.find((u) => u.unitId === unit);
    expect(free?.free).toEqual([{ start: '2027-05-15', end: '2027-05-20' }]);
    expectAppError(() => placeStay(w.db, w.actors.admin, { unitId: unit, start: '2027-05-14', end: '2027-05-15', programme: 'social_residence', household: household() }), 'overlap');
    expect(placeStay(w.db, w.actors.admin, { unitId: unit, start: '2027-05-15', end: '2027-05-16', programme: 'social_residence', household: household() }).value.start).toBe('2027-05-15');

    // Fees run to the night before the departure: 14 nights of May's 31.
    expect(contractStatement(w.db, w.actors.residence_officer, c.id, '2027-05')).toMatchObject({ nights: 14 });
  });

  it('of a household in place, dated today, ends its stay as a check-out would', () => {
    expect.hasAssertions();
    const c = sign({ start: '2027-03-01' });
    actOnStay(w.db, w.actors.residence_officer, c.stayId, 'check-in');
    setClock(at('2027-03-20T14:00:00+01:00'));
    recordDeparture(w.db, w.actors.residence_officer, c.id, { date: '2027-03-20', destination: 'family_or_friends' });
    expect(getStay(w.db, w.actors.admin, c.stayId)).toMatchObject({ end: '2027-03-20', status: 'ended' });
  });

  it.each([
    { rule: 'notice by the residence without a reason', input: { date: '2027-05-15', destination: 'street', by: 'residence', noticeGivenOn: '2027-04-15' }, code: 'invalid', field: 'reason' },
    { rule: 'a date before the start', input: { date: '2027-03-05', destination: 'unknown' }, code: 'invalid', field: 'date' },
    { rule: 'a date on the start', input: { date: '2027-03-10', destination: 'unknown' }, code: 'invalid', field: 'date' },
    { rule: "a date after the stay's end", input: { date: '2027-10-11', destination: 'unknown' }, code: 'invalid', field: 'date' },
    { rule: 'an impossible date', input: { date: '2027-04-31', destination: 'unknown' }, code: 'invalid', field: 'date' },
    { rule: 'a notice given after the departure', input: { date: '2027-05-15', destination: 'unknown', noticeGivenOn: '2027-05-16', by: 'resident' }, code: 'invalid', field: 'noticeGivenOn' }
  ] as const)('$rule → 422, nothing changed', ({ input, field }) => {
    expect.hasAssertions();
    const c = sign();
    const before = state();
    const e = expectAppError(() => recordDeparture(w.db, w.actors.residence_officer, c.id, input), 'invalid');
    expect(e.errors?.map((x) => x.path)).toEqual([field]);
    expect(state()).toEqual(before);
  });

  it('by the residence with its reason; a second departure is 409', () => {
    expect.hasAssertions();
    const c = sign();
    recordDeparture(w.db, w.actors.admin, c.id, { date: '2027-06-01', destination: 'other_structure', by: 'residence', noticeGivenOn: '2027-05-01', reason: 'impayés répétés' });
    expect(auditEntriesFor(w, c.id).at(-1)).toMatchObject({ action: 'residence_contract.departure' });
    const before = state();
    expectAppError(() => recordDeparture(w.db, w.actors.admin, c.id, { date: '2027-05-20', destination: 'unknown' }), 'invalid_transition');
    expect(state()).toEqual(before);
  });
});

describe('payments and statements', () => {
  it('a retried payment with the same Idempotency-Key records once; another key records again', () => {
    expect.hasAssertions();
    const c = sign();
    const p = { date: '2027-03-01', amountCents: 25000, means: 'transfer' as const };
    const first = recordPayment(w.db, w.actors.residence_officer, c.id, p, 'pay-1');
    const retry = recordPayment(w.db, w.actors.residence_officer, c.id, p, 'pay-1');
    expect(retry).toEqual({ replayed: true, value: first.value });
    expect(countRows(w, 'residence_payments')).toBe(1);
    recordPayment(w.db, w.actors.residence_officer, c.id, p, 'pay-2');
    expect(countRows(w, 'residence_payments')).toBe(2);
    // The same key on another route is refused, not replayed.
    expectAppError(() => amendContract(w.db, w.actors.residence_officer, c.id, { from: '2027-04-01', aplCents: 1 }, 'pay-1'), 'invalid');
  });

  it('the statement follows payments, reversals and amendments, the balance carried over', () => {
    expect.hasAssertions();
    setClock(at('2027-06-20T14:00:00+02:00'));
    const app = application();
    setClock(at('2027-03-01T14:00:00+01:00'));
    const c = createContract(w.db, w.actors.residence_officer, body(app.id, { start: '2027-03-16' })).value;
    setClock(at('2027-06-20T14:00:00+02:00'));
    // March: 16 nights of 31: 45 000 × 16 ÷ 31 = 23 225.8 → 23 226; APL 20 000 × 16 ÷ 31 = 10 322.6 → 10 323; owed 12 903.
    expect(contractStatement(w.db, w.actors.housing_officer, c.id, '2027-03')).toEqual({ month: '2027-03', nights: 16, dueCents: 23226, aplCents: 10323, paidCents: 0, balanceCents: 12903 });
    recordPayment(w.db, w.actors.residence_officer, c.id, { date: '2027-04-02', amountCents: 37903, means: 'cheque' });
    recordPayment(w.db, w.actors.residence_officer, c.id, { date: '2027-04-20', amountCents: -37903, means: 'cheque', reason: 'chèque sans provision' });
    recordPayment(w.db, w.actors.residence_officer, c.id, { date: '2027-04-25', amountCents: 37903, means: 'transfer' });
    expect(contractStatement(w.db, w.actors.duty_officer, c.id, '2027-04')).toEqual({ month: '2027-04', nights: 30, dueCents: 45000, aplCents: 20000, paidCents: 37903, balanceCents: 0 });
    amendContract(w.db, w.actors.residence_officer, c.id, { from: '2027-05-16', aplCents: 15000 });
    // May: 15 nights at 200 € of APL, 16 at 150 €: (300 000 + 240 000) ÷ 31 = 17 419.35 → 17 419.
    expect(contractStatement(w.db, w.actors.residence_officer, c.id, '2027-05')).toEqual({ month: '2027-05', nights: 31, dueCents: 45000, aplCents: 17419, paidCents: 0, balanceCents: 27581 });
    const view = getContract(w.db, w.actors.residence_officer, c.id);
    // June: 27 581 + 45 000 − 15 000 = 57 581; the month's share 30 000 → 1 month owed.
    expect(view.arrears).toEqual({ month: '2027-06', balanceCents: 57581, monthsOwed: 1 });
    expect(view.amendments).toMatchObject([{ from: '2027-05-16', rentCents: null, chargesCents: null, aplCents: 15000 }]);
  });

  it.each([
    { rule: 'a reversal without its reason', input: { date: '2027-03-01', amountCents: -100, means: 'cheque' }, field: 'reason' },
    { rule: 'an amount of 0', input: { date: '2027-03-01', amountCents: 0, means: 'cash' }, field: 'amountCents' },
    { rule: 'a date after today', input: { date: '2027-03-02', amountCents: 100, means: 'cash' }, field: 'date' },
    { rule: "a date before the month of the contract's start", input: { date: '2027-02-28', amountCents: 100, means: 'cash' }, field: 'date' },
    { rule: 'an impossible date', input: { date: '2027-02-29', amountCents: 100, means: 'cash' }, field: 'date' }
  ] as const)('$rule → 422, nothing recorded', ({ input, field }) => {
    expect.hasAssertions();
    const c = sign();
    const before = state();
    const e = expectAppError(() => recordPayment(w.db, w.actors.residence_officer, c.id, input, 'k'), 'invalid');
    expect(e.errors?.map((x) => x.path)).toEqual([field]);
    expect(state()).toEqual(before);
    expect(countRows(w, 'idempotency_keys')).toBe(0);
  });

  it.each([
    { rule: 'no amount', input: { from: '2027-04-01' }, code: 'invalid' },
    { rule: "before the contract's start", input: { from: '2027-03-09', rentCents: 41000 }, code: 'invalid' },
    { rule: 'an impossible date', input: { from: '2027-04-31', rentCents: 41000 }, code: 'invalid' }
  ] as const)('an amendment with $rule → 422, nothing recorded', ({ input, code }) => {
    expect.hasAssertions();
    const c = sign();
    const before = state();
    expectAppError(() => amendContract(w.db, w.actors.residence_officer, c.id, input), code);
    expect(state()).toEqual(before);
  });

  it('an ended contract takes no amendment (409) but still takes payments (the arrears settled)', () => {
    expect.hasAssertions();
    const c = sign();
    recordDeparture(w.db, w.actors.residence_officer, c.id, { date: '2027-04-01', destination: 'social_housing' });
    expectAppError(() => amendContract(w.db, w.actors.residence_officer, c.id, { from: '2027-03-20', rentCents: 1 }), 'invalid_transition');
    expect(recordPayment(w.db, w.actors.residence_officer, c.id, { date: '2027-03-01', amountCents: 100, means: 'cash' }).value.amountCents).toBe(100);
  });

  it('readers read; only residence officers and admins write; a partner reads nothing', () => {
    expect.hasAssertions();
    const c = sign();
    for (const role of ['admin', 'residence_officer', 'housing_officer', 'duty_officer'] as const) {
      expect(getContract(w.db, w.actors[role], c.id).id).toBe(c.id);
      expect(contractStatement(w.db, w.actors[role], c.id, '2027-03').nights).toBe(22);
    }
    expectAppError(() => getContract(w.db, w.actors.partner, c.id), 'forbidden');
    expectAppError(() => contractStatement(w.db, w.actors.partner, c.id, '2027-03'), 'forbidden');
    for (const role of ['housing_officer', 'duty_officer', 'partner'] as const) {
      expectAppError(() => recordPayment(w.db, w.actors[role], c.id, { date: '2027-03-01', amountCents: 1, means: 'cash' }), 'forbidden');
      expectAppError(() => amendContract(w.db, w.actors[role], c.id, { from: '2027-04-01', rentCents: 1 }), 'forbidden');
      expectAppError(() => recordDeparture(w.db, w.actors[role], c.id, { date: '2027-04-01', destination: 'unknown' }), 'forbidden');
    }
    expectAppError(() => getContract(w.db, w.actors.admin, 'nothing'), 'not_found');
  });
});

describe('the accountant’s monthly list', () => {
  it('gives each running contract’s statement with its months owed; an ended one while it still owes; none before its start', () => {
    expect.hasAssertions();
    const paid = sign(); // from 2027-03-10
    const owing = sign({ unitId: makeUnit(w.db, w.actors.admin, { name: 'Résidence 14', capacity: 2, siteKind: 'residence', programmes: ['social_residence'] }) });
    const later = sign({ start: '2027-06-01', unitId: makeUnit(w.db, w.actors.admin, { name: 'Résidence 16', capacity: 2, siteKind: 'residence', programmes: ['social_residence'] }) });
    setClock(at('2027-05-05T14:00:00+02:00'));
    recordPayment(w.db, w.actors.residence_officer, paid.id, { date: '2027-05-02', amountCents: 25000 * 2 + 12500 + 1, means: 'transfer' });
    recordDeparture(w.db, w.actors.residence_officer, owing.id, { date: '2027-05-01', destination: 'unknown' });
    // March: 22 nights of 31: 45 000 × 22 ÷ 31 = 31 935.48 → 31 935, APL 20 000 × 22 ÷ 31 = 14 193.55 → 14 194: 17 741 owed;
    // April 25 000. Left on 1 May: 42 741 = 1 month of 25 000. Still there: 67 741 − 62 501 paid = 5 240, no month owed.
    const lines = monthlyStatements(w.db, w.actors.duty_officer, '2027-05');
    expect(lines.map((l) => l.contractId).sort()).toEqual([paid.id, owing.id].sort());
    expect(lines.find((l) => l.contractId === owing.id)).toMatchObject({ status: 'ended', nights: 0, balanceCents: 42741, monthsOwed: 1 });
    expect(lines.find((l) => l.contractId === paid.id)).toMatchObject({ status: 'active', nights: 31, paidCents: 62501, balanceCents: 5240, monthsOwed: 0 });
    expect(lines.some((l) => l.contractId === later.id)).toBe(false);
    expect(monthlyStatements(w.db, w.actors.residence_officer, '2027-06').map((l) => l.contractId)).toContain(later.id);
    expectAppError(() => monthlyStatements(w.db, w.actors.partner, '2027-05'), 'forbidden');
    expectAppError(() => monthlyStatements(w.db, w.actors.admin, '2027-13'), 'validation');
    expect(listContracts(w.db, w.actors.housing_officer, { status: 'active' }).map((c) => c.id)).toEqual([paid.id, later.id]);
    expect(listContracts(w.db, w.actors.admin).length).toBe(3);
  });
});
