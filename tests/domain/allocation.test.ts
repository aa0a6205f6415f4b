// Specification of allocation: which units can take a household, best first, and the nearest
// alternatives when none can (docs/domain.md, "Allocation"; docs/api.md, "Allocation").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, countNights } from '../../src/domain/dates.ts';
import {
  findAlternatives,
  rankOptions,
  type AllocationRequest,
  type Alternative,
  type CandidateUnit
} from '../../src/domain/allocation.ts';
import { PROGRAMMES, type Programme } from '../../src/domain/programmes.ts';

const r = (start: string, end: string) => ({ start, end });

function unit(id: string, over: Partial<CandidateUnit> = {}): CandidateUnit {
  return { id, seq: 1, capacity: 3, accessible: true, programmes: ['emergency'], maxNights: 92, busy: [], ...over };
}

// Four nights, 27 to 31 March 2026, across the spring DST change: three persons, accessible.
const REQ: AllocationRequest = { start: '2026-03-27', end: '2026-03-31', persons: 3, programme: 'emergency', accessible: true };
const FIT = unit('fit', { seq: 1 });

const ids = (options: { unitId: string }[]) => options.map((o) => o.unitId);

describe('rankOptions: hard filters', () => {
  it.each([
    { rule: 'a unit that does not serve the programme is excluded', over: { programmes: ['social_residence', 'housing_mission'] as Programme[] } },
    { rule: 'a unit too small for the household is excluded', over: { capacity: 2 } },
    { rule: 'a unit that is not accessible is excluded when accessibility is asked', over: { accessible: false } },
    { rule: 'a unit busy on the first night is excluded', over: { busy: [r('2026-03-27', '2026-03-28')] } },
    { rule: 'a unit busy on the night of the DST change is excluded', over: { busy: [r('2026-03-29', '2026-03-30')] } },
    { rule: 'a unit busy on the last night is excluded', over: { busy: [r('2026-03-30', '2026-04-02')] } },
    { rule: 'a unit busy from before the stay into its first night is excluded', over: { busy: [r('2026-03-20', '2026-03-28')] } },
    { rule: 'a unit busy over the whole stay and beyond is excluded', over: { busy: [r('2026-03-01', '2026-05-01')] } },
    { rule: "a unit whose stay limit is under the stay's nights is excluded", over: { maxNights: 3 } }
  ])('$rule', ({ over }) => {
    expect.hasAssertions();
    const other = unit('other', { seq: 2, ...over });
    expect(ids(rankOptions([FIT, other], REQ))).toEqual(['fit']);
    expect(ids(rankOptions([other], REQ))).toEqual([]);
  });

  it.each([
    { rule: 'a unit busy until the arrival day is kept', over: { busy: [r('2026-03-20', '2026-03-27')] } },
    { rule: 'a unit busy from the departure day is kept', over: { busy: [r('2026-03-31', '2026-04-05')] } },
    { rule: 'a unit busy up to the arrival day and from the departure day is kept', over: { busy: [r('2026-03-20', '2026-03-27'), r('2026-03-31', '2026-04-05')] } },
    { rule: 'a unit larger than the household is kept', over: { capacity: 6 } },
    { rule: 'a unit whose stay limit is exactly the stay is kept', over: { maxNights: 4 } },
    { rule: 'a unit with no stay limit recorded is kept', over: { maxNights: null } },
    { rule: 'a unit serving several programmes, the asked one among them, is kept', over: { programmes: ['dv_protocol', 'emergency'] as Programme[] } }
  ])('$rule', ({ over }) => {
    expect.hasAssertions();
    expect(ids(rankOptions([unit('other', { seq: 2, ...over })], REQ))).toEqual(['other']);
  });

  it('a unit that is not accessible is kept when accessibility is not asked', () => {
    expect.hasAssertions();
    const other = unit('other', { accessible: false });
    expect(ids(rankOptions([other], { ...REQ, accessible: false }))).toEqual(['other']);
    expect(ids(rankOptions([other], { ...REQ, accessible: undefined }))).toEqual(['other']);
  });
});

