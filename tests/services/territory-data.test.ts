// The data the reports rely on, as staff and partners enter it: where a household, a referral or an
// application comes from (a commune of the territory, outside, or unknown), the kind of each
// organisation, the communes' populations, the ALT flag of a unit with its dated periods, and the
// DV protocol's budget for a year.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUnitPeriods } from '../../db/queries/units.ts';
import { listInventory, setUnitAltGrant } from '../../src/services/admin.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { openHousehold, setHouseholdOriginCommune } from '../../src/services/households.ts';
import { getProtocolBudget } from '../../src/services/protocol.ts';
import { createReferral, getReferral } from '../../src/services/referrals.ts';
import { createApplication } from '../../src/services/residence/applications.ts';
import { createUnit, listUnits } from '../../src/services/sites.ts';
import { placeStay } from '../../src/services/stays.ts';
import {
  createOrganisation,
  listCommunesForAdmin,
  listOrganisationsWithKinds,
  listProtocolBudgetsForAdmin,
  setCommunePopulation,
  setOrganisationKind,
  setProtocolBudget
} from '../../src/services/territory.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, auditEntriesFor, countRows, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

const referralBody = (originCommune?: string | null) => ({
  programme: 'emergency' as const,
  urgency: 'immediate' as const,
  requestedStart: '2027-03-01',
  nights: 2,
  household: { adults: 1, children: 0 },
  referrer: { contact: 'Mme Roux', phone: '04 67 00 00 00' },
  ...(originCommune !== undefined && { originCommune })
});
const applicationBody = (originCommune?: string | null) => ({
  household: { label: 'M. Garnier', adults: 1, children: 0 },
  monthlyIncomeCents: 100_000,
  public: 'other' as const,
  referrer: { contact: 'Mme Roux', phone: '04 67 00 00 00' },
  ...(originCommune !== undefined && { originCommune })
});
const originOf = (table: string, id: string) => w.db.$client.prepare(`SELECT origin_commune FROM ${table} WHERE id = ?`).pluck().get(id);

