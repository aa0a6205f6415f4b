// Counts and decimals as the report pages and their CSV write them: counts grouped for reading,
// decimals ungrouped with the language's decimal mark so a spreadsheet of that language reads a number.
import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatShortMonth } from '../../src/lib/format.ts';

describe('formatCount, formatDecimal, formatShortMonth', () => {
  it.each([
    { n: 0, fr: '0', en: '0' },
    { n: 1234, fr: '1\u202f234', en: '1,234' },
    { n: 1234567, fr: '1\u202f234\u202f567', en: '1,234,567' }
  ])('$n is counted as « $fr » and “$en”', ({ n, fr, en }) => {
    expect.hasAssertions();
    expect(formatCount(n, 'fr')).toBe(fr);
    expect(formatCount(n, 'en')).toBe(en);
  });

  it.each([
    { n: 75.55, digits: 1, fr: '75,6', en: '75.6' },
    { n: 1234.5, digits: 2, fr: '1234,50', en: '1234.50' },
    { n: 0, digits: 1, fr: '0,0', en: '0.0' }
  ])('$n with $digits digits is « $fr » and “$en”, never grouped', ({ n, digits, fr, en }) => {
    expect.hasAssertions();
    expect(formatDecimal(n, 'fr', digits)).toBe(fr);
    expect(formatDecimal(n, 'en', digits)).toBe(en);
  });

  it('a month under a chart column, with its year when the chart spans more than a year', () => {
    expect.hasAssertions();
    expect(formatShortMonth('2026-02', 'fr')).toBe('févr.');
    expect(formatShortMonth('2026-02', 'fr', true)).toBe('févr. 26');
    expect(formatShortMonth('2026-02', 'en')).toBe('Feb');
  });
});