describe('rankOptions: ranking', () => {
  // Busy intervals that leave exactly [27, 31) free: no slack at all.
  const TIGHT = [r('2026-03-01', '2026-03-27'), r('2026-03-31', '2026-04-30')];
  // Busy intervals that leave 2 free nights before (25, 26) and 2 after (31 March, 1 April).
  const SLACK_4 = [r('2026-03-01', '2026-03-25'), r('2026-04-02', '2026-04-30')];
  // 5 free nights before (22–26), 3 after (31 March, 1 and 2 April).
  const SLACK_8 = [r('2026-03-01', '2026-03-22'), r('2026-04-03', '2026-04-30')];

  it('the smallest capacity that holds the household comes first, even when it fits its free range more loosely', () => {
    expect.hasAssertions();
    const big = unit('big-tight', { seq: 1, capacity: 5, busy: TIGHT });
    const small = unit('small-loose', { seq: 2, capacity: 3, busy: [] });
    const mid = unit('mid-tight', { seq: 3, capacity: 4, busy: TIGHT });
    expect(ids(rankOptions([big, small, mid], REQ))).toEqual(['small-loose', 'mid-tight', 'big-tight']);
  });

  it('among units of the same capacity, the fewest free nights left around the stay come first', () => {
    expect.hasAssertions();
    const loose = unit('slack-8', { seq: 1, busy: SLACK_8 });
    const none = unit('slack-none', { seq: 2, busy: [] });
    const tight = unit('slack-0', { seq: 3, busy: TIGHT });
    const some = unit('slack-4', { seq: 4, busy: SLACK_4 });
    const options = rankOptions([loose, none, tight, some], REQ);
    expect(ids(options)).toEqual(['slack-0', 'slack-4', 'slack-8', 'slack-none']);
    expect(options.map((o) => o.slack)).toEqual([0, 4, 8, 732]);
  });

  it('free ranges are counted at most 366 nights on each side of the stay', () => {
    expect.hasAssertions();
    const far = unit('far', { busy: [r('2024-01-01', '2024-02-01'), r('2028-01-01', '2028-02-01')] });
    expect(rankOptions([far], REQ)[0].slack).toBe(366 + 366);
  });

  it('among units of the same capacity and the same fit, the unit created first comes first, whatever the input order', () => {
    expect.hasAssertions();
    const units = [unit('c', { seq: 30, busy: SLACK_4 }), unit('a', { seq: 10, busy: SLACK_4 }), unit('b', { seq: 20, busy: SLACK_4 })];
    expect(ids(rankOptions(units, REQ))).toEqual(['a', 'b', 'c']);
    expect(ids(rankOptions([...units].reverse(), REQ))).toEqual(['a', 'b', 'c']);
  });

  it('capacity outranks fit, and fit outranks creation order', () => {
    expect.hasAssertions();
    const units = [
      unit('cap4-slack0-seq1', { seq: 1, capacity: 4, busy: TIGHT }),
      unit('cap3-slack8-seq2', { seq: 2, capacity: 3, busy: SLACK_8 }),
      unit('cap3-slack4-seq5', { seq: 5, capacity: 3, busy: SLACK_4 }),
      unit('cap3-slack4-seq3', { seq: 3, capacity: 3, busy: SLACK_4 })
    ];
    expect(ids(rankOptions(units, REQ))).toEqual(['cap3-slack4-seq3', 'cap3-slack4-seq5', 'cap3-slack8-seq2', 'cap4-slack0-seq1']);
  });

  it('the score is higher for a better option: it never increases along the order, and drops when capacity or fit differ', () => {
    expect.hasAssertions();
    const units = [
      unit('a', { seq: 1, capacity: 6, busy: TIGHT }),
      unit('b', { seq: 2, capacity: 4, busy: [] }),
      unit('c', { seq: 3, capacity: 4, busy: SLACK_8 }),
      unit('d', { seq: 4, capacity: 3, busy: SLACK_4 }),
      unit('e', { seq: 5, capacity: 3, busy: SLACK_4 }),
      unit('f', { seq: 6, capacity: 3, busy: TIGHT })
    ];
    const options = rankOptions(units, REQ);
    expect(ids(options)).toEqual(['f', 'd', 'e', 'c', 'b', 'a']);
    for (let i = 1; i < options.length; i++) {
      const [prev, next] = [options[i - 1], options[i]];
      if (prev.capacity !== next.capacity || prev.slack !== next.slack) expect(prev.score).toBeGreaterThan(next.score);
      else expect(prev.score).toBe(next.score);
    }
  });

  it('the reasons say in words how the unit holds the household and fills its free range', () => {
    expect.hasAssertions();
    const [exact] = rankOptions([unit('exact', { capacity: 3, busy: TIGHT })], REQ);
    expect(exact.reasons.length).toBeGreaterThanOrEqual(2);
    expect(exact.reasons.join(' | ')).toMatch(/capacity 3/);
    expect(exact.reasons.join(' | ')).toMatch(/3 persons/);
    expect(exact.reasons.join(' | ')).toMatch(/exactly/);

    const [loose] = rankOptions([unit('loose', { capacity: 4, busy: SLACK_4 })], REQ);
    const text = loose.reasons.join(' | ');
    expect(text).toMatch(/capacity 4/);
    expect(text).toMatch(/1 spare/);
    expect(text).toMatch(/2 free nights before/);
    expect(text).toMatch(/2 free nights after/);

    const [single] = rankOptions(
      [unit('single', { capacity: 2, busy: [r('2026-03-01', '2026-03-26'), r('2026-04-01', '2026-04-30')] })],
      { ...REQ, persons: 1 }
    );
    const words = single.reasons.join(' | ');
    expect(words).toMatch(/1 person\b/);
    expect(words).toMatch(/1 free night before/);
    expect(words).toMatch(/1 free night after/);
  });

  it('no unit at all gives no option', () => {
    expect.hasAssertions();
    expect(rankOptions([], REQ)).toEqual([]);
  });
});