describe('the commune of origin', () => {
  // Each way a household, a referral or an application enters the service, and what it stores.
  const ENTRIES = {
    'a stay placed for a new household': (origin: string | null | undefined) => {
      const unitId = makeUnit(w.db, w.actors.admin, { name: `U${Math.random()}` });
      const { value } = placeStay(w.db, w.actors.duty_officer, {
        unitId,
        start: '2027-03-01',
        end: '2027-03-03',
        programme: 'emergency',
        household: { ...household(), ...(origin !== undefined && { originCommune: origin }) }
      });
      return originOf('households', value.householdId);
    },
    "a partner's referral": (origin: string | null | undefined) => originOf('referrals', createReferral(w.db, w.actors.partner, referralBody(origin)).id),
    "a duty officer's referral": (origin: string | null | undefined) => originOf('referrals', createReferral(w.db, w.actors.duty_officer, referralBody(origin)).id),
    'a residence application': (origin: string | null | undefined) => {
      const a = createApplication(w.db, w.actors.residence_officer, applicationBody(origin)).value;
      expect(originOf('households', a.householdId)).toBe(originOf('residence_applications', a.id));
      return originOf('residence_applications', a.id);
    }
  } as const;

  it.each(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])('%s stores a commune of the territory, outside, or unknown', (entry) => {
    expect.hasAssertions();
    const enter = ENTRIES[entry];
    expect(enter('34145')).toBe('34145');
    expect(enter('34340')).toBe('34340');
    expect(enter('outside')).toBe('outside');
    expect(enter(null)).toBeNull();
    expect(enter(undefined)).toBeNull();
    expect(enter('')).toBeNull();
  });

  it.each(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])('%s with a code that is no commune of the territory is 422 and changes nothing', (entry) => {
    expect.hasAssertions();
    const before = ['households', 'referrals', 'residence_applications', 'stays'].map((t) => countRows(w, t));
    // Montpellier is a real commune, not one of the territory's; 34999 is no commune at all.
    for (const code of ['34172', '34999']) {
      const e = expectAppError(() => ENTRIES[entry](code), 'invalid');
      expect(e.status).toBe(422);
      expect(e.message).toContain(code);
      expect(e.errors?.[0]?.message).toBe('unknown_commune');
    }
    expect(['households', 'referrals', 'residence_applications', 'stays'].map((t) => countRows(w, t))).toEqual(before);
  });

  it('a household placed from a referral comes from where the referral said, unless the placement says otherwise', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    const place = (referralId: string, originCommune?: string, start = '2027-03-01') =>
      placeStay(w.db, w.actors.duty_officer, {
        unitId,
        start,
        end: addNight(start),
        programme: 'emergency',
        household: { ...household(), ...(originCommune && { originCommune }) },
        referralId
      }).value.householdId;
    const r1 = createReferral(w.db, w.actors.partner, referralBody('34151'));
    expect(originOf('households', place(r1.id))).toBe('34151');
    const r2 = createReferral(w.db, w.actors.partner, referralBody('34151'));
    expect(originOf('households', place(r2.id, '34146', '2027-03-02'))).toBe('34146');
  });

  it('staff who see a household set its origin on its record, audited; a partner may not; an unknown code is 422', () => {
    expect.hasAssertions();
    const unitId = makeUnit(w.db, w.actors.admin);
    const { value } = placeStay(w.db, w.actors.duty_officer, { unitId, start: '2027-03-01', end: '2027-03-02', programme: 'emergency', household: household() });
    expect(openHousehold(w.db, w.actors.duty_officer, value.householdId).originCommune).toBeNull();
    setHouseholdOriginCommune(w.db, w.actors.duty_officer, value.householdId, '34272');
    expect(openHousehold(w.db, w.actors.duty_officer, value.householdId).originCommune).toBe('34272');
    const entry = auditEntriesFor(w, value.householdId).find((a) => a.action === 'household.origin');
    expect(JSON.parse(entry!.detail!)).toEqual({ from: null, to: '34272' });
    expectAppError(() => setHouseholdOriginCommune(w.db, w.actors.duty_officer, value.householdId, '75056'), 'invalid');
    expectAppError(() => setHouseholdOriginCommune(w.db, w.actors.partner, value.householdId, '34145'), 'forbidden');
    // The residence officer does not see an emergency household: not found.
    expectAppError(() => setHouseholdOriginCommune(w.db, w.actors.residence_officer, value.householdId, '34145'), 'not_found');
    setHouseholdOriginCommune(w.db, w.actors.admin, value.householdId, null);
    expect(originOf('households', value.householdId)).toBeNull();
  });

  it('staff read a referral’s origin; a partner’s view of its own referral carries none', () => {
    expect.hasAssertions();
    const r = createReferral(w.db, w.actors.partner, referralBody('34145'));
    expect(getReferral(w.db, w.actors.duty_officer, r.id)).toMatchObject({ originCommune: '34145' });
    expect(getReferral(w.db, w.actors.partner, r.id)).not.toHaveProperty('originCommune');
  });
});

