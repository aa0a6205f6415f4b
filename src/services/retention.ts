// Retention (CNIL: 2 years after the last contact). Pseudonymises every household past its time in
// one transaction: its name becomes its pseudonym, and every free text about it goes (needs, stay
// notes and history reasons, its referrals' notes and referrer contact, its mission applicants'
// situation and refusal reasons, its unmet demands' notes, the reasons of its audit entries).
// Nights, stays, statuses, programmes and persons stay, so every report counts the same.
// Referrers' contact persons on referrals older than 2 years go too, whatever the household, and the
// contact a partner account last gave (its next form's default) when it is as old.
import { isValidDate, monthOf, parisDate, startOfParisDay, type IsoDate } from '#domain/dates.ts';
import { arrearsOf } from '#domain/residence.ts';
import { AppError } from '#domain/errors.ts';
import { decideRetention, isRetentionRunDue, lastNightOf, retentionCutoff, type Contact, type ContactKind, type KeepReason } from '#domain/retention.ts';
import type { Db, Tx } from '#db/client.ts';
import {
  claimRetentionNight,
  deleteAuditReasons,
  deleteIdempotentAnswers,
  eraseReferralRows,
  eraseStayText,
  eraseUnmetDemandNotes,
  findHouseholdRows,
  lastRetentionNight,
  listHouseholdContacts,
  listOldReferrals,
  listOldUnlinkedApplicants,
  listOldUnmetDemandsWithNotes,
  listContractLedgers,
  listHouseholdsWithActiveContract,
  eraseResidenceText,
  listUnmetDemandsOfReferrals,
  pseudonymiseApplicantRows,
  pseudonymiseHouseholdRows
} from '#db/queries/retention.ts';
import { audit } from './audit.ts';
import { startPeriodic, type JobLog } from './periodic.ts';
import { nowMs, today as parisToday, tonight } from './clock.ts';
import { randomPseudonym, writeTransaction } from './transaction.ts';
import { deleteReferrerContactsBefore } from '#db/queries/referrer-contacts.ts';

/** What a run changed (or, dry, would change), by count: the only thing it prints or audits. */
export interface RetentionCounts {
  /** Households pseudonymised. */
  households: number;
  /** Their stays that had a practical note or an override reason. */
  stayNotes: number;
  /** Referrals erased: linked to those households (free text and referrer contact), or older than 2 years (referrer contact; free text too when never placed). */
  referrals: number;
  /** Mission applicants pseudonymised (those households', and those with no household past their time). */
  applicants: number;
  /** Unmet demands whose note was erased (their reason code kept). */
  unmetDemands: number;
  /** Audit reasons dropped (the audit entries stay). */
  auditReasons: number;
  /** Referrer contacts a partner account last gave (its next form's default), forgotten. */
  referrerContacts: number;
  /** Social residence applications whose free text and referrer contact were erased (those households'). */
  residenceApplications: number;
}

export interface RetentionResult {
  today: IsoDate;
  /** Last contacts before this date are past retention. */
  cutoff: IsoDate;
  dryRun: boolean;
  counts: RetentionCounts;
}

/** The households past retention on `today` and kept for no other reason. */
function householdsPastRetention(tx: Tx, today: IsoDate): string[] {
  const byHousehold = new Map<string, Contact[]>();
  for (const row of listHouseholdContacts(tx)) {
    const date = row.endDate !== null ? lastNightOf(row.endDate) : row.at !== null ? parisDate(new Date(row.at)) : null;
    if (date === null) continue;
    const list = byHousehold.get(row.householdId) ?? [];
    list.push({ kind: row.kind as ContactKind, date });
    byHousehold.set(row.householdId, list);
  }
  const keep = new Map<string, KeepReason[]>();
  const keepFor = (id: string, reason: KeepReason) => keep.set(id, [...(keep.get(id) ?? []), reason]);
  for (const id of listHouseholdsWithActiveContract(tx)) keepFor(id, 'active_contract');
  const past = [...byHousehold].filter(([id, contacts]) => decideRetention(contacts, keep.get(id) ?? [], today).pseudonymise).map(([id]) => id);
  // A balance still owed at the social residence keeps the household (its statements must stay
  // provable); computed only for those otherwise due, with the statements' own rule.
  for (const ledger of listContractLedgers(tx, past)) {
    const terms = { ...ledger, departure: ledger.end, amendments: ledger.amendments };
    if (arrearsOf(terms, ledger.payments, monthOf(today)).balanceCents > 0) keepFor(ledger.householdId, 'balance_owed');
  }
  return past.filter((id) => !keep.has(id)).sort();
}

