// Night counting and date steps for pages, browser-safe: the domain's calendar arithmetic (day
// numbers, not clocks, so a night is a night across daylight saving), re-exported under the names
// pages use. Luxon is never reached from here: only the arithmetic functions are imported.
import { addDays, countNights, dayNumber } from '#domain/dates.ts';

/** The number of nights of [start, end): 1 for a departure the day after the arrival. */
export function nightsBetween(start: string, end: string): number {
	return countNights(start, end);
}

/** The calendar date n days after iso (n may be negative). */
export function shiftDate(iso: string, n: number): string {
	return addDays(iso, n);
}

/** The day number of a calendar date (days since 1970-01-01), for laying nights out in columns. */
export function dayIndex(iso: string): number {
	return dayNumber(iso);
}

/** True for Saturday and Sunday nights. */
export function isWeekend(iso: string): boolean {
	// 1970-01-01 was a Thursday (day 4 of a week starting on Sunday = 0).
	const weekday = (((dayNumber(iso) + 4) % 7) + 7) % 7;
	return weekday === 0 || weekday === 6;
}
