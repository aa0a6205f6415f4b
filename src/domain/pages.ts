// Which role may open which page (docs/api.md, "Pages"), and where each role lands after sign-in.
import { RESIDENCE_READERS, ROLES, STAFF_ROLES, type Role } from './programmes.ts';

const STAFF: readonly Role[] = STAFF_ROLES;
const EVERYONE: readonly Role[] = ROLES;

/** Page prefixes and the roles that may open them (and post their forms); the first match wins. */
const RULES: readonly { prefix: string; roles: readonly Role[] }[] = [
  { prefix: '/admin', roles: ['admin'] },
  { prefix: '/planning', roles: STAFF },
  { prefix: '/placer', roles: STAFF },
  { prefix: '/sejours', roles: STAFF },
  { prefix: '/menages', roles: STAFF },
  { prefix: '/orientations', roles: EVERYONE },
  { prefix: '/disponibilites', roles: EVERYONE },
  { prefix: '/mission', roles: ['admin', 'housing_officer'] },
  // Partners file and follow their organisation's applications; the rest of the residence is staff's.
  { prefix: '/residence/demandes', roles: EVERYONE },
  { prefix: '/residence', roles: RESIDENCE_READERS },
  // The year's public figures (small numbers withheld) are for everyone signed in, partners included.
  { prefix: '/rapports/public', roles: EVERYONE },
  // The staff reports (the figures, their CSV, the printable report) are staff's.
  { prefix: '/rapports', roles: STAFF },
  { prefix: '/compte', roles: EVERYONE },
  { prefix: '/', roles: ['admin', 'duty_officer'] }
];

/**
 * Paths anyone may open, signed in or not: signing in and out, the language, and the pages the law
 * asks for (the accessibility statement, the legal notice, the privacy notice).
 */
export const LEGAL_PAGES = ['/accessibilite', '/mentions-legales', '/confidentialite'] as const;
const PUBLIC = ['/connexion', '/deconnexion', '/langue', ...LEGAL_PAGES];

/** One's own account: the only page (with the public ones) of an account that must change its password or enrol a second factor. */
export const ACCOUNT_PAGE = '/compte';

export function isPublicPath(path: string): boolean {
  return PUBLIC.some((p) => path === p || path.startsWith(`${p}/`));
}

function matches(path: string, prefix: string): boolean {
  return prefix === '/' ? path === '/' : path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * True when `role` may open the page at `path` (and post its forms). `path` is the route the
 * router chose (its id, such as `/sejours/[id]`), never the path as the caller spelt it: `/%70lacer`
 * is `/placer`. Paths that reach no route are left to the router (404).
 */
export function canOpenPage(role: Role, path: string): boolean {
  const rule = RULES.find((r) => matches(path, r.prefix));
  return rule ? rule.roles.includes(role) : true;
}

/** Where a role lands after sign-in, and when it opens a page it may not. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'admin':
    case 'duty_officer':
      return '/';
    case 'housing_officer':
      // The housing officer's work is the mission (landlords, offers, proposals), not tonight's planning.
      return '/mission';
    case 'residence_officer':
      // The residence's staff work at the residence: its residents, reminders and planning.
      return '/residence';
    case 'partner':
      return '/disponibilites';
  }
}
