// Households as records for staff: search, open a record, reveal a confidential household's name.
// A household with a stay under the DV protocol or on a confidential site is confidential for good:
// its name is never searched, listed or shown; only a duty officer or an admin may reveal it, with a
// reason, and both the reveal and the opening of its record are written to the audit log. Admins and
// duty officers may find one by its exact full name, with a reason (audited like a reveal); only an
// admin may lift the confidentiality, with a reason.
import { AppError } from '#domain/errors.ts';
import { ADMIN_ROLES, MISSION_ROLES, STAFF_ROLES, canRevealName, type Programme } from '#domain/programmes.ts';
import { effectiveStatus, type StayStatus } from '#domain/stay-lifecycle.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import { findConfidentialByExactName, findHouseholdRecord, isResidenceHousehold, listHouseholdStays, revealLabel, searchHouseholdRows, setHouseholdConfidential, setHouseholdOrigin, type HouseholdRecordRow } from '#db/queries/households.ts';
import { canExportHousehold, canFindByExactName, canLiftConfidentiality, canRevealResidentName } from '#domain/confidentiality.ts';
import { REASON_MAX } from '#domain/input-limits.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { writeTransaction } from './transaction.ts';
import { checkOriginCommune } from './origin.ts';
import { seesHousehold, seesProgramme, visibleProgrammes } from './visibility.ts';

export const SEARCH_LIMIT = 50;
const MAX_QUERY = 100;

export interface HouseholdSummary {
  id: string;
  pseudonym: string;
  /** The real name; null for a confidential household. */
  label: string | null;
  confidential: boolean;
  adults: number;
  children: number;
  latestStay: { id: string; start: string; end: string; status: StayStatus; programme: Programme; unitName: string } | null;
}

/**
 * Households whose pseudonym contains `q`, or whose name does for households that are not
 * confidential (a search by name never tells that a confidential household bears it); the
 * most recent ones when `q` is empty. At most SEARCH_LIMIT, each with its latest stay.
 */
export function searchHouseholds(db: Db, actor: Actor, input: { q?: string | null }): { q: string; households: HouseholdSummary[]; truncated: boolean } {
  requireRole(actor, STAFF_ROLES, 'staff only');
  const q = (input.q ?? '').trim();
  if (q.length > MAX_QUERY) throw new AppError('invalid', `a search is at most ${MAX_QUERY} characters`, { errors: [{ path: 'q', message: 'too_long' }] });
  const now = nowMs();
  // Only the households the caller's role may see (known under one of its programmes).
  const rows = searchHouseholdRows(db, q === '' ? null : q, SEARCH_LIMIT + 1, visibleProgrammes(actor));
  return {
    q,
    truncated: rows.length > SEARCH_LIMIT,
    households: rows.slice(0, SEARCH_LIMIT).map((r) => ({
      id: r.id,
      pseudonym: r.pseudonym,
      label: r.confidential ? null : r.label,
      confidential: r.confidential === 1,
      adults: r.adults,
      children: r.children,
      latestStay:
        r.stayId === null
          ? null
          : {
              id: r.stayId,
              start: r.stayStart!,
              end: r.stayEnd!,
              status: effectiveStatus(r.stayStatus as StayStatus, r.stayHoldExpiresAt, now),
              programme: r.stayProgramme!,
              unitName: r.unitName!
            }
    }))
  };
}

export interface HouseholdRecord {
  id: string;
  pseudonym: string;
  /** The real name; null for a confidential household (reveal it with revealHouseholdName). */
  label: string | null;
  confidential: boolean;
  adults: number;
  children: number;
  needs: string[];
  createdAt: number;
  /** When retention erased its name, notes and contact details (2 years after its last contact); null while kept. */
  erasedAt: number | null;
  /** Whether the reader may reveal the name (a confidential household, a duty officer or an admin). */
  canReveal: boolean;
  /** Whether the reader may lift the confidentiality (a confidential household, an admin). */
  canLift: boolean;
  /** Whether the reader may export everything held about the household (an admin). */
  canExport: boolean;
  /** Whether the reader may merge another record of the same household into this one (an admin). */
  canMerge: boolean;
  /** Whether the reader may register the household with the housing mission (its staff). */
  canRegisterWithMission: boolean;
  stays: { id: string; start: string; end: string; status: StayStatus; programme: Programme; unitName: string; siteName: string; commune: string }[];
  /** Where it comes from: an INSEE code of the territory, 'outside', or null (unknown). */
  originCommune: string | null;
}

