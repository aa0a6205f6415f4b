// The kinds of object the audit log records actions on: one list, which types every audit write of
// the services and gives the journal its filter (the French and English names are in the pages'
// dictionaries). A new kind is added here first, or the services do not compile.

/** Every `entity` an audit entry may name, grouped as the journal's filter shows them. */
export const AUDIT_ENTITIES = [
  // Emergency housing and the referral desk
  'stay',
  'household',
  'referral',
  'unmet_demand',
  'block',
  'unit',
  'site',
  'stay_limit',
  'commune',
  'protocol_budget',
  // The housing mission
  'landlord',
  'offer',
  'applicant',
  'proposal',
  // The social residence
  'residence_application',
  'residence_committee',
  'residence_contract',
  // Administration
  'account',
  'role',
  'token',
  'organisation',
  'retention',
  'legal_settings'
] as const;

export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export function isAuditEntity(value: string): value is AuditEntity {
  return (AUDIT_ENTITIES as readonly string[]).includes(value);
}

/**
 * Detail keys the journal never shows, whatever an entry holds: names, contacts and addresses are
 * not for the log (its entries keep ids and codes), and a mistaken write must not put them on screen.
 */
export const AUDIT_DETAIL_NEVER_SHOWN = ['label', 'name', 'email', 'phone', 'contact', 'address', 'notes'] as const;
