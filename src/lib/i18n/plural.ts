// Plurals by each language's own rules (Intl.PluralRules): French puts 0 and 1 in the singular
// (« 0 nuit », « 1 nuit », « 2 nuits »), English only 1 (“0 nights”, “1 night”, “2 nights”).
// The one plural helper of the dictionaries and pages. Browser-safe.
import type { Locale } from './index.ts';

const rules: Record<Locale, Intl.PluralRules> = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };

/** The form for n: `one` where the language says n in the singular, else `other`. */
export function plural(locale: Locale, n: number, one: string, other: string): string {
	return rules[locale].select(n) === 'one' ? one : other;
}

/** n followed by its word in the right form: « 1 nuit », « 2 nuits ». */
export function count(locale: Locale, n: number, one: string, other: string): string {
	return `${n} ${plural(locale, n, one, other)}`;
}