function toRecord(db: DbOrTx, actor: Actor, h: HouseholdRecordRow): HouseholdRecord {
  const now = nowMs();
  const confidential = h.confidential === 1;
  let needs: string[] = [];
  try {
    const parsed: unknown = JSON.parse(h.needs);
    if (Array.isArray(parsed)) needs = parsed.filter((n): n is string => typeof n === 'string');
  } catch {
    needs = [];
  }
  return {
    id: h.id,
    pseudonym: h.pseudonym,
    label: confidential ? null : h.label,
    confidential,
    adults: h.adults,
    children: h.children,
    needs,
    originCommune: h.originCommune,
    createdAt: h.createdAt,
    erasedAt: h.pseudonymisedAt,
    // Once pseudonymised there is no name left to reveal.
    canReveal: confidential && h.pseudonymisedAt === null && mayReveal(db, actor, h.id),
    canLift: confidential && canLiftConfidentiality(actor.role),
    canExport: canExportHousehold(actor.role),
    canMerge: ADMIN_ROLES.includes(actor.role),
    canRegisterWithMission: MISSION_ROLES.includes(actor.role),
    // Its stays of programmes the caller's role does not handle are left out.
    stays: listHouseholdStays(db, h.id).filter((s) => seesProgramme(actor, s.programme)).map((s) => ({
      id: s.id,
      start: s.start,
      end: s.end,
      status: effectiveStatus(s.status as StayStatus, s.holdExpiresAt, now),
      programme: s.programme,
      unitName: s.unitName,
      siteName: s.siteName,
      commune: s.commune
    }))
  };
}

/**
 * A household's record: composition, needs, stays, pseudonym. Opening a confidential household's
 * record writes the audit entry 'household.open' in the same transaction as the read.
 */
export function openHousehold(db: Db, actor: Actor, id: string): HouseholdRecord {
  requireRole(actor, STAFF_ROLES, 'staff only');
  const first = findHouseholdRecord(db, id);
  if (!first || !seesHousehold(db, actor, id)) throw new AppError('not_found', 'no such household');
  if (!first.confidential) return toRecord(db, actor, first);
  return writeTransaction(db, (tx) => {
    const h = findHouseholdRecord(tx, id);
    if (!h) throw new AppError('not_found', 'no such household');
    audit(tx, actor, 'household.open', 'household', id);
    return toRecord(tx, actor, h);
  });
}

/**
 * A confidential household's real name, for a duty officer or an admin, with a reason (required).
 * The audit entry 'household.reveal' with the reason is written in the same transaction as the read.
 */
export function revealHouseholdName(db: Db, actor: Actor, id: string, reason: string | null | undefined): { label: string } {
  if (!canRevealName(actor.role) && !canRevealResidentName(actor.role)) throw new AppError('forbidden', "only a duty officer, an admin or the residence's staff may reveal a name");
  const why = (reason ?? '').trim();
  if (!why) throw new AppError('invalid', 'a reason is required to reveal a name', { errors: [{ path: 'reason', message: 'required' }] });
  if (why.length > REASON_MAX) throw new AppError('invalid', `a reason is at most ${REASON_MAX} characters`, { errors: [{ path: 'reason', message: 'too_long' }] });
  return writeTransaction(db, (tx) => {
    const h = revealLabel(tx, id);
    if (!h || !seesHousehold(tx, actor, id)) throw new AppError('not_found', 'no such household');
    if (!mayReveal(tx, actor, id)) throw new AppError('forbidden', "the residence's staff may reveal the name of its own applicants and residents only");
    audit(tx, actor, 'household.reveal', 'household', id, { reason: why });
    return { label: h.label };
  });
}

/**
 * Whether the actor may reveal this household's name: a duty officer or an admin, any; the
 * residence's staff, the households that applied to the social residence (its applicants and residents).
 */
function mayReveal(db: DbOrTx, actor: Actor, id: string): boolean {
  return canRevealName(actor.role) || (canRevealResidentName(actor.role) && isResidenceHousehold(db, id));
}

