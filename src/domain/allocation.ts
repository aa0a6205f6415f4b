// Allocation: which units can take a household over a range of nights, best first, and the
// nearest alternatives when none can (docs/domain.md, "Allocation").
import { addDays, countNights, MAX_QUERY_NIGHTS, type IsoDate } from './dates.ts';
import { freeRanges, isFree, type BusyInterval } from './availability.ts';
import type { Programme } from './programmes.ts';

export interface CandidateUnit {
  id: string;
  /** Creation order: the last tie-break. */
  seq: number;
  capacity: number;
  accessible: boolean;
  programmes: readonly Programme[];
  /** The stay limit of the programme on this unit's kind of site; null when none is recorded. */
  maxNights: number | null;
  /** Busy intervals (live stays and blocks) around the request, any order. */
  busy: readonly BusyInterval[];
  /** Where the unit is: units placed together are best on one site, then in one commune. */
  siteId?: string;
  commune?: string;
}

export interface AllocationRequest {
  start: IsoDate;
  end: IsoDate;
  persons: number;
  programme: Programme;
  accessible?: boolean;
}

export interface RankedOption {
  unitId: string;
  score: number;
  reasons: string[];
  capacity: number;
  slack: number;
  seq: number;
}

export interface AlternativeStay {
  unitId: string;
  start: IsoDate;
  end: IsoDate;
  /** A `together` stay's own share of the household (summing to the household's). */
  adults?: number;
  children?: number;
}

export interface Alternative {
  kind: 'shorter' | 'later' | 'split' | 'together';
  stays: AlternativeStay[];
  nights: number;
}

/** The household's composition, when known: a `together` option gives each unit its adults and children. */
export interface Composition {
  adults: number;
  children: number;
}

/** How far on each side of a stay its free range is counted (docs/domain.md, "Allocation"). */
export const FIT_HORIZON = MAX_QUERY_NIGHTS;
/** How many days after the asked start a later start is looked for. */
export const LATER_START_DAYS = 14;

/** The window of busy intervals that suggest() needs around a request. */
export function allocationWindow(req: { start: IsoDate; end: IsoDate }): { from: IsoDate; to: IsoDate } {
  return { from: addDays(req.start, -FIT_HORIZON), to: addDays(req.end, LATER_START_DAYS + FIT_HORIZON) };
}

/** The unit's static fit: programme, capacity and accessibility, whatever the dates. */
export function fitsHousehold(unit: CandidateUnit, req: AllocationRequest): boolean {
  return unit.programmes.includes(req.programme) && unit.capacity >= req.persons && (!req.accessible || unit.accessible);
}

/**
 * Free nights left around [start, end) in the unit's free range that holds it, each side counted at
 * most FIT_HORIZON nights. Assumes the unit is free on [start, end).
 */
export function slackAround(busy: readonly BusyInterval[], start: IsoDate, end: IsoDate): { before: number; after: number } {
  const lo = addDays(start, -FIT_HORIZON);
  const hi = addDays(end, FIT_HORIZON);
  const range = freeRanges(busy, lo, hi).find((r) => r.start <= start && end <= r.end)!;
  return { before: countNights(range.start, start), after: countNights(end, range.end) };
}

