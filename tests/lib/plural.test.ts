// Plurals by each language's rules (Intl.PluralRules): French says 0 and 1 in the singular, English
// only 1. One table for the helper, and the dictionaries' sentences that use it.
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/lib/i18n/index.ts';
import { count, plural } from '../../src/lib/i18n/plural.ts';

describe('plural and count', () => {
  it.each([
    { locale: 'fr', n: 0, form: 'one', text: '0 nuit' },
    { locale: 'fr', n: 1, form: 'one', text: '1 nuit' },
    { locale: 'fr', n: 2, form: 'other', text: '2 nuits' },
    { locale: 'fr', n: 1.5, form: 'one', text: '1.5 nuit' },
    { locale: 'en', n: 0, form: 'other', text: '0 nights' },
    { locale: 'en', n: 1, form: 'one', text: '1 night' },
    { locale: 'en', n: 2, form: 'other', text: '2 nights' }
  ] as const)('$locale, $n: $form', ({ locale, n, form, text }) => {
    expect.hasAssertions();
    const [one, other] = locale === 'fr' ? ['nuit', 'nuits'] : ['night', 'nights'];
    expect(plural(locale, n, 'one', 'other')).toBe(form);
    expect(count(locale, n, one, other)).toBe(text);
  });
});

describe('the dictionaries say plurals through it', () => {
  it.each([
    { n: 0, fr: '0 nuit', en: '0 nights' },
    { n: 1, fr: '1 nuit', en: '1 night' },
    { n: 2, fr: '2 nuits', en: '2 nights' }
  ])('nights, $n', ({ n, fr, en }) => {
    expect.hasAssertions();
    expect(messages('fr').common.nights(n)).toBe(fr);
    expect(messages('en').common.nights(n)).toBe(en);
  });

  it.each([
    { n: 0, fr: '0 compte de connexion actif', en: '0 active sign-in accounts' },
    { n: 1, fr: '1 compte de connexion actif', en: '1 active sign-in account' },
    { n: 2, fr: '2 comptes de connexion actifs', en: '2 active sign-in accounts' }
  ])('an agreement in two words (admin accounts), $n', ({ n, fr, en }) => {
    expect.hasAssertions();
    expect(messages('fr').admin.overview.accounts(n)).toBe(fr);
    expect(messages('en').admin.overview.accounts(n)).toBe(en);
  });

  it.each([
    { n: 0, fr: 'aucun logement libre', en: 'no free unit' },
    { n: 1, fr: '1 logement libre', en: '1 free unit' },
    { n: 2, fr: '2 logements libres', en: '2 free units' }
  ])('a sentence with its own zero (tonight’s free units), $n', ({ n, fr, en }) => {
    expect.hasAssertions();
    expect(messages('fr').tonight.summary.free(n)).toBe(fr);
    expect(messages('en').tonight.summary.free(n)).toBe(en);
  });
});
