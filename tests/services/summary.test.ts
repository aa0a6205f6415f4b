// The nightly summary of free places, against a real SMTP server started in the test (smtp-server):
// once per night per subscribed organisation, free places by programme, nothing personal.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { setClock } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';
import { getSummarySubscription, sendNightlySummaries, subscribeSummary } from '../../src/services/summary.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { makeAccounts, makeTestDb, makeUnit } from '../support/fixtures.ts';
import { expectAppError } from './helpers.ts';

interface Received {
  to: string[];
  data: string;
}
let smtp: SMTPServer;
let port: number;
let received: Received[] = [];
/** Called after each message received: the waits of waitFor. */
const arrivals = new Set<() => void>();

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        for (const arrived of [...arrivals]) arrived();
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
// 14:00 in Paris: after the noon rollover, tonight is the night of 10 January.
const T0 = Date.parse('2027-01-10T14:00:00+01:00');
const NEXT_DAY = Date.parse('2027-01-11T14:00:00+01:00');

const CANARIES = ['Canary-Nom-S7Q', 'Canary-Adresse-S7Q', 'Canary-Site-S7Q', 'Canary-Logement-S7Q', 'Canary-Public-S7Q'];

beforeEach(() => {
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = 'hebergement@cias.test';
  received = [];
  setClock(T0);
  t = makeTestDb();
  accounts = makeAccounts(t.db);
  // A public unit (4 places, emergency and social residence) where a household sleeps for two nights,
  // and a confidential unit (3 places, domestic violence) whose address and names must never travel.
  const open = makeUnit(t.db, accounts.admin.actor, { name: 'Canary-Public-S7Q', capacity: 4, programmes: ['emergency', 'social_residence'], commune: 'Lunel' });
  makeUnit(t.db, accounts.admin.actor, {
    name: 'Canary-Logement-S7Q',
    capacity: 3,
    programmes: ['dv_protocol'],
    confidential: true,
    commune: 'Saussines',
    address: '12 rue Canary-Adresse-S7Q'
  });
  t.db.$client.prepare("UPDATE sites SET name = 'Canary-Site-S7Q' WHERE confidential = 1").run();
  placeStay(t.db, accounts.duty_officer.actor, {
    unitId: open,
    start: '2027-01-10',
    end: '2027-01-12',
    programme: 'emergency',
    household: { label: 'Famille Canary-Nom-S7Q', adults: 2, children: 1 }
  });
});
afterEach(() => {
  delete process.env.SMTP_URL;
  setClock(null);
  t.cleanup();
});

/** Resolves once the SMTP server has received `n` messages (the test's timeout bounds the wait). */
function waitFor(n: number): Promise<void> {
  return new Promise((resolve) => {
    const arrived = () => {
      if (received.length < n) return;
      arrivals.delete(arrived);
      resolve();
    };
    arrivals.add(arrived);
    arrived();
  });
}

