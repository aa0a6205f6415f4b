// The report's sections beyond the activity core, for a period [from, to): outcomes (departures by
// destination, exits to housing, time to housing, returns), referrals by source, the DV protocol's
// nights and budget, the housing mission, the social residence, and the territory. Counts only: no
// name, no household id. Each role sees the programmes it handles: a section about a programme the
// role does not handle is null, and the cross-programme sections count only its programmes' rows.
// The rules are in src/domain/report-sections.ts; the rows come from db/queries/report-sections.ts.
import type { Db } from '#db/client.ts';
import {
  countContractsStarted,
  countOffersByScheme,
  countRefusalsIn,
  listApplicationDates,
  listCommunes,
  listDepartures,
  listHousingDeparturesOf,
  listLeasesBefore,
  listPlacements,
  listProtocolStays,
  listReferralsReceived,
  listResidenceUnitIds,
  listStayStartsOf,
  type DepartureReadRow
} from '#db/queries/report-sections.ts';
import { addDays, countNights, minDate, monthOf, parisDate, startOfParisDay, type IsoDate, type IsoMonth } from '#domain/dates.ts';
import { SCHEMES, type Scheme } from '#domain/matching.ts';
import { canHandleProgramme, STAFF_ROLES, type Programme } from '#domain/programmes.ts';
import { OFFER_STATUSES, REFUSALS, type OfferStatus, type Refusal } from '#domain/proposal-lifecycle.ts';
import { REFERRAL_STATUSES, type ReferralStatus } from '#domain/referral-lifecycle.ts';
import { checkReportPeriod, median, round } from '#domain/report-activity.ts';
import { programmeOccupancy } from './activity.ts';
import {
  daysToHousing,
  distinctDepartures,
  groupHousingExits,
  hoursBetween,
  isHousingDestination,
  ORIGIN_UNKNOWN,
  originRow,
  percentile,
  perThousand,
  protocolMonths,
  referralSource,
  RETURN_WINDOW_DAYS,
  returnsAfterHousing,
  share,
  SOURCE_UNKNOWN,
  type DepartureRow,
  type HousingEvent,
  type ProtocolMonth,
  type ReturnsFigure,
  type StayStart
} from '#domain/report-sections.ts';
import { DEPARTURE_DESTINATIONS, type DepartureDestination } from '#domain/residence-codes.ts';
import { ORGANISATION_KINDS, ORIGIN_OUTSIDE, type OrganisationKind } from '#domain/territory.ts';
import { requireRole, type Actor } from '../actor.ts';
import { tonight } from '../clock.ts';
import { protocolBudgetCentsOf } from '../protocol.ts';
import { listArrears } from '../residence/board.ts';


export interface OutcomesSection {
  /**
   * Departures dated in the period, once per household and day: the activity report's exits (ended
   * stays that no later stay follows; 'unknown' when no destination was said) and the residence's
   * departures.
   */
  departures: { destination: DepartureDestination; count: number }[];
  departuresTotal: number;
  /** Leases the housing mission saw signed in the period; null for a role that does not handle the mission. */
  leasesSigned: number | null;
  /**
   * Exits in the period, each once: the departures not to housing dated in the period, and the exits
   * to housing whose first sign (a lease signed, or the departure to housing) is dated in the period.
   */
  exits: number;
  /** Those to housing (private rental, social housing, or a lease), each exit once. */
  exitsToHousing: number;
  /** exitsToHousing ÷ exits, 3 decimals; null with no exit. */
  shareToHousing: number | null;
  /** Days from the first emergency or DV night to housing, for households housed in the period; null for a role that does not handle emergency and DV stays. */
  timeToHousing: { households: number; medianDays: number | null } | null;
  /** Households housed in the period with a new emergency or DV stay within 730 days after; null as above. */
  returns: (ReturnsFigure & { complete: boolean }) | null;
}

