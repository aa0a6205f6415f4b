// The social residence's applications (demandes d'admission) and its admission committee.
// Partners (and staff) file applications; the committee decides them in a meeting (admitted, waiting
// list, refused or redirected with a reason), or an admin or the residence officer decides urgently
// between committees, which is recorded and shown as such. Every step is dated, with who and in which
// committee. A partner follows its organisation's applications (status and times only; 404 for any
// other). An application of the DV public is confidential: its household is shown by its pseudonym.
import { isValidDate, parisDate, toOffsetTimestamp, type IsoDate } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import { RESIDENCE_READERS, RESIDENCE_ROLES, ROLES } from '#domain/programmes.ts';
import { checkApplicationDecision, isAwaitingCommittee } from '#domain/residence-lifecycle.ts';
import { UNIT_RESERVATIONS, type ApplicationStatus, type ResidencePublic, type UnitReservation } from '#domain/residence-codes.ts';
import { rankWaitingList, type WaitingReason } from '#domain/residence.ts';
import type { Db, DbOrTx, Tx } from '#db/client.ts';
import { findHousehold, setHouseholdConfidential, setHouseholdOrigin, type HouseholdRow } from '#db/queries/households.ts';
import { findOrganisationByName, findOrganisationName } from '#db/queries/organisations.ts';
import {
  countCommitteeDecisions,
  findApplication,
  findCommittee,
  findEmergencyStayEnd,
  hasReservedUnits,
  insertApplication,
  insertApplicationEvent,
  insertCommittee,
  listApplicationEvents,
  listApplications as queryApplications,
  listCommitteeEvents,
  listCommittees as queryCommittees,
  updateApplication,
  type ApplicationEventRow,
  type ApplicationRow,
  type CommitteeRow
} from '#db/queries/residence-applications.ts';
import type { ApplicationDecisionInput, ApplicationInput, CommitteeInput } from '#schemas/residence-applications.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { nowMs, today } from '../clock.ts';
import { checkHousehold, checkIdempotencyKey, createHousehold, withIdempotency } from '../stays.ts';
import { newId, writeTransaction } from '../transaction.ts';
import { findVisibleHousehold } from '../visibility.ts';
import { checkOriginCommune } from '../origin.ts';

/** A step of an application as a partner sees it: what it became, and when. */
export interface PartnerStep {
  status: ApplicationStatus;
  at: string;
}

/** A partner's view: its own application's status and times, nothing about anyone else. */
export interface PartnerApplicationView {
  id: string;
  status: ApplicationStatus;
  householdId: string;
  receivedAt: string;
  decidedAt?: string;
  steps: PartnerStep[];
}

export interface StaffStep extends PartnerStep {
  committeeId: string | null;
  committeeDate: IsoDate | null;
  /** Decided between committees. */
  urgent: boolean;
  reason: string | null;
}

/** A household as the residence's pages show it: a confidential one by its pseudonym only. */
export interface ShownHousehold {
  id: string;
  name: string;
  confidential: boolean;
  adults: number;
  children: number;
}

export interface StaffApplicationView extends Omit<PartnerApplicationView, 'steps'> {
  steps: StaffStep[];
  household: ShownHousehold;
  organisationId: string | null;
  organisation: string | null;
  typology: string | null;
  accessible: boolean;
  monthlyIncomeCents: number;
  public: ResidencePublic;
  situation: string | null;
  /** Where the household comes from: an INSEE code of the territory, 'outside', or null (unknown). */
  originCommune: string | null;
  referrer: { organisation: string; contact: string; phone: string; email: string | null };
  reason: string | null;
  committeeId: string | null;
  urgent: boolean;
}

export type ApplicationView = PartnerApplicationView | StaffApplicationView;

/** Who may decide: the residence's staff; a partner may only withdraw its own. */
const DECIDERS = [...RESIDENCE_ROLES, 'partner'] as const;

function showHousehold(h: HouseholdRow | undefined, householdId: string): ShownHousehold {
  if (!h) return { id: householdId, name: '—', confidential: false, adults: 0, children: 0 };
  return { id: h.id, name: h.confidential ? h.pseudonym : h.label, confidential: h.confidential, adults: h.adults, children: h.children };
}

function partnerView(db: DbOrTx, a: ApplicationRow, events = listApplicationEvents(db, a.id)): PartnerApplicationView {
  return {
    id: a.id,
    status: a.status,
    householdId: a.householdId,
    receivedAt: toOffsetTimestamp(a.receivedAt),
    ...(a.decidedAt !== null && { decidedAt: toOffsetTimestamp(a.decidedAt) }),
    steps: events.map((e) => ({ status: e.status, at: toOffsetTimestamp(e.at) }))
  };
}

