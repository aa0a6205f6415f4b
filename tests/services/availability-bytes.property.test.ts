// The availability answer is written as its bytes (availabilityBytes: each unit's fixed part
// serialised once, the free ranges and totals written per answer), not through JSON.stringify of
// the object form. The bytes must be exactly those of JSON.stringify(getAvailability(…)) encoded as
// UTF-8: same keys in the same order, same escaping, same units listed and counted for each role.
// Properties over random territories (confidential sites, private landlords' units, odd characters
// in names and communes) and random calendars (stays, holds that lapse or not, cancellations, blocks),
// asked by staff and partners over random windows with every kind of filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, MAX_QUERY_NIGHTS } from '../../src/domain/dates.ts';
import { AppError } from '../../src/domain/errors.ts';
import type { Programme, Role, SiteKind } from '../../src/domain/programmes.ts';
import { availabilityBytes, getAvailability, getAvailabilityAnswer, type AvailabilityQuery } from '../../src/services/availability.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { setClock } from '../../src/services/clock.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import { makeUnit } from '../support/fixtures.ts';
import { fixClock, household, MARCH_1_AFTERNOON, makeWorld, resetClock, type World } from './helpers.ts';

const FROM = '2027-03-01';
const OFFERED: Programme[] = ['emergency', 'dv_protocol', 'social_residence'];
const ROLES: Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'];

/** Characters JSON escapes or that UTF-8 writes on several bytes: quotes, backslashes, controls, U+2028/9, accents, astral, a lone surrogate. */
const ODD = ['"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', 'é', 'ß', '日', '😀', '\ud800', '\udfff', '<', '&', ' ', "'", 'a', 'Z', '0'];
const oddText = fc
  .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 })
  .map((parts) => `x${parts.join('')}y`);

interface Booking {
  kind: 'stay' | 'hold' | 'cancelled' | 'block';
  /** Nights after FROM (may start before it). */
  start: number;
  nights: number;
}
interface UnitSpec {
  name: string;
  commune: string;
  capacity: number;
  confidential: boolean;
  siteKind: SiteKind;
  accessible: boolean;
  programmes: Programme[];
  bookings: Booking[];
}
const bookingArb: fc.Arbitrary<Booking> = fc.record({
  kind: fc.constantFrom('stay', 'hold', 'cancelled', 'block'),
  start: fc.integer({ min: -10, max: 50 }),
  nights: fc.integer({ min: 1, max: 20 })
});
const unitArb: fc.Arbitrary<UnitSpec> = fc.record({
  name: oddText,
  commune: oddText,
  capacity: fc.integer({ min: 1, max: 9 }),
  confidential: fc.boolean(),
  siteKind: fc.constantFrom<SiteKind>('apartment', 'hotel', 'residence', 'private'),
  accessible: fc.boolean(),
  programmes: fc.subarray(OFFERED, { minLength: 1 }),
  bookings: fc.array(bookingArb, { maxLength: 5 })
});
const queryArb: fc.Arbitrary<{ role: Role; q: AvailabilityQuery }> = fc.record({
  role: fc.constantFrom(...ROLES),
  start: fc.integer({ min: -15, max: 60 }),
  nights: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(MAX_QUERY_NIGHTS)),
  programme: fc.option(fc.constantFrom<Programme>(...OFFERED), { nil: undefined, freq: 2 }),
  persons: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined, freq: 2 }),
  accessible: fc.option(fc.constant(true), { nil: undefined, freq: 2 })
}).map(({ role, start, nights, ...filters }) => ({ role, q: { from: addDays(FROM, start), to: addDays(FROM, start + nights), ...filters } }));

let w: World;
let run = 0;

beforeAll(() => {
  fixClock();
  w = makeWorld();
});
afterAll(() => {
  resetClock();
  w.cleanup();
});

/** A refusal of the rules (an overlap, a stay over its limit): that booking is left out of the calendar. */
function unlessRefused(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}