export interface SourceLine {
  /** An organisation kind, or 'unknown' for a referral with no organisation. */
  source: OrganisationKind | typeof SOURCE_UNKNOWN;
  received: number;
  byOutcome: { outcome: ReferralStatus; count: number }[];
  medianHoursToDecision: number | null;
  p90HoursToDecision: number | null;
}

export interface ReferralsBySourceSection {
  received: number;
  sources: SourceLine[];
  /** Hours from receipt to decision over the period's decided referrals, withdrawals left out (1 decimal; the 90th percentile by nearest rank). */
  decided: number;
  medianHoursToDecision: number | null;
  p90HoursToDecision: number | null;
}

export interface DvProtocolSection {
  months: ProtocolMonth[];
  hotelNights: number;
  hotelCostCents: number;
  apartmentNights: number;
  /** Each year the period touches, with its budget and the hotel cost of the whole year up to the period's end. */
  years: { year: number; budgetCents: number; costCents: number; budgetUsed: number | null }[];
}

export interface MissionSection {
  /** Offers created in the period, by scheme and status as they stand. */
  offers: { scheme: Scheme; byStatus: { status: OfferStatus; count: number }[]; total: number }[];
  offersTotal: number;
  leasesSigned: number;
  /** Days from an offer's opening to its lease, for the leases signed in the period. */
  medianDaysOfferToLease: number | null;
  refusals: { status: Refusal; reason: string; count: number }[];
  refusalsTotal: number;
}

export interface ResidenceSection {
  units: number;
  openUnitNights: number;
  occupiedUnitNights: number;
  occupancy: number;
  /** Applications admitted in the period (their first admission). */
  admissions: number;
  /** Days from receipt to admission, for those admitted in the period. */
  medianDaysToAdmission: number | null;
  /** Contracts starting in the period: households who moved in. */
  moveIns: number;
  /** The waiting list tonight, and how long its applications have waited since they were received. */
  waitingList: { count: number; medianDaysWaited: number | null; asOf: IsoDate };
  /** The balances owed at the end of the period's last month (tonight's month at the latest), by the contracts' statements. */
  arrears: { month: IsoMonth; contracts: number; totalCents: number };
}

export interface TerritoryLine {
  /** A commune's INSEE code, or 'outside', or 'unknown'. */
  origin: string;
  name: string | null;
  population: number | null;
  demands: number;
  placements: number;
  demandsPer1000: number | null;
  placementsPer1000: number | null;
}

export interface TerritorySection {
  lines: TerritoryLine[];
  /** The census year of the populations (the latest among the communes), when known. */
  populationYear: number | null;
  demands: number;
  placements: number;
}

export interface ReportSections {
  from: IsoDate;
  to: IsoDate;
  outcomes: OutcomesSection;
  referralsBySource: ReferralsBySourceSection;
  dvProtocol: DvProtocolSection | null;
  mission: MissionSection | null;
  residence: ResidenceSection | null;
  territory: TerritorySection;
}

const handles = (actor: Actor, programme: Programme) => canHandleProgramme(actor.role, programme);

/**
 * The report's sections for [from, to) (at most five years): staff only (a partner gets 403), each
 * role the programmes it handles. 422 for a date that is not one, `to` not after `from`, or more than five years.
 */
export function reportSections(db: Db, actor: Actor, period: { from?: unknown; to?: unknown }): ReportSections {
  requireRole(actor, STAFF_ROLES, 'reports are for staff; partners read the public report');
  const { from, to } = checkReportPeriod(period.from, period.to);
  return {
    from,
    to,
    outcomes: outcomes(db, actor, from, to),
    referralsBySource: referralsBySource(db, actor, from, to),
    dvProtocol: handles(actor, 'dv_protocol') ? dvProtocol(db, from, to) : null,
    mission: handles(actor, 'housing_mission') ? mission(db, from, to) : null,
    residence: handles(actor, 'social_residence') ? residence(db, actor, from, to) : null,
    territory: territory(db, actor, from, to)
  };
}

