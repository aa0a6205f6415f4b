// A partner's referral form remembers the contact person and phone it gave, per account: its next
// form starts from them, a colleague of the same organisation and a duty officer start blank, and
// retention forgets them on the same clock as the referrals' contacts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import { setClock, tonight } from '../../src/services/clock.ts';
import { createReferral, rememberedReferrer } from '../../src/services/referrals.ts';
import { describeRetention, runRetention } from '../../src/services/retention.ts';
import { at, countRows, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

const referral = (contact: string, phone: string) => ({
  programme: 'emergency' as const,
  urgency: 'immediate' as const,
  requestedStart: tonight(),
  nights: 1,
  household: { adults: 1, children: 0 },
  referrer: { contact, phone }
});

/** A second partner account of the same organisation as `w.actors.partner`. */
function colleague(): Actor {
  const org = w.db.$client.prepare('SELECT name FROM organisations WHERE id = ?').get(w.actors.partner.organisationId) as { name: string };
  const { accountId } = createAccountWithToken(w.db, { name: 'Second gendarme', role: 'partner', organisation: org.name });
  return { accountId, role: 'partner', organisationId: w.actors.partner.organisationId };
}

describe('the referrer a partner account remembers', () => {
  it('is the contact and phone of its last referral, and changes when it types others', () => {
    expect.hasAssertions();
    expect(rememberedReferrer(w.db, w.actors.partner)).toBeNull();
    createReferral(w.db, w.actors.partner, referral(' Adjudante Morel ', '04 67 11 22 33'));
    expect(rememberedReferrer(w.db, w.actors.partner)).toEqual({ contact: 'Adjudante Morel', phone: '04 67 11 22 33' });
    createReferral(w.db, w.actors.partner, referral('Adjudante Morel', '06 12 34 56 78'));
    expect(rememberedReferrer(w.db, w.actors.partner)).toEqual({ contact: 'Adjudante Morel', phone: '06 12 34 56 78' });
    expect(countRows(w, 'referrer_contacts')).toBe(1);
  });

  it('is per account: a colleague of the same organisation does not get it, nor does a duty officer', () => {
    expect.hasAssertions();
    const other = colleague();
    createReferral(w.db, w.actors.partner, referral('Adjudante Morel', '04 67 11 22 33'));
    expect(rememberedReferrer(w.db, other)).toBeNull();
    // A duty officer taking a call types a third party: nothing is remembered for, or given to, staff.
    createReferral(w.db, w.actors.duty_officer, referral('Infirmière Garcia', '04 67 99 88 77'));
    expect(rememberedReferrer(w.db, w.actors.duty_officer)).toBeNull();
    expect(rememberedReferrer(w.db, w.actors.admin)).toBeNull();
    expect(countRows(w, 'referrer_contacts')).toBe(1);
  });

  it('is forgotten by retention once it was last given more than two years ago, and kept when more recent', () => {
    expect.hasAssertions();
    const other = colleague();
    setClock(at('2024-01-10T10:00:00+01:00'));
    createReferral(w.db, w.actors.partner, referral('Adjudante Morel', '04 67 11 22 33'));
    setClock(at('2026-06-10T10:00:00+02:00'));
    createReferral(w.db, other, referral('Brigadier Roux', '04 67 55 44 33'));
    setClock(at('2027-03-01T14:00:00+01:00'));
    // A dry run counts the remembered contact it would forget, and forgets nothing.
    const dry = runRetention(w.db, { today: '2027-03-01', dryRun: true });
    expect(dry.counts.referrerContacts).toBe(1);
    expect(countRows(w, 'referrer_contacts')).toBe(2);
    const r = runRetention(w.db, { today: '2027-03-01' });
    // The run counts it, prints it and audits it (the count only).
    expect(r.counts.referrerContacts).toBe(1);
    expect(describeRetention(r)).toContain('remembered referrer contacts: 1');
    const entry = w.db.$client.prepare("SELECT detail FROM audit_entries WHERE action = 'retention.run'").get() as { detail: string };
    expect(JSON.parse(entry.detail)).toMatchObject({ referrerContacts: 1 });
    expect(rememberedReferrer(w.db, w.actors.partner)).toBeNull();
    expect(rememberedReferrer(w.db, other)).toEqual({ contact: 'Brigadier Roux', phone: '04 67 55 44 33' });
  });
});