function addNight(d: string): string {
  const t = new Date(`${d}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe("organisations' kinds", () => {
  it('an admin creates an organisation of a kind and changes it, audited; a bad kind is 422; others 403', () => {
    expect.hasAssertions();
    const o = createOrganisation(w.db, w.actors.admin, { name: "SIAO de l'Hérault — 115", kind: 'siao_115' });
    expect(listOrganisationsWithKinds(w.db, w.actors.admin)).toContainEqual({ id: o.id, name: "SIAO de l'Hérault — 115", kind: 'siao_115' });
    setOrganisationKind(w.db, w.actors.admin, o.id, 'association');
    expect(listOrganisationsWithKinds(w.db, w.actors.admin).find((x) => x.id === o.id)?.kind).toBe('association');
    expect(auditEntriesFor(w, o.id).map((a) => [a.action, a.detail && JSON.parse(a.detail)])).toEqual([
      ['organisation.create', { kind: 'siao_115' }],
      ['organisation.kind', { from: 'siao_115', to: 'association' }]
    ]);
    for (const bad of ['gendarmerie', '', 'SIAO_115']) {
      expect(expectAppError(() => setOrganisationKind(w.db, w.actors.admin, o.id, bad), 'invalid').status).toBe(422);
      expectAppError(() => createOrganisation(w.db, w.actors.admin, { name: `Autre ${bad}`, kind: bad }), 'invalid');
    }
    expect(listOrganisationsWithKinds(w.db, w.actors.admin).find((x) => x.id === o.id)?.kind).toBe('association');
    expectAppError(() => createOrganisation(w.db, w.actors.admin, { name: "SIAO de l'Hérault — 115", kind: 'other' }), 'invalid');
    expectAppError(() => setOrganisationKind(w.db, w.actors.admin, 'nope', 'other'), 'not_found');
    expectAppError(() => setOrganisationKind(w.db, w.actors.duty_officer, o.id, 'other'), 'forbidden');
    expectAppError(() => listOrganisationsWithKinds(w.db, w.actors.partner), 'forbidden');
  });

  it('an account created with a new organisation gives it its kind (the CLI’s --organisation-kind); a bad kind creates nothing', () => {
    expect.hasAssertions();
    createAccountWithToken(w.db, { name: 'CH', role: 'partner', organisation: 'Centre hospitalier', organisationKind: 'hospital' });
    expect(listOrganisationsWithKinds(w.db, w.actors.admin).find((o) => o.name === 'Centre hospitalier')?.kind).toBe('hospital');
    const accounts = countRows(w, 'accounts');
    expectAppError(() => createAccountWithToken(w.db, { name: 'X', role: 'partner', organisation: 'Brigade', organisationKind: 'army' }), 'invalid');
    expect(countRows(w, 'accounts')).toBe(accounts);
    expect(listOrganisationsWithKinds(w.db, w.actors.admin).some((o) => o.name === 'Brigade')).toBe(false);
  });
});

describe("the communes' populations", () => {
  it('an admin sets a population with its year and source, audited; negative, fractional or a bad year is 422; others 403', () => {
    expect.hasAssertions();
    const lunel = () => listCommunesForAdmin(w.db, w.actors.admin).find((c) => c.insee === '34145')!;
    expect(listCommunesForAdmin(w.db, w.actors.admin)).toHaveLength(14);
    expect(lunel()).toMatchObject({ name: 'Lunel', population: 26380, populationYear: 2022 });
    setCommunePopulation(w.db, w.actors.admin, { insee: '34145', population: 26512, year: 2023, source: 'INSEE, populations légales 2023' });
    expect(lunel()).toMatchObject({ population: 26512, populationYear: 2023, populationSource: 'INSEE, populations légales 2023' });
    expect(auditEntriesFor(w, '34145').map((a) => [a.action, a.entity, JSON.parse(a.detail!)])).toEqual([
      ['commune.population', 'commune', { from: 26380, to: 26512, year: 2023 }]
    ]);
    for (const [input, path] of [
      [{ population: -1, year: 2023 }, 'population'],
      [{ population: 12.5, year: 2023 }, 'population'],
      [{ population: 100, year: 1800 }, 'year']
    ] as const) {
      const e = expectAppError(() => setCommunePopulation(w.db, w.actors.admin, { insee: '34145', ...input }), 'invalid');
      expect(e.status).toBe(422);
      expect(e.errors?.map((x) => x.path)).toEqual([path]);
    }
    expect(lunel().population).toBe(26512);
    expectAppError(() => setCommunePopulation(w.db, w.actors.admin, { insee: '34172', population: 1, year: 2023 }), 'not_found');
    expectAppError(() => setCommunePopulation(w.db, w.actors.duty_officer, { insee: '34145', population: 1, year: 2023 }), 'forbidden');
  });
});

describe('the ALT flag of a unit', () => {
  const altPeriods = (unitId: string) => listUnitPeriods(w.db, '1900-01-01', '2999-01-01').filter((p) => p.unitId === unitId && p.kind === 'alt');

  it('switched on and off by an admin, its dated periods follow tonight’s night; audited; others 403', () => {
    expect.hasAssertions();
    const unit = makeUnit(w.db, w.actors.admin);
    expect(altPeriods(unit)).toEqual([]);
    setUnitAltGrant(w.db, w.actors.admin, unit, true);
    expect(altPeriods(unit)).toEqual([{ unitId: unit, kind: 'alt', start: '2027-03-01', end: null }]);
    expect(listInventory(w.db, w.actors.admin).flatMap((s) => s.units).find((u) => u.id === unit)?.alt).toBe(true);
    fixClock(at('2027-05-10T15:00:00+02:00'));
    setUnitAltGrant(w.db, w.actors.admin, unit, false);
    expect(altPeriods(unit)).toEqual([{ unitId: unit, kind: 'alt', start: '2027-03-01', end: '2027-05-10' }]);
    // Doing what is already so changes nothing and writes nothing.
    setUnitAltGrant(w.db, w.actors.admin, unit, false);
    expect(auditEntriesFor(w, unit).filter((a) => a.action.startsWith('unit.alt')).map((a) => [a.action, JSON.parse(a.detail!)])).toEqual([
      ['unit.alt_on', { from: '2027-03-01' }],
      ['unit.alt_off', { from: '2027-05-10' }]
    ]);
    expectAppError(() => setUnitAltGrant(w.db, w.actors.duty_officer, unit, true), 'forbidden');
    expectAppError(() => setUnitAltGrant(w.db, w.actors.admin, 'nope', true), 'not_found');
    expect(altPeriods(unit)).toHaveLength(1);
  });

  it('a unit created under ALT is under it from the night it enters service; staff read the flag', () => {
    expect.hasAssertions();
    const site = w.db.$client.prepare("SELECT id FROM sites WHERE id = ?").get(makeUnitSite()) as { id: string };
    const unit = createUnit(w.db, w.actors.admin, { siteId: site.id, name: 'T2 ALT', capacity: 2, programmes: ['emergency'], alt: true });
    expect(unit.alt).toBe(true);
    expect(altPeriods(unit.id)).toEqual([{ unitId: unit.id, kind: 'alt', start: '2027-03-01', end: null }]);
    expect(listUnits(w.db, w.actors.duty_officer).find((u) => u.id === unit.id)).toMatchObject({ alt: true });
    expect(listUnits(w.db, w.actors.partner).find((u) => u.id === unit.id)).not.toHaveProperty('alt');
  });

  function makeUnitSite(): string {
    const unit = makeUnit(w.db, w.actors.admin, { name: 'Site ALT' });
    return w.db.$client.prepare('SELECT site_id FROM units WHERE id = ?').pluck().get(unit) as string;
  }
});

describe("the DV protocol's yearly budget", () => {
  it('an admin sets a year’s budget, audited; the budget figures read it; a negative amount is 422; others 403', () => {
    expect.hasAssertions();
    expect(getProtocolBudget(w.db, 2027).budgetCents).toBe(listProtocolBudgetsForAdmin(w.db, w.actors.admin).defaultCents);
    setProtocolBudget(w.db, w.actors.admin, { year: 2027, budgetCents: 350_000 });
    expect(getProtocolBudget(w.db, 2027).budgetCents).toBe(350_000);
    setProtocolBudget(w.db, w.actors.admin, { year: 2027, budgetCents: 400_000 });
    expect(listProtocolBudgetsForAdmin(w.db, w.actors.admin).budgets).toEqual([{ year: 2027, budgetCents: 400_000 }]);
    expect(auditEntriesFor(w, '2027').map((a) => [a.action, a.entity, a.actor_id, JSON.parse(a.detail!)])).toEqual([
      ['protocol_budget.set', 'protocol_budget', w.actors.admin.accountId, { from: null, to: 350_000 }],
      ['protocol_budget.set', 'protocol_budget', w.actors.admin.accountId, { from: 350_000, to: 400_000 }]
    ]);
    expect(expectAppError(() => setProtocolBudget(w.db, w.actors.admin, { year: 2027, budgetCents: -1 }), 'invalid').status).toBe(422);
    expectAppError(() => setProtocolBudget(w.db, w.actors.admin, { year: 99, budgetCents: 1 }), 'invalid');
    expectAppError(() => setProtocolBudget(w.db, w.actors.duty_officer, { year: 2027, budgetCents: 1 }), 'forbidden');
    expect(getProtocolBudget(w.db, 2027).budgetCents).toBe(400_000);
    // Another year keeps the default.
    expect(getProtocolBudget(w.db, 2028).budgetCents).toBe(listProtocolBudgetsForAdmin(w.db, w.actors.admin).defaultCents);
  });
});
