// A stay's sheet for staff (/sejours/<id>): the stay with its unit and site, what the role may do
// with it now, and its practical note (keys, contact on site, what the household was told), which
// staff keep up to date.
import { AppError } from '#domain/errors.ts';
import { STAFF_ROLES, canHandleProgramme, canSeeConfidentialAddress, type Programme } from '#domain/programmes.ts';
import { decideTransition, effectiveStatus, isLive, STAY_ACTIONS, type StayAction, type StayStatus } from '#domain/stay-lifecycle.ts';
import type { Db } from '#db/client.ts';
import { findStayLimit } from '#db/queries/stay-limits.ts';
import { findHousehold } from '#db/queries/households.ts';
import { insertStayEvent, updateStay, type StayRow } from '#db/queries/stays.ts';
import { findReferral } from '#db/queries/referrals.ts';
import { countNights } from '#domain/dates.ts';
import type { ReferralStatus } from '#domain/referral-lifecycle.ts';
import { pathNeighbours } from './protocol.ts';
import { seesProgramme } from './visibility.ts';
import { findUnitWithSite } from '#db/queries/units.ts';
import { STAY_NOTE_MAX } from '#domain/input-limits.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs, today, tonight } from './clock.ts';
import { getStay, loadStay, toStayView, type StayView } from './stays.ts';
import { writeTransaction } from './transaction.ts';


export interface StaySheet {
  stay: StayView & { household: NonNullable<StayView['household']>; history: NonNullable<StayView['history']> };
  unit: { id: string; name: string; capacity: number; accessible: boolean; typology: string | null };
  /** The site's address is null for a confidential site unless the caller may see it. */
  site: { id: string; name: string; commune: string; kind: string; confidential: boolean; address: string | null };
  /** The longest stay the programme allows on this kind of site, or null when none is recorded. */
  maxNights: number | null;
  /** The moves of the lifecycle the caller may make now (role, programme and status permitting). */
  actions: StayAction[];
  /** Whether the caller may extend or shorten the stay now. */
  canChangeEnd: boolean;
  /** Whether the caller may give a reason to go past the limit (admins). */
  canOverrideLimit: boolean;
  canEditNote: boolean;
  tonight: string;
  /** On a hotel: whether the stay has reached its limit (an extension would pass it). */
  atLimit: boolean;
  /** Whether the caller may place the stay that follows this hotel stay in an apartment (live, alone, not yet followed). */
  canPlaceFollowing: boolean;
  /** The stays this one follows and is followed by on a path (the hotel nights, then the apartment). */
  previous: PathStay | null;
  next: PathStay | null;
  /** Who referred the household, when the stay carries a referral the caller may see. */
  referral: StayReferral | null;
}

export interface PathStay {
  id: string;
  start: string;
  end: string;
  status: StayStatus;
  unitName: string;
  siteName: string;
}

export interface StayReferral {
  id: string;
  status: ReferralStatus;
  organisation: string;
  contact: string;
  phone: string;
}

/** A stay with everything its page shows; the address of a confidential site only to admins and duty officers. */
export function getStaySheet(db: Db, actor: Actor, id: string): StaySheet {
  const stay = getStay(db, actor, id);
  const unit = findUnitWithSite(db, stay.unitId);
  if (!unit || !stay.household || !stay.history) throw new AppError('not_found', 'no such stay');
  const mayAct = canHandleProgramme(actor.role, stay.programme as Programme);
  const night = tonight();
  const actions = mayAct
    ? STAY_ACTIONS.filter((action) => {
        try {
          decideTransition({ status: stay.status, action, start: stay.start, end: stay.end, tonight: night, today: today() });
          return true;
        } catch {
          return false;
        }
      })
    : [];
  const maxNights = findStayLimit(db, stay.programme, unit.site.kind);
  const onHotel = unit.site.kind === 'hotel';
  const live = isLive(stay.status);
  const { previous, next } = pathNeighbours(db, actor, stay);
  const now = nowMs();
  const nextLive = next !== null && isLive(effectiveStatus(next.status as StayStatus, next.holdExpiresAt, now));
  return {
    stay: { ...stay, household: stay.household, history: stay.history },
    unit: { id: unit.id, name: unit.name, capacity: unit.capacity, accessible: unit.accessible, typology: unit.typology },
    site: {
      id: unit.site.id,
      name: unit.site.name,
      commune: unit.site.commune,
      kind: unit.site.kind,
      confidential: unit.site.confidential,
      address: !unit.site.confidential || canSeeConfidentialAddress(actor.role) ? unit.site.address : null
    },
    maxNights,
    actions,
    canChangeEnd: mayAct && live,
    canOverrideLimit: mayAct && actor.role === 'admin',
    canEditNote: mayAct,
    tonight: night,
    atLimit: onHotel && maxNights !== null && countNights(stay.start, stay.end) >= maxNights,
    canPlaceFollowing: mayAct && live && onHotel && !stay.togetherGroup && !nextLive,
    previous: pathStay(db, previous, now),
    next: pathStay(db, next, now),
    referral: stayReferral(db, actor, stay.referralId)
  };
}

function pathStay(db: Db, row: StayRow | null, now: number): PathStay | null {
  if (!row) return null;
  const unit = findUnitWithSite(db, row.unitId);
  return { id: row.id, start: row.start, end: row.end, status: effectiveStatus(row.status as StayStatus, row.holdExpiresAt, now), unitName: unit?.name ?? '', siteName: unit?.site.name ?? '' };
}

/** The referral's referrer and status, for staff who may see that referral (its programme); never its notes. */
function stayReferral(db: Db, actor: Actor, referralId: string | null): StayReferral | null {
  if (!referralId) return null;
  const row = findReferral(db, referralId);
  if (!row || !seesProgramme(actor, row.programme)) return null;
  return { id: row.id, status: row.status as ReferralStatus, organisation: row.referrerOrganisation, contact: row.referrerContact, phone: row.referrerPhone };
}

/**
 * Replaces the practical note of a stay (empty clears it), with a stay event and an audit entry
 * in the same transaction. The audit keeps the note's length, never its text: it may name people.
 */
export function setStayNote(db: Db, actor: Actor, id: string, note: string): StayView {
  requireRole(actor, STAFF_ROLES, 'staff only');
  const text = note.replace(/\r\n/g, '\n').trim();
  if (text.length > STAY_NOTE_MAX) {
    throw new AppError('invalid', `a note holds at most ${STAY_NOTE_MAX} characters`, { errors: [{ path: 'note', message: `at most ${STAY_NOTE_MAX} characters` }] });
  }
  return writeTransaction(db, (tx) => {
    const now = nowMs();
    const current = loadStay(tx, actor, id);
    const status = effectiveStatus(current.status as StayStatus, current.holdExpiresAt, now);
    const updated = updateStay(tx, id, { note: text || null, updatedAt: now });
    insertStayEvent(tx, { stayId: id, action: 'note', fromStatus: status, toStatus: status, start: updated.start, end: updated.end, actorId: actor.accountId, at: now });
    audit(tx, actor, 'stay.note', 'stay', id, { length: text.length });
    return toStayView(updated, now, findHousehold(tx, updated.householdId));
  });
}
