// The DV protocol's budget per year, as an admin set it (a year without a row uses the default setting).
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export function findProtocolBudgetCents(db: DbOrTx, year: number): number | undefined {
  return prepared(db, `SELECT budget_cents FROM protocol_budgets WHERE year = ?`).pluck().get(year) as number | undefined;
}

export function upsertProtocolBudget(db: DbOrTx, year: number, budgetCents: number, updatedBy: string, at: number): void {
  prepared(
    db,
    `INSERT INTO protocol_budgets (year, budget_cents, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (year) DO UPDATE SET budget_cents = excluded.budget_cents, updated_by = excluded.updated_by, updated_at = excluded.updated_at`
  ).run(year, budgetCents, updatedBy, at);
}

export function listProtocolBudgets(db: DbOrTx): { year: number; budgetCents: number }[] {
  return prepared(db, `SELECT year, budget_cents AS budgetCents FROM protocol_budgets ORDER BY year`).all() as { year: number; budgetCents: number }[];
}
