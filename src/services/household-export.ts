// An access request (GDPR art. 15): everything the service holds about one household, as JSON, for
// an admin, audited. Its own rows only: never another household's id, pseudonym or name, nor the
// keep-apart link either way (the violent partner must not learn that someone named him), nor a
// confidential site's address.
import { canExportHousehold } from '#domain/confidentiality.ts';
import { toOffsetTimestamp } from '#domain/dates.ts';
import { AppError } from '#domain/errors.ts';
import type { Db } from '#db/client.ts';
import {
  exportApplicants,
  exportAuditEntries,
  exportHouseholdRow,
  exportMissionEvents,
  exportProposals,
  exportReferrals,
  exportResidenceApplications,
  exportResidenceContracts,
  exportStayEvents,
  exportStays,
  listConfidentialAddresses,
  listKeepApartLinked
} from '#db/queries/household-export.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { writeTransaction } from './transaction.ts';

/** What replaces, in free text, a word the export must not carry. */
export const REDACTED = '[…]';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface HouseholdExport {
  exportedAt: string;
  household: { id: string; label: string; pseudonym: string; adults: number; children: number; needs: Json; confidential: boolean; originCommune: string | null; createdAt: string };
  stays: { [key: string]: Json }[];
  referrals: { [key: string]: Json }[];
  mission: { applicants: { [key: string]: Json }[]; proposals: { [key: string]: Json }[]; events: { [key: string]: Json }[] };
  residence: { applications: { [key: string]: Json }[]; contracts: { [key: string]: Json }[] };
  audit: { [key: string]: Json }[];
}

function parseJson(text: string | null): Json {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

const time = (ms: number | null): string | null => (ms === null ? null : toOffsetTimestamp(ms));

/** Replaces each forbidden word in every string of `value` (case-insensitive), keys included. */
function redact(value: Json, forbidden: readonly string[]): Json {
  if (typeof value === 'string') {
    let s = value;
    for (const word of forbidden) {
      const at = s.toLowerCase().indexOf(word.toLowerCase());
      if (at >= 0) s = s.split(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')).join(REDACTED);
    }
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, forbidden));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k, forbidden) as string, redact(v, forbidden)]));
  return value;
}

/**
 * Everything held about a household: the household, its stays with their events, the referrals
 * linked to them, its housing-mission applications with their proposals and steps, its social
 * residence applications (with their steps) and contracts (amendments, payments, departure), and the audit
 * entries about any of these. Admins only (403 for anyone else, before anything is read); the
 * audit entry 'household.export' (counts only) is written in the same transaction as the read.
 */