describe('findAlternatives', () => {
  // Two persons, four nights from 27 March 2026.
  const ASK: AllocationRequest = { start: '2026-03-27', end: '2026-03-31', persons: 2, programme: 'emergency' };
  const ofKind = (alts: Alternative[], kind: Alternative['kind']) => alts.filter((a) => a.kind === kind);

  it('shorter: the longest stay possible from the asked start, on the unit that holds it', () => {
    expect.hasAssertions();
    const units = [
      unit('two-nights', { seq: 1, busy: [r('2026-03-29', '2026-05-01')] }),
      unit('three-nights', { seq: 2, busy: [r('2026-03-30', '2026-05-01')] }),
      unit('not-tonight', { seq: 3, busy: [r('2026-03-27', '2026-03-28'), r('2026-03-30', '2026-05-01')] })
    ];
    expect(ofKind(findAlternatives(units, ASK), 'shorter')).toEqual([
      { kind: 'shorter', stays: [{ unitId: 'three-nights', start: '2026-03-27', end: '2026-03-30' }], nights: 3 }
    ]);
  });

  it('shorter: the stay limit caps the nights offered', () => {
    expect.hasAssertions();
    const units = [unit('limited', { maxNights: 2, busy: [] })];
    expect(ofKind(findAlternatives(units, ASK), 'shorter')).toEqual([
      { kind: 'shorter', stays: [{ unitId: 'limited', start: '2026-03-27', end: '2026-03-29' }], nights: 2 }
    ]);
  });

  it('shorter: among units giving the same nights, the best-ranked one (smallest capacity) is offered', () => {
    expect.hasAssertions();
    const busy = [r('2026-03-29', '2026-05-01')];
    const units = [unit('big', { seq: 1, capacity: 5, busy }), unit('small', { seq: 2, capacity: 2, busy })];
    expect(ofKind(findAlternatives(units, ASK), 'shorter')[0].stays[0].unitId).toBe('small');
  });

  it('shorter: nothing is offered when no unit is free on the first night', () => {
    expect.hasAssertions();
    const units = [unit('busy-first', { busy: [r('2026-03-27', '2026-03-28')] })];
    expect(ofKind(findAlternatives(units, ASK), 'shorter')).toEqual([]);
  });

  it('later: the earliest start at which a unit holds the whole stay', () => {
    expect.hasAssertions();
    const units = [
      unit('from-3-april', { seq: 1, busy: [r('2026-03-20', '2026-04-03')] }),
      unit('from-29-march', { seq: 2, busy: [r('2026-03-20', '2026-03-29')] })
    ];
    expect(ofKind(findAlternatives(units, ASK), 'later')).toEqual([
      { kind: 'later', stays: [{ unitId: 'from-29-march', start: '2026-03-29', end: '2026-04-02' }], nights: 4 }
    ]);
  });

  it('later: a start 14 days after the asked one is still offered', () => {
    expect.hasAssertions();
    const units = [unit('from-10-april', { busy: [r('2026-03-20', '2026-04-10')] })];
    expect(ofKind(findAlternatives(units, ASK), 'later')).toEqual([
      { kind: 'later', stays: [{ unitId: 'from-10-april', start: '2026-04-10', end: '2026-04-14' }], nights: 4 }
    ]);
  });

  it('later: a start 15 days after the asked one is not offered', () => {
    expect.hasAssertions();
    const units = [unit('from-11-april', { busy: [r('2026-03-20', '2026-04-11')] })];
    expect(ofKind(findAlternatives(units, ASK), 'later')).toEqual([]);
  });

  it('later: a unit free later but under the stay limit is not offered', () => {
    expect.hasAssertions();
    const units = [unit('limited', { maxNights: 3, busy: [r('2026-03-20', '2026-03-29')] })];
    expect(ofKind(findAlternatives(units, ASK), 'later')).toEqual([]);
  });

  it('split: two different units on consecutive nights cover the asked range', () => {
    expect.hasAssertions();
    const units = [
      unit('first-half', { seq: 1, busy: [r('2026-03-29', '2026-05-01')] }),
      unit('second-half', { seq: 2, busy: [r('2026-03-01', '2026-03-29')] })
    ];
    const [split] = ofKind(findAlternatives(units, ASK), 'split');
    expect(split).toEqual({
      kind: 'split',
      stays: [
        { unitId: 'first-half', start: '2026-03-27', end: '2026-03-29' },
        { unitId: 'second-half', start: '2026-03-29', end: '2026-03-31' }
      ],
      nights: 4
    });
  });

  it('split: the two parts are on different units, back to back, from the asked start to the asked end', () => {
    expect.hasAssertions();
    const units = [
      unit('a', { seq: 1, busy: [r('2026-03-30', '2026-05-01')] }),
      unit('b', { seq: 2, busy: [r('2026-03-01', '2026-03-28')] }),
      unit('c', { seq: 3, busy: [r('2026-03-01', '2026-03-27'), r('2026-03-28', '2026-03-29')] })
    ];
    const [split] = ofKind(findAlternatives(units, ASK), 'split');
    expect(split.stays).toHaveLength(2);
    const [first, second] = split.stays;
    expect(first.unitId).not.toBe(second.unitId);
    expect(first.start).toBe(ASK.start);
    expect(first.end).toBe(second.start);
    expect(second.end).toBe(ASK.end);
    expect(first.start < first.end && second.start < second.end).toBe(true);
  });

  it('split: a unit too small for the household is not used for either part', () => {
    expect.hasAssertions();
    const units = [
      unit('first-half', { seq: 1, busy: [r('2026-03-29', '2026-05-01')] }),
      unit('second-half-too-small', { seq: 2, capacity: 1, busy: [r('2026-03-01', '2026-03-29')] })
    ];
    expect(ofKind(findAlternatives(units, ASK), 'split')).toEqual([]);
  });

  it('none: when nothing fits at all, no alternative is offered', () => {
    expect.hasAssertions();
    const units = [
      unit('wrong-programme', { programmes: ['social_residence'] }),
      unit('too-small', { capacity: 1 }),
      unit('full', { busy: [r('2026-03-01', '2026-06-01')] })
    ];
    expect(findAlternatives(units, ASK)).toEqual([]);
    expect(findAlternatives([], ASK)).toEqual([]);
  });

  it('none: a unit that is not accessible is no alternative when accessibility is asked', () => {
    expect.hasAssertions();
    const units = [unit('steps', { accessible: false, busy: [r('2026-03-29', '2026-03-30')] })];
    expect(findAlternatives(units, { ...ASK, accessible: true })).toEqual([]);
    expect(findAlternatives(units, ASK).length).toBeGreaterThan(0);
  });
});

