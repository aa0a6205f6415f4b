// The activity report over a period [from, to): nights provided by programme and site, occupancy
// by unit, site and programme (by month too), length of stay, unmet demand, referrals, exits.
// Staff only (a partner gets 403); each role sees the programmes it handles (docs/domain.md, "Reports").
//
// How each figure is counted (the contract's definitions, to the letter):
// - a night counts when it is in [from, to) and a stay `confirmed`, `in_place` or `ended` covers it
//   (never a hold, a lapsed, cancelled or no-show stay); nights booked ahead count as they stand;
// - householdNights: the nights of a household under a programme, each night once (stays placed
//   together in several units on the same nights make one household-night a night);
//   personNights: each stay's nights × the persons it holds (a stay placed together holds its own
//   adults and children, any other the household's);
// - staysStarted / staysEnded: counted stays whose first night / departure day (the actual end)
//   falls in [from, to); households and persons served: households with a counted night in the
//   period, each once, with its persons;
// - openUnitNights: nights of a unit under an 'active' period, less its blocked nights;
//   occupiedUnitNights: open unit-nights a counted stay covers (any programme's); occupancy =
//   occupied ÷ open rounded to 3 decimals, 0 when nothing is open. Occupancy by programme counts a
//   unit in each programme it serves;
// - unmet: each refused request once (a referral once, with its last reason; a referral placed in
//   the end is not unmet; the same request recorded again by the same person on the same day
//   once), by the closed codes of UNMET_REASONS, for the demands whose first night asked is in the period;
// - referrals: those received in the period (Paris days), by their status now; the median time from
//   receipt to decision in hours, withdrawals left out;
// - exits: departures (ended stays whose departure day is in the period and that no later stay
//   follows), a household placed together counted once, by destination ('unknown' when not said).
import { UNMET_REASONS, type UnmetReason } from '#domain/allocation.ts';
import { countNights, dayNumber, parisDate, startOfParisDay, type IsoDate, type IsoMonth } from '#domain/dates.ts';
import { PROGRAMMES, STAFF_ROLES, programmesOf, type Programme } from '#domain/programmes.ts';
import { REFERRAL_STATUSES, type ReferralStatus } from '#domain/referral-lifecycle.ts';
import {
  checkReportPeriod,
  fallsIn,
  mean,
  median,
  monthIndexOfNights,
  monthsOf,
  occupancyRate,
  round,
  STAY_LENGTH_BUCKETS,
  stayLengthBucket,
  mergeRuns,
  unmetReasonCode,
  type PeriodMonth,
  type Run,
  type ReportPeriod,
  type StayLengthBucket
} from '#domain/report-activity.ts';
import { DEPARTURE_DESTINATIONS, type DepartureDestination } from '#domain/residence-codes.ts';
import type { DbOrTx } from '#db/client.ts';
import { listActivePeriods, listReportBlocks, listReportReferrals, listReportStays, listReportUnits, listReportUnmet, listFollowedStays, type ReportStayRow, type ReportUnitRow } from '#db/queries/reports.ts';
import { requireRole, type Actor } from '../actor.ts';
import { toCsv, type CsvCell } from '../csv.ts';

export interface ActivityQuery {
  from?: unknown;
  to?: unknown;
}

/** Nights provided under one programme (or in all, for `totals`). */
export interface NightFigures {
  householdNights: number;
  personNights: number;
  staysStarted: number;
  staysEnded: number;
  /** Households served (a counted night in the period), each once. */
  households: number;
  /** Their persons (adults + children), each household once. */
  persons: number;
  adults: number;
  children: number;
}
export interface ProgrammeActivity extends NightFigures {
  programme: Programme;
}

export interface OccupancyFigures {
  openUnitNights: number;
  occupiedUnitNights: number;
  occupancy: number;
}
export interface MonthOccupancy extends OccupancyFigures {
  month: IsoMonth;
}

export interface SiteActivity extends OccupancyFigures {
  siteId: string;
  /** Named for staff (the only callers); `confidential` says the site's address is never shown to partners. */
  name: string;
  commune: string;
  confidential: boolean;
  householdNights: number;
  personNights: number;
}

export interface UnitOccupancy extends OccupancyFigures {
  unitId: string;
  name: string;
  siteId: string;
  siteName: string;
  programmes: Programme[];
  months: MonthOccupancy[];
}

