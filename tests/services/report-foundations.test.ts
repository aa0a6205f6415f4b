// What keeps past figures still when today's inventory changes: a unit's dated periods in service
// and under the ALT grant, a hotel night's cost frozen on its stay, the protocol's budget per year.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUnitPeriods, setUnitAlt } from '../../db/queries/units.ts';
import { upsertProtocolBudget } from '../../db/queries/protocol-budgets.ts';
import { setUnitInService } from '../../src/services/admin.ts';
import { getProtocolBudget } from '../../src/services/protocol.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

const periods = (unitId: string) => listUnitPeriods(w.db, '1900-01-01', '2999-01-01').filter((p) => p.unitId === unitId);

describe("a unit's dated periods", () => {
  it('a new unit is in service from the night it is created; out of service and back later leaves two periods', () => {
    const unit = makeUnit(w.db, w.actors.admin, { name: 'T2', capacity: 2 });
    expect(periods(unit)).toEqual([{ unitId: unit, kind: 'active', start: '2027-03-01', end: null }]);
    fixClock(at('2027-03-10T15:00:00+01:00'));
    setUnitInService(w.db, w.actors.admin, unit, false);
    expect(periods(unit)).toEqual([{ unitId: unit, kind: 'active', start: '2027-03-01', end: '2027-03-10' }]);
    fixClock(at('2027-04-02T15:00:00+02:00'));
    setUnitInService(w.db, w.actors.admin, unit, true);
    expect(periods(unit)).toEqual([
      { unitId: unit, kind: 'active', start: '2027-03-01', end: '2027-03-10' },
      { unitId: unit, kind: 'active', start: '2027-04-02', end: null }
    ]);
  });

  it('closing a period on the night it opened removes it, and reopening on the night it closed resumes it', () => {
    const unit = makeUnit(w.db, w.actors.admin, { name: 'T2', capacity: 2 });
    setUnitAlt(w.db, unit, true, '2027-03-05');
    setUnitAlt(w.db, unit, true, '2027-03-06');
    expect(periods(unit).filter((p) => p.kind === 'alt')).toEqual([{ unitId: unit, kind: 'alt', start: '2027-03-05', end: null }]);
    setUnitAlt(w.db, unit, false, '2027-03-20');
    setUnitAlt(w.db, unit, true, '2027-03-20');
    expect(periods(unit).filter((p) => p.kind === 'alt')).toEqual([{ unitId: unit, kind: 'alt', start: '2027-03-05', end: null }]);
    setUnitAlt(w.db, unit, false, '2027-03-05');
    expect(periods(unit).filter((p) => p.kind === 'alt')).toEqual([]);
  });
});

describe("a hotel night's cost", () => {
  it('is frozen on the stay as placed: a later price change moves neither the stay nor the budget', () => {
    const room = makeUnit(w.db, w.actors.admin, { name: 'Hôtel ch. 1', capacity: 2, siteKind: 'hotel', programmes: ['dv_protocol'], nightlyCost: 60 });
    const stay = placeStay(w.db, w.actors.duty_officer, { unitId: room, start: '2027-03-02', end: '2027-03-04', programme: 'dv_protocol', household: household('Mme A', 1, 1) }).value;
    const frozen = () => w.db.$client.prepare('SELECT nightly_cost_cents FROM stays WHERE id = ?').pluck().get(stay.id);
    expect(frozen()).toBe(6_000);
    w.db.$client.prepare('UPDATE units SET nightly_cost_cents = 9_000 WHERE id = ?').run(room);
    expect(frozen()).toBe(6_000);
    expect(getProtocolBudget(w.db, 2027).committedCents + getProtocolBudget(w.db, 2027).spentCents).toBe(12_000);
  });
});

describe("the protocol's budget", () => {
  it('is the default setting for a year an admin has not set, and the admin\'s figure for one set', () => {
    expect(getProtocolBudget(w.db, 2027).budgetCents).toBe(200_000);
    upsertProtocolBudget(w.db, 2027, 350_000, w.actors.admin.accountId, Date.now());
    expect(getProtocolBudget(w.db, 2027).budgetCents).toBe(350_000);
    expect(getProtocolBudget(w.db, 2026).budgetCents).toBe(200_000);
  });
});

describe('the territory', () => {
  it('the migrations load the 14 communes of the Pays de Lunel with their legal population, 51,919 in all', () => {
    const rows = w.db.$client.prepare('SELECT count(*) AS n, sum(population) AS total FROM communes').get() as { n: number; total: number };
    expect(rows).toEqual({ n: 14, total: 51_919 });
  });
});
