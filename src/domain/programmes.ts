// Programmes, kinds of site, roles and who may act under which programme (API.md, "Roles").

export const PROGRAMMES = ['emergency', 'dv_protocol', 'social_residence', 'housing_mission'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const SITE_KINDS = ['apartment', 'hotel', 'residence', 'private'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const ROLES = ['admin', 'duty_officer', 'housing_officer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['admin', 'duty_officer', 'housing_officer'];

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
    case 'partner':
      return [];
  }
}

export function canHandleProgramme(role: Role, programme: Programme): boolean {
  return programmesOf(role).includes(programme);
}

/** Confidential addresses go to admins and duty officers only. */
export function canSeeConfidentialAddress(role: Role): boolean {
  return role === 'admin' || role === 'duty_officer';
}

/** Confidential household names are shown only to these roles, and only when revealed. */
export function canRevealName(role: Role): boolean {
  return role === 'admin' || role === 'duty_officer';
}