/** Orders options best first: smallest capacity, then tightest fit, then creation order. */
export function compareOptions(a: RankedOption, b: RankedOption): number {
  return a.capacity - b.capacity || a.slack - b.slack || a.seq - b.seq;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The units that can take the household on every night of [start, end), within the limit, best
 * first. Score: higher is better, and orders options exactly as compareOptions does except for the
 * creation-order tie-break.
 */
export function rankOptions(units: readonly CandidateUnit[], req: AllocationRequest): RankedOption[] {
  const nights = countNights(req.start, req.end);
  const options: RankedOption[] = [];
  for (const u of units) {
    if (!fitsHousehold(u, req)) continue;
    if (u.maxNights !== null && nights > u.maxNights) continue;
    if (!isFree(u.busy, req.start, req.end)) continue;
    const { before, after } = slackAround(u.busy, req.start, req.end);
    const slack = before + after;
    const spare = u.capacity - req.persons;
    const reasons = [
      spare === 0
        ? `capacity ${u.capacity} holds ${plural(req.persons, 'person')} exactly`
        : `capacity ${u.capacity} for ${plural(req.persons, 'person')} (${spare} spare)`,
      slack === 0
        ? 'fills its free range exactly'
        : `leaves ${plural(before, 'free night')} before and ${plural(after, 'free night')} after in its free range`
    ];
    options.push({ unitId: u.id, score: 1_000_000 - spare * 1_000 - slack, reasons, capacity: u.capacity, slack, seq: u.seq });
  }
  return options.sort(compareOptions);
}

/**
 * When no unit fits the whole range: the longest stay possible from the asked start, the earliest
 * later start within LATER_START_DAYS days, and a split across two units on consecutive nights.
 * Each alternative respects programme, capacity, accessibility and the limit.
 */
export function findAlternatives(units: readonly CandidateUnit[], req: AllocationRequest): Alternative[] {
  const nights = countNights(req.start, req.end);
  const fitting = units.filter((u) => fitsHousehold(u, req));
  const out: Alternative[] = [];

  // Shorter: the most nights from the asked start, best-ranked unit among equals.
  let best: { unitId: string; nights: number; rank: RankedOption } | null = null;
  for (const u of fitting) {
    const cap = Math.min(nights - 1, u.maxNights ?? nights - 1);
    if (cap < 1) continue;
    const first = freeRanges(u.busy, req.start, addDays(req.start, cap))[0];
    if (!first || first.start !== req.start) continue;
    const k = countNights(first.start, first.end);
    const rank = rankOptions([u], { ...req, end: first.end })[0];
    if (!rank) continue;
    if (!best || k > best.nights || (k === best.nights && compareOptions(rank, best.rank) < 0)) best = { unitId: u.id, nights: k, rank };
  }
  if (best) out.push({ kind: 'shorter', stays: [{ unitId: best.unitId, start: req.start, end: addDays(req.start, best.nights) }], nights: best.nights });

  // Later: the earliest start within the window at which some unit holds the whole stay.
  for (let d = 1; d <= LATER_START_DAYS; d++) {
    const start = addDays(req.start, d);
    const end = addDays(req.end, d);
    const top = rankOptions(fitting, { ...req, start, end })[0];
    if (top) {
      out.push({ kind: 'later', stays: [{ unitId: top.unitId, start, end }], nights });
      break;
    }
  }

  // Split: the first unit from the asked start for as long as possible, a second unit for the rest.
  let split: Alternative | null = null;
  for (let k = nights - 1; k >= 1 && !split; k--) {
    const mid = addDays(req.start, k);
    const a = rankOptions(fitting, { ...req, end: mid });
    if (a.length === 0) continue;
    const b = rankOptions(fitting, { ...req, start: mid });
    const pair = a.flatMap((x) => b.filter((y) => y.unitId !== x.unitId).slice(0, 1).map((y) => [x, y] as const))[0];
    if (pair) {
      split = {
        kind: 'split',
        stays: [
          { unitId: pair[0].unitId, start: req.start, end: mid },
          { unitId: pair[1].unitId, start: mid, end: req.end }
        ],
        nights
      };
    }
  }
  if (split) out.push(split);
  return out;
}

/** Every alternative, the `together` option (several units on the same nights) last. */
export function allAlternatives(units: readonly CandidateUnit[], req: AllocationRequest & { household?: Composition }): Alternative[] {
  const together = findTogether(units, req);
  return together ? [...findAlternatives(units, req), together] : findAlternatives(units, req);
}

/** How close the units of a `together` option are: 0 one site, 1 one commune, 2 anywhere. */
export type Nearness = 0 | 1 | 2;

/**
 * Shares the household among units in the order given: one adult in each first, then each unit
 * filled up to its capacity, adults before children. Null when the units cannot hold it, when there
 * are fewer adults than units, or when a unit would be left empty.
 */
export function shareHousehold(capacities: readonly number[], household: Composition): Composition[] | null {
  const total = capacities.reduce((a, b) => a + b, 0);
  if (household.adults < capacities.length || total < household.adults + household.children) return null;
  if (capacities.some((c) => c < 1)) return null;
  let adults = household.adults - capacities.length;
  let children = household.children;
  return capacities.map((c) => {
    const a = Math.min(adults, c - 1);
    adults -= a;
    const k = Math.min(children, c - 1 - a);
    children -= k;
    return { adults: 1 + a, children: k };
  });
}

/**
 * The best set of units of one group that together hold `persons`: the fewest units, then the
 * earliest created (the set's creation orders compared in order). Null when none holds them, or
 * when more than `maxUnits` would be needed.
 */
function bestSetOf(group: readonly CandidateUnit[], persons: number, maxUnits: number): CandidateUnit[] | null {
  const bySize = [...group].sort((a, b) => b.capacity - a.capacity || a.seq - b.seq);
  let k = 0;
  for (let sum = 0; k < bySize.length && sum < persons; k++) sum += bySize[k].capacity;
  if (bySize.slice(0, k).reduce((a, u) => a + u.capacity, 0) < persons || k > maxUnits) return null;
  // The earliest-created set of k units that still holds them: take each unit, in creation order,
  // when the largest units after it can complete the set.
  const bySeq = [...group].sort((a, b) => a.seq - b.seq);
  const chosen: CandidateUnit[] = [];
  let sum = 0;
  for (let i = 0; i < bySeq.length && chosen.length < k; i++) {
    const left = k - chosen.length - 1;
    const best = bySeq
      .slice(i + 1)
      .map((u) => u.capacity)
      .sort((a, b) => b - a)
      .slice(0, left)
      .reduce((a, b) => a + b, 0);
    if (bySeq.slice(i + 1).length >= left && sum + bySeq[i].capacity + best >= persons) {
      chosen.push(bySeq[i]);
      sum += bySeq[i].capacity;
    }
  }
  return chosen;
}

/** Orders two sets of units: the fewest units, then the earliest created. */
function compareSets(a: readonly CandidateUnit[], b: readonly CandidateUnit[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i].seq !== b[i].seq) return a[i].seq - b[i].seq;
  return 0;
}

