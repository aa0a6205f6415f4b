// Households: their rows, and households as records (search, one household, its stays). A
// confidential household's label never leaves this module through a search or a record: only
// revealLabel returns it.
import { eq } from 'drizzle-orm';
import type { Programme } from '#domain/programmes.ts';
import type { DbOrTx } from '../client.ts';
import { households } from '../schema.ts';
import { clientOf, prepared } from '../prepared.ts';

export type HouseholdRow = typeof households.$inferSelect;

/** A new household is never pseudonymised yet. */
export function insertHousehold(
  db: DbOrTx,
  input: Omit<HouseholdRow, 'pseudonymisedAt' | 'originCommune'> & Partial<Pick<HouseholdRow, 'originCommune'>>
): HouseholdRow {
  const row = { ...input, originCommune: input.originCommune ?? null };
  prepared(
    db,
    `INSERT INTO households (id, label, pseudonym, adults, children, needs, confidential, keep_apart_from_id, origin_commune, created_at)
     VALUES (@id, @label, @pseudonym, @adults, @children, @needs, @confidential, @keepApartFromId, @originCommune, @createdAt)`
  ).run({ ...row, needs: JSON.stringify(row.needs), confidential: row.confidential ? 1 : 0 });
  return { ...row, pseudonymisedAt: null };
}

export function findHousehold(db: DbOrTx, id: string): HouseholdRow | undefined {
  return db.select().from(households).where(eq(households.id, id)).get();
}

export function isPseudonymTaken(db: DbOrTx, pseudonym: string): boolean {
  return prepared(db, `SELECT 1 FROM households WHERE pseudonym = ?`).get(pseudonym) !== undefined;
}

/** Marks a household confidential (or lifts it, for an admin's decision made in the service). */
export function setHouseholdConfidential(db: DbOrTx, id: string, confidential: boolean): void {
  prepared(db, `UPDATE households SET confidential = ? WHERE id = ?`).run(confidential ? 1 : 0, id);
}

/**
 * The programmes a household is known under: those of its stays (of any status), housing_mission
 * when it is an applicant of the housing mission, social_residence when it applied to the social
 * residence. Who may see it follows from these.
 */
export function listHouseholdProgrammes(db: DbOrTx, id: string): string[] {
  return prepared(
    db,
    `SELECT programme FROM stays WHERE household_id = @id
     UNION SELECT 'housing_mission' FROM applicants WHERE household_id = @id
     UNION SELECT 'social_residence' FROM residence_applications WHERE household_id = @id`
  )
    .pluck()
    .all({ id }) as string[];
}

/** Whether the household applied to the social residence (its applicants and residents all did). */
export function isResidenceHousehold(db: DbOrTx, id: string): boolean {
  return prepared(db, `SELECT EXISTS (SELECT 1 FROM residence_applications WHERE household_id = ?)`).pluck().get(id) === 1;
}

/** Lower case without accents: « Lefèvre » and « LEFEVRE » both fold to « lefevre ». */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const registered = new WeakSet<object>();

/** SQLite's LIKE folds ASCII only; searches fold accents and case alike with this function. */
function ensureFold(db: DbOrTx): void {
  const client = clientOf(db);
  if (registered.has(client)) return;
  client.function('fold_text', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldText(s) : null));
  client.function('name_key', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? nameKey(s) : null));
  registered.add(client);
}

/** A full name folded for accents and case, its spaces collapsed: « Mme  LEFÈVRE » ≡ « mme lefevre ». */
export function nameKey(s: string): string {
  return foldText(s).replace(/\s+/gu, ' ').trim();
}

