// Email notifications of referral decisions. The message is written to the outbox in the same
// transaction as the decision, and sent after the commit; a failed send is retried with backoff
// and shown on the referral, and never undoes the decision. A message says the outcome and the
// times, nothing that names or locates anyone.
import nodemailer from 'nodemailer';
import { toOffsetTimestamp } from '#domain/dates.ts';
import type { Db, Tx } from '#db/client.ts';
import { claimOutbox, insertOutbox, listDueOutbox, updateOutbox } from '#db/queries/outbox.ts';
import { listOrganisationEmails } from '#db/queries/accounts.ts';
import type { ReferralRow } from '#db/queries/referrals.ts';
import { nowMs } from './clock.ts';
import { settings } from './config.ts';
import { newId, writeTransaction } from './transaction.ts';

export const MAX_ATTEMPTS = 8;

export function smtpUrl(): string | null {
  return settings.smtpUrl();
}
export function mailFrom(): string {
  return settings.mailFrom();
}

const OUTCOME_FR: Record<string, string> = {
  accepted: 'acceptée',
  declined: 'déclinée',
  redirected: 'réorientée',
  withdrawn: 'retirée',
  placed: 'mise à l’abri réalisée (placée)'
};

/** The message for a referral's new status: outcome and times only. */
export function referralMessage(r: ReferralRow): { subject: string; body: string } {
  const ref = r.id.slice(0, 8).toUpperCase();
  const outcome = OUTCOME_FR[r.status] ?? r.status;
  const lines = [
    `Orientation ${ref} : ${outcome}.`,
    `Reçue le : ${toOffsetTimestamp(r.receivedAt)}`,
    ...(r.decidedAt ? [`Décidée le : ${toOffsetTimestamp(r.decidedAt)}`] : []),
    ...(r.placedAt ? [`Placée le : ${toOffsetTimestamp(r.placedAt)}`] : []),
    '',
    'Pour le détail, connectez-vous au service Hébergement du CIAS du Pays de Lunel.',
    '',
    `Referral ${ref}: ${r.status}. Sign in to the Hébergement service for details.`
  ];
  return { subject: `Orientation ${ref} : ${outcome}`, body: lines.join('\n') };
}

/**
 * Queues the notification of a referral's new status inside the caller's transaction, when email is
 * configured and someone can receive it (the referrer's email, else the organisation's accounts).
 */
export function queueReferralNotification(tx: Tx, r: ReferralRow): void {
  if (!smtpUrl()) return;
  const recipients = r.referrerEmail ? [r.referrerEmail] : r.organisationId ? listOrganisationEmails(tx, r.organisationId) : [];
  if (recipients.length === 0) return;
  const { subject, body } = referralMessage(r);
  const now = nowMs();
  insertOutbox(tx, { id: newId(), kind: `referral.${r.status}`, referralId: r.id, recipients, subject, body, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
}

/** Backoff after the n-th failed attempt: 15 s, 30 s, 1 min… at most 30 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** Sends what is due; each message's outcome is recorded in its own transaction. Returns counts. */
export async function deliverDue(db: Db): Promise<{ sent: number; failed: number }> {
  const url = smtpUrl();
  if (!url) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(url, { from: mailFrom() });
  let sent = 0;
  let failed = 0;
  try {
    for (const m of listDueOutbox(db, nowMs())) {
      if (!writeTransaction(db, (tx) => claimOutbox(tx, m.id, nowMs(), 5 * 60_000))) continue;
      try {
        await transport.sendMail({ to: m.recipients, subject: m.subject, text: m.body });
        writeTransaction(db, (tx) => updateOutbox(tx, m.id, { status: 'sent', attempts: m.attempts + 1, sentAt: nowMs(), lastError: null }));
        sent++;
      } catch (e) {
        const attempts = m.attempts + 1;
        // The SMTP error says why (refused, unreachable); it never holds the message itself.
        const reason = ((e as Error).message ?? 'send failed').slice(0, 300);
        writeTransaction(db, (tx) =>
          updateOutbox(tx, m.id, { attempts, lastError: reason, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', nextAttemptAt: nowMs() + retryDelayMs(attempts) })
        );
        failed++;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}

const STATE = Symbol.for('hebergement.mailer.state');
type MailerState = { running: boolean; again: boolean };

/** After a commit: sends what is due in the background, one run at a time per connection. */
export function sendAfterCommit(db: Db): void {
  if (!smtpUrl()) return;
  const client = db.$client as unknown as Record<symbol, MailerState | undefined>;
  const state = (client[STATE] ??= { running: false, again: false });
  if (state.running) {
    state.again = true; // a message queued during a run is sent by the next one
    return;
  }
  state.running = true;
  setImmediate(() => {
    deliverDue(db)
      .catch(() => undefined)
      .finally(() => {
        state.running = false;
        if (state.again) {
          state.again = false;
          sendAfterCommit(db);
        }
      });
  });
}

/** Retries on a timer (the server starts it); returns a stop function. */
export function startMailer(db: Db, everyMs = 15_000): () => void {
  const timer = setInterval(() => sendAfterCommit(db), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
