// Applications to the social residence and the admission committee, on a real SQLite file: who files
// and who sees what (a partner its organisation's only), the decisions (a reason for a refusal, a
// move twice is 409, an urgent decision between committees flagged), every step dated with its
// committee, confidential DV households by pseudonym, and the waiting list's order on a built world.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import {
  committeeAgenda,
  committeeMinutes,
  createApplication,
  createCommittee,
  decideApplication,
  getApplication,
  listApplications,
  waitingLists,
  type StaffApplicationView
} from '../../src/services/residence/applications.ts';
import { placeStay } from '../../src/services/stays.ts';
import { openHousehold } from '../../src/services/households.ts';
import type { ApplicationInput } from '../../src/schemas/residence-applications.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, auditEntriesFor, countRows, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
let otherPartner: Actor;

beforeEach(() => {
  fixClock(); // 1 March 2027, 14:00 in Paris
  w = makeWorld();
  const t = createAccountWithToken(w.db, { name: 'ML', role: 'partner', organisation: 'Mission Locale' });
  otherPartner = { accountId: t.accountId, role: 'partner', organisationId: t.organisationId };
});
afterEach(() => {
  w.cleanup();
  resetClock();
});

let serial = 0;
function body(over: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    household: { label: `Demandeur ${++serial}`, adults: 1, children: 0 },
    monthlyIncomeCents: 90000,
    public: 'other',
    referrer: { contact: 'Mme Bernard', phone: '04 67 00 00 00' },
    ...over
  };
}
const file = (actor: Actor, over: Partial<ApplicationInput> = {}) => createApplication(w.db, actor, body(over)).value;
const tables = () => ['residence_applications', 'residence_application_events', 'residence_committees', 'households', 'audit_entries'].map((t) => countRows(w, t));

describe('filing an application', () => {
  it('a partner files for a new household: received, its organisation’s, one dated step', () => {
    const a = file(w.actors.partner);
    expect(a).toMatchObject({ status: 'received', receivedAt: '2027-03-01T14:00:00.000+01:00' });
    expect(a.steps).toEqual([{ status: 'received', at: '2027-03-01T14:00:00.000+01:00' }]);
    const staff = getApplication(w.db, w.actors.residence_officer, a.id) as StaffApplicationView;
    expect(staff.organisation).toBe('Gendarmerie de Lunel');
    expect(staff.referrer.organisation).toBe('Gendarmerie de Lunel');
    expect(staff.household).toMatchObject({ id: a.householdId, confidential: false, adults: 1 });
  });

  it('a partner naming a householdId is 422 and files nothing', () => {
    const known = file(w.actors.admin).householdId;
    const before = tables();
    const e = expectAppError(() => createApplication(w.db, w.actors.partner, { ...body(), household: undefined, householdId: known }), 'invalid');
    expect(e.status).toBe(422);
    expect(tables()).toEqual(before);
  });

  it('staff may name a household they can see (one household, not two records); an unknown one is 404', () => {
    const first = file(w.actors.residence_officer);
    const households = countRows(w, 'households');
    const again = createApplication(w.db, w.actors.residence_officer, { ...body(), household: undefined, householdId: first.householdId }).value;
    expect(again.householdId).toBe(first.householdId);
    expect(countRows(w, 'households')).toBe(households);
    expectAppError(() => createApplication(w.db, w.actors.admin, { ...body(), household: undefined, householdId: 'nobody' }), 'not_found');
  });

  it('a residence officer cannot name a household known only under the emergency programme (404)', () => {
    const unitId = makeUnit(w.db, w.actors.admin, { name: 'E', programmes: ['emergency'] });
    const stay = placeStay(w.db, w.actors.admin, { unitId, start: '2027-03-01', end: '2027-03-03', programme: 'emergency', household: { label: 'Hidden', adults: 1, children: 0 } }).value;
    expectAppError(() => createApplication(w.db, w.actors.residence_officer, { ...body(), household: undefined, householdId: stay.householdId }), 'not_found');
    // An admin may, and the household is then known to the residence too.
    createApplication(w.db, w.actors.admin, { ...body(), household: undefined, householdId: stay.householdId });
    expect(openHousehold(w.db, w.actors.residence_officer, stay.householdId).id).toBe(stay.householdId);
  });

  it('a retry with the same Idempotency-Key returns the first answer and files nothing twice', () => {
    const first = createApplication(w.db, w.actors.partner, body(), 'key-1');
    const before = tables();
    const again = createApplication(w.db, w.actors.partner, body(), 'key-1');
    expect(again).toEqual({ replayed: true, value: first.value });
    expect(tables()).toEqual(before);
  });

  it('a DV application makes its household confidential: staff see its pseudonym, and opening it is audited', () => {
    const a = file(w.actors.partner, { public: 'dv', household: { label: 'Sophie Secret', adults: 1, children: 2 } });
    const list = listApplications(w.db, w.actors.duty_officer) as StaffApplicationView[];
    const shown = list.find((x) => x.id === a.id)!;
    expect(shown.household.confidential).toBe(true);
    expect(shown.household.name).toMatch(/^Ménage /);
    expect(JSON.stringify(list)).not.toContain('Sophie Secret');
    const opened = getApplication(w.db, w.actors.housing_officer, a.id);
    expect(JSON.stringify(opened)).not.toContain('Sophie Secret');
    expect(auditEntriesFor(w, a.id).map((e) => e.action)).toContain('residence_application.open');
  });

  it('a list read is not audited, so it withholds a confidential household’s situation, referrer details and typed reasons; opening the application (audited) gives them', () => {
    const a = file(w.actors.partner, {
      public: 'dv',
      situation: 'Hébergée chez une amie à Lunel depuis la plainte',
      referrer: { contact: 'Mme Conseillère Cidff', phone: '04 67 11 22 33', email: 'conseil@cidff.example.fr' }
    });
    decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'refused', reason: 'Ressources insuffisantes selon Mme Conseillère Cidff' });
    const plain = file(w.actors.partner, { situation: 'Apprenti boulanger' });
    const before = countRows(w, 'audit_entries');
    const list = listApplications(w.db, w.actors.duty_officer) as StaffApplicationView[];
    expect(countRows(w, 'audit_entries')).toBe(before);
    const text = JSON.stringify(list.find((x) => x.id === a.id));
    for (const secret of ['Hébergée chez une amie', 'Conseillère Cidff', '04 67 11 22 33', 'conseil@cidff', 'Ressources insuffisantes']) expect(text, secret).not.toContain(secret);
    // A household that is not confidential keeps its details in the list.
    expect((list.find((x) => x.id === plain.id) as StaffApplicationView).situation).toBe('Apprenti boulanger');
    const opened = getApplication(w.db, w.actors.duty_officer, a.id) as StaffApplicationView;
    expect(opened.situation).toBe('Hébergée chez une amie à Lunel depuis la plainte');
    expect(opened.referrer.contact).toBe('Mme Conseillère Cidff');
    expect(countRows(w, 'audit_entries')).toBe(before + 1);
  });
});

