// The territory's data an admin keeps: the communes' populations, the organisations and their kinds,
// the DV protocol's yearly budget. The pages' form actions parse with them; the rules (a population
// is not negative, a kind is one of the list, a budget is not negative) are the service's.
import { z } from 'zod';
import { INSEE_CODE, ORGANISATION_KINDS } from '#domain/territory.ts';
import { text } from './common.ts';

export const communePopulationInput = z.object({
  insee: z.string().trim().regex(INSEE_CODE, 'expected an INSEE commune code'),
  population: z.number().int().meta({ description: 'The legal population (population municipale), 0 or more' }),
  year: z.number().int().meta({ description: 'The census year of that population' }),
  source: z.string().trim().max(300).optional()
});

const organisationKind = z
  .string()
  .trim()
  .max(40)
  .meta({ description: `The kind of organisation: ${ORGANISATION_KINDS.join(', ')}` });

export const organisationInput = z.object({ name: text(200), kind: organisationKind });
export const organisationKindInput = z.object({ organisationId: z.string().trim().min(1).max(100), kind: organisationKind });

/** A year's budget as the admin types it, in euros (stored in cents). */
export const protocolBudgetInput = z.object({ year: z.number().int(), budget: z.number().max(1e12) });
