// Programmes, kinds of site, roles and who may act under which programme (docs/api.md, "Roles").

export const PROGRAMMES = ['emergency', 'dv_protocol', 'social_residence', 'housing_mission'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const SITE_KINDS = ['apartment', 'hotel', 'residence', 'private'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const ROLES = ['admin', 'duty_officer', 'housing_officer', 'residence_officer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

// Who may do what, as lists of roles: the services guard each use case with one of them
// (`requireRole` in src/services/actor.ts).
/** The administration: accounts, tokens, sites and units, limits, the audit log. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];
/** The CIAS's own staff: stays, households, the planning. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'duty_officer', 'housing_officer', 'residence_officer'];
/** Who may put a unit out of service over some nights (a block), and lift it. */
export const BLOCKING_ROLES: readonly Role[] = ['admin', 'duty_officer'];
/** Tonight's board is for the staff who place at night. */
export const TONIGHT_ROLES: readonly Role[] = ['admin', 'duty_officer'];
/** Who may manage an organisation's nightly summary subscription: a partner for its own, an admin for any. */
export const SUMMARY_ROLES: readonly Role[] = ['partner', 'admin'];
/** The housing mission's staff: landlords, offers, applicants, proposals. */
export const MISSION_ROLES: readonly Role[] = ['housing_officer', 'admin'];
/** The social residence's staff: applications, committees, contracts, statements, payments, departures. */
export const RESIDENCE_ROLES: readonly Role[] = ['residence_officer', 'admin'];
/** Who may read the residence (its residents, applications, committees, contracts) without changing it. */
export const RESIDENCE_READERS: readonly Role[] = ['residence_officer', 'admin', 'housing_officer', 'duty_officer'];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** The programmes whose stays and allocations a role may handle. */
export function programmesOf(role: Role): readonly Programme[] {
  switch (role) {
    case 'admin':
    case 'duty_officer':
      return PROGRAMMES;
    case 'housing_officer':
      return ['social_residence', 'housing_mission'];
    case 'residence_officer':
      return ['social_residence'];
    case 'partner':
      return [];
  }
}

export function canHandleProgramme(role: Role, programme: Programme): boolean {
  return programmesOf(role).includes(programme);
}

/** The roles that handle a programme's stays (none for an unknown programme). */
export function rolesHandling(programme: string): readonly Role[] {
  return ROLES.filter((role) => canHandleProgramme(role, programme as Programme));
}

/** Whether a role handles every programme (admins, duty officers): nothing is hidden from it by programme. */
export function handlesEveryProgramme(role: Role): boolean {
  return PROGRAMMES.every((p) => canHandleProgramme(role, p));
}

/**
 * Whether a role may see a household, given the programmes it is known under (those of its stays,
 * and housing_mission when it is a mission applicant): at least one must be the role's. A role that
 * handles every programme sees every household. Anything else is "not found" for that role.
 */
export function canSeeHousehold(role: Role, knownUnder: readonly string[]): boolean {
  return handlesEveryProgramme(role) || knownUnder.some((p) => canHandleProgramme(role, p as Programme));
}

/** Confidential addresses go to admins and duty officers only. */
export function canSeeConfidentialAddress(role: Role): boolean {
  return role === 'admin' || role === 'duty_officer';
}

/** Confidential household names are shown only to these roles, and only when revealed. */
export function canRevealName(role: Role): boolean {
  return role === 'admin' || role === 'duty_officer';
}
