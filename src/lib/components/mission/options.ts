// The choices of the offer form, in the domain's words (the dictionary says them in French and
// English). Browser-safe: the page draws its selects from these lists.
export { ENERGY_RATINGS as RATINGS, LOC_AVANTAGES_LEVELS as LEVELS, SCHEMES } from '#domain/matching.ts';
export { OFFER_STATUSES } from '#domain/proposal-lifecycle.ts';

export const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