// ---------------------------------------------------------------------------------------------
// a. Outcomes

function outcomes(db: Db, actor: Actor, from: IsoDate, to: IsoDate): OutcomesSection {
  const seesLeases = handles(actor, 'housing_mission');
  // Following a household from its emergency nights to housing and back needs those nights.
  const followsPathways = handles(actor, 'emergency') && handles(actor, 'dv_protocol');
  const inPeriod = (date: IsoDate) => date >= from && date < to;
  const departuresOf = (rows: readonly DepartureReadRow[]): DepartureRow[] =>
    distinctDepartures(rows.filter((d) => handles(actor, d.programme as Programme)).map((d) => ({ key: d.householdId, date: d.date, destination: (d.destination ?? 'unknown') as DepartureDestination })));
  const departuresIn = departuresOf(listDepartures(db, from, to));
  const leases = seesLeases
    ? listLeasesBefore(db, startOfParisDay(to)).map((l) => ({ key: l.householdId ?? `applicant:${l.applicantId}`, date: parisDate(new Date(l.signedAt)) }))
    : [];
  // The households with a sign of housing in the period: their earlier signs and their stays say
  // which exit a sign belongs to, when their episode began, and whether they came back.
  const housed = new Set([...departuresIn.filter((d) => isHousingDestination(d.destination)).map((d) => d.key), ...leases.filter((l) => inPeriod(l.date)).map((l) => l.key)]);
  const householdIds = [...housed].filter((k) => !k.startsWith('applicant:'));
  const earlier = departuresOf(listHousingDeparturesOf(db, householdIds, from));
  const starts: StayStart[] = listStayStartsOf(db, householdIds).map((s) => ({ key: s.householdId, start: s.start, programme: s.programme }));
  const events: HousingEvent[] = [
    ...[...earlier, ...departuresIn].filter((d) => isHousingDestination(d.destination)).map((d) => ({ key: d.key, date: d.date, kind: 'departure' as const })),
    ...leases.filter((l) => housed.has(l.key)).map((l) => ({ key: l.key, date: l.date, kind: 'lease' as const }))
  ];
  const exits = groupHousingExits(events, starts);
  const housingExitsIn = exits.filter((e) => inPeriod(e.date));
  // Exits: the departures not to housing dated in the period, and the exits to housing whose first
  // sign is (a departure to housing joined to an earlier lease counts with that lease).
  const otherDepartures = departuresIn.filter((d) => !isHousingDestination(d.destination)).length;
  const exitsCount = otherDepartures + housingExitsIn.length;
  const days = followsPathways ? daysToHousing(exits, starts, from, to) : [];
  const endOfWindow = addDays(addDays(to, -1), RETURN_WINDOW_DAYS);
  return {
    departures: DEPARTURE_DESTINATIONS.map((destination) => ({ destination, count: departuresIn.filter((d) => d.destination === destination).length })),
    departuresTotal: departuresIn.length,
    leasesSigned: seesLeases ? leases.filter((l) => inPeriod(l.date)).length : null,
    exits: exitsCount,
    exitsToHousing: housingExitsIn.length,
    shareToHousing: share(housingExitsIn.length, exitsCount),
    timeToHousing: followsPathways ? { households: days.length, medianDays: median(days) } : null,
    returns: followsPathways
      ? { ...returnsAfterHousing(exits, starts, from, to, (key) => !key.startsWith('applicant:')), complete: endOfWindow < tonight() }
      : null
  };
}

// ---------------------------------------------------------------------------------------------
// b. Referrals by source

