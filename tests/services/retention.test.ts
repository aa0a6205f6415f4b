// Retention (2 years after the last contact): a household past its time is pseudonymised in one
// transaction, every free text about it goes from every table (and from the file), the audit
// entries stay without their reasons, and every count a report makes is unchanged.
import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditLog } from '../../src/services/admin.ts';
import { audit } from '../../src/services/audit.ts';
import { openHousehold } from '../../src/services/households.ts';
import { setClock } from '../../src/services/clock.ts';
import { runNightlyRetention, runRetention } from '../../src/services/retention.ts';
import { writeTransaction } from '../../src/services/transaction.ts';
import { at, expectAppError, makeWorld, resetClock, storedAuditEntriesFor, type World } from './helpers.ts';
import { activityCounts, buildScenario, ERASED, everyTableAsText, KEPT, RUN_TODAY, type Scenario } from './retention-scenario.ts';

let w: World;
let s: Scenario;

const row = <T>(sql: string, ...params: unknown[]) => w.db.$client.prepare(sql).get(...params) as T;
const household = (id: string) => row<{ label: string; pseudonym: string; needs: string; pseudonymised_at: number | null; keep_apart_from_id: string | null }>('SELECT * FROM households WHERE id = ?', id);

/** The tables and the text found in them. */
function whereFound(text: string): string[] {
  return Object.entries(everyTableAsText(w.db.$client))
    .filter(([, content]) => content.includes(JSON.stringify(text).slice(1, -1)))
    .map(([table]) => table);
}

