// The key property: whatever sequence of placements, cancellations, changes of end and blocks is
// played against the service, it accepts exactly what a brute-force model of nights accepts,
// refuses the rest as an overlap naming the whole conflicting ranges, and its availability equals
// the model's, night by night (docs/architecture.md, "Comments and tests"; docs/api.md, "Availability").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import { AppError, type ConflictRange } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { getAvailability } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { actOnStay, changeStayEnd, getStay, placeStay } from '../../src/services/stays.ts';
import { makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';
import { fixClock, household, resetClock } from './helpers.ts';

// 20 nights across the spring DST change (night of 27 to 28 March 2027): a night is a night.
const FROM = '2027-03-20';
const NIGHTS = 20;
const TO = addDays(FROM, NIGHTS);
const CAPACITIES = [1, 2, 4] as const;
const day = (i: number) => addDays(FROM, i);

type Command =
  | { kind: 'place'; unit: number; start: number; end: number }
  | { kind: 'block'; unit: number; start: number; end: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'changeEnd'; pick: number; end: number };

/** A range [start, end) of night indexes within the window, 1 night at least. */
const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: NIGHTS - 1 }), fc.integer({ min: 1, max: NIGHTS }))
  .map(([start, len]) => ({ start, end: Math.min(NIGHTS, start + len) }));
const unitArb = fc.integer({ min: 0, max: CAPACITIES.length - 1 });

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.tuple(unitArb, rangeArb).map(([unit, r]): Command => ({ kind: 'place', unit, ...r })), weight: 5 },
  { arbitrary: fc.tuple(unitArb, rangeArb).map(([unit, r]): Command => ({ kind: 'block', unit, ...r })), weight: 1 },
  { arbitrary: fc.nat().map((pick): Command => ({ kind: 'cancel', pick })), weight: 2 },
  // end is a night index 1..NIGHTS; it is moved above the stay's start when it is not.
  { arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 1, max: NIGHTS })).map(([pick, end]): Command => ({ kind: 'changeEnd', pick, end })), weight: 3 }
);

interface ModelStay {
  id: string;
  unit: number;
  start: number;
  end: number;
  live: boolean;
}
interface ModelBlock {
  unit: number;
  start: number;
  end: number;
}

/** The reference: lists of stays and blocks, and a brute-force night-by-night reading of them. */
class Model {
  stays: ModelStay[] = [];
  blocks: ModelBlock[] = [];

  occupied(unit: number, night: number, excludeStay?: string): boolean {
    return (
      this.stays.some((s) => s.live && s.unit === unit && s.id !== excludeStay && s.start <= night && night < s.end) ||
      this.blocks.some((b) => b.unit === unit && b.start <= night && night < b.end)
    );
  }

  /** The whole ranges of the live stays and blocks of `unit` that share a night with [start, end), by start. */
  conflicts(unit: number, start: number, end: number, excludeStay?: string): ConflictRange[] {
    const out: { start: number; end: number; kind: 'stay' | 'block' }[] = [];
    for (const s of this.stays) if (s.live && s.unit === unit && s.id !== excludeStay && s.start < end && start < s.end) out.push({ start: s.start, end: s.end, kind: 'stay' });
    for (const b of this.blocks) if (b.unit === unit && b.start < end && start < b.end) out.push({ start: b.start, end: b.end, kind: 'block' });
    // Cross-check the range test against the nights themselves.
    let anyNight = false;
    for (let n = start; n < end; n++) anyNight ||= this.occupied(unit, n, excludeStay);
    expect(out.length > 0).toBe(anyNight);
    return out.sort((a, b) => a.start - b.start).map((c) => ({ start: day(c.start), end: day(c.end), kind: c.kind }));
  }

  /** Maximal runs of free nights of a unit, as date ranges. */
  freeRanges(unit: number): { start: string; end: string }[] {
    const out: { start: string; end: string }[] = [];
    let runStart: number | null = null;
    for (let n = 0; n <= NIGHTS; n++) {
      const free = n < NIGHTS && !this.occupied(unit, n);
      if (free && runStart === null) runStart = n;
      if (!free && runStart !== null) {
        out.push({ start: day(runStart), end: day(n) });
        runStart = null;
      }
    }
    return out;
  }

  nights(): { date: string; freeUnits: number; freePlaces: number }[] {
    const out = [];
    for (let n = 0; n < NIGHTS; n++) {
      const free = CAPACITIES.map((_, u) => u).filter((u) => !this.occupied(u, n));
      out.push({ date: day(n), freeUnits: free.length, freePlaces: free.reduce((sum, u) => sum + CAPACITIES[u], 0) });
    }
    return out;
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e };
    throw e; // anything else is a failure of the property
  }
}

/** The service must accept exactly when the model does, and refuse with `code` (and these conflicts) otherwise. */
function expectOutcome<T>(outcome: Outcome<T>, expected: { accept: true } | { accept: false; code: string; conflicts?: ConflictRange[] }, what: string): void {
  if (expected.accept) {
    expect(outcome.ok ? 'accepted' : `refused: ${outcome.error.code} ${outcome.error.message}`, what).toBe('accepted');
    return;
  }
  expect(outcome.ok, `${what} should be refused with ${expected.code}`).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.code, what).toBe(expected.code);
  if (expected.conflicts) expect(outcome.error.conflicts, what).toEqual(expected.conflicts);
}