function staffView(db: DbOrTx, a: ApplicationRow): StaffApplicationView {
  const events = listApplicationEvents(db, a.id);
  const committees = new Map<string, CommitteeRow | undefined>();
  const committeeOf = (id: string | null) => {
    if (!id) return undefined;
    if (!committees.has(id)) committees.set(id, findCommittee(db, id));
    return committees.get(id);
  };
  return {
    ...partnerView(db, a, events),
    steps: events.map((e: ApplicationEventRow) => ({
      status: e.status,
      at: toOffsetTimestamp(e.at),
      committeeId: e.committeeId,
      committeeDate: committeeOf(e.committeeId)?.meetsOn ?? null,
      urgent: e.urgent,
      reason: e.reason
    })),
    household: showHousehold(findHousehold(db, a.householdId), a.householdId),
    organisationId: a.organisationId,
    organisation: findOrganisationName(db, a.organisationId),
    typology: a.typology,
    accessible: a.accessible,
    monthlyIncomeCents: a.monthlyIncomeCents,
    public: a.public,
    situation: a.situation,
    originCommune: a.originCommune,
    referrer: { organisation: a.referrerOrganisation, contact: a.referrerContact, phone: a.referrerPhone, email: a.referrerEmail },
    reason: a.reason,
    committeeId: a.committeeId,
    urgent: a.urgent
  };
}

/**
 * An application as a list shows it to staff: a confidential household's free text (its situation
 * and plan, the referrer's contact details, the reasons typed on its steps) is withheld, since a list
 * read is not audited; opening the application (audited) gives it.
 */
function listedStaffView(db: DbOrTx, a: ApplicationRow): StaffApplicationView {
  const view = staffView(db, a);
  if (!view.household.confidential) return view;
  return {
    ...view,
    situation: null,
    referrer: { organisation: view.referrer.organisation, contact: '', phone: '', email: null },
    reason: null,
    steps: view.steps.map((step) => ({ ...step, reason: null }))
  };
}

/** Whether the actor is the partner whose organisation filed the application. */
function isOwnPartner(actor: Actor, a: ApplicationRow): boolean {
  return actor.role === 'partner' && actor.organisationId !== null && a.organisationId === actor.organisationId;
}

/**
 * The view a caller is allowed: the residence's readers the whole application, a partner its own
 * organisation's (status and times); anything else is « not found », exactly like one that does not exist.
 */
function viewFor(db: DbOrTx, actor: Actor, a: ApplicationRow | undefined): ApplicationView {
  if (a && RESIDENCE_READERS.includes(actor.role)) return staffView(db, a);
  if (a && isOwnPartner(actor, a)) return partnerView(db, a);
  throw new AppError('not_found', 'no such application');
}

function isConfidentialHousehold(db: DbOrTx, householdId: string): boolean {
  return findHousehold(db, householdId)?.confidential === true;
}

/**
 * Files an application: 201 `received`. A partner's belongs to its organisation (whatever the body
 * says) and is always for a new household (a partner naming `householdId` is 422); staff may name a
 * household they can see (404 otherwise). An application of the DV public makes its household
 * confidential. A retry with the same Idempotency-Key returns the first answer and files nothing twice.
 */
