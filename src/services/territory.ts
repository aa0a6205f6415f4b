// The territory and what an admin keeps about it for the reports: the communes' legal populations,
// where a household, a referral or an application comes from (its commune of origin), the kind of
// each organisation that sends referrals, and the DV protocol's budget for each year. Where a
// household comes from is checked by ./origin.ts.
import { AppError } from '#domain/errors.ts';
import { ADMIN_ROLES } from '#domain/programmes.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '#domain/territory.ts';
import type { Db } from '#db/client.ts';
import { findCommune, listCommunes, updateCommunePopulation, type CommuneRow } from '#db/queries/communes.ts';
import { findOrganisation, findOrganisationByName, insertOrganisation, listOrganisations, setOrganisationKind as writeOrganisationKind } from '#db/queries/organisations.ts';
import { listProtocolBudgets, upsertProtocolBudget } from '#db/queries/protocol-budgets.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs } from './clock.ts';
import { protocolBudgetCents } from './protocol.ts';
import { newId, writeTransaction } from './transaction.ts';

// —— Communes' populations (admin) ————————————————————————————————————————————————

export function listCommunesForAdmin(db: Db, actor: Actor): CommuneRow[] {
  requireRole(actor, ADMIN_ROLES);
  return listCommunes(db);
}

export interface CommunePopulationInput {
  insee: string;
  population: number;
  year: number;
  source?: string | null;
}

/** An admin sets a commune's legal population (a new census each January), with its year and source; audited. */
export function setCommunePopulation(db: Db, actor: Actor, input: CommunePopulationInput): CommuneRow {
  requireRole(actor, ADMIN_ROLES);
  const errors: { path: string; message: string }[] = [];
  if (!Number.isInteger(input.population) || input.population < 0) errors.push({ path: 'population', message: 'not_negative' });
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2999) errors.push({ path: 'year', message: 'year_range' });
  if (errors.length) throw new AppError('invalid', 'a population is a whole number of inhabitants, 0 or more, of a census year between 1900 and 2999', { errors });
  return writeTransaction(db, (tx) => {
    const before = findCommune(tx, input.insee);
    if (!before) throw new AppError('not_found', 'no such commune');
    updateCommunePopulation(tx, input.insee, { population: input.population, year: input.year, source: input.source?.trim() || null }, nowMs());
    audit(tx, actor, 'commune.population', 'commune', input.insee, {
      from: before.population,
      to: input.population,
      year: input.year
    });
    return findCommune(tx, input.insee)!;
  });
}

// —— Organisations' kinds (admin) ———————————————————————————————————————————————

export interface AdminOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

export function listOrganisationsWithKinds(db: Db, actor: Actor): AdminOrganisation[] {
  requireRole(actor, ADMIN_ROLES);
  return listOrganisations(db).map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
}

/**
 * An admin adds an organisation (a referring partner, before any of its accounts), of a kind; audited.
 * A name already taken is 422.
 */
export function createOrganisation(db: Db, actor: Actor, input: { name: string; kind: string }): AdminOrganisation {
  requireRole(actor, ADMIN_ROLES);
  const kind = checkOrganisationKind(input.kind);
  const name = input.name.trim();
  if (!name) throw new AppError('invalid', 'an organisation needs a name', { errors: [{ path: 'name', message: 'required' }] });
  return writeTransaction(db, (tx) => {
    if (findOrganisationByName(tx, name)) throw new AppError('invalid', 'an organisation already has this name', { errors: [{ path: 'name', message: 'name_taken' }] });
    const row = insertOrganisation(tx, { id: newId(), name, kind, createdAt: nowMs() });
    audit(tx, actor, 'organisation.create', 'organisation', row.id, { kind });
    return { id: row.id, name: row.name, kind: row.kind };
  });
}

/** A kind of organisation, 422 for anything else (one rule for the admin's form, the CLI and account creation). */
export function checkOrganisationKind(kind: string, path = 'kind'): OrganisationKind {
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    throw new AppError('invalid', `unknown kind of organisation "${kind}" (one of ${ORGANISATION_KINDS.join(', ')})`, { errors: [{ path, message: 'unknown_kind' }] });
  }
  return kind as OrganisationKind;
}

/** An admin says what kind of organisation one is (the source its referrals are counted by); audited. */
export function setOrganisationKind(db: Db, actor: Actor, organisationId: string, kind: string): AdminOrganisation {
  requireRole(actor, ADMIN_ROLES);
  const checked = checkOrganisationKind(kind);
  return writeTransaction(db, (tx) => {
    const before = findOrganisation(tx, organisationId);
    if (!before) throw new AppError('not_found', 'no such organisation');
    if (before.kind !== checked) {
      writeOrganisationKind(tx, organisationId, checked);
      audit(tx, actor, 'organisation.kind', 'organisation', organisationId, { from: before.kind, to: checked });
    }
    return { id: before.id, name: before.name, kind: checked };
  });
}

// —— The DV protocol's yearly budget (admin) —————————————————————————————————————————

export interface ProtocolBudgetRow {
  year: number;
  budgetCents: number;
}

/** The budgets an admin set, by year, and the default a year without one takes (PROTOCOL_BUDGET_EUROS). */
export function listProtocolBudgetsForAdmin(db: Db, actor: Actor): { budgets: ProtocolBudgetRow[]; defaultCents: number } {
  requireRole(actor, ADMIN_ROLES);
  return { budgets: listProtocolBudgets(db), defaultCents: protocolBudgetCents() };
}

/** At most 10 million euros a year: a typing slip, not a budget. */
export const MAX_PROTOCOL_BUDGET_CENTS = 1_000_000_000;

/** An admin sets the protocol's budget for a year (in cents); audited with the amount before and after. */
export function setProtocolBudget(db: Db, actor: Actor, input: { year: number; budgetCents: number }): ProtocolBudgetRow {
  requireRole(actor, ADMIN_ROLES);
  const errors: { path: string; message: string }[] = [];
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2999) errors.push({ path: 'year', message: 'year_range' });
  if (!Number.isInteger(input.budgetCents) || input.budgetCents < 0 || input.budgetCents > MAX_PROTOCOL_BUDGET_CENTS) errors.push({ path: 'budget', message: 'budget_range' });
  if (errors.length) throw new AppError('invalid', 'a budget is an amount of 0 to 10,000,000 euros for a year between 1900 and 2999', { errors });
  return writeTransaction(db, (tx) => {
    const before = listProtocolBudgets(tx).find((b) => b.year === input.year)?.budgetCents ?? null;
    upsertProtocolBudget(tx, input.year, input.budgetCents, actor.accountId, nowMs());
    audit(tx, actor, 'protocol_budget.set', 'protocol_budget', String(input.year), { from: before, to: input.budgetCents });
    return { year: input.year, budgetCents: input.budgetCents };
  });
}