/** The raw message with quoted-printable undone, so that accented text and figures can be read. */
function decoded(raw: string): string {
  const bytes: number[] = [];
  const text = raw.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function outboxRows() {
  return t.db.$client.prepare("SELECT recipients, subject, body FROM outbox WHERE kind = 'summary' ORDER BY created_at").all() as { recipients: string; subject: string; body: string }[];
}

describe('nightly summary', () => {
  test('a subscribed organisation gets the summary once per night, with free places by programme', async () => {
    expect.hasAssertions();
    subscribeSummary(t.db, accounts.partner.actor, 'Brigade@Gendarmerie.test');
    expect(getSummarySubscription(t.db, accounts.partner.actor)?.email).toBe('brigade@gendarmerie.test');

    expect(sendNightlySummaries(t.db)).toBe(1);
    await waitFor(1);
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['brigade@gendarmerie.test']);

    const [row] = outboxRows();
    const lines = row.body.split('\n');
    // Tonight (10 Jan.): the public unit is taken, the confidential one is free (3 places, counted in the total).
    const tonight = lines.indexOf(lines.find((l) => l.startsWith('Nuit du dim. 10 janv.'))!);
    expect(tonight).toBeGreaterThanOrEqual(0);
    expect(lines[tonight + 1]).toMatch(/Urgence\s+0$/);
    expect(lines[tonight + 2]).toMatch(/Violences conjugales\s+3$/);
    expect(lines[tonight + 3]).toMatch(/Résidence sociale\s+0$/);
    expect(lines[tonight + 4]).toMatch(/Mission logement\s+0$/);
    // On 12 Jan. the stay has ended: the public unit's 4 places are free again.
    const third = lines.indexOf(lines.find((l) => l.startsWith('Nuit du mar. 12 janv.'))!);
    expect(lines[third + 1]).toMatch(/Urgence\s+4$/);
    expect(lines[third + 3]).toMatch(/Résidence sociale\s+4$/);
    expect(lines.filter((l) => l.startsWith('Nuit du'))).toHaveLength(7);
    expect(decoded(received[0].data)).toContain('Violences conjugales  3');

    // The same night again: nothing more is sent.
    expect(sendNightlySummaries(t.db)).toBe(0);
    // Mail goes out only from the outbox: no second summary there, none can arrive.
    expect(outboxRows()).toHaveLength(1);
    expect(received).toHaveLength(1);

    // The next night: one more.
    setClock(NEXT_DAY);
    expect(sendNightlySummaries(t.db)).toBe(1);
    await waitFor(2);
    expect(received).toHaveLength(2);
    expect(outboxRows()[1].body).toContain('Nuit du lun. 11 janv.');
  });

  test('the summary holds no household name, confidential address, site or unit name', async () => {
    expect.hasAssertions();
    subscribeSummary(t.db, accounts.partner.actor, 'brigade@gendarmerie.test');
    sendNightlySummaries(t.db);
    await waitFor(1);
    expect(received).toHaveLength(1);
    const texts = [received[0].data, decoded(received[0].data), ...outboxRows().flatMap((r) => [r.subject, r.body, r.recipients])];
    for (const canary of CANARIES) for (const text of texts) expect(text).not.toContain(canary);
    expect(texts.join('\n')).not.toContain('Saussines');
  });

  test('an organisation that unsubscribed, or never subscribed, gets nothing', async () => {
    expect.hasAssertions();
    expect(sendNightlySummaries(t.db)).toBe(0);
    subscribeSummary(t.db, accounts.partner.actor, 'brigade@gendarmerie.test');
    subscribeSummary(t.db, accounts.partner.actor, null);
    expect(getSummarySubscription(t.db, accounts.partner.actor)?.email).toBeNull();
    expect(sendNightlySummaries(t.db)).toBe(0);
    // Mail goes out only from the outbox: nothing queued, nothing can arrive.
    expect(outboxRows()).toHaveLength(0);
    expect(received).toHaveLength(0);
    const actions = (t.db.$client.prepare("SELECT action FROM audit_entries WHERE entity = 'organisation' AND action LIKE 'summary.%' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['summary.subscribe', 'summary.unsubscribe']);
  });

  test('a partner manages only its own organisation; an admin any; other staff none; the email must be valid', () => {
    expect.hasAssertions();
    const other = createAccountWithToken(t.db, { name: 'hospital', role: 'partner', organisation: 'Hôpital de Lunel' });
    expectAppError(() => subscribeSummary(t.db, accounts.partner.actor, 'x@hopital.test', other.organisationId!), 'forbidden');
    expectAppError(() => subscribeSummary(t.db, accounts.duty_officer.actor, 'x@hopital.test', other.organisationId!), 'forbidden');
    expectAppError(() => subscribeSummary(t.db, accounts.housing_officer.actor, 'x@hopital.test', other.organisationId!), 'forbidden');
    expectAppError(() => subscribeSummary(t.db, accounts.partner.actor, 'not an email'), 'validation');
    expectAppError(() => subscribeSummary(t.db, accounts.admin.actor, 'x@hopital.test', 'no-such-organisation'), 'not_found');
    expect(subscribeSummary(t.db, accounts.admin.actor, 'accueil@hopital.test', other.organisationId!).email).toBe('accueil@hopital.test');
    expect(getSummarySubscription(t.db, accounts.admin.actor, other.organisationId!)?.email).toBe('accueil@hopital.test');
  });

  test('without SMTP configured, nothing is queued and the night is not used up', () => {
    expect.hasAssertions();
    subscribeSummary(t.db, accounts.partner.actor, 'brigade@gendarmerie.test');
    delete process.env.SMTP_URL;
    expect(sendNightlySummaries(t.db)).toBe(0);
    expect(outboxRows()).toHaveLength(0);
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    expect(sendNightlySummaries(t.db)).toBe(1);
  });
});