function groupBy(units: readonly CandidateUnit[], key: (u: CandidateUnit) => string | undefined): CandidateUnit[][] {
  const groups = new Map<string, CandidateUnit[]>();
  for (const u of units) {
    const k = key(u);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), u]);
  }
  return [...groups.values()];
}

/**
 * When no single unit holds the household: several units free on the same nights whose capacities
 * together hold it. The same site first, then the same commune, then anywhere; within that, the
 * fewest units, then the earliest created. Each unit is free on every night, serves the programme,
 * is accessible when asked and within the limit. With the composition known, each stay carries its
 * own adults and children, at least one adult in each unit (no option with fewer adults than units).
 */
export function findTogether(units: readonly CandidateUnit[], req: AllocationRequest & { household?: Composition }): Alternative | null {
  const chosen = bestTogether(units, req);
  if (!chosen) return null;
  const nights = countNights(req.start, req.end);
  const shares = req.household ? shareHousehold(chosen.units.map((u) => u.capacity), req.household) : null;
  return {
    kind: 'together',
    stays: chosen.units.map((u, i) => ({ unitId: u.id, start: req.start, end: req.end, ...(shares && shares[i]) })),
    nights
  };
}

/** The units of the best `together` option in creation order, and how near they are; null when none. */
export function bestTogether(units: readonly CandidateUnit[], req: AllocationRequest & { household?: Composition }): { units: CandidateUnit[]; nearness: Nearness } | null {
  const nights = countNights(req.start, req.end);
  const eligible = units.filter(
    (u) =>
      u.capacity >= 1 &&
      u.programmes.includes(req.programme) &&
      (!req.accessible || u.accessible) &&
      (u.maxNights === null || nights <= u.maxNights) &&
      isFree(u.busy, req.start, req.end)
  );
  // Each unit takes at least one person, and at least one adult when the composition is known.
  const maxUnits = req.household ? Math.min(req.household.adults, req.persons) : req.persons;
  if (maxUnits < 2 || eligible.some((u) => u.capacity >= req.persons)) return null;
  const tiers: CandidateUnit[][][] = [groupBy(eligible, (u) => u.siteId), groupBy(eligible, (u) => u.commune), [eligible]];
  for (let t = 0; t < tiers.length; t++) {
    let best: CandidateUnit[] | null = null;
    for (const group of tiers[t]) {
      const set = bestSetOf(group, req.persons, maxUnits);
      // One unit alone is an option, not a `together` alternative.
      if (set && set.length >= 2 && (!best || compareSets(set, best) < 0)) best = set;
    }
    if (best) return { units: best, nearness: t as Nearness };
  }
  return null;
}

/** Why nobody was placed, as a demand is recorded and reported (the reason code, before any note). */
export const UNMET_REASONS = ['no_place', 'no_place_of_that_size', 'out_of_scope', 'other'] as const;
export type UnmetReason = (typeof UNMET_REASONS)[number];

/** The likely reason nothing fits a request, from the units of its programme. */
export function likelyUnmetReason(units: readonly { capacity: number; accessible: boolean }[], req: { persons: number; accessible?: boolean }): UnmetReason {
  if (units.length === 0) return 'out_of_scope';
  if (!units.some((u) => u.capacity >= req.persons && (!req.accessible || u.accessible))) return 'no_place_of_that_size';
  return 'no_place';
}
