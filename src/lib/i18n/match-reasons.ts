// The matching's reasons in words. The domain (src/domain/matching.ts) returns a code and its
// parameters; this module words them in French and English, once, for the pages (in the reader's
// language) and for the API (the French sentence of each reason's `text`).
// Both SvelteKit and Fastify load it: relative imports only, no `$lib`.
import type { Reason, ReasonCode } from '../../domain/matching.ts';
import { formatPlainCents } from '../format.ts';
import type { Locale } from './index.ts';
import { count as countIn } from './plural.ts';

type Params = Record<string, string | number>;
type Wording = Record<ReasonCode, (p: Params) => string>;

/** « 3 places », « 1 place »: French counts 0 and 1 in the singular (the one plural helper). */
function count(n: number, one: string, many: string): string {
  return countIn('fr', n, one, many);
}

function frDate(d: string | number): string {
  const s = String(d);
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
}

/** Cents as « 650 € » or « 650,50 € » (no thousands separator: the API's text has always read so). */
function frEuros(cents: string | number): string {
  return formatPlainCents(Number(cents), 'fr');
}

function enDate(d: string | number): string {
  return String(d).slice(0, 10);
}

function enEuros(cents: string | number): string {
  return formatPlainCents(Number(cents), 'en');
}

const fr: Wording = {
  emergency_stay_ending: (p) => {
    const days = Number(p.daysLeft);
    if (days < 0) return `Sa mise à l'abri s'est terminée le ${frDate(p.end!)}.`;
    if (days === 0) return `Sa mise à l'abri se termine aujourd'hui.`;
    return `Sa mise à l'abri se termine le ${frDate(p.end!)}, dans ${count(days, 'jour', 'jours')}.`;
  },
  commune_wanted: (p) => `Souhaite habiter à ${p.commune}.`,
  any_commune: (p) => `Accepte toute commune, dont ${p.commune}.`,
  commune_not_wanted: (p) => `${p.commune} ne fait pas partie des communes souhaitées.`,
  waited: (p) => `Attend depuis ${count(Number(p.days), 'jour', 'jours')} (depuis le ${frDate(p.since!)}).`,
  exact_size: (p) => `Taille adaptée : ${count(Number(p.capacity), 'place', 'places')} pour ${count(Number(p.persons), 'personne', 'personnes')}.`,
  larger_than_needed: (p) =>
    `Logement plus grand que nécessaire : ${count(Number(p.capacity), 'place', 'places')} pour ${count(Number(p.persons), 'personne', 'personnes')}.`,
  move_in: (p) => `Entrée possible le ${frDate(p.date!)}.`,
  capacity_too_small: (p) => `Trop petit : ${count(Number(p.capacity), 'place', 'places')} pour ${count(Number(p.persons), 'personne', 'personnes')}.`,
  not_accessible: () => `Le ménage a besoin d'un logement accessible, celui-ci ne l'est pas.`,
  rent_over_budget: (p) => `Loyer charges comprises (${frEuros(p.totalCents!)}) au-dessus de ce que le ménage peut payer (${frEuros(p.maxCents!)}).`,
  rent_over_cap: (p) => `Loyer (${frEuros(p.rentCents!)}) au-dessus du plafond du dispositif (${frEuros(p.capCents!)}).`,
  income_over_ceiling: (p) =>
    `Revenus annuels (${frEuros(p.incomeCents!)}) au-dessus du plafond de ressources du dispositif (${frEuros(p.ceilingCents!)}).`,
  energy_rating_too_low: (p) => `Étiquette énergie ${p.rating} : Loc'Avantages demande ${p.worst} ou mieux pour une disponibilité au ${frDate(p.date!)}.`,
  dates_not_available: (p) =>
    `Le logement n'est plus disponible à la date d'entrée possible (${frDate(p.moveIn!)}, disponible jusqu'au ${frDate(p.until!)} exclu).`
};

const en: Wording = {
  emergency_stay_ending: (p) => {
    const days = Number(p.daysLeft);
    if (days < 0) return `Their emergency stay ended on ${enDate(p.end!)}.`;
    if (days === 0) return 'Their emergency stay ends today.';
    return `Their emergency stay ends on ${enDate(p.end!)}, in ${count(days, 'day', 'days')}.`;
  },
  commune_wanted: (p) => `Wishes to live in ${p.commune}.`,
  any_commune: (p) => `Accepts any commune, ${p.commune} included.`,
  commune_not_wanted: (p) => `${p.commune} is not among the communes wanted.`,
  waited: (p) => `Waiting for ${count(Number(p.days), 'day', 'days')} (since ${enDate(p.since!)}).`,
  exact_size: (p) => `Right size: ${count(Number(p.capacity), 'place', 'places')} for ${count(Number(p.persons), 'person', 'persons')}.`,
  larger_than_needed: (p) => `Larger than needed: ${count(Number(p.capacity), 'place', 'places')} for ${count(Number(p.persons), 'person', 'persons')}.`,
  move_in: (p) => `Can move in on ${enDate(p.date!)}.`,
  capacity_too_small: (p) => `Too small: ${count(Number(p.capacity), 'place', 'places')} for ${count(Number(p.persons), 'person', 'persons')}.`,
  not_accessible: () => 'The household needs an accessible dwelling; this one is not.',
  rent_over_budget: (p) => `Rent with charges (${enEuros(p.totalCents!)}) above what the household can pay (${enEuros(p.maxCents!)}).`,
  rent_over_cap: (p) => `Rent (${enEuros(p.rentCents!)}) above the scheme's cap (${enEuros(p.capCents!)}).`,
  income_over_ceiling: (p) => `Yearly income (${enEuros(p.incomeCents!)}) above the scheme's income ceiling (${enEuros(p.ceilingCents!)}).`,
  energy_rating_too_low: (p) => `Energy rating ${p.rating}: Loc'Avantages requires ${p.worst} or better for availability on ${enDate(p.date!)}.`,
  dates_not_available: (p) => `No longer available on the possible move-in date (${enDate(p.moveIn!)}; available until ${enDate(p.until!)}, exclusive).`
};

const WORDING: Record<Locale, Wording> = { fr, en };

/** The sentence of a matching reason (a rank's or an exclusion's) in a language; French by default. */
export function reasonSentence(reason: Reason, locale: Locale = 'fr'): string {
  return (WORDING[locale] ?? fr)[reason.code](reason.params as Params);
}
