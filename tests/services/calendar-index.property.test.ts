// The calendar's interval index (an R*Tree kept by triggers) never disagrees with the stays and
// blocks tables: after every step of random sequences of placements (confirmed or held), extensions,
// shortenings, cancellations, confirmations, arrivals, departures, blocks, lifted blocks, holds left
// to lapse, and raw writes that move or erase a stay, the index holds exactly one row per stay that
// holds or held nights and per block, with the unit, the nights and the kind the tables say; and the
// conflicts read through it are those a scan of the tables finds (docs/architecture.md, "The
// calendar's interval index").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayNumber } from '../../src/domain/dates.ts';
import { AppError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { liftBlock } from '../../src/services/admin.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { actOnStay, changeStayEnd, placeStay } from '../../src/services/stays.ts';
import { findConflicts } from '../../db/queries/stays.ts';
import { makeTestDb, makeUnit, type TestDb } from '../support/fixtures.ts';
import { fixClock, household, MARCH_1_AFTERNOON, resetClock } from './helpers.ts';

// Tonight is the night of 1 March 2027: the window starts before it, so stays can arrive and leave.
const FROM = '2027-02-25';
const NIGHTS = 16;
const UNITS = 3;
const day = (i: number) => addDays(FROM, i);

type Command =
  | { kind: 'place'; unit: number; start: number; end: number; hold: boolean }
  | { kind: 'block'; unit: number; start: number; end: number }
  | { kind: 'changeEnd'; pick: number; end: number }
  | { kind: 'act'; pick: number; action: 'cancel' | 'confirm' | 'check-in' | 'check-out' | 'no-show' }
  | { kind: 'lift'; pick: number }
  | { kind: 'wait'; minutes: number }
  | { kind: 'move'; pick: number; unit: number }
  | { kind: 'erase'; pick: number };

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: NIGHTS - 1 }), fc.integer({ min: 1, max: 8 }))
  .map(([start, len]) => ({ start, end: Math.min(NIGHTS, start + len) }));
const unitArb = fc.integer({ min: 0, max: UNITS - 1 });

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.tuple(unitArb, rangeArb, fc.boolean()).map(([unit, r, hold]): Command => ({ kind: 'place', unit, ...r, hold })), weight: 6 },
  { arbitrary: fc.tuple(unitArb, rangeArb).map(([unit, r]): Command => ({ kind: 'block', unit, ...r })), weight: 2 },
  { arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 1, max: NIGHTS })).map(([pick, end]): Command => ({ kind: 'changeEnd', pick, end })), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom('cancel', 'confirm', 'check-in', 'check-out', 'no-show') as fc.Arbitrary<'cancel' | 'confirm' | 'check-in' | 'check-out' | 'no-show'>)
      .map(([pick, action]): Command => ({ kind: 'act', pick, action })),
    weight: 4
  },
  { arbitrary: fc.nat().map((pick): Command => ({ kind: 'lift', pick })), weight: 1 },
  { arbitrary: fc.integer({ min: 5, max: 90 }).map((minutes): Command => ({ kind: 'wait', minutes })), weight: 1 },
  { arbitrary: fc.tuple(fc.nat(), unitArb).map(([pick, unit]): Command => ({ kind: 'move', pick, unit })), weight: 1 },
  { arbitrary: fc.nat().map((pick): Command => ({ kind: 'erase', pick })), weight: 1 }
);

const KIND: Record<string, number> = { in_place: 1, confirmed: 2, hold: 3, ended: 4 };

let t: TestDb;
let admin: Actor;

interface IndexRow {
  unit: number;
  first: number;
  last: number;
  kind: number;
  ref: string;
  holdUntil: number | null;
}

/** What the index must hold, worked out in JavaScript from the tables' rows. */
function expectedRows(): IndexRow[] {
  const sql = t.db.$client;
  const seqOf = new Map((sql.prepare('SELECT id, seq FROM units').all() as { id: string; seq: number }[]).map((u) => [u.id, u.seq]));
  const out: IndexRow[] = [];
  for (const s of sql.prepare('SELECT id, unit_id AS unitId, start_date AS start, end_date AS end, status, hold_expires_at AS holdExpiresAt FROM stays').all() as {
    id: string;
    unitId: string;
    start: string;
    end: string;
    status: string;
    holdExpiresAt: number | null;
  }[]) {
    if (!(s.status in KIND)) continue;
    out.push({ unit: seqOf.get(s.unitId)!, first: dayNumber(s.start), last: dayNumber(s.end) - 1, kind: KIND[s.status], ref: s.id, holdUntil: s.status === 'hold' ? s.holdExpiresAt : null });
  }
  for (const b of sql.prepare('SELECT id, unit_id AS unitId, start_date AS start, end_date AS end FROM blocks').all() as { id: string; unitId: string; start: string; end: string }[]) {
    out.push({ unit: seqOf.get(b.unitId)!, first: dayNumber(b.start), last: dayNumber(b.end) - 1, kind: 0, ref: b.id, holdUntil: null });
  }
  return out.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

function indexRows(): IndexRow[] {
  const rows = t.db.$client
    .prepare('SELECT unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until FROM calendar_index ORDER BY ref')
    .raw()
    .all() as [number, number, number, number, number, number, string, number | null][];
  for (const r of rows) {
    expect(r[1], 'unit_hi = unit_lo').toBe(r[0]);
    expect(r[5], 'kind_hi = kind_lo').toBe(r[4]);
  }
  return rows.map((r) => ({ unit: r[0], first: r[2], last: r[3], kind: r[4], ref: r[6], holdUntil: r[7] }));
}

/** The index and the tables agree, the tree is sound, and conflicts read through it are the tables'. */
function expectInStep(units: string[], now: number, what: string): void {
  expect(indexRows(), what).toEqual(expectedRows());
  expect(t.db.$client.prepare(`SELECT rtreecheck('calendar_index')`).pluck().get(), what).toBe('ok');
  const scan = t.db.$client.prepare(
    `SELECT start_date AS start, end_date AS end, 'stay' AS kind FROM stays
      WHERE unit_id = @unit AND status IN ('hold','confirmed','in_place') AND (status <> 'hold' OR hold_expires_at > @now)
        AND start_date < @to AND end_date > @from
     UNION ALL
     SELECT start_date, end_date, 'block' FROM blocks WHERE unit_id = @unit AND start_date < @to AND end_date > @from
     ORDER BY start`
  );
  for (const unit of units) {
    for (const [a, b] of [
      [0, NIGHTS],
      [3, 7],
      [9, 10]
    ]) {
      expect(findConflicts(t.db, unit, day(a), day(b), now), `${what}: conflicts of ${unit} over ${a}–${b}`).toEqual(scan.all({ unit, from: day(a), to: day(b), now }));
    }
  }
}

function attempt(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    // Refusals (overlap, invalid transition, dates) are expected; the index must agree either way.
    if (!(e instanceof AppError) && !/overlap/.test(String((e as Error).message))) throw e;
  }
}

