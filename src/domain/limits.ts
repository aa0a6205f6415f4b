// Stay limits by programme and kind of site. The limits themselves are data (the stay_limits
// table, seeded with these defaults by the migration); this module holds the rule that applies them.
import { AppError } from './errors.ts';
import type { Programme, SiteKind } from './programmes.ts';

export interface StayLimit {
  programme: Programme;
  siteKind: SiteKind;
  maxNights: number;
}

/** The defaults (docs/domain.md, "Stay limits"), written to the database by the first migration. */
export const DEFAULT_STAY_LIMITS: readonly StayLimit[] = [
  ...(['emergency', 'dv_protocol'] as const).flatMap((programme) => [
    { programme, siteKind: 'hotel' as const, maxNights: 3 },
    { programme, siteKind: 'apartment' as const, maxNights: 92 },
    { programme, siteKind: 'residence' as const, maxNights: 92 },
    { programme, siteKind: 'private' as const, maxNights: 92 }
  ]),
  ...(['social_residence', 'housing_mission'] as const).flatMap((programme) =>
    (['apartment', 'hotel', 'residence', 'private'] as const).map((siteKind) => ({ programme, siteKind, maxNights: 1096 }))
  )
];

export interface LimitCheck {
  nights: number;
  maxNights: number | null; // null: no limit recorded for this programme and kind
  overrideReason?: string | null;
  isAdmin: boolean;
}

/** True when a stay of `nights` nights is within the limit (inclusive: exactly the limit is allowed). */
export function isWithinLimit(nights: number, maxNights: number | null): boolean {
  return maxNights === null || nights <= maxNights;
}

/**
 * Throws limit_exceeded past the limit, unless an admin gives a non-empty override reason.
 * Returns the reason that was used, if the limit was overridden.
 */
export function enforceLimit(check: LimitCheck): string | null {
  if (isWithinLimit(check.nights, check.maxNights)) return null;
  const reason = check.overrideReason?.trim();
  if (check.isAdmin && reason) return reason;
  const why = check.isAdmin
    ? 'give overrideReason to go past it'
    : 'only an admin may go past it, with a reason';
  throw new AppError('limit_exceeded', `${check.nights} nights is over this programme's limit of ${check.maxNights} nights on this kind of site; ${why}`);
}
