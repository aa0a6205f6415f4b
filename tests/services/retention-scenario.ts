// A territory with households of every age for the retention tests (service and CLI): built
// through the services with the clock moved from 2024 to 2026, so every date is a real one.
// Not a test file itself. The run's today is 2027-03-01: the cutoff is 2025-03-01.
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../src/services/actor.ts';
import { setClock } from '../../src/services/clock.ts';
import { revealHouseholdName } from '../../src/services/households.ts';
import { createApplicant } from '../../src/services/mission/applicants.ts';
import { createLandlord } from '../../src/services/mission/landlords.ts';
import { createOffer, openOffer } from '../../src/services/mission/offers.ts';
import { moveProposal, propose } from '../../src/services/mission/proposals.ts';
import { recordUnmetDemand } from '../../src/services/placing.ts';
import { createReferral, decideReferral } from '../../src/services/referrals.ts';
import { actOnStay, placeStay } from '../../src/services/stays.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { makeUnit } from '../support/fixtures.ts';

export const RUN_TODAY = '2027-03-01';

/** Text that must be gone from every table after the run (the pseudonymised households' and the old referrals'). */
export const ERASED = ['Oldroyd', 'Zorglub', 'Bernardin', '04 67 00 11 22', 'bernardin@gendarmerie.example', 'Quintal', 'Lapsedname', 'Keepcontact'] as const;
/** Text that must survive (households still in contact, a kept household's referral notes). */
export const KEPT = ['Youngblood', 'Missionkeep', 'Referralkeep', 'Longstay', 'Note sur Longstay', 'Contrôle Referralkeep'] as const;

export interface Scenario {
  /** Pseudonymised on RUN_TODAY. */
  oldHousehold: string;
  lapsedHousehold: string;
  /** Kept on RUN_TODAY. */
  youngHousehold: string;
  missionHousehold: string;
  referralHousehold: string;
  /** Last night exactly 2025-03-01: kept on RUN_TODAY, pseudonymised the day after. */
  boundaryHousehold: string;
  oldStay: string;
  oldReferral: string;
  unlinkedReferral: string;
  boundaryReferral: string;
  unmetDemand: string;
  oldApplicant: string;
  oldProposal: string;
}

const paris = (iso: string) => Date.parse(iso);

const referral = (programme: 'emergency' | 'dv_protocol', requestedStart: string, contact: string, notes: string, phone = '04 67 00 11 22', email = 'bernardin@gendarmerie.example') => ({
  programme,
  urgency: 'immediate' as const,
  requestedStart,
  nights: 3,
  household: { adults: 1, children: 2 },
  referrer: { organisation: 'Gendarmerie', contact, phone, email },
  notes
});

