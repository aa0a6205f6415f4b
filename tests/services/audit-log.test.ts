// The audit log as /admin shows it: filtered by action (or its start), object, record and dates.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { listAuditLog } from '../../src/services/admin.ts';
import { setClock } from '../../src/services/clock.ts';
import { createReferral, decideReferral } from '../../src/services/referrals.ts';
import { makeWorld, type World } from './helpers.ts';

let w: World;
const referral = {
  programme: 'emergency' as const,
  urgency: 'planned' as const,
  requestedStart: '2027-05-03',
  nights: 2,
  household: { adults: 1, children: 0 },
  referrer: { contact: 'CCAS', phone: '0467' }
};

beforeEach(() => {
  w = makeWorld();
  setClock(Date.parse('2027-05-01T10:00:00+02:00'));
});
afterEach(() => {
  setClock(null);
  w.cleanup();
});

describe('the audit log filters', () => {
  test('by the start of an action, by object and record, by dates; a non-admin is refused', () => {
    expect.hasAssertions();
    const a = createReferral(w.db, w.actors.partner, referral);
    setClock(Date.parse('2027-05-03T10:00:00+02:00'));
    const b = createReferral(w.db, w.actors.partner, referral);
    decideReferral(w.db, w.actors.duty_officer, b.id, { outcome: 'declined', reason: 'out of scope' });
    const admin = w.actors.admin;
    expect(listAuditLog(w.db, admin, 100, { action: 'referral.' }).map((e) => e.action).sort()).toEqual(['referral.create', 'referral.create', 'referral.declined']);
    expect(listAuditLog(w.db, admin, 100, { action: 'referral.declined' }).map((e) => e.entityId)).toEqual([b.id]);
    expect(listAuditLog(w.db, admin, 100, { entity: 'referral', entityId: a.id }).map((e) => e.action)).toEqual(['referral.create']);
    expect(listAuditLog(w.db, admin, 100, { action: 'referral.', from: '2027-05-02', to: '2027-05-03' }).map((e) => e.entityId).sort()).toEqual([b.id, b.id].sort());
    expect(listAuditLog(w.db, admin, 100, { action: 'referral.', to: '2027-05-01' }).map((e) => e.entityId)).toEqual([a.id]);
    expect(() => listAuditLog(w.db, admin, 100, { from: '2027-02-30' })).toThrow(AppError);
    expect(() => listAuditLog(w.db, w.actors.duty_officer, 100)).toThrow(AppError);
  });
});
