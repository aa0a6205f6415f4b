// The legal notice's settings (the publisher, the host, the contacts, the last accessibility audit):
// only an admin reads them for editing and writes them; every other role is refused before anything
// is written; a bad value is refused with every field at fault and nothing written; a write is
// audited with the keys it changed, never their values; anyone reads the published notice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/programmes.ts';
import { accessibilityStatus, getLegalSettingsForAdmin, readLegalNotice, setLegalSettings, type LegalSettingsChange } from '../../src/services/legal.ts';
import { countRows, expectAppError, fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock(); // today is 2027-03-01
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

const FILLED: LegalSettingsChange = {
  publisherName: 'CIAS du Pays de Lunel',
  publisherAddress: '1 place de la mairie\n34400 Lunel',
  publicationDirector: 'La présidente du CIAS',
  hostName: 'Hébergeur public',
  dpoContact: 'dpo@cias.example.fr',
  accessibilityContact: 'accessibilite@cias.example.fr'
};

describe('who may change the settings', () => {
  for (const role of ROLES) {
    const may = role === 'admin';
    it(`${role} ${may ? 'may' : 'may not'} read them for editing and write them`, () => {
      if (may) {
        expect(setLegalSettings(w.db, w.actors[role], FILLED).changed).toHaveLength(6);
        expect(getLegalSettingsForAdmin(w.db, w.actors[role]).publisherName).toBe('CIAS du Pays de Lunel');
      } else {
        expectAppError(() => setLegalSettings(w.db, w.actors[role], FILLED), 'forbidden');
        expectAppError(() => getLegalSettingsForAdmin(w.db, w.actors[role]), 'forbidden');
        expect(countRows(w, 'legal_settings')).toBe(0);
        expect(w.db.$client.prepare(`SELECT count(*) FROM audit_entries WHERE entity = 'legal_settings'`).pluck().get()).toBe(0);
      }
    });
  }
});

describe('bad values: every field at fault, nothing written', () => {
  const BAD: [string, LegalSettingsChange, string, string][] = [
    ['a rate above 100', { auditRate: 100.5, auditDate: '2027-02-01' }, 'auditRate', 'rate_range'],
    ['a negative rate', { auditRate: -1, auditDate: '2027-02-01' }, 'auditRate', 'rate_range'],
    ['a rate finer than a tenth', { auditRate: 72.55, auditDate: '2027-02-01' }, 'auditRate', 'rate_range'],
    ['a rate that is not a number', { auditRate: Number.NaN, auditDate: '2027-02-01' }, 'auditRate', 'rate_range'],
    ['a rate without its date', { auditRate: 80 }, 'auditDate', 'audit_pair'],
    ['a date without its rate', { auditDate: '2027-02-01' }, 'auditRate', 'audit_pair'],
    ['an auditor without an audit', { auditBy: 'Cabinet X' }, 'auditRate', 'audit_pair'],
    ['an audit in the future', { auditRate: 80, auditDate: '2027-03-02' }, 'auditDate', 'audit_date'],
    ['a date that does not exist', { auditRate: 80, auditDate: '2027-02-30' }, 'auditDate', 'audit_date'],
    ['a text too long', { hostName: 'x'.repeat(301) }, 'hostName', 'too_long']
  ];
  it.each(BAD)('%s', (_, input, path, message) => {
    setLegalSettings(w.db, w.actors.admin, FILLED);
    const before = w.db.$client.prepare('SELECT key, value FROM legal_settings ORDER BY key').all();
    const e = expectAppError(() => setLegalSettings(w.db, w.actors.admin, { ...FILLED, ...input }), 'invalid');
    expect(e.errors).toContainEqual({ path, message });
    expect(w.db.$client.prepare('SELECT key, value FROM legal_settings ORDER BY key').all()).toEqual(before);
  });

  it('the database refuses a key that is not a setting', () => {
    expect(() => w.db.$client.prepare(`INSERT INTO legal_settings (key, value, updated_at) VALUES ('publisherEmail', 'x', 0)`).run()).toThrow(/CHECK/);
  });
});

describe('writing and reading', () => {
  it('a blank field is not filled in; a change is audited with its keys, never its values', () => {
    setLegalSettings(w.db, w.actors.admin, FILLED);
    const { changed } = setLegalSettings(w.db, w.actors.admin, { ...FILLED, hostName: '  ', publicationDirector: 'Le président du CIAS' });
    expect(changed.sort()).toEqual(['hostName', 'publicationDirector']);
    const notice = readLegalNotice(w.db);
    expect(notice.hostName).toBeNull();
    expect(notice.publicationDirector).toBe('Le président du CIAS');
    expect(setLegalSettings(w.db, w.actors.admin, { ...FILLED, hostName: '', publicationDirector: 'Le président du CIAS' }).changed).toEqual([]);
    const entries = w.db.$client.prepare(`SELECT actor_id, action, detail FROM audit_entries WHERE entity = 'legal_settings' ORDER BY id`).all() as { actor_id: string; action: string; detail: string }[];
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.action === 'legal_settings.set' && e.actor_id === w.actors.admin.accountId)).toBe(true);
    expect(JSON.parse(entries[1].detail)).toEqual({ keys: ['publicationDirector', 'hostName'] });
    expect(entries.map((e) => e.detail).join(' ')).not.toMatch(/président|Lunel|dpo@/);
  });

  it('the accessibility status follows the last audit: none is « non conforme »', () => {
    expect(accessibilityStatus(w.db)).toBe('non_compliant');
    expect(readLegalNotice(w.db).status).toBe('non_compliant');
    setLegalSettings(w.db, w.actors.admin, { auditRate: 72.5, auditDate: '2027-02-01', auditBy: 'Cabinet X' });
    expect(accessibilityStatus(w.db)).toBe('partial');
    expect(readLegalNotice(w.db)).toMatchObject({ auditRate: 72.5, auditDate: '2027-02-01', auditBy: 'Cabinet X', status: 'partial' });
    setLegalSettings(w.db, w.actors.admin, { auditRate: 100, auditDate: '2027-03-01' });
    expect(accessibilityStatus(w.db)).toBe('full');
    setLegalSettings(w.db, w.actors.admin, {});
    expect(accessibilityStatus(w.db)).toBe('non_compliant');
    expect(countRows(w, 'legal_settings')).toBe(0);
  });
});