/** A LIKE pattern that matches `q` anywhere, with %, _ and \ taken literally. */
export function containsPattern(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface HouseholdSearchRow {
  id: string;
  pseudonym: string;
  /** Null for a confidential household, always. */
  label: string | null;
  confidential: number;
  adults: number;
  children: number;
  createdAt: number;
  stayId: string | null;
  stayStart: string | null;
  stayEnd: string | null;
  stayStatus: string | null;
  stayHoldExpiresAt: number | null;
  stayProgramme: Programme | null;
  unitName: string | null;
}

// The latest stay of each household: the one that starts last (then the one created last).
// @programmes (a JSON array, or null for every programme) keeps the households known under one of
// them (a stay, a mission application for housing_mission, a residence application for
// social_residence), and their stays of those only.
const SEARCH = `
SELECT h.id, h.pseudonym, CASE WHEN h.confidential = 1 THEN NULL ELSE h.label END AS label,
       h.confidential, h.adults, h.children, h.created_at AS createdAt,
       s.id AS stayId, s.start_date AS stayStart, s.end_date AS stayEnd, s.status AS stayStatus,
       s.hold_expires_at AS stayHoldExpiresAt, s.programme AS stayProgramme, u.name AS unitName
  FROM households h
  LEFT JOIN stays s ON s.id = (
    SELECT s2.id FROM stays s2
     WHERE s2.household_id = h.id AND (@programmes IS NULL OR s2.programme IN (SELECT value FROM json_each(@programmes)))
     ORDER BY s2.start_date DESC, s2.created_at DESC LIMIT 1)
  LEFT JOIN units u ON u.id = s.unit_id
 WHERE (@programmes IS NULL
        OR s.id IS NOT NULL
        OR ('housing_mission' IN (SELECT value FROM json_each(@programmes))
            AND EXISTS (SELECT 1 FROM applicants a WHERE a.household_id = h.id))
        OR ('social_residence' IN (SELECT value FROM json_each(@programmes))
            AND EXISTS (SELECT 1 FROM residence_applications ra WHERE ra.household_id = h.id)))
   AND (@pattern IS NULL
        OR fold_text(h.pseudonym) LIKE @pattern ESCAPE '\\'
        -- A label is searched only where it may be seen: a confidential household never matches its name.
        OR (h.confidential = 0 AND fold_text(h.label) LIKE @pattern ESCAPE '\\'))
 ORDER BY coalesce(s.start_date, '') DESC, h.created_at DESC
 LIMIT @limit`;

/**
 * Households whose pseudonym, or (non-confidential households only) label, contains `q`, folded for
 * accents and case; every household when `q` is null. The latest stay of each comes with it. With
 * `programmes`, only the households known under one of them, with their latest stay of those.
 */
export function searchHouseholdRows(db: DbOrTx, q: string | null, limit: number, programmes: readonly string[] | null = null): HouseholdSearchRow[] {
  ensureFold(db);
  return prepared(db, SEARCH).all({ pattern: q === null ? null : containsPattern(q), limit, programmes: programmes === null ? null : JSON.stringify(programmes) }) as HouseholdSearchRow[];
}

export interface HouseholdRecordRow {
  id: string;
  pseudonym: string;
  /** Null for a confidential household. */
  label: string | null;
  confidential: number;
  adults: number;
  children: number;
  needs: string;
  /** Where it comes from: an INSEE code of the territory, 'outside', or null (unknown). */
  originCommune: string | null;
  createdAt: number;
  /** When retention pseudonymised it; null while it is kept. */
  pseudonymisedAt: number | null;
}

export function findHouseholdRecord(db: DbOrTx, id: string): HouseholdRecordRow | undefined {
  return prepared(
    db,
    `SELECT id, pseudonym, CASE WHEN confidential = 1 THEN NULL ELSE label END AS label, confidential, adults, children,
            needs, origin_commune AS originCommune, created_at AS createdAt, pseudonymised_at AS pseudonymisedAt
       FROM households WHERE id = ?`
  ).get(id) as HouseholdRecordRow | undefined;
}

/** A household's real name, whatever its confidentiality: for the audited reveal only. */
export function revealLabel(db: DbOrTx, id: string): { label: string; confidential: number } | undefined {
  return prepared(db, `SELECT label, confidential FROM households WHERE id = ?`).get(id) as { label: string; confidential: number } | undefined;
}

export interface HouseholdStayRow {
  id: string;
  start: string;
  end: string;
  status: string;
  holdExpiresAt: number | null;
  programme: Programme;
  unitId: string;
  unitName: string;
  siteName: string;
  commune: string;
}

/** A household's stays, the latest first. */
export function listHouseholdStays(db: DbOrTx, householdId: string): HouseholdStayRow[] {
  return prepared(
    db,
    `SELECT s.id, s.start_date AS start, s.end_date AS end, s.status, s.hold_expires_at AS holdExpiresAt, s.programme,
            u.id AS unitId, u.name AS unitName, si.name AS siteName, si.commune
       FROM stays s JOIN units u ON u.id = s.unit_id JOIN sites si ON si.id = u.site_id
      WHERE s.household_id = ?
      ORDER BY s.start_date DESC, s.created_at DESC`
  ).all(householdId) as HouseholdStayRow[];
}

export interface ExactNameRow {
  id: string;
  pseudonym: string;
  adults: number;
  children: number;
  createdAt: number;
}

/**
 * Confidential households whose full name is exactly `name` (accents, case and spaces aside):
 * never a part of a name. For the audited search by exact name only; the label is not returned.
 */
export function findConfidentialByExactName(db: DbOrTx, name: string, limit: number): ExactNameRow[] {
  ensureFold(db);
  const key = nameKey(name);
  if (key === '') return [];
  return prepared(
    db,
    `SELECT id, pseudonym, adults, children, created_at AS createdAt
       FROM households WHERE confidential = 1 AND name_key(label) = ?
      ORDER BY created_at DESC LIMIT ?`
  ).all(key, limit) as ExactNameRow[];
}

/** The tables whose rows point at a household by `household_id`: each moves on a merge. */
const HOUSEHOLD_ROWS = ['stays', 'applicants', 'residence_applications', 'residence_contracts'] as const;
export type MergedRowKind = (typeof HOUSEHOLD_ROWS)[number] | 'keep_apart_links';

/**
 * Moves every row that points at `fromId` to `toId` (stays, the mission's applicants, residence
 * applications and contracts, and the keep-apart links of other households that name it), inside
 * the caller's transaction. Returns how many of each moved.
 */
export function moveHouseholdRows(db: DbOrTx, fromId: string, toId: string): Record<MergedRowKind, number> {
  const moved = {} as Record<MergedRowKind, number>;
  for (const table of HOUSEHOLD_ROWS) {
    moved[table] = prepared(db, `UPDATE ${table} SET household_id = @to WHERE household_id = @from`).run({ from: fromId, to: toId }).changes;
  }
  moved.keep_apart_links = prepared(db, `UPDATE households SET keep_apart_from_id = @to WHERE keep_apart_from_id = @from AND id <> @to`).run({ from: fromId, to: toId }).changes;
  return moved;
}

/** Sets (or clears) the household a household must be kept apart from. */
export function setKeepApartFrom(db: DbOrTx, id: string, keepApartFromId: string | null): void {
  prepared(db, `UPDATE households SET keep_apart_from_id = ? WHERE id = ?`).run(keepApartFromId, id);
}

/** Sets a household's needs (a JSON array). */
export function setHouseholdNeeds(db: DbOrTx, id: string, needs: readonly string[]): void {
  prepared(db, `UPDATE households SET needs = ? WHERE id = ?`).run(JSON.stringify(needs), id);
}

/** Removes a household no row points at any more (after a merge). */
export function deleteHousehold(db: DbOrTx, id: string): void {
  prepared(db, `DELETE FROM households WHERE id = ?`).run(id);
}

/** The household that bears this pseudonym (case aside), if any. */
export function findHouseholdIdByPseudonym(db: DbOrTx, pseudonym: string): string | undefined {
  return prepared(db, `SELECT id FROM households WHERE upper(pseudonym) = upper(?)`).pluck().get(pseudonym) as string | undefined;
}

/** How many stays a household has (any status). */
export function countHouseholdStays(db: DbOrTx, id: string): number {
  return prepared(db, `SELECT count(*) FROM stays WHERE household_id = ?`).pluck().get(id) as number;
}

/** Sets where a household comes from: an INSEE code of the territory, 'outside', or null (unknown). */
export function setHouseholdOrigin(db: DbOrTx, id: string, originCommune: string | null): void {
  prepared(db, `UPDATE households SET origin_commune = ? WHERE id = ?`).run(originCommune, id);
}