function referralsBySource(db: Db, actor: Actor, from: IsoDate, to: IsoDate): ReferralsBySourceSection {
  const rows = listReferralsReceived(db, startOfParisDay(from), startOfParisDay(to)).filter((r) => handles(actor, r.programme as Programme));
  const hoursOf = (list: typeof rows) => list.filter((r) => r.decidedAt !== null && r.status !== 'withdrawn').map((r) => hoursBetween(r.receivedAt, r.decidedAt!));
  const sources = [...ORGANISATION_KINDS, SOURCE_UNKNOWN] as const;
  const all = hoursOf(rows);
  return {
    received: rows.length,
    sources: sources.map((source) => {
      const mine = rows.filter((r) => referralSource(r.kind) === source);
      const hours = hoursOf(mine);
      return {
        source,
        received: mine.length,
        byOutcome: REFERRAL_STATUSES.map((outcome) => ({ outcome, count: mine.filter((r) => r.status === outcome).length })),
        medianHoursToDecision: roundOrNull(median(hours)),
        p90HoursToDecision: roundOrNull(percentile(hours, 90))
      };
    }),
    decided: all.length,
    medianHoursToDecision: roundOrNull(median(all)),
    p90HoursToDecision: roundOrNull(percentile(all, 90))
  };
}

function roundOrNull(value: number | null, decimals = 1): number | null {
  return value === null ? null : round(value, decimals);
}

// ---------------------------------------------------------------------------------------------
// c. The DV protocol

function dvProtocol(db: Db, from: IsoDate, to: IsoDate): DvProtocolSection {
  const yearStart = `${from.slice(0, 4)}-01-01`;
  const stays = listProtocolStays(db, yearStart, to).map((s) => ({ start: s.start, end: s.end, hotel: s.hotel === 1, nightlyCostCents: s.nightlyCostCents }));
  const budgets = new Map<number, number>();
  const budgetOf = (year: number) => {
    if (!budgets.has(year)) budgets.set(year, protocolBudgetCentsOf(db, year));
    return budgets.get(year)!;
  };
  const months = protocolMonths(stays, from, to, budgetOf);
  const years = [...new Set(months.map((m) => Number(m.month.slice(0, 4))))].map((year) => {
    const last = months.filter((m) => Number(m.month.slice(0, 4)) === year).at(-1)!;
    return { year, budgetCents: last.budgetCents, costCents: last.cumulativeCostCents, budgetUsed: last.budgetUsed };
  });
  return {
    months,
    hotelNights: months.reduce((n, m) => n + m.hotelNights, 0),
    hotelCostCents: months.reduce((n, m) => n + m.costCents, 0),
    apartmentNights: months.reduce((n, m) => n + m.apartmentNights, 0),
    years
  };
}

// ---------------------------------------------------------------------------------------------
// d. The housing mission

function mission(db: Db, from: IsoDate, to: IsoDate): MissionSection {
  const fromMs = startOfParisDay(from);
  const toMs = startOfParisDay(to);
  const counted = countOffersByScheme(db, fromMs, toMs);
  const offers = SCHEMES.map((scheme) => {
    const byStatus = OFFER_STATUSES.map((status) => ({ status, count: counted.find((c) => c.scheme === scheme && c.status === status)?.count ?? 0 }));
    return { scheme, byStatus, total: byStatus.reduce((n, s) => n + s.count, 0) };
  });
  const leases = listLeasesBefore(db, toMs).filter((l) => l.signedAt >= fromMs);
  const days = leases.map((l) => countNights(parisDate(new Date(l.offeredAt)), parisDate(new Date(l.signedAt))));
  const refusals = countRefusalsIn(db, fromMs, toMs).filter((r): r is { status: Refusal; reason: string; count: number } => (REFUSALS as readonly string[]).includes(r.status));
  return {
    offers,
    offersTotal: offers.reduce((n, o) => n + o.total, 0),
    leasesSigned: leases.length,
    medianDaysOfferToLease: median(days),
    refusals,
    refusalsTotal: refusals.reduce((n, r) => n + r.count, 0)
  };
}

// ---------------------------------------------------------------------------------------------
// e. The social residence

