// What the law asks the service to publish: the legal notice (who publishes it, who hosts it), the
// privacy notice's contacts, and the accessibility statement's status under RGAA 4.1. The values an
// admin fills in are kept in `legal_settings`, one row per key of LEGAL_SETTING_KEYS; the rules
// that turn them into a status are here.

/** Every value an admin fills in, by its key. A key without a row is « not filled in yet ». */
export const LEGAL_SETTING_KEYS = [
  /** The publisher: the CIAS's name, its postal address, a phone or email. */
  'publisherName',
  'publisherAddress',
  'publisherContact',
  /** The director of publication (directeur de la publication): the CIAS's president, usually. */
  'publicationDirector',
  /** The host (hébergeur): its name, postal address and phone. */
  'hostName',
  'hostAddress',
  'hostContact',
  /** How to reach the data protection officer (délégué à la protection des données). */
  'dpoContact',
  /** Where to report an accessibility problem. */
  'accessibilityContact',
  /** The last RGAA audit, when one exists: its rate of criteria met (0–100), its date, who made it. */
  'auditRate',
  'auditDate',
  'auditBy'
] as const;
export type LegalSettingKey = (typeof LEGAL_SETTING_KEYS)[number];

/** The longest value of a text setting (an address, a contact line). */
export const LEGAL_TEXT_MAX = 300;

/** The three statuses the RGAA allows, from its rate of criteria met. */
export const COMPLIANCE_STATUSES = ['non_compliant', 'partial', 'full'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/**
 * The status the statement and every page's footer give (RGAA 4.1, « obligations »): « totalement
 * conforme » when every criterion is met (100 %), « partiellement conforme » from 50 %, and
 * « non conforme » below 50 % or when no audit has been made (no rate): a tool's scan is not an audit.
 */
export function complianceStatus(auditRate: number | null): ComplianceStatus {
  if (auditRate === null || !Number.isFinite(auditRate)) return 'non_compliant';
  if (auditRate >= 100) return 'full';
  if (auditRate >= 50) return 'partial';
  return 'non_compliant';
}

/** The standard the statement is made against, and the date its text was last reviewed. */
export const RGAA_VERSION = '4.1.2';
export const STATEMENT_DATE = '2026-12-05';

/** Where the automated accessibility checks run (tests/e2e): the browser, and axe-core's version (kept equal to the one installed by a test). */
export const TEST_BROWSER = 'Chromium';
export const AXE_CORE_VERSION = '4.14';