// ---- Properties against a brute-force reference model ----
// Dates are day offsets from 20 March 2026, so requests cross the DST change of 29 March.
const BASE = '2026-03-20';
const day = (offset: number) => addDays(BASE, offset);
const HORIZON = 366;

interface ModelUnit {
  id: string;
  seq: number;
  capacity: number;
  accessible: boolean;
  programmes: Programme[];
  maxNights: number | null;
  intervals: { start: number; end: number }[];
}
interface ModelRequest {
  start: number;
  nights: number;
  persons: number;
  programme: Programme;
  accessible: boolean | undefined;
}

const arbInterval = fc
  .record({ start: fc.integer({ min: -5, max: 35 }), length: fc.integer({ min: 1, max: 6 }) })
  .map(({ start, length }) => ({ start, end: start + length }));
const arbUnits = fc
  .array(
    fc.record({
      capacity: fc.integer({ min: 1, max: 6 }),
      accessible: fc.boolean(),
      programmes: fc.subarray([...PROGRAMMES], { minLength: 1 }),
      maxNights: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
      intervals: fc.array(arbInterval, { maxLength: 4 })
    }),
    { maxLength: 6 }
  )
  .chain((units) =>
    fc.shuffledSubarray(
      units.map((u, i) => i + 1),
      { minLength: units.length, maxLength: units.length }
    ).map((seqs) => units.map((u, i): ModelUnit => ({ ...u, id: `u${i}`, seq: seqs[i] })))
  );