export function exportHousehold(db: Db, actor: Actor, id: string): HouseholdExport {
  if (!canExportHousehold(actor.role)) throw new AppError('forbidden', 'only an admin may export a household');
  return writeTransaction(db, (tx) => {
    const h = exportHouseholdRow(tx, id);
    if (!h) throw new AppError('not_found', 'no such household');
    const stays = exportStays(tx, id);
    const stayIds = new Set(stays.map((s) => s.id));
    const events = exportStayEvents(tx, id);
    const referrals = exportReferrals(tx, id);
    const applicants = exportApplicants(tx, id);
    const proposals = exportProposals(tx, id);
    const missionEvents = exportMissionEvents(tx, id);
    const residenceApplications = exportResidenceApplications(tx, id);
    const residenceContracts = exportResidenceContracts(tx, id);
    audit(tx, actor, 'household.export', 'household', id, {
      stays: stays.length,
      referrals: referrals.length,
      applicants: applicants.length,
      proposals: proposals.length,
      residenceApplications: residenceApplications.length,
      residenceContracts: residenceContracts.length
    });
    const entries = exportAuditEntries(tx, id, {
      stay: [...stayIds],
      referral: referrals.map((r) => r.id),
      applicant: applicants.map((a) => a.id),
      proposal: proposals.map((p) => p.id),
      residence_application: residenceApplications.map((a) => a.id),
      residence_contract: residenceContracts.map((c) => c.id)
    });
    // Whatever free text says (a note, a reason), these never leave in an export.
    const linked = listKeepApartLinked(tx, id);
    const forbidden = [
      ...linked.flatMap((o) => [o.id, o.pseudonym, ...(o.label.trim().length >= 3 ? [o.label.trim()] : [])]),
      ...listConfidentialAddresses(tx).filter((a) => a.trim().length >= 3).map((a) => a.trim())
    ];
    /** A stay id of another household (a referral linked twice) is left out. */
    const ownStay = (stayId: string | null) => (stayId !== null && stayIds.has(stayId) ? stayId : null);
    const result: HouseholdExport = {
      exportedAt: toOffsetTimestamp(nowMs()),
      household: {
        id: h.id,
        label: h.label,
        pseudonym: h.pseudonym,
        adults: h.adults,
        children: h.children,
        needs: parseJson(h.needs),
        confidential: h.confidential === 1,
        originCommune: h.originCommune,
        createdAt: toOffsetTimestamp(h.createdAt)
      },
      stays: stays.map((s) => ({
        id: s.id,
        programme: s.programme,
        start: s.start,
        end: s.end,
        status: s.status,
        holdExpiresAt: time(s.holdExpiresAt),
        unit: { id: s.unitId, name: s.unitName },
        // A confidential site is named, never located.
        site: { id: s.siteId, name: s.siteName, commune: s.commune, kind: s.siteKind, confidential: s.siteConfidential === 1, address: s.siteConfidential === 1 ? null : s.siteAddress },
        referralId: s.referralId,
        previousStayId: ownStay(s.previousStayId),
        note: s.note,
        overrideReason: s.overrideReason,
        destination: s.destination,
        // Placed together with its household's other stays (the same nights, several units): its own share.
        ...(s.togetherGroup && { togetherGroup: s.togetherGroup, adults: s.adults, children: s.children }),
        createdBy: s.createdBy,
        createdAt: toOffsetTimestamp(s.createdAt),
        updatedAt: toOffsetTimestamp(s.updatedAt),
        events: events
          .filter((e) => e.stayId === s.id)
          .map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, start: e.start, end: e.end, previousEnd: e.previousEnd, reason: e.reason, actorId: e.actorId, at: toOffsetTimestamp(e.at) }))
      })),
      referrals: referrals.map((r) => ({
        id: r.id,
        organisationId: r.organisationId,
        programme: r.programme,
        urgency: r.urgency,
        requestedStart: r.requestedStart,
        nights: r.nights,
        originCommune: r.originCommune,
        adults: r.adults,
        children: r.children,
        needs: parseJson(r.needs),
        referrer: { organisation: r.referrerOrganisation, contact: r.referrerContact, phone: r.referrerPhone, email: r.referrerEmail },
        notes: r.notes,
        status: r.status,
        receivedAt: toOffsetTimestamp(r.receivedAt),
        decidedAt: time(r.decidedAt),
        decisionReason: r.decisionReason,
        placedAt: time(r.placedAt),
        stayId: ownStay(r.stayId)
      })),
      mission: {
        applicants: applicants.map((a) => ({
          id: a.id,
          label: a.label,
          persons: a.persons,
          accessibleNeeded: a.accessibleNeeded === 1,
          maxRentCents: a.maxRentCents,
          yearlyIncomeCents: a.yearlyIncomeCents,
          communes: parseJson(a.communes),
          neededFrom: a.neededFrom,
          waitingSince: a.waitingSince,
          situation: a.situation,
          emergencyStayEnd: a.emergencyStayEnd,
          housedAt: time(a.housedAt),
          createdAt: toOffsetTimestamp(a.createdAt)
        })),
        proposals: proposals.map((p) => ({
          id: p.id,
          applicantId: p.applicantId,
          offer: { id: p.offerId, commune: p.offerCommune, typology: p.offerTypology },
          status: p.status,
          reason: p.reason,
          createdAt: toOffsetTimestamp(p.createdAt),
          updatedAt: toOffsetTimestamp(p.updatedAt)
        })),
        events: missionEvents.map((e) => ({ proposalId: e.proposalId, offerId: e.offerId, status: e.status, reason: e.reason, at: toOffsetTimestamp(e.at) }))
      },
      residence: {
        applications: residenceApplications.map((a) => ({
          id: a.id,
          organisationId: a.organisationId,
          typology: a.typology,
          accessible: a.accessible === 1,
          monthlyIncomeCents: a.monthlyIncomeCents,
          public: a.public,
          originCommune: a.originCommune,
          situation: a.situation,
          referrer: { organisation: a.referrerOrganisation, contact: a.referrerContact, phone: a.referrerPhone, email: a.referrerEmail },
          status: a.status,
          reason: a.reason,
          committeeId: a.committeeId,
          urgent: a.urgent === 1,
          receivedAt: toOffsetTimestamp(a.receivedAt),
          decidedAt: time(a.decidedAt),
          steps: (JSON.parse(a.steps) as { status: string; reason: string | null; committeeId: string | null; urgent: number; at: number }[]).map((e) => ({
            ...e,
            urgent: e.urgent === 1,
            at: toOffsetTimestamp(e.at)
          }))
        })),
        contracts: residenceContracts.map((c) => {
          const departure = c.departure === null ? null : (JSON.parse(c.departure) as { [key: string]: Json } & { recordedAt: number });
          return {
            id: c.id,
            applicationId: c.applicationId,
            unit: { id: c.unitId, name: c.unitName },
            stayId: ownStay(c.stayId),
            start: c.start,
            end: c.end,
            rentCents: c.rentCents,
            chargesCents: c.chargesCents,
            aplCents: c.aplCents,
            depositCents: c.depositCents,
            referent: c.referent,
            reviewEveryMonths: c.reviewEveryMonths,
            status: c.status,
            createdAt: toOffsetTimestamp(c.createdAt),
            amendments: (JSON.parse(c.amendments) as ({ [key: string]: Json } & { createdAt: number })[]).map((m) => ({ ...m, createdAt: toOffsetTimestamp(m.createdAt) })),
            payments: (JSON.parse(c.payments) as ({ [key: string]: Json } & { createdAt: number })[]).map((p) => ({ ...p, createdAt: toOffsetTimestamp(p.createdAt) })),
            departure: departure === null ? null : { ...departure, recordedAt: toOffsetTimestamp(departure.recordedAt) }
          };
        })
      },
      audit: entries.map((e) => ({ at: toOffsetTimestamp(e.at), action: e.action, entity: e.entity, entityId: e.entityId, actorId: e.actorId, detail: parseJson(e.detail) }))
    };
    return forbidden.length === 0 ? result : (redact(result as unknown as Json, forbidden) as unknown as HouseholdExport);
  });
}
