// Sites and units: the inventory. Admins write; staff read; partners read non-confidential ones.
import { AppError } from '#domain/errors.ts';
import { ADMIN_ROLES, canSeeConfidentialAddress, isStaff, type Programme, type SiteKind } from '#domain/programmes.ts';
import type { UnitReservation } from '#domain/residence-codes.ts';
import type { Db, Tx } from '#db/client.ts';
import { findSite, insertSite, insertUnit, listUnitsWithSites, nextUnitSeq, type SiteRow, type UnitWithSite } from '#db/queries/units.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs, tonight } from './clock.ts';
import { newId, writeTransaction } from './transaction.ts';

export interface SiteView {
  id: string;
  name: string;
  commune: string;
  confidential: boolean;
  address: string;
  kind: SiteKind;
}

export interface SiteInput {
  name: string;
  commune: string;
  confidential: boolean;
  address: string;
  kind?: SiteKind;
}

export function createSite(db: Db, actor: Actor, input: SiteInput): SiteView {
  requireRole(actor, ADMIN_ROLES);
  return writeTransaction(db, (tx) => writeSite(tx, actor, input));
}

/**
 * createSite's write and its audit entry, inside a transaction the caller holds (a use case that
 * makes a site as one of its steps, such as a period offer's unit). The caller checks the role.
 */
export function writeSite(tx: Tx, actor: Actor, input: SiteInput): SiteView {
  const site = insertSite(tx, {
    id: newId(),
    name: input.name.trim(),
    commune: input.commune.trim(),
    address: input.address.trim(),
    confidential: input.confidential,
    kind: input.kind ?? 'apartment',
    createdAt: nowMs()
  });
  audit(tx, actor, 'site.create', 'site', site.id, { kind: site.kind, confidential: site.confidential });
  return siteView(site);
}

function siteView(s: SiteRow): SiteView {
  return { id: s.id, name: s.name, commune: s.commune, confidential: s.confidential, address: s.address, kind: s.kind as SiteKind };
}

export interface UnitInput {
  siteId: string;
  name: string;
  capacity: number;
  programmes: Programme[];
  accessible?: boolean;
  typology?: string | null;
  /** Euros per night, where a night is paid. */
  nightlyCost?: number | null;
  /** The public a social residence unit is reserved for; null: none. */
  reservedFor?: UnitReservation | null;
  /** Funded by the ALT grant from the night it enters service on. */
  alt?: boolean;
}

export function createUnit(db: Db, actor: Actor, input: UnitInput) {
  requireRole(actor, ADMIN_ROLES);
  return writeTransaction(db, (tx) => writeUnit(tx, actor, input));
}

/** createUnit's write and its audit entry, inside a transaction the caller holds; the caller checks the role. */
export function writeUnit(tx: Tx, actor: Actor, input: UnitInput) {
  if (!findSite(tx, input.siteId)) throw new AppError('not_found', 'no such site');
  checkReservation(input.reservedFor ?? null, input.programmes);
  const unit = insertUnit(tx, {
    id: newId(),
    seq: nextUnitSeq(tx),
    siteId: input.siteId,
    name: input.name.trim(),
    capacity: input.capacity,
    typology: input.typology ?? null,
    accessible: input.accessible ?? false,
    programmes: [...new Set(input.programmes)],
    nightlyCostCents: input.nightlyCost == null ? null : Math.round(input.nightlyCost * 100),
    reservedFor: input.reservedFor ?? null,
    alt: input.alt ?? false,
    createdAt: nowMs()
  }, tonight());
  audit(tx, actor, 'unit.create', 'unit', unit.id, { siteId: unit.siteId, alt: unit.alt });
  return {
    id: unit.id,
    siteId: unit.siteId,
    name: unit.name,
    capacity: unit.capacity,
    programmes: unit.programmes,
    accessible: unit.accessible,
    typology: unit.typology,
    nightlyCost: unit.nightlyCostCents === null ? null : unit.nightlyCostCents / 100,
    reservedFor: unit.reservedFor ?? null,
    alt: unit.alt
  };
}

/** Only a unit of the social residence may be reserved for a public (its waiting list ranks by it): 422 otherwise. */
export function checkReservation(reservedFor: UnitReservation | null, programmes: readonly Programme[]): void {
  if (reservedFor !== null && !programmes.includes('social_residence')) {
    throw new AppError('invalid', 'only a social residence unit is reserved for a public', { errors: [{ path: 'reservedFor', message: 'needs the social_residence programme' }] });
  }
}

/** Staff's view of a unit: the address of a confidential site only for admins and duty officers. */
function staffUnitView(u: UnitWithSite, withAddress: boolean) {
  return {
    id: u.id,
    name: u.name,
    capacity: u.capacity,
    programmes: u.programmes,
    accessible: u.accessible,
    typology: u.typology,
    nightlyCost: u.nightlyCostCents === null ? null : u.nightlyCostCents / 100,
    reservedFor: u.reservedFor ?? null,
    alt: u.alt,
    site: {
      id: u.site.id,
      name: u.site.name,
      commune: u.site.commune,
      confidential: u.site.confidential,
      kind: u.site.kind,
      ...((withAddress || !u.site.confidential) && { address: u.site.address })
    }
  };
}

/** A partner's view of a unit, built for partners: a public site, no cost, no typology detail. */
function partnerUnitView(u: UnitWithSite) {
  return {
    id: u.id,
    name: u.name,
    capacity: u.capacity,
    programmes: u.programmes,
    accessible: u.accessible,
    site: { id: u.site.id, name: u.site.name, commune: u.site.commune, confidential: false as const, kind: u.site.kind, address: u.site.address }
  };
}

/** Active units. A partner receives no unit of a confidential site at all. */
export function listUnits(db: Db, actor: Actor) {
  if (isStaff(actor.role)) {
    const withAddress = canSeeConfidentialAddress(actor.role);
    return listUnitsWithSites(db, { includeConfidential: true }).map((u) => staffUnitView(u, withAddress));
  }
  // Partners never see a private landlord's period offer.
  return listUnitsWithSites(db, { includeConfidential: false })
    .filter((u) => u.site.kind !== 'private')
    .map(partnerUnitView);
}