export function createApplication(db: Db, actor: Actor, input: ApplicationInput, idempotencyKey?: string): { replayed: boolean; value: ApplicationView } {
  requireRole(actor, ROLES);
  if (actor.role === 'partner' && input.householdId !== undefined) {
    throw new AppError('invalid', 'a partner files an application for a new household: only staff may name a known one', { errors: [{ path: 'householdId', message: 'staff only' }] });
  }
  if (input.householdId === undefined && input.household === undefined) {
    throw new AppError('validation', 'give the household, or the householdId of a known one', { errors: [{ path: 'household', message: 'required' }] });
  }
  if (input.householdId !== undefined && input.household !== undefined) {
    throw new AppError('validation', 'give the household or the householdId, not both', { errors: [{ path: 'householdId', message: 'not with household' }] });
  }
  if (input.household) checkHousehold(input.household);
  checkIdempotencyKey(idempotencyKey);
  return withIdempotency(db, actor, idempotencyKey, 'POST /residence/applications', (tx) => {
    const now = nowMs();
    const originCommune = checkOriginCommune(tx, input.originCommune);
    const dv = input.public === 'dv';
    let household: HouseholdRow;
    if (input.householdId !== undefined) {
      household = findVisibleHousehold(tx, actor, input.householdId);
      if (dv && !household.confidential) {
        // Confidentiality follows the household: from this application on, for good.
        setHouseholdConfidential(tx, household.id, true);
        audit(tx, actor, 'household.confidential', 'household', household.id, { cause: 'dv_application' });
      }
      // A known household whose origin was unknown takes the one the application gives.
      if (originCommune !== null && household.originCommune === null) {
        setHouseholdOrigin(tx, household.id, originCommune);
        audit(tx, actor, 'household.origin', 'household', household.id, { from: null, to: originCommune });
      }
    } else {
      household = createHousehold(tx, { label: input.household!.label, adults: input.household!.adults, children: input.household!.children, originCommune }, dv, now);
    }
    let organisationId: string | null;
    if (actor.role === 'partner') organisationId = actor.organisationId;
    else if (input.referrer.organisation?.trim()) organisationId = findOrganisationByName(tx, input.referrer.organisation.trim())?.id ?? null;
    else organisationId = null;
    const row = insertApplication(tx, {
      id: newId(),
      householdId: household.id,
      organisationId,
      filedBy: actor.accountId,
      typology: input.typology?.trim() || null,
      accessible: input.accessible ?? false,
      monthlyIncomeCents: input.monthlyIncomeCents,
      public: input.public,
      situation: input.situation?.trim() || null,
      originCommune,
      referrerOrganisation: (actor.role === 'partner' ? findOrganisationName(tx, organisationId) : input.referrer.organisation?.trim()) || '—',
      referrerContact: input.referrer.contact.trim(),
      referrerPhone: input.referrer.phone.trim(),
      referrerEmail: input.referrer.email?.trim() || null,
      status: 'received',
      receivedAt: now,
      updatedAt: now
    });
    insertApplicationEvent(tx, { applicationId: row.id, status: 'received', reason: null, committeeId: null, urgent: false, at: now, accountId: actor.accountId });
    audit(tx, actor, 'residence_application.create', 'residence_application', row.id, { householdId: household.id, public: row.public, organisationId });
    return viewFor(tx, actor, row);
  });
}

/**
 * One application. Staff opening the application of a confidential household is written to the
 * audit log ('residence_application.open'), in the same transaction as the read.
 */
export function getApplication(db: Db, actor: Actor, id: string): ApplicationView {
  requireRole(actor, ROLES);
  const first = findApplication(db, id);
  if (!first || !RESIDENCE_READERS.includes(actor.role) || !isConfidentialHousehold(db, first.householdId)) return viewFor(db, actor, first);
  return writeTransaction(db, (tx) => {
    const a = findApplication(tx, id);
    const view = viewFor(tx, actor, a);
    audit(tx, actor, 'residence_application.open', 'residence_application', id, { householdId: a!.householdId });
    return view;
  });
}

/** Applications, newest first: the residence's readers see all, a partner its organisation's, anyone else none. */
export function listApplications(db: Db, actor: Actor, filter: { status?: ApplicationStatus } = {}): ApplicationView[] {
  requireRole(actor, ROLES);
  if (RESIDENCE_READERS.includes(actor.role)) return queryApplications(db, filter).map((a) => listedStaffView(db, a));
  if (actor.role === 'partner' && actor.organisationId) return queryApplications(db, { ...filter, organisationId: actor.organisationId }).map((a) => partnerView(db, a));
  return [];
}

/**
 * Decides an application: admins and the residence officer decide; a partner may only withdraw its
 * own (404 for another organisation's). A refusal or a redirection needs its reason (422); a move the
 * status list does not allow is 409 `already_decided`. With `committeeId` the decision is the
 * committee's (404 for an unknown committee, 422 for one that has not met yet); without it, a staff
 * decision is an urgent one between committees and is recorded as `urgent` (a withdrawal is never urgent).
 */
export function decideApplication(db: Db, actor: Actor, id: string, input: ApplicationDecisionInput): ApplicationView {
  requireRole(actor, DECIDERS, 'admins and residence officers only (a partner may withdraw its own application)');
  return writeTransaction(db, (tx) => decideInTransaction(tx, actor, id, input));
}

/** Whether the actor's role may give this outcome at all: the residence's staff any, a partner a withdrawal (of its own). */
export function mayDecide(actor: Actor, outcome: ApplicationDecisionInput['outcome']): boolean {
  return RESIDENCE_ROLES.includes(actor.role) || (actor.role === 'partner' && outcome === 'withdrawn');
}

