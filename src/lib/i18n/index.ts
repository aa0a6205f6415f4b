// Typed dictionaries, French first with English. Each page has its own messages module under
// messages/, exporting `fr` and an `en` of the same type, so a missing English string fails the
// type check (`npm run check`). A list keyed by a domain enum is checked against it
// (`satisfies Record<StayStatus, string>`), never cast to `Record<string, string>`, which would
// switch that check off. Add a page's module to PAGES below.
import * as common from './messages/common.ts';
import * as place from './messages/place.ts';
import * as stay from './messages/stay.ts';
import * as households from './messages/households.ts';
import * as admin from './messages/admin.ts';
import * as planning from './messages/planning.ts';
import * as tonight from './messages/tonight.ts';
import * as signin from './messages/signin.ts';
import * as availabilityPage from './messages/availability-page.ts';
import * as referrals from './messages/referrals.ts';
import * as mission from './messages/mission.ts';
import * as missionPeople from './messages/mission-people.ts';
import * as account from './messages/account.ts';
import * as knownHousehold from './messages/known-household.ts';
import * as residence from './messages/residence.ts';
import * as residencePages from './messages/residence-pages.ts';
import * as pathway from './messages/pathway.ts';
import * as residenceApplications from './messages/residence-applications.ts';
import * as reports from './messages/reports.ts';
import * as publicReport from './messages/public-report.ts';
import * as legal from './messages/legal.ts';
import * as timeLimits from './messages/time-limits.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const PAGES = { common, tonight, signin, availabilityPage, planning, households, admin, place, stay, referrals, mission, missionPeople, account, knownHousehold, residence, residencePages, residenceApplications, pathway, publicReport, reports, legal, timeLimits };

type Pages = typeof PAGES;
export type Messages = { [K in keyof Pages]: Pages[K]['fr'] };

const built: Record<Locale, Messages> = {
	fr: Object.fromEntries(Object.entries(PAGES).map(([k, v]) => [k, v.fr])) as Messages,
	en: Object.fromEntries(Object.entries(PAGES).map(([k, v]) => [k, v.en])) as Messages
};

/** The messages of a locale. */
export function messages(locale: Locale): Messages {
	return built[locale] ?? built.fr;
}

export function isLocale(s: unknown): s is Locale {
	return s === 'fr' || s === 'en';
}

/** The locale from the `lang` cookie, else the browser's Accept-Language, else French. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	for (const part of (acceptLanguage ?? '').split(',')) {
		const tag = part.split(';')[0].trim().toLowerCase();
		if (tag.startsWith('fr')) return 'fr';
		if (tag.startsWith('en')) return 'en';
	}
	return 'fr';
}

/**
 * A dictionary's entry for a code a page holds as plain text (a form's error code or field name, an
 * audit action): the entry, or undefined when the code is not one of the dictionary's keys. The
 * dictionaries themselves stay exactly typed, so English must have every French key; a code typed
 * by the domain (a status, a programme…) is looked up directly instead.
 */
export function entry<T extends object>(dict: T, code: string | null | undefined): T[keyof T] | undefined {
	return code != null && Object.hasOwn(dict, code) ? dict[code as keyof T] : undefined;
}