/** A new territory and its calendar: the previous run's units are taken out of service first (their stays stay in the index). */
function build(units: UnitSpec[]): void {
  fixClock();
  w.db.$client.prepare('UPDATE units SET active = 0').run();
  run += 1;
  const admin = w.actors.admin;
  for (const u of units) {
    const unitId = makeUnit(w.db, admin, { ...u, name: `${u.name}${run}`, address: `${run} rue Secrète` });
    for (const b of u.bookings) {
      const start = addDays(FROM, b.start);
      const end = addDays(FROM, b.start + b.nights);
      unlessRefused(() => {
        if (b.kind === 'block') return void createBlock(w.db, admin, { unitId, start, end, reason: 'travaux' });
        const stay = placeStay(w.db, admin, { unitId, start, end, programme: u.programmes[0], household: household(), status: b.kind === 'hold' ? 'hold' : 'confirmed' }).value;
        if (b.kind === 'cancelled') actOnStay(w.db, admin, stay.id, 'cancel');
      });
    }
  }
}

/** The reference: the object form through JSON.stringify, as UTF-8 bytes. */
const reference = (role: Role, q: AvailabilityQuery) => Buffer.from(JSON.stringify(getAvailability(w.db, w.actors[role], q)), 'utf8');

describe('the availability answer written as bytes', () => {
  it('is byte for byte JSON.stringify of the object form, for every role, filter and window, over random territories and calendars', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(
        fc.array(unitArb, { minLength: 1, maxLength: 8 }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 3 * 3_600_000 }),
        (units, queries, later) => {
          build(units);
          // Some holds lapse (their rows still say 'hold'): they free their nights by the clock alone.
          setClock(MARCH_1_AFTERNOON + later);
          for (const { role, q } of queries) {
            const bytes = availabilityBytes(w.db, w.actors[role], q).body;
            // latin1 shows each byte as one character: a readable diff, byte for byte.
            expect(bytes.toString('latin1')).toBe(reference(role, q).toString('latin1'));
          }
          // The kept answer (what the route sends) is those bytes too.
          const { role, q } = queries[0];
          expect(getAvailabilityAnswer(w.db, w.actors[role], q).body.equals(reference(role, q))).toBe(true);
        }
      ),
      { numRuns: 80 }
    );
  });

  it('writes names and communes that JSON escapes exactly as JSON.stringify does (quotes, backslashes, controls, U+2028, astral, lone surrogates)', () => {
    expect.hasAssertions();
    build([
      { name: 'Le "Refuge" \\ n°1\u2028', commune: 'Saint-Jean-de-Védas\u2029😀\ud800', capacity: 3, confidential: false, siteKind: 'apartment', accessible: false, programmes: ['emergency'], bookings: [{ kind: 'stay', start: 1, nights: 2 }] },
      { name: 'Caché', commune: 'Lunel', capacity: 2, confidential: true, siteKind: 'apartment', accessible: false, programmes: ['dv_protocol'], bookings: [] },
      { name: 'Bailleur', commune: 'Lunel', capacity: 4, confidential: false, siteKind: 'private', accessible: false, programmes: ['emergency'], bookings: [] }
    ]);
    const q = { from: FROM, to: addDays(FROM, 5) };
    for (const role of ROLES) expect(availabilityBytes(w.db, w.actors[role], q).body.toString('latin1')).toBe(reference(role, q).toString('latin1'));
    const staff = availabilityBytes(w.db, w.actors.admin, q).body.toString('utf8');
    expect(staff).toContain(String.raw`"name":"Le \"Refuge\" \\ n°1` + '\u2028');
    const partner = JSON.parse(availabilityBytes(w.db, w.actors.partner, q).body.toString('utf8')) as { units: { name: string }[]; nights: { freeUnits: number }[] };
    // A partner is shown neither the confidential unit nor the private landlord's; the confidential one counts in its totals.
    expect(partner.units.map((u) => u.name)).toEqual([`Le "Refuge" \\ n°1\u2028${run}`]);
    expect(partner.nights[0].freeUnits).toBe(2);
  });
});