describe('who sees what', () => {
  it('a partner sees only its organisation’s applications (404 otherwise), with status and times only', () => {
    const mine = file(w.actors.partner, { situation: 'Apprentie' });
    const theirs = file(otherPartner);
    const staffs = file(w.actors.residence_officer);
    expect(listApplications(w.db, w.actors.partner).map((a) => a.id)).toEqual([mine.id]);
    expect(listApplications(w.db, otherPartner).map((a) => a.id)).toEqual([theirs.id]);
    expect(Object.keys(getApplication(w.db, w.actors.partner, mine.id)).sort()).toEqual(['householdId', 'id', 'receivedAt', 'status', 'steps']);
    for (const id of [theirs.id, staffs.id, 'no-such-id']) {
      expectAppError(() => getApplication(w.db, w.actors.partner, id), 'not_found');
      expectAppError(() => decideApplication(w.db, w.actors.partner, id, { outcome: 'withdrawn' }), 'not_found');
    }
    expect(listApplications(w.db, w.actors.admin)).toHaveLength(3);
  });

  it('every staff role reads; only admins and residence officers decide; a partner may only withdraw its own', () => {
    const a = file(w.actors.partner);
    for (const role of ['admin', 'duty_officer', 'housing_officer', 'residence_officer'] as const) expect(getApplication(w.db, w.actors[role], a.id).id).toBe(a.id);
    expectAppError(() => decideApplication(w.db, w.actors.housing_officer, a.id, { outcome: 'admitted' }), 'forbidden');
    expectAppError(() => decideApplication(w.db, w.actors.duty_officer, a.id, { outcome: 'admitted' }), 'forbidden');
    expectAppError(() => decideApplication(w.db, w.actors.partner, a.id, { outcome: 'admitted' }), 'forbidden');
    expect(decideApplication(w.db, w.actors.partner, a.id, { outcome: 'withdrawn' }).status).toBe('withdrawn');
  });
});

