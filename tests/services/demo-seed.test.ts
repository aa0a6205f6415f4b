// The demo seed (`npm run demo`) builds the Pays de Lunel through the services on a new database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { Role } from '../../src/domain/programmes.ts';
import { seedDemo, DEMO_PARTNER_ORGANISATION } from '../../db/seed/demo.ts';
import { DEMO_HISTORY_DAYS, DEMO_ORGANISATIONS } from '../../db/seed/demo-history.ts';
import { startOfParisDay } from '../../src/domain/dates.ts';
import { authenticateToken } from '../../src/services/accounts.ts';
import type { Actor } from '../../src/services/actor.ts';
import { getAvailability } from '../../src/services/availability.ts';
import { getProtocolBudget } from '../../src/services/protocol.ts';
import { setClock, tonight } from '../../src/services/clock.ts';
import { listUnits } from '../../src/services/sites.ts';
import { listStays } from '../../src/services/stays.ts';
import { getResidenceReminders, listArrears } from '../../src/services/residence/board.ts';
import { makeTestDb, type TestDb } from '../support/fixtures.ts';

/** The staff view of a unit (listUnits answers a union of the staff and the partner views). */
type StaffUnit = Extract<ReturnType<typeof listUnits>[number], { typology: unknown }>;

const ROLES: Role[] = ['admin', 'duty_officer', 'housing_officer', 'partner'];

function tokensOf(lines: string[]): { role: string; token: string }[] {
  return lines.flatMap((l) => {
    const m = /^\s*(admin|duty_officer|housing_officer|partner): (heb_\S+)$/.exec(l);
    return m ? [{ role: m[1], token: m[2] }] : [];
  });
}

function emailsOf(lines: string[]): string[] {
  return lines.flatMap((l) => {
    const m = /^\s*(\S+@\S+) \/ (\S{12,}) \((admin|duty_officer|housing_officer|partner)\)$/.exec(l);
    return m ? [m[1]] : [];
  });
}

