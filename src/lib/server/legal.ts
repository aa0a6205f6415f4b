// What the three public pages the law asks for read: the settings an admin filled in, and the facts
// the privacy notice states, taken from the code and the settings that hold them (never retyped).
import { RETENTION_YEARS } from '#domain/retention.ts';
import { THROTTLE_MEMORY_MS } from '#domain/throttle.ts';
import { settings } from '#services/config.ts';
import { readLegalNotice, type LegalNotice } from '#services/legal.ts';
import type { Durations } from '$lib/i18n/messages/legal';

export function legalPage(db: App.Locals['db']): { notice: LegalNotice } {
	return { notice: readLegalNotice(db) };
}

/** The privacy notice's durations: retention, the session's limits, how long a failed sign-in is remembered. */
export function privacyDurations(): Durations {
	return {
		retentionYears: RETENTION_YEARS,
		sessionIdleMinutes: settings.sessionIdleMinutes(),
		sessionAbsoluteHours: settings.sessionAbsoluteHours(),
		failedSignInMinutes: Math.ceil(THROTTLE_MEMORY_MS / 60_000)
	};
}
