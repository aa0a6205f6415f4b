// Confidential households: what makes a household confidential, and who may do what about it.
// Some households hide from a violent partner: once one has been sheltered under the domestic-violence
// protocol or on a confidential site, her name must never be shown, listed or searched again.
import type { Programme, Role } from './programmes.ts';

/** Why a stay makes its household confidential. */
export type ConfidentialityCause = 'dv_protocol' | 'confidential_site';

/**
 * The reason a stay under `programme` on a site (confidential or not) makes its household
 * confidential for good, whatever the stay's status; null when it does not.
 */
export function confidentialityCause(programme: Programme | string, siteConfidential: boolean): ConfidentialityCause | null {
  if (programme === 'dv_protocol') return 'dv_protocol';
  if (siteConfidential) return 'confidential_site';
  return null;
}

/** Only an admin may lift a household's confidentiality, with a reason. */
export function canLiftConfidentiality(role: Role): boolean {
  return role === 'admin';
}

/** Admins and duty officers may find a confidential household by its exact full name, with a reason. */
export function canFindByExactName(role: Role): boolean {
  return role === 'admin' || role === 'duty_officer';
}

/** The housing mission's staff may reveal the name of their own applicants, with a reason. */
export function canRevealApplicantName(role: Role): boolean {
  return role === 'admin' || role === 'housing_officer';
}

/** The social residence's staff may reveal the name of their own applicants and residents, with a reason. */
export function canRevealResidentName(role: Role): boolean {
  return role === 'admin' || role === 'residence_officer';
}

/** Only an admin answers an access request (the export of everything held about a household). */
export function canExportHousehold(role: Role): boolean {
  return role === 'admin';
}