describe('the demo seed', () => {
  let t: TestDb;
  let lines: string[];
  let elapsedMs: number;
  let admin: Actor;

  beforeAll(async () => {
    // The demo server opens its database with synchronous=FULL: seed under the same setting.
    t = makeTestDb({ synchronous: 'FULL' });
    const began = performance.now();
    lines = await seedDemo(t.db);
    elapsedMs = performance.now() - began;
    const adminToken = tokensOf(lines).find((x) => x.role === 'admin')!.token;
    admin = authenticateToken(t.db, adminToken, null)!;
  });
  afterAll(() => t?.cleanup());

  it('runs on a fresh migrated database, quickly', () => {
    expect.hasAssertions();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^Open http:\/\/.+\/connexion/);
    // The brief asks for under 3 s; the bound here only catches a gross regression on a busy machine.
    expect(elapsedMs).toBeLessThan(20_000);
    console.log(`demo seed: ${Math.round(elapsedMs)} ms`);
    // The seed writes with synchronous=NORMAL for speed and gives the connection its FULL back.
    expect(t.db.$client.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('creates at least 30 units across the named sites of the Pays de Lunel', () => {
    expect.hasAssertions();
    const units = listUnits(t.db, admin) as StaffUnit[];
    expect(units.length).toBeGreaterThanOrEqual(30);
    const sites = new Map(units.map((u) => [u.site.name, u.site]));
    const byCommune = (commune: string, kind: string) => [...sites.values()].filter((s) => s.commune === commune && s.kind === kind);
    expect(byCommune('Saussines', 'apartment')).toHaveLength(1);
    expect(byCommune('Saint-Christol', 'apartment')).toHaveLength(1);
    expect(byCommune('Marsillargues', 'apartment')).toHaveLength(1);
    expect(byCommune('Lunel', 'hotel')).toHaveLength(1);
    expect(byCommune('Lunel-Viel', 'hotel')).toHaveLength(1);
    expect(byCommune('Marsillargues', 'hotel')).toHaveLength(1);
    expect(byCommune('Lunel', 'residence')).toHaveLength(1);
    for (const s of sites.values()) expect(s.confidential).toBe(s.kind === 'apartment');

    const house = units.filter((u) => u.site.commune === 'Marsillargues' && u.site.kind === 'apartment');
    expect(house.map((u) => u.capacity).sort()).toEqual([2, 3, 4, 5]);
    expect(house.some((u) => u.accessible)).toBe(true);

    const hotelRooms = units.filter((u) => u.site.kind === 'hotel');
    expect(hotelRooms.length).toBeGreaterThanOrEqual(6);
    for (const r of hotelRooms) {
      expect(r.nightlyCost).toBeGreaterThanOrEqual(55);
      expect(r.nightlyCost).toBeLessThanOrEqual(70);
    }

    const residence = units.filter((u) => u.site.kind === 'residence');
    expect(residence).toHaveLength(20);
    expect(residence.every((u) => u.programmes.length === 1 && u.programmes[0] === 'social_residence')).toBe(true);
    expect(residence.filter((u) => u.accessible)).toHaveLength(2);
    expect(residence.filter((u) => u.typology === 'T1' && u.capacity === 1).length).toBeGreaterThan(residence.length / 2);
  });

  it('leaves at least one unit free tonight, and partners see no confidential unit', () => {
    expect.hasAssertions();
    const night = tonight();
    const q = { from: night, to: addDays(night, 14) };
    const staff = getAvailability(t.db, admin, q);
    const freeTonight = staff.units.filter((u) => u.free.some((r) => r.start <= night && night < r.end));
    expect(freeTonight.length).toBeGreaterThanOrEqual(1);
    expect(staff.nights[0].freeUnits).toBe(freeTonight.length);
    // Some units are busy tonight too: the demo is not an empty calendar.
    expect(freeTonight.length).toBeLessThan(staff.units.length);

    const partnerToken = tokensOf(lines).find((x) => x.role === 'partner')!.token;
    const partner = authenticateToken(t.db, partnerToken, null)!;
    const seen = getAvailability(t.db, partner, q);
    const publicCommunes = new Set(['Lunel', 'Lunel-Viel', 'Marsillargues']);
    expect(seen.units.length).toBeLessThan(staff.units.length);
    for (const u of seen.units) {
      expect(publicCommunes.has(u.commune)).toBe(true);
      expect(u.name).not.toMatch(/Saussines|Saint-Christol|Maison/);
    }
    // Partners' totals count every unit, confidential ones included, except the mission's private
    // landlords' period offers, which they neither see nor count.
    const privateIds = new Set(
      t.db.$client.prepare("SELECT u.id FROM units u JOIN sites s ON s.id = u.site_id WHERE s.kind = 'private'").pluck().all() as string[]
    );
    expect(privateIds.size).toBeGreaterThanOrEqual(1);
    const privateFree = (date: string) => staff.units.filter((u) => privateIds.has(u.unitId) && u.free.some((r) => r.start <= date && date < r.end));
    expect(seen.nights).toEqual(
      staff.nights.map((n) => ({
        ...n,
        freeUnits: n.freeUnits - privateFree(n.date).length,
        freePlaces: n.freePlaces - privateFree(n.date).reduce((sum, u) => sum + u.capacity, 0)
      }))
    );
    expect(seen.units.some((u) => privateIds.has(u.unitId))).toBe(false);
  });

  it('gives the housing mission landlords, offers in each status and scheme, applicants and proposals in progress', () => {
    expect.hasAssertions();
    const one = <T>(sql: string) => t.db.$client.prepare(sql).pluck().all() as T[];
    expect(one<string>('SELECT DISTINCT status FROM offers ORDER BY status')).toEqual(['draft', 'let', 'open', 'withdrawn']);
    expect(one<string>('SELECT DISTINCT scheme FROM offers ORDER BY scheme')).toEqual([
      'intermediation_lease',
      'intermediation_sublease',
      'loc_avantages',
      'none',
      'solibail'
    ]);
    expect(one<number>('SELECT count(*) FROM landlords')[0]).toBeGreaterThanOrEqual(3);
    expect(one<number>("SELECT count(*) FROM applicants WHERE situation = 'emergency_stay' AND household_id IS NOT NULL")[0]).toBeGreaterThanOrEqual(2);
    expect(one<number>("SELECT count(*) FROM proposals WHERE status IN ('proposed','visit','accepted')")[0]).toBeGreaterThanOrEqual(2);
    // One lease from the mission's own applicants, one at the end of a residence resident's pathway.
    expect(one<number>("SELECT count(*) FROM proposals WHERE status = 'lease_signed'")[0]).toBe(2);
    expect(one<number>("SELECT count(*) FROM proposals WHERE status LIKE 'refused%' AND reason IS NOT NULL")[0]).toBeGreaterThanOrEqual(2);
    // The confidential household is an applicant under its pseudonym: its name is nowhere in the mission.
    const names = one<string>('SELECT label FROM applicants');
    expect(names.some((n) => n.includes('Haddad'))).toBe(false);
    const pseudonym = one<string>("SELECT h.pseudonym FROM applicants a JOIN households h ON h.id = a.household_id WHERE h.confidential = 1")[0];
    expect(names).toContain(pseudonym);
  });

  it('has holds starting tonight, stays of every kind around tonight, and confidential DV households', () => {
    expect.hasAssertions();
    const night = tonight();
    const stays = listStays(t.db, admin, { from: addDays(night, -365), to: addDays(night, 1) });
    const holds = stays.filter((s) => s.status === 'hold');
    expect(holds.length).toBeGreaterThanOrEqual(2);
    for (const h of holds) expect(h.start).toBe(night);
    const statuses = new Set(stays.map((s) => s.status));
    for (const s of ['in_place', 'ended'] as const) expect(statuses.has(s)).toBe(true);
    const started = stays.filter((s) => s.status === 'in_place' && s.start < night);
    expect(started.some((s) => s.programme === 'social_residence')).toBe(true);
    expect(started.some((s) => s.programme === 'dv_protocol')).toBe(true);

    const later = listStays(t.db, admin, { from: night, to: addDays(night, 30) });
    expect(later.some((s) => s.status === 'confirmed')).toBe(true);
    expect(later.some((s) => s.status === 'cancelled')).toBe(true);

    const dv = stays.filter((s) => s.programme === 'dv_protocol');
    expect(dv.length).toBeGreaterThanOrEqual(2);
    for (const s of dv) {
      expect(s.household?.confidential).toBe(true);
      expect(s.household?.label).toBeNull();
    }
    expect(later.some((s) => s.household?.label === 'Mme Blanc' && s.status === 'confirmed')).toBe(true);
    // The Benali family, sheltered under emergency in a confidential apartment, is confidential too.
    const benali = later.filter((s) => s.programme === 'emergency' && s.status === 'confirmed' && s.household?.adults === 2 && s.household?.children === 2);
    expect(benali).toHaveLength(1);
    expect(benali[0].household).toMatchObject({ label: null, confidential: true });
    expect(JSON.stringify(later)).not.toContain('Benali');
  });

  it('prints four logins and four tokens, and every token authenticates with its role', () => {
    expect.hasAssertions();
    const emails = emailsOf(lines);
    expect(emails).toHaveLength(4);
    expect(new Set(emails).size).toBe(4);
    expect(emails).toContain('admin@demo.lunel.fr');
    expect(emails).toContain('astreinte@demo.lunel.fr');
    expect(emails).toContain('logement@demo.lunel.fr');
    expect(emails).toContain('gendarmerie@demo.lunel.fr');

    const tokens = tokensOf(lines);
    expect(tokens.map((x) => x.role).sort()).toEqual([...ROLES].sort());
    for (const { role, token } of tokens) {
      const actor = authenticateToken(t.db, token, '127.0.0.1');
      expect(actor?.role).toBe(role);
      if (role === 'partner') expect(actor?.organisationId).toBeTruthy();
      else expect(actor?.organisationId).toBeNull();
    }
    const org = t.db.$client.prepare('SELECT name, kind FROM organisations').all() as { name: string; kind: string }[];
    expect(org).toContainEqual({ name: DEMO_PARTNER_ORGANISATION, kind: 'police' });
  });

  it('gives every referring organisation its kind, and the referrals of the year several sources', () => {
    expect.hasAssertions();
    const rows = t.db.$client.prepare('SELECT name, kind FROM organisations ORDER BY name').all() as { name: string; kind: string }[];
    expect(rows).toEqual(
      expect.arrayContaining([...DEMO_ORGANISATIONS, { name: DEMO_PARTNER_ORGANISATION, kind: 'police' }].map((o) => ({ name: o.name, kind: o.kind })))
    );
    expect(rows.some((o) => o.kind === 'other')).toBe(false);
    const since = startOfParisDay(addDays(tonight(), -365));
    const bySource = t.db.$client
      .prepare('SELECT o.kind AS kind, count(*) AS n FROM referrals r JOIN organisations o ON o.id = r.organisation_id WHERE r.received_at >= ? GROUP BY o.kind')
      .all(since) as { kind: string; n: number }[];
    expect(bySource.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['association', 'ccas', 'hospital', 'police', 'siao_115']));
  });

  it('gives households, referrals and applications communes of origin: several communes, some outside, some unknown', () => {
    expect.hasAssertions();
    const communes = new Set(t.db.$client.prepare('SELECT insee FROM communes').pluck().all() as string[]);
    for (const table of ['households', 'referrals', 'residence_applications']) {
      const origins = t.db.$client.prepare(`SELECT origin_commune AS o, count(*) AS n FROM ${table} GROUP BY origin_commune`).all() as { o: string | null; n: number }[];
      const known = origins.filter((r) => r.o !== null && r.o !== 'outside');
      expect(known.length, table).toBeGreaterThanOrEqual(3);
      for (const r of known) expect(communes.has(r.o!), `${table}: ${r.o}`).toBe(true);
      expect(origins.some((r) => r.o === 'outside'), table).toBe(true);
      expect(origins.some((r) => r.o === null), table).toBe(true);
    }
    // A household placed from a referral comes from where the referral said.
    const linked = t.db.$client
      .prepare('SELECT count(*) AS n, sum(h.origin_commune IS r.origin_commune) AS same FROM stays s JOIN referrals r ON r.id = s.referral_id JOIN households h ON h.id = s.household_id')
      .get() as { n: number; same: number };
    expect(linked.n).toBeGreaterThan(20);
    expect(linked.same).toBe(linked.n);
  });

  it('has two ALT apartments, under the grant and in service since the start of the history, like every unit of its sites', () => {
    expect.hasAssertions();
    const start = addDays(tonight(), -DEMO_HISTORY_DAYS);
    const alt = t.db.$client
      .prepare("SELECT u.id, s.kind, p.start_date AS start, p.end_date AS end FROM units u JOIN sites s ON s.id = u.site_id JOIN unit_periods p ON p.unit_id = u.id AND p.kind = 'alt' WHERE u.alt = 1")
      .all() as { id: string; kind: string; start: string; end: string | null }[];
    expect(alt).toHaveLength(2);
    for (const a of alt) expect(a).toMatchObject({ kind: 'apartment', start, end: null });
    const units = listUnits(t.db, admin) as StaffUnit[];
    expect(units.filter((u) => u.alt).map((u) => u.id).sort()).toEqual(alt.map((a) => a.id).sort());
    const late = t.db.$client
      .prepare(`SELECT count(*) FROM units u JOIN sites s ON s.id = u.site_id LEFT JOIN unit_periods p ON p.unit_id = u.id AND p.kind = 'active' AND p.start_date <= ?
                 WHERE s.kind <> 'private' AND p.id IS NULL`)
      .pluck()
      .get(start) as number;
    expect(late).toBe(0);
    // No stay of the demo began before the units it uses were in service.
    const first = t.db.$client.prepare("SELECT min(start_date) FROM stays WHERE status IN ('confirmed','in_place','ended')").pluck().get() as string;
    expect(first >= start, `${first} before ${start}`).toBe(true);
  });

  it('tells a year of past activity: emergency and DV stays checked out with destinations, unmet demand with reasons, referrals decided', () => {
    expect.hasAssertions();
    const night = tonight();
    const yearAgo = addDays(night, -365);
    const q = <T>(sql: string, ...p: unknown[]) => t.db.$client.prepare(sql).all(...p) as T[];
    const ended = q<{ programme: string; n: number; destinations: number; months: number }>(
      `SELECT programme, count(*) AS n, count(DISTINCT destination) AS destinations, count(DISTINCT substr(start_date, 1, 7)) AS months
         FROM stays WHERE status = 'ended' AND programme IN ('emergency', 'dv_protocol') AND start_date >= ? AND start_date < ? GROUP BY programme ORDER BY programme`,
      yearAgo,
      night
    );
    expect(ended.map((e) => e.programme)).toEqual(['dv_protocol', 'emergency']);
    for (const e of ended) {
      // The protocol's hotel nights stay within its yearly budget, so DV stays are fewer.
      expect(e.n).toBeGreaterThanOrEqual(e.programme === 'dv_protocol' ? 20 : 40);
      expect(e.destinations).toBeGreaterThanOrEqual(5);
      expect(e.months).toBeGreaterThanOrEqual(e.programme === 'dv_protocol' ? 9 : 11);
    }
    const housed = q<{ n: number }>("SELECT count(*) AS n FROM stays WHERE destination IN ('private_rental', 'social_housing') AND start_date >= ?", yearAgo)[0].n;
    expect(housed).toBeGreaterThanOrEqual(5);
    const unmet = q<{ code: string }>("SELECT DISTINCT substr(reason, 1, instr(reason || ':', ':') - 1) AS code FROM unmet_demands WHERE start_date >= ?", yearAgo).map((r) => r.code);
    expect(unmet).toEqual(expect.arrayContaining(['no_place', 'no_place_of_that_size', 'out_of_scope', 'other']));
    // Some of it is referrals declined or redirected, some requests taken by phone.
    const sources = q<{ fromReferral: number; n: number }>('SELECT referral_id IS NOT NULL AS fromReferral, count(*) AS n FROM unmet_demands WHERE start_date >= ? GROUP BY 1 ORDER BY 1', yearAgo);
    expect(sources.map((s) => s.fromReferral)).toEqual([0, 1]);
    for (const s of sources) expect(s.n).toBeGreaterThanOrEqual(10);
    const decided = q<{ status: string; n: number }>('SELECT status, count(*) AS n FROM referrals WHERE received_at >= ? AND decided_at IS NOT NULL GROUP BY status', startOfParisDay(yearAgo));
    expect(decided.map((d) => d.status).sort()).toEqual(['declined', 'placed', 'redirected', 'withdrawn']);
    // Decisions take time: not every referral is decided the minute it arrives.
    const slow = q<{ n: number }>('SELECT count(*) AS n FROM referrals WHERE decided_at - received_at > 3600000')[0].n;
    expect(slow).toBeGreaterThan(10);
  });
});

describe('the demo social residence', () => {
  let t: TestDb;
  let admin: Actor;
  const all = <T>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).get(...params) as T;

  beforeAll(async () => {
    t = makeTestDb();
    const lines = await seedDemo(t.db);
    admin = authenticateToken(t.db, tokensOf(lines).find((x) => x.role === 'admin')!.token, null)!;
  });
  afterAll(() => t?.cleanup());

  it('has 20 units, some reserved for young workers, and its residents under contract', () => {
    expect.hasAssertions();
    const units = all<{ reserved: string | null }>("SELECT u.reserved_for AS reserved FROM units u JOIN sites s ON s.id = u.site_id WHERE s.kind = 'residence'");
    expect(units).toHaveLength(20);
    expect(units.filter((u) => u.reserved === 'young_worker')).toHaveLength(4);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM residence_contracts WHERE status = 'active'").n).toBeGreaterThanOrEqual(15);
    // Every contract's stay is a social_residence stay of its household on its unit.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM residence_contracts c JOIN stays s ON s.id = c.stay_id WHERE s.programme <> \'social_residence\' OR s.unit_id <> c.unit_id OR s.household_id <> c.household_id').n).toBe(0);
  });

  it('reminds of a review due, arrears, a departure announced and applications waiting; the accountant has an arrears list', () => {
    expect.hasAssertions();
    const r = getResidenceReminders(t.db, admin);
    expect(r.reviewsDue).toBeGreaterThanOrEqual(1);
    expect(r.arrears).toBe(1);
    expect(r.departuresAnnounced).toBe(1);
    expect(r.applicationsWaiting).toBeGreaterThanOrEqual(4);
    expect(r.nextCommittee).toBe(addDays(tonight(), 7));
    expect(listArrears(t.db, admin).lines.some((l) => l.household === 'M. Petit' && l.monthsOwed >= 2)).toBe(true);
  });

  it('has a past committee with its decisions, the next one, and a waiting list', () => {
    expect.hasAssertions();
    const past = one<{ id: string }>('SELECT id FROM residence_committees WHERE meets_on = ?', addDays(tonight(), -21));
    const decided = all<{ status: string }>('SELECT status FROM residence_application_events WHERE committee_id = ? ORDER BY status', past.id).map((e) => e.status);
    expect(new Set(decided)).toEqual(new Set(['admitted', 'waiting_list', 'refused', 'redirected']));
    expect(one<{ n: number }>("SELECT count(*) AS n FROM residence_applications WHERE status = 'waiting_list'").n).toBe(2);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM residence_applications WHERE status = 'received'").n).toBe(3);
  });

  it('follows one household from a gendarmerie call through a hotel, an emergency apartment and the residence to a private lease', () => {
    expect.hasAssertions();
    const contract = one<{ id: string; household_id: string; status: string }>(
      "SELECT c.id, c.household_id, c.status FROM residence_contracts c JOIN residence_departures d ON d.contract_id = c.id WHERE d.destination = 'private_rental' AND d.date < ?",
      tonight()
    );
    expect(contract.status).toBe('ended');
    const steps = all<{ programme: string; kind: string; status: string }>(
      'SELECT s.programme, si.kind, s.status FROM stays s JOIN units u ON u.id = s.unit_id JOIN sites si ON si.id = u.site_id WHERE s.household_id = ? ORDER BY s.start_date',
      contract.household_id
    );
    expect(steps).toEqual([
      { programme: 'dv_protocol', kind: 'hotel', status: 'ended' },
      { programme: 'dv_protocol', kind: 'apartment', status: 'ended' },
      { programme: 'social_residence', kind: 'residence', status: 'ended' }
    ]);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM referrals r JOIN stays s ON s.referral_id = r.id WHERE s.household_id = ? AND r.status = 'placed'", contract.household_id).n).toBe(1);
    expect(one<{ status: string }>('SELECT p.status FROM proposals p JOIN applicants a ON a.id = p.applicant_id WHERE a.household_id = ?', contract.household_id).status).toBe('lease_signed');
  });
});

