// Retention (CNIL, social and medico-social sector): a household's records are kept for 2 years
// after its last contact, then pseudonymised; statistics survive as counts. Pure rules: the
// service gathers the dated contacts and the reasons to keep, these decide.
import { addDays, minusYears, type IsoDate } from './dates.ts';

export const RETENTION_YEARS = 2;

/**
 * What counts as a contact with a household. A new source (the social residence's events, its
 * payments) is one more kind here and one more query in the data room; nothing else changes.
 */
export const CONTACT_KINDS = [
  /** The last night of a confirmed, in_place or ended stay. */
  'stay_night',
  /** The creation of a stay of any other status (hold, lapsed, cancelled, no_show). */
  'stay_created',
  /** A linked referral's receipt, decision or placement. */
  'referral',
  /** A mission applicant linked to the household: its creation and every event of its proposals. */
  'mission',
  /** The social residence: an application and each of its steps, a contract, an amendment, a payment, a departure. */
  'residence',
  /** The household's own creation: the floor when nothing else is dated. */
  'household_created'
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface Contact {
  kind: ContactKind;
  date: IsoDate;
}

/**
 * Reasons a household is kept whatever its last contact. The social residence adds them: an
 * active occupancy contract, a balance owed.
 */
export type KeepReason = 'active_contract' | 'balance_owed';

/** The latest date among the contacts; null when there is none. */
export function lastContact(contacts: readonly Contact[]): IsoDate | null {
  let last: IsoDate | null = null;
  for (const c of contacts) if (last === null || c.date > last) last = c.date;
  return last;
}

/** The last night of a stay [start, end): the day before its departure. */
export function lastNightOf(end: IsoDate): IsoDate {
  return addDays(end, -1);
}

/** The first date that is not "more than RETENTION_YEARS before today": a last contact before it is past retention. */
export function retentionCutoff(today: IsoDate): IsoDate {
  return minusYears(today, RETENTION_YEARS);
}

/**
 * True when `last` is more than RETENTION_YEARS before `today` (exclusive: a last contact on the same
 * date two years earlier is still kept that day).
 */
export function isPastRetention(last: IsoDate, today: IsoDate): boolean {
  return last < retentionCutoff(today);
}

export type RetentionDecision = { pseudonymise: true } | { pseudonymise: false; why: 'recent' | 'no_contact' | KeepReason };

/** Whether a household is pseudonymised today: past retention, and no reason to keep it. */
export function decideRetention(contacts: readonly Contact[], keep: readonly KeepReason[], today: IsoDate): RetentionDecision {
  const last = lastContact(contacts);
  if (last === null) return { pseudonymise: false, why: 'no_contact' };
  if (!isPastRetention(last, today)) return { pseudonymise: false, why: 'recent' };
  if (keep.length > 0) return { pseudonymise: false, why: keep[0] };
  return { pseudonymise: true };
}

/**
 * The server runs retention once per operational night: due when no run is recorded for
 * `tonight` (the latest recorded night is before it).
 */
export function isRetentionRunDue(lastRunNight: IsoDate | null, tonight: IsoDate): boolean {
  return lastRunNight === null || lastRunNight < tonight;
}

