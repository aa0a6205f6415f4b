// The reasons the system itself writes on blocks (a person writes the others). Each is stored in
// French, the service's language, in one language only; pages word it in the reader's language.

export const SYSTEM_BLOCK_REASONS = ['outside_offer_period'] as const;
export type SystemBlockReason = (typeof SYSTEM_BLOCK_REASONS)[number];

/** The stored reason of the blocks that close a period offer's unit outside the offer's period. */
export const OUTSIDE_OFFER_PERIOD_REASON = 'Hors de la période de l’offre';

/** What such blocks were written with before: both languages in one reason. Still recognised. */
const STORED: Readonly<Record<string, SystemBlockReason>> = {
  [OUTSIDE_OFFER_PERIOD_REASON]: 'outside_offer_period',
  "Hors de la période de l'offre": 'outside_offer_period',
  "Hors de la période de l'offre / outside the offer's period": 'outside_offer_period'
};

/** The system reason a stored block reason stands for, or null for a reason a person wrote. */
export function systemBlockReason(reason: string): SystemBlockReason | null {
  return STORED[reason.trim()] ?? null;
}