describe('decisions', () => {
  it('a decision twice is 409 already_decided, and changes nothing', () => {
    const a = file(w.actors.partner);
    decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'admitted' });
    const before = tables();
    const e = expectAppError(() => decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'admitted' }), 'already_decided');
    expect(e.status).toBe(409);
    expectAppError(() => decideApplication(w.db, w.actors.admin, a.id, { outcome: 'waiting_list' }), 'already_decided');
    expect(tables()).toEqual(before);
  });

  it('refused and redirected need a reason (422), and nothing changes', () => {
    const a = file(w.actors.partner);
    const before = tables();
    for (const outcome of ['refused', 'redirected'] as const) {
      for (const reason of [undefined, '', '   ']) {
        const e = expectAppError(() => decideApplication(w.db, w.actors.residence_officer, a.id, { outcome, reason }), 'invalid');
        expect(e.errors).toEqual([{ path: 'reason', message: expect.any(String) }]);
      }
    }
    expect(tables()).toEqual(before);
    expect(decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'refused', reason: 'ressources au-dessus du plafond' }).status).toBe('refused');
  });

  it('a decision without a committee is urgent, recorded and shown as such; a committee decision carries the committee', () => {
    setClock(at('2027-02-20T10:00:00+01:00'));
    const c = createCommittee(w.db, w.actors.residence_officer, { meetsOn: '2027-03-01', note: 'Direction, SIAO' });
    const a = file(w.actors.partner);
    const b = file(w.actors.partner);
    fixClock();
    const urgent = decideApplication(w.db, w.actors.admin, a.id, { outcome: 'admitted' }) as StaffApplicationView;
    expect(urgent).toMatchObject({ status: 'admitted', urgent: true, committeeId: null });
    expect(urgent.steps.at(-1)).toMatchObject({ status: 'admitted', urgent: true, committeeId: null, at: '2027-03-01T14:00:00.000+01:00' });
    const decided = decideApplication(w.db, w.actors.residence_officer, b.id, { outcome: 'waiting_list', committeeId: c.id }) as StaffApplicationView;
    expect(decided).toMatchObject({ status: 'waiting_list', urgent: false, committeeId: c.id });
    expect(decided.steps.map((s) => [s.status, s.committeeDate, s.urgent])).toEqual([
      ['received', null, false],
      ['waiting_list', '2027-03-01', false]
    ]);
    expect(committeeMinutes(w.db, w.actors.duty_officer, c.id).decisions.map((d) => [d.applicationId, d.outcome])).toEqual([[b.id, 'waiting_list']]);
    // The partner sees the step and its date, never the committee or a reason.
    expect(getApplication(w.db, w.actors.partner, b.id)).toEqual({
      id: b.id,
      status: 'waiting_list',
      householdId: b.householdId,
      receivedAt: '2027-02-20T10:00:00.000+01:00',
      decidedAt: '2027-03-01T14:00:00.000+01:00',
      steps: [
        { status: 'received', at: '2027-02-20T10:00:00.000+01:00' },
        { status: 'waiting_list', at: '2027-03-01T14:00:00.000+01:00' }
      ]
    });
  });

  it('an unknown committee is 404 and one that has not met yet is 422; nothing changes', () => {
    const a = file(w.actors.partner);
    const later = createCommittee(w.db, w.actors.residence_officer, { meetsOn: '2027-03-15' });
    const before = tables();
    expectAppError(() => decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'admitted', committeeId: 'nope' }), 'not_found');
    expectAppError(() => decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'admitted', committeeId: later.id }), 'invalid');
    expect(tables()).toEqual(before);
  });

  it('only admins and residence officers create committees; a date that does not exist is 422', () => {
    expectAppError(() => createCommittee(w.db, w.actors.duty_officer, { meetsOn: '2027-03-10' }), 'forbidden');
    expectAppError(() => createCommittee(w.db, w.actors.partner, { meetsOn: '2027-03-10' }), 'forbidden');
    expectAppError(() => createCommittee(w.db, w.actors.admin, { meetsOn: '2027-02-30' }), 'invalid');
  });
});