const arbRequest: fc.Arbitrary<ModelRequest> = fc.record({
  start: fc.integer({ min: 0, max: 15 }),
  nights: fc.integer({ min: 1, max: 6 }),
  persons: fc.integer({ min: 1, max: 6 }),
  programme: fc.constantFrom(...PROGRAMMES),
  accessible: fc.option(fc.boolean(), { nil: undefined })
});

const toCandidate = (u: ModelUnit): CandidateUnit => ({
  id: u.id,
  seq: u.seq,
  capacity: u.capacity,
  accessible: u.accessible,
  programmes: u.programmes,
  maxNights: u.maxNights,
  busy: u.intervals.map((i) => ({ start: day(i.start), end: day(i.end) }))
});
const toRequest = (q: ModelRequest): AllocationRequest => ({
  start: day(q.start),
  end: day(q.start + q.nights),
  persons: q.persons,
  programme: q.programme,
  accessible: q.accessible
});

const nightFree = (u: ModelUnit, n: number) => !u.intervals.some((i) => i.start <= n && n < i.end);
const freeOn = (u: ModelUnit, start: number, end: number) => {
  for (let n = start; n < end; n++) if (!nightFree(u, n)) return false;
  return true;
};
const fitsStatic = (u: ModelUnit, q: ModelRequest) =>
  u.programmes.includes(q.programme) && u.capacity >= q.persons && (!q.accessible || u.accessible);
const withinLimit = (u: ModelUnit, nights: number) => u.maxNights === null || nights <= u.maxNights;
const passes = (u: ModelUnit, q: ModelRequest, start: number, nights: number) =>
  fitsStatic(u, q) && withinLimit(u, nights) && freeOn(u, start, start + nights);

function modelSlack(u: ModelUnit, start: number, end: number): number {
  let before = 0;
  while (before < HORIZON && nightFree(u, start - 1 - before)) before++;
  let after = 0;
  while (after < HORIZON && nightFree(u, end + after)) after++;
  return before + after;
}

