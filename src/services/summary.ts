// The nightly summary of free places, emailed to the organisations that subscribed: free places by
// programme for the coming nights, built from the partner's view (nightly totals only). Nothing in
// it names or locates anyone: no household, no unit, no site, no address.
import { addDays } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { PROGRAMMES, SUMMARY_ROLES, type Programme } from '#domain/programmes.ts';
import { isEmail } from '#schemas/common.ts';
import type { Db } from '#db/client.ts';
import { insertOutbox } from '#db/queries/outbox.ts';
import { findOrganisation, listDueSummaries, markSummaryNight, setSummaryEmail } from '#db/queries/organisations.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { getAvailability } from './availability.ts';
import { nowMs, tonight } from './clock.ts';
import { sendAfterCommit, smtpUrl } from './notifications.ts';
import { newId, writeTransaction } from './transaction.ts';

export const SUMMARY_NIGHTS = 7;

/**
 * Subscribes an organisation to the nightly summary at `email`, or unsubscribes it (null). A partner
 * acts for its own organisation only; an admin for any organisation, named by id.
 */
export function subscribeSummary(db: Db, actor: Actor, email: string | null, organisationId?: string): { organisationId: string; email: string | null } {
  requireRole(actor, SUMMARY_ROLES, 'only a partner or an admin may manage a summary subscription');
  let orgId: string | null;
  if (actor.role === 'partner') {
    if (organisationId !== undefined && organisationId !== actor.organisationId) throw new AppError('forbidden', 'a partner manages its own organisation only');
    orgId = actor.organisationId;
  } else {
    orgId = organisationId ?? null;
  }
  if (!orgId) throw new AppError('validation', 'no organisation', { errors: [{ path: 'organisationId', message: 'required' }] });
  const value = email === null ? null : email.trim().toLowerCase();
  if (value !== null && (value.length > 254 || !isEmail(value))) {
    throw new AppError('validation', 'not an email address', { errors: [{ path: 'email', message: 'invalid email' }] });
  }
  const id = orgId;
  writeTransaction(db, (tx) => {
    if (!findOrganisation(tx, id)) throw new AppError('not_found', 'no such organisation');
    setSummaryEmail(tx, id, value);
    audit(tx, actor, value ? 'summary.subscribe' : 'summary.unsubscribe', 'organisation', id);
  });
  return { organisationId: id, email: value };
}

/** The current subscription of the actor's organisation (partner), or of one organisation (admin). */
export function getSummarySubscription(db: Db, actor: Actor, organisationId?: string): { organisationId: string; email: string | null } | null {
  requireRole(actor, SUMMARY_ROLES, 'only a partner or an admin may see a summary subscription');
  const id = actor.role === 'partner' ? actor.organisationId : actor.role === 'admin' ? (organisationId ?? null) : null;
  if (!id) return null;
  const org = findOrganisation(db, id);
  return org ? { organisationId: org.id, email: org.summaryEmail } : null;
}

const PROGRAMME_FR: Record<Programme, string> = {
  emergency: 'Urgence',
  dv_protocol: 'Violences conjugales',
  social_residence: 'Résidence sociale',
  housing_mission: 'Mission logement'
};

const dayFr = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const longFr = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

export interface SummaryFigures {
  from: string;
  nights: string[];
  byProgramme: { programme: Programme; freePlaces: number[] }[];
}

/** Free places by programme for the coming nights, as a partner sees them (totals only). */
export function summaryFigures(db: Db, from: string, nights = SUMMARY_NIGHTS): SummaryFigures {
  const partner: Actor = { accountId: 'summary', role: 'partner', organisationId: null };
  const to = addDays(from, nights);
  return {
    from,
    nights: Array.from({ length: nights }, (_, i) => addDays(from, i)),
    byProgramme: PROGRAMMES.map((programme) => ({
      programme,
      freePlaces: getAvailability(db, partner, { from, to, programme }).nights.map((n) => n.freePlaces)
    }))
  };
}

/** The email: a plain-text table, French first, then a line of English. */
export function summaryMessage(f: SummaryFigures): { subject: string; body: string } {
  const width = Math.max(...PROGRAMMES.map((p) => PROGRAMME_FR[p].length));
  const lines = [
    `Places libres (nombre de personnes qu’on peut accueillir) pour les ${f.nights.length} prochaines nuits, à partir de la nuit du ${longFr.format(at(f.from))}.`,
    '',
    ...f.nights.flatMap((night, i) => [
      `Nuit du ${dayFr.format(at(night))} :`,
      ...f.byProgramme.map((p) => `  ${PROGRAMME_FR[p.programme].padEnd(width)}  ${p.freePlaces[i]}`)
    ]),
    '',
    'Les places des sites confidentiels comptent dans ces totaux sans être détaillées.',
    'Pour orienter un ménage, connectez-vous au service Hébergement du CIAS du Pays de Lunel (page « Places disponibles »).',
    'Pour ne plus recevoir ce résumé, décochez-le sur la même page.',
    '',
    `Free places by programme for the next ${f.nights.length} nights, from the night of ${f.from}. Sign in to the Hébergement service to send a referral or to unsubscribe.`
  ];
  return { subject: `Places libres — nuit du ${longFr.format(at(f.from))}`, body: lines.join('\n') };
}

/**
 * Queues tonight's summary for every subscribed organisation that has not had it yet, one
 * transaction each, then sends after the commit. Returns how many were queued. Without SMTP, nothing.
 */
export function sendNightlySummaries(db: Db): number {
  if (!smtpUrl()) return 0;
  const night = tonight();
  const due = listDueSummaries(db, night);
  if (due.length === 0) return 0;
  // The same figures for everyone: a partner's view, with no organisation-specific data.
  const { subject, body } = summaryMessage(summaryFigures(db, night));
  let queued = 0;
  for (const org of due) {
    const done = writeTransaction(db, (tx) => {
      if (!markSummaryNight(tx, org.id, night)) return false;
      const now = nowMs();
      insertOutbox(tx, { id: newId(), kind: 'summary', referralId: null, recipients: [org.summaryEmail], subject, body, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
      audit(tx, null, 'summary.queue', 'organisation', org.id, { night });
      return true;
    });
    if (done) queued++;
  }
  if (queued > 0) sendAfterCommit(db);
  return queued;
}

/** Checks on a timer (the server starts it) whether tonight's summaries are due; returns a stop function. */
export function startSummaries(db: Db, everyMs = 5 * 60_000): () => void {
  const run = () => {
    try {
      sendNightlySummaries(db);
    } catch {
      // a failed run is retried at the next tick
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