function decideInTransaction(tx: Tx, actor: Actor, id: string, input: ApplicationDecisionInput): ApplicationView {
  const current = findApplication(tx, id);
  if (!current || (actor.role === 'partner' ? !isOwnPartner(actor, current) : !RESIDENCE_READERS.includes(actor.role))) throw new AppError('not_found', 'no such application');
  if (!mayDecide(actor, input.outcome)) throw new AppError('forbidden', 'a partner may only withdraw its own application');
  checkApplicationDecision(current.status, input.outcome, input.reason);
  const committee = actor.role === 'partner' ? undefined : committeeForDecision(tx, input.committeeId);
  const urgent = actor.role !== 'partner' && !committee && input.outcome !== 'withdrawn';
  const now = nowMs();
  const reason = input.reason?.trim() || null;
  const updated = updateApplication(tx, id, { status: input.outcome, reason, committeeId: committee?.id ?? null, urgent, decidedAt: now, updatedAt: now });
  insertApplicationEvent(tx, { applicationId: id, status: input.outcome, reason, committeeId: committee?.id ?? null, urgent, at: now, accountId: actor.accountId });
  audit(tx, actor, `residence_application.${input.outcome}`, 'residence_application', id, {
    from: current.status,
    committeeId: committee?.id ?? null,
    urgent,
    ...(reason && { reason })
  });
  return viewFor(tx, actor, updated);
}

function committeeForDecision(tx: Tx, committeeId: string | undefined): CommitteeRow | undefined {
  if (committeeId === undefined) return undefined;
  const committee = findCommittee(tx, committeeId);
  if (!committee) throw new AppError('not_found', 'no such committee');
  if (committee.meetsOn > today()) {
    throw new AppError('invalid', `this committee meets on ${committee.meetsOn}: its decisions are recorded from that day`, {
      errors: [{ path: 'committeeId', message: `meets on ${committee.meetsOn}` }]
    });
  }
  return committee;
}

// ---------------------------------------------------------------------------------------------
// The admission committee

export interface CommitteeView {
  id: string;
  meetsOn: IsoDate;
  note: string | null;
  /** How many decisions it recorded. */
  decisions: number;
}

function committeeView(c: CommitteeRow, decisions: number): CommitteeView {
  return { id: c.id, meetsOn: c.meetsOn as IsoDate, note: c.note, decisions };
}

/**
 * A new meeting of the admission committee (admins, the residence officer). A retry with the same
 * Idempotency-Key returns the first answer and creates one meeting.
 */
export function createCommittee(db: Db, actor: Actor, input: CommitteeInput, idempotencyKey?: string): CommitteeView {
  requireRole(actor, RESIDENCE_ROLES, 'admins and residence officers only');
  if (!isValidDate(input.meetsOn)) throw new AppError('invalid', 'meetsOn is not a calendar date', { errors: [{ path: 'meetsOn', message: 'not a calendar date' }] });
  checkIdempotencyKey(idempotencyKey);
  return withIdempotency(db, actor, idempotencyKey, 'POST /residence/committees', (tx) => {
    const row = insertCommittee(tx, { id: newId(), meetsOn: input.meetsOn, note: input.note?.trim() || null, createdBy: actor.accountId, createdAt: nowMs() });
    audit(tx, actor, 'residence_committee.create', 'residence_committee', row.id, { meetsOn: row.meetsOn });
    return committeeView(row, 0);
  }).value;
}

/** The committees, the latest meeting first, for the residence's readers. */
export function listCommittees(db: Db, actor: Actor): CommitteeView[] {
  requireRole(actor, RESIDENCE_READERS, 'staff only');
  const counts = countCommitteeDecisions(db);
  return queryCommittees(db).map((c) => committeeView(c, counts.get(c.id) ?? 0));
}

function loadCommittee(db: DbOrTx, actor: Actor, id: string): CommitteeRow {
  requireRole(actor, RESIDENCE_READERS, 'staff only');
  const c = findCommittee(db, id);
  if (!c) throw new AppError('not_found', 'no such committee');
  return c;
}

/** An application on a committee's agenda: who (by pseudonym when confidential), what is asked, since when. */
export interface AgendaItem {
  id: string;
  status: ApplicationStatus;
  household: ShownHousehold;
  public: ResidencePublic;
  typology: string | null;
  accessible: boolean;
  monthlyIncomeCents: number;
  organisation: string | null;
  /** The day it was received: the household waits from then. */
  since: IsoDate;
  rank: number;
  reasons: WaitingReason[];
}

export interface WaitingListView {
  /** The public of the units this ranking is for; null: a unit reserved for nobody. */
  reservedFor: UnitReservation | null;
  items: AgendaItem[];
}

