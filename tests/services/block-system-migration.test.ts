// The blocks the housing mission wrote before blocks carried their `system` flag were known by their
// reason's text alone. Migration 0017 flags them from that text, on the offers' units only: a person's
// block with the same words on any other unit stays a person's block. And from now on the mission's
// write flags its blocks itself.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlock } from '../../src/services/blocks.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOfferUnit } from '../../src/services/mission/offer-unit.ts';
import { createOffer } from '../../src/services/mission/offers.ts';
import { makeUnit } from '../support/fixtures.ts';
import { fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;

beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

/** The migration's statements after its ALTER TABLE: the backfill. */
function backfill(): string[] {
  return readFileSync('db/migrations/0017_block_system_flag.sql', 'utf8').split('--> statement-breakpoint').slice(1);
}

function flags(): { reason: string; system: string | null; start: string }[] {
  return w.db.$client.prepare('SELECT reason, system, start_date AS start FROM blocks ORDER BY start_date').all() as { reason: string; system: string | null; start: string }[];
}

describe('the system flag of blocks', () => {
  it('the mission’s write flags its blocks; the migration flags the old ones from their text on the offers’ units only', () => {
    expect.hasAssertions();
    const landlordId = createLandlord(w.db, w.actors.housing_officer, { name: 'Mme Roux', phone: '0611111111' }).id;
    const offer = createOffer(w.db, w.actors.housing_officer, {
      landlordId,
      commune: 'Lunel',
      address: '12 rue Lakanal',
      typology: 'T2',
      surfaceM2: 45,
      capacity: 3,
      accessible: false,
      rentCents: 50000,
      chargesCents: 4000,
      availableFrom: '2027-03-10',
      availableUntil: '2027-09-10',
      scheme: 'solibail',
      energyRating: 'D'
    });
    createOfferUnit(w.db, w.actors.housing_officer, offer.id);
    // A person, on an ordinary unit, types the very words (in each stored wording).
    const unitId = makeUnit(w.db, w.actors.admin);
    createBlock(w.db, w.actors.admin, { unitId, start: '2027-03-02', end: '2027-03-04', reason: 'Hors de la période de l’offre' });
    createBlock(w.db, w.actors.admin, { unitId, start: '2027-03-05', end: '2027-03-06', reason: "Hors de la période de l'offre / outside the offer's period" });
    const now = flags();
    expect(now.map((b) => b.system)).toEqual(['outside_offer_period', null, null, 'outside_offer_period']);

    // As before the column: nothing flagged, and the old two-language wording on the mission's blocks.
    w.db.$client.prepare("UPDATE blocks SET system = NULL, reason = 'Hors de la période de l''offre / outside the offer''s period' WHERE system IS NOT NULL").run();
    for (const statement of backfill()) w.db.$client.prepare(statement).run();
    expect(flags().map((b) => b.system)).toEqual(['outside_offer_period', null, null, 'outside_offer_period']);
  });
});
