// The one place that reads the real time. Tests set it; rules take its values as inputs.
import { operationalNight, parisDate, type IsoDate } from '#domain/dates.ts';
import { settings } from './config.ts';

let fixed: number | null = null;

/** Now, in epoch milliseconds. */
export function nowMs(): number {
  return fixed ?? Date.now();
}

/** Fixes the clock (tests); null gives the real time back. */
export function setClock(epochMs: number | null): void {
  fixed = epochMs;
}

/** The operational night now (NIGHT_ROLLOVER_HOUR, Europe/Paris). */
export function tonight(): IsoDate {
  return operationalNight(new Date(nowMs()), settings.nightRolloverHour());
}

/** The calendar date of Europe/Paris now. */
export function today(): IsoDate {
  return parisDate(new Date(nowMs()));
}