function residence(db: Db, actor: Actor, from: IsoDate, to: IsoDate): ResidenceSection {
  const unitIds = listResidenceUnitIds(db);
  const nights = programmeOccupancy(db, from, to, 'social_residence');
  const fromMs = startOfParisDay(from);
  const toMs = startOfParisDay(to);
  const applications = listApplicationDates(db);
  const admitted = applications.filter((a) => a.admittedAt !== null && a.admittedAt >= fromMs && a.admittedAt < toMs);
  const night = tonight();
  const waiting = applications.filter((a) => a.status === 'waiting_list');
  // The arrears by the contracts' own statements (one rule for balances): the period's last month, never past tonight's.
  const arrearsMonth = monthOf(minDate(addDays(to, -1), night));
  const arrears = listArrears(db, actor, arrearsMonth).lines;
  return {
    units: unitIds.length,
    openUnitNights: nights.openUnitNights,
    occupiedUnitNights: nights.occupiedUnitNights,
    occupancy: nights.occupancy,
    admissions: admitted.length,
    medianDaysToAdmission: median(admitted.map((a) => countNights(parisDate(new Date(a.receivedAt)), parisDate(new Date(a.admittedAt!))))),
    moveIns: countContractsStarted(db, from, to),
    waitingList: { count: waiting.length, medianDaysWaited: median(waiting.map((a) => countNights(parisDate(new Date(a.receivedAt)), night))), asOf: night },
    arrears: { month: arrearsMonth, contracts: arrears.length, totalCents: arrears.reduce((n, l) => n + l.balanceCents, 0) }
  };
}

// ---------------------------------------------------------------------------------------------
// f. The territory

/**
 * Demands and placements by commune of origin. A demand is a request for a place made in the
 * period: a referral received (any programme the role handles) or an application to the social
 * residence received (for a role that handles it), each counted once. An unmet demand is not
 * counted again: one tied to a referral is that referral's demand, and one without a referral (an
 * allocation a duty officer could not place) carries no commune of origin — it is in the unmet
 * demand figures. A placement is a household whose stay (of a programme the role handles) started
 * in the period, counted once whatever the number of its stays, under its household's commune.
 */
function territory(db: Db, actor: Actor, from: IsoDate, to: IsoDate): TerritorySection {
  const communes = listCommunes(db);
  const known = new Set(communes.map((c) => c.insee));
  const demands = new Map<string, number>();
  const placements = new Map<string, number>();
  const add = (into: Map<string, number>, origin: string | null) => {
    const row = originRow(origin, known);
    into.set(row, (into.get(row) ?? 0) + 1);
  };
  const fromMs = startOfParisDay(from);
  const toMs = startOfParisDay(to);
  for (const r of listReferralsReceived(db, fromMs, toMs)) if (handles(actor, r.programme as Programme)) add(demands, r.originCommune);
  if (handles(actor, 'social_residence')) {
    for (const a of listApplicationDates(db)) if (a.receivedAt >= fromMs && a.receivedAt < toMs) add(demands, a.originCommune);
  }
  const placed = new Map<string, string | null>();
  for (const p of listPlacements(db, from, to)) if (handles(actor, p.programme as Programme)) placed.set(p.householdId, p.originCommune);
  for (const origin of placed.values()) add(placements, origin);
  const line = (origin: string, name: string | null, population: number | null): TerritoryLine => {
    const d = demands.get(origin) ?? 0;
    const p = placements.get(origin) ?? 0;
    return { origin, name, population, demands: d, placements: p, demandsPer1000: perThousand(d, population), placementsPer1000: perThousand(p, population) };
  };
  const lines = [...communes.map((c) => line(c.insee, c.name, c.population)), line(ORIGIN_OUTSIDE, null, null), line(ORIGIN_UNKNOWN, null, null)];
  const years = communes.map((c) => c.populationYear).filter((y): y is number => y !== null);
  return {
    lines,
    populationYear: years.length > 0 ? Math.max(...years) : null,
    demands: lines.reduce((n, l) => n + l.demands, 0),
    placements: lines.reduce((n, l) => n + l.placements, 0)
  };
}
