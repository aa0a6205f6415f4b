// Where a household, a referral or an application comes from: a commune of the territory (its
// INSEE code, one of the communes an admin keeps), outside the territory, or unknown.
import { AppError } from '#domain/errors.ts';
import { ORIGIN_OUTSIDE } from '#domain/territory.ts';
import type { DbOrTx } from '#db/client.ts';
import { findCommune, listCommunes } from '#db/queries/communes.ts';

/** The communes a form offers as origins, by name (no personal data: every signed-in form may list them). */
export function communeChoices(db: DbOrTx): { insee: string; name: string }[] {
  return listCommunes(db).map((c) => ({ insee: c.insee, name: c.name }));
}

/**
 * A commune of origin as stored: an INSEE code of a commune of the territory, 'outside', or null
 * (unknown: left out, empty). A code that names no commune of the territory is 422.
 */
export function checkOriginCommune(db: DbOrTx, value: string | null | undefined, path = 'originCommune'): string | null {
  const code = value?.trim() ?? '';
  if (code === '') return null;
  if (code === ORIGIN_OUTSIDE) return ORIGIN_OUTSIDE;
  if (!findCommune(db, code)) {
    throw new AppError('invalid', `"${code}" is not the INSEE code of a commune of the territory (give one of its communes, "outside" or nothing)`, {
      errors: [{ path, message: 'unknown_commune' }]
    });
  }
  return code;
}