function rankedItems(db: DbOrTx, rows: readonly ApplicationRow[], reservedFor: UnitReservation | null, day: IsoDate): AgendaItem[] {
  const waiting = rows.map((row) => ({
    id: row.id,
    public: row.public,
    since: parisDate(new Date(row.receivedAt)),
    emergencyStayEnd: findEmergencyStayEnd(db, row.householdId, day),
    row
  }));
  return rankWaitingList(waiting, { reservedFor }, day).map(({ application: w, rank, reasons }) => ({
    id: w.id,
    status: w.row.status,
    household: showHousehold(findHousehold(db, w.row.householdId), w.row.householdId),
    public: w.row.public,
    typology: w.row.typology,
    accessible: w.row.accessible,
    monthlyIncomeCents: w.row.monthlyIncomeCents,
    organisation: findOrganisationName(db, w.row.organisationId) ?? (w.row.referrerOrganisation !== '—' ? w.row.referrerOrganisation : null),
    since: w.since,
    rank,
    reasons
  }));
}

/**
 * The waiting list, first to last, with the reasons of each place (the domain's order: the public a
 * unit is reserved for, DV households, an emergency stay ending within 14 days, days waited): for a
 * unit reserved for nobody, and for each public some active unit is reserved for.
 */
export function waitingLists(db: Db, actor: Actor): WaitingListView[] {
  requireRole(actor, RESIDENCE_READERS, 'staff only');
  const rows = queryApplications(db, { status: 'waiting_list' });
  return rankings(db, rows);
}

function rankings(db: DbOrTx, rows: readonly ApplicationRow[]): WaitingListView[] {
  const day = today();
  const lists: WaitingListView[] = [{ reservedFor: null, items: rankedItems(db, rows, null, day) }];
  for (const publicOf of UNIT_RESERVATIONS) if (hasReservedUnits(db, publicOf)) lists.push({ reservedFor: publicOf, items: rankedItems(db, rows, publicOf, day) });
  return lists;
}

/** A decision in the minutes. */
export interface MinutesLine {
  applicationId: string;
  outcome: ApplicationStatus;
  reason: string | null;
  at: string;
  household: ShownHousehold;
  public: ResidencePublic;
}

export interface CommitteeAgenda {
  committee: CommitteeView;
  /** Applications received since, in the order of the ranking (with its reasons). */
  received: AgendaItem[];
  /** The waiting list, ranked for each kind of unit. */
  waitingLists: WaitingListView[];
  /** The decisions it recorded. */
  decisions: MinutesLine[];
  /** Whether decisions may be recorded in it yet (it has met: its day is today or past). */
  open: boolean;
}

function minutesLines(db: DbOrTx, committeeId: string): MinutesLine[] {
  return listCommitteeEvents(db, committeeId).map((e) => {
    const a = findApplication(db, e.applicationId)!;
    return {
      applicationId: e.applicationId,
      outcome: e.status,
      reason: e.reason,
      at: toOffsetTimestamp(e.at),
      household: showHousehold(findHousehold(db, a.householdId), a.householdId),
      public: a.public
    };
  });
}

/** A committee's agenda: the applications received and the waiting list, ranked with reasons, and the decisions it recorded. */
export function committeeAgenda(db: Db, actor: Actor, id: string): CommitteeAgenda {
  const c = loadCommittee(db, actor, id);
  const awaiting = queryApplications(db, { statuses: ['received', 'waiting_list'] });
  const lines = minutesLines(db, c.id);
  return {
    committee: committeeView(c, lines.length),
    received: rankedItems(db, awaiting.filter((a) => a.status === 'received'), null, today()),
    waitingLists: rankings(db, awaiting.filter((a) => a.status === 'waiting_list')),
    decisions: lines,
    open: c.meetsOn <= today()
  };
}

/** A committee's minutes: its date, its note, and each decision with its reason. */
export function committeeMinutes(db: Db, actor: Actor, id: string): { committee: CommitteeView; decisions: MinutesLine[] } {
  const c = loadCommittee(db, actor, id);
  const lines = minutesLines(db, c.id);
  return { committee: committeeView(c, lines.length), decisions: lines };
}

/** Whether an application still waits for the committee (received or on the waiting list). */
export function awaitsCommittee(view: { status: ApplicationStatus }): boolean {
  return isAwaitingCommittee(view.status);
}

/** Whether a view is the staff's (the residence's readers). */
export function isStaffView(view: ApplicationView): view is StaffApplicationView {
  return 'household' in view;
}
