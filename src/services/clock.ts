// The one place that reads the real time. Tests set it; rules take its values as inputs.
import { operationalNight, parisDate, type IsoDate } from '#domain/dates.ts';
import { settings } from './config.ts';

// The fixed time lives on the process, not in this module: the pages' build carries its own copy of
// this module, and a test that fixes the clock must fix it for the pages and the API alike.
const FIXED = Symbol.for('hebergement.clock');
const slot = globalThis as unknown as Record<symbol, number | null | undefined>;

/** Now, in epoch milliseconds. */
export function nowMs(): number {
  return slot[FIXED] ?? Date.now();
}

/** The fixed time when the clock is fixed (tests, the demo's past steps); null on the real time. */
export function fixedClock(): number | null {
  return slot[FIXED] ?? null;
}

/** Fixes the clock (tests); null gives the real time back. */
export function setClock(epochMs: number | null): void {
  slot[FIXED] = epochMs;
}

let memo = { key: '', night: '' };

/** The operational night now (NIGHT_ROLLOVER_HOUR, Europe/Paris); computed once a minute. */
export function tonight(): IsoDate {
  const now = nowMs();
  const hour = settings.nightRolloverHour();
  // The rollover falls on a whole hour, so the night cannot change within a minute.
  const key = `${Math.floor(now / 60_000)}:${hour}`;
  if (memo.key !== key) memo = { key, night: operationalNight(new Date(now), hour) };
  return memo.night;
}

/** The calendar date of Europe/Paris now. */
export function today(): IsoDate {
  return parisDate(new Date(nowMs()));
}
