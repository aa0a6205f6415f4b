// A declined or redirected referral is unmet demand under a closed reason code, whether the
// decision came from the referral page (a reason from the list) or the API (a code, or words):
// the code comes first in what is stored, so reports count it and retention keeps it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unmetReasonCode } from '../../src/domain/report-activity.ts';
import { DECISION_REASONS, unmetReasonOfDecision } from '../../src/domain/referral-lifecycle.ts';
import { eraseUnmetDemandNotes } from '../../db/queries/retention.ts';
import { parseDecisionForm } from '../../src/lib/server/referrals.ts';
import { createReferral, decideReferral } from '../../src/services/referrals.ts';
import { fixClock, makeWorld, resetClock, type World } from './helpers.ts';

let w: World;
beforeEach(() => {
  fixClock();
  w = makeWorld();
});
afterEach(() => {
  resetClock();
  w.cleanup();
});

function referral(): string {
  return createReferral(w.db, w.actors.partner, {
    programme: 'emergency',
    urgency: 'immediate',
    requestedStart: '2027-03-10',
    nights: 3,
    household: { adults: 1, children: 1 },
    referrer: { contact: 'Adjudant Roux', phone: '04 67 00 00 00' }
  }).id;
}
const unmetOf = (referralId: string) => w.db.$client.prepare('SELECT id, reason FROM unmet_demands WHERE referral_id = ?').get(referralId) as { id: string; reason: string };

describe('the closed reason of a refused referral', () => {
  it.each([
    ['no_place_tonight', 'no_place'],
    ['no_place_of_size', 'no_place_of_that_size'],
    ['out_of_scope', 'out_of_scope'],
    ['redirected_115', 'other'],
    ['redirected_service', 'other'],
    ['other', 'other']
  ] as const)('from the referral page, « %s » counts as %s, and stays so after retention', (code, unmet) => {
    const form = new FormData();
    form.set('outcome', code.startsWith('redirected') ? 'redirected' : 'declined');
    form.set('reasonCode', code);
    form.set('note', 'famille de sept');
    const parsed = parseDecisionForm(form);
    expect(parsed.ok).toBe(true);
    const id = referral();
    decideReferral(w.db, w.actors.duty_officer, id, parsed.ok ? parsed.data : { outcome: 'declined' });
    const row = unmetOf(id);
    expect(row.reason.startsWith(`${unmet}: `)).toBe(true);
    expect(unmetReasonCode(row.reason)).toBe(unmet);
    // Retention erases the words and keeps the code.
    eraseUnmetDemandNotes(w.db, [row.id]);
    expect(unmetOf(id).reason).toBe(unmet);
    expect(unmetReasonCode(unmetOf(id).reason)).toBe(unmet);
  });

  it('through the API, a reason code counts under its code, and words without one count as other', () => {
    const coded = referral();
    decideReferral(w.db, w.actors.duty_officer, coded, { outcome: 'declined', reasonCode: 'no_place_of_size', reason: 'trop grande famille' });
    expect(unmetReasonCode(unmetOf(coded).reason)).toBe('no_place_of_that_size');
    const worded = referral();
    decideReferral(w.db, w.actors.duty_officer, worded, { outcome: 'declined', reason: 'Pas de place ce soir' });
    expect(unmetReasonCode(unmetOf(worded).reason)).toBe('other');
    const codeInWords = referral();
    decideReferral(w.db, w.actors.duty_officer, codeInWords, { outcome: 'redirected', reason: 'out_of_scope: relève du 115' });
    expect(unmetReasonCode(unmetOf(codeInWords).reason)).toBe('out_of_scope');
  });

  it('every decision reason has its unmet reason', () => {
    expect(DECISION_REASONS.map((c) => unmetReasonOfDecision(c))).toEqual(['no_place', 'no_place_of_that_size', 'out_of_scope', 'other', 'other', 'other']);
  });
});