describe('allocation properties', () => {
  it('rankOptions returns exactly the units that pass the per-night filters, free on every night, ordered by capacity, fit, creation', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(arbUnits, arbRequest, (units, q) => {
        const options = rankOptions(units.map(toCandidate), toRequest(q));
        const byId = new Map(units.map((u) => [u.id, u]));
        // Every option is free on all nights and passes every filter.
        for (const o of options) {
          const u = byId.get(o.unitId)!;
          expect(u).toBeDefined();
          expect(passes(u, q, q.start, q.nights)).toBe(true);
        }
        // Every unit that passes the filters is an option, once.
        const expectedIds = units.filter((u) => passes(u, q, q.start, q.nights)).map((u) => u.id);
        expect([...ids(options)].sort()).toEqual([...expectedIds].sort());
        // The order: capacity, then slack under the model, then creation order.
        const expectedOrder = [...units.filter((u) => passes(u, q, q.start, q.nights))]
          .map((u) => ({ id: u.id, capacity: u.capacity, slack: modelSlack(u, q.start, q.start + q.nights), seq: u.seq }))
          .sort((a, b) => a.capacity - b.capacity || a.slack - b.slack || a.seq - b.seq);
        expect(ids(options)).toEqual(expectedOrder.map((e) => e.id));
        expect(options.map((o) => o.slack)).toEqual(expectedOrder.map((e) => e.slack));
        // The score never increases along the order.
        for (let i = 1; i < options.length; i++) expect(options[i - 1].score).toBeGreaterThanOrEqual(options[i].score);
      }),
      { numRuns: 400 }
    );
  });

  it('findAlternatives offers only stays that pass the per-night filters, and finds one of each kind whenever the model does', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(arbUnits, arbRequest, (units, q) => {
        const alternatives = findAlternatives(units.map(toCandidate), toRequest(q));
        const byId = new Map(units.map((u) => [u.id, u]));
        const offset = (d: string) => countNights(BASE, d);
        for (const alt of alternatives) {
          for (const s of alt.stays) {
            const u = byId.get(s.unitId)!;
            const start = offset(s.start);
            const end = offset(s.end);
            expect(end).toBeGreaterThan(start);
            expect(passes(u, q, start, end - start)).toBe(true);
          }
        }

        // Shorter: the most nights (fewer than asked) from the asked start on one unit.
        let longest = 0;
        for (const u of units) {
          for (let k = q.nights - 1; k >= 1; k--) {
            if (passes(u, q, q.start, k)) {
              longest = Math.max(longest, k);
              break;
            }
          }
        }
        const shorter = alternatives.filter((a) => a.kind === 'shorter');
        if (longest === 0) expect(shorter).toEqual([]);
        else {
          expect(shorter).toHaveLength(1);
          expect(shorter[0].nights).toBe(longest);
          expect(shorter[0].stays).toEqual([
            { unitId: shorter[0].stays[0].unitId, start: day(q.start), end: day(q.start + longest) }
          ]);
        }

        // Later: the earliest start 1 to 14 days later at which some unit holds the whole stay.
        let earliest: number | null = null;
        for (let d = 1; d <= 14 && earliest === null; d++) if (units.some((u) => passes(u, q, q.start + d, q.nights))) earliest = d;
        const later = alternatives.filter((a) => a.kind === 'later');
        if (earliest === null) expect(later).toEqual([]);
        else {
          expect(later).toHaveLength(1);
          expect(later[0].nights).toBe(q.nights);
          expect(later[0].stays).toEqual([
            { unitId: later[0].stays[0].unitId, start: day(q.start + earliest), end: day(q.start + earliest + q.nights) }
          ]);
        }

        // Split: two different units, back to back, covering the asked range.
        let splitExists = false;
        for (let k = 1; k < q.nights && !splitExists; k++) {
          for (const a of units) {
            for (const b of units) {
              if (a.id !== b.id && passes(a, q, q.start, k) && passes(b, q, q.start + k, q.nights - k)) splitExists = true;
            }
          }
        }
        const split = alternatives.filter((a) => a.kind === 'split');
        if (!splitExists) expect(split).toEqual([]);
        else {
          expect(split).toHaveLength(1);
          const [first, second] = split[0].stays;
          expect(split[0].stays).toHaveLength(2);
          expect(first.unitId).not.toBe(second.unitId);
          expect(first.start).toBe(day(q.start));
          expect(first.end).toBe(second.start);
          expect(second.end).toBe(day(q.start + q.nights));
          expect(split[0].nights).toBe(q.nights);
        }
      }),
      { numRuns: 400 }
    );
  });
});
