// Specification of stay limits (docs/domain.md, "Stay limits").
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { DEFAULT_STAY_LIMITS, enforceLimit, isWithinLimit } from '../../src/domain/limits.ts';
import { PROGRAMMES, SITE_KINDS } from '../../src/domain/programmes.ts';

function expectLimitExceeded(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('limit_exceeded');
  expect((caught as AppError).status).toBe(422);
}

describe('enforceLimit', () => {
  it.each([
    { rule: 'a stay of exactly the limit passes for a non-admin', nights: 3, maxNights: 3, isAdmin: false },
    { rule: 'a stay of exactly the limit passes for an admin without a reason', nights: 3, maxNights: 3, isAdmin: true },
    { rule: 'a stay under the limit passes', nights: 2, maxNights: 3, isAdmin: false },
    { rule: 'a stay of exactly 1,096 nights passes a 1,096-night limit', nights: 1096, maxNights: 1096, isAdmin: false },
    { rule: 'a stay of exactly 92 nights passes a 92-night limit', nights: 92, maxNights: 92, isAdmin: false },
    { rule: 'no recorded limit lets any length pass', nights: 5000, maxNights: null, isAdmin: false }
  ])('$rule, with no override recorded', ({ nights, maxNights, isAdmin }) => {
    expect.hasAssertions();
    expect(enforceLimit({ nights, maxNights, isAdmin })).toBeNull();
    expect(isWithinLimit(nights, maxNights)).toBe(true);
  });

  it('a stay within the limit ignores an override reason: nothing is overridden', () => {
    expect.hasAssertions();
    expect(enforceLimit({ nights: 3, maxNights: 3, isAdmin: true, overrideReason: 'family of six' })).toBeNull();
  });

  it.each([
    { rule: 'one night over the limit is refused to a non-admin', isAdmin: false, overrideReason: undefined },
    { rule: 'one night over the limit is refused to a non-admin even with a reason', isAdmin: false, overrideReason: 'no other place tonight' },
    { rule: 'one night over the limit is refused to an admin without a reason', isAdmin: true, overrideReason: undefined },
    { rule: 'one night over the limit is refused to an admin with a null reason', isAdmin: true, overrideReason: null },
    { rule: 'one night over the limit is refused to an admin with an empty reason', isAdmin: true, overrideReason: '' },
    { rule: 'one night over the limit is refused to an admin with a blank reason', isAdmin: true, overrideReason: '   ' },
    { rule: 'one night over the limit is refused to an admin with a reason of only tabs and newlines', isAdmin: true, overrideReason: '\t\n ' }
  ])('$rule', ({ isAdmin, overrideReason }) => {
    expect.hasAssertions();
    expect(isWithinLimit(4, 3)).toBe(false);
    expectLimitExceeded(() => enforceLimit({ nights: 4, maxNights: 3, isAdmin, overrideReason }));
  });

  it.each([
    { rule: 'an admin with a reason goes one night past the limit and gets the reason back', reason: 'court date on the 4th', expected: 'court date on the 4th' },
    { rule: 'an admin with a padded reason gets the reason back trimmed', reason: '  court date on the 4th \n', expected: 'court date on the 4th' }
  ])('$rule', ({ reason, expected }) => {
    expect.hasAssertions();
    expect(enforceLimit({ nights: 4, maxNights: 3, isAdmin: true, overrideReason: reason })).toBe(expected);
  });

  it('an admin with a reason goes far past the limit too', () => {
    expect.hasAssertions();
    expect(enforceLimit({ nights: 200, maxNights: 92, isAdmin: true, overrideReason: 'renewal pending' })).toBe('renewal pending');
  });
});

describe('DEFAULT_STAY_LIMITS', () => {
  const EXPECTED: Record<string, Record<string, number>> = {
    emergency: { hotel: 3, apartment: 92, residence: 92, private: 92 },
    dv_protocol: { hotel: 3, apartment: 92, residence: 92, private: 92 },
    social_residence: { hotel: 1096, apartment: 1096, residence: 1096, private: 1096 },
    housing_mission: { hotel: 1096, apartment: 1096, residence: 1096, private: 1096 }
  };
  const ROWS = PROGRAMMES.flatMap((programme) =>
    SITE_KINDS.map((siteKind) => ({ programme, siteKind, maxNights: EXPECTED[programme][siteKind] }))
  );

  it.each(ROWS)('$programme on a $siteKind site is limited to $maxNights nights by default', ({ programme, siteKind, maxNights }) => {
    expect.hasAssertions();
    const rows = DEFAULT_STAY_LIMITS.filter((l) => l.programme === programme && l.siteKind === siteKind);
    expect(rows).toHaveLength(1);
    expect(rows[0].maxNights).toBe(maxNights);
  });

  it('the defaults hold one row for each programme and kind of site, and nothing else', () => {
    expect.hasAssertions();
    expect(DEFAULT_STAY_LIMITS).toHaveLength(PROGRAMMES.length * SITE_KINDS.length);
    expect(DEFAULT_STAY_LIMITS).toHaveLength(16);
  });
});