beforeEach(() => {
  w = makeWorld();
  s = buildScenario(w.db, w.actors);
  setClock(at('2027-03-01T14:00:00+01:00'));
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

describe('which households are pseudonymised', () => {
  it('the ones whose last contact is more than 2 years before today, and no other', () => {
    expect.hasAssertions();
    const r = runRetention(w.db);
    expect(r.today).toBe(RUN_TODAY);
    expect(r.cutoff).toBe('2025-03-01');
    expect(r.counts.households).toBe(2);
    // An ended stay whose last night was 2024-09-14; a hold that lapsed, created 2024-06-03.
    for (const id of [s.oldHousehold, s.lapsedHousehold]) {
      const h = household(id);
      expect(h.label).toBe(h.pseudonym);
      expect(h.pseudonymised_at).not.toBeNull();
      expect(h.needs).toBe('[]');
    }
    // A stay in 2025; an old stay but a mission proposal in 2026; old nights recorded from a 2026
    // referral; a last night exactly two years before today.
    for (const [id, label] of [
      [s.youngHousehold, 'Famille Youngblood'],
      [s.missionHousehold, 'Famille Missionkeep'],
      [s.referralHousehold, 'Famille Referralkeep'],
      [s.boundaryHousehold, 'Famille Longstay']
    ]) {
      expect(household(id)).toMatchObject({ label, pseudonymised_at: null });
    }
  });

  it('a last night exactly two years before is kept that day and pseudonymised the day after', () => {
    expect.hasAssertions();
    runRetention(w.db, { today: '2027-03-01' });
    expect(household(s.boundaryHousehold).pseudonymised_at).toBeNull();
    const next = runRetention(w.db, { today: '2027-03-02' });
    expect(next.counts.households).toBe(1);
    expect(household(s.boundaryHousehold).pseudonymised_at).not.toBeNull();
  });

  it('a run before anything is two years old changes nothing', () => {
    expect.hasAssertions();
    const before = everyTableAsText(w.db.$client);
    const r = runRetention(w.db, { today: '2026-05-31' });
    expect(r.counts).toEqual({ households: 0, stayNotes: 0, referrals: 0, applicants: 0, unmetDemands: 0, auditReasons: 0, referrerContacts: 0, residenceApplications: 0 });
    const after = everyTableAsText(w.db.$client);
    // Only the run's own audit entry is new.
    for (const t of ['audit_entries', 'sqlite_sequence']) {
      delete after[t];
      delete before[t];
    }
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
  });

  it('is done once: a second run finds nothing left', () => {
    expect.hasAssertions();
    runRetention(w.db);
    const label = household(s.oldHousehold).label;
    expect(runRetention(w.db).counts).toEqual({ households: 0, stayNotes: 0, referrals: 0, applicants: 0, unmetDemands: 0, auditReasons: 0, referrerContacts: 0, residenceApplications: 0 });
    expect(household(s.oldHousehold).label).toBe(label);
  });

  it('an invalid today is refused before anything is read', () => {
    expect.hasAssertions();
    for (const today of ['2027-02-30', '01/03/2027', '', 'tomorrow']) expectAppError(() => runRetention(w.db, { today }), 'validation');
  });
});

describe('what is kept', () => {
  it('the activity counts (stays by programme and status, nights, persons, unmet demand, referrals, proposals) are equal before and after', () => {
    expect.hasAssertions();
    const before = activityCounts(w.db.$client);
    expect(runRetention(w.db).counts.households).toBeGreaterThan(0);
    expect(activityCounts(w.db.$client)).toEqual(before);
  });

  it('the pseudonymised household keeps its stays, nights, statuses, programme and referral link', () => {
    expect.hasAssertions();
    const stay = () => row<Record<string, unknown>>('SELECT unit_id, household_id, programme, start_date, end_date, status, referral_id FROM stays WHERE id = ?', s.oldStay);
    const before = stay();
    runRetention(w.db);
    expect(stay()).toEqual(before);
    expect(row<{ status: string; stay_id: string }>('SELECT status, stay_id FROM referrals WHERE id = ?', s.oldReferral)).toEqual({ status: 'placed', stay_id: s.oldStay });
  });
});

describe('what goes', () => {
  it('no erased text is left in any table, and what must stay is still there', () => {
    expect.hasAssertions();
    for (const text of ERASED) expect(whereFound(text), text).not.toEqual([]);
    runRetention(w.db);
    for (const text of ERASED) expect(whereFound(text), text).toEqual([]);
    for (const text of KEPT) expect(whereFound(text), text).not.toEqual([]);
  });

  it('nor in the database file and its write-ahead log', () => {
    expect.hasAssertions();
    runRetention(w.db);
    const bytes = Buffer.concat([readFileSync(w.path), existsSync(`${w.path}-wal`) ? readFileSync(`${w.path}-wal`) : Buffer.alloc(0)]);
    for (const text of ERASED) expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    expect(bytes.includes(Buffer.from('Youngblood', 'utf8'))).toBe(true);
  });

  it("a referral older than 2 years loses its referrer's contact person whatever its household; its notes stay while the household is kept", () => {
    expect.hasAssertions();
    runRetention(w.db);
    const r = row<Record<string, unknown>>('SELECT referrer_contact, referrer_phone, referrer_email, notes, referrer_organisation, erased_at FROM referrals WHERE id = ?', s.boundaryReferral);
    expect(r).toMatchObject({ referrer_contact: '', referrer_phone: '', referrer_email: null, notes: 'Note sur Longstay', referrer_organisation: 'Gendarmerie' });
    expect(r.erased_at).not.toBeNull();
    // A referral never placed belongs to no household: its free text goes with its contact.
    expect(row('SELECT notes, decision_reason, status FROM referrals WHERE id = ?', s.unlinkedReferral)).toEqual({ notes: null, decision_reason: null, status: 'declined' });
    expect(row('SELECT reason FROM unmet_demands WHERE id = ?', s.unmetDemand)).toEqual({ reason: 'other' });
  });

  it("the audit entries about the household stay, without their reasons; other households' reasons stay", () => {
    expect.hasAssertions();
    const entries = () => [s.oldHousehold, s.oldStay, s.oldReferral, s.unlinkedReferral, s.oldApplicant, s.oldProposal].flatMap((id) => storedAuditEntriesFor(w, id));
    const before = entries();
    const reasonsOf = (ids: number[]) => (w.db.$client.prepare(`SELECT count(*) AS n FROM audit_reasons WHERE audit_id IN (${ids.join(',')})`).get() as { n: number }).n;
    expect(reasonsOf(before.map((e) => e.id))).toBeGreaterThanOrEqual(4);
    const r = runRetention(w.db);
    expect(entries()).toEqual(before);
    expect(reasonsOf(before.map((e) => e.id))).toBe(0);
    expect(r.counts.auditReasons).toBeGreaterThanOrEqual(4);
    // The journal reads the kept reasons back in place, and shows an erased one as `true`.
    const log = listAuditLog(w.db, w.actors.admin, 1000, { action: 'household.reveal' });
    const details = Object.fromEntries(log.map((e) => [e.entityId, JSON.parse(e.detail!)]));
    expect(details[s.referralHousehold]).toEqual({ reason: 'Contrôle Referralkeep' });
    expect(details[s.oldHousehold]).toEqual({ reason: true });
  });

  it('the run is audited with counts only', () => {
    expect.hasAssertions();
    const r = runRetention(w.db);
    const entry = row<{ action: string; actor_id: string | null; detail: string }>("SELECT * FROM audit_entries WHERE action = 'retention.run'");
    expect(entry.actor_id).toBeNull();
    expect(JSON.parse(entry.detail)).toEqual({ today: RUN_TODAY, cutoff: '2025-03-01', ...r.counts });
  });

  it('the stored answer of an idempotent placement of the household goes; others stay', () => {
    expect.hasAssertions();
    const keys = () => (w.db.$client.prepare('SELECT key FROM idempotency_keys ORDER BY key').all() as { key: string }[]).map((k) => k.key);
    expect(keys()).toEqual(['call-oldroyd', 'call-youngblood']);
    runRetention(w.db);
    expect(keys()).toEqual(['call-youngblood']);
  });
});

describe('the household record after it', () => {
  it('says its data were erased and when; there is no name left to reveal', () => {
    expect.hasAssertions();
    expect(openHousehold(w.db, w.actors.duty_officer, s.oldHousehold)).toMatchObject({ erasedAt: null, canReveal: true });
    runRetention(w.db);
    const confidential = openHousehold(w.db, w.actors.duty_officer, s.oldHousehold);
    expect(confidential).toMatchObject({ label: null, needs: [], canReveal: false, adults: 1, children: 2 });
    expect(confidential.erasedAt).toBe(at('2027-03-01T14:00:00+01:00'));
    const plain = openHousehold(w.db, w.actors.duty_officer, s.lapsedHousehold);
    expect(plain.label).toBe(plain.pseudonym);
    expect(plain.erasedAt).not.toBeNull();
    expect(openHousehold(w.db, w.actors.duty_officer, s.youngHousehold)).toMatchObject({ label: 'Famille Youngblood', erasedAt: null });
  });
});

describe('a dry run', () => {
  it('changes nothing and counts exactly what the run then changes', () => {
    expect.hasAssertions();
    const before = everyTableAsText(w.db.$client);
    const dry = runRetention(w.db, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.counts.households).toBe(2);
    expect(everyTableAsText(w.db.$client)).toEqual(before);
    expect(runRetention(w.db).counts).toEqual(dry.counts);
  });
});

describe('the audit log keeps free text beside it', () => {
  it('a reason given to audit() goes to audit_reasons; the entry keeps true in its place and its other details', () => {
    expect.hasAssertions();
    writeTransaction(w.db, (tx) => audit(tx, null, 'test.reason', 'household', 'h1', { reason: 'Mme X appelle', overrideReason: 'grand froid', from: 'received', n: 2 }));
    const e = row<{ id: number; detail: string }>("SELECT id, detail FROM audit_entries WHERE action = 'test.reason'");
    expect(JSON.parse(e.detail)).toEqual({ reason: true, overrideReason: true, from: 'received', n: 2 });
    expect(w.db.$client.prepare('SELECT key, text FROM audit_reasons WHERE audit_id = ? ORDER BY key').all(e.id)).toEqual([
      { key: 'overrideReason', text: 'grand froid' },
      { key: 'reason', text: 'Mme X appelle' }
    ]);
    // The reasons may go; the entry may not.
    expect(w.db.$client.prepare('DELETE FROM audit_reasons WHERE audit_id = ?').run(e.id).changes).toBe(2);
    expect(() => w.db.$client.prepare('DELETE FROM audit_entries WHERE id = ?').run(e.id)).toThrow(/append-only/);
  });
});

describe('the nightly run of the server', () => {
  it('runs once per operational night: a second call the same night does nothing, the next night runs again', () => {
    expect.hasAssertions();
    const first = runNightlyRetention(w.db);
    expect(first?.counts.households).toBe(2);
    setClock(at('2027-03-02T09:00:00+01:00')); // still the night of 1 March (rollover at noon)
    expect(runNightlyRetention(w.db)).toBeNull();
    setClock(at('2027-03-02T13:00:00+01:00'));
    const next = runNightlyRetention(w.db);
    expect(next).not.toBeNull();
    expect(next!.today).toBe('2027-03-02');
    expect(next!.counts.households).toBe(1); // the last night of 2025-03-01 is now past
    const runs = w.db.$client.prepare('SELECT night FROM retention_runs ORDER BY night').all();
    expect(runs).toEqual([{ night: '2027-03-01' }, { night: '2027-03-02' }]);
    expect((w.db.$client.prepare("SELECT count(*) AS n FROM audit_entries WHERE action = 'retention.run'").get() as { n: number }).n).toBe(2);
  });

  it('a night already claimed by another process is skipped', () => {
    expect.hasAssertions();
    w.db.$client.prepare("INSERT INTO retention_runs (night, ran_at) VALUES ('2027-03-01', 0)").run();
    expect(runNightlyRetention(w.db)).toBeNull();
    expect(household(s.oldHousehold).pseudonymised_at).toBeNull();
  });
});