/** Every change of a run, inside the caller's transaction. */
function applyRetention(tx: Tx, today: IsoDate, at: number): RetentionCounts {
  const cutoffMs = startOfParisDay(retentionCutoff(today));
  const counts: RetentionCounts = { households: 0, stayNotes: 0, referrals: 0, applicants: 0, unmetDemands: 0, auditReasons: 0, referrerContacts: 0, residenceApplications: 0 };

  // 1. Households past retention, with everything linked to them.
  const households = householdsPastRetention(tx, today);
  if (households.length > 0) {
    const rows = findHouseholdRows(tx, households);
    counts.households = pseudonymiseHouseholdRows(tx, households, at);
    counts.stayNotes = eraseStayText(tx, rows.stays);
    counts.referrals += eraseReferralRows(tx, rows.referrals, at, true);
    counts.applicants += pseudonymiseApplicantRows(tx, rows.applicants, rows.proposals, at);
    counts.unmetDemands += eraseUnmetDemandNotes(tx, rows.unmetDemands);
    counts.residenceApplications = eraseResidenceText(tx, rows.residenceApplications, rows.residenceContracts, at);
    // A stored answer names its household, or (a payment's, which may carry a reversal's reason) its contract.
    deleteIdempotentAnswers(tx, [...households, ...rows.residenceContracts]);
    counts.auditReasons += deleteAuditReasons(tx, {
      household: households,
      stay: rows.stays,
      referral: rows.referrals,
      applicant: rows.applicants,
      proposal: rows.proposals,
      unmet_demand: rows.unmetDemands,
      residence_application: rows.residenceApplications,
      residence_contract: rows.residenceContracts
    });
  }

  // 2. Referrals older than 2 years: the referrer's contact person goes whatever the household; one
  //    never placed belongs to no household, so its free text goes with it.
  const old = listOldReferrals(tx, cutoffMs);
  const linked = old.filter((r) => r.linked).map((r) => r.id);
  const unlinked = old.filter((r) => !r.linked).map((r) => r.id);
  counts.referrals += eraseReferralRows(tx, linked, at, false);
  counts.referrals += eraseReferralRows(tx, unlinked, at, true);
  const unlinkedUnmet = listUnmetDemandsOfReferrals(tx, unlinked);
  counts.unmetDemands += eraseUnmetDemandNotes(tx, unlinkedUnmet);
  counts.auditReasons += deleteAuditReasons(tx, { referral: unlinked, unmet_demand: unlinkedUnmet });

  //    The contact a partner account last gave (its next form's default) goes on the same clock.
  counts.referrerContacts = deleteReferrerContactsBefore(tx, cutoffMs);

  // 3. Unmet demands with no referral, recorded more than 2 years ago: the code stays, the note goes.
  const oldUnmet = listOldUnmetDemandsWithNotes(tx, cutoffMs);
  counts.unmetDemands += eraseUnmetDemandNotes(tx, oldUnmet);
  counts.auditReasons += deleteAuditReasons(tx, { unmet_demand: oldUnmet });

  // 4. Mission applicants with no household, past their time likewise.
  const applicants = listOldUnlinkedApplicants(tx, cutoffMs);
  if (applicants.length > 0) {
    const names = Object.fromEntries(applicants.map((a) => [a.id, randomPseudonym()]));
    const proposals = applicants.flatMap((a) => a.proposals);
    counts.applicants += pseudonymiseApplicantRows(tx, applicants.map((a) => a.id), proposals, at, names);
    counts.auditReasons += deleteAuditReasons(tx, { applicant: applicants.map((a) => a.id), proposal: proposals });
  }
  return counts;
}