export interface StayLength {
  programme: Programme;
  /** Stays whose departure day is in the period (a household placed together counted once). */
  stays: number;
  medianNights: number | null;
  /** Rounded to 1 decimal. */
  meanNights: number | null;
  buckets: { bucket: StayLengthBucket; count: number }[];
}

export interface ActivityReport {
  from: IsoDate;
  to: IsoDate;
  programmes: ProgrammeActivity[];
  sites: SiteActivity[];
  unmet: { reason: UnmetReason; count: number }[];
  referrals: { received: number; byOutcome: { outcome: ReferralStatus; count: number }[]; medianHoursToDecision: number | null };
  exits: { destination: DepartureDestination; count: number }[];
  // Beyond the contract's keys, for the pages:
  /** All the programmes the caller sees together: each household once, whatever its programmes. */
  totals: NightFigures;
  /** Nights by month and programme (months clipped to the period). */
  nightsByMonth: { month: IsoMonth; programme: Programme; householdNights: number; personNights: number }[];
  /** Unmet demand by programme and reason (the same demands as `unmet`). */
  unmetByProgramme: { programme: Programme; reason: UnmetReason; count: number }[];
  /**
   * The share of demand left unmet, by programme and in all: unmet ÷ (unmet + placements), 3
   * decimals, null when there was neither. A placement is a counted stay that starts in the period,
   * a household placed together once, a stay that follows another (the protocol's apartment) not again.
   */
  unmetShare: { programme: Programme | 'all'; unmet: number; placements: number; share: number | null }[];
  occupancy: {
    /** The period's months, in order (each clipped to the period). */
    months: IsoMonth[];
    units: UnitOccupancy[];
    sites: (OccupancyFigures & { siteId: string; name: string; months: MonthOccupancy[] })[];
    /** A unit counts in each programme it serves (so the programmes' open nights add up to more than the sites'). */
    programmes: (OccupancyFigures & { programme: Programme; months: MonthOccupancy[] })[];
    unitCountsInEachProgramme: true;
  };
  lengthOfStay: StayLength[];
}

const emptyFigures = (): NightFigures => ({ householdNights: 0, personNights: 0, staysStarted: 0, staysEnded: 0, households: 0, persons: 0, adults: 0, children: 0 });
const occupancyOf = (open: number, occupied: number): OccupancyFigures => ({ openUnitNights: open, occupiedUnitNights: occupied, occupancy: occupancyRate(occupied, open) });

/** The activity report of [from, to) as the caller's role sees it. 403 for a partner; 422 for a bad period. */
export function activityReport(db: DbOrTx, actor: Actor, query: ActivityQuery): ActivityReport {
  requireRole(actor, STAFF_ROLES, 'reports are for staff (partners get the public report)');
  const period = checkReportPeriod(query.from, query.to);
  const scope = PROGRAMMES.filter((p) => programmesOf(actor.role).includes(p));
  const sees = (p: string): p is Programme => (scope as readonly string[]).includes(p);

  const stays = listReportStays(db, period.from, period.to);
  const visible = stays.filter((s) => sees(s.programme));
  const units = listReportUnits(db).map((u) => ({ ...u, programmes: JSON.parse(u.programmes) as Programme[] }));
  const siteOf = new Map(units.map((u) => [u.id, u.siteId]));
  const occupancy = occupancyFigures(db, period, scope, units, stays);
  const { programmes, totals, nightsByMonth, bySite } = nightFigures(period, scope, visible, occupancy.months, siteOf);
  const unmet = unmetFigures(db, period, scope);

  return {
    from: period.from,
    to: period.to,
    programmes,
    sites: occupancy.sites.map((s) => ({
      siteId: s.siteId,
      name: s.name,
      commune: s.commune,
      confidential: s.confidential,
      openUnitNights: s.openUnitNights,
      occupiedUnitNights: s.occupiedUnitNights,
      occupancy: s.occupancy,
      householdNights: bySite.get(s.siteId)?.householdNights ?? 0,
      personNights: bySite.get(s.siteId)?.personNights ?? 0
    })),
    unmet: unmet.unmet,
    referrals: referralFigures(db, period, sees),
    exits: exitFigures(period, visible, new Set(listFollowedStays(db, period.from))),
    totals,
    nightsByMonth,
    unmetByProgramme: unmet.unmetByProgramme,
    unmetShare: unmetShares(period, scope, visible, unmet.unmetByProgramme),
    occupancy: {
      months: occupancy.months.map((m) => m.month),
      units: occupancy.units,
      sites: occupancy.sites.map(({ siteId, name, openUnitNights, occupiedUnitNights, occupancy: rate, months }) => ({ siteId, name, openUnitNights, occupiedUnitNights, occupancy: rate, months })),
      programmes: occupancy.programmes,
      unitCountsInEachProgramme: true
    },
    lengthOfStay: stayLengths(period, scope, visible)
  };
}