/** A reason given with a sensitive act: required, trimmed, at most REASON_MAX characters. */
function requireReason(reason: string | null | undefined, what: string): string {
  const why = (reason ?? '').trim();
  if (!why) throw new AppError('invalid', `a reason is required to ${what}`, { errors: [{ path: 'reason', message: 'required' }] });
  if (why.length > REASON_MAX) throw new AppError('invalid', `a reason is at most ${REASON_MAX} characters`, { errors: [{ path: 'reason', message: 'too_long' }] });
  return why;
}

export const EXACT_NAME_LIMIT = 10;
const MAX_NAME = 200;

export interface ExactNameMatch {
  id: string;
  pseudonym: string;
  adults: number;
  children: number;
  createdAt: number;
}

/**
 * Confidential households whose full name is exactly `name` (accents, case and spaces aside; never a
 * part of a name), for an admin or a duty officer with a reason: a returning woman keeps her record
 * and her keep-apart protection. Audited like a reveal ('household.find', the reason and the ids
 * found, never the name), whether anything is found or not.
 */
export function findConfidentialHousehold(db: Db, actor: Actor, input: { name?: string | null; reason?: string | null }): { households: ExactNameMatch[] } {
  if (!canFindByExactName(actor.role)) throw new AppError('forbidden', 'only a duty officer or an admin may find a confidential household by its name');
  const name = (input.name ?? '').trim();
  const errors = [];
  if (!name) errors.push({ path: 'name', message: 'required' });
  else if (name.length > MAX_NAME) errors.push({ path: 'name', message: 'too_long' });
  if (errors.length) throw new AppError('invalid', 'give the full name, as it was recorded', { errors });
  const why = requireReason(input.reason, 'find a confidential household by its name');
  return writeTransaction(db, (tx) => {
    const found = findConfidentialByExactName(tx, name, EXACT_NAME_LIMIT);
    if (found.length === 0) audit(tx, actor, 'household.find', 'household', null, { reason: why, found: 0 });
    for (const h of found) audit(tx, actor, 'household.find', 'household', h.id, { reason: why, found: found.length });
    return { households: found.map((h) => ({ id: h.id, pseudonym: h.pseudonym, adults: h.adults, children: h.children, createdAt: h.createdAt })) };
  });
}

/**
 * Lifts a household's confidentiality: an admin's decision, with a reason, audited
 * ('household.unconfidential'). A later stay under the DV protocol or on a confidential site makes
 * it confidential again. Lifting a household that is not confidential is 409.
 */
export function liftConfidentiality(db: Db, actor: Actor, id: string, reason: string | null | undefined): { id: string; confidential: false } {
  if (!canLiftConfidentiality(actor.role)) throw new AppError('forbidden', 'only an admin may lift confidentiality');
  const why = requireReason(reason, 'lift confidentiality');
  return writeTransaction(db, (tx) => {
    const h = findHouseholdRecord(tx, id);
    if (!h) throw new AppError('not_found', 'no such household');
    if (!h.confidential) throw new AppError('invalid_transition', 'this household is not confidential');
    setHouseholdConfidential(tx, id, false);
    audit(tx, actor, 'household.unconfidential', 'household', id, { reason: why });
    return { id, confidential: false as const };
  });
}

/**
 * Staff who see a household say where it comes from (a commune of the territory, outside, or unknown
 * with null); audited with the codes before and after. 404 for a household the caller cannot see.
 */
export function setHouseholdOriginCommune(db: Db, actor: Actor, id: string, originCommune: string | null | undefined): { id: string; originCommune: string | null } {
  requireRole(actor, STAFF_ROLES, 'staff only');
  return writeTransaction(db, (tx) => {
    const h = findHouseholdRecord(tx, id);
    if (!h || !seesHousehold(tx, actor, id)) throw new AppError('not_found', 'no such household');
    const code = checkOriginCommune(tx, originCommune);
    if (code !== h.originCommune) {
      setHouseholdOrigin(tx, id, code);
      audit(tx, actor, 'household.origin', 'household', id, { from: h.originCommune, to: code });
    }
    return { id, originCommune: code };
  });
}
