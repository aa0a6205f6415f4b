// The communes of the territory (by INSEE code) and their legal populations, which an admin keeps:
// the reports count demand and placements per commune of origin and per 1,000 inhabitants.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export interface CommuneRow {
  insee: string;
  name: string;
  population: number | null;
  populationYear: number | null;
  populationSource: string | null;
  updatedAt: number;
}

/** Every commune of the territory, by name. */
export function listCommunes(db: DbOrTx): CommuneRow[] {
  return prepared(
    db,
    `SELECT insee, name, population, population_year AS populationYear, population_source AS populationSource, updated_at AS updatedAt
       FROM communes ORDER BY name COLLATE NOCASE, insee`
  ).all() as CommuneRow[];
}

export function findCommune(db: DbOrTx, insee: string): CommuneRow | undefined {
  return prepared(
    db,
    `SELECT insee, name, population, population_year AS populationYear, population_source AS populationSource, updated_at AS updatedAt
       FROM communes WHERE insee = ?`
  ).get(insee) as CommuneRow | undefined;
}

/** Sets a commune's legal population, its census year and its source; false when there is no such commune. */
export function updateCommunePopulation(db: DbOrTx, insee: string, set: { population: number; year: number; source: string | null }, at: number): boolean {
  return (
    prepared(db, `UPDATE communes SET population = ?, population_year = ?, population_source = ?, updated_at = ? WHERE insee = ?`).run(
      set.population,
      set.year,
      set.source,
      at,
      insee
    ).changes === 1
  );
}
