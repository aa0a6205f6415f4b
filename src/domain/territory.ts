// The territory the CIAS serves and where demand comes from: the communes of the Pays de Lunel
// (by INSEE code), where a household, a referral or an application comes from, and the kinds of
// organisation that send referrals. Reports count demand and placements per commune of origin
// and per 1,000 inhabitants, and referrals by the kind of organisation that sent them.

/** Kinds of referring organisation, the sources a report counts referrals by. */
export const ORGANISATION_KINDS = ['siao_115', 'police', 'hospital', 'mission_locale', 'ccas', 'association', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The origin of someone who does not come from a commune of the territory. Unknown is null. */
export const ORIGIN_OUTSIDE = 'outside';

/**
 * The 14 communes of the Pays de Lunel with their legal population (population municipale) as the
 * first migration of the reports loads them; an admin edits populations afterwards (a new census
 * year each January). Source: INSEE, populations légales 2022, in force from 1 January 2025.
 */
export const TERRITORY_COMMUNES: readonly { insee: string; name: string; population: number }[] = [
  { insee: '34033', name: 'Boisseron', population: 2178 },
  { insee: '34048', name: 'Campagne', population: 311 },
  { insee: '34246', name: 'Entre-Vignes', population: 2186 },
  { insee: '34110', name: 'Galargues', population: 755 },
  { insee: '34112', name: 'Garrigues', population: 232 },
  { insee: '34145', name: 'Lunel', population: 26380 },
  { insee: '34146', name: 'Lunel-Viel', population: 4497 },
  { insee: '34151', name: 'Marsillargues', population: 6787 },
  { insee: '34272', name: 'Saint-Just', population: 3290 },
  { insee: '34280', name: 'Saint-Nazaire-de-Pézan', population: 620 },
  { insee: '34288', name: 'Saint-Sériès', population: 972 },
  { insee: '34294', name: 'Saturargues', population: 1021 },
  { insee: '34296', name: 'Saussines', population: 992 },
  { insee: '34340', name: 'Villetelle', population: 1698 }
];
export const TERRITORY_POPULATION_YEAR = 2022;
export const TERRITORY_POPULATION_SOURCE = 'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale';

/** An INSEE commune code: five characters, digits (2A/2B for Corsica). */
export const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

/** Kinds of dated period of a unit: open (in service) and funded by the ALT grant. */
export const UNIT_PERIOD_KINDS = ['active', 'alt'] as const;
export type UnitPeriodKind = (typeof UNIT_PERIOD_KINDS)[number];