// ---------------------------------------------------------------------------------------------
// Nights provided

function nightFigures(period: ReportPeriod, scope: readonly Programme[], stays: readonly ReportStayRow[], months: readonly PeriodMonth[], siteOf: ReadonlyMap<string, string>) {
  // Nights as day offsets from the period's first night: [0, nights).
  const first = dayNumber(period.from);
  const monthIndex = monthIndexOfNights(period, months);
  const monthStart = months.map((m) => dayNumber(m.start) - first);
  const monthEnd = months.map((m) => dayNumber(m.end) - first);
  const column = new Map(scope.map((p, i) => [p, i]));
  // Per month × programme: household-nights and person-nights.
  const monthHouseholdNights = new Float64Array(months.length * scope.length);
  const monthPersonNights = new Float64Array(months.length * scope.length);
  /** Adds `weight` × the nights of the run [a, b) to the cells of each month it touches. */
  const spread = (cells: Float64Array, col: number, a: number, b: number, weight: number) => {
    for (let k = monthIndex[a]; k <= monthIndex[b - 1]; k++) cells[k * scope.length + col] += (Math.min(b, monthEnd[k]) - Math.max(a, monthStart[k])) * weight;
  };

  const byProgramme = scope.map(emptyFigures);
  const runsOf = new Map<string, Run[]>();
  const siteRunsOf = new Map<string, Run[]>();
  const served = scope.map(() => new Map<string, ReportStayRow>());
  const servedAll = new Map<string, ReportStayRow>();
  const personNightsBySite = new Map<string, number>();
  for (const s of stays) {
    const col = column.get(s.programme as Programme)!;
    const f = byProgramme[col];
    if (fallsIn(s.start, period)) f.staysStarted++;
    if (fallsIn(s.end, period)) f.staysEnded++;
    const a = Math.max(0, dayNumber(s.start) - first);
    const b = Math.min(monthIndex.length, dayNumber(s.end) - first);
    if (a >= b) continue;
    f.personNights += (b - a) * s.persons;
    spread(monthPersonNights, col, a, b, s.persons);
    push(runsOf, `${s.householdId}|${col}`, { a, b });
    const siteId = siteOf.get(s.unitId) ?? '';
    push(siteRunsOf, `${s.householdId}|${siteId}`, { a, b });
    personNightsBySite.set(siteId, (personNightsBySite.get(siteId) ?? 0) + (b - a) * s.persons);
    served[col].set(s.householdId, s);
    servedAll.set(s.householdId, s);
  }
  // Household-nights: a household's nights under a programme, each once (stays placed together overlap).
  for (const [key, runs] of runsOf) {
    const col = Number(key.slice(key.lastIndexOf('|') + 1));
    for (const r of mergeRuns(runs)) {
      byProgramme[col].householdNights += r.b - r.a;
      spread(monthHouseholdNights, col, r.a, r.b, 1);
    }
  }
  const bySite = new Map<string, { householdNights: number; personNights: number }>();
  for (const [key, runs] of siteRunsOf) {
    const siteId = key.slice(key.lastIndexOf('|') + 1);
    const cell = bySite.get(siteId) ?? { householdNights: 0, personNights: personNightsBySite.get(siteId) ?? 0 };
    for (const r of mergeRuns(runs)) cell.householdNights += r.b - r.a;
    bySite.set(siteId, cell);
  }
  const addServed = (f: NightFigures, households: Map<string, ReportStayRow>) => {
    f.households = households.size;
    for (const h of households.values()) {
      f.adults += h.householdAdults;
      f.children += h.householdChildren;
    }
    f.persons = f.adults + f.children;
  };
  scope.forEach((_, col) => addServed(byProgramme[col], served[col]));
  const totals = emptyFigures();
  addServed(totals, servedAll);
  for (const f of byProgramme) {
    totals.householdNights += f.householdNights;
    totals.personNights += f.personNights;
    totals.staysStarted += f.staysStarted;
    totals.staysEnded += f.staysEnded;
  }
  const nightsByMonth = months.flatMap((m, k) =>
    scope.map((programme, col) => ({ month: m.month, programme, householdNights: monthHouseholdNights[k * scope.length + col], personNights: monthPersonNights[k * scope.length + col] }))
  );
  return { programmes: scope.map((programme, col) => ({ programme, ...byProgramme[col] })), totals, nightsByMonth, bySite };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------
// Occupancy: open and occupied unit-nights, by unit, site and programme, in all and by month

type ReportUnit = Omit<ReportUnitRow, 'programmes'> & { programmes: Programme[] };

function occupancyFigures(db: DbOrTx, period: ReportPeriod, scope: readonly Programme[], allUnits: readonly ReportUnit[], stays: readonly ReportStayRow[]) {
  const months = monthsOf(period);
  const monthIndex = monthIndexOfNights(period, months);
  const nights = monthIndex.length;
  const first = dayNumber(period.from);
  // A role sees the units that serve one of its programmes; their occupancy counts every stay on them.
  const units = allUnits.filter((u) => u.programmes.some((p) => scope.includes(p)));
  const index = new Map(units.map((u, i) => [u.id, i]));
  const open = new Uint8Array(units.length * nights);
  const busy = new Uint8Array(units.length * nights);
  const mark = (cells: Uint8Array, unitId: string, start: IsoDate, end: IsoDate | null, value: 0 | 1) => {
    const i = index.get(unitId);
    if (i === undefined) return;
    const a = Math.max(0, dayNumber(start) - first);
    const b = Math.min(nights, end === null ? nights : dayNumber(end) - first);
    if (a < b) cells.fill(value, i * nights + a, i * nights + b);
  };
  for (const p of listActivePeriods(db, period.from, period.to)) mark(open, p.unitId, p.start, p.end, 1);
  for (const b of listReportBlocks(db, period.from, period.to)) mark(open, b.unitId, b.start, b.end, 0);
  for (const s of stays) mark(busy, s.unitId, s.start, s.end, 1);

  const M = months.length;
  const monthsFrom = (o: ArrayLike<number>, c: ArrayLike<number>): MonthOccupancy[] => months.map((m, k) => ({ month: m.month, ...occupancyOf(o[k], c[k]) }));
  const sum = (xs: Int32Array) => xs.reduce((a, b) => a + b, 0);
  const unitRows: UnitOccupancy[] = [];
  const perUnit: { open: Int32Array; occupied: Int32Array }[] = [];
  units.forEach((u, i) => {
    const o = new Int32Array(M);
    const c = new Int32Array(M);
    for (let d = 0, base = i * nights; d < nights; d++) {
      if (open[base + d] === 0) continue;
      const k = monthIndex[d];
      o[k]++;
      if (busy[base + d] === 1) c[k]++;
    }
    perUnit.push({ open: o, occupied: c });
    unitRows.push({ unitId: u.id, name: u.name, siteId: u.siteId, siteName: u.siteName, programmes: u.programmes, ...occupancyOf(sum(o), sum(c)), months: monthsFrom(o, c) });
  });
  const addUp = (which: number[]) => {
    const o = new Int32Array(M);
    const c = new Int32Array(M);
    for (const i of which) for (let k = 0; k < M; k++) {
      o[k] += perUnit[i].open[k];
      c[k] += perUnit[i].occupied[k];
    }
    return { ...occupancyOf(sum(o), sum(c)), months: monthsFrom(o, c) };
  };
  const siteIds = [...new Set(units.map((u) => u.siteId))];
  const sites = siteIds.map((siteId) => {
    const members = units.flatMap((u, i) => (u.siteId === siteId ? [i] : []));
    const u = units[members[0]];
    return { siteId, name: u.siteName, commune: u.commune, confidential: u.confidential === 1, ...addUp(members) };
  });
  const programmes = scope.map((programme) => ({ programme, ...addUp(units.flatMap((u, i) => (u.programmes.includes(programme) ? [i] : []))) }));
  return { months, units: unitRows, sites, programmes };
}

/**
 * The occupancy of the units serving one programme over [from, to), counted exactly as the activity
 * report's occupancy by programme (the report's other sections use it: one rule for occupancy).
 */
export function programmeOccupancy(db: DbOrTx, from: IsoDate, to: IsoDate, programme: Programme): OccupancyFigures {
  const period = checkReportPeriod(from, to);
  const units = listReportUnits(db).map((u) => ({ ...u, programmes: JSON.parse(u.programmes) as Programme[] }));
  const [figures] = occupancyFigures(db, period, [programme], units, listReportStays(db, period.from, period.to)).programmes;
  return occupancyOf(figures.openUnitNights, figures.occupiedUnitNights);
}

// ---------------------------------------------------------------------------------------------
// Unmet demand, referrals, exits, length of stay

function unmetFigures(db: DbOrTx, period: ReportPeriod, scope: readonly Programme[]) {
  // One entry per refused request: a referral's last reason; the same request asked again by the same person on the same day once.
  const requests = new Map<string, { programme: Programme; reason: UnmetReason }>();
  // The same ask (fields and person) on the same Paris day is one request; the day is worked out only when the ask repeats.
  const asks = new Map<string, { key: string; createdAt: number; day?: string }[]>();
  const sameAsk = (ask: string, id: string, createdAt: number): string => {
    const earlier = asks.get(ask) ?? [];
    const day = earlier.length ? parisDate(new Date(createdAt)) : undefined;
    const same = day === undefined ? undefined : earlier.find((e) => (e.day ??= parisDate(new Date(e.createdAt))) === day);
    const key = same?.key ?? `ask|${id}`;
    asks.set(ask, [...earlier, { key, createdAt, day }]);
    return key;
  };
  for (const d of listReportUnmet(db, period.from, period.to)) {
    if (!(scope as readonly string[]).includes(d.programme)) continue;
    if (d.referralStatus === 'placed') continue; // placed in the end: not unmet
    const key = d.referralId !== null ? `referral|${d.referralId}` : sameAsk(`${d.programme}|${d.start}|${d.end}|${d.persons}|${d.accessible}|${d.createdBy}`, d.id, d.createdAt);
    requests.delete(key);
    requests.set(key, { programme: d.programme as Programme, reason: unmetReasonCode(d.reason) });
  }
  const all = [...requests.values()];
  const count = (reason: UnmetReason, programme?: Programme) => all.filter((r) => r.reason === reason && (programme === undefined || r.programme === programme)).length;
  return {
    unmet: UNMET_REASONS.map((reason) => ({ reason, count: count(reason) })),
    unmetByProgramme: scope.flatMap((programme) => UNMET_REASONS.map((reason) => ({ programme, reason, count: count(reason, programme) })))
  };
}

function unmetShares(period: ReportPeriod, scope: readonly Programme[], stays: readonly ReportStayRow[], unmet: ActivityReport['unmetByProgramme']): ActivityReport['unmetShare'] {
  const placed = new Map<Programme, Set<string>>(scope.map((p) => [p, new Set()]));
  for (const s of stays) if (fallsIn(s.start, period) && s.previousStayId === null) placed.get(s.programme as Programme)!.add(householdStayKey(s));
  const row = (programme: Programme | 'all', u: number, placements: number) => ({ programme, unmet: u, placements, share: u + placements > 0 ? round(u / (u + placements), 3) : null });
  const rows = scope.map((p) => row(p, unmet.filter((x) => x.programme === p).reduce((a, x) => a + x.count, 0), placed.get(p)!.size));
  return [...rows, row('all', rows.reduce((a, r) => a + r.unmet, 0), rows.reduce((a, r) => a + r.placements, 0))];
}

function referralFigures(db: DbOrTx, period: ReportPeriod, sees: (p: string) => boolean): ActivityReport['referrals'] {
  const rows = listReportReferrals(db, startOfParisDay(period.from), startOfParisDay(period.to)).filter((r) => sees(r.programme));
  const hours = rows.filter((r) => r.decidedAt !== null && r.status !== 'withdrawn').map((r) => (r.decidedAt! - r.receivedAt) / 3_600_000);
  const m = median(hours);
  return {
    received: rows.length,
    byOutcome: REFERRAL_STATUSES.map((outcome) => ({ outcome, count: rows.filter((r) => r.status === outcome).length })),
    medianHoursToDecision: m === null ? null : round(m, 1)
  };
}

/** Stays of one household placed together count once: the group's id, or the stay's own. */
const householdStayKey = (s: ReportStayRow) => s.togetherGroup ?? s.id;

function exitFigures(period: ReportPeriod, stays: readonly ReportStayRow[], followed: ReadonlySet<string>): ActivityReport['exits'] {
  const exits = new Map<string, DepartureDestination>();
  for (const s of stays) {
    if (s.status !== 'ended' || followed.has(s.id) || !fallsIn(s.end, period)) continue;
    const key = householdStayKey(s);
    const said = s.destination as DepartureDestination | null;
    if (!exits.has(key) || (exits.get(key) === 'unknown' && said)) exits.set(key, said ?? 'unknown');
  }
  const all = [...exits.values()];
  return DEPARTURE_DESTINATIONS.map((destination) => ({ destination, count: all.filter((d) => d === destination).length }));
}

function stayLengths(period: ReportPeriod, scope: readonly Programme[], stays: readonly ReportStayRow[]): StayLength[] {
  const lengths = new Map<Programme, Map<string, number>>(scope.map((p) => [p, new Map()]));
  for (const s of stays) {
    if (!fallsIn(s.end, period)) continue;
    const byKey = lengths.get(s.programme as Programme)!;
    const key = householdStayKey(s);
    byKey.set(key, Math.max(byKey.get(key) ?? 0, countNights(s.start, s.end)));
  }
  return scope.map((programme) => {
    const nights = [...lengths.get(programme)!.values()];
    const m = mean(nights);
    return {
      programme,
      stays: nights.length,
      medianNights: median(nights),
      meanNights: m === null ? null : round(m, 1),
      buckets: STAY_LENGTH_BUCKETS.map((b) => ({ bucket: b.bucket, count: nights.filter((n) => stayLengthBucket(n) === b.bucket).length }))
    };
  });
}

// ---------------------------------------------------------------------------------------------
// CSV

export interface ReportTable {
  /** The table's name, as the JSON's key. */
  name: 'programmes' | 'sites' | 'unmet' | 'referrals' | 'referralOutcomes' | 'exits';
  header: string[];
  rows: CsvCell[][];
}

/** The contract's tables of the report, each with its header: what the CSV holds. */
export function activityTables(r: ActivityReport): ReportTable[] {
  return [
    {
      name: 'programmes',
      header: ['programme', 'householdNights', 'personNights', 'staysStarted', 'staysEnded', 'households', 'persons'],
      rows: r.programmes.map((p) => [p.programme, p.householdNights, p.personNights, p.staysStarted, p.staysEnded, p.households, p.persons])
    },
    { name: 'sites', header: ['siteId', 'name', 'openUnitNights', 'occupiedUnitNights', 'occupancy'], rows: r.sites.map((s) => [s.siteId, s.name, s.openUnitNights, s.occupiedUnitNights, s.occupancy]) },
    { name: 'unmet', header: ['reason', 'count'], rows: r.unmet.map((u) => [u.reason, u.count]) },
    { name: 'referrals', header: ['received', 'medianHoursToDecision'], rows: [[r.referrals.received, r.referrals.medianHoursToDecision]] },
    { name: 'referralOutcomes', header: ['outcome', 'count'], rows: r.referrals.byOutcome.map((o) => [o.outcome, o.count]) },
    { name: 'exits', header: ['destination', 'count'], rows: r.exits.map((e) => [e.destination, e.count]) }
  ];
}

/**
 * The report as one CSV (through toCsv: BOM, `;`, CRLF): a first line `from;to` with the period,
 * then each table in turn: a line with its name, its header, its rows, an empty line.
 */
export function activityReportCsv(r: ActivityReport): string {
  const lines: CsvCell[][] = [['from', 'to'], [r.from, r.to], []];
  for (const t of activityTables(r)) lines.push([t.name], t.header, ...t.rows, []);
  return toCsv(lines);
}
