// The referral pages' forms read with the API's schemas: the decision form (a reason from the list
// and a note make the decision's reason, at most 500 characters in all) and the intake form (its
// fields named without the schema's "household." and "referrer." prefixes).
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { parseDecisionForm, parseReferralForm } from '../../src/lib/server/referrals.ts';

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

type Expected = { ok: true; reason: string | undefined } | { ok: false; paths: string[] };

describe('parseDecisionForm', () => {
  it.each<[string, Record<string, string>, Expected]>([
    ['accepted, no note', { outcome: 'accepted' }, { ok: true, reason: undefined }],
    ['declined with a reason from the list', { outcome: 'declined', reasonCode: 'no_place_tonight' }, { ok: true, reason: 'Pas de place ce soir' }],
    ['redirected, « Autre » with its note', { outcome: 'redirected', reasonCode: 'other', note: 'vers le CHRS' }, { ok: true, reason: 'Autre: vers le CHRS' }],
    ['declined without a reason', { outcome: 'declined' }, { ok: false, paths: ['reasonCode'] }],
    ['« Autre » without its note', { outcome: 'declined', reasonCode: 'other' }, { ok: false, paths: ['note'] }],
    ['an outcome not in the list', { outcome: 'placed' }, { ok: false, paths: ['outcome'] }],
    ['a note of 500 characters alone', { outcome: 'withdrawn', note: 'x'.repeat(500) }, { ok: true, reason: 'x'.repeat(500) }],
    ['a note of 501 characters', { outcome: 'withdrawn', note: 'x'.repeat(501) }, { ok: false, paths: ['note'] }],
    ['a label and a note past 500 characters together', { outcome: 'declined', reasonCode: 'other', note: 'x'.repeat(495) }, { ok: false, paths: ['note'] }]
  ])('%s', (_name, fields, expected) => {
    const parsed = parseDecisionForm(form(fields));
    if (expected.ok) expect(parsed.ok && parsed.data.reason).toBe(expected.reason ?? undefined);
    else expect(!parsed.ok && parsed.errors.map((e) => e.path)).toEqual(expected.paths);
  });
});

describe('parseReferralForm', () => {
  const duty: Actor = { accountId: 'a', role: 'duty_officer', organisationId: null, ip: '127.0.0.1' };
  const partner: Actor = { accountId: 'p', role: 'partner', organisationId: 'o', ip: '127.0.0.1' };
  const fields = { programme: 'emergency', urgency: 'immediate', requestedStart: '2027-03-02', nights: '2', adults: '1', children: '2', needs: ['pets', 'nonsense'], contact: 'Adjudant Martin', phone: '04 67 00 00 17', organisation: '', organisationOther: 'Mairie de Lunel' };

  it("builds the API's input: the household and the referrer nested, who called for a duty officer", () => {
    const parsed = parseReferralForm(form(fields), duty);
    expect(parsed.ok && parsed.data).toMatchObject({ household: { adults: 1, children: 2 }, referrer: { organisation: 'Mairie de Lunel', contact: 'Adjudant Martin' }, nights: 2 });
    expect(parsed.values.needs).toEqual(['pets']);
  });

  it("a partner's organisation is not read from the form", () => {
    const parsed = parseReferralForm(form({ ...fields, organisation: 'Autre organisme' }), partner);
    expect(parsed.ok && parsed.data.referrer.organisation).toBeUndefined();
  });

  it('refuses under the form names, and gives back what was typed', () => {
    const parsed = parseReferralForm(form({ ...fields, adults: '21', phone: 'inconnu', notes: 'x'.repeat(501) }), duty);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path).sort()).toEqual(['adults', 'notes', 'phone']);
    expect(parsed.values).toMatchObject({ adults: '21', phone: 'inconnu', children: '2' });
  });
});