export function buildScenario(db: Db, actors: Record<Role, Actor>): Scenario {
  const { admin, duty_officer: duty, housing_officer: housing } = actors;
  setClock(paris('2024-05-01T14:00:00+02:00'));
  const unit = makeUnit(db, admin, { name: 'Saussines', capacity: 4 });
  const unit2 = makeUnit(db, admin, { name: 'Marsillargues', capacity: 4 });
  const landlord = createLandlord(db, housing, { name: 'M. Durand', phone: '0600000000' }).id;
  const offer = openOffer(
    db,
    housing,
    createOffer(db, housing, {
      landlordId: landlord,
      commune: 'Lunel',
      address: '3 rue des Lilas',
      typology: 'T3',
      surfaceM2: 62,
      capacity: 4,
      accessible: false,
      rentCents: 60000,
      chargesCents: 5000,
      availableFrom: '2024-06-01',
      scheme: 'none',
      energyRating: 'C'
    }).id
  ).id;
  const applicantInput = (householdId: string, label: string) => ({
    householdId,
    label,
    persons: 3,
    accessibleNeeded: false,
    maxRentCents: 80000,
    yearlyIncomeCents: 1800000,
    communes: ['Lunel'],
    neededFrom: '2024-06-01',
    waitingSince: '2024-05-01',
    situation: 'emergency_stay' as const
  });

  // A: a protocol stay in 2024, from a referral, with a note, an override, a reveal and a refused proposal.
  setClock(paris('2024-05-31T14:00:00+02:00'));
  const oldReferral = createReferral(db, duty, referral('dv_protocol', '2024-06-01', 'Adjudant Bernardin', 'Appeler après 18h, M. Zorglub rôde')).id;
  setClock(paris('2024-06-01T14:00:00+02:00'));
  const a = placeStay(
    db,
    admin,
    {
      unitId: unit,
      start: '2024-06-01',
      end: '2024-09-15',
      programme: 'dv_protocol',
      household: { label: 'Famille Oldroyd', adults: 1, children: 2, needs: ['pets'] },
      referralId: oldReferral,
      note: 'Clé chez la voisine, Mme Zorglub-Voisine',
      overrideReason: 'Hiver chez Oldroyd: prolongation'
    },
    'call-oldroyd'
  ).value;
  actOnStay(db, admin, a.id, 'check-in');
  revealHouseholdName(db, duty, a.householdId, 'Appel de la gendarmerie au sujet de Zorglub');
  setClock(paris('2024-07-01T14:00:00+02:00'));
  const oldApplicant = createApplicant(db, housing, applicantInput(a.householdId, 'Famille Oldroyd')).id;
  const p = propose(db, housing, offer, oldApplicant);
  moveProposal(db, housing, p.id, 'refused_by_household', 'Trop près de chez Zorglub');
  setClock(paris('2024-09-15T14:00:00+02:00'));
  actOnStay(db, admin, a.id, 'check-out');

  // A referral never placed, declined in 2024; an unmet demand with a note in 2024.
  setClock(paris('2024-06-02T14:00:00+02:00'));
  const unlinkedReferral = createReferral(db, duty, referral('emergency', '2024-06-03', 'Brigadier Quintal', 'La sœur de Mme Oldroyd')).id;
  decideReferral(db, duty, unlinkedReferral, { outcome: 'declined', reason: 'Hors secteur, voir Quintal' });
  const unmetDemand = recordUnmetDemand(db, duty, {
    programme: 'emergency',
    start: '2024-06-02',
    end: '2024-06-05',
    persons: 5,
    reason: 'other',
    note: 'Les cousins Zorglub sans solution'
  }).value.id;

  // F: a hold that lapsed in 2024 (its creation is its contact).
  setClock(paris('2024-06-03T14:00:00+02:00'));
  const lapsed = placeStay(db, duty, { unitId: unit2, start: '2024-06-20', end: '2024-06-22', programme: 'emergency', household: { label: 'Famille Lapsedname', adults: 2, children: 0 }, status: 'hold' }).value;

  // C: an old stay, but its mission applicant had a proposal in 2026.
  setClock(paris('2024-06-10T14:00:00+02:00'));
  const c = placeStay(db, duty, { unitId: unit2, start: '2024-06-10', end: '2024-06-12', programme: 'emergency', household: { label: 'Famille Missionkeep', adults: 1, children: 1 } }).value;
  const cApplicant = createApplicant(db, housing, applicantInput(c.householdId, 'Famille Missionkeep')).id;
  setClock(paris('2026-06-01T14:00:00+02:00'));
  propose(db, housing, offer, cApplicant);

  // E: a referral placed on 2024-12-01 (older than 2 years: its referrer contact goes), a stay whose
  // last night is 2025-03-01, exactly two years before the run (kept).
  setClock(paris('2024-11-30T14:00:00+01:00'));
  const boundaryReferral = createReferral(db, duty, referral('emergency', '2024-12-01', 'Gendarme Keepcontact', 'Note sur Longstay')).id;
  setClock(paris('2024-12-01T14:00:00+01:00'));
  const e = placeStay(db, duty, {
    unitId: unit2,
    start: '2024-12-01',
    end: '2025-03-02',
    programme: 'emergency',
    household: { label: 'Famille Longstay', adults: 1, children: 0 },
    referralId: boundaryReferral
  }).value;

  // B: a stay in 2025, within two years.
  setClock(paris('2025-06-01T14:00:00+02:00'));
  const b = placeStay(db, duty, { unitId: unit, start: '2025-06-01', end: '2025-06-05', programme: 'emergency', household: { label: 'Famille Youngblood', adults: 2, children: 2 }, note: 'Note Youngblood' }, 'call-youngblood').value;

  // D: nights in 2024 recorded in 2026 from a referral received in 2026 (its receipt is a recent contact).
  setClock(paris('2026-05-01T14:00:00+02:00'));
  const dReferral = createReferral(db, duty, referral('dv_protocol', '2026-05-02', 'Adjudant Récent', 'Note récente', '04 99 00 00 00', 'recent@gendarmerie.example')).id;
  const d = placeStay(db, admin, { unitId: unit2, start: '2024-06-25', end: '2024-06-28', programme: 'dv_protocol', household: { label: 'Famille Referralkeep', adults: 1, children: 0 }, referralId: dReferral }).value;
  revealHouseholdName(db, duty, d.householdId, 'Contrôle Referralkeep');

  return {
    oldHousehold: a.householdId,
    lapsedHousehold: lapsed.householdId,
    youngHousehold: b.householdId,
    missionHousehold: c.householdId,
    referralHousehold: d.householdId,
    boundaryHousehold: e.householdId,
    oldStay: a.id,
    oldReferral,
    unlinkedReferral,
    boundaryReferral,
    unmetDemand,
    oldApplicant,
    oldProposal: p.id
  };
}

/** What every report counts: stays by programme and status with their nights and person-nights, and the other tallies. */
export function activityCounts(db: Database.Database): unknown {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    stays: q(`SELECT s.programme, s.status, count(*) AS stays, sum(julianday(s.end_date) - julianday(s.start_date)) AS nights,
                     sum((julianday(s.end_date) - julianday(s.start_date)) * (h.adults + h.children)) AS personNights,
                     count(DISTINCT s.household_id) AS households, min(s.start_date) AS firstNight, max(s.end_date) AS lastEnd
                FROM stays s JOIN households h ON h.id = s.household_id GROUP BY s.programme, s.status ORDER BY 1, 2`),
    households: q(`SELECT count(*) AS n, sum(adults) AS adults, sum(children) AS children, sum(confidential) AS confidential FROM households`),
    unmet: q(`SELECT programme, CASE WHEN instr(reason, ':') > 0 THEN substr(reason, 1, instr(reason, ':') - 1) ELSE reason END AS code, count(*) AS n, sum(persons) AS persons FROM unmet_demands GROUP BY 1, 2 ORDER BY 1, 2`),
    referrals: q(`SELECT programme, status, count(*) AS n, sum(adults + children) AS persons, sum(coalesce(decided_at, 0) - received_at) AS waited FROM referrals GROUP BY 1, 2 ORDER BY 1, 2`),
    proposals: q(`SELECT status, count(*) AS n FROM proposals GROUP BY 1 ORDER BY 1`),
    stayEvents: q(`SELECT action, count(*) AS n FROM stay_events GROUP BY 1 ORDER BY 1`),
    audit: q(`SELECT action, count(*) AS n FROM audit_entries WHERE action <> 'retention.run' GROUP BY 1 ORDER BY 1`)
  };
}

/** Every row of every table, as text: where erased text would show. */
export function everyTableAsText(db: Database.Database): Record<string, string> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())]));
}
