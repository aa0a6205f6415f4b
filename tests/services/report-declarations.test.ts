// The declarations against hand-computed figures: the ALT statement's flat-months (a period starting
// mid-month, a unit out of service for part of a month, February, a confidential site), which do
// not move when today's inventory changes; the SIAO declaration read back with csv-parse; the DV
// protocol's yearly report with its small numbers withheld; and who may have them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { insertOrganisation } from '../../db/queries/organisations.ts';
import { upsertProtocolBudget } from '../../db/queries/protocol-budgets.ts';
import { setUnitAlt, setUnitPeriod } from '../../db/queries/units.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { createReferral, decideReferral } from '../../src/services/referrals.ts';
import { altStatementCsv, protocolYearCsv, protocolYearReport, round3, siaoDeclarationCsv } from '../../src/services/reports/declarations.ts';
import { placeStay } from '../../src/services/stays.ts';
import { publicReport } from '../../src/services/reports/public.ts';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { makeUnit } from '../support/fixtures.ts';
import { at, expectAppError, fixClock, household, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock(); // tonight: 2027-03-01
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

/** Public figures and the protocol's report are given for finished years only: read 2027's once it is over. */
function afterTheYear<T>(read: () => T): T {
  fixClock(at('2028-01-15T14:00:00+01:00'));
  try {
    return read();
  } finally {
    fixClock();
  }
}

/** A CSV as the service wrote it, read back: BOM, ';' and CRLF checked, then the rows as records. */
function readCsv(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text).toContain('\r\n');
  return parse(text, { bom: true, delimiter: ';', columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

/** Replaces a unit's dated periods of a kind (the history an admin would have left). */
function periods(unitId: string, kind: 'active' | 'alt', ranges: [string, string | null][]) {
  w.db.$client.prepare('DELETE FROM unit_periods WHERE unit_id = ? AND kind = ?').run(unitId, kind);
  for (const [start, end] of ranges) w.db.$client.prepare('INSERT INTO unit_periods (unit_id, kind, start_date, end_date) VALUES (?, ?, ?, ?)').run(unitId, kind, start, end);
}

describe('altStatementCsv: flat-months per unit under the ALT grant', () => {
  function territory() {
    const a = makeUnit(w.db, w.actors.admin, { name: 'Studio A', commune: 'Lunel', programmes: ['emergency'] });
    const b = makeUnit(w.db, w.actors.admin, { name: 'T2 B', commune: 'Marsillargues', programmes: ['emergency'] });
    const c = makeUnit(w.db, w.actors.admin, { name: 'Refuge C', commune: 'Saussines', confidential: true, programmes: ['dv_protocol'] });
    const d = makeUnit(w.db, w.actors.admin, { name: 'Hors ALT', programmes: ['emergency'] });
    periods(a, 'active', [['2025-01-01', null]]);
    periods(a, 'alt', [['2026-01-16', null]]); // ALT from 16 January: 16 of 31 nights
    periods(b, 'active', [['2025-01-01', '2026-02-10'], ['2026-02-20', null]]); // out of service 10–19 February
    periods(b, 'alt', [['2025-06-01', null]]);
    periods(c, 'active', [['2025-01-01', null]]);
    periods(c, 'alt', [['2026-03-31', null]]); // the last night of March only
    periods(d, 'active', [['2025-01-01', null]]);
    return { a, b, c, d };
  }

  it('a period starting mid-month, a unit out of service in February, a confidential site: hand-computed flat-months, 3 decimals half-up with a decimal comma', () => {
    const { a, b, c, d } = territory();
    const rows = readCsv(altStatementCsv(w.db, w.actors.admin, { from: '2026-01-01', to: '2026-04-01' }));
    const line = (mois: string, id: string) => rows.find((r) => r.mois === mois && r.logement_id === id);
    expect(line('2026-01', a)).toEqual({ mois: '2026-01', logement_id: a, site: 'Site Studio A', commune: 'Lunel', logement: 'Studio A', jours_du_mois: '31', nuits_alt_ouvertes: '16', mois_logement: '0,516' });
    expect(line('2026-01', b)?.mois_logement).toBe('1,000');
    expect(line('2026-02', a)).toMatchObject({ jours_du_mois: '28', nuits_alt_ouvertes: '28', mois_logement: '1,000' });
    expect(line('2026-02', b)).toMatchObject({ jours_du_mois: '28', nuits_alt_ouvertes: '18', mois_logement: '0,643' }); // 9 + 9 nights of 28 = 0.642857…
    expect(line('2026-03', c)).toEqual({ mois: '2026-03', logement_id: c, site: 'site confidentiel', commune: '', logement: '', jours_du_mois: '31', nuits_alt_ouvertes: '1', mois_logement: '0,032' });
    expect(line('2026-01', c)).toBeUndefined();
    expect(rows.some((r) => r.logement_id === d)).toBe(false);
    const total = (mois: string) => rows.find((r) => r.mois === mois && r.site === 'total');
    expect(total('2026-01')).toMatchObject({ nuits_alt_ouvertes: '47', mois_logement: '1,516' }); // 47/31 = 1.516129
    expect(total('2026-02')).toMatchObject({ nuits_alt_ouvertes: '46', mois_logement: '1,643' }); // 46/28 = 1.642857
    expect(total('2026-03')).toMatchObject({ nuits_alt_ouvertes: '63', mois_logement: '2,032' }); // 63/31 = 2.032258
    expect(rows.at(-1)).toMatchObject({ mois: '2026-01-01/2026-04-01', site: 'total', mois_logement: '5,191' }); // 1.516129 + 1.642857 + 2.032258
    expect(rows.map((r) => Object.values(r).join(' ')).join('\n')).not.toMatch(/Saussines|Refuge/);
    // The year: A 16/31 + 11 full months, B 11 full months + 18/28, C 1/31 + 9 full months.
    const year = readCsv(altStatementCsv(w.db, w.actors.duty_officer, 2026));
    expect(year.at(-1)?.mois_logement).toBe(String(round3(16 / 31 + 11 + (11 + 18 / 28) + (1 / 31 + 9))).replace('.', ','));
  });

  it("past flat-months do not move when today's inventory changes (the units' flags, a period closed today)", () => {
    const { a, b } = territory();
    const before = altStatementCsv(w.db, w.actors.admin, 2026);
    setUnitAlt(w.db, a, false, '2027-03-01');
    setUnitPeriod(w.db, b, 'active', false, '2027-03-01');
    w.db.$client.prepare('UPDATE units SET alt = 0, active = 0').run();
    expect(altStatementCsv(w.db, w.actors.admin, 2026)).toBe(before);
  });

  it('half-up to 3 decimals', () => {
    expect([16 / 31, 18 / 28, 1 / 31, 0.0005, 0.0015, 1].map(round3)).toEqual([0.516, 0.643, 0.032, 0.001, 0.002, 1]);
  });
});

describe('siaoDeclarationCsv: the month, night by night', () => {
  it('places, blocked and free units, arrivals and departures, and the SIAO referrals with their outcomes, as hand-counted', () => {
    fixClock(at('2027-01-15T14:00:00+01:00'));
    const u1 = makeUnit(w.db, w.actors.admin, { name: 'U1', capacity: 3, programmes: ['emergency'] });
    const u2 = makeUnit(w.db, w.actors.admin, { name: 'U2', capacity: 3, programmes: ['emergency', 'dv_protocol'], confidential: true, commune: 'Saussines' });
    const u3 = makeUnit(w.db, w.actors.admin, { name: 'U3', capacity: 1, programmes: ['social_residence'], siteKind: 'residence' });
    setUnitPeriod(w.db, u3, 'active', false, '2027-02-10'); // out of service from the night of 10 February
    insertOrganisation(w.db, { id: 'siao', name: 'SIAO 34', kind: 'siao_115' });
    insertOrganisation(w.db, { id: 'ccas', name: 'CCAS de Lunel', kind: 'ccas' });
    fixClock(at('2027-02-03T10:00:00+01:00'));
    const referral = (organisation: string) =>
      createReferral(w.db, w.actors.duty_officer, {
        programme: 'emergency',
        urgency: 'immediate',
        requestedStart: '2027-02-03',
        nights: 2,
        household: { adults: 1, children: 0 },
        referrer: { organisation, contact: 'Permanence', phone: '115' }
      }).id;
    const declined = referral('SIAO 34');
    referral('SIAO 34');
    referral('CCAS de Lunel'); // not the SIAO's: not counted
    decideReferral(w.db, w.actors.duty_officer, declined, { outcome: 'declined', reason: 'complet' });
    fixClock(at('2027-03-01T14:00:00+01:00'));
    createBlock(w.db, w.actors.admin, { unitId: u1, start: '2027-02-05', end: '2027-02-07', reason: 'travaux' });
    placeStay(w.db, w.actors.admin, { unitId: u2, programme: 'dv_protocol', start: '2027-02-03', end: '2027-02-06', household: household('Mme A', 1, 2) });
    placeStay(w.db, w.actors.admin, { unitId: u1, programme: 'emergency', start: '2027-02-01', end: '2027-02-04', household: household('M. et Mme B', 2, 0) });

    const text = siaoDeclarationCsv(w.db, w.actors.duty_officer, '2027-02');
    const rows = readCsv(text);
    expect(rows).toHaveLength(28 * 4);
    const at_ = (nuit: string, dispositif: string) => rows.find((r) => r.nuit === nuit && r.dispositif === dispositif)!;
    const zeroReferrals = { orientations_siao_recues: '0', orientations_siao_placees: '0', orientations_siao_acceptees: '0', orientations_siao_refusees: '0', orientations_siao_reorientees: '0', orientations_siao_retirees: '0', orientations_siao_en_attente: '0' };
    expect(at_('2027-02-01', 'emergency')).toEqual({
      nuit: '2027-02-01', dispositif: 'emergency', logements_en_service: '2', places_en_service: '6', logements_bloques: '0', logements_libres: '1', places_libres: '3',
      arrivees_menages: '1', arrivees_personnes: '2', departs_menages: '0', departs_personnes: '0', ...zeroReferrals
    });
    expect(at_('2027-02-03', 'emergency')).toMatchObject({ logements_libres: '0', places_libres: '0', orientations_siao_recues: '2', orientations_siao_refusees: '1', orientations_siao_en_attente: '1' });
    // The protocol's row gives places only: its movements and referrals are left empty (the SIAO hears
    // of places, never of the women placed under the protocol).
    expect(at_('2027-02-03', 'dv_protocol')).toMatchObject({ logements_en_service: '1', places_en_service: '3', logements_libres: '0', arrivees_menages: '', arrivees_personnes: '', orientations_siao_recues: '' });
    expect(at_('2027-02-04', 'emergency')).toMatchObject({ logements_libres: '1', places_libres: '3', departs_menages: '1', departs_personnes: '2' });
    expect(at_('2027-02-05', 'emergency')).toMatchObject({ logements_en_service: '2', logements_bloques: '1', logements_libres: '0', places_libres: '0' });
    expect(at_('2027-02-06', 'dv_protocol')).toMatchObject({ logements_libres: '1', places_libres: '3', departs_menages: '', departs_personnes: '' });
    expect(rows.filter((r) => r.dispositif === 'dv_protocol').every((r) => r.arrivees_menages === '' && r.departs_menages === '' && r.orientations_siao_recues === '')).toBe(true);
    expect(at_('2027-02-07', 'emergency')).toMatchObject({ logements_bloques: '0', logements_libres: '2', places_libres: '6' });
    expect(at_('2027-02-09', 'social_residence')).toMatchObject({ logements_en_service: '1', places_libres: '1' });
    expect(at_('2027-02-10', 'social_residence')).toMatchObject({ logements_en_service: '0', places_en_service: '0', logements_libres: '0' });
    expect(at_('2027-02-10', 'housing_mission')).toMatchObject({ logements_en_service: '0' });
    expect(text).not.toMatch(/Saussines|U2|Mme A/);
  });

  it('a malformed month is 422', () => {
    for (const bad of ['2027-13', '2027-2', 'février', '']) expectAppError(() => siaoDeclarationCsv(w.db, w.actors.admin, bad), 'invalid');
  });
});

describe('protocolYearReport: the DV protocol year for its partners, numbers only', () => {
  it('hotel and apartment nights, households, cost against the budget; a count of 1 or 2 is withheld with the cost and the totals that would give it back', () => {
    upsertProtocolBudget(w.db, 2027, 100_000, w.actors.admin.accountId, Date.now());
    const hotel = makeUnit(w.db, w.actors.admin, { name: 'Hôtel', siteKind: 'hotel', programmes: ['dv_protocol'], nightlyCost: 60 });
    const flat = makeUnit(w.db, w.actors.admin, { name: 'Appartement', programmes: ['dv_protocol'], confidential: true });
    placeStay(w.db, w.actors.admin, { unitId: hotel, programme: 'dv_protocol', start: '2027-03-02', end: '2027-03-04', household: household('Mme A', 1, 1) }); // 2 hotel nights, 120 €
    placeStay(w.db, w.actors.admin, { unitId: flat, programme: 'dv_protocol', start: '2027-03-04', end: '2027-03-20', household: household('Mme C', 1, 0) }); // 16 nights
    w.db.$client.prepare('UPDATE units SET nightly_cost_cents = 9000').run(); // a later price: the frozen cost holds
    const r = afterTheYear(() => protocolYearReport(w.db, w.actors.duty_officer, 2027));
    const withheld = { value: null, suppressed: true };
    // The public report shows the DV total (18 household-nights): the apartment's 16 shown here would
    // give the hotel's 2 back, so both parts are withheld.
    expect(r).toEqual({
      year: 2027,
      hotelNights: withheld,
      apartmentNights: withheld,
      nights: withheld,
      households: withheld,
      hotelCostCents: withheld,
      budgetCents: 100_000,
      remainingCents: withheld,
      budgetShareUsed: withheld
    });
    expect(afterTheYear(() => publicReport(w.db, 2027)).rows.find((row) => row.programme === 'dv_protocol')!.householdNights).toEqual({ value: 18, suppressed: false });
    const csv = readCsv(protocolYearCsv(r));
    expect(csv.find((x) => x.indicateur === 'nuits_hotel')?.valeur).toBe('< 3');
    expect(csv.find((x) => x.indicateur === 'cout_hotel_euros')?.valeur).toBe('masqué');
    expect(csv.find((x) => x.indicateur === 'budget_euros')?.valeur).toBe('1000,00');

    placeStay(w.db, w.actors.admin, { unitId: hotel, programme: 'dv_protocol', start: '2027-04-01', end: '2027-04-02', household: household('Mme D', 1, 0) }); // 1 more night at 90 €
    placeStay(w.db, w.actors.admin, { unitId: hotel, programme: 'dv_protocol', start: '2027-05-01', end: '2027-05-02', household: household('Mme E', 1, 0) });
    const r2 = afterTheYear(() => protocolYearReport(w.db, w.actors.admin, 2027));
    expect(r2).toMatchObject({
      hotelNights: { value: 4, suppressed: false },
      nights: { value: 20, suppressed: false },
      households: { value: 4, suppressed: false },
      hotelCostCents: { value: 12_000 + 18_000, suppressed: false },
      remainingCents: { value: 70_000, suppressed: false },
      budgetShareUsed: { value: 0.3, suppressed: false }
    });
  });
});

describe('the protocol report and the public report agree on the DV figures', () => {
  it('an emergency stay on a confidential site counts in both; no difference between them is a DV count of 1 or 2', () => {
    const hotel = makeUnit(w.db, w.actors.admin, { name: 'Hôtel', siteKind: 'hotel', programmes: ['dv_protocol', 'emergency'], nightlyCost: 60 });
    const flat = makeUnit(w.db, w.actors.admin, { name: 'Appartement', programmes: ['dv_protocol', 'emergency'], confidential: true });
    const flat2 = makeUnit(w.db, w.actors.admin, { name: 'Appartement 2', programmes: ['dv_protocol', 'emergency'], confidential: true });
    for (const [i, start] of ['2027-03-02', '2027-03-10', '2027-03-20'].entries()) {
      placeStay(w.db, w.actors.admin, { unitId: hotel, programme: 'dv_protocol', start, end: addDays(start, 3), household: household(`Mme H${i}`, 1, 0) });
    }
    for (const [i, start] of ['2027-04-01', '2027-05-01', '2027-06-01'].entries()) {
      placeStay(w.db, w.actors.admin, { unitId: flat, programme: 'dv_protocol', start, end: addDays(start, 20), household: household(`Mme F${i}`, 1, 1) });
    }
    // One emergency stay on a confidential site: a DV figure of 1 that neither report may give away.
    placeStay(w.db, w.actors.admin, { unitId: flat2, programme: 'emergency', start: '2027-07-01', end: '2027-07-03', household: household('M. U', 1, 0) });
    const protocol = afterTheYear(() => protocolYearReport(w.db, w.actors.admin, 2027));
    const dv = afterTheYear(() => publicReport(w.db, 2027)).rows.find((r) => r.programme === 'dv_protocol')!;
    expect(protocol.nights).toEqual(dv.householdNights);
    expect(protocol.households).toEqual(dv.households);
    expect(protocol).toMatchObject({
      hotelNights: { value: 9, suppressed: false },
      apartmentNights: { value: 62, suppressed: false },
      nights: { value: 71, suppressed: false },
      households: { value: 7, suppressed: false },
      hotelCostCents: { value: 54_000, suppressed: false }
    });
  });
});

describe('who receives the declarations', () => {
  it.each(['housing_officer', 'residence_officer', 'partner'] satisfies Role[])('a %s gets 403 on each, before anything is read', (role) => {
    expectAppError(() => siaoDeclarationCsv(w.db, w.actors[role], 'not a month'), 'forbidden');
    expectAppError(() => altStatementCsv(w.db, w.actors[role], 'x'), 'forbidden');
    expectAppError(() => protocolYearReport(w.db, w.actors[role], 'x'), 'forbidden');
  });
});
