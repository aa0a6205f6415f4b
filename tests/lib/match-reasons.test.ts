// The matching's reasons in words: each code with its params, in French (the API's `text` and the
// French pages) and in English. The domain returns the codes; this table pins the sentences.
import { describe, expect, it } from 'vitest';
import type { Reason } from '../../src/domain/matching.ts';
import { reasonSentence } from '../../src/lib/i18n/match-reasons.ts';

const cases: { reason: Reason; fr: string; en: string }[] = [
  {
    reason: { code: 'emergency_stay_ending', params: { end: '2027-06-15', daysLeft: 14 } },
    fr: "Sa mise à l'abri se termine le 15/06/2027, dans 14 jours.",
    en: 'Their emergency stay ends on 2027-06-15, in 14 days.'
  },
  {
    reason: { code: 'emergency_stay_ending', params: { end: '2027-06-02', daysLeft: 1 } },
    fr: "Sa mise à l'abri se termine le 02/06/2027, dans 1 jour.",
    en: 'Their emergency stay ends on 2027-06-02, in 1 day.'
  },
  { reason: { code: 'emergency_stay_ending', params: { end: '2027-06-01', daysLeft: 0 } }, fr: "Sa mise à l'abri se termine aujourd'hui.", en: 'Their emergency stay ends today.' },
  {
    reason: { code: 'emergency_stay_ending', params: { end: '2027-05-30', daysLeft: -2 } },
    fr: "Sa mise à l'abri s'est terminée le 30/05/2027.",
    en: 'Their emergency stay ended on 2027-05-30.'
  },
  { reason: { code: 'commune_wanted', params: { commune: 'Lunel' } }, fr: 'Souhaite habiter à Lunel.', en: 'Wishes to live in Lunel.' },
  { reason: { code: 'any_commune', params: { commune: 'Lunel' } }, fr: 'Accepte toute commune, dont Lunel.', en: 'Accepts any commune, Lunel included.' },
  { reason: { code: 'commune_not_wanted', params: { commune: 'Lunel' } }, fr: 'Lunel ne fait pas partie des communes souhaitées.', en: 'Lunel is not among the communes wanted.' },
  { reason: { code: 'waited', params: { since: '2027-05-20', days: 12 } }, fr: 'Attend depuis 12 jours (depuis le 20/05/2027).', en: 'Waiting for 12 days (since 2027-05-20).' },
  { reason: { code: 'exact_size', params: { capacity: 4, persons: 4 } }, fr: 'Taille adaptée : 4 places pour 4 personnes.', en: 'Right size: 4 places for 4 persons.' },
  { reason: { code: 'exact_size', params: { capacity: 1, persons: 1 } }, fr: 'Taille adaptée : 1 place pour 1 personne.', en: 'Right size: 1 place for 1 person.' },
  {
    reason: { code: 'larger_than_needed', params: { capacity: 4, persons: 2, spare: 2 } },
    fr: 'Logement plus grand que nécessaire : 4 places pour 2 personnes.',
    en: 'Larger than needed: 4 places for 2 persons.'
  },
  { reason: { code: 'move_in', params: { date: '2027-07-01' } }, fr: 'Entrée possible le 01/07/2027.', en: 'Can move in on 2027-07-01.' },
  { reason: { code: 'capacity_too_small', params: { capacity: 3, persons: 5 } }, fr: 'Trop petit : 3 places pour 5 personnes.', en: 'Too small: 3 places for 5 persons.' },
  {
    reason: { code: 'not_accessible', params: {} },
    fr: "Le ménage a besoin d'un logement accessible, celui-ci ne l'est pas.",
    en: 'The household needs an accessible dwelling; this one is not.'
  },
  {
    reason: { code: 'rent_over_budget', params: { totalCents: 65_000, maxCents: 60_050 } },
    fr: 'Loyer charges comprises (650 €) au-dessus de ce que le ménage peut payer (600,50 €).',
    en: 'Rent with charges (€650) above what the household can pay (€600.50).'
  },
  {
    reason: { code: 'rent_over_cap', params: { rentCents: 52_000, capCents: 50_000 } },
    fr: 'Loyer (520 €) au-dessus du plafond du dispositif (500 €).',
    en: "Rent (€520) above the scheme's cap (€500)."
  },
  {
    reason: { code: 'income_over_ceiling', params: { incomeCents: 2_500_000, ceilingCents: 2_400_000 } },
    fr: 'Revenus annuels (25000 €) au-dessus du plafond de ressources du dispositif (24000 €).',
    en: "Yearly income (€25000) above the scheme's income ceiling (€24000)."
  },
  {
    reason: { code: 'energy_rating_too_low', params: { rating: 'E', worst: 'D', date: '2028-03-01' } },
    fr: "Étiquette énergie E : Loc'Avantages demande D ou mieux pour une disponibilité au 01/03/2028.",
    en: "Energy rating E: Loc'Avantages requires D or better for availability on 2028-03-01."
  },
  {
    reason: { code: 'dates_not_available', params: { moveIn: '2028-01-15', until: '2027-12-31' } },
    fr: "Le logement n'est plus disponible à la date d'entrée possible (15/01/2028, disponible jusqu'au 31/12/2027 exclu).",
    en: 'No longer available on the possible move-in date (2028-01-15; available until 2027-12-31, exclusive).'
  }
];

describe('the matching reasons in words', () => {
  it.each(cases)('$reason.code $reason.params', ({ reason, fr, en }) => {
    expect(reasonSentence(reason, 'fr')).toBe(fr);
    expect(reasonSentence(reason)).toBe(fr);
    expect(reasonSentence(reason, 'en')).toBe(en);
  });
});
