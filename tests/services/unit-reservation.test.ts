// A unit of the social residence reserved for a public (young workers): set at creation or later by
// an admin, audited, refused on a unit that does not serve the social residence; the waiting list
// ranks by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listInventory, setUnitReservation } from '../../src/services/admin.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import { auditEntriesFor, expectAppError, makeWorld, type World } from './helpers.ts';

let w: World;
let siteId: string;
beforeEach(() => {
  w = makeWorld();
  siteId = createSite(w.db, w.actors.admin, { name: 'Les Tamaris', commune: 'Lunel', address: '40 rue des Tamaris', confidential: false, kind: 'residence' }).id;
});
afterEach(() => w.cleanup());

const reservedOf = (id: string) => listInventory(w.db, w.actors.admin).flatMap((s) => s.units).find((u) => u.id === id)?.reservedFor;

describe('units reserved for young workers', () => {
  it('are set at creation, changed and lifted by an admin, each change audited', () => {
    const unit = createUnit(w.db, w.actors.admin, { siteId, name: 'Studio 01', capacity: 1, programmes: ['social_residence'], reservedFor: 'young_worker' });
    expect(unit.reservedFor).toBe('young_worker');
    expect(reservedOf(unit.id)).toBe('young_worker');
    setUnitReservation(w.db, w.actors.admin, unit.id, null);
    expect(reservedOf(unit.id)).toBeNull();
    setUnitReservation(w.db, w.actors.admin, unit.id, 'young_worker');
    expect(reservedOf(unit.id)).toBe('young_worker');
    expect(auditEntriesFor(w, unit.id).map((e) => e.action)).toEqual(['unit.create', 'unit.reserve', 'unit.reserve']);
  });

  it('are refused on a unit that does not serve the social residence (422), to anyone but an admin (403), on no unit (404); nothing changes', () => {
    expectAppError(() => createUnit(w.db, w.actors.admin, { siteId, name: 'Urgence', capacity: 2, programmes: ['emergency'], reservedFor: 'young_worker' }), 'invalid');
    const emergency = createUnit(w.db, w.actors.admin, { siteId, name: 'Urgence', capacity: 2, programmes: ['emergency'] });
    expectAppError(() => setUnitReservation(w.db, w.actors.admin, emergency.id, 'young_worker'), 'invalid');
    expect(reservedOf(emergency.id)).toBeNull();
    const studio = createUnit(w.db, w.actors.admin, { siteId, name: 'Studio 02', capacity: 1, programmes: ['social_residence'] });
    for (const role of ['residence_officer', 'duty_officer', 'housing_officer', 'partner'] as const) {
      expectAppError(() => setUnitReservation(w.db, w.actors[role], studio.id, 'young_worker'), 'forbidden');
    }
    expectAppError(() => setUnitReservation(w.db, w.actors.admin, 'no-such-unit', 'young_worker'), 'not_found');
    expect(reservedOf(studio.id)).toBeNull();
  });
});
