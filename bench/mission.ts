// The housing mission's matching, in process: the service (load the waiting applicants, apply the
// hard rules and rank them in TypeScript, with reasons) against one raw SQL statement that applies
// the same hard rules and the same order, side by side on one offer and 5,000 applicants.
import { rmSync } from 'node:fs';
import { openDatabase } from '../db/client.ts';
import { insertAccount } from '../db/queries/accounts.ts';
import { addDays } from '../src/domain/dates.ts';
import { SITUATIONS } from '../src/domain/matching.ts';
import type { Actor } from '../src/services/actor.ts';
import { today as serviceToday } from '../src/services/clock.ts';
import { createLandlord } from '../src/services/mission/landlords.ts';
import { matchesForOffer } from '../src/services/mission/matching.ts';
import { createOffer, openOffer } from '../src/services/mission/offers.ts';
import { OUT } from './config.ts';
import { rng } from './dataset.ts';
import { percentile } from './stats.ts';

export const MISSION_DB = `${OUT}/mission-5000-applicants.sqlite`;
const APPLICANTS = 5_000;
const COMMUNES = ['Lunel', 'Lunel-Viel', 'Marsillargues', 'Saint-Just', 'Saussines', 'Boisseron', 'Villetelle', 'Entre-Vignes'];

/** One statement: the hard rules of src/domain/matching.ts for one offer, in the ranking's order. */
const RAW_SQL = `
SELECT a.id
  FROM applicants a
 WHERE a.housed_at IS NULL
   AND a.persons <= @capacity
   AND (a.accessible_needed = 0 OR @accessible = 1)
   AND a.max_rent_cents >= @rent + @charges
   AND (@rentCap IS NULL OR @rent <= @rentCap)
   AND (@ceiling IS NULL OR a.yearly_income_cents <= @ceiling)
   AND (@scheme <> 'loc_avantages' OR @rating <= CASE WHEN @availableFrom < '2028-01-01' THEN 'E' ELSE 'D' END)
   AND (@until IS NULL OR max(a.needed_from, @availableFrom) < @until)
 ORDER BY (a.situation = 'emergency_stay' AND a.emergency_stay_end IS NOT NULL AND a.emergency_stay_end <= @urgentBy) DESC,
          (json_array_length(a.communes) = 0 OR EXISTS (SELECT 1 FROM json_each(a.communes) c WHERE c.value = @commune)) DESC,
          min(a.waiting_since, @today) ASC,
          @capacity - a.persons ASC,
          a.id ASC`;

export interface MissionBench {
  applicants: number;
  matched: number;
  agree: boolean;
  serviceMs: { median: number; p95: number };
  rawMs: { median: number; p95: number };
  iterations: number;
}

export function missionMatching(log: (s: string) => void): MissionBench {
  rmSync(MISSION_DB, { force: true });
  rmSync(`${MISSION_DB}-wal`, { force: true });
  rmSync(`${MISSION_DB}-shm`, { force: true });
  const db = openDatabase(MISSION_DB);
  const officerId = 'bench-housing-officer';
  insertAccount(db, { id: officerId, name: 'Bench housing officer', email: 'bench.logement@bench.lunel.fr', role: 'housing_officer', organisationId: null, passwordHash: null, createdAt: Date.now() });
  const officer: Actor = { accountId: officerId, role: 'housing_officer', organisationId: null, ip: null };
  const today = serviceToday();

  // 5,000 applicants written in one transaction (a dataset, not a use case).
  const random = rng(20270601);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const insert = db.$client.prepare(
    `INSERT INTO applicants (id, label, persons, accessible_needed, max_rent_cents, yearly_income_cents, communes, needed_from, waiting_since, situation, emergency_stay_end, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  );
  db.$client.transaction(() => {
    for (let i = 0; i < APPLICANTS; i++) {
      const situation = pick(SITUATIONS);
      const communes = random() < 0.2 ? [] : [pick(COMMUNES), pick(COMMUNES)];
      insert.run(
        `app-${String(i).padStart(5, '0')}`,
        `Ménage ${i}`,
        1 + Math.floor(random() * 6),
        random() < 0.1 ? 1 : 0,
        30_000 + Math.floor(random() * 60_000),
        800_000 + Math.floor(random() * 3_000_000),
        JSON.stringify([...new Set(communes)]),
        addDays(today, Math.floor(random() * 120) - 30),
        addDays(today, -Math.floor(random() * 900)),
        situation,
        situation === 'emergency_stay' ? addDays(today, Math.floor(random() * 60) - 5) : null,
        Date.now()
      );
    }
  })();

  const landlord = createLandlord(db, officer, { name: 'Bench landlord' });
  const offer = openOffer(
    db,
    officer,
    createOffer(db, officer, {
      landlordId: landlord.id,
      commune: 'Lunel',
      address: '1 rue du Banc',
      typology: 'T3',
      surfaceM2: 60,
      capacity: 4,
      accessible: false,
      rentCents: 52_000,
      chargesCents: 4_000,
      availableFrom: addDays(today, 10),
      availableUntil: addDays(today, 10 + 548),
      scheme: 'loc_avantages',
      locAvantagesLevel: 'loc2',
      rentCapCents: 56_000,
      incomeCeilingCents: 2_800_000,
      energyRating: 'D'
    }).id
  );
  const raw = db.$client.prepare(RAW_SQL).pluck();
  const params = {
    capacity: offer.capacity,
    accessible: offer.accessible ? 1 : 0,
    rent: offer.rentCents,
    charges: offer.chargesCents,
    rentCap: offer.rentCapCents,
    ceiling: offer.incomeCeilingCents,
    scheme: offer.scheme,
    rating: offer.energyRating,
    availableFrom: offer.availableFrom,
    until: offer.availableUntil,
    urgentBy: addDays(today, 14),
    commune: offer.commune,
    today
  };
  const service = () => matchesForOffer(db, officer, offer.id).matches.map((m) => m.applicant.id);
  const baseline = () => raw.all(params) as string[];

  const a = service();
  const b = baseline();
  const agree = a.length === b.length && a.every((id, i) => id === b[i]);
  log(`applicants: ${APPLICANTS.toLocaleString('en-US')}; matched: ${a.length} (service) / ${b.length} (raw SQL); same ids in the same order: ${agree ? '✓' : '✗ MISMATCH'}`);

  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) {
    service();
    baseline();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 200 && (i < 20 || performance.now() - t0 < 15_000); i++) {
    if (i % 2 === 0) {
      sa.push(time(service));
      sb.push(time(baseline));
    } else {
      sb.push(time(baseline));
      sa.push(time(service));
    }
  }
  db.$client.close();
  sa.sort((x, y) => x - y);
  sb.sort((x, y) => x - y);
  return {
    applicants: APPLICANTS,
    matched: a.length,
    agree,
    serviceMs: { median: percentile(sa, 50), p95: percentile(sa, 95) },
    rawMs: { median: percentile(sb, 50), p95: percentile(sb, 95) },
    iterations: sa.length
  };
}
