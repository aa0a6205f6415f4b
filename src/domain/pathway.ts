// The steps of a household's pathway across programmes (parcours résidentiel), as the API and the
// page name them, and how the steps of one date follow each other.
import type { ApplicationStatus } from './residence-codes.ts';

export const PATHWAY_KINDS = [
  'referral',
  'stay',
  'residence_application',
  'committee_decision',
  'residence_contract',
  'departure',
  'mission_applicant',
  'proposal',
  'lease_signed'
] as const;
export type PathwayKind = (typeof PATHWAY_KINDS)[number];

/**
 * On one date: a departure comes before the arrival it leads to (a stay ending on the 5th, the
 * next starting on the 5th), a referral before its stay, an application before its decision, the
 * decision before the contract, the contract before the stay it places, a proposal before its lease.
 */
export const PATHWAY_KIND_ORDER: Readonly<Record<PathwayKind, number>> = {
  departure: 0,
  referral: 1,
  residence_application: 2,
  committee_decision: 3,
  residence_contract: 4,
  stay: 5,
  mission_applicant: 6,
  proposal: 7,
  lease_signed: 8
};

/** The application's moves that are a decision on it (a withdrawal or the contract's start is not). */
export const PATHWAY_DECISION_OUTCOMES: readonly ApplicationStatus[] = ['admitted', 'waiting_list', 'refused', 'redirected'];
