// The public report's and the declarations' shapes for the API: a withheld figure is null with
// suppressed true (the small-number rule, src/domain/report-suppression.ts).
import { z } from 'zod';
import { PUBLIC_ROWS } from '#domain/report-suppression.ts';

export const publicFigure = z
  .object({ value: z.number().nullable(), suppressed: z.boolean() })
  .meta({ id: 'PublicFigure', description: 'A figure as published: null with suppressed true when it is a DV figure of 1 or 2, or would give one back' });

const figures = {
  householdNights: publicFigure,
  personNights: publicFigure,
  staysStarted: publicFigure,
  staysEnded: publicFigure,
  households: publicFigure,
  persons: publicFigure
};

export const publicReport = z
  .object({
    year: z.number().int(),
    from: z.string(),
    to: z.string(),
    rows: z.array(z.object({ programme: z.enum(PUBLIC_ROWS), ...figures })),
    total: z.object(figures)
  })
  .meta({
    id: 'PublicReport',
    description:
      "The year's totals by programme. The dv_protocol row counts the protocol's stays and every stay on a confidential site; the other rows their programme's stays elsewhere. No site and no commune is broken down."
  });

/** A year as the caller wrote it; the service checks it (422 when it is not a year of records). */
export const yearQuery = z.object({ year: z.string().regex(/^\d{4}$/, 'expected a year written YYYY').meta({ description: 'YYYY', example: '2026' }) });
export const monthQuery = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month written YYYY-MM').meta({ description: 'YYYY-MM', example: '2026-11' }) });

export const protocolYearReport = z
  .object({
    year: z.number().int(),
    hotelNights: publicFigure,
    apartmentNights: publicFigure,
    nights: publicFigure,
    households: publicFigure,
    hotelCostCents: publicFigure,
    budgetCents: z.number().int(),
    remainingCents: publicFigure,
    budgetShareUsed: publicFigure
  })
  .meta({ id: 'ProtocolYearReport', description: "The DV protocol's year for its partners, numbers only, small numbers withheld" });

export const csvText = z.string().meta({ description: 'CSV: UTF-8 with a byte order mark, ";" separators, CRLF lines (columns in docs/reports.md)' });
