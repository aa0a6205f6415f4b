// The statuses of a stay and the moves between them (docs/domain.md, "Stays and their moves").
import { AppError } from './errors.ts';
import { addDays, maxDate, type IsoDate } from './dates.ts';

export const STAY_STATUSES = ['hold', 'confirmed', 'in_place', 'ended', 'cancelled', 'no_show', 'lapsed'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];

/** Statuses that occupy nights (a hold only until it lapses). */
export const LIVE_STATUSES: readonly StayStatus[] = ['hold', 'confirmed', 'in_place'];
export const FINAL_STATUSES: readonly StayStatus[] = ['ended', 'cancelled', 'no_show', 'lapsed'];

export const STAY_ACTIONS = ['confirm', 'check-in', 'check-out', 'cancel', 'no-show'] as const;
export type StayAction = (typeof STAY_ACTIONS)[number];

const MOVES: Record<StayAction, { from: readonly StayStatus[]; to: StayStatus }> = {
  confirm: { from: ['hold'], to: 'confirmed' },
  cancel: { from: ['hold', 'confirmed'], to: 'cancelled' },
  'check-in': { from: ['confirmed'], to: 'in_place' },
  'no-show': { from: ['confirmed'], to: 'no_show' },
  'check-out': { from: ['in_place'], to: 'ended' }
};

/** A hold whose expiry has passed is lapsed, whatever the row still says. */
export function effectiveStatus(status: StayStatus, holdExpiresAt: number | null, nowMs: number): StayStatus {
  if (status === 'hold' && holdExpiresAt !== null && holdExpiresAt <= nowMs) return 'lapsed';
  return status;
}

export function isLive(status: StayStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

export interface TransitionInput {
  status: StayStatus; // effective status
  action: StayAction;
  start: IsoDate;
  end: IsoDate;
  /** The operational night (noon rollover). */
  tonight: IsoDate;
  /** The calendar date of Europe/Paris now: the day a household leaves on. */
  today: IsoDate;
}
export interface TransitionResult {
  status: StayStatus;
  /** A new end date, when the move changes it (an early departure). */
  end?: IsoDate;
}

/**
 * The outcome of an action on a stay, or an AppError (invalid_transition) when the table forbids it.
 * A no-show is possible from the stay's first night on. An early check-out moves `end` to the day
 * of departure (the nights before it were used, the nights from it are freed), never before the
 * first night's morning: a stay keeps at least one night.
 */
export function decideTransition(input: TransitionInput): TransitionResult {
  const move = MOVES[input.action];
  if (!move.from.includes(input.status)) {
    throw new AppError('invalid_transition', `a stay that is "${input.status}" cannot take the action "${input.action}"`);
  }
  if (input.action === 'no-show' && input.tonight < input.start) {
    throw new AppError('invalid_transition', `a no-show can be recorded from the stay's first night (${input.start}) on`);
  }
  if (input.action === 'check-out') {
    const departure = maxDate(input.today, addDays(input.start, 1));
    if (departure < input.end) return { status: move.to, end: departure };
  }
  return { status: move.to };
}

/**
 * The stay a new one of the same household directly follows: one that ends on the new stay's first
 * night (its departure day is the arrival day) and is live or took place (`hold`, `confirmed`,
 * `in_place`, `ended`; a cancelled, lapsed or no-show stay leads nowhere). Null when none does.
 */
export function stayDirectlyFollowed(stays: readonly { id: string; end: string; status: StayStatus }[], start: string): string | null {
  return stays.find((s) => s.end === start && (isLive(s.status) || s.status === 'ended'))?.id ?? null;
}