function runSequence(commands: Command[]): void {
  t.db.$client.exec('DELETE FROM stay_events; DELETE FROM stays; DELETE FROM households; DELETE FROM blocks; DELETE FROM unit_periods; DELETE FROM units; DELETE FROM sites;');
  let now = MARCH_1_AFTERNOON;
  fixClock(now);
  const units = Array.from({ length: UNITS }, (_, i) => makeUnit(t.db, admin, { name: `U${i}`, programmes: ['emergency'] }));
  const stays: string[] = [];
  const blocks: string[] = [];
  expectInStep(units, now, 'before any command');
  for (const [i, c] of commands.entries()) {
    const what = `command ${i}: ${JSON.stringify(c)}`;
    switch (c.kind) {
      case 'place':
        attempt(() => {
          const v = placeStay(t.db, admin, { unitId: units[c.unit], start: day(c.start), end: day(c.end), programme: 'emergency', household: household(`Ménage ${i}`), status: c.hold ? 'hold' : 'confirmed' }).value;
          stays.push(v.id);
        });
        break;
      case 'block':
        attempt(() => blocks.push(createBlock(t.db, admin, { unitId: units[c.unit], start: day(c.start), end: day(c.end), reason: `bloc ${i}` }).id));
        break;
      case 'changeEnd':
        if (stays.length) attempt(() => changeStayEnd(t.db, admin, stays[c.pick % stays.length], { end: day(c.end) }));
        break;
      case 'act':
        if (stays.length) attempt(() => actOnStay(t.db, admin, stays[c.pick % stays.length], c.action, c.action === 'check-out' ? { destination: null } : {}));
        break;
      case 'lift':
        if (blocks.length) attempt(() => liftBlock(t.db, admin, blocks[c.pick % blocks.length]));
        break;
      case 'wait':
        now += c.minutes * 60_000;
        fixClock(now);
        break;
      case 'move':
        if (stays.length) attempt(() => t.db.$client.prepare('UPDATE stays SET unit_id = ? WHERE id = ?').run(units[c.unit], stays[c.pick % stays.length]));
        break;
      case 'erase':
        if (stays.length) {
          const id = stays.splice(c.pick % stays.length, 1)[0];
          t.db.$client.prepare('DELETE FROM stay_events WHERE stay_id = ?').run(id);
          t.db.$client.prepare('DELETE FROM stays WHERE id = ?').run(id);
        }
        break;
    }
    expectInStep(units, now, what);
  }
}

describe('the calendar index against the tables', () => {
  beforeAll(() => {
    t = makeTestDb();
    const account = createAccountWithToken(t.db, { name: 'index admin', role: 'admin' });
    admin = { accountId: account.accountId, role: 'admin', organisationId: null };
  });
  afterAll(() => {
    resetClock();
    t.cleanup();
  });

  it('holds exactly the stays that hold or held nights and the blocks, as the tables say, after every step', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 1, maxLength: 25 }), (commands) => {
        runSequence(commands);
      }),
      { numRuns: 60 }
    );
  });

  it('a hold confirmed, extended, shortened and arrived; a block lifted to tonight; a renumbered unit keeps its rows', () => {
    expect.hasAssertions();
    runSequence([
      { kind: 'place', unit: 0, start: 4, end: 8, hold: true },
      { kind: 'act', pick: 0, action: 'confirm' },
      { kind: 'changeEnd', pick: 0, end: 12 },
      { kind: 'changeEnd', pick: 0, end: 6 },
      { kind: 'block', unit: 1, start: 2, end: 10 },
      { kind: 'lift', pick: 0 },
      { kind: 'act', pick: 0, action: 'check-in' }
    ]);
    // The stay arrived (in place, 1) on its first night, tonight; the block now ends tonight.
    expect(indexRows().map((r) => [r.kind, r.first, r.last]).sort()).toEqual([
      [0, dayNumber(day(2)), dayNumber(day(4)) - 1],
      [1, dayNumber(day(4)), dayNumber(day(6)) - 1]
    ]);
    const seq = t.db.$client.prepare(`SELECT max(seq) FROM units`).pluck().get() as number;
    const unitId = t.db.$client.prepare(`SELECT unit_id FROM stays ORDER BY created_at LIMIT 1`).pluck().get() as string;
    t.db.$client.prepare('UPDATE units SET seq = ? WHERE id = ?').run(seq + 10, unitId);
    expect(indexRows()).toEqual(expectedRows());
    expect(indexRows().filter((r) => r.unit === seq + 10)).toHaveLength(1);
  });
});
