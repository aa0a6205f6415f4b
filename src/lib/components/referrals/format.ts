// Small helpers of the referrals pages: how long ago, and the reference read out on the phone.

/** Whole minutes from an ISO timestamp to `now` (epoch ms); never negative. */
export function minutesSince(iso: string, now: number): number {
	return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** Whole minutes between two ISO timestamps. */
export function minutesBetween(from: string, to: string): number {
	return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000));
}

/** The reference a person reads out on the phone: the first 8 characters of the id, upper case. */
export function shortRef(id: string): string {
	return id.slice(0, 8).toUpperCase();
}
