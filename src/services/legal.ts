// The legal notice, the privacy notice's contacts and the accessibility statement's audit: public
// reading (the three pages are open to anyone, signed in or not; every page's footer gives the
// accessibility status), and an admin's settings. Each write is audited with the keys it changed,
// never their values (a director of publication's name is not for the log).
import { deleteLegalSetting, findLegalSetting, listLegalSettings, upsertLegalSetting } from '#db/queries/legal-settings.ts';
import type { Db, DbOrTx } from '#db/client.ts';
import { isValidDate, type IsoDate } from '#domain/dates.ts';
import { AppError, type FieldError } from '#domain/errors.ts';
import { complianceStatus, LEGAL_SETTING_KEYS, LEGAL_TEXT_MAX, type ComplianceStatus, type LegalSettingKey } from '#domain/legal.ts';
import { ADMIN_ROLES } from '#domain/programmes.ts';
import { requireRole, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { nowMs, today } from './clock.ts';
import { writeTransaction } from './transaction.ts';

/** Every setting, null while not filled in. */
export interface LegalSettings {
  publisherName: string | null;
  publisherAddress: string | null;
  publisherContact: string | null;
  publicationDirector: string | null;
  hostName: string | null;
  hostAddress: string | null;
  hostContact: string | null;
  dpoContact: string | null;
  accessibilityContact: string | null;
  /** The last RGAA audit's rate of criteria met, in percent; null: no audit. */
  auditRate: number | null;
  auditDate: IsoDate | null;
  auditBy: string | null;
}

/** What the three public pages and the footer read. */
export interface LegalNotice extends LegalSettings {
  status: ComplianceStatus;
}

function fromRows(rows: readonly { key: string; value: string }[]): LegalSettings {
  const out = Object.fromEntries(LEGAL_SETTING_KEYS.map((k) => [k, null])) as Record<LegalSettingKey, string | null>;
  for (const r of rows) if ((LEGAL_SETTING_KEYS as readonly string[]).includes(r.key)) out[r.key as LegalSettingKey] = r.value;
  const rate = out.auditRate === null ? null : Number(out.auditRate);
  return { ...out, auditRate: rate !== null && Number.isFinite(rate) ? rate : null, auditDate: out.auditDate as IsoDate | null };
}

/** The settings as the public pages show them (anyone may read them: they are published). */
export function readLegalNotice(db: DbOrTx): LegalNotice {
  const settings = fromRows(listLegalSettings(db));
  return { ...settings, status: complianceStatus(settings.auditRate) };
}

/** The accessibility status every page's footer gives: one small read. */
export function accessibilityStatus(db: DbOrTx): ComplianceStatus {
  const rate = findLegalSetting(db, 'auditRate');
  return complianceStatus(rate === undefined ? null : Number(rate));
}

/** The settings for the admin's form. */
export function getLegalSettingsForAdmin(db: Db, actor: Actor): LegalNotice {
  requireRole(actor, ADMIN_ROLES);
  return readLegalNotice(db);
}

/** What an admin posts: every field, a blank or missing one meaning « not filled in ». */
export type LegalSettingsChange = Partial<{ [K in LegalSettingKey]: K extends 'auditRate' ? number | null : string | null }>;

/** The stored text of each setting from the change, after its rules; throws `invalid` with every field at fault. */
function checked(input: LegalSettingsChange): Record<LegalSettingKey, string | null> {
  const errors: FieldError[] = [];
  const out = {} as Record<LegalSettingKey, string | null>;
  for (const key of LEGAL_SETTING_KEYS) {
    if (key === 'auditRate') continue;
    const raw = input[key];
    const value = typeof raw === 'string' ? raw.trim() : null;
    if (value !== null && value.length > LEGAL_TEXT_MAX) errors.push({ path: key, message: 'too_long' });
    out[key] = value === '' ? null : value;
  }
  const rate = input.auditRate ?? null;
  // A rate of criteria met: 0 to 100, to a tenth at most (« 72,5 % »).
  if (rate !== null && (!Number.isFinite(rate) || rate < 0 || rate > 100 || Math.round(rate * 10) !== rate * 10)) errors.push({ path: 'auditRate', message: 'rate_range' });
  out.auditRate = rate === null ? null : String(rate);
  const date = out.auditDate;
  if (date !== null && (!isValidDate(date) || date > today())) errors.push({ path: 'auditDate', message: 'audit_date' });
  // An audit is a rate and the day it was measured: one without the other says nothing.
  if ((rate === null) !== (date === null)) errors.push({ path: rate === null ? 'auditRate' : 'auditDate', message: 'audit_pair' });
  if (out.auditBy !== null && rate === null) errors.push({ path: 'auditRate', message: 'audit_pair' });
  if (errors.length) throw new AppError('invalid', `invalid: ${errors.map((e) => `${e.path} (${e.message})`).join(', ')}`, { errors });
  return out;
}

/** An admin sets the legal settings (all at once); returns the keys that changed. Audited with those keys only. */
export function setLegalSettings(db: Db, actor: Actor, input: LegalSettingsChange): { changed: LegalSettingKey[] } {
  requireRole(actor, ADMIN_ROLES);
  const next = checked(input);
  return writeTransaction(db, (tx) => {
    const before = new Map(listLegalSettings(tx).map((r) => [r.key, r.value]));
    const changed = LEGAL_SETTING_KEYS.filter((k) => (before.get(k) ?? null) !== next[k]);
    const at = nowMs();
    for (const key of changed) {
      const value = next[key];
      if (value === null) deleteLegalSetting(tx, key);
      else upsertLegalSetting(tx, key, value, actor.accountId, at);
    }
    if (changed.length) audit(tx, actor, 'legal_settings.set', 'legal_settings', null, { keys: changed });
    return { changed };
  });
}