describe('the waiting list and the agenda', () => {
  it('ranks the reserved public first (on a reserved unit), then DV, then an emergency stay ending within 14 days, then days waited, with reasons', () => {
    const make = (when: string, over: Partial<ApplicationInput>) => {
      setClock(at(when));
      return file(w.actors.partner, over);
    };
    const oldest = make('2027-01-05T10:00:00+01:00', { public: 'other' });
    const young = make('2027-02-20T10:00:00+01:00', { public: 'young_worker' });
    const dv = make('2027-02-25T10:00:00+01:00', { public: 'dv' });
    const ending = make('2027-02-26T10:00:00+01:00', { public: 'other' });
    const recent = make('2027-02-27T10:00:00+01:00', { public: 'other' });
    fixClock();
    // The household of `ending` is in an emergency stay whose departure is 10 March (9 days from today).
    const unitId = makeUnit(w.db, w.actors.admin, { name: 'Urgence', programmes: ['emergency'] });
    placeStay(w.db, w.actors.admin, { unitId, start: '2027-03-01', end: '2027-03-10', programme: 'emergency', householdId: ending.householdId });
    // `recent` is in one that ends in 30 days: no priority.
    const unit2 = makeUnit(w.db, w.actors.admin, { name: 'Urgence 2', programmes: ['emergency'] });
    placeStay(w.db, w.actors.admin, { unitId: unit2, start: '2027-03-01', end: '2027-03-31', programme: 'emergency', householdId: recent.householdId });
    const c = createCommittee(w.db, w.actors.residence_officer, { meetsOn: '2027-03-01' });
    for (const a of [oldest, young, dv, ending, recent]) decideApplication(w.db, w.actors.residence_officer, a.id, { outcome: 'waiting_list', committeeId: c.id });

    const [plain] = waitingLists(w.db, w.actors.residence_officer);
    expect(plain.reservedFor).toBeNull();
    expect(plain.items.map((i) => i.id)).toEqual([dv.id, ending.id, oldest.id, young.id, recent.id]);
    expect(plain.items.map((i) => i.reasons.map((r) => r.code))).toEqual([['dv_household', 'waited'], ['emergency_stay_ending', 'waited'], ['waited'], ['waited'], ['waited']]);
    expect(plain.items[1].reasons[0]).toEqual({ code: 'emergency_stay_ending', params: { end: '2027-03-10', daysLeft: 9 } });
    expect(plain.items[2].reasons[0]).toEqual({ code: 'waited', params: { days: 55, since: '2027-01-05' } });
    // The DV household is shown by its pseudonym.
    expect(plain.items[0].household.confidential).toBe(true);

    // Once a unit is reserved for young workers, a second ranking puts them first.
    const reserved = makeUnit(w.db, w.actors.admin, { name: 'FJT', programmes: ['social_residence'], siteKind: 'residence' });
    w.db.$client.prepare(`UPDATE units SET reserved_for = 'young_worker' WHERE id = ?`).run(reserved);
    const lists = waitingLists(w.db, w.actors.residence_officer);
    expect(lists.map((l) => l.reservedFor)).toEqual([null, 'young_worker']);
    expect(lists[1].items.map((i) => i.id)).toEqual([young.id, dv.id, ending.id, oldest.id, recent.id]);
    expect(lists[1].items[0].reasons[0]).toEqual({ code: 'reserved_public', params: { public: 'young_worker' } });

    // The agenda: the received ones and the waiting list; after an admission from it, the minutes say so.
    const fresh = file(w.actors.partner);
    const agenda = committeeAgenda(w.db, w.actors.residence_officer, c.id);
    expect(agenda.received.map((i) => i.id)).toEqual([fresh.id]);
    expect(agenda.waitingLists[0].items.map((i) => i.id)).toEqual([dv.id, ending.id, oldest.id, young.id, recent.id]);
    expect(agenda.open).toBe(true);
    decideApplication(w.db, w.actors.residence_officer, dv.id, { outcome: 'admitted', committeeId: c.id });
    const after = committeeAgenda(w.db, w.actors.residence_officer, c.id);
    expect(after.waitingLists[0].items.map((i) => i.id)).toEqual([ending.id, oldest.id, young.id, recent.id]);
    expect(after.decisions.at(-1)).toMatchObject({ applicationId: dv.id, outcome: 'admitted' });
    expect(after.committee.decisions).toBe(6);
  });

  it('committees are read by staff only; an unknown one is 404', () => {
    const c = createCommittee(w.db, w.actors.admin, { meetsOn: '2027-03-01' });
    expectAppError(() => committeeAgenda(w.db, w.actors.partner, c.id), 'forbidden');
    expectAppError(() => committeeAgenda(w.db, w.actors.duty_officer, 'nope'), 'not_found');
    expect(committeeAgenda(w.db, w.actors.housing_officer, c.id).committee.id).toBe(c.id);
  });
});
