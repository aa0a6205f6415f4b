// The choices of the offer form, in the service's words (the dictionary says them in French and
// English). Browser-safe: the page draws its selects from these lists.
import type { EnergyRating, LocAvantagesLevel, Scheme } from '#domain/matching.ts';

export const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
export const SCHEMES: readonly Scheme[] = ['none', 'intermediation_lease', 'intermediation_sublease', 'solibail', 'loc_avantages'];
export const LEVELS: readonly LocAvantagesLevel[] = ['loc1', 'loc2', 'loc3'];
export const RATINGS: readonly EnergyRating[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
export const OFFER_STATUSES = ['draft', 'open', 'let', 'withdrawn'] as const;
