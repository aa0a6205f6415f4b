// Referral notifications against a real SMTP server started in the test (smtp-server).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { setClock } from '../../src/services/clock.ts';
import { deliverDue, retryDelayMs } from '../../src/services/notifications.ts';
import { createReferral, decideReferral, getReferral } from '../../src/services/referrals.ts';
import { placeStay } from '../../src/services/stays.ts';
import { makeAccounts, makeTestDb, makeUnit } from '../support/fixtures.ts';

interface Received {
  to: string[];
  data: string;
}
let smtp: SMTPServer;
let port: number;
let received: Received[] = [];
let refuseNext = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        return callback(Object.assign(new Error('mailbox unavailable, try later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    }
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

let t: ReturnType<typeof makeTestDb>;
let accounts: ReturnType<typeof makeAccounts>;
const T0 = Date.parse('2027-01-10T14:00:00+01:00');

beforeEach(() => {
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = 'hebergement@cias.test';
  received = [];
  refuseNext = 0;
  setClock(T0);
  t = makeTestDb();
  accounts = makeAccounts(t.db);
});
afterEach(() => {
  delete process.env.SMTP_URL;
  setClock(null);
  t.cleanup();
});

const referral = {
  programme: 'dv_protocol' as const,
  urgency: 'immediate' as const,
  requestedStart: '2027-01-10',
  nights: 3,
  household: { adults: 1, children: 2 },
  referrer: { contact: 'Adjudant Rey', phone: '0467000000', email: 'brigade@gendarmerie.test' }
};

describe('referral notifications', () => {
  test('a decision is emailed to the referrer after the commit: outcome and times, nothing else', async () => {
    expect.hasAssertions();
    const r = createReferral(t.db, accounts.partner.actor, referral);
    decideReferral(t.db, accounts.duty_officer.actor, r.id, { outcome: 'accepted' });
    const result = await deliverDue(t.db);
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['brigade@gendarmerie.test']);
    expect(received[0].data).toContain('accept');
    expect(received[0].data).toContain(r.id.slice(0, 8).toUpperCase());
    const view = getReferral(t.db, accounts.duty_officer.actor, r.id) as { notifications: { status: string }[] };
    expect(view.notifications.map((n) => n.status)).toEqual(['sent']);
  });

  test('a failed send is retried and shown, and never loses the decision', async () => {
    expect.hasAssertions();
    const r = createReferral(t.db, accounts.partner.actor, referral);
    refuseNext = 1;
    decideReferral(t.db, accounts.duty_officer.actor, r.id, { outcome: 'declined', reason: 'no place of that size' });
    expect(await deliverDue(t.db)).toEqual({ sent: 0, failed: 1 });
    let view = getReferral(t.db, accounts.duty_officer.actor, r.id) as { status: string; notifications: { status: string; attempts: number; lastError: string | null }[] };
    expect(view.status).toBe('declined');
    expect(view.notifications[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(view.notifications[0].lastError).toContain('451');
    // Not before its backoff…
    expect(await deliverDue(t.db)).toEqual({ sent: 0, failed: 0 });
    // …then it goes.
    setClock(T0 + retryDelayMs(1));
    expect(await deliverDue(t.db)).toEqual({ sent: 1, failed: 0 });
    view = getReferral(t.db, accounts.duty_officer.actor, r.id) as typeof view;
    expect(view.notifications[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(view.status).toBe('declined');
  });

  test('without the referrer email, the sign-in accounts of the organisation are written to', async () => {
    expect.hasAssertions();
    const { referrer, ...rest } = referral;
    const r = createReferral(t.db, accounts.partner.actor, { ...rest, referrer: { contact: referrer.contact, phone: referrer.phone } });
    // The partner organisation has no sign-in account with an email: nobody to write to.
    decideReferral(t.db, accounts.duty_officer.actor, r.id, { outcome: 'accepted' });
    expect(await deliverDue(t.db)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });

  test('canary: a placement email never names or locates anyone', async () => {
    expect.hasAssertions();
    const unitId = makeUnit(t.db, accounts.admin.actor, { name: 'Unit-Canary-Q9Z', confidential: true, address: '12 rue Canary-Adresse-X7', commune: 'Saussines' });
    const r = createReferral(t.db, accounts.partner.actor, referral);
    placeStay(t.db, accounts.duty_officer.actor, {
      unitId,
      start: '2027-01-10',
      end: '2027-01-13',
      programme: 'dv_protocol',
      household: { label: 'Mme Canary-Nom-K4P', adults: 1, children: 2 },
      referralId: r.id
    });
    await deliverDue(t.db);
    expect(received).toHaveLength(1);
    const mail = received[0].data;
    expect(mail).toMatch(/plac/i);
    for (const canary of ['Canary-Nom-K4P', 'Canary-Adresse-X7', 'Unit-Canary-Q9Z', 'Saussines']) expect(mail).not.toContain(canary);
  });

  test('no SMTP_URL: nothing is queued, and the decision stands', async () => {
    expect.hasAssertions();
    delete process.env.SMTP_URL;
    const r = createReferral(t.db, accounts.partner.actor, referral);
    decideReferral(t.db, accounts.duty_officer.actor, r.id, { outcome: 'accepted' });
    const view = getReferral(t.db, accounts.duty_officer.actor, r.id) as { status: string; notifications: unknown[] };
    expect(view.status).toBe('accepted');
    expect(view.notifications).toHaveLength(0);
  });

  test('an organisation account with an email receives it when the referrer gave none', async () => {
    expect.hasAssertions();
    const { createUser } = await import('../../src/services/accounts.ts');
    await createUser(t.db, { email: 'chef@gendarmerie.test', role: 'partner', organisation: 'Gendarmerie de Lunel', password: 'a-long-password-1' });
    createAccountWithToken(t.db, { name: 'unrelated', role: 'partner', organisation: 'Autre' });
    const { referrer, ...rest } = referral;
    const r = createReferral(t.db, accounts.partner.actor, { ...rest, referrer: { contact: referrer.contact, phone: referrer.phone } });
    decideReferral(t.db, accounts.duty_officer.actor, r.id, { outcome: 'accepted' });
    await deliverDue(t.db);
    expect(received.map((m) => m.to)).toEqual([['chef@gendarmerie.test']]);
  });
});
