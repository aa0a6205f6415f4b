// The legal notice's, privacy notice's and accessibility statement's settings as an admin types
// them (/admin/mentions). A blank field is « not filled in »; the rules (a rate of 0 to 100, an
// audit's date not in the future, a rate and a date together) are the service's.
import { z } from 'zod';
import { LEGAL_TEXT_MAX } from '#domain/legal.ts';
import { isoDate } from './common.ts';

const line = z.string().trim().max(LEGAL_TEXT_MAX).optional();

export const legalSettingsInput = z.object({
  publisherName: line,
  publisherAddress: line,
  publisherContact: line,
  publicationDirector: line,
  hostName: line,
  hostAddress: line,
  hostContact: line,
  dpoContact: line,
  accessibilityContact: line,
  auditRate: z.number().optional().meta({ description: 'The last RGAA audit’s rate of criteria met, in percent (0 to 100)' }),
  auditDate: isoDate.optional(),
  auditBy: line
});
export type LegalSettingsInput = z.output<typeof legalSettingsInput>;
