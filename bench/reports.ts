// The activity report over five years of history: 100 units, about 20,000 stays (a week on average,
// about 75 % of the unit-nights occupied), with blocks, referrals and unmet demands; the service's
// activityReport for one full year against ONE raw SQL aggregate of the year's household-nights
// (and person-nights), side by side; the numbers must agree.
import { rmSync } from 'node:fs';
import { openDatabase } from '../db/client.ts';
import { activityReport } from '../src/services/reports/activity.ts';
import { reportSections } from '../src/services/reports/sections.ts';
import { createAccountWithToken } from '../src/services/accounts.ts';
import type { Actor } from '../src/services/actor.ts';
import { OUT } from './config.ts';
import { DAY_MS, dayOf, isoOf, rng } from './dataset.ts';
import { percentile } from './stats.ts';

export const REPORTS_DB = `${OUT}/reports-100u-5y.sqlite`;
const UNITS = 100;
const HISTORY = { from: '2022-01-01', to: '2027-01-01' };
/** The year the report is timed on. */
export const REPORT_YEAR = { from: '2026-01-01', to: '2027-01-01' };
/** Stays ending before this day took place (ended, or cancelled / no-show); later ones are booked ahead. */
const TODAY = '2026-09-01';
const PROGRAMME_SETS = [['emergency'], ['emergency', 'dv_protocol'], ['social_residence'], ['social_residence', 'housing_mission'], ['dv_protocol']];

/**
 * The baseline: one statement, the nights of [from, to) of every counted stay (confirmed, in place,
 * ended), and the same × the household's persons. It equals the service's household-nights because
 * no household has two stays on the same night here (each unit draws its households from its own pool).
 */
const RAW_SQL = `
SELECT CAST(coalesce(sum(julianday(min(s.end_date, @to)) - julianday(max(s.start_date, @from))), 0) AS INTEGER) AS householdNights,
       CAST(coalesce(sum((julianday(min(s.end_date, @to)) - julianday(max(s.start_date, @from))) * (h.adults + h.children)), 0) AS INTEGER) AS personNights
  FROM stays s JOIN households h ON h.id = s.household_id
 WHERE s.status IN ('confirmed','in_place','ended') AND s.start_date < @to AND s.end_date > @from`;

export interface ReportsBench {
  units: number;
  stays: number;
  occupancyShare: number;
  meanStayNights: number;
  service: { householdNights: number; personNights: number };
  raw: { householdNights: number; personNights: number };
  agree: boolean;
  serviceMs: { median: number; p95: number };
  rawMs: { median: number; p95: number };
  /** The whole report as the pages build it: the activity and every other section. */
  fullMs: { median: number; p95: number };
  iterations: number;
  generationMs: number;
}

