import { describe, expect, it } from 'vitest';
import { OUTSIDE_OFFER_PERIOD_REASON, systemBlockReason } from '../../src/domain/block-reasons.ts';

describe('the reasons the system writes on blocks', () => {
  it('are stored in one language', () => {
    expect(OUTSIDE_OFFER_PERIOD_REASON).not.toMatch(/outside|\//i);
  });

  it.each([
    { reason: OUTSIDE_OFFER_PERIOD_REASON, want: 'outside_offer_period' },
    { reason: "Hors de la période de l'offre / outside the offer's period", want: 'outside_offer_period' },
    { reason: "Hors de la période de l'offre", want: 'outside_offer_period' },
    { reason: 'Peinture', want: null },
    { reason: 'Hors de la période de l’offre, puis peinture', want: null },
    { reason: '', want: null }
  ])('$reason is $want', ({ reason, want }) => {
    expect(systemBlockReason(reason)).toBe(want);
  });
});
