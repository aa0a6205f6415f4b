// The waiting list's reasons in words: every code the domain returns, in French and in English.
import { describe, expect, it } from 'vitest';
import { rankWaitingList, type WaitingReason } from '../../src/domain/residence.ts';
import { messages } from '../../src/lib/i18n/index.ts';

function say(reason: WaitingReason, locale: 'fr' | 'en'): string {
  const words = messages(locale).residence.waitingReasons;
  switch (reason.code) {
    case 'reserved_public':
      return words.reserved_public(reason.params);
    case 'dv_household':
      return words.dv_household(reason.params);
    case 'emergency_stay_ending':
      return words.emergency_stay_ending(reason.params);
    case 'waited':
      return words.waited(reason.params);
  }
}

const cases: { reason: WaitingReason; fr: string; en: string }[] = [
  {
    reason: { code: 'reserved_public', params: { public: 'young_worker' } },
    fr: 'Logement réservé aux jeunes travailleurs : la demande relève de ce public.',
    en: 'Unit reserved for young workers: the application belongs to that public.'
  },
  { reason: { code: 'dv_household', params: {} }, fr: 'Ménage victime de violences conjugales.', en: 'Household fleeing domestic violence.' },
  {
    reason: { code: 'emergency_stay_ending', params: { end: '2027-05-10', daysLeft: 9 } },
    fr: 'Sa mise à l’abri se termine le 10 mai 2027, dans 9 jours.',
    en: 'Their emergency stay ends on 10 May 2027, in 9 days.'
  },
  {
    reason: { code: 'emergency_stay_ending', params: { end: '2027-05-02', daysLeft: 1 } },
    fr: 'Sa mise à l’abri se termine le 2 mai 2027, dans 1 jour.',
    en: 'Their emergency stay ends on 2 May 2027, in 1 day.'
  },
  { reason: { code: 'emergency_stay_ending', params: { end: '2027-05-01', daysLeft: 0 } }, fr: 'Sa mise à l’abri se termine aujourd’hui.', en: 'Their emergency stay ends today.' },
  { reason: { code: 'waited', params: { days: 89, since: '2027-02-01' } }, fr: 'Attend depuis 89 jours (depuis le 1 février 2027).', en: 'Waiting for 89 days (since 1 February 2027).' },
  { reason: { code: 'waited', params: { days: 0, since: '2027-05-01' } }, fr: 'Attend depuis 0 jour (depuis le 1 mai 2027).', en: 'Waiting for 0 days (since 1 May 2027).' }
];

describe('the waiting list’s reasons in words', () => {
  it.each(cases)('$reason.code $reason.params', ({ reason, fr, en }) => {
    expect.hasAssertions();
    expect(say(reason, 'fr')).toBe(fr);
    expect(say(reason, 'en')).toBe(en);
  });

  it('words every reason the ranking gives', () => {
    expect.hasAssertions();
    const ranked = rankWaitingList(
      [
        { id: 'a', public: 'young_worker', since: '2027-04-01', emergencyStayEnd: null },
        { id: 'b', public: 'dv', since: '2027-03-01', emergencyStayEnd: '2027-05-03' }
      ],
      { reservedFor: 'young_worker' },
      '2027-05-01'
    );
    const codes = new Set(ranked.flatMap((r) => r.reasons.map((x) => x.code)));
    expect([...codes].sort()).toEqual(['dv_household', 'emergency_stay_ending', 'reserved_public', 'waited']);
    for (const r of ranked.flatMap((x) => x.reasons)) {
      expect(say(r, 'fr')).toMatch(/\.$/);
      expect(say(r, 'en')).toMatch(/\.$/);
    }
  });
});
