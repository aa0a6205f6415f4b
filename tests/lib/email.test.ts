// The one email rule (zod's, in src/schemas/common.ts): the same addresses are accepted and refused
// by an account, a referral's referrer, a landlord, the nightly summary and the settings.
import { describe, expect, it } from 'vitest';
import { email, isEmail } from '../../src/schemas/common.ts';
import { landlordInput } from '../../src/schemas/mission.ts';
import { referralInput } from '../../src/schemas/referrals.ts';

const cases = [
  { address: 'agent@demo.lunel.fr', ok: true },
  { address: 'prenom.nom+cias@example.org', ok: true },
  { address: 'brigade@gendarmerie.interieur.gouv.fr', ok: true },
  { address: 'agent', ok: false },
  { address: 'agent@', ok: false },
  { address: '@demo.fr', ok: false },
  { address: 'agent@demo', ok: false },
  { address: 'a b@demo.fr', ok: false },
  { address: 'agent@@demo.fr', ok: false },
  { address: 'agent@demo..fr', ok: false },
  { address: '', ok: false }
];

describe('isEmail and the email schema', () => {
  it.each(cases)('« $address »: $ok', ({ address, ok }) => {
    expect.hasAssertions();
    expect(isEmail(address)).toBe(ok);
    expect(email.safeParse(address).success).toBe(ok);
  });

  it('the schemas that take an address use the same rule', () => {
    expect.hasAssertions();
    for (const { address, ok } of cases.filter((c) => c.address !== '')) {
      expect(landlordInput.safeParse({ name: 'Mme Roux', email: address }).success, address).toBe(ok);
      const referral = referralInput.safeParse({ programme: 'emergency', urgency: 'immediate', requestedStart: '2026-12-07', nights: 1, household: { adults: 1, children: 0 }, referrer: { contact: 'X', phone: '04', email: address } });
      expect(referral.success ? true : !referral.error.issues.some((i) => i.path.join('.') === 'referrer.email'), address).toBe(ok);
    }
  });
});
