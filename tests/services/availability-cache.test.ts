// The availability answer is kept between requests: these tests prove it is never stale.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { availabilityKey, getAvailability, getAvailabilityAnswer, keptAnswers, keptAvailabilityEtag, MAX_CACHED, MAX_CACHED_BYTES } from '../../src/services/availability.ts';
import { addDays } from '../../src/domain/dates.ts';
import { placeStay } from '../../src/services/stays.ts';
import { settings } from '../../src/services/config.ts';
import { makeUnit } from '../support/fixtures.ts';
import { fixClock, makeWorld, MARCH_1_AFTERNOON, resetClock, type World } from './helpers.ts';

const Q = { from: '2027-03-01', to: '2027-03-15' };
const household = { label: 'Famille Test', adults: 1, children: 1 };
let w: World;
let unitId: string;

beforeEach(() => {
  w = makeWorld();
  fixClock();
  unitId = makeUnit(w.db, w.actors.admin, { name: 'A', capacity: 3 });
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('the kept availability answer', () => {
  test('an unchanged database gives the same answer and ETag, equal to a fresh computation', () => {
    expect.hasAssertions();
    const a = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    const b = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(b.etag).toBe(a.etag);
    expect(JSON.parse(b.body.toString())).toEqual(getAvailability(w.db, w.actors.partner, Q));
  });

  test('a placement through the services changes the answer at once', () => {
    expect.hasAssertions();
    const before = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    placeStay(w.db, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-04', programme: 'emergency', household });
    const after = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.body.toString())).toEqual(getAvailability(w.db, w.actors.partner, Q));
  });

  test('a commit by another connection (the CLI, another process) changes the answer', () => {
    expect.hasAssertions();
    const before = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    const other = openDatabase(w.path);
    try {
      placeStay(other, w.actors.admin, { unitId, start: '2027-03-05', end: '2027-03-06', programme: 'emergency', household });
    } finally {
      other.$client.close();
    }
    const after = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.body.toString()).nights.find((n: { date: string }) => n.date === '2027-03-05').freeUnits).toBe(0);
  });

  test('a hold lapsing changes the answer without any write', () => {
    expect.hasAssertions();
    placeStay(w.db, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-04', programme: 'emergency', household, status: 'hold' });
    const held = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    fixClock(MARCH_1_AFTERNOON + settings.holdMinutes() * 60_000 - 1);
    expect(getAvailabilityAnswer(w.db, w.actors.partner, Q).etag).toBe(held.etag);
    fixClock(MARCH_1_AFTERNOON + settings.holdMinutes() * 60_000);
    const lapsed = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(lapsed.etag).not.toBe(held.etag);
    expect(JSON.parse(lapsed.body.toString())).toEqual(getAvailability(w.db, w.actors.partner, Q));
  });

  test("staff and partners never share a kept answer", () => {
    expect.hasAssertions();
    makeUnit(w.db, w.actors.admin, { name: 'Confidentiel', confidential: true });
    const partner = JSON.parse(getAvailabilityAnswer(w.db, w.actors.partner, Q).body.toString());
    const staff = JSON.parse(getAvailabilityAnswer(w.db, w.actors.duty_officer, Q).body.toString());
    expect(partner.units).toHaveLength(1);
    expect(staff.units).toHaveLength(2);
    expect(JSON.parse(getAvailabilityAnswer(w.db, w.actors.partner, Q).body.toString()).units).toHaveLength(1);
  });
});

describe('what is kept of an answer', () => {
  test('a window asked once keeps only its ETag (enough for a 304), asked again its bytes, and the third time is the kept answer', () => {
    expect.hasAssertions();
    const first = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(keptAnswers(w.db)).toEqual({ count: 1, withBytes: 0, bytes: 0 });
    expect(keptAvailabilityEtag(w.db, availabilityKey(false, Q))).toBe(first.etag);
    const second = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(second.etag).toBe(first.etag);
    expect(second.body.equals(first.body)).toBe(true);
    expect(keptAnswers(w.db)).toEqual({ count: 1, withBytes: 1, bytes: second.body.length });
    expect(getAvailabilityAnswer(w.db, w.actors.partner, Q)).toBe(second);
  });

  test('a question asked before keeps its bytes even when its answer changed in between (a poller computes once more, once)', () => {
    expect.hasAssertions();
    const before = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    placeStay(w.db, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-04', programme: 'emergency', household });
    const after = getAvailabilityAnswer(w.db, w.actors.partner, Q);
    expect(after.etag).not.toBe(before.etag);
    expect(keptAnswers(w.db)).toEqual({ count: 1, withBytes: 1, bytes: after.body.length });
    expect(getAvailabilityAnswer(w.db, w.actors.partner, Q)).toBe(after);
  });
});

describe('the units kept between computed answers', () => {
  test('a unit changed by any write of this connection, even raw SQL outside the services, shows in the next answer', () => {
    expect.hasAssertions();
    const ask = () => getAvailability(w.db, w.actors.admin, Q).units.find((u) => u.unitId === unitId)!;
    expect(ask().capacity).toBe(3);
    w.db.$client.prepare('UPDATE units SET capacity = 5, name = ? WHERE id = ?').run('A renamed', unitId);
    expect(ask()).toMatchObject({ capacity: 5, name: 'A renamed' });
    w.db.$client.prepare('UPDATE units SET active = 0 WHERE id = ?').run(unitId);
    expect(getAvailability(w.db, w.actors.admin, Q).units.map((u) => u.unitId)).not.toContain(unitId);
  });

  test('a unit changed by another connection shows in the next answer', () => {
    expect.hasAssertions();
    expect(getAvailability(w.db, w.actors.admin, { ...Q, persons: 4 }).units).toHaveLength(0);
    const other = openDatabase(w.path);
    try {
      other.$client.prepare('UPDATE units SET capacity = 4 WHERE id = ?').run(unitId);
    } finally {
      other.$client.close();
    }
    expect(getAvailability(w.db, w.actors.admin, { ...Q, persons: 4 }).units.map((u) => u.unitId)).toEqual([unitId]);
  });

  test('the kept answers never hold more than MAX_CACHED_BYTES: windows asked again do not pile up', () => {
    expect.hasAssertions();
    // About 300 units: each admin answer about 80 KB, so the bound on bytes comes before the bound on count.
    for (let i = 0; i < 300; i++) makeUnit(w.db, w.actors.admin, { name: `Big ${i}`, capacity: 2 });
    const asked = 600;
    let largest = 0;
    for (let i = 0; i < asked; i++) {
      // Each window asked twice: its bytes are kept from the second time.
      const q = { from: addDays('2027-01-01', i), to: addDays('2027-01-01', i + 14) };
      getAvailabilityAnswer(w.db, w.actors.admin, q);
      largest = Math.max(largest, getAvailabilityAnswer(w.db, w.actors.admin, q).body.length);
    }
    expect(largest * asked).toBeGreaterThan(MAX_CACHED_BYTES);
    expect(asked).toBeLessThan(MAX_CACHED);
    const kept = keptAnswers(w.db);
    expect(kept.bytes).toBeLessThanOrEqual(MAX_CACHED_BYTES);
    expect(kept.withBytes).toBeGreaterThan(0);
    expect(kept.withBytes).toBeLessThan(asked);
    // The last window asked is still kept: the same answer, not computed again.
    const last = { from: addDays('2027-01-01', asked - 1), to: addDays('2027-01-01', asked + 13) };
    expect(getAvailabilityAnswer(w.db, w.actors.admin, last)).toBe(getAvailabilityAnswer(w.db, w.actors.admin, last));
  });
});
