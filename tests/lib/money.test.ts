// The housing mission's money on its pages: euros as a person types them, read as cents, and
// cents written back as euros. Every expected value is written out by hand.
import { describe, expect, it } from 'vitest';
import { parseEuros } from '../../src/lib/components/mission/money.ts';
import { formatCents, formatEuros, formatPlainCents } from '../../src/lib/format.ts';

// French writes a narrow no-break space between thousands and a no-break space before the euro sign.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('parseEuros', () => {
  it.each([
    { rule: 'whole euros', input: '650', cents: 65000 },
    { rule: 'a comma and two decimals', input: '650,50', cents: 65050 },
    { rule: 'a point and one decimal is tenths', input: '650.5', cents: 65050 },
    { rule: 'a comma and one decimal is tenths', input: '650,5', cents: 65050 },
    { rule: 'a space between thousands', input: '1 200', cents: 120000 },
    { rule: 'a no-break space between thousands', input: '1\u00a0200', cents: 120000 },
    { rule: 'a narrow no-break space between thousands and decimals', input: `1${NNBSP}200,00`, cents: 120000 },
    { rule: 'a euro sign after the amount', input: '650 €', cents: 65000 },
    { rule: 'a euro sign stuck to the amount', input: '650,50€', cents: 65050 },
    { rule: 'spaces around', input: '  650  ', cents: 65000 },
    { rule: 'zero', input: '0', cents: 0 },
    { rule: 'one cent', input: '0,01', cents: 1 },
    { rule: 'the largest amount, seven digits of euros', input: '9999999,99', cents: 999999999 }
  ])('$rule: « $input » is $cents cents', ({ input, cents }) => {
    expect.hasAssertions();
    expect(parseEuros(input)).toBe(cents);
  });

  it.each([
    { rule: 'an empty field', input: '' },
    { rule: 'only spaces', input: '   ' }
  ])('$rule is no amount (null)', ({ input }) => {
    expect.hasAssertions();
    expect(parseEuros(input)).toBeNull();
  });

  it.each([
    { rule: 'a negative amount', input: '-650' },
    { rule: 'a plus sign', input: '+650' },
    { rule: 'three decimals', input: '650,505' },
    { rule: 'a decimal separator without decimals', input: '650,' },
    { rule: 'decimals without euros', input: ',50' },
    { rule: 'two decimal separators', input: '1.200,50' },
    { rule: 'letters', input: 'six cents' },
    { rule: 'letters after the amount', input: '650 euros' },
    { rule: 'a euro sign before the amount', input: '€650' },
    { rule: 'only a euro sign', input: '€' },
    { rule: 'an exponent', input: '6e2' },
    { rule: 'eight digits of euros', input: '10000000' }
  ])('$rule: « $input » is refused (NaN)', ({ input }) => {
    expect.hasAssertions();
    expect(parseEuros(input)).toBeNaN();
  });
});

describe('formatCents', () => {
  it.each([
    { rule: 'whole euros without decimals', cents: 65000, fr: `650${NBSP}€`, en: '€650' },
    { rule: 'euros and cents with two decimals', cents: 65050, fr: `650,50${NBSP}€`, en: '€650.50' },
    { rule: 'one cent', cents: 1, fr: `0,01${NBSP}€`, en: '€0.01' },
    { rule: 'zero', cents: 0, fr: `0${NBSP}€`, en: '€0' },
    { rule: 'thousands separated', cents: 120000, fr: `1${NNBSP}200${NBSP}€`, en: '€1,200' },
    { rule: 'thousands and cents', cents: 123456, fr: `1${NNBSP}234,56${NBSP}€`, en: '€1,234.56' },
    { rule: 'thousands and fifty cents (« 1 200,50 € »)', cents: 120050, fr: `1${NNBSP}200,50${NBSP}€`, en: '€1,200.50' }
  ])('$rule: $cents cents', ({ cents, fr, en }) => {
    expect.hasAssertions();
    expect(formatCents(cents, 'fr')).toBe(fr);
    expect(formatCents(cents, 'en')).toBe(en);
  });

  it('reads back what it writes', () => {
    expect.hasAssertions();
    for (const cents of [0, 1, 99, 65000, 65050, 120000, 999999999]) expect(parseEuros(formatCents(cents, 'fr'))).toBe(cents);
  });
});

describe('formatEuros (src/lib/format.ts, shared by the referral and mission pages)', () => {
  it.each([
    { amount: 2000, fr: `2${NNBSP}000${NBSP}€`, en: '€2,000' },
    { amount: 186, fr: `186${NBSP}€`, en: '€186' },
    { amount: 62.5, fr: `62,50${NBSP}€`, en: '€62.50' }
  ])('$amount euros', ({ amount, fr, en }) => {
    expect.hasAssertions();
    expect(formatEuros(amount, 'fr')).toBe(fr);
    expect(formatEuros(amount, 'en')).toBe(en);
  });
});

describe('formatPlainCents (text programs read too: the matching reasons of the API)', () => {
  it.each([
    { cents: 100000, fr: '1000 €', en: '€1000' },
    { cents: 65050, fr: '650,50 €', en: '€650.50' },
    { cents: 120050, fr: '1200,50 €', en: '€1200.50' },
    { cents: 0, fr: '0 €', en: '€0' }
  ])('$cents cents', ({ cents, fr, en }) => {
    expect.hasAssertions();
    expect(formatPlainCents(cents, 'fr')).toBe(fr);
    expect(formatPlainCents(cents, 'en')).toBe(en);
  });
});