/** Writes the dataset (a new file each run: it takes about a second). */
function generate(): { adminAccountId: string; stays: number; occupied: number; stayNights: number } {
  for (const f of [REPORTS_DB, `${REPORTS_DB}-wal`, `${REPORTS_DB}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(REPORTS_DB, { synchronous: 'NORMAL' });
  const sqlite = db.$client;
  const admin = createAccountWithToken(db, { name: 'bench admin', role: 'admin' });
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  const rand = rng(20270401);
  const now = Date.now();
  const first = dayOf(HISTORY.from);
  const last = dayOf(HISTORY.to);
  const today = dayOf(TODAY);
  const ins = {
    site: sqlite.prepare(`INSERT INTO sites (id, name, commune, address, confidential, kind, created_at) VALUES (?, ?, 'Lunel', '1 rue du Banc', ?, ?, ?)`),
    unit: sqlite.prepare(`INSERT INTO units (id, seq, site_id, name, capacity, programmes, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`),
    period: sqlite.prepare(`INSERT INTO unit_periods (unit_id, kind, start_date, end_date) VALUES (?, 'active', ?, NULL)`),
    household: sqlite.prepare(`INSERT INTO households (id, label, pseudonym, adults, children, needs, confidential, created_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?)`),
    stay: sqlite.prepare(
      `INSERT INTO stays (id, unit_id, household_id, programme, start_date, end_date, status, hold_expires_at, destination, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    block: sqlite.prepare(`INSERT INTO blocks (id, unit_id, start_date, end_date, reason, created_by, created_at) VALUES (?, ?, ?, ?, 'travaux (bench)', ?, ?)`),
    referral: sqlite.prepare(
      `INSERT INTO referrals (id, programme, urgency, requested_start, nights, adults, children, referrer_organisation, referrer_contact, referrer_phone, status, received_at, decided_at, created_by)
       VALUES (?, ?, 'immediate', ?, 3, 1, 1, 'Bench', 'Bench', '17', ?, ?, ?, ?)`
    ),
    unmet: sqlite.prepare(`INSERT INTO unmet_demands (id, programme, start_date, end_date, persons, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  };
  const destinations = ['private_rental', 'social_housing', 'family_or_friends', 'other_structure', 'hospital_or_care', 'street', null];
  let stays = 0;
  let occupied = 0;
  let stayNights = 0;
  let serial = 0;
  const id = (kind: string) => `${kind}-${(++serial).toString(36).padStart(7, '0')}`;
  sqlite.transaction(() => {
    let siteId = '';
    for (let u = 0; u < UNITS; u++) {
      if (u % 5 === 0) ins.site.run((siteId = id('site')), `Site ${u / 5 + 1}`, u % 25 === 0 ? 1 : 0, u % 10 === 0 ? 'hotel' : 'apartment', now);
      const unitId = id('unit');
      const programmes = PROGRAMME_SETS[u % PROGRAMME_SETS.length];
      ins.unit.run(unitId, u + 1, siteId, `Logement ${u + 1}`, 2 + Math.floor(rand() * 5), JSON.stringify(programmes), now);
      ins.period.run(unitId, HISTORY.from);
      // The unit's own households: they come back, never on two units at once.
      const pool = Array.from({ length: 60 }, (_, i) => {
        const hid = id('hh');
        ins.household.run(hid, `Ménage ${u}-${i}`, `Bench ${hid}`, 1 + Math.floor(rand() * 2), Math.floor(rand() * 4), programmes.includes('dv_protocol') ? 1 : 0, now);
        return hid;
      });
      // Stays of a week on average (1–13 nights), gaps of 1.9 nights on average: about 75 % of the unit-nights occupied by a counted stay.
      for (let day = first + Math.floor(rand() * 3); day < last; ) {
        if (rand() < 0.01) {
          const end = Math.min(last, day + 2 + Math.floor(rand() * 5));
          ins.block.run(id('block'), unitId, isoOf(day), isoOf(end), admin.accountId, now);
          day = end + 1;
          continue;
        }
        const len = 1 + Math.floor(rand() * 13);
        const end = Math.min(last + 30, day + len);
        const r = rand();
        let status: string;
        let holdExpiresAt: number | null = null;
        if (end <= today) status = r < 0.94 ? 'ended' : r < 0.98 ? 'cancelled' : 'no_show';
        else if (day <= today) status = 'in_place';
        else if (r < 0.9) status = 'confirmed';
        else if (r < 0.97) status = 'cancelled';
        else {
          status = 'hold';
          holdExpiresAt = now - 3_600_000;
        }
        const destination = status === 'ended' ? destinations[Math.floor(rand() * destinations.length)] : null;
        const programme = programmes[Math.floor(rand() * programmes.length)];
        ins.stay.run(id('stay'), unitId, pool[Math.floor(rand() * pool.length)], programme, isoOf(day), isoOf(end), status, holdExpiresAt, destination, admin.accountId, (day - 10) * DAY_MS, (day - 10) * DAY_MS);
        stays++;
        stayNights += end - day;
        if (status === 'ended' || status === 'in_place' || status === 'confirmed') occupied += Math.min(end, last) - day;
        day = end + Math.floor(rand() * 4.74);
      }
    }
    // Referrals (about 4 a day) and unmet demands (about 1 a day) over the five years.
    for (let day = first; day < last; day++) {
      for (let k = Math.floor(rand() * 8); k > 0; k--) {
        const received = day * DAY_MS + Math.floor(rand() * DAY_MS);
        const status = ['received', 'accepted', 'declined', 'redirected', 'withdrawn', 'placed'][Math.floor(rand() * 6)];
        const programme = PROGRAMME_SETS[Math.floor(rand() * 5)][0];
        ins.referral.run(id('ref'), programme, isoOf(day), status, received, status === 'received' ? null : received + Math.floor(rand() * 30 * 3_600_000), admin.accountId);
      }
      if (rand() < 0.9) {
        const reason = ['no_place: bench', 'no_place_of_that_size: bench', 'out_of_scope: bench', 'declined: no_place_tonight'][Math.floor(rand() * 4)];
        ins.unmet.run(id('unmet'), PROGRAMME_SETS[Math.floor(rand() * 5)][0], isoOf(day), isoOf(day + 3), 1 + Math.floor(rand() * 5), reason, admin.accountId, day * DAY_MS);
      }
    }
  })();
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  return { adminAccountId: admin.accountId, stays, occupied, stayNights };
}

export function reportsBench(log: (s: string) => void): ReportsBench {
  const t0 = performance.now();
  const g = generate();
  const generationMs = performance.now() - t0;
  const unitNights = UNITS * (dayOf(HISTORY.to) - dayOf(HISTORY.from));
  log(`dataset: ${REPORTS_DB} — ${UNITS} units, ${g.stays.toLocaleString('en-US')} stays over ${HISTORY.from} – ${HISTORY.to}, mean stay ${(g.stayNights / g.stays).toFixed(1)} nights, ${((g.occupied / unitNights) * 100).toFixed(1)} % of unit-nights occupied (generated in ${(generationMs / 1000).toFixed(1)} s)`);

  const db = openDatabase(REPORTS_DB); // the service's defaults
  const admin: Actor = { accountId: g.adminAccountId, role: 'admin', organisationId: null, ip: null };
  const raw = db.$client.prepare(RAW_SQL);
  const service = () => activityReport(db, admin, REPORT_YEAR);
  const baseline = () => raw.get(REPORT_YEAR) as { householdNights: number; personNights: number };

  const report = service();
  const sums = report.programmes.reduce((a, p) => ({ householdNights: a.householdNights + p.householdNights, personNights: a.personNights + p.personNights }), { householdNights: 0, personNights: 0 });
  const rawAnswer = baseline();
  const agree = sums.householdNights === rawAnswer.householdNights && sums.personNights === rawAnswer.personNights && report.totals.householdNights === rawAnswer.householdNights;
  log(`year ${REPORT_YEAR.from} – ${REPORT_YEAR.to}: service household-nights ${sums.householdNights}, person-nights ${sums.personNights}; raw SQL ${rawAnswer.householdNights}, ${rawAnswer.personNights}`);
  log(`agreement: ${agree ? '✓ household-nights and person-nights agree' : '✗ MISMATCH'}`);

  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  for (let i = 0; i < 3; i++) {
    service();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 100 && (i < 15 || performance.now() - started < 15_000); i++) {
    // Alternate the order so that neither always runs on a warmer cache.
    if (i % 2 === 0) {
      a.push(time(service));
      b.push(time(baseline));
    } else {
      b.push(time(baseline));
      a.push(time(service));
    }
  }
  // The whole report the page shows: the activity and the other sections (outcomes, referrals by
  // source, the protocol, the mission, the residence, the territory).
  const full = () => {
    activityReport(db, admin, REPORT_YEAR);
    reportSections(db, admin, REPORT_YEAR);
  };
  full();
  const c: number[] = [];
  for (let i = 0; i < 30; i++) c.push(time(full));
  db.$client.close();
  a.sort((x, y) => x - y);
  b.sort((x, y) => x - y);
  c.sort((x, y) => x - y);
  return {
    units: UNITS,
    stays: g.stays,
    occupancyShare: g.occupied / unitNights,
    meanStayNights: g.stayNights / g.stays,
    service: sums,
    raw: rawAnswer,
    agree,
    serviceMs: { median: percentile(a, 50), p95: percentile(a, 95) },
    rawMs: { median: percentile(b, 50), p95: percentile(b, 95) },
    fullMs: { median: percentile(c, 50), p95: percentile(c, 95) },
    iterations: a.length,
    generationMs
  };
}