class DryRun extends Error {
  constructor(readonly counts: RetentionCounts) {
    super('dry run');
  }
}

/**
 * Runs retention for `today` (a Europe/Paris date; the real one by default): everything in one
 * IMMEDIATE transaction with its audit entry (counts only). A dry run does the same work and rolls
 * it back, so its counts are exactly what a run would change, and nothing changes.
 */
export function runRetention(db: Db, options: { today?: string; dryRun?: boolean } = {}): RetentionResult {
  const today = options.today ?? parisToday();
  if (!isValidDate(today)) throw new AppError('validation', `--today must be a real date written YYYY-MM-DD (got "${today}")`);
  const cutoff = retentionCutoff(today);
  const dryRun = options.dryRun ?? false;
  if (dryRun) {
    try {
      writeTransaction(db, (tx) => {
        throw new DryRun(applyRetention(tx, today, nowMs()));
      });
    } catch (e) {
      if (e instanceof DryRun) return { today, cutoff, dryRun, counts: e.counts };
      throw e;
    }
    throw new Error('unreachable: a dry run always rolls back');
  }
  const counts = writeTransaction(db, (tx) => {
    const c = applyRetention(tx, today, nowMs());
    audit(tx, null, 'retention.run', 'retention', null, { today, cutoff, ...c });
    return c;
  });
  forgetOldPages(db);
  return { today, cutoff, dryRun, counts };
}

/**
 * The erased rows are zeroed in the file (secure_delete), but the write-ahead log still holds the
 * pages as they were before: copy it into the file and empty it. Best effort: a reader of another
 * process may hold it for a while, and the next checkpoint finishes the work.
 */
function forgetOldPages(db: Db): void {
  try {
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // the automatic checkpoints overwrite the log in time
  }
}

/**
 * The server's run for the current operational night, once: claims the night and runs in the same
 * transaction, so a second process (or a second tick) finds it claimed and does nothing. Returns
 * null when the night's run was already done.
 */
export function runNightlyRetention(db: Db): RetentionResult | null {
  const night = tonight();
  if (!isRetentionRunDue(lastRetentionNight(db), night)) return null;
  const today = parisToday();
  const counts = writeTransaction(db, (tx) => {
    if (!claimRetentionNight(tx, night, nowMs())) return null;
    const c = applyRetention(tx, today, nowMs());
    audit(tx, null, 'retention.run', 'retention', null, { today, cutoff: retentionCutoff(today), night, ...c });
    return c;
  });
  if (!counts) return null;
  forgetOldPages(db);
  return { today, cutoff: retentionCutoff(today), dryRun: false, counts };
}

/** The counts as one line: what is printed and logged (never a name or an id). */
export function describeRetention(r: RetentionResult): string {
  const c = r.counts;
  const verb = r.dryRun ? 'would pseudonymise' : 'pseudonymised';
  return (
    `Retention on ${r.today} (last contact before ${r.cutoff}): ${verb} ${c.households} household(s); ` +
    `stays with notes erased: ${c.stayNotes}; referrals erased: ${c.referrals}; applicants: ${c.applicants}; ` +
    `unmet demand notes: ${c.unmetDemands}; audit reasons dropped: ${c.auditReasons}; remembered referrer contacts: ${c.referrerContacts}.`
  );
}

/**
 * Runs the nightly retention on a timer (the server starts it); a failed run is logged by its code
 * only (no personal data) and retried at the next tick. Returns a stop function.
 */
export function startRetention(db: Db, log: JobLog, everyMs = 10 * 60_000): () => void {
  return startPeriodic('retention run', () => {
    const r = runNightlyRetention(db);
    return r ? describeRetention(r) : null;
  }, log, 60_000, everyMs);
}
