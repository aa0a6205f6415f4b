// The residence's read side on real SQLite: the reminders of the staff's home pages (counts only,
// by the rules of arrears, reviews, departures and applications), the accountant's arrears list and
// its CSV (UTF-8 with a BOM, `;` separators, parsed back equal to the list), the residents' board.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARREARS_CSV_HEADER, arrearsCsv, getContractView, getResidenceBoard, getResidenceReminders, listArrears, listResidenceDepartures } from '../../src/services/residence/board.ts';
import { at, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';
import { makeUnit } from '../support/fixtures.ts';
import { insertApplication, insertContract } from '../support/residence-rows.ts';
import { placeStay } from '../../src/services/stays.ts';

/** A CSV parser for `;`-separated text with quoted fields ("" inside a quoted field is a quote). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

let w: World;
// 15 March 2027 at 14:00 in Paris: tonight is the night of 15 March, the month is 2027-03.
const MARCH_15 = at('2027-03-15T14:00:00+01:00');

interface Residence {
  arrears: { contractId: string };
  reviewed: { contractId: string };
  leaving: { contractId: string };
  hidden: { contractId: string; pseudonym: string };
  gone: { contractId: string };
}

function unitOfResidence(name: string): string {
  return makeUnit(w.db, w.actors.admin, { name, capacity: 2, programmes: ['social_residence'], siteKind: 'residence' });
}

function build(): Residence {
  const admin = w.actors.admin;
  // Three months unpaid, the benefit deducted: 3 × (400 + 50 − 150) = 900 € owed = 3 months.
  const arrears = insertContract(w.db, admin, { unitId: unitOfResidence('A'), label: 'M. Arriéré', start: '2027-01-01', stayEnd: '2027-12-01', rentCents: 40000, chargesCents: 5000, aplCents: 15000 });
  // In since 1 September 2026: its plan is reviewed on 1 March 2027; paid every month.
  const paid = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03'].map((m) => ({ date: `${m}-05`, amountCents: 30000 }));
  const reviewed = insertContract(w.db, admin, { unitId: unitOfResidence('B'), label: 'Mme Revue', start: '2026-09-01', stayEnd: '2027-12-01', rentCents: 30000, chargesCents: 0, payments: paid });
  // Leaving on 20 March, announced: its contract says ended, the household is still there tonight.
  const leaving = insertContract(w.db, admin, {
    unitId: unitOfResidence('C'),
    label: 'M. Départ',
    start: '2027-02-10',
    stayEnd: '2027-12-01',
    rentCents: 30000,
    chargesCents: 0,
    payments: [{ date: '2027-02-10', amountCents: 60000 }],
    departure: { date: '2027-03-20', destination: 'private_rental', noticeGivenOn: '2027-03-01', by: 'resident' }
  });
  // A confidential household, one month and a half owed (a reversed cheque): 1 month.
  const hidden = insertContract(w.db, admin, {
    unitId: unitOfResidence('D'),
    label: 'Mme Cachée',
    start: '2027-02-01',
    stayEnd: '2027-12-01',
    rentCents: 20000,
    chargesCents: 0,
    confidential: true,
    payments: [
      { date: '2027-02-03', amountCents: 20000, means: 'cheque' },
      { date: '2027-02-12', amountCents: -20000, means: 'cheque', reason: 'Chèque impayé' },
      { date: '2027-03-02', amountCents: 10000 }
    ]
  });
  // Left in January, owing nothing: a past departure.
  const gone = insertContract(w.db, admin, {
    unitId: unitOfResidence('E'),
    label: 'M. Parti',
    start: '2026-12-01',
    stayEnd: '2027-06-01',
    rentCents: 31000,
    chargesCents: 0,
    payments: [{ date: '2026-12-01', amountCents: 31000 }],
    departure: { date: '2027-01-01', destination: 'social_housing' }
  });
  // Applications: two waiting for a committee (received, waiting list), one refused.
  const h = (label: string) => placeStay(w.db, admin, { unitId: unitOfResidence(`H ${label}`), start: '2027-03-15', end: '2027-03-16', programme: 'social_residence', household: { label, adults: 1, children: 0 }, status: 'confirmed' }).value.householdId;
  insertApplication(w.db, admin, h('Demande 1'), { status: 'received' });
  insertApplication(w.db, admin, h('Demande 2'), { status: 'waiting_list' });
  insertApplication(w.db, admin, h('Demande 3'), { status: 'refused', reason: 'Ressources' });
  return { arrears, reviewed, leaving, hidden, gone };
}

beforeEach(() => {
  w = makeWorld();
  fixClock(MARCH_15);
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('the residence reminders', () => {
  it('count reviews due this month, arrears of two months or more, departures announced and applications waiting', () => {
    build();
    const r = getResidenceReminders(w.db, w.actors.residence_officer);
    expect(r).toEqual({ reviewsDue: 1, arrears: 1, departuresAnnounced: 1, applicationsWaiting: 2, nextCommittee: null, month: '2027-03' });
  });

  it('count arrears from exactly two months owed, not below', () => {
    const admin = w.actors.admin;
    // Paid January only: February and March owed = 2 months → counted.
    insertContract(w.db, admin, { unitId: unitOfResidence('two'), label: 'Deux mois', start: '2027-01-01', stayEnd: '2027-12-01', rentCents: 30000, chargesCents: 0, payments: [{ date: '2027-01-05', amountCents: 30000 }] });
    // Paid January and February: March owed = 1 month → not counted.
    insertContract(w.db, admin, {
      unitId: unitOfResidence('one'),
      label: 'Un mois',
      start: '2027-01-01',
      stayEnd: '2027-12-01',
      rentCents: 30000,
      chargesCents: 0,
      payments: [
        { date: '2027-01-05', amountCents: 30000 },
        { date: '2027-02-05', amountCents: 30000 }
      ]
    });
    expect(getResidenceReminders(w.db, w.actors.admin).arrears).toBe(1);
  });

  it('are counts for every staff role, never a name, and refused to a partner', () => {
    build();
    for (const role of ['admin', 'duty_officer', 'housing_officer', 'residence_officer'] as const) {
      const text = JSON.stringify(getResidenceReminders(w.db, w.actors[role]));
      for (const name of ['Arriéré', 'Revue', 'Départ', 'Cachée', 'Demande']) expect(text).not.toContain(name);
    }
    expectAppError(() => getResidenceReminders(w.db, w.actors.partner), 'forbidden');
  });
});

describe('the residents board', () => {
  it('lists the households still in place (a departure to come included), a confidential one by its pseudonym', () => {
    const r = build();
    const board = getResidenceBoard(w.db, w.actors.housing_officer);
    const ids = board.residents.map((x) => x.contractId).sort();
    expect(ids).toEqual([r.arrears.contractId, r.reviewed.contractId, r.leaving.contractId, r.hidden.contractId].sort());
    const hidden = board.residents.find((x) => x.contractId === r.hidden.contractId)!;
    expect(hidden.household).toMatchObject({ name: r.hidden.pseudonym, confidential: true });
    expect(JSON.stringify(board)).not.toContain('Cachée');
    expect(board.residents.find((x) => x.contractId === r.arrears.contractId)).toMatchObject({ balanceCents: 90000, monthsOwed: 3 });
    expect(board.canWrite).toBe(false);
    expect(getResidenceBoard(w.db, w.actors.residence_officer).canWrite).toBe(true);
    // The month's planning shows the residence's units.
    expect(board.plannings.flatMap((p) => p.sites.flatMap((s) => s.units)).length).toBeGreaterThanOrEqual(5);
    expectAppError(() => getResidenceBoard(w.db, w.actors.partner), 'forbidden');
    expectAppError(() => getResidenceBoard(w.db, w.actors.admin, '2027-13'), 'invalid');
  });

  it('shows a contract with the statement of the month asked and its months owed', () => {
    const r = build();
    const feb = getContractView(w.db, w.actors.residence_officer, r.hidden.contractId, '2027-02');
    // February: 200 € due, 200 paid then reversed: balance 200 €.
    expect(feb.statement).toEqual({ month: '2027-02', nights: 28, dueCents: 20000, aplCents: 0, paidCents: 0, balanceCents: 20000 });
    const march = getContractView(w.db, w.actors.residence_officer, r.hidden.contractId);
    expect(march.statement).toMatchObject({ month: '2027-03', paidCents: 10000, balanceCents: 30000 });
    expect(march.monthsOwed).toBe(1);
    expect(march.household.name).toBe(r.hidden.pseudonym);
    expectAppError(() => getContractView(w.db, w.actors.residence_officer, 'nope'), 'not_found');
  });

  it('lists departures announced and past', () => {
    const r = build();
    const d = listResidenceDepartures(w.db, w.actors.duty_officer);
    expect(d.announced.map((x) => x.contractId)).toEqual([r.leaving.contractId]);
    expect(d.past.map((x) => [x.contractId, x.destination])).toEqual([[r.gone.contractId, 'social_housing']]);
  });
});

describe("the accountant's arrears list", () => {
  it('lists the contracts owing at the end of the month; the CSV has a BOM, ; separators, and parses back to the list', () => {
    const r = build();
    const { month, lines } = listArrears(w.db, w.actors.residence_officer, '2027-03');
    expect(month).toBe('2027-03');
    expect(lines.map((l) => l.contractId).sort()).toEqual([r.arrears.contractId, r.hidden.contractId].sort());
    const csv = arrearsCsv(lines);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...ARREARS_CSV_HEADER]);
    expect(csv.split('\r\n')[0].split(';')).toHaveLength(ARREARS_CSV_HEADER.length);
    const euros = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
    expect(rows.slice(1)).toEqual(
      lines.map((l) => [l.contractId, l.household, l.unit, l.start, l.end ?? '', l.month, euros(l.dueCents), euros(l.aplCents), euros(l.paidCents), euros(l.balanceCents), String(l.monthsOwed)])
    );
    // A confidential household by its pseudonym only.
    expect(csv).toContain(r.hidden.pseudonym);
    expect(csv).not.toContain('Cachée');
  });

  it('quotes a field holding the separator, a quote or a line break, and keeps a formula as text', () => {
    const line = { contractId: 'c1', household: 'Dupont; "dit" Jean\nbis', unit: '=HYPERLINK("x")', start: '2027-01-01', end: null, month: '2027-03', dueCents: 45050, aplCents: 0, paidCents: -1000, balanceCents: 46050, monthsOwed: 1 };
    const rows = parseCsv(arrearsCsv([line]).slice(1));
    expect(rows[1]).toEqual(['c1', 'Dupont; "dit" Jean\nbis', `'=HYPERLINK("x")`, '2027-01-01', '', '2027-03', '450,50', '0,00', '-10,00', '460,50', '1']);
  });

  it('refuses a month that is not one, and a partner', () => {
    build();
    expectAppError(() => listArrears(w.db, w.actors.admin, '03-2027'), 'invalid');
    expectAppError(() => listArrears(w.db, w.actors.partner), 'forbidden');
  });
});
