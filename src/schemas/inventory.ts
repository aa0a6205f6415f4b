// Sites, units and blocks.
// The API validates, serialises and documents with them; the pages' form actions parse with the same ones.
import { z } from 'zod';
import { MAX_PERSONS } from '#domain/input-limits.ts';
import { SITE_KINDS, type SiteKind } from '#domain/programmes.ts';
import { UNIT_RESERVATIONS } from '#domain/residence-codes.ts';
import { isoDate, programme, reason, siteKind, text } from './common.ts';

export const siteInput = z.object({
  name: text(200),
  commune: text(100),
  confidential: z.boolean(),
  address: text(500),
  kind: siteKind.optional()
}).meta({ examples: [{ name: 'Hôtel du Vidourle', commune: 'Lunel', confidential: false, address: '1 avenue Exemple, 34400 Lunel', kind: 'hotel' }] });
export const site = z.object({ id: z.string(), name: z.string(), commune: z.string(), confidential: z.boolean(), address: z.string(), kind: siteKind }).meta({ id: 'Site' });

export const unitInput = z.object({
  siteId: z.string().min(1).max(100),
  name: text(200),
  capacity: z.number().int().min(1).max(MAX_PERSONS),
  programmes: z.array(programme).min(1),
  accessible: z.boolean().optional(),
  typology: z.string().trim().max(20).optional(),
  nightlyCost: z.number().min(0).max(10_000).optional().meta({ description: 'Euros per night, where a night is paid' }),
  reservedFor: z.enum(UNIT_RESERVATIONS).nullable().optional().meta({ description: 'A social residence unit reserved for a public (young workers): ranked first on its waiting list' }),
  alt: z.boolean().optional().meta({ description: 'Funded by the ALT grant (aide au logement temporaire), from the night the unit enters service on' })
});
export const unit = z
  .object({
    id: z.string(),
    siteId: z.string(),
    name: z.string(),
    capacity: z.number().int(),
    programmes: z.array(z.string()),
    accessible: z.boolean(),
    typology: z.string().nullable(),
    nightlyCost: z.number().nullable(),
    reservedFor: z.string().nullable().optional(),
    alt: z.boolean().optional().meta({ description: 'Staff only: funded by the ALT grant' })
  })
  .meta({ id: 'Unit' });
export const unitList = z
  .object({
    units: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        capacity: z.number().int(),
        programmes: z.array(z.string()),
        accessible: z.boolean(),
        typology: z.string().nullable().optional(),
        nightlyCost: z.number().nullable().optional(),
        reservedFor: z.string().nullable().optional(),
        alt: z.boolean().optional().meta({ description: 'Staff only: funded by the ALT grant' }),
        site: z.object({
          id: z.string(),
          name: z.string(),
          commune: z.string(),
          confidential: z.boolean(),
          kind: z.string(),
          address: z.string().optional().meta({ description: 'Absent for a confidential site unless the caller is an admin or a duty officer' })
        })
      })
    )
  })
  .meta({ id: 'UnitList' });

export const blockInput = z.object({ unitId: z.string().min(1).max(100), start: isoDate, end: isoDate, reason }).meta({ examples: [{ unitId: '3f1c0d2e-…', start: '2026-12-07', end: '2026-12-09', reason: 'dégât des eaux' }] });
export const block = z.object({ id: z.string(), unitId: z.string(), start: isoDate, end: isoDate, reason: z.string() }).meta({ id: 'Block' });

/** An admin takes a unit out of service, or puts it back. */
export const unitServiceInput = z.object({ unitId: z.string().trim().min(1).max(100), active: z.boolean() });
/** An admin puts a unit under the ALT grant, or takes it out, from tonight on (the API's PATCH body; the page adds unitId). */
export const unitAltInput = z.object({ alt: z.boolean().meta({ description: 'Funded by the ALT grant from tonight on; past months keep what they were' }) });
export const unitAltForm = unitAltInput.extend({ unitId: z.string().trim().min(1).max(100) });
export const unitAlt = z.object({ id: z.string(), alt: z.boolean() }).meta({ id: 'UnitAlt' });
/** The public a social residence unit is reserved for; null (or left out): none. */
export const unitReservationInput = z.object({ unitId: z.string().trim().min(1).max(100), reservedFor: z.enum(UNIT_RESERVATIONS).nullable().optional() });
/** A block lifted (from the administration or the planning). */
export const blockRef = z.object({ blockId: z.string().trim().min(1).max(100) });

// A programme's stay limits, one per kind of site (a kind left out keeps having none); the
// range a limit may take (1 to the longest stay) is the service's rule.
const nightsPerKind = Object.fromEntries(SITE_KINDS.map((k) => [k, z.number().int().optional()])) as Record<SiteKind, z.ZodOptional<z.ZodNumber>>;
export const stayLimitsInput = z.object({ programme, maxNights: z.object(nightsPerKind) });