describe('the demo seed at an awkward hour', () => {
  it('seeds before the noon rollover on the night of the spring DST change', async () => {
    expect.hasAssertions();
    // 02:30 on Sunday 29 March 2026 does not exist in Paris; 01:30 UTC is 03:30 CEST: tonight is the 28th.
    setClock(Date.UTC(2026, 2, 29, 1, 30));
    const t = makeTestDb();
    try {
      expect(tonight()).toBe('2026-03-28');
      const lines = await seedDemo(t.db);
      const admin = authenticateToken(t.db, tokensOf(lines).find((x) => x.role === 'admin')!.token, null)!;
      const stays = listStays(t.db, admin, { from: '2026-03-28', to: '2026-03-29' });
      expect(stays.filter((s) => s.status === 'hold')).toHaveLength(2);
      // The household that arrived tonight is in place from the 28th, checked in on the operational night.
      expect(stays.some((s) => s.status === 'in_place' && s.start === '2026-03-28' && s.end === '2026-03-30')).toBe(true);
    } finally {
      setClock(null);
      t.cleanup();
    }
  });
});

describe("the demo's DV protocol budget", () => {
  it("its history leaves room this year for the protocol's hotel nights: a duty officer can place a woman tonight without overriding the budget", async () => {
    const t = makeTestDb();
    try {
      await seedDemo(t.db);
      const budget = getProtocolBudget(t.db);
      // At least a quarter of the year's budget left: a few protocol paths' hotel nights (about 200 € each).
      expect(budget.remainingCents).toBeGreaterThanOrEqual(budget.budgetCents / 4);
    } finally {
      t.cleanup();
    }
  });
});
