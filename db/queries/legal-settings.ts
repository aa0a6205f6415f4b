// The legal notice's settings an admin filled in (src/domain/legal.ts): one row per key.
import type { DbOrTx } from '../client.ts';
import { prepared } from '../prepared.ts';

export function listLegalSettings(db: DbOrTx): { key: string; value: string }[] {
  return prepared(db, `SELECT key, value FROM legal_settings ORDER BY key`).all() as { key: string; value: string }[];
}

export function findLegalSetting(db: DbOrTx, key: string): string | undefined {
  return prepared(db, `SELECT value FROM legal_settings WHERE key = ?`).pluck().get(key) as string | undefined;
}

export function upsertLegalSetting(db: DbOrTx, key: string, value: string, updatedBy: string, at: number): void {
  prepared(
    db,
    `INSERT INTO legal_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`
  ).run(key, value, updatedBy, at);
}

export function deleteLegalSetting(db: DbOrTx, key: string): void {
  prepared(db, `DELETE FROM legal_settings WHERE key = ?`).run(key);
}