// One SQLite file for every run, emptied of stays, blocks and units between runs (a new file per run
// costs about 100 ms of migrations, as much as a whole sequence). The audit log is append-only and grows.
let t: TestDb;
let admin: Actor;

function emptyTables(): void {
  t.db.$client.exec('DELETE FROM stay_events; DELETE FROM stays; DELETE FROM households; DELETE FROM blocks; DELETE FROM unit_periods; DELETE FROM units; DELETE FROM sites;');
}

function runSequence(commands: Command[]): void {
  emptyTables();
  const units = CAPACITIES.map((capacity, i) => makeUnit(t.db, admin, { name: `U${i} (${capacity})`, capacity, programmes: ['emergency'] }));
  const model = new Model();

  for (const [i, c] of commands.entries()) {
    const what = `command ${i}: ${JSON.stringify(c)}`;
    switch (c.kind) {
      case 'place':
      case 'block': {
        const conflicts = model.conflicts(c.unit, c.start, c.end);
        const input = { unitId: units[c.unit], start: day(c.start), end: day(c.end) };
        if (c.kind === 'place') {
          const out = attempt(() => placeStay(t.db, admin, { ...input, programme: 'emergency', household: household(`Ménage n°${i}`) }).value);
          expectOutcome(out, conflicts.length ? { accept: false, code: 'overlap', conflicts } : { accept: true }, what);
          if (out.ok) {
            expect(out.value).toMatchObject({ unitId: units[c.unit], start: day(c.start), end: day(c.end), status: 'confirmed' });
            model.stays.push({ id: out.value.id, unit: c.unit, start: c.start, end: c.end, live: true });
          }
        } else {
          const out = attempt(() => createBlock(t.db, admin, { ...input, reason: `bloc ${i}` }));
          expectOutcome(out, conflicts.length ? { accept: false, code: 'overlap', conflicts } : { accept: true }, what);
          if (out.ok) model.blocks.push({ unit: c.unit, start: c.start, end: c.end });
        }
        break;
      }
      case 'cancel': {
        if (model.stays.length === 0) break;
        const s = model.stays[c.pick % model.stays.length];
        const out = attempt(() => actOnStay(t.db, admin, s.id, 'cancel'));
        expectOutcome(out, s.live ? { accept: true } : { accept: false, code: 'invalid_transition' }, what);
        if (out.ok) {
          expect(out.value.status).toBe('cancelled');
          s.live = false;
        }
        break;
      }
      case 'changeEnd': {
        if (model.stays.length === 0) break;
        const s = model.stays[c.pick % model.stays.length];
        const end = c.end > s.start ? c.end : Math.min(NIGHTS, s.start + 1 + ((s.start - c.end) % (NIGHTS - s.start)));
        const out = attempt(() => changeStayEnd(t.db, admin, s.id, { end: day(end) }));
        if (!s.live) {
          expectOutcome(out, { accept: false, code: 'invalid_transition' }, what);
        } else {
          const conflicts = end > s.end ? model.conflicts(s.unit, s.end, end, s.id) : [];
          expectOutcome(out, conflicts.length ? { accept: false, code: 'overlap', conflicts } : { accept: true }, what);
          if (out.ok) {
            expect(out.value.end).toBe(day(end));
            s.end = end;
          }
        }
        break;
      }
    }
  }

  // The availability of the window is the model's, unit by unit and night by night.
  const a = getAvailability(t.db, admin, { from: FROM, to: TO });
  expect(a.units.map((u) => u.unitId)).toEqual(units);
  expect(a.units.map((u) => u.free)).toEqual(CAPACITIES.map((_, u) => model.freeRanges(u)));
  expect(a.nights).toEqual(model.nights());
  // And each stay reads as the model has it.
  for (const s of model.stays) {
    const read = getStay(t.db, admin, s.id);
    expect({ status: read.status, start: read.start, end: read.end }).toEqual({ status: s.live ? 'confirmed' : 'cancelled', start: day(s.start), end: day(s.end) });
  }
}

describe('the service against a brute-force model of nights', () => {
  beforeAll(() => {
    fixClock(); // 1 March 2027: every night of the window is in the future
    t = makeTestDb();
    const account = createAccountWithToken(t.db, { name: 'model admin', role: 'admin' });
    // An admin: no date is refused for being past, and the model holds no rule about roles.
    admin = { accountId: account.accountId, role: 'admin', organisationId: null };
  });
  afterAll(() => {
    resetClock();
    t.cleanup();
  });

  it('accepts exactly what the model accepts, refuses the rest as overlap with the whole conflicting ranges, and answers the same availability', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 1, maxLength: 30 }), (commands) => {
        runSequence(commands);
      }),
      { numRuns: 100 }
    );
  });

  it('the model itself: a departure on the 5th and an arrival on the 5th do not conflict', () => {
    expect.hasAssertions();
    runSequence([
      { kind: 'place', unit: 0, start: 0, end: 5 },
      { kind: 'place', unit: 0, start: 5, end: 10 },
      { kind: 'block', unit: 0, start: 10, end: 12 },
      { kind: 'place', unit: 0, start: 4, end: 6 }, // refused: overlaps both stays
      { kind: 'changeEnd', pick: 0, end: 6 }, // refused: into the second stay
      { kind: 'cancel', pick: 1 },
      { kind: 'changeEnd', pick: 0, end: 10 }, // now accepted, up to the block
      { kind: 'cancel', pick: 1 } // refused: already cancelled
    ]);
  });
});
